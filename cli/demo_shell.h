// `genai demo` shows the commands a user would type and runs them: each is
// this same genai binary started as a child process with a clean
// environment (so the user's own GEMINI_API_KEY or gcloud login cannot
// change what the demo shows), in the demo's directory, its stdout and
// stderr captured together, bounded in size and time.
//
//   ShellRun r = run_genai({"--api-key-file", "console.key", "doctor"}, env, dir);
//   if (r.exit_code == 3 && r.output.find("SERVICE_DISABLED") != std::string::npos) ...
#ifndef GENAI_CLI_DEMO_SHELL_H_
#define GENAI_CLI_DEMO_SHELL_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace genai::cli {

struct ShellRun {
  int exit_code = -1;      // the child's exit status; -1: it could not start, or was killed
  std::string output;      // stdout and stderr, interleaved as written
  bool timed_out = false;  // killed after the time limit
  bool truncated = false;  // more output than the limit; the rest was read and dropped
};

// Runs /proc/self/exe with `args` in `dir`, with exactly `env` as its
// environment. Kills the child after `limit`; keeps at most 1 MiB of output.
ShellRun run_genai(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                   const std::string& dir, std::chrono::seconds limit = std::chrono::seconds(120));

// `args` as a shell command line a user can paste: "genai --lang zh doctor",
// with arguments quoted where a shell would need it.
std::string command_line(const std::vector<std::string>& args);

}  // namespace genai::cli

#endif  // GENAI_CLI_DEMO_SHELL_H_
