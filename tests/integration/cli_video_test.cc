// genai video and genai operations get|wait, run as a user would against the
// in-process emulator (the emulator's clock moved forward by the test, so a
// video "generated" over seconds takes milliseconds); written files are read
// back as MP4s.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "emulator/backend/png.h"
#include "emulator/common/clock.h"
#include "tests/support/cli_file_fixture.h"
#include "tests/support/mp4_reader.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class CliVideoTest : public CliFileTest {
 protected:
  // Runs genai while the emulator's clock moves a second every 10 ms.
  ProcessResult genai_with_time_passing(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    std::atomic<bool> stop{false};
    std::thread clock([&] {
      while (!stop) {
        server_->env().clock().advance(std::chrono::seconds(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    ProcessResult r = genai(std::move(args), std::move(env));
    stop = true;
    clock.join();
    return r;
  }
};

void expect_mp4_file(const std::string& path, int width, int height, unsigned frames) {
  std::string error;
  auto mp4 = read_mp4(slurp(path), &error);
  ASSERT_TRUE(mp4) << path << ": " << error;
  EXPECT_EQ(mp4->width, width);
  EXPECT_EQ(mp4->height, height);
  EXPECT_EQ(mp4->samples, frames);
}

TEST_F(CliVideoTest, VideoWaitsWithPlainProgressLinesAndWritesAnMp4) {
  auto r = genai_with_time_passing({"video", "--aspect-ratio", "9:16", "--duration", "6", "--poll-interval", "0.05",
                                    "A koi pond at dawn", "-o", path("koi.mp4")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_mp4_file(path("koi.mp4"), 18, 32, 6);
  EXPECT_NE(r.err.find("started models/veo-3.0-generate-001/operations/"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wrote " + path("koi.mp4")), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\r"), std::string::npos) << "no spinner when stderr is not a terminal";

  // An existing file is kept unless --force, before anything is billed.
  auto again = genai({"video", "A koi pond", "-o", path("koi.mp4")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
}

TEST_F(CliVideoTest, NoWaitThenOperationsGetAndWait) {
  auto started = genai({"video", "--no-wait", "--n", "2", "A lighthouse"});
  ASSERT_EQ(started.exit_code, 0) << started.err;
  std::string name = started.out;
  while (!name.empty() && name.back() == '\n') name.pop_back();
  ASSERT_EQ(name.rfind("models/veo-3.0-generate-001/operations/", 0), 0u) << name;

  auto running = genai({"operations", "get", name});
  ASSERT_EQ(running.exit_code, 0) << running.err;
  EXPECT_EQ(nlohmann::json::parse(running.out).value("done", false), false) << running.out;

  // Waiting runs out of time while the emulator's clock stands still.
  auto timed_out = genai({"operations", "wait", name, "--max-wait", "0.2", "--poll-interval", "0.05"});
  EXPECT_EQ(timed_out.exit_code, 5) << timed_out.err;
  EXPECT_NE(timed_out.err.find("was not done after"), std::string::npos) << timed_out.err;
  EXPECT_NE(timed_out.err.find("genai operations wait " + name), std::string::npos) << timed_out.err;

  server_->env().clock().advance(std::chrono::seconds(7));
  auto done = genai({"operations", "get", name});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_TRUE(nlohmann::json::parse(done.out).value("done", false)) << done.out;
  auto waited = genai({"operations", "wait", name, "-o", path("l.mp4")});
  ASSERT_EQ(waited.exit_code, 0) << waited.err;
  expect_mp4_file(path("l-1.mp4"), 32, 18, 8);
  expect_mp4_file(path("l-2.mp4"), 32, 18, 8);
}

TEST_F(CliVideoTest, FirstFrameInChineseAndClearErrors) {
  std::vector<std::uint8_t> rgb(8 * 8 * 3, 90);
  std::ofstream(path("first.png"), std::ios::binary) << emulator::encode_png(8, 8, rgb);
  auto r = genai_with_time_passing({"--lang", "zh", "video", "--image", path("first.png"), "--poll-interval", "0.05",
                                    "-o", path("f.mp4")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("已写入 " + path("f.mp4")), std::string::npos) << r.err;
  expect_mp4_file(path("f.mp4"), 32, 18, 8);

  auto no_output = genai({"video", "A cat"});
  EXPECT_EQ(no_output.exit_code, 2);
  EXPECT_NE(no_output.err.find("-o FILE is required"), std::string::npos) << no_output.err;
  auto ratio = genai({"video", "--aspect-ratio", "4:3", "A cat", "-o", path("c.mp4")});
  EXPECT_EQ(ratio.exit_code, 4) << ratio.err;
  EXPECT_NE(ratio.err.find("aspectRatio"), std::string::npos) << ratio.err;
  auto missing = genai({"operations", "get", "models/veo-3.0-generate-001/operations/nosuch"});
  EXPECT_EQ(missing.exit_code, 4) << missing.err;
  EXPECT_NE(missing.err.find("NOT_FOUND"), std::string::npos) << missing.err;
  auto failed = genai_with_time_passing({"video", "--poll-interval", "0.05", "EMULATOR_FAIL_OPERATION", "-o",
                                         path("x.mp4")});
  EXPECT_EQ(failed.exit_code, 4) << failed.err;
  EXPECT_NE(failed.err.find("INTERNAL"), std::string::npos) << failed.err;
  EXPECT_FALSE(fs::exists(path("x.mp4")));
  auto help = genai({"video", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("genai operations wait NAME -o FILE"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace genai::testing
