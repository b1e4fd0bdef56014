// genai files upload|list|get|delete|download and genai generate --uploaded,
// run as a user would against the in-process emulator; stderr is not a
// terminal here, so progress comes as plain log lines.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "emulator/state/files.h"
#include "tests/support/cli_file_fixture.h"

namespace genai::testing {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

class CliFilesTest : public CliFileTest {};

TEST_F(CliFilesTest, UploadListGetGenerateDelete) {
  {
    std::ofstream out(path("notes.txt"), std::ios::binary);
    out << std::string(3 << 20, 'n');  // 3 MiB: several log lines of progress
  }
  auto up = genai({"files", "upload", path("notes.txt"), "--display-name", "Notes"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const std::string name = trimmed(up.out);
  EXPECT_EQ(name.rfind("files/", 0), 0u) << up.out;
  EXPECT_NE(up.err.find("genai: notes.txt: 0 B / 3.0 MiB (0%)"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("(100%)"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("uploaded " + path("notes.txt") + " as " + name), std::string::npos) << up.err;
  EXPECT_EQ(up.err.find("\r"), std::string::npos);  // no redrawn line in a log

  auto list = genai({"files", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(name + "\tACTIVE\t3.0 MiB\ttext/plain\tNotes"), std::string::npos) << list.out;

  auto get = genai({"files", "get", name});
  ASSERT_EQ(get.exit_code, 0) << get.err;
  const nlohmann::json j = nlohmann::json::parse(get.out);
  EXPECT_EQ(j["name"], name);
  EXPECT_EQ(j["sizeBytes"], std::to_string(3 << 20));
  EXPECT_EQ(j["displayName"], "Notes");

  auto gen = genai({"generate", "--no-stream", "--uploaded", name, "Summarise the notes"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  EXPECT_FALSE(gen.out.empty());

  auto del = genai({"files", "delete", name});
  ASSERT_EQ(del.exit_code, 0) << del.err;
  EXPECT_NE(del.err.find("deleted " + name), std::string::npos);
  auto gone = genai({"files", "get", name});
  EXPECT_EQ(gone.exit_code, 3) << gone.err;  // Google's 403, a permission error
  EXPECT_NE(gone.err.find("You do not have permission to access the File"), std::string::npos) << gone.err;
  EXPECT_NE(gone.err.find("files are kept 48 hours"), std::string::npos) << gone.err;
  EXPECT_NE(gone.err.find("genai files list"), std::string::npos) << gone.err;
  auto empty = genai({"files", "list"});
  ASSERT_EQ(empty.exit_code, 0);
  EXPECT_NE(empty.err.find("no files"), std::string::npos) << empty.err;
}

TEST_F(CliFilesTest, UploadWaitsForAVideoAndDownloadRefusesUploadedFiles) {
  { std::ofstream(path("clip.mp4"), std::ios::binary) << std::string(1000, 'v'); }
  std::atomic<bool> stop{false};
  std::thread clock([&] {
    while (!stop) {
      server_->env().clock().advance(std::chrono::seconds(1));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  auto up = genai({"files", "upload", path("clip.mp4"), "--wait", "--json"});
  stop = true;
  clock.join();
  ASSERT_EQ(up.exit_code, 0) << up.err;
  const nlohmann::json f = nlohmann::json::parse(up.out);
  EXPECT_EQ(f["state"], "ACTIVE");
  EXPECT_EQ(f["mimeType"], "video/mp4");
  EXPECT_NE(up.err.find("is processing"), std::string::npos) << up.err;

  auto dl = genai({"files", "download", f["name"], "-o", path("back.mp4")});
  EXPECT_EQ(dl.exit_code, 4) << dl.err;
  EXPECT_NE(dl.err.find("Only generated files can be downloaded"), std::string::npos) << dl.err;
  EXPECT_FALSE(std::filesystem::exists(path("back.mp4")));
}

TEST_F(CliFilesTest, DownloadsAGeneratedVideo) {
  auto stored = server_->env().files().put_generated("test-project", "video/mp4", "MP4BYTES", server_->env().clock().now());
  ASSERT_TRUE(stored);
  auto dl = genai({"files", "download", "files/" + stored->id, "-o", path("video.mp4")});
  ASSERT_EQ(dl.exit_code, 0) << dl.err;
  std::ifstream in(path("video.mp4"), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "MP4BYTES");
  EXPECT_NE(dl.err.find("wrote " + path("video.mp4") + " (8 bytes)"), std::string::npos) << dl.err;
  auto again = genai({"files", "download", "files/" + stored->id, "-o", path("video.mp4")});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
}

TEST_F(CliFilesTest, HelpExplains) {
  auto help = genai({"files", "--help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("resumable"), std::string::npos);
  EXPECT_NE(help.out.find("genai generate --uploaded"), std::string::npos);
  auto up = genai({"files", "upload", "--help"});
  EXPECT_NE(up.out.find("--mime-type"), std::string::npos);
  EXPECT_NE(up.out.find("--wait"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
