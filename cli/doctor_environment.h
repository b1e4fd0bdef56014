// genai doctor's account of what the user's environment decided: which
// variable supplied which credential, which one won and why, and the shell
// command that changes it. The resolver words these decisions (its warnings
// and notes) in English for the library's users and gives each a code and the
// variable it concerns (ResolverNote); doctor says every code again in the
// user's language, so that `--lang zh` prints no English sentence of genai's own.
//
//   EnvironmentInput in{lang, resolved, warnings_seen, getenv};
//   bool chose = report_environment(report, in);  // adds "environment" findings
#ifndef GENAI_CLI_DOCTOR_ENVIRONMENT_H_
#define GENAI_CLI_DOCTOR_ENVIRONMENT_H_

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/doctor_report.h"
#include "genai/genai.h"

namespace genai::cli {

struct EnvironmentInput {
  Lang lang = Lang::kEn;
  const ResolvedCredentials* resolved = nullptr;
  // Warnings the library raised while loading the credential (a file others
  // can read, ...), each once.
  std::vector<std::string> warnings;
  // The process environment; a test of this file can pass another.
  std::function<std::optional<std::string>(std::string_view)> getenv;
  // Paths whose loose mode the "file permissions" check reports already.
  std::set<std::string> reported_paths;
};

// Adds one "environment" (or "file permissions") finding per decision or
// warning. Returns true when the environment, not an option the user gave,
// chose the credential in use in a way the user may not expect (a key
// variable that turned Vertex AI into express mode, two key variables).
bool report_environment(Report& report, const EnvironmentInput& in);

// Where the project came from (ResolvedCredentials::project_source), said in
// `lang` the way the CLI user knows it ("the --project option", "environment
// variable GOOGLE_CLOUD_PROJECT", "the credential (service account ...)").
std::string project_source_text(Lang lang, const std::string& project_source);

// The shell command that names another project for that source.
std::string project_source_command(const std::string& project_source);

}  // namespace genai::cli

#endif  // GENAI_CLI_DOCTOR_ENVIRONMENT_H_
