// genai::resolve_credentials: the one place that decides which credential a
// client uses, where it came from, which backend and project it serves, and
// what the user should be warned about. Client::create uses it, and so do
// `genai doctor`, `genai auth explain` and `genai auth print-identity`, so
// what they report is what a call would do.
//
// Everything it reads from outside comes through ResolverEnvironment, so a
// test (or a tool explaining "what if") can resolve against any environment
// without touching the process's:
//
//   genai::ResolverEnvironment env;
//   env.getenv = [](std::string_view n) -> std::optional<std::string> {
//     if (n == "GOOGLE_GENAI_USE_VERTEXAI") return "true";
//     if (n == "GOOGLE_APPLICATION_CREDENTIALS") return "/keys/sa.json";
//     return std::nullopt;
//   };
//   auto r = genai::resolve_credentials({}, env);
//   // r->kind == CredentialKind::kServiceAccount,
//   // r->source == "GOOGLE_APPLICATION_CREDENTIALS=/keys/sa.json"
#ifndef GENAI_AUTH_RESOLVE_H_
#define GENAI_AUTH_RESOLVE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/auth/credentials.h"
#include "genai/client.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai {

// What resolve_credentials reads from outside the options. A function left
// empty reads the real thing.
struct ResolverEnvironment {
  // Environment variables (GEMINI_API_KEY, GOOGLE_APPLICATION_CREDENTIALS, ...).
  std::function<std::optional<std::string>(std::string_view name)> getenv;
  // Whether a file exists (gcloud's application-default credentials file).
  std::function<bool(const std::string& path)> file_exists;
  // A credentials file's text. The real one also warns, through
  // ClientOptions::on_warning, when the file is readable by others.
  std::function<Result<std::string>(const std::string& path)> read_file;
  // Whether a metadata server answers at host[:port]. The real one probes
  // it over the client's transport with a 500 ms timeout.
  std::function<bool(const std::string& host)> metadata_server_available;
};

// A warning or a note of the resolver: what it decided and why, as a code a
// tool can word in its own language (genai doctor does, in Chinese too), the
// variable it concerns, and the library's English sentence.
struct ResolverNote {
  enum class Code {
    // Warnings, as the official SDKs print them:
    kBothApiKeyVariables,        // GOOGLE_API_KEY and GEMINI_API_KEY both set: GOOGLE_API_KEY is used
    kVertexVariablesDisagree,    // GOOGLE_GENAI_USE_ENTERPRISE and _VERTEXAI disagree: ENTERPRISE wins
    // Notes:
    kApiKeyIgnored,  // the key in `variable` is not used: Vertex AI with a project calls with OAuth
    kExpressMode,    // the key in `variable` is used (Vertex AI express mode) because no project is set
  };
  Code code;
  std::string variable;  // the environment variable it concerns, if any ("GEMINI_API_KEY")
  std::string text;      // in English, e.g. "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY."
};

struct ResolvedCredentials {
  std::shared_ptr<Credentials> credentials;  // never null on success
  CredentialKind kind = CredentialKind::kApiKey;
  // Where it came from, for humans: "environment variable GEMINI_API_KEY",
  // "ClientOptions.api_key", "ClientOptions.credentials",
  // "Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS=/p/sa.json)", ...
  std::string source;
  // The backend, base URL, project and location settled, as Client::config()
  // reports them (credential_kind/description/source filled in).
  ClientConfig config;
  // Vertex AI: where config.project came from ("ClientOptions.project",
  // "environment variable GOOGLE_CLOUD_PROJECT", "the credential (its key
  // file's project_id)"); empty when there is none.
  std::string project_source;
  // The project billed for the calls (x-goog-user-project): the key file's
  // quota_project_id, else GOOGLE_CLOUD_QUOTA_PROJECT; empty if none.
  std::string quota_project;
  // Warnings the official SDKs print too (both key variables set, ...).
  // Client::create prints their text once.
  std::vector<ResolverNote> warnings;
  // Decisions a user may not expect, for `genai doctor` to explain (an API
  // key variable ignored because a project is set, express mode chosen
  // because a key variable is set). Not printed by Client::create.
  std::vector<ResolverNote> notes;
};

// Resolves `options` against `environment`, in the official SDKs' order:
// an explicit credential; else an API key (ClientOptions::api_key,
// GOOGLE_API_KEY over GEMINI_API_KEY; on Vertex AI only without a project,
// as express mode); else on Vertex AI, Application Default Credentials
// (GOOGLE_APPLICATION_CREDENTIALS, gcloud's file, the metadata server).
// Fails with kInvalidArgument for contradictory options and kAuth when no
// credential can be found or loaded. Token-based credentials it creates
// send their token requests over options.transport when one is given.
Result<ResolvedCredentials> resolve_credentials(const ClientOptions& options,
                                                const ResolverEnvironment& environment = {});

}  // namespace genai

#endif  // GENAI_AUTH_RESOLVE_H_
