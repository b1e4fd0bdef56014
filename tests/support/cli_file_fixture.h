// Test support: the genai command run as a user would against the in-process
// emulator (GOOGLE_GEMINI_BASE_URL and GEMINI_API_KEY set), with a temporary
// directory per test for the files it writes.
#ifndef GENAI_TESTS_SUPPORT_CLI_FILE_FIXTURE_H_
#define GENAI_TESTS_SUPPORT_CLI_FILE_FIXTURE_H_

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {

class CliFileTest : public EmulatorTest {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Runs genai with `args`; `env` adds to (or overrides) the emulator's URL and key.
  ProcessResult genai(std::vector<std::string> args, std::map<std::string, std::string> env = {});
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_CLI_FILE_FIXTURE_H_
