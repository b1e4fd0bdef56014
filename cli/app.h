// The genai command: shared pieces of every subcommand (global options,
// building the Client, printing errors, exit codes).
#ifndef GENAI_CLI_APP_H_
#define GENAI_CLI_APP_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "cli/messages.h"
#include "genai/genai.h"

namespace genai::cli {

// Exit codes, documented in `genai --help` and docs/cli.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitUnexpected = 1,
  kExitUsage = 2,
  kExitAuth = 3,
  kExitApi = 4,
  kExitNetwork = 5,
  kExitBlocked = 6,  // Google's safety or content filters withheld the answer
  kExitInterrupted = 130,
};

struct GlobalOptions {
  std::string api_key_file;
  std::string credentials_file;     // --credentials FILE
  std::string impersonate;          // --impersonate-service-account EMAIL
  bool vertex = false;
  std::string project;
  std::string location;
  std::string base_url;
  std::string api_version;
  int timeout_ms = 0;
  double deadline_s = -1;  // --deadline SECONDS; negative: library default, 0: none
  int retries = 0;  // 0: library default
  std::string proxy;                   // --proxy URL: for http:// and https:// requests
  std::string no_proxy;                // --no-proxy LIST
  std::string proxy_credentials_file;  // --proxy-credentials-file PATH: "user:password"
  bool verbose = false;
  std::string lang;  // --lang: "en" or "zh"; empty: $GENAI_LANG, else en
};

struct AppContext {
  GlobalOptions global;
  // Set by the subcommand that was selected; run after parsing.
  std::function<int()> action;
};

// The ClientOptions the global options ask for (credentials from
// --credentials / --impersonate-service-account, the key from --api-key-file,
// backend, base URL, retries, proxy, verbose tracing). On failure prints the error
// and returns nullopt with *exit_code set. Warnings (a credentials file others
// can read, both key variables set) go to `on_warning`; by default they are
// printed on stderr in English, as the library words them.
std::optional<ClientOptions> client_options(const GlobalOptions& options, int* exit_code,
                                            std::function<void(std::string_view)> on_warning = {});

// --verbose: a trace callback that prints each request and response line on
// stderr, redacted; empty without --verbose.
std::function<void(std::string_view)> verbose_trace(const GlobalOptions& options);

// Builds a Client from the global options and the environment. On failure
// prints the error and returns nullopt with *exit_code set.
std::optional<Client> make_client(const GlobalOptions& options, int* exit_code);

// The credential the global options ask for: --credentials FILE and/or
// --impersonate-service-account (source: the file, else ADC). Null when
// neither is given (the Client then uses the API key or ADC). On failure
// prints the error and returns nullopt with *exit_code set.
std::optional<std::shared_ptr<Credentials>> make_credentials(const GlobalOptions& options, int* exit_code,
                                                             std::function<void(std::string_view)> on_warning = {});

// The language of `auth explain` and `doctor`: --lang, else $GENAI_LANG, else English.
Lang lang_of(const GlobalOptions& options);

// Where the credential of `config` came from, as the user would say it: the
// flag that named it, else the library's description (environment, ADC file,
// metadata server).
std::string credential_source(const GlobalOptions& options, const ClientConfig& config);

// Prints "genai: error: ..." and the fix to stderr; returns the exit code for it.
// --proxy, --no-proxy and --proxy-credentials-file into `http` (false, with
// the error printed and *exit_code set, when the credentials file is unusable).
bool set_proxy_options(const GlobalOptions& g, HttpOptions& http, int* exit_code);

// A library hint in the CLI's words: option names become flags
// ("ClientOptions::vertexai" -> "--vertex").
std::string cli_fix(std::string fix);

int report(const Error& error);
int exit_code_for(const Error& error);

// The prompt: the joined positional words, or all of stdin for none or "-".
// Returns nullopt (after printing a usage error) when nothing was given.
std::optional<std::string> read_prompt(const std::vector<std::string>& words, const char* what);

// The model of `generate` and `chat`: `flag`, else $GENAI_MODEL, else gemini-2.5-flash.
std::string text_model(const std::string& flag);

bool stdout_is_terminal();

// The base URL of a Google Cloud API (Resource Manager, Service Usage, API
// Keys, IAM, OAuth tokeninfo): `flag`, else GENAI_CLOUD_BASE_URL (e.g. the
// emulator, which serves all of them), else `google_default`.
std::string cloud_base_url(const std::string& flag, const char* google_default);

// Set by a SIGINT handler; long operations poll it to stop cleanly.
bool interrupted();
// How many times Ctrl-C was pressed (genai run: once stops, twice abandons).
int interrupt_count();
void install_interrupt_handler();

void add_generate_command(CLI::App& app, AppContext& ctx);
void add_image_command(CLI::App& app, AppContext& ctx);
void add_video_command(CLI::App& app, AppContext& ctx);
void add_operations_command(CLI::App& app, AppContext& ctx);
void add_batch_command(CLI::App& app, AppContext& ctx);
void add_files_command(CLI::App& app, AppContext& ctx);
void add_chat_command(CLI::App& app, AppContext& ctx);
void add_tokens_command(CLI::App& app, AppContext& ctx);
void add_embed_command(CLI::App& app, AppContext& ctx);
void add_models_command(CLI::App& app, AppContext& ctx);
void add_caches_command(CLI::App& app, AppContext& ctx);
void add_tunings_command(CLI::App& app, AppContext& ctx);
void add_demo_command(CLI::App& app, AppContext& ctx);
void add_auth_command(CLI::App& app, AppContext& ctx);
void add_doctor_command(CLI::App& app, AppContext& ctx);
void add_setup_command(CLI::App& app, AppContext& ctx);
void add_run_command(CLI::App& app, AppContext& ctx);
void add_storage_command(CLI::App& app, AppContext& ctx);
void add_live_command(CLI::App& app, AppContext& ctx);
void add_stores_command(CLI::App& app, AppContext& ctx);

int run(int argc, char** argv);

}  // namespace genai::cli

#endif  // GENAI_CLI_APP_H_
