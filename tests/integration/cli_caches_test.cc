// genai caches create | list | get | update | delete and generate
// --cached-content, run as a user would against the in-process emulator.
#include <filesystem>
#include <fstream>

#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

class CliCachesTest : public EmulatorTest {
 protected:
  ProcessResult genai(std::vector<std::string> args) {
    args.insert(args.begin(), GENAI_CLI_PATH);
    return run_process(args, {{"GOOGLE_GEMINI_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}}, "");
  }
};

TEST_F(CliCachesTest, RoundTrip) {
  const std::string file = ::testing::TempDir() + "/cli_caches_book.txt";
  std::ofstream(file) << "Chapter one. The narrator, Ishmael, goes to sea on the Pequod.";
  auto created = genai({"caches", "create", "--model", "gemini-2.5-flash", "--file", file, "--system",
                        "Answer from the book.", "--ttl", "10m", "--display-name", "book"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string name = created.out;
  while (!name.empty() && name.back() == '\n') name.pop_back();
  ASSERT_EQ(name.rfind("cachedContents/", 0), 0u) << name;

  auto listed = genai({"caches", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(name), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("book"), std::string::npos);
  auto json = genai({"caches", "list", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(nlohmann::json::parse(json.out)["name"], name);

  auto got = genai({"caches", "get", name});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  EXPECT_NE(got.out.find("models/gemini-2.5-flash"), std::string::npos) << got.out;

  auto answer = genai({"generate", "--no-stream", "--cached-content", name, "Who is the narrator?"});
  ASSERT_EQ(answer.exit_code, 0) << answer.err;
  EXPECT_NE(answer.out.find("From the cached content (\"Chapter one. The narrator, Ishmael,"), std::string::npos)
      << answer.out;
  auto with_system = genai({"generate", "--cached-content", name, "--system", "x", "Hi"});
  EXPECT_EQ(with_system.exit_code, 2) << with_system.err;  // refused before any request

  auto updated = genai({"caches", "update", name, "--ttl", "2h", "--json"});
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  EXPECT_TRUE(nlohmann::json::parse(updated.out).contains("expireTime"));
  EXPECT_EQ(genai({"caches", "update", name, "--ttl", "soon"}).exit_code, 2);

  auto deleted = genai({"caches", "delete", name});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  auto gone = genai({"caches", "get", name});
  EXPECT_EQ(gone.exit_code, 3) << gone.out;  // Google answers 403 PERMISSION_DENIED
  EXPECT_NE(gone.err.find("CachedContent not found"), std::string::npos) << gone.err;
  EXPECT_NE(gone.err.find("genai caches list"), std::string::npos) << gone.err;
  EXPECT_NE(genai({"caches", "list"}).out.find("No context caches."), std::string::npos);
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace genai::testing
