// The two bulk paths of `genai` on Vertex AI, run as a user would with a
// service-account key file against the in-process emulator: a batch
// prediction job reading its JSONL from Cloud Storage and writing its
// predictions there (`genai --vertex batch submit|status|results|list|delete`),
// and `genai --vertex run`, the resumable bulk runner, calling Vertex AI's
// generateContent with the account's OAuth token.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "emulator/auth/key_files.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/batches.h"
#include "emulator/state/storage.h"
#include "tests/support/cli_file_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

std::vector<json> json_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<json> out;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) out.push_back(json::parse(l));
  }
  return out;
}

class CliVertexBulkTest : public CliFileTest {
 protected:
  void SetUp() override {
    CliFileTest::SetUp();
    auto sa = state().create_service_account("test-project", "bulk-runner", "Bulk runner");
    ASSERT_TRUE(sa);
    member_ = emulator::service_account_member(sa->email);
    // As the tutorial ends: Vertex AI User to call models and run batch jobs,
    // and objects in the project's buckets for the batch's input and output.
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true));
    ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", member_));
    ASSERT_TRUE(state().add_binding("test-project", "roles/storage.objectAdmin", member_));
    auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
    ASSERT_TRUE(file);
    key_path_ = path("sa.json");
    std::ofstream(key_path_) << file->key_file_json;
    ::chmod(key_path_.c_str(), 0600);
    ASSERT_TRUE(server_->env().storage().create_bucket("bulk-bucket", "test-project",
                                                       state().project("test-project")->number,
                                                       std::chrono::system_clock::now()));
  }

  ProcessResult vertex(std::vector<std::string> args, const std::string& lang = "en") {
    args.insert(args.begin(), {"--vertex", "--credentials", key_path_, "--lang", lang});
    return genai(std::move(args), {{"STORAGE_EMULATOR_HOST", base_url()},
                                   {"GOOGLE_VERTEX_BASE_URL", base_url()},
                                   {"GEMINI_API_KEY", ""},
                                   {"NO_GCE_CHECK", "true"},
                                   {"CLOUDSDK_CONFIG", "/nonexistent"}});
  }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(path(name), std::ios::binary) << text;
    return path(name);
  }

  // generateContent calls Vertex AI has answered so far.
  long long generate_calls() {
    const auto counters = state().counters();
    const auto it = counters.find("requests PredictionService.GenerateContent");
    return it == counters.end() ? 0 : it->second;
  }

  std::string member_;
  std::string key_path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(CliVertexBulkTest, BatchPredictionFromCloudStorageToAResultsFile) {
  // Vertex AI's input: {"request": <generateContent body>} per line, in Cloud Storage.
  const std::string local = write("requests.jsonl",
                                  R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Why is the sky blue?"}]}]}})" "\n"
                                  R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Draw a cat"}]}], "generationConfig": {"responseModalities": ["IMAGE"]}}})" "\n");
  auto up = vertex({"storage", "cp", local, "gs://bulk-bucket/in/requests.jsonl"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  auto submitted = vertex({"batch", "submit", "gs://bulk-bucket/in/requests.jsonl", "--model", "gemini-2.5-flash",
                           "--dest", "gs://bulk-bucket/out", "--display-name", "nightly"});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string name = submitted.out.substr(0, submitted.out.find('\n'));
  EXPECT_EQ(name.rfind("projects/", 0), 0u) << submitted.out;
  EXPECT_NE(name.find("/batchPredictionJobs/"), std::string::npos) << submitted.out;

  auto status = vertex({"batch", "status", name});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("JOB_STATE_PENDING"), std::string::npos) << status.out;
  auto early = vertex({"batch", "results", name, "-o", path("out.jsonl")});
  EXPECT_EQ(early.exit_code, 4) << early.err;
  EXPECT_FALSE(std::filesystem::exists(path("out.jsonl")));

  server_->env().clock().advance(std::chrono::seconds(60));
  auto results = vertex({"batch", "results", name, "-o", path("out.jsonl")});
  ASSERT_EQ(results.exit_code, 0) << results.err;
  // The predictions were read from Cloud Storage, under the job's output directory...
  bool in_storage = false;
  for (const auto& o : server_->env().storage().list("bulk-bucket", "out/").items) {
    in_storage = in_storage || o.name.find("predictions") != std::string::npos;
  }
  EXPECT_TRUE(in_storage);
  EXPECT_NE(results.err.find("2 results: 1 ok, 1 failed"), std::string::npos) << results.err;
  // ...and come back one line per request: the request, then its response or error.
  const std::vector<json> lines = json_lines(path("out.jsonl"));
  ASSERT_EQ(lines.size(), 2u);
  std::set<std::string> asked;
  for (const json& l : lines) {
    asked.insert(l["request"]["contents"][0]["parts"][0]["text"].get<std::string>());
    if (l.contains("response")) {
      EXPECT_FALSE(l["response"]["candidates"][0]["content"]["parts"][0]["text"].get<std::string>().empty()) << l;
      EXPECT_FALSE(l.contains("error")) << l;
    } else {
      EXPECT_FALSE(l["error"]["message"].get<std::string>().empty()) << l;
    }
  }
  EXPECT_EQ(asked, (std::set<std::string>{"Why is the sky blue?", "Draw a cat"}));

  auto list = vertex({"batch", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(name), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("JOB_STATE_SUCCEEDED"), std::string::npos) << list.out;
  auto del = vertex({"batch", "delete", name});
  ASSERT_EQ(del.exit_code, 0) << del.err;
  EXPECT_EQ(vertex({"batch", "status", name}).exit_code, 4);
}

// The results of a Vertex AI job, line by line: one per request in the
// order of the predictions Vertex AI wrote (the emulator writes them in
// input order; Google does not promise an order, so a request's own `labels`
// are the way to tell lines apart, and they come back with the request),
// each with its response or, for a request generateContent refuses, its
// error. Submitted without --dest (next to the input) and waited for with
// --wait -o, as a script would.
TEST_F(CliVertexBulkTest, BatchResultsComeBackLineByLineWithEachRequestsOwnAnswerOrError) {
  emulator::BatchTiming now;
  now.pending = std::chrono::milliseconds(0);
  now.running = std::chrono::milliseconds(0);
  server_->env().batches().set_timing(now);
  const std::vector<std::string> lines_in = {
      R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Name a colour"}]}], "labels": {"key": "colour"}}})",
      R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Draw a cat"}]}], "generationConfig": {"responseModalities": ["IMAGE"]}, "labels": {"key": "cat"}}})",
      R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Name a river"}]}], "labels": {"key": "river"}}})",
      R"({"request": {"contents": [], "labels": {"key": "empty"}}})",
      R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Name a mountain"}]}], "labels": {"key": "mountain"}}})",
  };
  std::string text;
  for (const std::string& l : lines_in) text += l + "\n\n";
  auto up = vertex({"storage", "cp", write("batch.jsonl", text), "gs://bulk-bucket/jobs/batch.jsonl"});
  ASSERT_EQ(up.exit_code, 0) << up.err;

  auto r = vertex({"batch", "submit", "gs://bulk-bucket/jobs/batch.jsonl", "--model", "gemini-2.5-flash", "--wait",
                   "--poll-interval", "0.05", "-o", path("answers.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ended JOB_STATE_SUCCEEDED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("5 results: 3 ok, 2 failed"), std::string::npos) << r.err;
  // The predictions are next to the input, under the job's own directory.
  std::vector<std::string> written;
  for (const auto& o : server_->env().storage().list("bulk-bucket", "jobs/batch/dest/").items) written.push_back(o.name);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_NE(written[0].find("/prediction-model-"), std::string::npos) << written[0];
  EXPECT_EQ(written[0].substr(written[0].size() - 17), "predictions.jsonl");

  const std::vector<json> out = json_lines(path("answers.jsonl"));
  ASSERT_EQ(out.size(), lines_in.size()) << slurp(path("answers.jsonl"));
  for (size_t i = 0; i < out.size(); ++i) {
    const json in = json::parse(lines_in[i]);
    EXPECT_EQ(out[i]["request"], in["request"]) << "line " << i + 1 << ": " << out[i];
    EXPECT_FALSE(out[i].contains("key")) << out[i];  // Vertex AI has no key: the request is the line's name
  }
  for (size_t i : {0u, 2u, 4u}) {
    ASSERT_TRUE(out[i].contains("response")) << out[i];
    EXPECT_FALSE(out[i].contains("error")) << out[i];
    const std::string said = out[i]["response"]["candidates"][0]["content"]["parts"][0]["text"];
    EXPECT_FALSE(said.empty()) << out[i];
    EXPECT_GT(out[i]["response"]["usageMetadata"].value("totalTokenCount", 0), 0) << out[i];
  }
  // A refused request's line carries generateContent's own message, as a
  // direct call would have it.
  for (size_t i : {1u, 3u}) {
    EXPECT_FALSE(out[i].contains("response")) << out[i];
    ASSERT_TRUE(out[i]["error"]["message"].is_string()) << out[i];
  }
  auto direct = vertex({"generate", "Draw a cat", "--model", "gemini-2.5-flash", "--modalities", "IMAGE"});
  EXPECT_NE(direct.exit_code, 0);
  EXPECT_NE(direct.err.find(out[1]["error"]["message"].get<std::string>().substr(0, 40)), std::string::npos)
      << direct.err << "\nvs " << out[1];
  EXPECT_NE(out[3]["error"]["message"].get<std::string>().find("contents"), std::string::npos) << out[3];

  // `results` to stdout gives the same lines.
  const std::string name = r.out.substr(0, r.out.find('\n'));
  auto again = vertex({"batch", "results", name});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, slurp(path("answers.jsonl")));
}

TEST_F(CliVertexBulkTest, BatchNeedsTheInputInCloudStorageAndTheBatchPermission) {
  // A local file cannot be sent inline to Vertex AI: told before anything is sent.
  const std::string local = write("requests.jsonl",
                                  R"({"key": "a", "request": {"contents": [{"parts": [{"text": "Hi"}]}]}})" "\n");
  auto inline_batch = vertex({"batch", "submit", local, "--model", "gemini-2.5-flash"});
  EXPECT_EQ(inline_batch.exit_code, 2) << inline_batch.err;
  EXPECT_NE(inline_batch.err.find("Cloud Storage"), std::string::npos) << inline_batch.err;
  auto none = vertex({"batch", "list"});
  EXPECT_EQ(none.out.find("batchPredictionJobs/"), std::string::npos) << none.out;

  // An input object that does not exist fails the job, and --wait says so.
  emulator::BatchTiming now;
  now.pending = std::chrono::milliseconds(0);
  now.running = std::chrono::milliseconds(0);
  server_->env().batches().set_timing(now);
  auto missing = vertex({"batch", "submit", "gs://bulk-bucket/nope.jsonl", "--model", "gemini-2.5-flash", "--dest",
                         "gs://bulk-bucket/out", "--wait", "--poll-interval", "1"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("JOB_STATE_FAILED"), std::string::npos) << missing.err;

  // Without Vertex AI User the job is refused with the permission named.
  ASSERT_TRUE(state().remove_binding("test-project", "roles/aiplatform.user", member_));
  auto refused = vertex({"batch", "submit", "gs://bulk-bucket/nope.jsonl", "--model", "gemini-2.5-flash"});
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_NE(refused.err.find("aiplatform.batchPredictionJobs.create"), std::string::npos) << refused.err;
}

TEST_F(CliVertexBulkTest, RunSendsEachLineToVertexAiOnceAndResumes) {
  std::string text;
  for (int i = 1; i <= 40; ++i) {
    text += json{{"key", "k" + std::to_string(i)}, {"prompt", "Say " + std::to_string(i)}}.dump() + "\n";
  }
  const std::string requests = write("requests.jsonl", text);
  auto run = vertex({"run", requests, "-o", path("results.jsonl"), "--concurrency", "8"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::set<std::string> keys;
  for (const json& l : json_lines(path("results.jsonl"))) {
    EXPECT_TRUE(l.contains("response")) << l;
    EXPECT_TRUE(keys.insert(l["key"].get<std::string>()).second) << "twice: " << l["key"];
  }
  EXPECT_EQ(keys.size(), 40u);
  // A second run finds everything done and sends nothing.
  auto again = vertex({"run", requests, "-o", path("results.jsonl")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(json_lines(path("results.jsonl")).size(), 40u);

  // A Vertex AI refusal (no role) is each line's error, and the exit is nonzero.
  ASSERT_TRUE(state().remove_binding("test-project", "roles/aiplatform.user", member_));
  const std::string more = write("more.jsonl", R"({"key": "late", "prompt": "Hello"})" "\n");
  auto refused = vertex({"run", more, "-o", path("more-results.jsonl")});
  EXPECT_NE(refused.exit_code, 0) << refused.err;
  const std::vector<json> lines = json_lines(path("more-results.jsonl"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["key"], "late");
  EXPECT_EQ(lines[0]["error"]["status"], "PERMISSION_DENIED") << lines[0];
  EXPECT_NE(lines[0].dump().find("aiplatform.endpoints.predict"), std::string::npos) << lines[0];
}


// genai --vertex run over 20 requests, most without a key (their line number
// is theirs) and two with one: each key once with its response and usage;
// a second run sends nothing; and after an interruption (the results cut
// back to 7 whole lines and a torn 8th, what kill -9 in the middle of a
// write leaves) the same command sends exactly the 13 missing requests.
TEST_F(CliVertexBulkTest, RunWithAndWithoutKeysResumesAfterAnInterruption) {
  std::string text;
  std::set<std::string> want;
  for (int i = 1; i <= 20; ++i) {
    if (i == 3) {
      text += R"({"key": "alpha", "prompt": "Name a colour"})" "\n";
      want.insert("alpha");
    } else if (i == 11) {
      text += R"({"key": "beta", "request": {"contents": [{"role": "user", "parts": [{"text": "Name a river"}]}], "generationConfig": {"maxOutputTokens": 64}}})" "\n";
      want.insert("beta");
    } else if (i % 2 == 0) {
      text += json("Say " + std::to_string(i)).dump() + "\n";
      want.insert(std::to_string(i));
    } else {
      text += json{{"contents", {{{"role", "user"}, {"parts", {{{"text", "Count to " + std::to_string(i)}}}}}}}}.dump() + "\n";
      want.insert(std::to_string(i));
    }
  }
  const std::string requests = write("twenty.jsonl", text);
  const std::string results = path("twenty-results.jsonl");
  const long long calls_before = generate_calls();
  auto run = vertex({"run", requests, "-o", results, "--concurrency", "4"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("20 succeeded, 0 failed, 0 done before"), std::string::npos) << run.err;
  EXPECT_EQ(generate_calls() - calls_before, 20);
  const auto check = [&](const std::vector<json>& lines) {
    std::set<std::string> keys;
    for (const json& l : lines) {
      EXPECT_TRUE(keys.insert(l["key"].get<std::string>()).second) << "twice: " << l["key"];
      ASSERT_TRUE(l.contains("response")) << l;
      EXPECT_FALSE(l["response"]["candidates"][0]["content"]["parts"][0]["text"].get<std::string>().empty()) << l;
      EXPECT_GT(l["usage"].value("totalTokenCount", 0), 0) << l;
      EXPECT_EQ(l["usage"], l["response"]["usageMetadata"]) << l;
    }
    EXPECT_EQ(keys, want);
  };
  const std::vector<json> first = json_lines(results);
  EXPECT_EQ(first.size(), 20u);
  check(first);

  // Everything done: nothing is sent, nothing is written.
  const std::string complete = slurp(results);
  auto again = vertex({"run", requests, "-o", results});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("20 already done, 0 to send"), std::string::npos) << again.err;
  EXPECT_EQ(generate_calls() - calls_before, 20);
  EXPECT_EQ(slurp(results), complete);

  // An interrupted run: 7 whole lines and half of the 8th.
  std::istringstream all(complete);
  std::string kept, l;
  for (int i = 0; i < 7 && std::getline(all, l); ++i) kept += l + "\n";
  std::getline(all, l);
  std::ofstream(results, std::ios::binary | std::ios::trunc) << kept << l.substr(0, l.size() / 2);
  auto resumed = vertex({"run", requests, "-o", results});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("cut off the torn last line"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.err.find("13 succeeded, 0 failed, 7 done before"), std::string::npos) << resumed.err;
  EXPECT_EQ(generate_calls() - calls_before, 33);
  const std::string after = slurp(results);
  EXPECT_EQ(after.substr(0, kept.size()), kept);
  const std::vector<json> last = json_lines(results);
  EXPECT_EQ(last.size(), 20u);
  check(last);
}

}  // namespace
}  // namespace genai::testing
