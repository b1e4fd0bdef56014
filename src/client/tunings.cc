// Tunings: Vertex AI's tuningJobs (create, get, list, cancel). The create body
// follows python-genai's _CreateTuningJobParametersPrivate_to_vertex for
// supervised fine-tuning: baseModel as given, the datasets and
// hyper-parameters under supervisedTuningSpec, display name, description and
// labels at the top level.
#include "genai/tunings.h"

#include <future>

#include "client/api_client.h"
#include "core/errors.h"
#include "core/json_types.h"
#include "core/url.h"

namespace genai {

using nlohmann::json;

bool TuningJob::done() const {
  return state == "JOB_STATE_SUCCEEDED" || state == "JOB_STATE_FAILED" || state == "JOB_STATE_CANCELLED" ||
         state == "JOB_STATE_EXPIRED" || state == "JOB_STATE_PARTIALLY_SUCCEEDED";
}

namespace internal {
namespace {

TuningJob tuning_job_from(json j) {
  TuningJob t;
  t.name = optional_string(j, "name").value_or("");
  t.state = optional_string(j, "state").value_or("");
  t.base_model = optional_string(j, "baseModel");
  t.tuned_model_display_name = optional_string(j, "tunedModelDisplayName");
  t.description = optional_string(j, "description");
  t.create_time = optional_string(j, "createTime");
  t.start_time = optional_string(j, "startTime");
  t.end_time = optional_string(j, "endTime");
  t.update_time = optional_string(j, "updateTime");
  if (auto it = j.find("tunedModel"); it != j.end() && it->is_object()) {
    TunedModel m;
    m.model = optional_string(*it, "model").value_or("");
    m.endpoint = optional_string(*it, "endpoint").value_or("");
    collect_extra(*it, {"model", "endpoint"}, m.extra);
    t.tuned_model = std::move(m);
  }
  if (auto it = j.find("error"); it != j.end() && it->is_object()) {
    if (auto code = it->find("code"); code != it->end() && code->is_number_integer()) t.error_code = code->get<int>();
    t.error_message = optional_string(*it, "message");
  }
  collect_extra(j,
                {"name", "state", "baseModel", "tunedModelDisplayName", "description", "createTime", "startTime",
                 "endTime", "updateTime", "tunedModel", "error"},
                t.extra);
  t.raw = std::move(j);
  return t;
}

Result<TuningJob> parse_tuning_job(json j) {
  return parse_guarded<TuningJob>("tuning job", j, [&] { return tuning_job_from(std::move(j)); });
}

Result<Page<TuningJob>> parse_tuning_jobs_page(json j) {
  return parse_guarded<Page<TuningJob>>("tuningJobs.list response", j, [&] {
    Page<TuningJob> page;
    if (auto it = j.find("tuningJobs"); it != j.end() && it->is_array()) {
      for (json& item : *it) page.items.push_back(tuning_job_from(std::move(item)));
    }
    page.next_page_token = optional_string(j, "nextPageToken").value_or("");
    return page;
  });
}

// python-genai's tunings talk to tunedModels on the Developer API, which
// Google no longer serves for Gemini; say so before sending anything.
std::optional<Error> tuning_vertex_only(const ApiClient& api, const char* method) {
  if (api.config().vertexai) return std::nullopt;
  return invalid_argument(std::string("tunings.") + method + " is only supported on Vertex AI",
                          "Tune on Vertex AI: create the client with vertexai = true (GOOGLE_GENAI_USE_VERTEXAI=true), "
                          "a project and a location.");
}

// "123", "tuningJobs/123" or the full name, as a path under the client's project and location.
Result<std::string> job_path(const ApiClient& api, std::string_view name) {
  if (name.empty()) return invalid_argument("the tuning job name is empty", "Pass the name tune() returned.");
  for (char ch : name) {
    if (ch == '?' || ch == '#' || ch == '%' || ch == ' ' || static_cast<unsigned char>(ch) < 0x20) {
      return invalid_argument("the tuning job name '" + std::string(name) + "' contains a character not allowed in a name");
    }
  }
  if (name.find("..") != std::string_view::npos) {
    return invalid_argument("the tuning job name '" + std::string(name) + "' is not valid");
  }
  std::string n(name);
  if (n.rfind("projects/", 0) != 0 && n.rfind("tuningJobs/", 0) != 0) n = "tuningJobs/" + n;
  return api.resource_path(n);
}

std::optional<Error> tuning_dataset_problem(const TuningDataset& d, const char* which) {
  if (d.gcs_uri.has_value() == d.vertex_dataset_resource.has_value()) {
    return invalid_argument(std::string("the ") + which + " dataset needs exactly one of gcs_uri and vertex_dataset_resource",
                            "Name a JSONL file in Cloud Storage (gs://bucket/train.jsonl) or a Vertex AI dataset.");
  }
  if (d.gcs_uri && d.gcs_uri->rfind("gs://", 0) != 0) {
    return invalid_argument(std::string("the ") + which + " dataset '" + *d.gcs_uri + "' is not a gs:// URI",
                            "Upload the JSONL file to Cloud Storage and pass gs://BUCKET/OBJECT.");
  }
  return std::nullopt;
}

const std::string& tuning_dataset_uri(const TuningDataset& d) { return d.gcs_uri ? *d.gcs_uri : *d.vertex_dataset_resource; }

Result<Request<TuningJob>> tuning_tune_request(const ApiClient& api, std::string_view base_model,
                                        const TuningDataset& training, const CreateTuningJobConfig& config) {
  if (auto e = tuning_vertex_only(api, "tune")) return *e;
  if (base_model.empty()) return invalid_argument("the base model is empty", "Pass a model such as gemini-2.5-flash.");
  if (auto e = tuning_dataset_problem(training, "training")) return *e;
  if (config.validation_dataset) {
    if (auto e = tuning_dataset_problem(*config.validation_dataset, "validation")) return *e;
  }
  if (!config.labels.is_object()) return invalid_argument("CreateTuningJobConfig::labels must be a JSON object");
  json spec = json::object();
  spec["trainingDatasetUri"] = tuning_dataset_uri(training);
  if (config.validation_dataset) spec["validationDatasetUri"] = tuning_dataset_uri(*config.validation_dataset);
  json hyper = json::object();
  if (config.epoch_count) hyper["epochCount"] = *config.epoch_count;
  if (config.learning_rate_multiplier) hyper["learningRateMultiplier"] = *config.learning_rate_multiplier;
  if (config.adapter_size) hyper["adapterSize"] = *config.adapter_size;
  if (!hyper.empty()) spec["hyperParameters"] = std::move(hyper);
  if (config.export_last_checkpoint_only) spec["exportLastCheckpointOnly"] = *config.export_last_checkpoint_only;
  json body = json::object();
  body["baseModel"] = std::string(base_model);
  body["supervisedTuningSpec"] = std::move(spec);
  if (config.tuned_model_display_name) body["tunedModelDisplayName"] = *config.tuned_model_display_name;
  if (config.description) body["description"] = *config.description;
  if (!config.labels.empty()) body["labels"] = config.labels;
  return Request<TuningJob>{"POST", api.resource_path("tuningJobs"), std::move(body), &parse_tuning_job};
}

Result<Request<TuningJob>> tuning_get_request(const ApiClient& api, std::string_view name) {
  if (auto e = tuning_vertex_only(api, "get")) return *e;
  Result<std::string> path = job_path(api, name);
  if (!path) return std::move(path).error();
  return Request<TuningJob>{"GET", std::move(*path), std::nullopt, &parse_tuning_job};
}

Result<Request<void>> tuning_cancel_request(const ApiClient& api, std::string_view name) {
  if (auto e = tuning_vertex_only(api, "cancel")) return *e;
  Result<std::string> path = job_path(api, name);
  if (!path) return std::move(path).error();
  return Request<void>{"POST", *path + ":cancel", json::object(), &ignore_answer};
}

}  // namespace
}  // namespace internal

Tunings::Tunings(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<TuningJob> Tunings::tune(std::string_view base_model, const TuningDataset& training_dataset,
                                const CreateTuningJobConfig& config) const {
  return internal::run(*api_, internal::tuning_tune_request(*api_, base_model, training_dataset, config),
                       config.http_options);
}

void Tunings::tune_async(std::string_view base_model, const TuningDataset& training_dataset,
                         const CreateTuningJobConfig& config, Callback<TuningJob> on_done) const {
  internal::run_async(*api_, internal::tuning_tune_request(*api_, base_model, training_dataset, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<TuningJob>> Tunings::tune_async(std::string_view base_model, const TuningDataset& training_dataset,
                                                   const CreateTuningJobConfig& config) const {
  return internal::future_of<TuningJob>(
      [&](Callback<TuningJob> done) { tune_async(base_model, training_dataset, config, std::move(done)); });
}

Result<TuningJob> Tunings::get(std::string_view name, const GetTuningJobConfig& config) const {
  return internal::run(*api_, internal::tuning_get_request(*api_, name), config.http_options);
}

void Tunings::get_async(std::string_view name, const GetTuningJobConfig& config, Callback<TuningJob> on_done) const {
  internal::run_async(*api_, internal::tuning_get_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<TuningJob>> Tunings::get_async(std::string_view name, const GetTuningJobConfig& config) const {
  return internal::future_of<TuningJob>([&](Callback<TuningJob> done) { get_async(name, config, std::move(done)); });
}

Result<void> Tunings::cancel(std::string_view name, const CancelTuningJobConfig& config) const {
  return internal::run(*api_, internal::tuning_cancel_request(*api_, name), config.http_options);
}

void Tunings::cancel_async(std::string_view name, const CancelTuningJobConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::tuning_cancel_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<void>> Tunings::cancel_async(std::string_view name, const CancelTuningJobConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { cancel_async(name, config, std::move(done)); });
}

Pager<TuningJob> Tunings::list(const ListTuningJobsConfig& config) const {
  std::optional<Error> refused = internal::tuning_vertex_only(*api_, "list");
  const std::string path = api_->resource_path("tuningJobs");
  const std::string filter = config.filter.empty() ? "" : "filter=" + internal::url_encode(config.filter);
  const int page_size = config.page_size;
  return internal::request_pager<TuningJob>(
      api_, config.http_options, config.page_token,
      [refused, path, filter, page_size](const std::string& token) -> Result<internal::Request<Page<TuningJob>>> {
        if (refused) return *refused;
        return internal::Request<Page<TuningJob>>{"GET", path + internal::list_query(page_size, token, filter),
                                                  std::nullopt, &internal::parse_tuning_jobs_page};
      });
}

}  // namespace genai
