// Batches: the Batch API on both backends, as python-genai's batches.py
// sends it. Developer API: POST {model}:batchGenerateContent
// {"batch":{"displayName","inputConfig":{"requests":{"requests":[{"request","metadata"}]}|{"fileName"}}}},
// GET/DELETE batches/{id}, POST batches/{id}:cancel, GET batches. Vertex AI:
// POST batchPredictionJobs {"displayName","model","inputConfig","outputConfig"},
// GET/DELETE batchPredictionJobs/{id}, POST batchPredictionJobs/{id}:cancel.
#include "genai/batches.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>

#include "client/api_client.h"
#include "client/config.h"
#include "client/generate_body.h"
#include "client/wait_loop.h"
#include "core/batch_json.h"
#include "core/errors.h"
#include "core/json_types.h"
#include "core/url.h"

namespace genai {

using nlohmann::json;

namespace internal {
namespace {

Error batch_developer_only(const char* what) {
  return invalid_argument(std::string(what) + " is only supported on the Gemini Developer API, not on Vertex AI",
                          "On Vertex AI a batch reads JSONL from Cloud Storage: pass a gs:// URI.");
}

Error batch_vertex_only(const char* what) {
  return invalid_argument(std::string(what) + " is only supported on Vertex AI, not on the Gemini Developer API",
                          "On the Developer API pass inline requests or a file uploaded with the Files API (files/...).");
}

// python-genai's _common.timestamped_unique_name: "20260101120000_ab12c".
std::string batch_unique_name() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
  std::random_device rd;
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%05x", static_cast<unsigned>(rd()) & 0xfffffu);
  return std::string(stamp) + "_" + suffix;
}

// One line of an inline batch: {"request": <generateContent body>, "metadata": {"key", ...}}.
Result<json> inlined_request_json(const ApiClient& api, const InlinedRequest& r, size_t index) {
  json line = json::object();
  if (r.request) {
    if (!r.request->is_object()) {
      return invalid_argument("inline request " + std::to_string(index) + " is not a JSON object",
                              "Pass a GenerateContentRequest such as {\"contents\": [...]}.");
    }
    line["request"] = *r.request;
  } else {
    if (r.contents.empty()) {
      return invalid_argument("inline request " + std::to_string(index) + (r.key.empty() ? "" : " (key " + r.key + ")") +
                                  " has no contents",
                              "Give each request at least one Content.");
    }
    Result<json> body = generate_body(api, r.contents, r.config);
    if (!body) return std::move(body).error();
    line["request"] = std::move(*body);
  }
  json metadata = r.metadata.is_object() ? r.metadata : json::object();
  if (!r.key.empty()) metadata["key"] = r.key;
  if (!metadata.empty()) line["metadata"] = std::move(metadata);
  return line;
}

Result<BatchJob> parse_job(bool vertexai, json j) { return parse_batch_job(vertexai, std::move(j)); }

Result<Request<BatchJob>> create_request(const ApiClient& api, std::string_view model, const BatchJobSource& src,
                                         const CreateBatchJobConfig& config) {
  const bool vertexai = api.config().vertexai;
  const int developer_sources = (src.inlined_requests.empty() ? 0 : 1) + (src.file_name ? 1 : 0);
  const int vertex_sources = (src.gcs_uri.empty() ? 0 : 1) + (src.bigquery_uri ? 1 : 0);
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return std::move(resource).error();
  auto parse = [vertexai](json j) { return parse_job(vertexai, std::move(j)); };
  if (!vertexai) {
    if (vertex_sources) return batch_vertex_only("a gs:// or bq:// batch source");
    if (config.dest) return batch_vertex_only("CreateBatchJobConfig::dest");
    if (developer_sources != 1) {
      return invalid_argument("a batch needs exactly one source: inline requests or a file name",
                              "Pass requests, or a JSONL file uploaded with the Files API (files/...).");
    }
    json input = json::object();
    if (src.file_name) {
      input["fileName"] = *src.file_name;
    } else {
      json lines = json::array();
      for (size_t i = 0; i < src.inlined_requests.size(); ++i) {
        Result<json> line = inlined_request_json(api, src.inlined_requests[i], i);
        if (!line) return std::move(line).error();
        lines.push_back(std::move(*line));
      }
      input["requests"] = {{"requests", std::move(lines)}};
    }
    json batch = json::object();
    if (config.display_name) batch["displayName"] = *config.display_name;
    batch["inputConfig"] = std::move(input);
    return Request<BatchJob>{"POST", *resource + ":batchGenerateContent", json{{"batch", std::move(batch)}}, parse};
  }
  if (developer_sources) {
    return batch_developer_only(src.file_name ? "a files/... batch source" : "an inline batch");
  }
  if (vertex_sources != 1) {
    return invalid_argument("a Vertex AI batch needs exactly one source: gs:// URIs or a bq:// table",
                            "Pass the Cloud Storage URI of a JSONL file (gs://bucket/requests.jsonl).");
  }
  BatchJobSource in = src;
  if (!in.format) in.format = in.bigquery_uri ? "bigquery" : "jsonl";
  json body = json::object();
  // As python-genai's format_destination: a name and an output place are
  // required by Vertex AI, so defaults are filled in.
  body["displayName"] = config.display_name.value_or("genai_batch_job_" + batch_unique_name());
  body["model"] = *resource;
  body["inputConfig"] = vertex_input_config(in);
  std::optional<BatchJobDestination> dest = config.dest;
  if (!dest && !in.gcs_uri.empty() && in.gcs_uri[0].size() > 6 &&
      in.gcs_uri[0].compare(in.gcs_uri[0].size() - 6, 6, ".jsonl") == 0) {
    dest = BatchJobDestination::from(in.gcs_uri[0].substr(0, in.gcs_uri[0].size() - 6) + "/dest");
  } else if (!dest && in.bigquery_uri) {
    dest = BatchJobDestination::from(*in.bigquery_uri + "_dest_" + batch_unique_name());
  }
  if (!dest) {
    return invalid_argument("no destination for the batch's predictions",
                            "Set CreateBatchJobConfig::dest to a gs:// prefix (or bq:// table).");
  }
  if (!dest->format) dest->format = dest->bigquery_uri ? "bigquery" : "jsonl";
  body["outputConfig"] = vertex_output_config(*dest);
  return Request<BatchJob>{"POST", api.resource_path("batchPredictionJobs"), std::move(body), parse};
}

// The job's path: Developer API "batches/{id}"; Vertex AI
// "projects/{p}/locations/{l}/batchPredictionJobs/{id}" (from the full name or the id).
Result<std::string> batch_path(const ApiClient& api, std::string_view name) {
  const std::string n(name);
  if (n.empty()) return invalid_argument("the batch job name is empty", "Pass the name create() returned.");
  if (n.find_first_of("?#") != std::string::npos || n.find("..") != std::string::npos) {
    return invalid_argument("'" + n + "' is not a batch job name", "Pass the name create() returned.");
  }
  if (!api.config().vertexai) {
    if (n.rfind("batches/", 0) == 0 && n.find('/', 8) == std::string::npos && n.size() > 8) return n;
    if (n.find('/') == std::string::npos) return "batches/" + n;
    return invalid_argument("'" + n + "' is not a Developer API batch name", "Pass batches/ID, as create() returned.");
  }
  const auto at = n.find("/batchPredictionJobs/");
  if (n.rfind("projects/", 0) == 0 && at != std::string::npos && n.find('/', at + 21) == std::string::npos) return n;
  if (n.find('/') == std::string::npos) return api.resource_path("batchPredictionJobs/" + n);
  return invalid_argument("'" + n + "' is not a Vertex AI batch prediction job name",
                          "Pass projects/P/locations/L/batchPredictionJobs/ID, or the numeric ID.");
}

// {model}:asyncBatchEmbedContent (Developer API only).
Result<Request<BatchJob>> batch_embeddings_request(const ApiClient& api, std::string_view model,
                                                   const EmbeddingsBatchJobSource& src,
                                                   const CreateEmbeddingsBatchJobConfig& config) {
  if (api.config().vertexai) return batch_developer_only("create_embeddings");
  if (src.inlined_contents.empty() == !src.file_name) {
    return invalid_argument("an embeddings batch needs exactly one source: inline contents or a file name",
                            "Pass contents, or a JSONL file uploaded with the Files API (files/...).");
  }
  Result<std::string> resource = model_resource(api.config(), model);
  if (!resource) return std::move(resource).error();
  json input = json::object();
  if (src.file_name) {
    input["fileName"] = *src.file_name;
  } else {
    // As python-genai's _EmbedContentBatch_to_mldev: one request per content,
    // each with the config's fields.
    json requests = json::array();
    for (const Content& c : src.inlined_contents) {
      json r = {{"content", c}};
      if (src.config.task_type) r["taskType"] = *src.config.task_type;
      if (src.config.title) r["title"] = *src.config.title;
      if (src.config.output_dimensionality) r["outputDimensionality"] = *src.config.output_dimensionality;
      requests.push_back(json{{"request", std::move(r)}});
    }
    input["requests"] = {{"requests", std::move(requests)}};
  }
  json batch = json::object();
  if (config.display_name) batch["displayName"] = *config.display_name;
  batch["inputConfig"] = std::move(input);
  return Request<BatchJob>{"POST", *resource + ":asyncBatchEmbedContent", json{{"batch", std::move(batch)}},
                           [](json j) { return parse_job(false, std::move(j)); }};
}

Result<Request<BatchJob>> batch_get_request(const ApiClient& api, std::string_view name) {
  Result<std::string> path = batch_path(api, name);
  if (!path) return std::move(path).error();
  const bool vertexai = api.config().vertexai;
  return Request<BatchJob>{"GET", *path, std::nullopt, [vertexai](json j) { return parse_job(vertexai, std::move(j)); }};
}

Result<Request<void>> batch_cancel_request(const ApiClient& api, std::string_view name) {
  Result<std::string> path = batch_path(api, name);
  if (!path) return std::move(path).error();
  return Request<void>{"POST", *path + ":cancel", json::object(), &ignore_answer};
}

Result<Request<void>> batch_delete_request(const ApiClient& api, std::string_view name) {
  Result<std::string> path = batch_path(api, name);
  if (!path) return std::move(path).error();
  return Request<void>{"DELETE", *path, std::nullopt, &ignore_answer};
}

}  // namespace
}  // namespace internal

Batches::Batches(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<BatchJob> Batches::create(std::string_view model, const BatchJobSource& src,
                                 const CreateBatchJobConfig& config) const {
  return internal::run(*api_, internal::create_request(*api_, model, src, config), config.http_options);
}

Result<BatchJob> Batches::create(std::string_view model, const std::vector<InlinedRequest>& requests,
                                 const CreateBatchJobConfig& config) const {
  BatchJobSource src;
  src.inlined_requests = requests;
  if (requests.empty()) {
    return internal::invalid_argument("the batch has no requests", "Pass at least one InlinedRequest.");
  }
  return create(model, src, config);
}

Result<BatchJob> Batches::create(std::string_view model, std::string_view src,
                                 const CreateBatchJobConfig& config) const {
  return create(model, BatchJobSource::from(src), config);
}

Result<BatchJob> Batches::create_embeddings(std::string_view model, const EmbeddingsBatchJobSource& src,
                                            const CreateEmbeddingsBatchJobConfig& config) const {
  return internal::run(*api_, internal::batch_embeddings_request(*api_, model, src, config), config.http_options);
}

Result<BatchJob> Batches::get(std::string_view name, const GetBatchJobConfig& config) const {
  return internal::run(*api_, internal::batch_get_request(*api_, name), config.http_options);
}

Result<void> Batches::cancel(std::string_view name, const CancelBatchJobConfig& config) const {
  return internal::run(*api_, internal::batch_cancel_request(*api_, name), config.http_options);
}

Result<void> Batches::delete_(std::string_view name, const DeleteBatchJobConfig& config) const {
  return internal::run(*api_, internal::batch_delete_request(*api_, name), config.http_options);
}

// The async forms: the same requests, run on the client's event loop.
std::future<Result<BatchJob>> Batches::create_async(std::string_view model, const BatchJobSource& src,
                                                    const CreateBatchJobConfig& config) const {
  return internal::future_of<BatchJob>([&](Callback<BatchJob> done) { create_async(model, src, config, std::move(done)); });
}

void Batches::create_async(std::string_view model, const BatchJobSource& src, const CreateBatchJobConfig& config,
                           Callback<BatchJob> on_done) const {
  internal::run_async(*api_, internal::create_request(*api_, model, src, config), config.http_options, std::move(on_done));
}

std::future<Result<BatchJob>> Batches::create_embeddings_async(std::string_view model,
                                                               const EmbeddingsBatchJobSource& src,
                                                               const CreateEmbeddingsBatchJobConfig& config) const {
  return internal::future_of<BatchJob>(
      [&](Callback<BatchJob> done) { create_embeddings_async(model, src, config, std::move(done)); });
}

void Batches::create_embeddings_async(std::string_view model, const EmbeddingsBatchJobSource& src,
                                      const CreateEmbeddingsBatchJobConfig& config, Callback<BatchJob> on_done) const {
  internal::run_async(*api_, internal::batch_embeddings_request(*api_, model, src, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<BatchJob>> Batches::get_async(std::string_view name, const GetBatchJobConfig& config) const {
  return internal::future_of<BatchJob>([&](Callback<BatchJob> done) { get_async(name, config, std::move(done)); });
}

void Batches::get_async(std::string_view name, const GetBatchJobConfig& config, Callback<BatchJob> on_done) const {
  internal::run_async(*api_, internal::batch_get_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<void>> Batches::cancel_async(std::string_view name, const CancelBatchJobConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { cancel_async(name, config, std::move(done)); });
}

void Batches::cancel_async(std::string_view name, const CancelBatchJobConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::batch_cancel_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<void>> Batches::delete_async(std::string_view name, const DeleteBatchJobConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(name, config, std::move(done)); });
}

void Batches::delete_async(std::string_view name, const DeleteBatchJobConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::batch_delete_request(*api_, name), config.http_options, std::move(on_done));
}

Pager<BatchJob> Batches::list(const ListBatchJobsConfig& config) const {
  const bool vertexai = api_->config().vertexai;
  const bool filtered = !config.filter.empty();
  const std::string extra = filtered ? "filter=" + internal::url_encode(config.filter) : "";
  const std::string path = api_->resource_path(vertexai ? "batchPredictionJobs" : "batches");
  const int page_size = config.page_size;
  return internal::request_pager<BatchJob>(
      api_, config.http_options, config.page_token,
      [vertexai, filtered, extra, path, page_size](const std::string& token) -> Result<internal::Request<Page<BatchJob>>> {
        if (filtered && !vertexai) return internal::batch_vertex_only("ListBatchJobsConfig::filter");
        return internal::Request<Page<BatchJob>>{"GET", path + internal::list_query(page_size, token, extra), std::nullopt,
                                                 [vertexai](json resp) {
                                                   return internal::parse_batch_job_page(vertexai, std::move(resp));
                                                 }};
      });
}

std::future<Result<BatchJob>> Batches::wait_async(std::string_view name, const BatchWaitOptions& options) const {
  return internal::future_of<BatchJob>([&](Callback<BatchJob> done) { wait_async(name, options, std::move(done)); });
}

void Batches::wait_async(std::string_view name, const BatchWaitOptions& options, Callback<BatchJob> on_done) const {
  BatchJob start;
  start.name = std::string(name);
  std::shared_ptr<internal::ApiClient> api = api_;
  internal::wait_until_done_async(
      std::move(start), options,
      [api](const BatchJob& j, std::chrono::milliseconds pause, std::function<void(Result<BatchJob>)> reply) {
        internal::run_async(*api, internal::batch_get_request(*api, j.name), {}, std::move(reply), pause);
      },
      [](const BatchJob& j) { return j.done(); }, [](const BatchJob& j) { return j.name; }, std::move(on_done));
}

Result<BatchJob> Batches::wait(std::string_view name, const BatchWaitOptions& options) const {
  BatchJob start;
  start.name = std::string(name);
  return internal::wait_until_done(
      std::move(start), options, [this](const BatchJob& j) { return get(j.name); },
      [](const BatchJob& j) { return j.done(); }, [](const BatchJob& j) { return j.name; });
}

}  // namespace genai
