// genai batch, run as a user would against the in-process emulator: submit a
// JSONL file (bad lines reported by number, nothing sent), status, list,
// results written atomically as JSONL (key + response or error), --wait with
// the progress lines, cancel and delete, the end states as exit codes, zh.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <httplib.h>

#include "emulator/common/clock.h"
#include "emulator/state/batches.h"
#include "tests/support/cli_file_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

std::string slurp_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string first_line(std::string s) {
  const auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

class CliBatchTest : public CliFileTest {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(path(name), std::ios::binary) << text;
    return path(name);
  }
  std::string requests_file() {
    return write("requests.jsonl",
                 R"({"key": "sky", "request": {"contents": [{"parts": [{"text": "Why is the sky blue?"}]}]}})" "\n"
                 "\n"
                 R"({"key": "cat", "request": {"contents": [{"parts": [{"text": "Draw a cat"}]}], "generationConfig": {"responseModalities": ["IMAGE"]}}})" "\n");
  }
  void fast_batches() {
    emulator::BatchTiming t;
    t.pending = std::chrono::milliseconds(0);
    t.running = std::chrono::milliseconds(0);
    server_->env().batches().set_timing(t);
  }
};

TEST_F(CliBatchTest, SubmitStatusResultsListDelete) {
  auto submitted = genai({"batch", "submit", requests_file(), "--model", "gemini-2.5-flash", "--display-name", "cli"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string name = first_line(submitted.out);
  ASSERT_EQ(name.rfind("batches/", 0), 0u) << submitted.out;
  EXPECT_NE(submitted.err.find("submitted " + name + " (2 requests)"), std::string::npos) << submitted.err;

  auto status = genai({"batch", "status", name});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("JOB_STATE_PENDING"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("0/2 done"), std::string::npos) << status.out;

  // Not done yet: results says so, and how to wait.
  auto early = genai({"batch", "results", name, "-o", path("out.jsonl")});
  EXPECT_EQ(early.exit_code, 4);
  EXPECT_NE(early.err.find("not done yet"), std::string::npos) << early.err;
  EXPECT_NE(early.err.find("--wait"), std::string::npos) << early.err;
  EXPECT_FALSE(std::filesystem::exists(path("out.jsonl")));

  server_->env().clock().advance(std::chrono::seconds(60));
  auto results = genai({"batch", "results", name, "-o", path("out.jsonl")});
  ASSERT_EQ(results.exit_code, 0) << results.err;
  EXPECT_NE(results.err.find("2 results: 1 ok, 1 failed"), std::string::npos) << results.err;
  std::istringstream lines(slurp_text(path("out.jsonl")));
  std::string l1, l2;
  std::getline(lines, l1);
  std::getline(lines, l2);
  const json a = json::parse(l1), b = json::parse(l2);
  EXPECT_EQ(a["key"], "sky");
  EXPECT_TRUE(a.contains("response"));
  EXPECT_EQ(b["key"], "cat");
  EXPECT_EQ(b["error"]["code"], 3);
  // An existing file is kept without --force.
  auto again = genai({"batch", "results", name, "-o", path("out.jsonl")});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_EQ(slurp_text(path("out.jsonl")).size(), (l1 + "\n" + l2 + "\n").size());

  auto list = genai({"batch", "list", "--page-size", "1"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(name), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("JOB_STATE_SUCCEEDED"), std::string::npos) << list.out;

  auto del = genai({"batch", "delete", name});
  ASSERT_EQ(del.exit_code, 0) << del.err;
  auto gone = genai({"batch", "status", name});
  EXPECT_EQ(gone.exit_code, 4) << gone.err;
}

TEST_F(CliBatchTest, SubmitWaitShowsProgressAndWritesResults) {
  fast_batches();
  auto r = genai({"batch", "submit", requests_file(), "--wait", "--poll-interval", "0.05", "-o", path("answers.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ended JOB_STATE_SUCCEEDED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wrote " + path("answers.jsonl")), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\r"), std::string::npos) << "no spinner when stderr is not a terminal";
}

TEST_F(CliBatchTest, BadLinesAreReportedByNumberAndNothingIsSent) {
  const std::string file = write("bad.jsonl",
                                 R"({"key": "ok", "request": {"contents": []}})" "\n"
                                 "{not json\n"
                                 R"(["an array"])" "\n"
                                 R"({"key": "x"})" "\n"
                                 R"({"key": 7, "request": {}})" "\n"
                                 R"({"key": "ok", "request": {}})" "\n");
  auto r = genai({"batch", "submit", file});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(file + ":2: not valid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":3: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":4: no \"request\" object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":5: \"key\" must be a string"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":6: key ok was already used on line 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 bad line(s); nothing was sent"), std::string::npos) << r.err;
  EXPECT_TRUE(server_->env().batches().list("test-project", "batches/").empty());

  auto empty = genai({"batch", "submit", write("empty.jsonl", "\n\n")});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("has no requests"), std::string::npos) << empty.err;
  auto missing = genai({"batch", "submit", path("nope.jsonl")});
  EXPECT_EQ(missing.exit_code, 2);
}

TEST_F(CliBatchTest, CancelledAndFailedAreErrorsInChinese) {
  auto submitted = genai({"batch", "submit", requests_file()});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string name = first_line(submitted.out);
  auto cancel = genai({"--lang", "zh", "batch", "cancel", name});
  ASSERT_EQ(cancel.exit_code, 0) << cancel.err;
  EXPECT_NE(cancel.err.find("已请求停止"), std::string::npos) << cancel.err;
  auto results = genai({"--lang", "zh", "batch", "results", name});
  EXPECT_EQ(results.exit_code, 4);
  EXPECT_NE(results.err.find("JOB_STATE_CANCELLED"), std::string::npos) << results.err;
  EXPECT_NE(results.err.find("没有结果"), std::string::npos) << results.err;

  auto second = genai({"batch", "submit", requests_file()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const std::string failing = first_line(second.out);
  httplib::Client admin(base_url());
  auto forced = admin.Post("/emulator/v1/batches:force", json{{"name", failing}, {"state", "FAILED"}}.dump(),
                           "application/json");
  ASSERT_TRUE(forced && forced->status == 200);
  auto waited = genai({"batch", "results", failing, "--wait", "--poll-interval", "0.05"});
  EXPECT_NE(waited.exit_code, 0);
  EXPECT_NE(waited.err.find("Batch job failed"), std::string::npos) << waited.err;
}

// A file over the 20 MB an inline batch may carry goes up with the Files API
// (the same JSONL), and the results come back from the job's responses file.
TEST_F(CliBatchTest, ALargeFileIsUploadedAndItsResultsReadFromTheResponsesFile) {
  fast_batches();
  std::string text;
  const std::string filler(100 * 1024, 'x');
  int lines = 0;
  while (text.size() <= 21u * 1024 * 1024) {
    text += R"({"key": "k)" + std::to_string(lines++) + R"(", "request": {"contents": [{"parts": [{"text": "Summarise )" +
            filler + R"("}]}]}})" "\n";
  }
  auto submitted = genai({"batch", "submit", write("big.jsonl", text), "--model", "gemini-2.5-flash", "--wait", "-o",
                          path("big-out.jsonl")});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  // The upload's progress, a line per tenth in a log.
  EXPECT_NE(submitted.err.find("genai: big.jsonl: 21."), std::string::npos) << submitted.err.substr(0, 2000);
  EXPECT_NE(submitted.err.find("(100%)"), std::string::npos) << submitted.err.substr(0, 2000);
  std::istringstream out(slurp_text(path("big-out.jsonl")));
  int read = 0;
  for (std::string l; std::getline(out, l); ++read) {
    const json r = json::parse(l);
    EXPECT_EQ(r["key"], "k" + std::to_string(read));
    EXPECT_TRUE(r.contains("response")) << l.substr(0, 200);
  }
  EXPECT_EQ(read, lines);
}

}  // namespace
}  // namespace genai::testing
