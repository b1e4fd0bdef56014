// Vertex AI supervised tuning against the emulator: a job runs PENDING →
// RUNNING → SUCCEEDED as the emulator's clock moves, its tuned model is
// listed, renamed, called through its endpoint and deleted; cancel, list
// paging and filters, IAM (a viewer may read jobs, not start them), what the
// emulator refuses, and the Developer API's refusal before sending.
#include <chrono>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using std::chrono::seconds;

constexpr const char* kTrain = "gs://tuning-data/train.jsonl";

class TuningsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    put_tuning_dataset(kTrain);
    put_tuning_dataset("gs://tuning-data/validate.jsonl");
  }
  void advance(seconds d) { server_->env().clock().advance(d); }
  TuningJob start(Client& c, CreateTuningJobConfig cfg = {}) {
    Result<TuningJob> job = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain}, cfg);
    EXPECT_TRUE(job) << job.error().to_string();
    return job ? *job : TuningJob{};
  }
};

TEST_F(TuningsTest, AJobRunsThroughItsStatesAndItsModelServesGenerateContent) {
  Client c = vertex_client();
  CreateTuningJobConfig cfg;
  cfg.tuned_model_display_name = "support-bot";
  cfg.epoch_count = 2;
  cfg.learning_rate_multiplier = 0.5;
  cfg.adapter_size = "ADAPTER_SIZE_FOUR";
  cfg.validation_dataset = TuningDataset{.gcs_uri = "gs://tuning-data/validate.jsonl"};
  cfg.labels = Json{{"team", "ml"}};
  TuningJob job = start(c, cfg);
  EXPECT_EQ(job.state, "JOB_STATE_PENDING");
  EXPECT_FALSE(job.done());
  EXPECT_EQ(job.name.rfind("projects/", 0), 0u) << job.name;
  EXPECT_NE(job.name.find("/locations/us-central1/tuningJobs/"), std::string::npos);
  EXPECT_EQ(job.base_model, "gemini-2.5-flash");
  EXPECT_EQ(job.tuned_model_display_name, "support-bot");
  // What was sent lands where Vertex AI reads it, and comes back unmodelled in `extra`.
  const Json& spec = job.extra.at("supervisedTuningSpec");
  EXPECT_EQ(spec.at("trainingDatasetUri"), kTrain);
  EXPECT_EQ(spec.at("validationDatasetUri"), "gs://tuning-data/validate.jsonl");
  EXPECT_EQ(spec.at("hyperParameters").at("adapterSize"), "ADAPTER_SIZE_FOUR");
  EXPECT_EQ(spec.at("hyperParameters").at("learningRateMultiplier"), 0.5);
  EXPECT_FALSE(job.tuned_model);

  advance(seconds(11));
  Result<TuningJob> running = c.tunings().get(job.name);
  ASSERT_TRUE(running) << running.error().to_string();
  EXPECT_EQ(running->state, "JOB_STATE_RUNNING");
  EXPECT_TRUE(running->start_time);
  // The tuned model does not exist while the job runs.
  ListModelsConfig tuned_only;
  tuned_only.query_base = false;
  size_t listed = 0;
  for (const Result<Model>& m : c.models().list(tuned_only)) {
    ASSERT_TRUE(m) << m.error().to_string();
    ++listed;
  }
  EXPECT_EQ(listed, 0u);

  advance(seconds(60));
  // Only the id works as well as the full name.
  const std::string id = job.name.substr(job.name.rfind('/') + 1);
  Result<TuningJob> done = c.tunings().get(id);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->state, "JOB_STATE_SUCCEEDED");
  EXPECT_TRUE(done->done());
  EXPECT_TRUE(done->end_time);
  ASSERT_TRUE(done->tuned_model);
  EXPECT_NE(done->tuned_model->endpoint.find("/endpoints/"), std::string::npos);

  // The model is listed as a tuned model, with its base model's label.
  std::vector<Model> models;
  for (const Result<Model>& m : c.models().list(tuned_only)) {
    ASSERT_TRUE(m) << m.error().to_string();
    models.push_back(*m);
  }
  ASSERT_EQ(models.size(), 1u);
  EXPECT_EQ(models[0].display_name, "support-bot");
  EXPECT_EQ(models[0].raw->at("labels").at("google-vertex-llm-tuning-base-model-id"), "gemini-2-5-flash");
  const std::string model_name = models[0].name;

  // Read, renamed, and called through its endpoint like any model.
  Result<Model> got = c.models().get(done->tuned_model->model);
  ASSERT_TRUE(got) << got.error().to_string();
  EXPECT_EQ(got->name, model_name);
  Result<Model> renamed = c.models().update(model_name, {.display_name = "support-bot-v2", .description = "tuned on tickets"});
  ASSERT_TRUE(renamed) << renamed.error().to_string();
  EXPECT_EQ(renamed->display_name, "support-bot-v2");
  EXPECT_EQ(renamed->description, "tuned on tickets");
  auto answer = c.models().generate_content(done->tuned_model->endpoint, "Hello");
  ASSERT_TRUE(answer) << answer.error().to_string();
  EXPECT_FALSE(answer->text().empty());

  // Deleted: gone from get, list and its endpoint.
  ASSERT_TRUE(c.models().delete_(model_name)) << "delete";
  Result<Model> gone = c.models().get(model_name);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status, 404);
  auto no_endpoint = c.models().generate_content(done->tuned_model->endpoint, "Hello");
  ASSERT_FALSE(no_endpoint);
  EXPECT_EQ(no_endpoint.error().http_status, 404);
  EXPECT_NE(no_endpoint.error().message.find("Endpoint"), std::string::npos);
}

TEST_F(TuningsTest, CancelEndsARunningJobAndIsRefusedOnceItEnded) {
  Client c = vertex_client();
  TuningJob job = start(c);
  advance(seconds(12));
  ASSERT_TRUE(c.tunings().cancel(job.name));
  Result<TuningJob> cancelled = c.tunings().get(job.name);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->state, "JOB_STATE_CANCELLED");
  EXPECT_TRUE(cancelled->done());
  EXPECT_FALSE(cancelled->tuned_model);
  // Even after the time it would have finished, no model appears.
  advance(seconds(600));
  EXPECT_EQ(c.tunings().get(job.name)->state, "JOB_STATE_CANCELLED");
  Result<void> again = c.tunings().cancel(job.name);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().http_status, 400);
  EXPECT_NE(again.error().message.find("JOB_STATE_CANCELLED"), std::string::npos) << again.error().message;
  // The async forms reach the same answers.
  Result<void> async_cancel = c.tunings().cancel_async(job.name).get();
  ASSERT_FALSE(async_cancel);
  EXPECT_EQ(async_cancel.error().http_status, 400);
  EXPECT_EQ(c.tunings().get_async(job.name).get()->state, "JOB_STATE_CANCELLED");
}

TEST_F(TuningsTest, ListPagesAndFiltersByStateAndLabel) {
  Client c = vertex_client();
  std::vector<std::string> names;
  for (int i = 0; i < 5; ++i) {
    CreateTuningJobConfig cfg;
    cfg.labels = Json{{"batch", i % 2 == 0 ? "even" : "odd"}};
    names.push_back(start(c, cfg).name);
  }
  ASSERT_TRUE(c.tunings().cancel(names[0]));
  ListTuningJobsConfig paged;
  paged.page_size = 2;
  Pager<TuningJob> pager = c.tunings().list(paged);
  std::vector<std::string> seen;
  int pages = 0;
  while (auto page = pager.next_page()) {
    ASSERT_TRUE(*page) << page->error().to_string();
    ++pages;
    for (const TuningJob& j : (*page)->items) seen.push_back(j.name);
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, names);

  ListTuningJobsConfig cancelled;
  cancelled.filter = "state=\"JOB_STATE_CANCELLED\"";
  std::vector<std::string> cancelled_names;
  for (const Result<TuningJob>& j : c.tunings().list(cancelled)) cancelled_names.push_back(j->name);
  EXPECT_EQ(cancelled_names, std::vector<std::string>{names[0]});

  ListTuningJobsConfig odd;
  odd.filter = "labels.batch=odd";
  size_t odd_count = 0;
  for (const Result<TuningJob>& j : c.tunings().list(odd)) {
    ASSERT_TRUE(j) << j.error().to_string();
    ++odd_count;
  }
  EXPECT_EQ(odd_count, 2u);

  ListTuningJobsConfig bad;
  bad.filter = "create_time > 0";
  auto first = c.tunings().list(bad).next();
  ASSERT_TRUE(first);
  ASSERT_FALSE(*first);
  EXPECT_NE(first->error().message.find("Unsupported filter"), std::string::npos);
}

TEST_F(TuningsTest, TheEmulatorRefusesWhatVertexAiRefuses) {
  Client c = vertex_client();
  auto not_tunable = c.tunings().tune("text-embedding-004", {.gcs_uri = kTrain});
  ASSERT_FALSE(not_tunable);
  EXPECT_EQ(not_tunable.error().http_status, 400);
  EXPECT_NE(not_tunable.error().message.find("not supported for supervised tuning"), std::string::npos);

  auto not_jsonl = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = "gs://bucket/train.csv"});
  ASSERT_FALSE(not_jsonl);
  EXPECT_EQ(not_jsonl.error().http_status, 400);
  EXPECT_NE(not_jsonl.error().message.find("training_dataset_uri"), std::string::npos);

  CreateTuningJobConfig zero_epochs;
  zero_epochs.epoch_count = 0;
  auto bad_epochs = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain}, zero_epochs);
  ASSERT_FALSE(bad_epochs);
  EXPECT_NE(bad_epochs.error().message.find("epoch_count"), std::string::npos);

  CreateTuningJobConfig bad_adapter;
  bad_adapter.adapter_size = "ADAPTER_SIZE_HUGE";
  auto wrong_enum = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain}, bad_adapter);
  ASSERT_FALSE(wrong_enum);
  EXPECT_EQ(wrong_enum.error().http_status, 400);

  auto missing = c.tunings().get("1234567890123456789");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_NE(missing.error().message.find("TuningJob projects/"), std::string::npos);
}

TEST_F(TuningsTest, TheClientRefusesBadInputBeforeSending) {
  Client c = vertex_client();
  auto two = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain, .vertex_dataset_resource = "projects/p/datasets/1"});
  ASSERT_FALSE(two);
  EXPECT_EQ(two.error().kind, ErrorKind::kInvalidArgument);
  auto none = c.tunings().tune("gemini-2.5-flash", {});
  ASSERT_FALSE(none);
  auto local = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = "/home/me/train.jsonl"});
  ASSERT_FALSE(local);
  EXPECT_NE(local.error().message.find("gs://"), std::string::npos);
  auto hostile = c.tunings().get("123?alt=media");
  ASSERT_FALSE(hostile);
  EXPECT_EQ(hostile.error().kind, ErrorKind::kInvalidArgument);
  auto nothing = c.models().update("models/123", {});
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().kind, ErrorKind::kInvalidArgument);

  // The Developer API does not tune Gemini: refused without a request.
  Client dev = client();
  auto dev_job = dev.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain});
  ASSERT_FALSE(dev_job);
  EXPECT_EQ(dev_job.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(dev_job.error().message.find("Vertex AI"), std::string::npos);
  auto dev_list = dev.tunings().list().next();
  ASSERT_TRUE(dev_list);
  EXPECT_FALSE(*dev_list);
  // Its tunedModels list is empty there.
  ListModelsConfig tuned_only;
  tuned_only.query_base = false;
  auto dev_models = dev.models().list(tuned_only).next();
  EXPECT_FALSE(dev_models) << "no tuned models on the Developer API";
}

TEST_F(TuningsTest, IamDecidesWhoMayTune) {
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true).ok());
  Client viewer = vertex_client_as("viewer-sa", "roles/aiplatform.viewer");
  auto refused = viewer.tunings().tune("gemini-2.5-flash", {.gcs_uri = kTrain});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status, 403);
  EXPECT_NE(refused.error().message.find("aiplatform.tuningJobs.create"), std::string::npos)
      << refused.error().message;
  // A viewer may look.
  Client user = vertex_client();
  TuningJob job = start(user);
  Result<TuningJob> seen = viewer.tunings().get(job.name);
  ASSERT_TRUE(seen) << seen.error().to_string();
  Result<void> cancel = viewer.tunings().cancel(job.name);
  ASSERT_FALSE(cancel);
  EXPECT_EQ(cancel.error().http_status, 403);
}

// The datasets are read when the job starts, from the emulator's Cloud
// Storage: a missing one, or a line that is not an example, fails the job then.
TEST_F(TuningsTest, AJobWhoseDatasetCannotBeReadFailsWhenItStarts) {
  Client c = vertex_client();
  auto missing = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = "gs://tuning-data/nowhere.jsonl"});
  ASSERT_TRUE(missing) << missing.error().to_string();
  EXPECT_EQ(missing->state, "JOB_STATE_PENDING");
  put_gcs_object("gs://tuning-data/broken.jsonl", "{\"contents\": [{\"role\": \"user\", \"parts\": []}]}\nnot json\n");
  auto broken = c.tunings().tune("gemini-2.5-flash", {.gcs_uri = "gs://tuning-data/broken.jsonl"});
  ASSERT_TRUE(broken) << broken.error().to_string();
  advance(seconds(11));
  auto failed = c.tunings().get(missing->name);
  ASSERT_TRUE(failed) << failed.error().to_string();
  EXPECT_EQ(failed->state, "JOB_STATE_FAILED");
  EXPECT_EQ(failed->raw->at("error").at("code"), 5);
  EXPECT_NE(failed->raw->at("error").at("message").get<std::string>().find("nowhere.jsonl"), std::string::npos);
  auto bad_line = c.tunings().get(broken->name);
  ASSERT_TRUE(bad_line);
  EXPECT_EQ(bad_line->state, "JOB_STATE_FAILED");
  EXPECT_EQ(bad_line->raw->at("error").at("code"), 3);
  EXPECT_NE(bad_line->raw->at("error").at("message").get<std::string>().find("line 2"), std::string::npos);
  // A failed job makes no model.
  EXPECT_FALSE(bad_line->tuned_model);
}

// What the official SDKs' tunings.tune sends on the Developer API (JS:
// POST tunedModels): Google tunes no model there any more, so it answers with
// its model-not-found-for-this-method 404, which the SDKs surface as an error.
TEST_F(TuningsTest, TheDeveloperApiAnswersATunedModelCreateWithNotFound) {
  httplib::Client http(base_url());
  const std::string body = R"({"baseModel": "models/gemini-2.5-flash", "displayName": "t",
                               "tuningTask": {"hyperparameters": {"epochCount": 1}}})";
  auto r = http.Post("/v1beta/tunedModels", {{"x-goog-api-key", key()}}, body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404) << r->body;
  const auto e = nlohmann::json::parse(r->body)["error"];
  EXPECT_EQ(e["status"], "NOT_FOUND");
  EXPECT_EQ(e["message"],
            "models/gemini-2.5-flash is not found for API version v1beta, or is not supported for createTunedModel. "
            "Call ListModels to see the list of available models and their supported methods.");
  // Still an authenticated Developer API method: no key, no answer about models.
  auto anonymous = http.Post("/v1beta/tunedModels", body, "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 403) << anonymous->body;
  auto not_json = http.Post("/v1beta/tunedModels", {{"x-goog-api-key", key()}}, "{", "application/json");
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->status, 400) << not_json->body;
}

}  // namespace
}  // namespace genai::testing
