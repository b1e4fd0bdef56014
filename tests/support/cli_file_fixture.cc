#include "tests/support/cli_file_fixture.h"

#include <unistd.h>

namespace genai::testing {

void CliFileTest::SetUp() {
  EmulatorTest::SetUp();
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  dir_ = std::filesystem::temp_directory_path() /
         ("genai-cli-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
  std::filesystem::create_directories(dir_);
}

void CliFileTest::TearDown() {
  std::filesystem::remove_all(dir_);
  EmulatorTest::TearDown();
}

ProcessResult CliFileTest::genai(std::vector<std::string> args, std::map<std::string, std::string> env) {
  args.insert(args.begin(), GENAI_CLI_PATH);
  env.emplace("GOOGLE_GEMINI_BASE_URL", base_url());
  env.emplace("GEMINI_API_KEY", key());
  return run_process(args, env);
}

}  // namespace genai::testing
