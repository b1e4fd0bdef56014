// The one way files are written (core/atomic_file.h): whole or not at all,
// with the mode asked for, never replacing a file it was told to keep, and
// never leaving a temporary file behind.
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace genai::internal {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("atomic-file-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  // Entries in the directory: a temporary file left behind would show here.
  int entries() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, WritesWithTheModeAskedForAndKeepsAFileItMayNotReplace) {
  const std::string p = path("key.json");
  ASSERT_TRUE(write_file_atomically(p, "secret", /*overwrite=*/false, 0600));
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read(p), "secret");

  Result<void> again = write_file_atomically(p, "other", /*overwrite=*/false);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().status, "ALREADY_EXISTS");
  EXPECT_EQ(read(p), "secret");

  ASSERT_TRUE(write_file_atomically(p, "replaced", /*overwrite=*/true));
  EXPECT_EQ(read(p), "replaced");
  EXPECT_EQ(entries(), 1);
}

TEST_F(AtomicFileTest, AWriterAppearsOnlyOnCommitAndLeavesNothingWhenDropped) {
  const std::string p = path("video.mp4");
  {
    Result<AtomicFileWriter> out = AtomicFileWriter::open(p, /*overwrite=*/true);
    ASSERT_TRUE(out) << out.error().to_string();
    ASSERT_TRUE(out->write("part one, "));
    EXPECT_FALSE(fs::exists(p));  // nothing at the path until commit
    ASSERT_TRUE(out->write("part two"));
    AtomicFileWriter moved = std::move(*out);  // the moved-from writer owns nothing
    ASSERT_TRUE(moved.commit());
    EXPECT_FALSE(moved.commit());  // once only
  }
  EXPECT_EQ(read(p), "part one, part two");
  {
    Result<AtomicFileWriter> out = AtomicFileWriter::open(p, /*overwrite=*/true);
    ASSERT_TRUE(out);
    ASSERT_TRUE(out->write("a failed download"));
  }  // dropped without a commit: the old file stays, the temporary file goes
  EXPECT_EQ(read(p), "part one, part two");
  EXPECT_EQ(entries(), 1);
}

TEST_F(AtomicFileTest, KeepingAFileIsCheckedAtOpenAndAgainAtCommit) {
  const std::string p = path("out.bin");
  ASSERT_TRUE(write_file_atomically(p, "mine", true));
  Result<AtomicFileWriter> refused = AtomicFileWriter::open(p, /*overwrite=*/false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, "ALREADY_EXISTS");

  const std::string q = path("race.bin");
  Result<AtomicFileWriter> out = AtomicFileWriter::open(q, /*overwrite=*/false);
  ASSERT_TRUE(out);
  ASSERT_TRUE(out->write("late"));
  ASSERT_TRUE(write_file_atomically(q, "first", true));  // another writer gets there first
  Result<void> committed = out->commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().status, "ALREADY_EXISTS");
  EXPECT_EQ(read(q), "first");
  EXPECT_EQ(entries(), 2);
}

TEST_F(AtomicFileTest, AMissingDirectoryIsAnErrorNamingThePath) {
  const std::string p = path("no/such/dir/file.txt");
  Result<void> r = write_file_atomically(p, "x", true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find(p), std::string::npos) << r.error().message;
  Result<AtomicFileWriter> w = AtomicFileWriter::open("", true);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().status, "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace genai::internal
