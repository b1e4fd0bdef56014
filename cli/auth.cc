// genai auth: what credential is in use, and an access token for curl users.
#include <iostream>

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
}

}  // namespace genai::cli
