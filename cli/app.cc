#include "cli/app.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/error_text.h"
#include "cli/number_flags.h"

#ifndef GENAI_VERSION_STRING
#define GENAI_VERSION_STRING "0.1.0"
#endif

namespace genai::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_interrupts{0};

void on_sigint(int) {
  g_interrupted.store(true);
  g_interrupts.fetch_add(1);
}

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

constexpr const char* kFooter = R"(Credentials, Gemini Developer API: GEMINI_API_KEY or GOOGLE_API_KEY (GOOGLE_API_KEY wins),
or --api-key-file PATH. Vertex AI (--vertex): --credentials FILE (service-account key,
authorized_user or impersonated_service_account file), else Application Default Credentials
(GOOGLE_APPLICATION_CREDENTIALS, gcloud's application-default file, the metadata server).
There is no flag that takes a key itself: it would be visible to every user in `ps`.
Likewise a proxy's password belongs in --proxy-credentials-file FILE (user:password)
or in https_proxy, not in --proxy.

Exit codes: 0 ok, 1 unexpected, 2 usage error, 3 credential problem (missing/invalid key,
API disabled, key restriction, permission denied), 4 other API error, 5 network error,
6 answer blocked by a safety or content filter (the reason on stderr), 130 interrupted.)";

}  // namespace

bool interrupted() { return g_interrupted.load(); }

int interrupt_count() { return g_interrupts.load(); }

void install_interrupt_handler() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
}

Lang lang_of(const GlobalOptions& g) {
  if (!g.lang.empty()) return parse_lang(g.lang);
  const char* env = std::getenv("GENAI_LANG");
  return parse_lang(env ? env : "");
}

std::string credential_source(const GlobalOptions& g, const ClientConfig& c) {
  std::string source = c.credential_source;
  if (!g.credentials_file.empty()) source = "--credentials " + g.credentials_file;
  if (!g.impersonate.empty()) {
    source = "--impersonate-service-account " + g.impersonate + " (source: " +
             (g.credentials_file.empty() ? "Application Default Credentials" : source) + ")";
  }
  return source;
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO) == 1; }

std::string text_model(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("GENAI_MODEL");
  return env && *env ? env : "gemini-2.5-flash";
}

std::string cloud_base_url(const std::string& flag, const char* google_default) {
  std::string base = flag;
  if (base.empty()) {
    const char* env = std::getenv("GENAI_CLOUD_BASE_URL");
    base = env ? env : "";
  }
  if (base.empty()) base = google_default;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

int exit_code_for(const Error& e) {
  switch (e.kind) {
    case ErrorKind::kAuth: return kExitAuth;
    case ErrorKind::kTransport: return kExitNetwork;
    case ErrorKind::kCancelled: return kExitInterrupted;
    case ErrorKind::kInvalidArgument: return kExitUsage;
    case ErrorKind::kBlocked: return kExitBlocked;
    case ErrorKind::kApi: break;
  }
  const std::string& reason = e.reason();
  if (e.http_status == 401 || e.http_status == 403 || reason == "API_KEY_INVALID" || reason == "invalid_grant") {
    return kExitAuth;
  }
  return kExitApi;
}

std::string cli_fix(std::string fix) {
  // libgenai's hints name its options; at the terminal the same thing is a flag.
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"ClientOptions::vertexai", "--vertex"},
      {"ClientOptions::project", "--project"},
      {"ClientOptions::api_key read from a file", "--api-key-file PATH"},
      {"ClientOptions::api_key", "--api-key-file PATH"},
      {"the file given as ClientOptions::credentials", "--credentials FILE"},
      {"HttpOptions::timeout", "--timeout MS"},
      {"HttpOptions::deadline", "--deadline SECONDS"},
      {"HttpOptions::proxy username/password", "--proxy-credentials-file FILE"},
      {"Client::config() reports them", "`genai --verbose ...` prints them"},
      {"caches().list()", "`genai caches list`"},
      {"models().list()", "`genai models list`"},
      {"overwrite = true", "--force"},
      {"Leave session_resumption.transparent unset", "Leave out --transparent"},
  };
  for (const auto& [library, flag] : kWords) {
    for (size_t at = fix.find(library); at != std::string::npos; at = fix.find(library, at + flag.size())) {
      fix.replace(at, library.size(), flag);
    }
  }
  return fix;
}

int report(const Error& e) {
  // genai's own words for the library's own errors, in the user's language.
  if (std::optional<ErrorText> local = localized_error(error_lang(), e)) {
    print_error(error_lang(), redact(local->message), redact(local->fix));
    return exit_code_for(e);
  }
  Error shown = e;
  // A message may name the option that bounded the call (HttpOptions::deadline).
  shown.message = cli_fix(std::move(shown.message));
  shown.fix = cli_fix(std::move(shown.fix));
  std::cerr << "genai: error: " << redact(shown.to_string()) << "\n";
  return exit_code_for(e);
}

namespace {

// Reads a file that holds a secret (an API key, proxy credentials), trimmed.
// Like ssh, warns (through `on_warning`, else on stderr) when other users can
// read it. On failure prints the error and returns nullopt with *exit_code set.
std::optional<std::string> read_secret_file(const std::string& path, const std::string& what, int* exit_code,
                                            const std::function<void(std::string_view)>& on_warning = {}) {
  // The warning keeps the English words (doctor reads it and says it in the
  // user's language); the errors are said in it here.
  const Lang lang = error_lang();
  const std::string noun = tr(lang, what == "API key file" ? M::kNounApiKeyFile : M::kNounProxyCredentialsFile);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    print_error(lang, tr(lang, M::kErrSecretFileUnreadable, {noun, path}), tr(lang, M::kFixCheckPath));
    *exit_code = kExitAuth;
    return std::nullopt;
  }
  if ((st.st_mode & 077) != 0) {
    const std::string warning =
        "the " + what + " " + path + " is readable by other users; run: chmod 600 " + path;
    if (on_warning) {
      on_warning(warning);
    } else {
      print_warning(warning);
    }
  }
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  std::string text = trim(raw);
  wipe_secret(raw);
  if (text.empty()) {
    print_error(lang, tr(lang, M::kErrSecretFileEmpty, {noun, path}), "");
    *exit_code = kExitAuth;
    return std::nullopt;
  }
  return text;
}

}  // namespace

// --proxy, --no-proxy and --proxy-credentials-file into `http`. A password
// belongs in the file or the environment: argv is visible in `ps`.
bool set_proxy_options(const GlobalOptions& g, HttpOptions& http, int* exit_code) {
  http.proxy.http = g.proxy;
  http.proxy.https = g.proxy;
  http.proxy.no_proxy = g.no_proxy;
  const size_t authority = g.proxy.find("://");
  if (authority != std::string::npos) {
    const std::string host_part = g.proxy.substr(authority + 3, g.proxy.find('/', authority + 3) - authority - 3);
    const size_t at = host_part.rfind('@');
    if (at != std::string::npos && host_part.find(':') < at) {
      print_warning(tr(error_lang(), M::kWarnProxyPasswordVisible));
    }
  }
  if (g.proxy_credentials_file.empty()) return true;
  std::optional<std::string> credentials = read_secret_file(g.proxy_credentials_file, "proxy credentials file", exit_code);
  if (!credentials) return false;
  const size_t colon = credentials->find(':');
  if (colon == std::string::npos) {
    wipe_secret(*credentials);
    std::cerr << "genai: error: the proxy credentials file " << g.proxy_credentials_file
              << " does not hold user:password\n  fix: write one line, user:password\n";
    *exit_code = kExitUsage;
    return false;
  }
  http.proxy.username = credentials->substr(0, colon);
  http.proxy.password = credentials->substr(colon + 1);
  wipe_secret(*credentials);
  return true;
}


std::optional<std::string> read_prompt(const std::vector<std::string>& words, const char* what) {
  std::string text;
  if (words.empty() || (words.size() == 1 && words[0] == "-")) {
    if (isatty(STDIN_FILENO) == 1 && words.empty()) {
      std::cerr << "genai: error: no " << what << " given\n  fix: pass it as an argument, or pipe it on stdin "
                << "(echo \"...\" | genai ...)\n";
      return std::nullopt;
    }
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  }
  if (trim(text).empty()) {
    std::cerr << "genai: error: the " << what << " is empty\n";
    return std::nullopt;
  }
  return text;
}

namespace {


// The language of a parse error: CLI11 may stop at an earlier option before
// it has stored --lang, so it is read off the command line itself.
Lang lang_on_command_line(int argc, char** argv, const GlobalOptions& g) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--lang" && i + 1 < argc) return parse_lang(argv[i + 1]);
    if (arg.rfind("--lang=", 0) == 0) return parse_lang(arg.substr(7));
  }
  return lang_of(g);
}
}  // namespace

std::optional<std::shared_ptr<Credentials>> make_credentials(const GlobalOptions& g, int* exit_code,
                                                             std::function<void(std::string_view)> on_warning) {
  if (!on_warning) on_warning = print_warning;
  auto credentials_options = [&on_warning] {
    CredentialsOptions o;
    o.on_warning = on_warning;
    return o;
  };
  std::shared_ptr<Credentials> creds;
  if (!g.credentials_file.empty()) {
    Result<std::shared_ptr<Credentials>> loaded = load_credentials_file(g.credentials_file, credentials_options());
    if (!loaded) {
      *exit_code = report(loaded.error());
      return std::nullopt;
    }
    creds = std::move(*loaded);
  }
  if (!g.impersonate.empty()) {
    if (!creds) {
      Result<DefaultCredentials> adc = find_default_credentials(credentials_options());
      if (!adc) {
        *exit_code = report(adc.error());
        return std::nullopt;
      }
      creds = adc->credentials;
    }
    creds = make_impersonated_credentials(creds, g.impersonate, {}, credentials_options());
  }
  return creds;
}

namespace {

// "42", "1.5": a wait in seconds as the retry line shows it.
std::string seconds_text(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0 || d >= std::chrono::seconds(10)) return std::to_string((d.count() + 500) / 1000);
  const long long tenths = (d.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

// The line a call prints before it waits to retry, so that a wait for a
// quota or an overloaded server is never silent: what failed (the quota, or
// the start of the message), how long it waits, and which attempt comes.
RetryOptions::RetryHook retry_reporter(Lang lang, int attempts) {
  return [lang, attempts](const Error& e, int next, std::chrono::milliseconds delay) {
    std::string what = e.http_status ? std::to_string(e.http_status) + " " + e.status : e.status;
    std::string detail;
    if (!e.quota_violations.empty()) {
      const QuotaViolation& q = e.quota_violations.front();
      detail = "quota " + (q.quota_id.empty() ? q.quota_metric : q.quota_id);
    } else {
      detail = e.message.size() > 100 ? e.message.substr(0, 100) + "…" : e.message;
    }
    if (!detail.empty()) what += " (" + detail + ")";
    // One write: calls of `genai run` retry on several threads.
    std::cerr << redact(tr(lang, M::kRetryWait, {what, seconds_text(delay), std::to_string(next),
                                                 std::to_string(attempts)})) +
                     "\n";
  };
}

}  // namespace

std::optional<ClientOptions> client_options(const GlobalOptions& g, int* exit_code,
                                            std::function<void(std::string_view)> on_warning) {
  if (!on_warning) on_warning = print_warning;
  ClientOptions o;
  if (!g.api_key_file.empty() && !g.credentials_file.empty()) {
    // The library would use the credentials file and silently ignore the key.
    const Lang lang = lang_of(g);
    *exit_code = print_usage_error(lang, tr(lang, M::kUsageTwoCredentials), tr(lang, M::kFixUsageTwoCredentials));
    return std::nullopt;
  }
  std::optional<std::shared_ptr<Credentials>> creds = make_credentials(g, exit_code, on_warning);
  if (!creds) return std::nullopt;
  o.credentials = std::move(*creds);
  if (!g.api_key_file.empty()) {
    std::optional<std::string> key = read_secret_file(g.api_key_file, "API key file", exit_code, on_warning);
    if (!key) return std::nullopt;
    o.api_key = std::move(*key);
  }
  if (!set_proxy_options(g, o.http_options, exit_code)) return std::nullopt;
  if (g.vertex) o.vertexai = true;
  o.project = g.project;
  o.location = g.location;
  o.http_options.base_url = g.base_url;
  o.http_options.api_version = g.api_version;
  o.http_options.timeout = std::chrono::milliseconds(g.timeout_ms);
  if (g.retries > 0) o.http_options.retry.attempts = g.retries;
  if (g.deadline_s >= 0) {
    o.http_options.deadline = std::chrono::milliseconds(static_cast<long long>(g.deadline_s * 1000));
  }
  o.http_options.retry.on_retry = retry_reporter(lang_of(g), o.http_options.retry.attempts);
  o.http_options.trace = verbose_trace(g);
  o.on_warning = std::move(on_warning);
  return o;
}

std::function<void(std::string_view)> verbose_trace(const GlobalOptions& g) {
  if (!g.verbose) return {};
  return [](std::string_view line) { std::cerr << "genai: " << redact(line) << "\n"; };
}

std::optional<Client> make_client(const GlobalOptions& g, int* exit_code) {
  std::optional<ClientOptions> o = client_options(g, exit_code);
  if (!o) return std::nullopt;
  Result<Client> client = Client::create(std::move(*o));
  if (!client) {
    *exit_code = report(client.error());
    return std::nullopt;
  }
  if (g.verbose) {
    const ClientConfig& c = client->config();
    std::cerr << "genai: backend " << (c.vertexai ? "Vertex AI" : "Gemini Developer API") << " at " << c.base_url
              << "/" << c.api_version << "; credential: " << redact(c.credential_description) << " from "
              << c.credential_source << "\n";
  }
  return std::move(*client);
}

int run(int argc, char** argv) {
  CLI::App app{"genai: call Google's Gemini models from the terminal, and understand the credentials they need."};
  app.footer(kFooter);
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("genai ") + GENAI_VERSION_STRING);
  AppContext ctx;
  GlobalOptions& g = ctx.global;
  app.add_option("--api-key-file", g.api_key_file, "Read the API key from this file (mode 600)")->check(CLI::ExistingFile);
  app.add_option("--credentials", g.credentials_file,
                 "Credentials file: service-account key, authorized_user or impersonated_service_account JSON")
      ->check(CLI::ExistingFile);
  app.add_option("--impersonate-service-account", g.impersonate,
                 "Call as this service account (needs Service Account Token Creator on it)");
  app.add_flag("--vertex", g.vertex, "Use Vertex AI instead of the Gemini Developer API");
  app.add_option("--project", g.project, "Google Cloud project (Vertex AI)");
  app.add_option("--location", g.location, "Vertex AI location, e.g. us-central1 (default global)");
  app.add_option("--base-url", g.base_url, "Send requests to this server, e.g. http://127.0.0.1:8080 (the emulator)");
  app.add_option("--api-version", g.api_version, "API version (default v1beta; Vertex AI v1beta1)");
  app.add_option("--timeout", g.timeout_ms, "Timeout of each attempt in milliseconds")
      ->transform(whole_number_in(0, kIntMax));
  app.add_option("--deadline", g.deadline_s,
                 "Give up on a call after this many seconds, its retries included (default 600; 0: never)")
      ->check(number_in(0, 365.0 * 24 * 3600));
  app.add_option("--retries", g.retries, "Attempts per call including the first (default 5)")
      ->transform(whole_number_in(1, 20));
  app.add_option("--proxy", g.proxy,
                 "Proxy for every request: http://, https://, socks5:// or socks5h://host:port "
                 "(default: https_proxy, http_proxy, ALL_PROXY)");
  app.add_option("--no-proxy", g.no_proxy,
                 "Hosts that bypass the proxy: comma-separated names (with their subdomains), IPs, CIDR, or * "
                 "(default: no_proxy)");
  app.add_option("--proxy-credentials-file", g.proxy_credentials_file,
                 "Read the proxy's user:password from this file (mode 600)")
      ->check(CLI::ExistingFile);
  app.add_flag("-v,--verbose", g.verbose, "Trace requests and responses on stderr (secrets redacted)");
  app.add_option("--lang", g.lang, "Language of `auth explain` and `doctor`: en (default) or zh; also $GENAI_LANG")
      ->check(CLI::IsMember({"en", "zh"}));

  add_generate_command(app, ctx);
  add_image_command(app, ctx);
  add_video_command(app, ctx);
  add_operations_command(app, ctx);
  add_storage_command(app, ctx);
  add_batch_command(app, ctx);
  add_files_command(app, ctx);
  add_stores_command(app, ctx);
  add_chat_command(app, ctx);
  add_tokens_command(app, ctx);
  add_embed_command(app, ctx);
  add_models_command(app, ctx);
  add_caches_command(app, ctx);
  add_tunings_command(app, ctx);
  add_demo_command(app, ctx);
  add_auth_command(app, ctx);
  add_doctor_command(app, ctx);
  add_setup_command(app, ctx);
  add_run_command(app, ctx);
  add_live_command(app, ctx);
  CLI::App* version = app.add_subcommand("version", "Print the version of genai");
  version->callback([&ctx] {
    ctx.action = [] {
      std::cout << "genai " << GENAI_VERSION_STRING << "\n";
      return static_cast<int>(kExitOk);
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // Two options that cannot go together (or one that needs another) in
    // the user's language, and a file that does not exist (CLI::ExistingFile);
    // CLI11's other messages as CLI11 words them.
    const Lang lang = lang_on_command_line(argc, argv, g);
    const std::string what = e.what();
    const bool excludes = dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr;
    const bool requires_other = dynamic_cast<const CLI::RequiresError*>(&e) != nullptr;
    const size_t verb = what.find(excludes ? " excludes " : " requires ");
    if ((excludes || requires_other) && verb != std::string::npos) {
      const std::string first = what.substr(0, verb), second = what.substr(verb + 10);  // " excludes ", " requires "
      return print_usage_error(lang, tr(lang, excludes ? M::kUsageExcludes : M::kUsageRequires, {first, second}),
                               tr(lang, M::kFixUsageHelp));
    }
    if (const size_t missing = what.find(": File does not exist: "); missing != std::string::npos) {
      return print_usage_error(lang, tr(lang, M::kUsageFileMissing, {what.substr(0, missing), what.substr(missing + 23)}),
                               tr(lang, M::kFixUsageHelp));
    }
    return print_usage_error(lang, what, tr(lang, M::kFixUsageHelp));
  }
  set_error_lang(lang_of(g));
  if (!ctx.action) return kExitUsage;
  install_interrupt_handler();
  try {
    return ctx.action();
  } catch (const std::exception& e) {
    std::cerr << "genai: unexpected error: " << redact(e.what()) << "\n";
    return kExitUnexpected;
  }
}

}  // namespace genai::cli
