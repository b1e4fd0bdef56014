// Test support: runs a program with a given environment and stdin, captures
// stdout, stderr and the exit code, and kills it after a timeout.
#ifndef GENAI_TESTS_SUPPORT_SUBPROCESS_H_
#define GENAI_TESTS_SUPPORT_SUBPROCESS_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace genai::testing {

struct ProcessResult {
  int exit_code = -1;  // 128+signal when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;
};

// `env` replaces the whole environment (PATH and HOME are kept).
ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          const std::string& stdin_text = "",
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_SUBPROCESS_H_
