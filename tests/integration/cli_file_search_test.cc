// genai stores create|list|get|upload|import|documents|delete and genai
// generate --file-search-store, run as a user would against the in-process
// emulator (a thread moves the emulator's clock so indexing finishes).
#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "tests/support/cli_file_fixture.h"

namespace genai::testing {
namespace {

std::string cli_fs_trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

class CliFileSearchTest : public CliFileTest {
 protected:
  void SetUp() override {
    CliFileTest::SetUp();
    ticker_ = std::thread([this] {
      while (!stop_) {
        server_->env().clock().advance(std::chrono::seconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  void TearDown() override {
    stop_ = true;
    ticker_.join();
    CliFileTest::TearDown();
  }
  std::atomic<bool> stop_{false};
  std::thread ticker_;
};

TEST_F(CliFileSearchTest, CreateUploadImportGenerateAndDelete) {
  auto created = genai({"stores", "create", "--display-name", "Handbook"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string store = cli_fs_trimmed(created.out);
  EXPECT_EQ(store.rfind("fileSearchStores/handbook-", 0), 0u) << created.out;

  { std::ofstream(path("vacation.md"), std::ios::binary) << "Every employee gets 25 vacation days per year."; }
  auto up = genai({"stores", "upload", store, path("vacation.md"), "--metadata", "team=hr", "--metadata", "year=#2025",
                   "--max-tokens-per-chunk", "50"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string doc = cli_fs_trimmed(up.out);
  EXPECT_EQ(doc.rfind(store + "/documents/vacation-md-", 0), 0u) << up.out;
  EXPECT_NE(up.err.find("(100%)"), std::string::npos) << up.err;  // the upload's progress
  EXPECT_NE(up.err.find(doc + " is ACTIVE"), std::string::npos) << up.err;

  auto bad = genai({"stores", "upload", store, path("vacation.md"), "--metadata", "year=#soon"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("KEY=#NUMBER"), std::string::npos) << bad.err;

  { std::ofstream(path("expenses.txt"), std::ios::binary) << "Meals are reimbursed up to 60 euros per day."; }
  auto file = genai({"files", "upload", path("expenses.txt")});
  ASSERT_EQ(file.exit_code, 0) << file.err;
  auto imported = genai({"stores", "import", store, cli_fs_trimmed(file.out), "--json"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const nlohmann::json idoc = nlohmann::json::parse(imported.out);
  EXPECT_EQ(idoc["state"], "STATE_ACTIVE");

  auto docs = genai({"stores", "documents", "list", store});
  ASSERT_EQ(docs.exit_code, 0) << docs.err;
  EXPECT_NE(docs.out.find(doc + "\tSTATE_ACTIVE\t"), std::string::npos) << docs.out;
  auto got = genai({"stores", "documents", "get", doc});
  ASSERT_EQ(got.exit_code, 0) << got.err;
  const nlohmann::json d = nlohmann::json::parse(got.out);
  EXPECT_EQ(d["customMetadata"][1]["numericValue"], 2025);

  auto listed = genai({"stores", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(store + "\t2 active, 0 pending, 0 failed\t"), std::string::npos) << listed.out;
  auto shown = genai({"stores", "get", store});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(nlohmann::json::parse(shown.out)["activeDocumentsCount"], "2");

  auto answer = genai({"generate", "--no-stream", "--file-search-store", store, "How many vacation days per year?"});
  ASSERT_EQ(answer.exit_code, 0) << answer.err;
  EXPECT_NE(answer.out.find("25 vacation days"), std::string::npos) << answer.out;
  EXPECT_NE(answer.err.find("source: [1] vacation.md <" + doc + ">"), std::string::npos) << answer.err;

  auto refused = genai({"stores", "delete", store});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("force"), std::string::npos) << refused.err;
  auto deleted = genai({"stores", "delete", store, "--force"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  auto gone = genai({"stores", "get", store});
  EXPECT_EQ(gone.exit_code, 4) << gone.err;  // 404: an API error
  auto none = genai({"stores", "list"});
  ASSERT_EQ(none.exit_code, 0);
  EXPECT_NE(none.err.find("no File Search stores"), std::string::npos) << none.err;
}

TEST_F(CliFileSearchTest, MessagesInChinese) {
  auto created = genai({"--lang", "zh", "stores", "create"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.err.find("已创建"), std::string::npos) << created.err;
}

}  // namespace
}  // namespace genai::testing
