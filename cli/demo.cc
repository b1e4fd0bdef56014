// genai demo: see demo.h. This file runs the demo: the emulator, the
// demo's directory of keys, the steps (all, or one with --step), --keep,
// and the printing.
#include "cli/demo.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/error_text.h"
#include "cli/table.h"
#include "emulator/auth/key_files.h"
#include "emulator/frontend/server.h"
#include "emulator/handlers/ai_studio.h"
#include "emulator/state/state.h"

namespace genai::cli {

// --- Narrator -------------------------------------------------------------

std::string Narrator::paint(std::string_view code, std::string_view text) const {
  if (!color_) return std::string(text);
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

void Narrator::heading(int n, int total, std::string_view title) {
  if (quiet_) return;
  std::cout << "\n" << paint("1;36", "[" + std::to_string(n) + "/" + std::to_string(total) + "] " + std::string(title))
            << "\n";
}

void Narrator::say(std::string_view text) {
  if (quiet_) return;
  std::cout << "\n";
  for (const std::string& line : wrap(text, std::min<size_t>(terminal_width(), 104) - 4)) {
    std::cout << "    " << line << "\n";
  }
}

void Narrator::command(std::string_view line) {
  if (quiet_) return;
  std::cout << "    " << paint("1", "$ " + std::string(line)) << "\n";
}

void Narrator::page(std::string_view where) {
  if (quiet_) return;
  std::cout << "    " << paint("1", "▸ " + std::string(where)) << "\n";
}

void Narrator::output(std::string_view text) {
  if (quiet_ || text.empty()) return;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::cout << "      " << paint("2", "│") << " " << text.substr(start, end - start) << "\n";
    start = end + 1;
  }
}

void Narrator::as_narrated(std::string_view what) {
  if (quiet_) return;
  std::cout << "    " << paint("32", "✓ " + std::string(what)) << "\n";
}

void Narrator::not_as_narrated(std::string_view what) {
  std::cout << "    " << paint("1;31", "✗ " + std::string(what)) << "\n";
}

void Narrator::plain(std::string_view text) {
  if (quiet_) return;
  std::cout << text;
}

// --- Demo -----------------------------------------------------------------

Demo::Demo(const DemoSettings& settings, Narrator& out, emulator::ServerEnv& env, std::string url, std::string dir)
    : settings_(settings), out_(out), env_(env), url_(std::move(url)), dir_(std::move(dir)) {}

std::map<std::string, std::string> Demo::child_environment() const {
  // Only what the demo means to hand over: the user's own keys, gcloud
  // login and proxies must not change what the demo shows.
  std::map<std::string, std::string> env = {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"HOME", dir_},
      {"GOOGLE_GEMINI_BASE_URL", url_},
      {"GOOGLE_VERTEX_BASE_URL", url_},
      {"GENAI_CLOUD_BASE_URL", url_},
      {"CLOUDSDK_CONFIG", dir_ + "/gcloud"},  // no gcloud login here
      {"NO_GCE_CHECK", "true"},               // not on Google Cloud: no metadata server
      {"GENAI_LANG", out_.lang() == Lang::kZh ? "zh" : "en"},
      {"NO_COLOR", "1"},
  };
  for (const char* name : {"LANG", "LC_ALL", "TERM", "COLUMNS"}) {
    if (const char* v = std::getenv(name)) env[name] = v;
  }
  return env;
}

bool Demo::genai(const std::vector<std::string>& given, const Expect& expect) {
  // --model reaches every call that takes one; the default is left unsaid.
  std::vector<std::string> args = given;
  if (settings_.model != DemoSettings{}.model) {
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "generate" || args[i] == "tokens" || args[i] == "doctor") {
        args.insert(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, {"-m", settings_.model});
        break;
      }
    }
  }
  out_.command(command_line(args));
  const ShellRun run = run_genai(args, child_environment(), dir_);
  std::string output = redact(run.output);
  while (!output.empty() && output.back() == '\n') output.pop_back();
  out_.output(output);
  const bool succeeded = run.exit_code == 0;
  const bool shows = expect.shows.empty() || run.output.find(expect.shows) != std::string::npos;
  if (succeeded == expect.succeeds && shows) {
    out_.as_narrated(expect.succeeds ? text(D::kExpectedSuccess) : text(D::kExpectedRefusal, {expect.shows}));
    return true;
  }
  if (out_.quiet()) {  // a prerequisite step: show what went wrong, in full
    out_.set_quiet(false);
    out_.command(command_line(args));
    out_.output(output);
    out_.set_quiet(true);
  }
  std::string why;
  if (run.timed_out) {
    why = text(D::kCheckTimedOut);
  } else if (succeeded != expect.succeeds) {
    why = expect.succeeds ? text(D::kCheckShouldSucceed, {std::to_string(run.exit_code)}) : text(D::kCheckShouldFail);
  }
  if (!shows) why += (why.empty() ? "" : " ") + text(D::kCheckShouldShow, {expect.shows});
  out_.not_as_narrated(why);
  return false;
}

bool Demo::genai(const std::vector<std::string>& args, const Expect& expect, Credential who, Ability what) {
  const bool as_told = genai(args, expect);
  if (as_told) record(who, what, expect.succeeds);
  return as_told;
}

std::string Demo::text(D id, std::initializer_list<std::string_view> args) const { return say_demo(out_.lang(), id, args); }

void Demo::say(D id, std::initializer_list<std::string_view> args) { out_.say(text(id, args)); }

bool Demo::ai_studio_get_key(const std::string& project, const Expect& expect, const std::string& key_file) {
  out_.page(text(D::kAiStudioPage, {project, url_ + "/console/#/aistudio"}));
  auto made = emulator::create_ai_studio_key(env_, project, "");
  if (const auto* refused = std::get_if<emulator::GoogleError>(&made)) {
    const nlohmann::json body = nlohmann::json::parse(refused->body, nullptr, false);
    const std::string shown =
        body.is_object() ? body["error"].value("message", refused->body) : std::string(refused->body);
    out_.output(shown);
    if (!expect.succeeds && shown.find(expect.shows) != std::string::npos) {
      out_.as_narrated(text(D::kExpectedRefusal, {expect.shows}));
      return true;
    }
    return fail(expect.succeeds ? text(D::kCheckShouldSucceed, {std::to_string(refused->http_status)})
                                : text(D::kCheckShouldShow, {expect.shows}));
  }
  const emulator::ApiKey& key = std::get<emulator::ApiKey>(made);
  if (!expect.succeeds) return fail(text(D::kCheckShouldFail));
  if (!write_secret(key_file, key.key_string + "\n")) return fail(key_file);
  out_.output(text(D::kAiStudioKeyMade, {mask_secret(key.key_string), key_file}));
  out_.as_narrated(text(D::kExpectedSuccess));
  return true;
}

bool Demo::fail(std::string_view what) {
  out_.not_as_narrated(what);
  return false;
}

bool Demo::write_secret(const std::string& name, const std::string& content) {
  return static_cast<bool>(write_file_atomically(dir_ + "/" + name, content, /*overwrite=*/true, 0600));
}

void Demo::record(Credential who, Ability what, bool yes) {
  seen_[static_cast<size_t>(who)][static_cast<size_t>(what)] = yes ? Seen::kYes : Seen::kNo;
}

Seen Demo::seen(Credential who, Ability what) const {
  return seen_[static_cast<size_t>(who)][static_cast<size_t>(what)];
}

namespace {

bool colour_on_stdout() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return stdout_is_terminal() && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

// The demo's directory: keys and key files the commands use, owner-only.
std::optional<std::string> make_demo_dir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/genai-demo-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) return std::nullopt;
  return pattern;
}

// What the user signed in as before the demo starts: the Owner of both
// projects, with the user credentials `gcloud auth application-default
// login` writes (an OAuth client of gcloud's, here the emulator's), and
// fresh-project's Console key, made before its API was enabled.
bool prepare(Demo& d) {
  emulator::State& state = d.env().state();
  auto gcloud = state.create_oauth_client("demo-project");
  if (!gcloud) return d.fail(gcloud.error().message);
  auto grant = state.create_user_grant(gcloud->client_id, "owner@example.com",
                                       "https://www.googleapis.com/auth/cloud-platform");
  if (!grant) return d.fail(grant.error().message);
  if (!d.write_secret("owner.json", emulator::authorized_user_file(d.env(), gcloud->client_id, gcloud->client_secret,
                                                                   grant->refresh_token, ""))) {
    return d.fail("owner.json");
  }
  std::string console_key;
  for (const emulator::ApiKey& k : state.keys()) {
    if (k.project_id == "fresh-project" && k.kind == emulator::ApiKey::Kind::kConsole && !k.deleted) {
      console_key = k.key_string;
    }
  }
  if (console_key.empty() || !d.write_secret("console.key", console_key + "\n")) return d.fail("console.key");
  return true;
}

// --keep: the emulator stays up until Ctrl-C; how to reach it.
void keep_running(Demo& d, emulator::Server& server) {
  Narrator& out = d.out();
  out.plain("\n" + d.text(D::kKeepTitle, {d.url()}) + "\n");
  out.plain(d.text(D::kKeepHow, {d.url(), d.dir(), server.admin_token().empty() ? "-" : server.admin_token(),
                                 server.env().options().state_file}) +
            "\n");
  install_interrupt_handler();
  while (!interrupted()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

int run_demo(const DemoSettings& settings, Lang lang) {
  const auto steps = demo_steps();
  if (settings.step < 0 || settings.step > static_cast<int>(steps.size())) {
    return print_usage_error(lang, say_demo(lang, D::kBadStep, {std::to_string(steps.size())}), "");
  }
  Narrator out(lang, colour_on_stdout());
  std::cout << say_demo(lang, D::kTitle) << "\n";

  std::optional<std::string> dir = make_demo_dir();
  if (!dir) {
    print_error(lang, say_demo(lang, D::kNoDirectory), "");
    return kExitUnexpected;
  }
  emulator::ServerOptions options;
  options.bootstrap_demo = true;
  options.port = settings.port;
  // --keep: the emulator's state is kept in a file too, so it can be served again later.
  options.state_file = settings.state_file.empty() && settings.keep ? *dir + "/state.json" : settings.state_file;
  auto server = emulator::Server::start(options);
  if (!server) {
    std::filesystem::remove_all(*dir);
    print_error(lang, say_demo(lang, D::kEmulatorFailed, {server.error().message}), "");
    return kExitUnexpected;
  }
  const std::string url = (*server)->base_url();
  Demo demo(settings, out, (*server)->env(), url, *dir);
  out.say(demo.text(D::kIntro, {url, *dir}));

  int code = kExitOk;
  if (!prepare(demo)) code = kExitUnexpected;
  for (size_t i = 0; code == kExitOk && i < steps.size(); ++i) {
    const int n = static_cast<int>(i) + 1;
    if (settings.step != 0 && n > settings.step) break;
    out.set_quiet(settings.step != 0 && n < settings.step);
    out.heading(n, static_cast<int>(steps.size()), demo.text(steps[i].title));
    if (!steps[i].run(demo)) {
      out.set_quiet(false);
      out.not_as_narrated(demo.text(D::kStepFailed, {std::to_string(n)}));
      code = kExitUnexpected;
    }
  }
  out.set_quiet(false);
  if (code == kExitOk) out.plain("\n" + demo.text(D::kDone, {url}) + "\n");
  if (settings.keep) {
    keep_running(demo, **server);
  } else {
    std::filesystem::remove_all(*dir);
  }
  (*server)->stop();
  return code;
}

}  // namespace

void add_demo_command(CLI::App& app, AppContext& ctx) {
  auto settings = std::make_shared<DemoSettings>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Tell the whole credential tutorial offline: keys, APIs, restrictions, service accounts, roles, owners");
  cmd->add_option("-m,--model", settings->model, "Model to call (default gemini-2.5-flash)");
  cmd->add_option("--step", settings->step, "Run only step N (the steps before it run quietly to set it up)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--keep", settings->keep,
                "Leave the emulator running afterwards (until Ctrl-C), with the demo's keys, and say how to reach it");
  cmd->add_option("--port", settings->port, "Port of the emulator (default: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--state", settings->state_file, "Keep the emulator's state in this file (read at start, written at the end)");
  cmd->footer(
      "Every step runs the genai commands a user would type (setup, doctor, generate) against an emulator inside\n"
      "this process, with no network access, and checks that each behaves as narrated; the exit code is 1 if one\n"
      "did not. --lang zh (or GENAI_LANG=zh) narrates in Chinese. Colour on a terminal unless NO_COLOR is set.\n\n"
      "Examples:\n  genai demo\n  genai --lang zh demo --step 4\n  genai demo --keep --port 8080");
  cmd->callback([&ctx, settings] {
    ctx.action = [&ctx, settings] { return run_demo(*settings, lang_of(ctx.global)); };
  });
}

}  // namespace genai::cli
