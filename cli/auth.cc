// genai auth: what credential is in use, and an access token for curl users.
#include <cstring>
#include <iostream>

#include <sys/stat.h>

#include "cli/app.h"
#include "cli/error_text.h"
#include "cli/explain.h"

namespace genai::cli {
namespace {



int print_access_token(const GlobalOptions& g) {
  int code = kExitOk;
  std::optional<std::shared_ptr<Credentials>> creds = make_credentials(g, &code);
  if (!creds) return code;
  std::shared_ptr<Credentials> c = *creds;
  if (!c) {
    CredentialsOptions o;
    o.on_warning = print_warning;
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
  std::cerr << "genai: error: " << to_string(c->kind()) << " credentials have no access token\n";
  return kExitUsage;
}

int print_identity(const GlobalOptions& g) {
  int code = kExitOk;
  std::optional<ClientOptions> o = client_options(g, &code);
  if (!o) return code;
  // What Client::create would settle on, with where each part came from.
  Result<ResolvedCredentials> r = resolve_credentials(*o);
  if (!r) return report(r.error());
  for (const ResolverNote& w : r->warnings) print_warning(w.text);
  const Lang lang = lang_of(g);
  // One "label:" column, padded to the widest label in this language.
  const auto line = [lang](M label, const std::string& value) {
    std::string l = tr(lang, label) + (lang == Lang::kEn ? ":" : "：");
    const size_t width = lang == Lang::kEn ? 13 : 4 * 3 + 3;  // "credential:  "; four CJK characters and "："
    if (l.size() < width) l.append(width - l.size(), ' ');
    std::cout << l << (lang == Lang::kEn ? "" : " ") << value << "\n";
  };
  const ClientConfig& c = r->config;
  // The products' names are the same in every language.
  line(M::kIdBackend, !c.vertexai       ? std::string("Gemini Developer API")
                      : c.express_mode ? tr(lang, M::kIdVertexExpress)
                                       : std::string("Vertex AI"));
  line(M::kIdEndpoint, c.base_url + "/" + c.api_version);
  line(M::kIdCredential, to_string(r->kind));
  line(M::kIdIdentity, redact(c.credential_description));
  line(M::kIdSource, credential_source(g, c));
  if (c.vertexai && !c.express_mode) {
    line(M::kIdProject, c.project + (r->project_source.empty() ? "" : tr(lang, M::kIdFrom, {r->project_source})));
    line(M::kIdLocation, c.location);
  }
  for (const ResolverNote& note : r->notes) {
    std::string text = note.text;
    if (lang != Lang::kEn && note.code == ResolverNote::Code::kExpressMode) {
      text = tr(lang, M::kNoteExpressMode, {note.variable});
    } else if (lang != Lang::kEn && note.code == ResolverNote::Code::kApiKeyIgnored) {
      text = tr(lang, M::kNoteApiKeyIgnored, {note.variable});
    }
    line(M::kIdNote, text);
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
  struct ExplainArgs {
    std::string file;
    bool json = false;
  };
  auto args = std::make_shared<ExplainArgs>();
  CLI::App* explain_cmd = auth->add_subcommand(
      "explain",
      "Compare the kinds of credential (Console key, AI Studio key, service account, user, metadata server, Owner), "
      "marking the one in use; or say what a credentials file is. Offline");
  explain_cmd->add_option("file", args->file,
                          "A service-account key, authorized_user, impersonated_service_account or API key file");
  explain_cmd->add_flag("--json", args->json, "Print it as JSON");
  explain_cmd->footer(
      "Examples:\n  genai auth explain\n  genai --lang zh auth explain\n"
      "  genai auth explain ~/.config/gcloud/application_default_credentials.json --json");
  explain_cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return explain(ctx.global, args->file, args->json); }; });
}

}  // namespace genai::cli
