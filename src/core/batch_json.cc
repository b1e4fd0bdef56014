// The Batch API's wire mapping (see batch_json.h).
#include "core/batch_json.h"

#include <array>
#include <stdexcept>
#include <utility>

#include "core/errors.h"
#include "core/json_types.h"

namespace genai {

namespace {

using nlohmann::json;

struct BatchStateName {
  JobState state;
  std::string_view job;    // Vertex AI
  std::string_view batch;  // Developer API ("" when it has none)
};

constexpr std::array<BatchStateName, 12> kBatchStateNames = {{
    {JobState::kUnspecified, "JOB_STATE_UNSPECIFIED", "BATCH_STATE_UNSPECIFIED"},
    {JobState::kQueued, "JOB_STATE_QUEUED", ""},
    {JobState::kPending, "JOB_STATE_PENDING", "BATCH_STATE_PENDING"},
    {JobState::kRunning, "JOB_STATE_RUNNING", "BATCH_STATE_RUNNING"},
    {JobState::kSucceeded, "JOB_STATE_SUCCEEDED", "BATCH_STATE_SUCCEEDED"},
    {JobState::kFailed, "JOB_STATE_FAILED", "BATCH_STATE_FAILED"},
    {JobState::kCancelling, "JOB_STATE_CANCELLING", ""},
    {JobState::kCancelled, "JOB_STATE_CANCELLED", "BATCH_STATE_CANCELLED"},
    {JobState::kPaused, "JOB_STATE_PAUSED", ""},
    {JobState::kExpired, "JOB_STATE_EXPIRED", "BATCH_STATE_EXPIRED"},
    {JobState::kUpdating, "JOB_STATE_UPDATING", ""},
    {JobState::kPartiallySucceeded, "JOB_STATE_PARTIALLY_SUCCEEDED", ""},
}};

}  // namespace

std::string_view to_string(JobState state) {
  for (const BatchStateName& n : kBatchStateNames) {
    if (n.state == state) return n.job;
  }
  return "JOB_STATE_UNKNOWN";
}

JobState job_state_from_name(std::string_view name) {
  for (const BatchStateName& n : kBatchStateNames) {
    if (name == n.job || (!n.batch.empty() && name == n.batch)) return n.state;
  }
  return name.empty() ? JobState::kUnspecified : JobState::kUnknown;
}

bool is_terminal(JobState state) {
  return state == JobState::kSucceeded || state == JobState::kFailed || state == JobState::kCancelled ||
         state == JobState::kExpired || state == JobState::kPartiallySucceeded;
}

std::string InlinedResponse::key() const {
  if (metadata.is_object()) {
    auto it = metadata.find("key");
    if (it != metadata.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

BatchJobSource BatchJobSource::from(std::string_view uri_or_file) {
  BatchJobSource s;
  const std::string u(uri_or_file);
  if (u.rfind("gs://", 0) == 0) {
    s.format = "jsonl";
    s.gcs_uri = {u};
  } else if (u.rfind("bq://", 0) == 0) {
    s.format = "bigquery";
    s.bigquery_uri = u;
  } else {
    s.file_name = u;
  }
  return s;
}

BatchJobDestination BatchJobDestination::from(std::string_view uri) {
  BatchJobDestination d;
  const std::string u(uri);
  if (u.rfind("bq://", 0) == 0) {
    d.format = "bigquery";
    d.bigquery_uri = u;
  } else {
    d.format = "jsonl";
    d.gcs_uri = u;
  }
  return d;
}

namespace internal {
namespace {

InlinedResponse inlined_response_from(const json& line) {
  if (!line.is_object()) throw std::invalid_argument("an inlined response is not an object");
  InlinedResponse r;
  if (auto it = line.find("response"); it != line.end() && it->is_object()) {
    Result<GenerateContentResponse> resp = parse_generate_content_response(*it);
    if (!resp) throw std::invalid_argument(resp.error().message);
    r.response = std::move(*resp);
  }
  if (auto it = line.find("error"); it != line.end() && it->is_object()) r.error = operation_error(*it);
  if (auto it = line.find("metadata"); it != line.end() && it->is_object()) r.metadata = *it;
  r.raw = line;
  return r;
}

// GenerateContentBatchOutput: inlinedResponses.inlinedResponses[] or responsesFile.
BatchJobDestination developer_output(const json& out) {
  BatchJobDestination d;
  d.file_name = optional_string(out, "responsesFile");
  const json* lines = nullptr;
  if (auto it = out.find("inlinedResponses"); it != out.end() && it->is_object()) {
    if (auto in = it->find("inlinedResponses"); in != it->end() && in->is_array()) lines = &*in;
  }
  if (lines) {
    // An embeddings batch answers in the same place, each response an
    // {"embedding"} (python-genai's t_recv_batch_job_destination).
    bool embeddings = false;
    for (const json& l : *lines) {
      embeddings = embeddings || (l.is_object() && l.contains("response") && l["response"].is_object() &&
                                  l["response"].contains("embedding"));
    }
    for (const json& l : *lines) {
      if (embeddings) {
        d.inlined_embed_content_responses.push_back(l);
      } else {
        d.inlined_responses.push_back(inlined_response_from(l));
      }
    }
  }
  if (auto it = out.find("inlinedEmbedContentResponses"); it != out.end() && it->is_object()) {
    for (const json& l : it->value("inlinedResponses", json::array())) d.inlined_embed_content_responses.push_back(l);
  }
  return d;
}

BatchJob developer_job(json j) {
  BatchJob b;
  b.name = optional_string(j, "name").value_or("");
  const json md = j.value("metadata", json::object());
  if (!md.is_object()) throw std::invalid_argument("metadata is not an object");
  b.display_name = optional_string(md, "displayName").value_or("");
  b.model = optional_string(md, "model").value_or("");
  b.state_name = optional_string(md, "state").value_or("");
  b.state = job_state_from_name(b.state_name);
  b.create_time = optional_string(md, "createTime");
  b.update_time = optional_string(md, "updateTime");
  b.end_time = optional_string(md, "endTime");
  if (auto it = md.find("batchStats"); it != md.end() && it->is_object()) {
    b.stats.request_count = optional_int64(*it, "requestCount");
    b.stats.successful_request_count = optional_int64(*it, "successfulRequestCount");
    b.stats.failed_request_count = optional_int64(*it, "failedRequestCount");
    b.stats.pending_request_count = optional_int64(*it, "pendingRequestCount");
  }
  if (auto it = md.find("output"); it != md.end() && it->is_object()) {
    b.dest = developer_output(*it);
  } else if (auto r = j.find("response"); r != j.end() && r->is_object()) {
    b.dest = developer_output(*r);
  }
  if (auto it = j.find("error"); it != j.end() && it->is_object()) b.error = operation_error(*it);
  collect_extra(md, {"@type", "name", "displayName", "model", "state", "createTime", "updateTime", "endTime",
                    "batchStats", "output"},
               b.extra);
  b.raw = std::move(j);
  return b;
}

BatchJob vertex_job(json j) {
  BatchJob b;
  b.name = optional_string(j, "name").value_or("");
  b.display_name = optional_string(j, "displayName").value_or("");
  b.model = optional_string(j, "model").value_or("");
  b.state_name = optional_string(j, "state").value_or("");
  b.state = job_state_from_name(b.state_name);
  b.create_time = optional_string(j, "createTime");
  b.start_time = optional_string(j, "startTime");
  b.update_time = optional_string(j, "updateTime");
  b.end_time = optional_string(j, "endTime");
  if (auto it = j.find("error"); it != j.end() && it->is_object()) b.error = operation_error(*it);
  if (auto it = j.find("completionStats"); it != j.end() && it->is_object()) {
    b.stats.successful_request_count = optional_int64(*it, "successfulCount");
    b.stats.failed_request_count = optional_int64(*it, "failedCount");
    b.stats.pending_request_count = optional_int64(*it, "incompleteCount");
    int64_t total = 0;
    for (const auto& c : {b.stats.successful_request_count, b.stats.failed_request_count,
                          b.stats.pending_request_count}) {
      total += c.value_or(0);
    }
    b.stats.request_count = total;
  }
  if (auto it = j.find("inputConfig"); it != j.end() && it->is_object()) {
    BatchJobSource s;
    s.format = optional_string(*it, "instancesFormat");
    if (auto g = it->find("gcsSource"); g != it->end() && g->is_object()) {
      for (const json& u : g->value("uris", json::array())) {
        if (u.is_string()) s.gcs_uri.push_back(u.get<std::string>());
      }
    }
    if (auto q = it->find("bigquerySource"); q != it->end() && q->is_object()) s.bigquery_uri = optional_string(*q, "inputUri");
    b.src = std::move(s);
  }
  if (auto it = j.find("outputConfig"); it != j.end() && it->is_object()) {
    BatchJobDestination d;
    d.format = optional_string(*it, "predictionsFormat");
    if (auto g = it->find("gcsDestination"); g != it->end() && g->is_object()) d.gcs_uri = optional_string(*g, "outputUriPrefix");
    if (auto q = it->find("bigqueryDestination"); q != it->end() && q->is_object()) {
      d.bigquery_uri = optional_string(*q, "outputUri");
    }
    b.dest = std::move(d);
  }
  collect_extra(j, {"name", "displayName", "model", "state", "createTime", "startTime", "updateTime", "endTime",
                   "error", "completionStats", "inputConfig", "outputConfig"},
               b.extra);
  b.raw = std::move(j);
  return b;
}

}  // namespace

Result<BatchJob> parse_batch_job(bool vertexai, json j) {
  return parse_guarded<BatchJob>("batch job", j, [&] { return vertexai ? vertex_job(std::move(j)) : developer_job(std::move(j)); });
}

Result<Page<BatchJob>> parse_batch_job_page(bool vertexai, json j) {
  return parse_guarded<Page<BatchJob>>("batch job list", j, [&] {
    Page<BatchJob> page;
    const char* list = vertexai ? "batchPredictionJobs" : "operations";
    for (json& item : j.value(list, json::array())) {
      if (!item.is_object()) throw std::invalid_argument(std::string("an entry of ") + list + " is not an object");
      page.items.push_back(vertexai ? vertex_job(std::move(item)) : developer_job(std::move(item)));
    }
    page.next_page_token = optional_string(j, "nextPageToken").value_or("");
    return page;
  });
}

json vertex_output_config(const BatchJobDestination& dest) {
  json out = json::object();
  if (dest.format) out["predictionsFormat"] = *dest.format;
  if (dest.gcs_uri) out["gcsDestination"] = {{"outputUriPrefix", *dest.gcs_uri}};
  if (dest.bigquery_uri) out["bigqueryDestination"] = {{"outputUri", *dest.bigquery_uri}};
  return out;
}

json vertex_input_config(const BatchJobSource& src) {
  json in = json::object();
  if (src.format) in["instancesFormat"] = *src.format;
  if (!src.gcs_uri.empty()) in["gcsSource"] = {{"uris", src.gcs_uri}};
  if (src.bigquery_uri) in["bigquerySource"] = {{"inputUri", *src.bigquery_uri}};
  return in;
}

}  // namespace internal
}  // namespace genai
