// Batches on the wire, without a server: a batch line's request is exactly
// the body of a single generate_content call with the same config; URL
// shapes of create/get/cancel/delete/list; Google's captured batch bodies
// (tests/data/wire/batch-*.json) parse into BatchJob with both backends'
// state names mapped; refusals before anything is sent.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "genai/genai.h"
#include "tests/support/fake_transport.h"

namespace genai::testing {
namespace {

using nlohmann::json;

std::string wire_sample(const std::string& name) {
  std::ifstream in(std::string(GENAI_WIRE_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GenerateContentConfig rich_config() {
  GenerateContentConfig c;
  c.temperature = 0.25;
  c.max_output_tokens = 64;
  c.system_instruction = Content::from_text("Answer briefly.");
  ThinkingConfig t;
  t.thinking_budget = 128;
  t.include_thoughts = true;
  c.thinking_config = t;
  SafetySetting s;
  s.category = "HARM_CATEGORY_HARASSMENT";
  s.threshold = "BLOCK_ONLY_HIGH";
  c.safety_settings = {s};
  c.response_mime_type = "application/json";
  c.response_json_schema = json{{"type", "object"}, {"properties", {{"a", {{"type", "string"}}}}}};
  Tool tool;
  FunctionDeclaration f;
  f.name = "lookup";
  f.description = "Looks a word up";
  tool.function_declarations = {f};
  c.tools = {tool};
  return c;
}

TEST(Batches, InlineLineCarriesTheSingleCallBodyExactly) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  const GenerateContentConfig cfg = rich_config();
  const std::vector<Content> contents = {Content::from_text("Define 'batch'.")};
  t->answer(200, wire_sample("generate-content-response.json"));
  ASSERT_TRUE(client.models().generate_content("gemini-2.5-flash", contents, cfg));
  t->answer(200, wire_sample("batch-create-response.json"));
  InlinedRequest r;
  r.key = "req_1";
  r.contents = contents;
  r.config = cfg;
  auto job = client.batches().create("gemini-2.5-flash", std::vector<InlinedRequest>{r}, {.display_name = "test-batch-job"});
  ASSERT_TRUE(job) << job.error().to_string();
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_NE(sent[1].url.find("/v1beta/models/gemini-2.5-flash:batchGenerateContent"), std::string::npos) << sent[1].url;
  const json single = json::parse(sent[0].body);
  const json batch = json::parse(sent[1].body);
  EXPECT_EQ(batch["batch"]["displayName"], "test-batch-job");
  const json& line = batch["batch"]["inputConfig"]["requests"]["requests"][0];
  EXPECT_EQ(line["request"], single);  // every field where the single call puts it
  EXPECT_EQ(line["metadata"], json({{"key", "req_1"}}));
  EXPECT_TRUE(single.contains("generationConfig"));
  EXPECT_TRUE(single["generationConfig"].contains("thinkingConfig"));
  // The answer: Google's captured create response.
  EXPECT_EQ(job->name, "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp");
  EXPECT_EQ(job->state, JobState::kPending);
  EXPECT_EQ(job->state_name, "BATCH_STATE_PENDING");
  EXPECT_EQ(job->stats.request_count, 3);
  EXPECT_EQ(job->stats.pending_request_count, 3);
  EXPECT_EQ(job->model, "models/gemini-2.5-flash");
  EXPECT_FALSE(job->done());
}

TEST(Batches, SucceededSampleParsesInlinedResponses) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  t->answer(200, wire_sample("batch-get-running.json"));
  t->answer(200, wire_sample("batch-get-succeeded.json"));
  auto running = client.batches().get("batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp");
  ASSERT_TRUE(running) << running.error().to_string();
  EXPECT_EQ(running->state, JobState::kRunning);
  auto job = client.batches().get("4m855v7q30kc7gtzcigdg9m72o87s08w33vp");  // a bare id is completed
  ASSERT_TRUE(job) << job.error().to_string();
  const std::vector<HttpRequest> sent = t->requests();
  EXPECT_EQ(sent[0].url, sent[1].url);
  EXPECT_NE(sent[0].url.find("/v1beta/batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp"), std::string::npos);
  EXPECT_EQ(sent[0].method, "GET");
  EXPECT_EQ(job->state, JobState::kSucceeded);
  EXPECT_TRUE(job->done());
  EXPECT_EQ(job->end_time, "2025-12-10T18:28:31.548158795Z");
  EXPECT_EQ(job->stats.successful_request_count, 3);
  ASSERT_TRUE(job->dest);
  ASSERT_EQ(job->dest->inlined_responses.size(), 3u);
  EXPECT_EQ(job->dest->inlined_responses[1].key(), "req_2");
  ASSERT_TRUE(job->dest->inlined_responses[0].response);
  EXPECT_EQ(job->dest->inlined_responses[0].response->usage_metadata->thoughts_token_count, 1582);
  EXPECT_FALSE(job->dest->inlined_responses[0].error);
}

TEST(Batches, PerRequestErrorAndUnknownFieldsAreKept) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  t->answer(200, R"({"name":"batches/b1","metadata":{"@type":"x","state":"BATCH_STATE_SUCCEEDED","priority":"7",
    "batchStats":{"requestCount":"2","successfulRequestCount":"1","failedRequestCount":"1"},
    "output":{"inlinedResponses":{"inlinedResponses":[
      {"error":{"code":3,"message":"bad thinking budget"},"metadata":{"key":"k0"}},
      {"response":{"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"}}]},"metadata":{"key":"k1"}}]}}},
    "done":true})");
  auto job = client.batches().get("batches/b1");
  ASSERT_TRUE(job) << job.error().to_string();
  EXPECT_EQ(job->extra["priority"], "7");
  EXPECT_EQ(job->stats.failed_request_count, 1);
  const auto& lines = job->dest->inlined_responses;
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_TRUE(lines[0].error);
  EXPECT_EQ(lines[0].error->status, "INVALID_ARGUMENT");
  EXPECT_EQ(lines[0].error->message, "bad thinking budget");
  EXPECT_EQ(lines[1].response->text(), "ok");
}

TEST(Batches, UrlShapesOfCancelDeleteListAndWait) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  t->answer(200, "{}").answer(200, "{}");
  t->answer(200, R"({"operations":[{"name":"batches/a","metadata":{"state":"BATCH_STATE_RUNNING"}}],"nextPageToken":"p2"})");
  t->answer(200, R"({"operations":[{"name":"batches/b","metadata":{"state":"BATCH_STATE_EXPIRED"}}]})");
  ASSERT_TRUE(client.batches().cancel("batches/a"));
  ASSERT_TRUE(client.batches().delete_("batches/a"));
  std::vector<std::string> names;
  for (const Result<BatchJob>& j : client.batches().list({.page_size = 1})) {
    ASSERT_TRUE(j) << j.error().to_string();
    names.push_back(j->name + "=" + std::string(to_string(j->state)));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"batches/a=JOB_STATE_RUNNING", "batches/b=JOB_STATE_EXPIRED"}));
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_NE(sent[0].url.find("/v1beta/batches/a:cancel"), std::string::npos);
  EXPECT_EQ(sent[1].method, "DELETE");
  EXPECT_NE(sent[1].url.find("/v1beta/batches/a"), std::string::npos);
  EXPECT_NE(sent[2].url.find("/v1beta/batches?pageSize=1"), std::string::npos) << sent[2].url;
  EXPECT_NE(sent[3].url.find("pageToken=p2"), std::string::npos) << sent[3].url;

  // wait(): polls with the operations' backoff until a terminal state.
  t->answer(200, R"({"name":"batches/w","metadata":{"state":"BATCH_STATE_PENDING"}})");
  t->answer(200, R"({"name":"batches/w","metadata":{"state":"BATCH_STATE_RUNNING"}})");
  t->answer(200, R"({"name":"batches/w","metadata":{"state":"BATCH_STATE_FAILED"},"done":true,
                     "error":{"code":13,"message":"boom"}})");
  std::vector<std::chrono::milliseconds> pauses;
  BatchWaitOptions w;
  w.initial_interval = std::chrono::milliseconds(1000);
  w.multiplier = 2;
  w.clock.now = [] { return std::chrono::steady_clock::time_point{}; };
  w.clock.sleep = [&](std::chrono::milliseconds d, std::stop_token) { pauses.push_back(d); };
  std::vector<std::string> seen;
  w.on_progress = [&](const BatchJob& j, std::chrono::milliseconds) { seen.push_back(j.state_name); };
  auto done = client.batches().wait("batches/w", w);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kFailed);  // a failed job is a value, not an Error
  ASSERT_TRUE(done->error);
  EXPECT_EQ(done->error->message, "boom");
  EXPECT_EQ(pauses, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000), std::chrono::milliseconds(2000)}));
  EXPECT_EQ(seen.size(), 3u);
}

TEST(Batches, RefusedBeforeSending) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  EXPECT_FALSE(client.batches().create("gemini-2.5-flash", std::vector<InlinedRequest>{}));
  EXPECT_FALSE(client.batches().create("gemini-2.5-flash", "gs://bucket/in.jsonl"));  // Vertex AI only
  InlinedRequest empty;
  empty.key = "k";
  auto r = client.batches().create("gemini-2.5-flash", std::vector<InlinedRequest>{empty});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("key k"), std::string::npos);
  EXPECT_FALSE(client.batches().get("projects/p/locations/l/batchPredictionJobs/1"));
  EXPECT_FALSE(client.batches().get("batches/a?x=1"));
  EXPECT_FALSE(client.batches().get(""));
  for (const Result<BatchJob>& j : client.batches().list({.filter = "state=JOB_STATE_SUCCEEDED"})) EXPECT_FALSE(j);
  EXPECT_TRUE(t->requests().empty());
}

TEST(Batches, StateNamesOfBothBackends) {
  EXPECT_EQ(job_state_from_name("BATCH_STATE_CANCELLED"), JobState::kCancelled);
  EXPECT_EQ(job_state_from_name("JOB_STATE_CANCELLED"), JobState::kCancelled);
  EXPECT_EQ(job_state_from_name("JOB_STATE_PARTIALLY_SUCCEEDED"), JobState::kPartiallySucceeded);
  EXPECT_EQ(job_state_from_name("SOMETHING_NEW"), JobState::kUnknown);
  EXPECT_TRUE(is_terminal(JobState::kExpired));
  EXPECT_FALSE(is_terminal(JobState::kCancelling));
  EXPECT_EQ(to_string(JobState::kSucceeded), "JOB_STATE_SUCCEEDED");
}

}  // namespace
}  // namespace genai::testing
