// genai::Batches: the Batch API — many generateContent requests run
// asynchronously at a lower price, on both backends. The Gemini Developer
// API takes the requests inline (or as a JSONL file uploaded with the Files
// API) and answers inline (or with a responses file); Vertex AI reads JSONL
// from Cloud Storage and writes its predictions under a gs:// prefix. A
// BatchJob is the same type for both, with the Vertex AI state names
// (JobState) whichever backend answered. Obtained from Client::batches().
//
//   std::vector<genai::InlinedRequest> reqs;
//   reqs.push_back({.key = "q1", .contents = {genai::Content::from_text("Why is the sky blue?")}});
//   reqs.push_back({.key = "q2", .contents = {genai::Content::from_text("Say hi")}, .config = cfg});
//   auto job = client.batches().create("gemini-2.5-flash", reqs, {.display_name = "nightly"}).value();
//   job = client.batches().wait(job.name).value();   // polls with backoff (operations.h's WaitOptions)
//   for (const genai::InlinedResponse& r : job.dest->inlined_responses)
//     std::cout << r.key() << ": " << (r.response ? r.response->text() : r.error->message) << "\n";
//
// Each inline request's body is built by the code that builds a single
// generate_content call, so every GenerateContentConfig field lands in a
// batch line where it lands in a single request.
#ifndef GENAI_BATCHES_H_
#define GENAI_BATCHES_H_

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/error.h"
#include "genai/operations.h"
#include "genai/options.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

namespace internal {
class ApiClient;
}

// A job's state, named as Vertex AI names it; the Developer API's
// BATCH_STATE_* map to the same values (python-genai's t_job_state).
enum class JobState {
  kUnspecified,
  kQueued,
  kPending,
  kRunning,
  kSucceeded,
  kFailed,
  kCancelling,
  kCancelled,
  kPaused,
  kExpired,
  kUpdating,
  kPartiallySucceeded,
  kUnknown,  // a name this library does not know (BatchJob::state_name has it)
};
// "JOB_STATE_SUCCEEDED", ...
std::string_view to_string(JobState state);
// Either backend's name: "BATCH_STATE_RUNNING" and "JOB_STATE_RUNNING" are kRunning.
JobState job_state_from_name(std::string_view name);
// Succeeded, failed, cancelled, expired or partially succeeded: the job will not change again.
bool is_terminal(JobState state);

// One request of an inline batch (Developer API). `key` goes to the line's
// metadata ({"key": ...}) and comes back with its response. The request is
// `contents` + `config`, built as generate_content builds it, or, when set,
// `request`: a GenerateContentRequest in wire JSON, sent as given.
struct InlinedRequest {
  std::string key{};
  std::vector<Content> contents{};
  GenerateContentConfig config{};
  std::optional<nlohmann::json> request{};
  nlohmann::json metadata = nlohmann::json::object();  // more metadata, sent with "key"
};

// What a batch reads. Developer API: inlined_requests or file_name
// ("files/..."); Vertex AI: gcs_uri (JSONL) or bigquery_uri.
struct BatchJobSource {
  std::vector<InlinedRequest> inlined_requests{};
  std::optional<std::string> file_name{};
  std::vector<std::string> gcs_uri{};
  std::optional<std::string> bigquery_uri{};
  std::optional<std::string> format{};  // Vertex AI instancesFormat: "jsonl" (default for gs://), "bigquery"

  // "files/..." (Developer API), "gs://..." or "bq://..." (Vertex AI).
  static BatchJobSource from(std::string_view uri_or_file);
};

// One answer of an inline batch: the response, or why that request failed
// (the rest of the batch is unaffected).
struct InlinedResponse {
  std::optional<GenerateContentResponse> response;
  std::optional<Error> error;
  nlohmann::json metadata = nlohmann::json::object();  // as sent with the request ({"key": ...})
  RawJson raw;                               // the line as received
  std::string key() const;                             // metadata["key"], or ""
};

// Where a batch's results are. Developer API: inlined_responses (inline
// input) or file_name (a JSONL file to download with the Files API); Vertex
// AI: gcs_uri (the output prefix) or bigquery_uri.
struct BatchJobDestination {
  std::optional<std::string> format{};  // Vertex AI predictionsFormat: "jsonl", "bigquery"
  std::optional<std::string> gcs_uri{};
  std::optional<std::string> bigquery_uri{};
  std::optional<std::string> file_name{};
  std::vector<InlinedResponse> inlined_responses{};
  // create_embeddings' answers ({"response": {"embedding": ...}, "metadata"} or {"error"}), as received.
  std::vector<nlohmann::json> inlined_embed_content_responses{};

  // "gs://..." or "bq://..." (Vertex AI).
  static BatchJobDestination from(std::string_view uri);
};

// Counts, int64 on the wire (as strings). Developer API batchStats; Vertex
// AI completionStats (successfulCount, failedCount, incompleteCount).
struct BatchStats {
  std::optional<int64_t> request_count;
  std::optional<int64_t> successful_request_count;
  std::optional<int64_t> failed_request_count;
  std::optional<int64_t> pending_request_count;  // Vertex AI: incompleteCount
};

struct BatchJob {
  std::string name;          // "batches/..." or "projects/.../locations/.../batchPredictionJobs/..."
  std::string display_name;
  std::string model;         // "models/gemini-2.5-flash" or "publishers/google/models/..."
  JobState state = JobState::kUnspecified;
  std::string state_name;    // as received, e.g. "BATCH_STATE_RUNNING"
  std::optional<std::string> create_time;
  std::optional<std::string> start_time;
  std::optional<std::string> update_time;
  std::optional<std::string> end_time;
  std::optional<Error> error;  // why the whole job failed
  BatchStats stats;
  std::optional<BatchJobSource> src;  // Vertex AI inputConfig (the Developer API does not echo it)
  std::optional<BatchJobDestination> dest;
  // Fields not modelled above (of the Developer API's metadata, or Vertex
  // AI's job), and the answer as received.
  nlohmann::json extra = nlohmann::json::object();
  RawJson raw;

  bool done() const { return is_terminal(state); }
};

struct CreateBatchJobConfig {
  std::optional<std::string> display_name{};  // Vertex AI: a timestamped "genai_batch_job_..." when unset
  // Vertex AI only: where predictions go. Unset with a gs://…/x.jsonl source: gs://…/x/dest (as python-genai).
  std::optional<BatchJobDestination> dest{};
  RequestOptions http_options{};  // this call's headers, timeout, retry, extra_body (options.h)
};

// Embeddings for a Developer API batch: inline contents (one request each,
// sharing `config`) or a JSONL file ("files/...").
struct EmbeddingsBatchJobSource {
  std::vector<Content> inlined_contents{};
  EmbedContentConfig config{};
  std::optional<std::string> file_name{};
};

struct CreateEmbeddingsBatchJobConfig {
  std::optional<std::string> display_name{};
  RequestOptions http_options{};
};

struct GetBatchJobConfig {
  RequestOptions http_options;
};

struct CancelBatchJobConfig {
  RequestOptions http_options;
};

struct DeleteBatchJobConfig {
  RequestOptions http_options;
};

struct ListBatchJobsConfig {
  int page_size = 0;          // 0: the server's default
  std::string page_token{};   // start from this page
  std::string filter{};       // Vertex AI only, e.g. state="JOB_STATE_SUCCEEDED"
  RequestOptions http_options{};
};

// wait()'s options: operations.h's, with progress reported as a BatchJob.
using BatchWaitOptions = BasicWaitOptions<BatchJob>;

class Batches {
 public:
  explicit Batches(std::shared_ptr<internal::ApiClient> api);

  // Submits a batch (Developer API: {model}:batchGenerateContent; Vertex AI:
  // batchPredictionJobs). The job comes back pending.
  Result<BatchJob> create(std::string_view model, const BatchJobSource& src,
                          const CreateBatchJobConfig& config = {}) const;
  Result<BatchJob> create(std::string_view model, const std::vector<InlinedRequest>& requests,
                          const CreateBatchJobConfig& config = {}) const;
  // "files/..." or "gs://..." / "bq://...".
  Result<BatchJob> create(std::string_view model, std::string_view src,
                          const CreateBatchJobConfig& config = {}) const;
  // Developer API only: {model}:asyncBatchEmbedContent.
  Result<BatchJob> create_embeddings(std::string_view model, const EmbeddingsBatchJobSource& src,
                                     const CreateEmbeddingsBatchJobConfig& config = {}) const;

  // `name`: "batches/abc" or "abc" (Developer API); the full resource name
  // or the numeric id (Vertex AI).
  Result<BatchJob> get(std::string_view name, const GetBatchJobConfig& config = {}) const;
  // Asks the server to stop the job; it ends CANCELLED (what already ran keeps its results).
  Result<void> cancel(std::string_view name, const CancelBatchJobConfig& config = {}) const;
  // python-genai's `delete`, a keyword in C++.
  Result<void> delete_(std::string_view name, const DeleteBatchJobConfig& config = {}) const;
  Pager<BatchJob> list(const ListBatchJobsConfig& config = {}) const;

  // The same calls on the client's event loop: a future, or a callback there
  // (models.h's async forms). list()'s pages: Pager::next_page_async().
  std::future<Result<BatchJob>> create_async(std::string_view model, const BatchJobSource& src,
                                             const CreateBatchJobConfig& config = {}) const;
  void create_async(std::string_view model, const BatchJobSource& src, const CreateBatchJobConfig& config,
                    Callback<BatchJob> on_done) const;
  std::future<Result<BatchJob>> create_embeddings_async(std::string_view model, const EmbeddingsBatchJobSource& src,
                                                        const CreateEmbeddingsBatchJobConfig& config = {}) const;
  void create_embeddings_async(std::string_view model, const EmbeddingsBatchJobSource& src,
                               const CreateEmbeddingsBatchJobConfig& config, Callback<BatchJob> on_done) const;
  std::future<Result<BatchJob>> get_async(std::string_view name, const GetBatchJobConfig& config = {}) const;
  void get_async(std::string_view name, const GetBatchJobConfig& config, Callback<BatchJob> on_done) const;
  std::future<Result<void>> cancel_async(std::string_view name, const CancelBatchJobConfig& config = {}) const;
  void cancel_async(std::string_view name, const CancelBatchJobConfig& config, Callback<void> on_done) const;
  std::future<Result<void>> delete_async(std::string_view name, const DeleteBatchJobConfig& config = {}) const;
  void delete_async(std::string_view name, const DeleteBatchJobConfig& config, Callback<void> on_done) const;

  // Polls until the job is in a terminal state and returns it, whatever that
  // state (a FAILED job is returned, not an Error: look at state and error).
  // Fails only when a poll fails after the pipeline's retries, the deadline
  // passes (DEADLINE_EXCEEDED) or a stop is requested (CANCELLED); the job
  // keeps running on the server then. The same loop as Operations::wait.
  Result<BatchJob> wait(std::string_view name, const BatchWaitOptions& options = {}) const;
  // wait() on the client's event loop (Operations::wait_async's rules): no
  // thread waits between the polls.
  std::future<Result<BatchJob>> wait_async(std::string_view name, const BatchWaitOptions& options = {}) const;
  void wait_async(std::string_view name, const BatchWaitOptions& options, Callback<BatchJob> on_done) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_BATCHES_H_
