// genai doctor's findings and how they are printed: each check is ok / warn /
// fail / skip, one line of what it means, and the fix (a sentence, then the
// same fix as a genai setup command, a gcloud command and a Console URL).
// Checks add findings; the report redacts every text it is given, keeps the
// exit code of the first failure, and prints text (in the user's language)
// or JSON (stable English ids) at the end.
//
//   Report report(Lang::kEn);
//   report.add("key kind", Status::kOk, "a Cloud Console key ...");
//   return report.print(/*json=*/false);
#ifndef GENAI_CLI_DOCTOR_REPORT_H_
#define GENAI_CLI_DOCTOR_REPORT_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/messages.h"
#include "genai/error.h"

namespace genai::cli {

enum class Status { kOk, kWarn, kFail, kSkip };

// What to do about a finding: a sentence, and where one exists the same fix
// three ways: a genai setup command, a gcloud command, a Cloud Console URL.
struct Fix {
  std::string text;
  std::string setup = {};
  std::string gcloud = {};
  std::string console = {};
  // A shell command for when the user's own environment is the cause
  // (`unset GOOGLE_API_KEY`): neither genai setup nor gcloud can change it.
  std::string shell = {};
  bool empty() const { return text.empty() && setup.empty() && gcloud.empty() && console.empty() && shell.empty(); }
};

struct Check {
  std::string name;  // stable English id (the JSON "check"), e.g. "API enabled"
  Status status;
  std::string detail;
  Fix fix;
  nlohmann::json data;  // extra JSON fields of this check (an object), e.g. {"key": {...}}
};

// A value of the ErrorInfo metadata of a Google error (e.g. "service",
// "consumer", "callerIp"); empty when absent.
std::string metadata_of(const Error& e, const std::string& key);

class Report {
 public:
  explicit Report(Lang lang) : lang_(lang) {}

  // Adds a finding (every text redacted); a failure sets the exit code to
  // `fail_code` unless an earlier failure set it.
  Check& add(std::string name, Status s, std::string detail, Fix fix = {}, nlohmann::json data = {},
             int fail_code = 3);
  // The last finding named `name`, or null.
  Check* find(const std::string& name);
  // Appends "; " + `more` to a finding's detail and merges `data` into its
  // JSON fields (both redacted).
  void amend(Check& check, const std::string& more, nlohmann::json data = {});

  // Prints every finding, then the verdict; returns the exit code.
  int print(bool json) const;
  int exit_code() const { return first_error_; }

 private:
  Lang lang_;
  std::vector<Check> checks_;
  int first_error_ = 0;
};

}  // namespace genai::cli

#endif  // GENAI_CLI_DOCTOR_REPORT_H_
