// genai auth: what credential is in use, and an access token for curl users.
#include <cstring>
#include <iostream>

#include <sys/stat.h>

#include "auth/key_files.h"
#include "cli/app.h"
#include "core/redact.h"

namespace genai::cli {
namespace {



int print_access_token(const GlobalOptions& g) {
  int code = kExitOk;
  std::optional<std::shared_ptr<Credentials>> creds = make_credentials(g, &code);
  if (!creds) return code;
  std::shared_ptr<Credentials> c = *creds;
  if (!c) {
    CredentialsOptions o;
    o.on_warning = [](std::string_view w) { std::cerr << "genai: warning: " << w << "\n"; };
    Result<DefaultCredentials> adc = find_default_credentials(o);
    if (!adc) return report(adc.error());
    c = adc->credentials;
  }
  Result<HttpHeaders> headers = c->authorization_headers(std::chrono::system_clock::now());
  if (!headers) return report(headers.error());
  for (const auto& [name, value] : *headers) {
    if (name == "Authorization" && value.rfind("Bearer ", 0) == 0) {
      // The one place genai prints a secret, because it was asked to.
      std::cout << value.substr(7) << "\n";
      return kExitOk;
    }
  }
  std::cerr << "genai: error: " << c->kind() << " credentials have no access token\n";
  return kExitUsage;
}

int print_identity(const GlobalOptions& g) {
  int code = kExitOk;
  std::optional<Client> client = make_client(g, &code);
  if (!client) return code;
  const ClientConfig& c = client->config();
  std::string source = c.credential_source;
  if (!g.credentials_file.empty()) source = "--credentials " + g.credentials_file;
  if (!g.impersonate.empty()) source = "--impersonate-service-account " + g.impersonate + " (source: " +
                                       (g.credentials_file.empty() ? "Application Default Credentials" : source) + ")";
  std::cout << "backend:     " << (c.vertexai ? (c.express_mode ? "Vertex AI (express mode)" : "Vertex AI")
                                              : "Gemini Developer API")
            << "\n"
            << "endpoint:    " << c.base_url << "/" << c.api_version << "\n"
            << "credential:  " << c.credential_kind << "\n"
            << "identity:    " << internal::redact(c.credential_description) << "\n"
            << "source:      " << source << "\n";
  if (c.vertexai && !c.express_mode) {
    std::cout << "project:     " << c.project << "\n"
              << "location:    " << c.location << "\n";
  }
  return kExitOk;
}

// What a credentials file is, who it speaks for, and what to watch out for,
// without using it (no network) and without printing a secret.
int explain_file(const std::string& path) {
  Result<std::string> text = internal::read_credentials_file(path);
  if (!text) return report(text.error());
  struct stat st {};
  const bool loose = ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0;
  auto line = [](const char* k, const std::string& v) { std::cout << "  " << k << std::string(14 - std::strlen(k), ' ') << v << "\n"; };
  std::string trimmed = *text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  if (trimmed.rfind("AIza", 0) == 0 && trimmed.find('\n') == std::string::npos) {
    std::cout << path << ": a Google API key (" << internal::mask_secret(trimmed) << ")\n";
    line("use", "the Gemini Developer API (genai --api-key-file " + path + "), or Vertex AI express mode");
    line("note", "an AI Studio key works only for the Gemini API; a Cloud Console key works for the APIs its restrictions allow");
    line("check", "genai --api-key-file " + path + " doctor");
  } else {
    Result<nlohmann::json> j = internal::parse_credentials_json(*text, path);
    if (!j) return report(j.error());
    const std::string type = j->value("type", "");
    if (type == "service_account") {
      Result<internal::ServiceAccountInfo> sa = internal::parse_service_account(*j, path);
      if (!sa) return report(sa.error());
      std::cout << path << ": a service-account key (\"Application data\" in the Cloud Console)\n";
      line("account", sa->client_email);
      line("project", sa->project_id.empty() ? "(none in the file)" : sa->project_id);
      line("key id", sa->private_key_id.empty() ? "(none)" : sa->private_key_id);
      line("token uri", sa->token_uri);
      line("use", "Vertex AI: genai --vertex --credentials " + path + " ..., or GOOGLE_APPLICATION_CREDENTIALS=" + path);
      line("role", "it needs roles/aiplatform.user on the project; Editor or Owner is more than calling Gemini needs");
      line("note", "the file holds a private key: anyone who reads it can act as the account. Rotate it at least every 90 days");
    } else if (type == "authorized_user") {
      Result<internal::AuthorizedUserInfo> u = internal::parse_authorized_user(*j, path);
      if (!u) return report(u.error());
      std::cout << path << ": user credentials (\"User data\": your account through an OAuth client, as "
                << "`gcloud auth application-default login` writes them)\n";
      line("account", u->account.empty() ? "(not recorded in the file)" : u->account);
      line("client", u->client_id);
      line("quota proj.", u->quota_project_id.empty() ? "(none: calls bill the OAuth client's project)" : u->quota_project_id);
      line("use", "Vertex AI with --project P: genai --vertex --project P --credentials " + path + " ...");
      line("note", "calls run with every permission of your account: a Project Owner's account is for administration");
    } else if (type == "impersonated_service_account") {
      Result<internal::ImpersonatedInfo> i = internal::parse_impersonated(*j, path);
      if (!i) return report(i.error());
      std::cout << path << ": impersonation of a service account\n";
      line("target", i->target);
      line("source", i->source_credentials.value("type", "(unknown)") + " credentials");
      line("needs", "roles/iam.serviceAccountTokenCreator for the source on the target");
      line("use", "Vertex AI: genai --vertex --credentials " + path + " ...");
    } else {
      std::cout << path << ": a credentials file of type \"" << (type.empty() ? "(none)" : type)
                << "\", which genai does not support\n";
      return kExitAuth;
    }
  }
  if (loose) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    line("WARNING", std::string("mode ") + mode + ": other users can read this secret. Run: chmod 600 " + path);
  }
  return kExitOk;
}

}  // namespace

void add_auth_command(CLI::App& app, AppContext& ctx) {
  CLI::App* auth = app.add_subcommand("auth", "Show which credential genai uses; print an access token");
  auth->require_subcommand(1);
  CLI::App* token = auth->add_subcommand(
      "print-access-token", "Print an OAuth access token (from --credentials, --impersonate-service-account or ADC)");
  token->footer("Example:\n  curl -H \"Authorization: Bearer $(genai auth print-access-token)\" https://...");
  token->callback([&ctx] { ctx.action = [&ctx] { return print_access_token(ctx.global); }; });
  CLI::App* identity = auth->add_subcommand(
      "print-identity", "Print the backend, credential kind, principal and where it came from (secrets redacted)");
  identity->footer("Examples:\n  genai auth print-identity\n  genai --vertex --credentials sa.json auth print-identity");
  identity->callback([&ctx] { ctx.action = [&ctx] { return print_identity(ctx.global); }; });
  auto file = std::make_shared<std::string>();
  CLI::App* explain = auth->add_subcommand(
      "explain", "Say what a credentials file (or API key file) is, whom it speaks for and what it needs; offline");
  explain->add_option("file", *file, "A service-account key, authorized_user, impersonated_service_account or API key file")
      ->required();
  explain->footer("Example:\n  genai auth explain ~/.config/gcloud/application_default_credentials.json");
  explain->callback([&ctx, file] { ctx.action = [file] { return explain_file(*file); }; });
}

}  // namespace genai::cli
