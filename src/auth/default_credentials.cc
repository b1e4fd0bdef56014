// Credentials files of any type, and Application Default Credentials in
// Google's order: GOOGLE_APPLICATION_CREDENTIALS, gcloud's well-known file,
// the metadata server.
#include <cstdlib>
#include <iostream>

#include "core/redact.h"
#include "auth/factories.h"
#include "auth/key_files.h"
#include "auth/token_credentials.h"
#include "core/errors.h"

namespace genai {
namespace internal {
namespace {

// The metadata server must answer fast: off Google Cloud the probe should
// cost the user almost nothing.
constexpr std::chrono::milliseconds kMetadataProbeTimeout{500};

void warn(const CredentialsOptions& options, const std::string& message) {
  if (options.on_warning) {
    options.on_warning(message);
  } else {
    std::cerr << "genai: warning: " << message << "\n";
  }
}

std::string gcloud_adc_path(const CredentialsOptions& options) {
  if (std::string dir = option_env(options, "CLOUDSDK_CONFIG"); !dir.empty()) {
    return dir + "/application_default_credentials.json";
  }
  const std::string home = option_env(options, "HOME");
  if (home.empty()) return {};
  return home + "/.config/gcloud/application_default_credentials.json";
}

bool file_exists(const std::string& path) {
  FILE* f = path.empty() ? nullptr : std::fopen(path.c_str(), "rb");
  if (f) std::fclose(f);
  return f != nullptr;
}

}  // namespace

Result<std::shared_ptr<Credentials>> credentials_from_json(const nlohmann::json& j, const std::string& where,
                                                          CredentialsOptions options) {
  const std::string type = credentials_type(j);
  if (type == "service_account") return service_account_from_json(j, where, std::move(options));
  if (type == "authorized_user") return authorized_user_from_json(j, where, std::move(options));
  if (type == "impersonated_service_account") return impersonated_from_json(j, where, std::move(options));
  if (type.empty()) {
    return wrong_type(j, where, "service_account, authorized_user or impersonated_service_account",
                      "A Google credentials file has \"type\": service_account, authorized_user or "
                      "impersonated_service_account; check that this is the downloaded JSON file.");
  }
  return auth_error("unsupported credentials type \"" + type + "\" in " + where,
                    "genai supports service_account, authorized_user and impersonated_service_account files "
                    "(external_account / workload identity federation is not supported yet).",
                    "CREDENTIALS_FILE_UNSUPPORTED_TYPE", {{"file", where}, {"type", type}});
}

Result<std::shared_ptr<Credentials>> credentials_from_text(std::string text, const std::string& where,
                                                          CredentialsOptions options) {
  Result<nlohmann::json> j = parse_credentials_json(text, where);
  wipe_secret(text);  // the text holds the secret: wipe it once parsed
  if (!j) return std::move(j).error();
  return credentials_from_json(*j, where, std::move(options));
}

AdcSources real_adc_sources(const CredentialsOptions& options) {
  AdcSources s;
  s.file_exists = file_exists;
  s.read_file = [options](const std::string& path) -> Result<std::string> {
    Result<std::string> text = read_credentials_file(path);
    if (text) {
      if (auto w = loose_permissions_warning(path)) warn(options, *w);
    }
    return text;
  };
  s.metadata_server_available = [options](const std::string& host) {
    std::shared_ptr<HttpTransport> transport = options.transport ? options.transport : make_curl_transport({});
    return metadata_server_available(*transport, host, kMetadataProbeTimeout);
  };
  return s;
}

Result<DefaultCredentials> find_default_credentials(CredentialsOptions options, const AdcSources& sources) {
  DefaultCredentials out;
  std::string env_project = option_env(options, "GOOGLE_CLOUD_PROJECT");
  if (env_project.empty()) env_project = option_env(options, "GCLOUD_PROJECT");

  auto load = [&](const std::string& path, std::string source) -> Result<DefaultCredentials> {
    Result<std::string> text = sources.read_file(path);
    if (!text) return std::move(text).error();
    Result<std::shared_ptr<Credentials>> creds = credentials_from_text(std::move(*text), path, options);
    if (!creds) return std::move(creds).error();
    out.credentials = std::move(*creds);
    out.source = std::move(source);
    out.project_id = env_project.empty() ? out.credentials->project_id() : env_project;
    return out;
  };

  if (std::string path = option_env(options, "GOOGLE_APPLICATION_CREDENTIALS"); !path.empty()) {
    return load(path, "GOOGLE_APPLICATION_CREDENTIALS=" + path);
  }
  if (const std::string path = gcloud_adc_path(options); !path.empty() && sources.file_exists(path)) {
    return load(path, "gcloud application-default credentials " + path);
  }
  if (option_env(options, "NO_GCE_CHECK") != "true") {
    const std::string host = metadata_host(options);
    if (sources.metadata_server_available(host)) {
      out.credentials = make_metadata_server_credentials(options);
      out.source = "the metadata server at " + host;
      // Asking the metadata server for its project costs a request: only
      // when the environment names none.
      out.project_id = env_project.empty() ? out.credentials->project_id() : env_project;
      return out;
    }
  }
  return auth_error(
      "no Application Default Credentials found (GOOGLE_APPLICATION_CREDENTIALS is not set, there is no gcloud "
      "credentials file, and no metadata server answered)",
      "Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key "
      "file; see https://cloud.google.com/docs/authentication/external/set-up-adc");
}

}  // namespace internal

const char* to_string(CredentialKind kind) {
  switch (kind) {
    case CredentialKind::kApiKey: return "api_key";
    case CredentialKind::kAccessToken: return "access_token";
    case CredentialKind::kServiceAccount: return "service_account";
    case CredentialKind::kAuthorizedUser: return "authorized_user";
    case CredentialKind::kMetadataServer: return "metadata_server";
    case CredentialKind::kImpersonated: return "impersonated_service_account";
    case CredentialKind::kOther: break;
  }
  return "other";
}

Result<std::shared_ptr<Credentials>> load_credentials_file(const std::string& path, CredentialsOptions options) {
  Result<std::string> text = internal::real_adc_sources(options).read_file(path);
  if (!text) return std::move(text).error();
  return internal::credentials_from_text(std::move(*text), path, std::move(options));
}

Result<DefaultCredentials> find_default_credentials(CredentialsOptions options) {
  const internal::AdcSources sources = internal::real_adc_sources(options);
  return internal::find_default_credentials(std::move(options), sources);
}

}  // namespace genai
