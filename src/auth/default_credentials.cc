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
    return auth_error(where + describe_credentials_type(j),
                      "A Google credentials file has \"type\": service_account, authorized_user or "
                      "impersonated_service_account; check that this is the downloaded JSON file.");
  }
  return auth_error("unsupported credentials type \"" + type + "\" in " + where,
                    "genai supports service_account, authorized_user and impersonated_service_account files "
                    "(external_account / workload identity federation is not supported yet).");
}

}  // namespace internal

Result<std::shared_ptr<Credentials>> load_credentials_file(const std::string& path, CredentialsOptions options) {
  Result<std::string> text = internal::read_credentials_file(path);
  if (!text) return std::move(text).error();
  if (auto w = internal::loose_permissions_warning(path)) internal::warn(options, *w);
  Result<nlohmann::json> j = internal::parse_credentials_json(*text, path);
  internal::wipe_secret(*text);  // the text holds the secret: wipe it once parsed
  if (!j) return std::move(j).error();
  return internal::credentials_from_json(*j, path, std::move(options));
}

Result<DefaultCredentials> find_default_credentials(CredentialsOptions options) {
  DefaultCredentials out;
  std::string env_project = internal::option_env(options, "GOOGLE_CLOUD_PROJECT");
  if (env_project.empty()) env_project = internal::option_env(options, "GCLOUD_PROJECT");

  auto finish = [&](Result<std::shared_ptr<Credentials>> creds, std::string source) -> Result<DefaultCredentials> {
    if (!creds) return std::move(creds).error();
    out.credentials = std::move(*creds);
    out.source = std::move(source);
    out.project_id = env_project.empty() ? out.credentials->project_id() : env_project;
    return out;
  };

  if (std::string path = internal::option_env(options, "GOOGLE_APPLICATION_CREDENTIALS"); !path.empty()) {
    return finish(load_credentials_file(path, options), "GOOGLE_APPLICATION_CREDENTIALS=" + path);
  }
  if (const std::string path = internal::gcloud_adc_path(options); internal::file_exists(path)) {
    return finish(load_credentials_file(path, options), "gcloud application-default credentials " + path);
  }
  if (internal::option_env(options, "NO_GCE_CHECK") != "true") {
    const std::string host = internal::metadata_host(options);
    std::shared_ptr<HttpTransport> transport = options.transport ? options.transport : make_curl_transport({});
    if (internal::metadata_server_available(*transport, host, internal::kMetadataProbeTimeout)) {
      options.transport = transport;
      return finish(std::shared_ptr<Credentials>(make_metadata_server_credentials(options)), "the metadata server at " + host);
    }
  }
  return internal::auth_error(
      "no Application Default Credentials found (GOOGLE_APPLICATION_CREDENTIALS is not set, there is no gcloud "
      "credentials file, and no metadata server answered)",
      "Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key "
      "file; see https://cloud.google.com/docs/authentication/external/set-up-adc");
}

}  // namespace genai
