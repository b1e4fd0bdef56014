// The Batch API against the emulator: every state a job can end in
// (SUCCEEDED, FAILED, CANCELLED, EXPIRED) driven by the emulator's clock and
// its admin knobs, never by sleeping; per-request errors beside good answers;
// each line answered as the same single generateContent call would be;
// list paging; delete; the free tier's refusal; Vertex AI's
// batchPredictionJobs (create/get/list/cancel/delete, IAM).
#include <httplib.h>

#include <future>
#include <set>
#include <thread>

#include "emulator/common/clock.h"
#include "emulator/state/batches.h"
#include "emulator/state/files.h"
#include "emulator/state/storage.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kModel = "gemini-2.5-flash";

class BatchesTest : public EmulatorTest {
 protected:
  void advance(milliseconds d) { server_->env().clock().advance(d); }

  // The admin knob: ends a job now in `state`.
  void force(const std::string& name, const std::string& state) {
    httplib::Client admin(base_url());
    auto r = admin.Post("/emulator/v1/batches:force", json{{"name", name}, {"state", state}}.dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }

  // wait()'s options with a clock whose pauses move the emulator's clock:
  // 1 s polls that take no time.
  BatchWaitOptions on_the_emulators_clock() {
    auto now = std::make_shared<std::chrono::steady_clock::time_point>();
    BatchWaitOptions w;
    w.initial_interval = milliseconds(1000);
    w.clock.now = [now] { return *now; };
    w.clock.sleep = [this, now](milliseconds d, std::stop_token) {
      *now += d;
      advance(d);
    };
    return w;
  }

  static InlinedRequest text_request(std::string key, std::string prompt) {
    InlinedRequest r;
    r.key = std::move(key);
    r.contents = {Content::from_text(prompt)};
    return r;
  }
};

TEST_F(BatchesTest, InlineBatchRunsToSucceededWithPerRequestErrors) {
  Client c = client();
  std::vector<InlinedRequest> reqs = {text_request("a", "Why is the sky blue?"), text_request("b", "Say hi")};
  // A request the model refuses: an image answer from a text-only model.
  InlinedRequest bad = text_request("bad", "Draw a cat");
  bad.config.response_modalities = {"IMAGE"};
  reqs.push_back(bad);
  auto job = c.batches().create(kModel, reqs, {.display_name = "nightly"});
  ASSERT_TRUE(job) << job.error().to_string();
  EXPECT_EQ(job->name.rfind("batches/", 0), 0u);
  EXPECT_EQ(job->state, JobState::kPending);
  EXPECT_EQ(job->state_name, "BATCH_STATE_PENDING");
  EXPECT_EQ(job->display_name, "nightly");
  EXPECT_EQ(job->model, "models/gemini-2.5-flash");
  EXPECT_EQ(job->stats.request_count, 3);
  EXPECT_EQ(job->stats.pending_request_count, 3);
  EXPECT_EQ(job->raw->at("metadata").at("batchStats").at("requestCount"), "3");  // int64 as a string, as Google's

  advance(seconds(3));
  auto running = c.batches().get(job->name);
  ASSERT_TRUE(running) << running.error().to_string();
  EXPECT_EQ(running->state, JobState::kRunning);
  EXPECT_FALSE(running->dest);

  advance(seconds(30));
  auto done = c.batches().get(job->name);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  EXPECT_TRUE(done->raw->at("done").get<bool>());
  EXPECT_TRUE(done->end_time);
  EXPECT_EQ(done->stats.successful_request_count, 2);
  EXPECT_EQ(done->stats.failed_request_count, 1);
  ASSERT_TRUE(done->dest);
  const auto& lines = done->dest->inlined_responses;
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].key(), "a");
  EXPECT_EQ(lines[2].key(), "bad");
  ASSERT_TRUE(lines[0].response);
  EXPECT_FALSE(lines[0].response->text().empty());
  ASSERT_TRUE(lines[2].error);
  EXPECT_EQ(lines[2].error->status, "INVALID_ARGUMENT");
  EXPECT_EQ(lines[2].raw->at("error").at("code"), 3);  // google.rpc code, as Google's per-line errors
  // Each line is what the same single call answers.
  auto single = c.models().generate_content(kModel, "Why is the sky blue?");
  ASSERT_TRUE(single) << single.error().to_string();
  EXPECT_EQ(lines[0].response->text(), single->text());
  auto single_bad = c.models().generate_content(kModel, bad.contents, bad.config);
  ASSERT_FALSE(single_bad);
  EXPECT_EQ(lines[2].error->message, single_bad.error().message);
}

TEST_F(BatchesTest, WaitPollsUntilTerminalOnTheEmulatorsClock) {
  Client c = client();
  auto job = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello")});
  ASSERT_TRUE(job) << job.error().to_string();
  BatchWaitOptions w = on_the_emulators_clock();
  std::vector<JobState> seen;
  w.on_progress = [&](const BatchJob& j, milliseconds) { seen.push_back(j.state); };
  auto done = c.batches().wait(job->name, w);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen.front(), JobState::kPending);
  EXPECT_NE(std::find(seen.begin(), seen.end(), JobState::kRunning), seen.end());

  // A deadline: the job keeps running, wait() says so.
  auto slow = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello")});
  ASSERT_TRUE(slow);
  BatchWaitOptions quick;
  quick.timeout = milliseconds(1);
  quick.initial_interval = milliseconds(1);
  auto timed_out = c.batches().wait(slow->name, quick);
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().status, "DEADLINE_EXCEEDED");
}

// wait_async: the same polls on the event loop. With the test's clock its
// sleep moves the emulator's clock (on the loop); with the real one the
// pauses are polls sent later, a deadline ends the wait, and a stop request
// ends it at once from the stopping thread, the poll in flight ignored.
TEST_F(BatchesTest, WaitAsyncPollsOnTheEventLoop) {
  Client c = client();
  auto job = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello")});
  ASSERT_TRUE(job) << job.error().to_string();
  BatchWaitOptions w = on_the_emulators_clock();
  std::vector<JobState> seen;
  std::set<std::thread::id> progress_threads;
  w.on_progress = [&](const BatchJob& j, milliseconds) {
    seen.push_back(j.state);
    progress_threads.insert(std::this_thread::get_id());
  };
  Result<BatchJob> done = c.batches().wait_async(job->name, w).get();
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen.front(), JobState::kPending);
  EXPECT_NE(std::find(seen.begin(), seen.end(), JobState::kRunning), seen.end());
  EXPECT_FALSE(progress_threads.count(std::this_thread::get_id())) << "progress is reported on the event loop";

  // The real clock: a 50 ms deadline against 20 ms pauses, the job running on.
  auto slow = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello")});
  ASSERT_TRUE(slow);
  BatchWaitOptions quick;
  quick.timeout = milliseconds(50);
  quick.initial_interval = milliseconds(20);
  quick.multiplier = 1.0;
  int polls = 0;
  quick.on_progress = [&](const BatchJob&, milliseconds) { ++polls; };
  const auto t0 = std::chrono::steady_clock::now();
  Result<BatchJob> timed_out = c.batches().wait_async(slow->name, quick).get();
  ASSERT_FALSE(timed_out);
  EXPECT_EQ(timed_out.error().status, "DEADLINE_EXCEEDED");
  EXPECT_GE(polls, 2);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, milliseconds(50));

  // A stop during a 10 s pause ends the wait at once, CANCELLED.
  std::stop_source stop;
  BatchWaitOptions patient;
  patient.initial_interval = std::chrono::seconds(10);
  patient.stop_token = stop.get_token();
  std::promise<void> polled_once;
  patient.on_progress = [&, first = true](const BatchJob&, milliseconds) mutable {
    if (std::exchange(first, false)) polled_once.set_value();
  };
  std::future<Result<BatchJob>> waiting = c.batches().wait_async(slow->name, patient);
  ASSERT_EQ(polled_once.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  const auto stopped_at = std::chrono::steady_clock::now();
  stop.request_stop();
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(1)), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, std::chrono::seconds(1));
  Result<BatchJob> cancelled = waiting.get();
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().kind, ErrorKind::kCancelled);

}

TEST_F(BatchesTest, CancelledFailedAndExpired) {
  Client c = client();
  auto make = [&] {
    auto j = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello"), text_request("l", "bye")});
    EXPECT_TRUE(j) << j.error().to_string();
    return j->name;
  };
  const std::string cancelled = make();
  ASSERT_TRUE(c.batches().cancel(cancelled));
  auto j = c.batches().get(cancelled);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->state, JobState::kCancelled);
  EXPECT_EQ(j->state_name, "BATCH_STATE_CANCELLED");
  EXPECT_FALSE(j->dest);
  auto again = c.batches().cancel(cancelled);  // already ended
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().status, "FAILED_PRECONDITION");

  const std::string failed = make();
  force(failed, "FAILED");
  j = c.batches().get(failed);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->state, JobState::kFailed);
  ASSERT_TRUE(j->error);
  EXPECT_EQ(j->error->status, "INTERNAL");

  const std::string expired = make();
  advance(seconds(3));
  force(expired, "EXPIRED");
  j = c.batches().get(expired);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->state, JobState::kExpired);
  EXPECT_TRUE(j->done());
  EXPECT_EQ(j->state_name, "BATCH_STATE_EXPIRED");
}

// The async forms send the blocking forms' requests on the client's event
// loop: a job created, read, cancelled and deleted through futures and
// callbacks (the callbacks on the loop thread), an embeddings batch, and a
// bad name refused at once on the calling thread.
TEST_F(BatchesTest, AsyncFormsOnTheEventLoop) {
  Client c = client();
  BatchJobSource src;
  src.inlined_requests = {text_request("k", "hello"), text_request("l", "bye")};
  Result<BatchJob> made = c.batches().create_async(kModel, src, {.display_name = "async"}).get();
  ASSERT_TRUE(made) << made.error().to_string();
  EXPECT_EQ(made->display_name, "async");
  EXPECT_EQ(made->stats.request_count, 2);

  std::promise<Result<BatchJob>> got;
  std::thread::id loop_thread;
  c.batches().get_async(made->name, {}, [&](Result<BatchJob> j) {
    loop_thread = std::this_thread::get_id();
    got.set_value(std::move(j));
  });
  Result<BatchJob> read = got.get_future().get();
  ASSERT_TRUE(read) << read.error().to_string();
  EXPECT_EQ(read->name, made->name);
  EXPECT_EQ(read->state, JobState::kPending);
  EXPECT_NE(loop_thread, std::this_thread::get_id());

  ASSERT_TRUE(c.batches().cancel_async(made->name).get());
  EXPECT_EQ(c.batches().get_async(made->name).get()->state, JobState::kCancelled);
  Result<void> again = c.batches().cancel_async(made->name).get();  // already ended
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().status, "FAILED_PRECONDITION");
  ASSERT_TRUE(c.batches().delete_async(made->name).get());
  EXPECT_EQ(c.batches().get_async(made->name).get().error().http_status, 404);

  EmbeddingsBatchJobSource vectors;
  vectors.inlined_contents = {Content::from_text("sky")};
  Result<BatchJob> embedded = c.batches().create_embeddings_async("gemini-embedding-001", vectors).get();
  ASSERT_TRUE(embedded) << embedded.error().to_string();
  EXPECT_EQ(embedded->stats.request_count, 1);

  // Refused before sending: the callback runs at once, on this thread.
  std::thread::id told;
  Error refusal;
  c.batches().delete_async("not/a/batch", {}, [&](Result<void> r) {
    told = std::this_thread::get_id();
    if (!r) refusal = r.error();
  });
  EXPECT_EQ(told, std::this_thread::get_id());
  EXPECT_EQ(refusal.kind, ErrorKind::kInvalidArgument);
}

TEST_F(BatchesTest, ListPagesDeleteAndNotFound) {
  Client c = client();
  std::set<std::string> made;
  for (int i = 0; i < 3; ++i) {
    auto j = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello " + std::to_string(i))});
    ASSERT_TRUE(j) << j.error().to_string();
    made.insert(j->name);
  }
  Pager<BatchJob> pager = c.batches().list({.page_size = 2});
  auto first = pager.next_page();
  ASSERT_TRUE(first && first->ok());
  EXPECT_EQ((*first)->items.size(), 2u);
  EXPECT_FALSE((*first)->next_page_token.empty());
  std::set<std::string> listed;
  for (const BatchJob& b : (*first)->items) listed.insert(b.name);
  while (auto page = pager.next_page()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    for (const BatchJob& b : (*page)->items) listed.insert(b.name);
  }
  EXPECT_EQ(listed, made);

  const std::string gone = *made.begin();
  ASSERT_TRUE(c.batches().delete_(gone));
  auto missing = c.batches().get(gone);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
  // Another project's key does not see the jobs.
  emulator::ApiKey spec;
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  spec.project_id = "other-project";
  Client other = client(make_key(spec));
  EXPECT_FALSE(other.batches().get(*made.rbegin()));
}

TEST_F(BatchesTest, FreeTierAndBadRequestsAreRefused) {
  Client c = client();
  ASSERT_TRUE(state().set_billing_enabled("test-project", false).ok());
  auto r = c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hello")});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().status, "FAILED_PRECONDITION");
  EXPECT_EQ(r.error().message, "Precondition check failed.");
  ASSERT_TRUE(state().set_billing_enabled("test-project", true).ok());
  // An unknown field in a line's request fails the whole call, as the transcoder does.
  InlinedRequest raw;
  raw.key = "x";
  raw.request = json{{"contents", json::array({{{"parts", json::array({{{"text", "hi"}}})}}})}, {"bogusField", 1}};
  auto bad = c.batches().create(kModel, std::vector<InlinedRequest>{raw});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, "INVALID_ARGUMENT");
  EXPECT_NE(bad.error().message.find("bogusField"), std::string::npos) << bad.error().message;
  // An embedding model does not generate.
  auto wrong = c.batches().create("gemini-embedding-001", std::vector<InlinedRequest>{text_request("k", "hi")});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().http_status, 404);
}

// asyncBatchEmbedContent: an EmbedContentBatch whose lines embedContent's
// own code answers (the same vector a single call gets), per-line errors.
TEST_F(BatchesTest, EmbeddingsBatchAnswersEachContentAsEmbedContentWould) {
  Client c = client();
  EmbeddingsBatchJobSource src;
  src.inlined_contents = {Content::from_text("sky"), Content::from_text("ocean")};
  src.config.output_dimensionality = 8;
  auto job = c.batches().create_embeddings("gemini-embedding-001", src, {.display_name = "vectors"});
  ASSERT_TRUE(job) << job.error().to_string();
  EXPECT_EQ(job->raw->at("metadata").at("@type"), "type.googleapis.com/google.ai.generativelanguage.v1beta.EmbedContentBatch");
  EXPECT_EQ(job->stats.request_count, 2);
  advance(seconds(60));
  auto done = c.batches().get(job->name);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  EXPECT_EQ(done->raw->at("response").at("@type"),
            "type.googleapis.com/google.ai.generativelanguage.v1beta.EmbedContentBatchOutput");
  ASSERT_TRUE(done->dest);
  ASSERT_EQ(done->dest->inlined_embed_content_responses.size(), 2u);
  EmbedContentConfig eight;
  eight.output_dimensionality = 8;
  auto single = c.models().embed_content("gemini-embedding-001", std::vector<std::string>{"sky"}, eight);
  ASSERT_TRUE(single) << single.error().to_string();
  const json& first = done->dest->inlined_embed_content_responses[0]["response"]["embedding"]["values"];
  ASSERT_EQ(first.size(), 8u);
  for (size_t i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(first[i].get<float>(), single->embeddings[0].values[i]);

  // A generating model does not embed; a batch of them is refused as Google does.
  auto wrong = c.batches().create_embeddings(kModel, src);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().http_status, 404);
  // Too many dimensions: that line fails, the batch still runs.
  src.config.output_dimensionality = 100000;
  auto too_big = c.batches().create_embeddings("gemini-embedding-001", src);
  ASSERT_TRUE(too_big) << too_big.error().to_string();
  advance(seconds(60));
  auto failed_lines = c.batches().get(too_big->name);
  ASSERT_TRUE(failed_lines);
  EXPECT_EQ(failed_lines->stats.failed_request_count, 2);
}

TEST_F(BatchesTest, FileInputAnswersInAResponsesFile) {
  Client c = client();
  const std::string jsonl =
      R"({"key": "one", "request": {"contents": [{"parts": [{"text": "Hello"}]}]}})" "\n"
      R"({"key": "two", "request": {"contents": [{"parts": [{"text": "Draw"}]}], "generationConfig": {"responseModalities": ["IMAGE"]}}})" "\n";
  auto f = server_->env().files().put_generated("test-project", "application/jsonl", jsonl, server_->env().clock().now());
  ASSERT_TRUE(f);
  auto job = c.batches().create(kModel, "files/" + f->id);
  ASSERT_TRUE(job) << job.error().to_string();
  EXPECT_EQ(job->stats.request_count, 2);
  advance(seconds(60));
  auto done = c.batches().get(job->name);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, JobState::kSucceeded);
  ASSERT_TRUE(done->dest && done->dest->file_name);
  EXPECT_TRUE(done->dest->inlined_responses.empty());
  const std::string id = done->dest->file_name->substr(6);
  auto out = server_->env().files().get("test-project", id, server_->env().clock().now());
  ASSERT_TRUE(out);
  const std::string text = server_->env().files().read(*out, 0, out->size);
  const json first = json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(first["key"], "one");
  EXPECT_TRUE(first.contains("response"));
  EXPECT_NE(text.find(R"("key":"two")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("error":{"code":3)"), std::string::npos) << text;
  // A file that does not exist.
  auto missing = c.batches().create(kModel, "files/nosuchfile");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
}

TEST_F(BatchesTest, VertexReadsAndWritesCloudStorage) {
  Client c = vertex_client();
  auto project = state().project("test-project");
  ASSERT_TRUE(project);
  auto& gcs = server_->env().storage();
  ASSERT_TRUE(gcs.create_bucket("in-bucket", "test-project", project->number, server_->env().clock().now()));
  ASSERT_TRUE(gcs.write_object("in-bucket", "req/requests.jsonl",
                               R"({"request": {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}})" "\n"
                               R"({"request": {"contents": []}})" "\n",
                               "application/jsonl"));
  auto job = c.batches().create(kModel, "gs://in-bucket/req/requests.jsonl",
                                {.dest = BatchJobDestination::from("gs://in-bucket/out")});
  ASSERT_TRUE(job) << job.error().to_string();
  advance(seconds(60));
  auto done = c.batches().get(job->name);
  ASSERT_TRUE(done) << done.error().to_string();
  ASSERT_EQ(done->state, JobState::kSucceeded) << done->raw->dump();
  EXPECT_EQ(done->stats.successful_request_count, 1);
  EXPECT_EQ(done->stats.failed_request_count, 1);
  const std::string dir = done->extra["outputInfo"]["gcsOutputDirectory"].get<std::string>();
  ASSERT_EQ(dir.rfind("gs://in-bucket/out/prediction-model-", 0), 0u) << dir;
  auto text = gcs.read_object("in-bucket", dir.substr(std::string("gs://in-bucket/").size()) + "/predictions.jsonl");
  ASSERT_TRUE(text) << text.error().message;
  const json first = json::parse(text->substr(0, text->find('\n')));
  EXPECT_EQ(first["status"], "");
  EXPECT_TRUE(first.contains("response"));
  EXPECT_TRUE(first.contains("request"));
  const json second = json::parse(text->substr(text->find('\n') + 1));
  EXPECT_NE(second["status"].get<std::string>().find("contents"), std::string::npos) << second.dump();

  // An output bucket that does not exist fails the job when it ends.
  auto lost = c.batches().create(kModel, "gs://in-bucket/req/requests.jsonl",
                                 {.dest = BatchJobDestination::from("gs://no-such-bucket/out")});
  ASSERT_TRUE(lost) << lost.error().to_string();
  advance(seconds(60));
  auto failed = c.batches().get(lost->name);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->state, JobState::kFailed);
  ASSERT_TRUE(failed->error);
}

TEST_F(BatchesTest, VertexBatchPredictionJobs) {
  Client c = vertex_client();
  auto job = c.batches().create(kModel, "gs://my-bucket/in/requests.jsonl");
  ASSERT_TRUE(job) << job.error().to_string();
  EXPECT_NE(job->name.find("/locations/us-central1/batchPredictionJobs/"), std::string::npos) << job->name;
  EXPECT_EQ(job->name.rfind("projects/", 0), 0u);
  EXPECT_EQ(job->state, JobState::kPending);
  EXPECT_EQ(job->state_name, "JOB_STATE_PENDING");
  EXPECT_EQ(job->model, "publishers/google/models/gemini-2.5-flash");
  EXPECT_EQ(job->display_name.rfind("genai_batch_job_", 0), 0u);
  ASSERT_TRUE(job->src);
  EXPECT_EQ(job->src->gcs_uri, std::vector<std::string>{"gs://my-bucket/in/requests.jsonl"});
  ASSERT_TRUE(job->dest);
  EXPECT_EQ(job->dest->gcs_uri, "gs://my-bucket/in/requests/dest");  // python-genai's default
  EXPECT_EQ(job->dest->format, "jsonl");

  // By the numeric id too.
  const std::string id = job->name.substr(job->name.rfind('/') + 1);
  auto by_id = c.batches().get(id);
  ASSERT_TRUE(by_id) << by_id.error().to_string();
  EXPECT_EQ(by_id->name, job->name);

  // Listing with a state filter.
  auto second = c.batches().create(kModel, "gs://my-bucket/two.jsonl", {.display_name = "second"});
  ASSERT_TRUE(second) << second.error().to_string();
  ASSERT_TRUE(c.batches().cancel(second->name));
  std::vector<std::string> cancelled;
  for (const Result<BatchJob>& j : c.batches().list({.filter = "state=\"JOB_STATE_CANCELLED\""})) {
    ASSERT_TRUE(j) << j.error().to_string();
    cancelled.push_back(j->display_name);
  }
  EXPECT_EQ(cancelled, std::vector<std::string>{"second"});

  // A pending job cannot be deleted; a finished one can.
  auto refused = c.batches().delete_(job->name);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, "FAILED_PRECONDITION");
  ASSERT_TRUE(c.batches().delete_(second->name));
  EXPECT_FALSE(c.batches().get(second->name));

  // Inline requests are the Developer API's; refused before sending.
  EXPECT_FALSE(c.batches().create(kModel, std::vector<InlinedRequest>{text_request("k", "hi")}));
}

TEST_F(BatchesTest, VertexNeedsBatchPermission) {
  Client c = vertex_client();
  // The caller's role loses the batch permissions: Vertex AI's IAM denial.
  auto sa = state().service_account("vertex-user@test-project.iam.gserviceaccount.com");
  ASSERT_TRUE(sa);
  ASSERT_TRUE(state().remove_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(sa->email)).ok());
  auto r = c.batches().create(kModel, "gs://b/in.jsonl");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_NE(r.error().message.find("aiplatform.batchPredictionJobs.create"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace genai::testing
