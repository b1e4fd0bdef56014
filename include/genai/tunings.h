// genai::Tunings: supervised fine-tuning jobs on Vertex AI (tuningJobs), and
// the tuned models they make. A job reads a JSONL training set from Cloud
// Storage (one {"contents": [...]} conversation per line), runs through
// JOB_STATE_PENDING → JOB_STATE_RUNNING → JOB_STATE_SUCCEEDED (or FAILED /
// CANCELLED), and on success names a tuned model and the endpoint that serves
// it; call the endpoint like any model:
//
//   genai::CreateTuningJobConfig cfg;
//   cfg.tuned_model_display_name = "support-bot";
//   cfg.epoch_count = 3;
//   genai::TuningJob job = client.tunings()
//       .tune("gemini-2.5-flash", {.gcs_uri = "gs://my-bucket/train.jsonl"}, cfg).value();
//   // ... later
//   job = client.tunings().get(job.name).value();
//   if (job.state == "JOB_STATE_SUCCEEDED")
//     client.models().generate_content(job.tuned_model->endpoint, "Hello");
//   for (auto& j : client.tunings().list()) { ... }
//   client.tunings().cancel(job.name);
//
// The Gemini Developer API no longer offers tuning, so on that backend every
// call fails with kInvalidArgument before anything is sent. Tuned models
// themselves are read, renamed and deleted with Models::get / update / delete_.
#ifndef GENAI_TUNINGS_H_
#define GENAI_TUNINGS_H_

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "genai/options.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

namespace internal {
class ApiClient;
}

// Where a training or validation set lives: a JSONL file in Cloud Storage
// ("gs://bucket/train.jsonl"), or a Vertex AI dataset resource
// ("projects/p/locations/l/datasets/123"). Exactly one.
struct TuningDataset {
  std::optional<std::string> gcs_uri{};
  std::optional<std::string> vertex_dataset_resource{};
};

struct CreateTuningJobConfig {
  std::optional<TuningDataset> validation_dataset;
  std::optional<std::string> tuned_model_display_name;
  std::optional<std::string> description;
  std::optional<int> epoch_count;
  std::optional<double> learning_rate_multiplier;
  // "ADAPTER_SIZE_ONE", "ADAPTER_SIZE_FOUR", "ADAPTER_SIZE_EIGHT", "ADAPTER_SIZE_SIXTEEN", ...
  std::optional<std::string> adapter_size;
  std::optional<bool> export_last_checkpoint_only;
  Json labels = Json::object();  // string → string, on the job
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

// What a finished job made: the model resource and the endpoint serving it.
struct TunedModel {
  std::string model;     // "projects/{number}/locations/{l}/models/{id}@1"
  std::string endpoint;  // "projects/{number}/locations/{l}/endpoints/{id}"
  Json extra = Json::object();  // members not modelled above (checkpoints, ...)
};

struct TuningJob {
  std::string name;   // "projects/{number}/locations/{l}/tuningJobs/{id}"
  std::string state;  // "JOB_STATE_PENDING", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED", ...
  std::optional<std::string> base_model;
  std::optional<std::string> tuned_model_display_name;
  std::optional<std::string> description;
  std::optional<std::string> create_time;  // RFC 3339
  std::optional<std::string> start_time;
  std::optional<std::string> end_time;
  std::optional<std::string> update_time;
  std::optional<TunedModel> tuned_model;   // once JOB_STATE_SUCCEEDED
  std::optional<int> error_code;           // google.rpc.Status, once JOB_STATE_FAILED
  std::optional<std::string> error_message;
  Json extra = Json::object();  // members not modelled above (supervisedTuningSpec, tuningDataStats, ...)
  RawJson raw;                  // the job as received

  // True once the job can change no more: succeeded, failed, cancelled, expired.
  bool done() const;
};

struct GetTuningJobConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct CancelTuningJobConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct ListTuningJobsConfig {
  int page_size = 0;              // 0: the server's default
  std::string page_token{};       // start from this page
  std::string filter{};           // Vertex AI's list filter, e.g. state="JOB_STATE_SUCCEEDED"
  RequestOptions http_options{};  // this call's headers, timeout, retry, extra_body (options.h)
};

class Tunings {
 public:
  explicit Tunings(std::shared_ptr<internal::ApiClient> api);

  // Starts supervised tuning of `base_model` (e.g. "gemini-2.5-flash") on
  // `training_dataset`. Returns the job as created (JOB_STATE_PENDING).
  Result<TuningJob> tune(std::string_view base_model, const TuningDataset& training_dataset,
                         const CreateTuningJobConfig& config = {}) const;
  // `name` is the job's full name, or just its id.
  Result<TuningJob> get(std::string_view name, const GetTuningJobConfig& config = {}) const;
  Pager<TuningJob> list(const ListTuningJobsConfig& config = {}) const;
  // Asks the job to stop; it ends in JOB_STATE_CANCELLED. A job that already
  // ended is refused (FAILED_PRECONDITION), as on Vertex AI.
  Result<void> cancel(std::string_view name, const CancelTuningJobConfig& config = {}) const;

  // The same calls on the client's event loop: a future, or a callback run on the loop thread.
  std::future<Result<TuningJob>> tune_async(std::string_view base_model, const TuningDataset& training_dataset,
                                            const CreateTuningJobConfig& config = {}) const;
  void tune_async(std::string_view base_model, const TuningDataset& training_dataset,
                  const CreateTuningJobConfig& config, Callback<TuningJob> on_done) const;
  std::future<Result<TuningJob>> get_async(std::string_view name, const GetTuningJobConfig& config = {}) const;
  void get_async(std::string_view name, const GetTuningJobConfig& config, Callback<TuningJob> on_done) const;
  std::future<Result<void>> cancel_async(std::string_view name, const CancelTuningJobConfig& config = {}) const;
  void cancel_async(std::string_view name, const CancelTuningJobConfig& config, Callback<void> on_done) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_TUNINGS_H_
