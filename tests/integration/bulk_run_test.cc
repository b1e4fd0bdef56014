// genai::BulkRunner and `genai run` against the in-process emulator (and a
// scripted transport where the exact request body matters): a thousand
// requests through injected 429s, 503s and connection resets, with the CLI
// killed twice (SIGKILL) and resumed: every key exactly once. Shards and
// merge, torn-tail repair, bad lines by number, --dry-run, the 429 pause.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "genai/bulk.h"
#include "tests/support/cli_file_fixture.h"
#include "tests/support/fake_transport.h"

namespace genai::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// `n` requests in the three shapes a line may take; keys "k<i>", or the line
// number for the bare prompts.
std::set<std::string> write_requests(const std::string& path, int n) {
  std::string text;
  std::set<std::string> keys;
  for (int i = 1; i <= n; ++i) {
    json line;
    if (i % 3 == 0) {
      line = "Tell me about the number " + std::to_string(i);
      keys.insert(std::to_string(i));
    } else if (i % 3 == 1) {
      line = {{"key", "k" + std::to_string(i)},
              {"request",
               {{"contents", {{{"role", "user"}, {"parts", {{{"text", "Hi " + std::to_string(i)}}}}}}},
                {"generationConfig", {{"maxOutputTokens", 16}}}}}};
      keys.insert("k" + std::to_string(i));
    } else {
      line = {{"key", "k" + std::to_string(i)}, {"prompt", "Say " + std::to_string(i)}};
      keys.insert("k" + std::to_string(i));
    }
    text += line.dump() + "\n";
  }
  write_text(path, text);
  return keys;
}

// The keys of a results file; fails the test on a line that is not a whole
// result, a repeated key, or (with `all_ok`) an error line.
std::multiset<std::string> result_keys(const std::string& path, bool all_ok = true) {
  std::multiset<std::string> keys;
  for (const std::string& line : read_lines(path)) {
    json j = json::parse(line, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("key")) << line.substr(0, 200);
    if (!j.is_object() || !j.contains("key")) continue;
    if (all_ok) EXPECT_TRUE(j.contains("response")) << line.substr(0, 300);
    keys.insert(j["key"].get<std::string>());
  }
  return keys;
}

class BulkRunCliTest : public CliFileTest {
 protected:
  std::map<std::string, std::string> cli_env() {
    return {{"GOOGLE_GEMINI_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}};
  }

  // Starts genai with `args` and sends it `signal` once `output` has at least
  // `lines` lines, then waits for it to end. True when the signal was sent
  // (it had not finished first); `status` is waitpid's, stderr goes to `err_path`.
  bool run_and_signal(const std::vector<std::string>& args, const std::string& output, size_t lines, int signal,
                      int* status, const std::string& err_path = "/dev/null") {
    std::vector<std::string> argv = {GENAI_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> envs = {"PATH=" + std::string(getenv("PATH") ? getenv("PATH") : "/usr/bin")};
    for (const auto& [k, v] : cli_env()) envs.push_back(k + "=" + v);
    if (const char* asan = getenv("ASAN_OPTIONS")) envs.push_back(std::string("ASAN_OPTIONS=") + asan);
    const pid_t pid = fork();
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(devnull, 1);
      dup2(err, 2);
      std::vector<char*> a, e;
      for (auto& s : argv) a.push_back(s.data());
      a.push_back(nullptr);
      for (auto& s : envs) e.push_back(s.data());
      e.push_back(nullptr);
      execve(a[0], a.data(), e.data());
      _exit(127);
    }
    bool sent = false;
    for (int i = 0; i < 6000; ++i) {  // 60 s at most
      if (waitpid(pid, status, WNOHANG) == pid) return false;
      if (read_lines(output).size() >= lines) {
        ::kill(pid, signal);
        sent = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!sent) ::kill(pid, SIGKILL);
    waitpid(pid, status, 0);
    return sent;
  }

  bool run_and_kill(const std::vector<std::string>& args, const std::string& output, size_t lines) {
    int status = 0;
    return run_and_signal(args, output, lines, SIGKILL, &status) && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }
};

TEST_F(BulkRunCliTest, AThousandRequestsThroughFaultsAndTwoKillsEndWithEachKeyOnce) {
  const std::set<std::string> keys = write_requests(path("req.jsonl"), 1000);
  // About 10% of attempts fail: a 429 with RetryInfo (0 s), a 503, a reset.
  set_faults("generateContent=429:0@0.034,generateContent=503@0.034,generateContent=reset@0.034");
  // Paced (6000 per minute: 100 per second) so the kills land mid-run.
  const std::vector<std::string> args = {"run", path("req.jsonl"), "-o", path("out.jsonl"),
                                         "--concurrency", "16", "--rpm", "6000"};
  EXPECT_TRUE(run_and_kill(args, path("out.jsonl"), 250));
  const size_t after_first = read_lines(path("out.jsonl")).size();
  EXPECT_GE(after_first, 250u);
  EXPECT_TRUE(run_and_kill(args, path("out.jsonl"), after_first + 300));
  EXPECT_LT(read_lines(path("out.jsonl")).size(), 1000u);

  ProcessResult r = genai(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("already written"), std::string::npos) << r.err;
  const std::multiset<std::string> got = result_keys(path("out.jsonl"));
  EXPECT_EQ(got.size(), 1000u);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), keys);

  // Done is done: the same command again sends nothing.
  ProcessResult again = genai(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("1000 already done, 0 to send"), std::string::npos) << again.err;
  EXPECT_EQ(read_lines(path("out.jsonl")).size(), 1000u);
}

TEST_F(BulkRunCliTest, CtrlCFinishesWhatIsInFlightAndSaysHowToResume) {
  const std::set<std::string> keys = write_requests(path("req.jsonl"), 300);
  const std::vector<std::string> args = {"run", path("req.jsonl"), "-o", path("out.jsonl"), "--rpm", "3000"};
  int status = 0;
  ASSERT_TRUE(run_and_signal(args, path("out.jsonl"), 40, SIGINT, &status, path("err.txt")));
  std::ifstream in(path("err.txt"));
  const std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(WIFEXITED(status)) << err;
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;
  EXPECT_NE(err.find("genai: stopping"), std::string::npos) << err;
  EXPECT_NE(err.find("run the same command again"), std::string::npos) << err;
  const size_t written = read_lines(path("out.jsonl")).size();
  EXPECT_LT(written, 300u);
  ProcessResult rest = genai(args);
  ASSERT_EQ(rest.exit_code, 0) << rest.err;
  const std::multiset<std::string> got = result_keys(path("out.jsonl"));
  EXPECT_EQ(got.size(), 300u);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), keys);
}

TEST_F(BulkRunCliTest, ThreeShardsMergeIntoTheWholeRun) {
  const std::set<std::string> keys = write_requests(path("req.jsonl"), 300);
  std::vector<std::string> outs;
  size_t total = 0;
  for (int k = 1; k <= 3; ++k) {
    outs.push_back(path("part" + std::to_string(k) + ".jsonl"));
    ProcessResult r = genai({"run", path("req.jsonl"), "-o", outs.back(), "--shard", std::to_string(k) + "/3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const size_t n = read_lines(outs.back()).size();
    EXPECT_GT(n, 50u) << "an even split by key hash";
    total += n;
  }
  EXPECT_EQ(total, 300u);
  // A shard resumed under another shard's number is refused.
  ProcessResult wrong = genai({"run", path("req.jsonl"), "-o", outs[0], "--shard", "2/3"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
  EXPECT_NE(wrong.err.find("holds shard 1/3"), std::string::npos) << wrong.err;

  ProcessResult missing = genai({"run", "--merge", outs[0], outs[1], "--requests", path("req.jsonl"), "-o",
                                 path("all.jsonl")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("have no result"), std::string::npos) << missing.err;
  ProcessResult twice = genai({"run", "--merge", outs[0], outs[0], "-o", path("all.jsonl")});
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_NE(twice.err.find("more than one file"), std::string::npos) << twice.err;
  EXPECT_FALSE(fs::exists(path("all.jsonl")));

  ProcessResult merged = genai({"run", "--merge", outs[0], outs[1], outs[2], "--input", path("req.jsonl"), "-o",
                                path("all.jsonl")});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  const std::multiset<std::string> got = result_keys(path("all.jsonl"));
  EXPECT_EQ(got.size(), 300u);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), keys);
}

TEST_F(BulkRunCliTest, ATornLastLineIsCutOffOnResumeAndRefusedByMerge) {
  write_requests(path("req.jsonl"), 20);
  ASSERT_EQ(genai({"run", path("req.jsonl"), "-o", path("out.jsonl")}).exit_code, 0);
  std::vector<std::string> lines = read_lines(path("out.jsonl"));
  ASSERT_EQ(lines.size(), 20u);
  // What a power loss in the middle of a write leaves: the last result torn.
  std::string text;
  for (size_t i = 0; i + 1 < lines.size(); ++i) text += lines[i] + "\n";
  text += lines.back().substr(0, lines.back().size() / 2);
  write_text(path("out.jsonl"), text);

  ProcessResult merge = genai({"run", "--merge", path("out.jsonl"), "-o", path("all.jsonl")});
  EXPECT_NE(merge.exit_code, 0);
  EXPECT_NE(merge.err.find("line 20 is torn"), std::string::npos) << merge.err;

  ProcessResult r = genai({"run", path("req.jsonl"), "-o", path("out.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("torn last line (20)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 succeeded"), std::string::npos) << r.err;
  EXPECT_EQ(result_keys(path("out.jsonl")).size(), 20u);

  // A line that is not a result in the middle is not a torn tail: refused.
  lines = read_lines(path("out.jsonl"));
  lines[5] = "garbage";
  text.clear();
  for (const auto& l : lines) text += l + "\n";
  write_text(path("out.jsonl"), text);
  ProcessResult refused = genai({"run", path("req.jsonl"), "-o", path("out.jsonl")});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("line 6 is not a result line"), std::string::npos) << refused.err;
}

TEST_F(BulkRunCliTest, BadLinesAreReportedByNumberAndNothingIsSent) {
  write_text(path("req.jsonl"),
             "\"a fine prompt\"\n"
             "{not json\n"
             "\n"
             "{\"key\": \"a\", \"request\": {\"contents\": []}}\n"
             "{\"key\": \"b\", \"prompt\": \"ok\"}\n"
             "{\"key\": \"b\", \"prompt\": \"the same key\"}\n"
             "42\n"
             "{\"key\": {\"x\": 1}, \"prompt\": \"p\"}\n");
  for (bool dry : {true, false}) {
    std::vector<std::string> args = {"run", path("req.jsonl"), "-o", path("out.jsonl")};
    if (dry) args.push_back("--dry-run");
    ProcessResult r = genai(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("req.jsonl:2: the line is not valid JSON"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("req.jsonl:4: \"contents\" must be a non-empty array"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("req.jsonl:6: the key \"b\" is already used on line 5"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("req.jsonl:7: the line is a JSON number"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("req.jsonl:8: \"key\" must be a string"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("5 bad line(s)"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(path("out.jsonl")));
  }
}

TEST_F(BulkRunCliTest, DryRunChecksWithoutSendingAndAnotherInputIsRefused) {
  write_requests(path("req.jsonl"), 30);
  set_faults("generateContent=500@1");  // anything sent would fail
  ProcessResult dry = genai({"run", path("req.jsonl"), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.err.find("30 line(s) checked: 30 request(s) in this shard, 0 already done, 30 to send"),
            std::string::npos)
      << dry.err;
  ProcessResult zh = genai({"--lang", "zh", "run", path("req.jsonl"), "--dry-run"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.err.find("已检查 30 行"), std::string::npos) << zh.err;
  set_faults("");
  ASSERT_EQ(genai({"run", path("req.jsonl"), "-o", path("out.jsonl")}).exit_code, 0);
  write_requests(path("other.jsonl"), 31);
  ProcessResult other = genai({"run", path("other.jsonl"), "-o", path("out.jsonl")});
  EXPECT_EQ(other.exit_code, 2) << other.err;
  EXPECT_NE(other.err.find("holds the results of another requests file"), std::string::npos) << other.err;
  // An existing file that no run wrote is never appended to.
  write_text(path("notes.txt"), "my notes\n");
  ProcessResult notes = genai({"run", path("req.jsonl"), "-o", path("notes.txt")});
  EXPECT_NE(notes.exit_code, 0);
  EXPECT_NE(notes.err.find("is not the output of a genai run"), std::string::npos) << notes.err;
}

TEST_F(BulkRunCliTest, FinalFailuresAreWrittenAsErrorsAndRetriedOnRequest) {
  write_requests(path("req.jsonl"), 12);
  set_faults("generateContent=500@1#4");  // the first four attempts, with --retries 1
  ProcessResult r = genai({"--retries", "1", "run", path("req.jsonl"), "-o", path("out.jsonl"), "-c", "1"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("8 succeeded, 4 failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("INTERNAL: 4"), std::string::npos) << r.err;
  int errors = 0;
  for (const std::string& line : read_lines(path("out.jsonl"))) {
    json j = json::parse(line);
    if (j.contains("error")) {
      ++errors;
      EXPECT_EQ(j["error"]["code"], 500);
      EXPECT_EQ(j["error"]["status"], "INTERNAL");
    }
  }
  EXPECT_EQ(errors, 4);
  ProcessResult again = genai({"run", path("req.jsonl"), "-o", path("out.jsonl"), "--retry-errors"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("4 succeeded, 0 failed, 8 done before"), std::string::npos) << again.err;
  EXPECT_EQ(result_keys(path("out.jsonl")).size(), 12u);
}

class BulkRunnerTest : public EmulatorTest {
 protected:
  std::string dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    fs::path d = fs::temp_directory_path() / ("genai-bulk-" + std::to_string(::getpid()) + "-" + info->name());
    fs::create_directories(d);
    dirs_.push_back(d);
    return d.string();
  }
  void TearDown() override {
    for (const auto& d : dirs_) fs::remove_all(d);
    EmulatorTest::TearDown();
  }
  std::vector<fs::path> dirs_;
};

TEST_F(BulkRunnerTest, EachRequestIsTheBodyASingleCallSends) {
  auto t = FakeTransport::make();
  const std::string answer = R"({"candidates": [{"content": {"role": "model", "parts": [{"text": "ok"}]}}],
                                 "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 1, "totalTokenCount": 4}})";
  t->answer(200, answer).answer(200, answer);
  Client c = client_over(t);
  GenerateContentConfig config;
  config.system_instruction = Content::from_text("Be brief.", "user");
  config.temperature = 0.25;
  config.max_output_tokens = 20;
  ASSERT_TRUE(c.models().generate_content("gemini-2.5-flash", "Hello", config).ok());

  const std::string d = dir();
  write_text(d + "/req.jsonl", json({{"key", "one"},
                                     {"request",
                                      {{"contents", {{{"role", "user"}, {"parts", {{{"text", "Hello"}}}}}}},
                                       {"generationConfig", {{"maxOutputTokens", 20}}}}}})
                                       .dump() + "\n");
  BulkRunOptions o;
  o.input_path = d + "/req.jsonl";
  o.output_path = d + "/out.jsonl";
  o.config.system_instruction = Content::from_text("Be brief.", "user");
  o.config.temperature = 0.25;
  o.config.max_output_tokens = 5;  // the line's generationConfig wins
  Result<BulkSummary> s = BulkRunner(c, o).run();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->succeeded, 1);
  EXPECT_EQ(s->prompt_tokens, 3);
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].url, sent[0].url);
  EXPECT_EQ(json::parse(sent[1].body), json::parse(sent[0].body));
  const std::vector<std::string> lines = read_lines(d + "/out.jsonl");
  ASSERT_EQ(lines.size(), 1u);
  const json answer_json = json::parse(answer);
  EXPECT_EQ(json::parse(lines[0]),
            json({{"key", "one"}, {"usage", answer_json["usageMetadata"]}, {"response", answer_json}}));
}

TEST_F(BulkRunnerTest, A429WithRetryInfoPausesTheWholeRunner) {
  const std::string d = dir();
  std::string text;
  for (int i = 0; i < 40; ++i) text += json("prompt " + std::to_string(i)).dump() + "\n";
  write_text(d + "/req.jsonl", text);
  set_faults("generateContent=429:1@1#1");  // the first request: RESOURCE_EXHAUSTED, retry in 1 s
  BulkRunOptions o;
  o.input_path = d + "/req.jsonl";
  o.output_path = d + "/out.jsonl";
  o.concurrency = 1;  // the first request's 429 arrives before the second is sent
  std::vector<std::chrono::milliseconds> pauses;
  o.on_progress = [&](const BulkProgress& p) { pauses.push_back(p.paused); };
  o.progress_interval = std::chrono::milliseconds(50);
  const auto start = std::chrono::steady_clock::now();
  Result<BulkSummary> s = BulkRunner(client(key(), 3), o).run();
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->succeeded, 40);
  EXPECT_EQ(s->retries, 1);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(950));
  EXPECT_TRUE(std::any_of(pauses.begin(), pauses.end(), [](auto p) { return p.count() > 0; }));
}

TEST_F(BulkRunnerTest, StopFinishesWhatIsInFlightAndAResumeDoesTheRest) {
  const std::string d = dir();
  std::string text;
  for (int i = 0; i < 200; ++i) text += json("prompt " + std::to_string(i)).dump() + "\n";
  write_text(d + "/req.jsonl", text);
  std::stop_source stop;
  BulkRunOptions o;
  o.input_path = d + "/req.jsonl";
  o.output_path = d + "/out.jsonl";
  o.concurrency = 4;
  o.requests_per_minute = 3000;  // 30 at once, then ~50 per second
  o.stop = stop.get_token();
  o.progress_interval = std::chrono::milliseconds(20);
  o.on_progress = [&](const BulkProgress& p) {
    if (p.succeeded >= 40) stop.request_stop();
  };
  Result<BulkSummary> first = BulkRunner(client(), o).run();
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_TRUE(first->stopped);
  EXPECT_EQ(first->abandoned, 0);
  EXPECT_LT(first->succeeded, 200);
  EXPECT_EQ(static_cast<std::int64_t>(read_lines(o.output_path).size()), first->succeeded);

  o.stop = {};
  o.on_progress = nullptr;
  o.requests_per_minute = 0;
  Result<BulkSummary> rest = BulkRunner(client(), o).run();
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  EXPECT_FALSE(rest->stopped);
  EXPECT_EQ(rest->done_before, first->succeeded);
  EXPECT_EQ(rest->succeeded, 200 - first->succeeded);
  EXPECT_EQ(result_keys(o.output_path).size(), 200u);
}

TEST_F(BulkRunnerTest, ShardOfAKeyIsStable) {
  // FNV-1a 64 of the key: the same on every machine and every run.
  EXPECT_EQ(bulk_shard_of("k1", 1), 0);
  EXPECT_EQ(bulk_shard_of("", 3), static_cast<int>(14695981039346656037ull % 3));
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i) ++counts[bulk_shard_of("key-" + std::to_string(i), 3)];
  for (int c : counts) EXPECT_NEAR(c, 1000, 150);
}

}  // namespace
}  // namespace genai::testing
