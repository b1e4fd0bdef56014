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

  std::string member_;
  std::string key_path_;
};

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

}  // namespace
}  // namespace genai::testing
