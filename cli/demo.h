// genai demo: the credential tutorial told whole, offline. The emulator runs
// inside the process; every step is a command the user could type (`genai
// setup`, `genai doctor`, `genai generate`), run as a child process against
// it, with what the step expects checked. Pages of the Cloud Console and AI
// Studio that have no public API (the OAuth client page, a user's consent in
// the browser) are done on the emulator's state directly and said so.
//
// The pieces: Narrator prints (colour on a terminal, NO_COLOR respected);
// Demo holds the run (emulator, directory, language, what was observed for
// the closing comparison table); demo_steps.cc has the steps in order.
#ifndef GENAI_CLI_DEMO_H_
#define GENAI_CLI_DEMO_H_

#include <array>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "cli/demo_shell.h"
#include "cli/demo_text.h"
#include "emulator/common/env.h"

namespace genai::cli {

// Prints the demo's narration, commands and outcomes. Quiet: prints nothing
// (the steps before `--step N` run quietly to build the state N needs).
class Narrator {
 public:
  Narrator(Lang lang, bool color) : lang_(lang), color_(color) {}

  void set_quiet(bool quiet) { quiet_ = quiet; }
  bool quiet() const { return quiet_; }
  Lang lang() const { return lang_; }

  void heading(int n, int total, std::string_view title);
  void say(std::string_view text);            // narration, indented
  void command(std::string_view line);        // "$ genai ..."
  void page(std::string_view where);          // a web page's action: "▸ AI Studio › Get API key"
  void output(std::string_view text);         // a command's output, indented under it
  void as_narrated(std::string_view what);    // a check that held
  void not_as_narrated(std::string_view what);  // a check that failed: printed even when quiet
  void plain(std::string_view text);          // a line as is (tables)

 private:
  std::string paint(std::string_view code, std::string_view text) const;

  Lang lang_;
  bool color_;
  bool quiet_ = false;
};

// What a command is expected to do: succeed or fail, and show a text (an
// error's reason, a doctor check) in its output.
struct Expect {
  bool succeeds = true;
  std::string shows;
};

// The comparison table's rows and columns, filled as the steps observe them.
enum class Credential { kConsoleKey, kStudioKey, kServiceAccount, kOwner };
enum class Ability { kGeminiApi, kVertexAi, kAdminister };
enum class Seen { kUntried, kYes, kNo };

struct DemoSettings {
  std::string model = "gemini-2.5-flash";
  int step = 0;  // 0: all
  bool keep = false;
  int port = 0;
  std::string state_file;
};

class Demo {
 public:
  Demo(const DemoSettings& settings, Narrator& out, emulator::ServerEnv& env, std::string url, std::string dir);

  // Runs `genai args` in the demo's directory against the emulator, shows it
  // and its output, and checks it against `expect`; false (and the step
  // fails) when it did not behave as narrated.
  bool genai(const std::vector<std::string>& args, const Expect& expect);
  // The same, and records the outcome in the comparison table.
  bool genai(const std::vector<std::string>& args, const Expect& expect, Credential who, Ability what);

  // Narration in the demo's language.
  void say(D id, std::initializer_list<std::string_view> args = {});
  std::string text(D id, std::initializer_list<std::string_view> args = {}) const;
  // AI Studio's "Get API key" → "Create API key in existing project" for
  // `project` (a page with no public API: the emulator's own function behind
  // its /console page). Shows what AI Studio shows; on success writes the
  // key to `key_file`. False when it did not behave as `expect` says.
  bool ai_studio_get_key(const std::string& project, const Expect& expect, const std::string& key_file);
  // A failed expectation that is not a command's (a file that should exist).
  bool fail(std::string_view what);

  // Writes a secret the demo hands to a command (a key, a key file): mode 600.
  bool write_secret(const std::string& name, const std::string& content);

  Narrator& out() { return out_; }
  emulator::ServerEnv& env() { return env_; }
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }
  const std::string& model() const { return settings_.model; }
  std::map<std::string, std::string> child_environment() const;

  void record(Credential who, Ability what, bool yes);
  Seen seen(Credential who, Ability what) const;

 private:
  const DemoSettings& settings_;
  Narrator& out_;
  emulator::ServerEnv& env_;
  std::string url_;
  std::string dir_;
  std::array<std::array<Seen, 3>, 4> seen_{};
};

struct DemoStep {
  D title;
  bool (*run)(Demo&);
};

// The steps, in the tutorial's order.
std::span<const DemoStep> demo_steps();

}  // namespace genai::cli

#endif  // GENAI_CLI_DEMO_H_
