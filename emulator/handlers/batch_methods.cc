// The Batch API on both front ends (see batch_methods.h).
#include "emulator/handlers/batch_methods.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/paging.h"
#include "emulator/handlers/request_names.h"
#include "emulator/handlers/request_types.h"
#include "emulator/state/batches.h"
#include "emulator/state/files.h"
#include "emulator/state/storage.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::system_clock;

std::string batch_time(system_clock::time_point t) {
  const auto since = t.time_since_epoch();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since);
  const long long nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since - secs).count();
  const std::time_t tt = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, nanos);
  return buf;
}

const char* phase_name(BatchPhase p, bool vertex) {
  switch (p) {
    case BatchPhase::kPending:
      return vertex ? "JOB_STATE_PENDING" : "BATCH_STATE_PENDING";
    case BatchPhase::kRunning:
      return vertex ? "JOB_STATE_RUNNING" : "BATCH_STATE_RUNNING";
    case BatchPhase::kSucceeded:
      return vertex ? "JOB_STATE_SUCCEEDED" : "BATCH_STATE_SUCCEEDED";
    case BatchPhase::kFailed:
      return vertex ? "JOB_STATE_FAILED" : "BATCH_STATE_FAILED";
    case BatchPhase::kCancelled:
      return vertex ? "JOB_STATE_CANCELLED" : "BATCH_STATE_CANCELLED";
    case BatchPhase::kExpired:
      return vertex ? "JOB_STATE_EXPIRED" : "BATCH_STATE_EXPIRED";
  }
  return "";
}

bool phase_done(BatchPhase p) { return p != BatchPhase::kPending && p != BatchPhase::kRunning; }

struct BatchCounts {
  long long total = 0, succeeded = 0, failed = 0, pending = 0;
};

BatchCounts batch_counts(const BatchRecord& r, system_clock::time_point now) {
  BatchCounts c;
  c.total = static_cast<long long>(r.results.size());
  const size_t done = batch_completed(r, now);
  for (size_t i = 0; i < done; ++i) (r.succeeded[i] ? c.succeeded : c.failed)++;
  c.pending = c.total - c.succeeded - c.failed;
  return c;
}

// protobuf JSON: int64 as strings, zeros left out.
void put_count(ojson& j, const char* key, long long v) {
  if (v != 0) j[key] = std::to_string(v);
}

// The Developer API's Operation for a batch, keys in the order Google sends them.
ojson developer_batch_json(const BatchRecord& r, system_clock::time_point now) {
  const BatchPhase phase = batch_phase(r, now);
  const bool done = phase_done(phase);
  const BatchCounts c = batch_counts(r, now);
  ojson md;
  const std::string kind = r.embeddings ? "EmbedContentBatch" : "GenerateContentBatch";
  md["@type"] = "type.googleapis.com/google.ai.generativelanguage." + r.version + "." + kind;
  md["model"] = r.model;
  md["displayName"] = r.display_name;
  ojson output;
  if (phase == BatchPhase::kSucceeded) {
    output = r.file_input ? ojson{{"responsesFile", r.responses_file}}
                          : ojson{{"inlinedResponses", ojson{{"inlinedResponses", r.results}}}};
    md["output"] = output;
  }
  md["createTime"] = batch_time(r.create_time);
  if (done) md["endTime"] = batch_time(batch_phase_start(r, now));
  md["updateTime"] = batch_time(batch_phase_start(r, now));
  ojson stats;
  put_count(stats, "requestCount", c.total);
  put_count(stats, "successfulRequestCount", c.succeeded);
  put_count(stats, "failedRequestCount", c.failed);
  put_count(stats, "pendingRequestCount", done ? 0 : c.pending);
  md["batchStats"] = stats.is_null() ? ojson::object() : stats;
  md["state"] = phase_name(phase, false);
  md["name"] = r.name;
  ojson j;
  j["name"] = r.name;
  j["metadata"] = md;
  if (done) {
    j["done"] = true;
    if (phase == BatchPhase::kFailed) {
      j["error"] = r.failure;
    } else if (phase == BatchPhase::kSucceeded) {
      ojson response{{"@type", "type.googleapis.com/google.ai.generativelanguage." + r.version + "." + kind + "Output"}};
      for (auto it = output.begin(); it != output.end(); ++it) response[it.key()] = it.value();
      j["response"] = response;
    }
  }
  return j;
}

ojson vertex_job_json(const BatchRecord& r, system_clock::time_point now) {
  const BatchPhase phase = batch_phase(r, now);
  const bool done = phase_done(phase);
  const BatchCounts c = batch_counts(r, now);
  ojson j;
  j["name"] = r.name;
  j["displayName"] = r.display_name;
  j["model"] = r.model;
  j["inputConfig"] = r.input_config;
  j["outputConfig"] = r.output_config;
  if (phase == BatchPhase::kSucceeded && !r.output_dir.empty()) {
    j["outputInfo"] = ojson{{"gcsOutputDirectory", r.output_dir}};
  }
  j["state"] = phase_name(phase, true);
  if (phase == BatchPhase::kFailed) j["error"] = r.failure;
  if (phase != BatchPhase::kPending) {
    ojson stats = ojson::object();
    put_count(stats, "successfulCount", c.succeeded);
    put_count(stats, "failedCount", c.failed);
    put_count(stats, "incompleteCount", done ? 0 : c.pending);
    j["completionStats"] = stats;
  }
  j["createTime"] = batch_time(r.create_time);
  if (phase != BatchPhase::kPending) j["startTime"] = batch_time(r.create_time + r.timing.pending);
  if (done) j["endTime"] = batch_time(batch_phase_start(r, now));
  j["updateTime"] = batch_time(batch_phase_start(r, now));
  return j;
}

ojson batch_json(const BatchRecord& r, system_clock::time_point now) {
  return r.vertex ? vertex_job_json(r, now) : developer_batch_json(r, now);
}

// A GoogleError's body as the google.rpc.Status a batch line carries.
ojson status_of(const GoogleError& e) {
  const ojson body = ojson::parse(e.body, nullptr, false);
  ojson s;
  s["code"] = body.is_object() ? body["error"].value("code", e.http_status) : e.http_status;
  s["message"] = body.is_object() ? body["error"].value("message", "") : "";
  // The line's code is the google.rpc code (3 for INVALID_ARGUMENT), not the HTTP status.
  static const std::pair<const char*, int> kCodes[] = {
      {"INVALID_ARGUMENT", 3}, {"NOT_FOUND", 5},      {"PERMISSION_DENIED", 7}, {"RESOURCE_EXHAUSTED", 8},
      {"FAILED_PRECONDITION", 9}, {"INTERNAL", 13},  {"UNAVAILABLE", 14},       {"UNAUTHENTICATED", 16}};
  const std::string status = body.is_object() ? body["error"].value("status", "") : "";
  for (const auto& [name, code] : kCodes) {
    if (status == name) s["code"] = code;
  }
  return s;
}

constexpr const char* kBatchPagePrefix = "batch-page-";


// The lines of a JSONL text, blank ones skipped, each parsed (discarded when not JSON).
std::vector<ojson> jsonl_lines(const std::string& text) {
  std::vector<ojson> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    out.push_back(ojson::parse(line, nullptr, false));
  }
  return out;
}

std::string results_jsonl(const ojson& lines) {
  std::string text;
  for (const ojson& l : lines) text += l.dump() + "\n";
  return text;
}

// Writes a finished job's output where it belongs (the Developer API's
// responses file, Vertex AI's predictions.jsonl), once; a Vertex AI job
// whose output bucket does not exist fails then, as the real one would.
void settle_batch(ServerEnv& env, BatchRecord& r, system_clock::time_point now) {
  if (r.settled || batch_phase(r, now) != BatchPhase::kSucceeded) return;
  if (!r.vertex && !r.file_input) return;
  r.settled = true;
  const system_clock::time_point done = batch_phase_start(r, now);
  if (!r.vertex) {
    std::optional<StoredFile> f = env.files().put_generated(r.owner, "application/jsonl", results_jsonl(r.results), done);
    if (f) r.responses_file = "files/" + f->id;
    return;
  }
  std::string prefix = r.output_config["gcsDestination"].value("outputUriPrefix", "");
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  std::string stamp = batch_time(done).substr(0, 23);  // 2026-01-01T12:00:00.000
  std::erase(stamp, ':');
  std::erase(stamp, '-');
  std::erase(stamp, '.');
  const std::string dir = prefix + "/prediction-model-" + stamp;
  auto where = split_gs_uri(dir + "/predictions.jsonl");
  Result<StoredObject> written = where ? env.storage().write_object(where->first, where->second, results_jsonl(r.results),
                                                                    "application/jsonl", done)
                                       : Result<StoredObject>(Error{});
  if (!written) {
    r.forced = BatchPhase::kFailed;
    r.end_time = done;
    r.failure = ojson{{"code", 5}, {"message", "Failed to write the output to " + dir + ": " +
                                                   (written.error().message.empty() ? "no such bucket" : written.error().message)}};
    return;
  }
  r.output_dir = dir;
}

}  // namespace

// One request of a batch through generateContent's own code: {"response"}
// or the google.rpc.Status it failed with. A name the transcoder would not
// read is that request's error too.
std::variant<ojson, ojson> BatchMethods::answer(const GeminiCall& batch_call, ojson request) {
  GeminiCall one{batch_call.version, batch_call.model, "generateContent", std::move(request), batch_call.vertex,
                 batch_call.owner};
  // The model is the batch's (the official SDKs may repeat it in each line).
  if (one.body.is_object()) one.body.erase("model");
  const std::string package =
      (batch_call.vertex ? "google.cloud.aiplatform." : "google.ai.generativelanguage.") + batch_call.version;
  if (const ProtoMessage* message = request_message("generateContent")) {
    std::optional<GoogleError> e =
        normalize_field_names(one.body, *message, batch_call.vertex ? Backend::kVertex : Backend::kDeveloper);
    if (!e) e = check_request_types(one.body, *message, package);
    if (e) return std::variant<ojson, ojson>(std::in_place_index<1>, status_of(*e));
  }
  auto a = methods_.generate_content_json(one);
  if (auto* e = std::get_if<GoogleError>(&a)) return std::variant<ojson, ojson>(std::in_place_index<1>, status_of(*e));
  return std::variant<ojson, ojson>(std::in_place_index<0>, std::get<ojson>(std::move(a)));
}

std::variant<ojson, ojson> BatchMethods::answer_embedding(const CatalogModel& m, const ojson& request) {
  auto e = methods_.embedding_json(request, m);
  if (auto* error = std::get_if<GoogleError>(&e)) return std::variant<ojson, ojson>(std::in_place_index<1>, status_of(*error));
  return std::variant<ojson, ojson>(std::in_place_index<0>, ojson{{"embedding", std::get<ojson>(std::move(e))}});
}

void BatchMethods::create_developer(Response& res, const GeminiCall& call, bool embeddings) {
  // A project without billing is on the free tier, where batches are not offered.
  if (std::optional<Project> p = env_.state().project(call.owner); p && !p->billing_enabled) {
    return send_error(res, batch_free_tier());
  }
  const ojson batch = call.body.value("batch", ojson());
  const std::string request_type = embeddings ? "AsyncBatchEmbedContentRequest" : "BatchGenerateContentRequest";
  const std::string batch_type = embeddings ? "EmbedContentBatch" : "GenerateContentBatch";
  if (!batch.is_object()) return send_error(res, invalid_argument("* " + request_type + ".batch: batch is required\n"));
  const ojson input = batch.value("inputConfig", ojson());
  if (!input.is_object() || (!input.contains("requests") && !input.contains("fileName"))) {
    return send_error(res, invalid_argument("* " + batch_type + ".input_config: input_config is required\n"));
  }
  ojson lines;
  bool file_input = false;
  if (input.contains("fileName")) {
    // A JSONL file of the Files API: {"key", "request"} per line.
    const std::string file_name = input["fileName"].is_string() ? input["fileName"].get<std::string>() : "";
    const std::string id = file_name.rfind("files/", 0) == 0 ? file_name.substr(6) : file_name;
    std::optional<StoredFile> f = env_.files().get(call.owner, id, env_.clock().now());
    if (id.empty() || !f) return send_error(res, batch_not_found(false, file_name));
    lines = ojson::array();
    for (ojson& l : jsonl_lines(env_.files().read(*f, 0, static_cast<size_t>(f->size)))) lines.push_back(std::move(l));
    file_input = true;
  } else {
    lines = input["requests"].value("requests", ojson());
  }
  if (!lines.is_array() || lines.empty()) {
    return send_error(res, invalid_argument("* InlinedRequests.requests: requests is not specified\n"));
  }
  const CatalogModel* m = find_model(call.model);
  if (!m || m->embedding != embeddings || m->imagen || m->veo) {
    return send_error(res, model_not_found(call.model, call.version, call.method));
  }
  BatchRecord r;
  r.vertex = false;
  r.owner = call.owner;
  r.version = call.version;
  r.model = "models/" + call.model;
  r.display_name = batch.value("displayName", "");
  r.create_time = env_.clock().now();
  r.timing = env_.batches().timing();
  r.name = "batches/" + env_.batches().new_id(false);
  r.file_input = file_input;
  r.embeddings = embeddings;
  for (size_t i = 0; i < lines.size(); ++i) {
    const ojson& line = lines[i];
    const bool has_request = line.is_object() && line.value("request", ojson()).is_object();
    if (!has_request && !file_input) {
      return send_error(res, invalid_argument("* InlinedRequests.requests[" + std::to_string(i) +
                                              "].request: request is required\n"));
    }
    if (!file_input && !embeddings) {
      // Inline requests are part of this call's body: a name the transcoder
      // does not read fails the whole call, as it does for generateContent.
      ojson request = line["request"];
      request.erase("model");
      if (const ProtoMessage* message = request_message("generateContent")) {
        std::optional<GoogleError> e = normalize_field_names(request, *message, Backend::kDeveloper);
        if (!e) e = check_request_types(request, *message, "google.ai.generativelanguage." + call.version);
        if (e) return send_error(res, *e);
      }
    }
    ojson out;
    if (file_input && line.is_object() && line.contains("key")) out["key"] = line["key"];
    std::variant<ojson, ojson> a = has_request ? (embeddings ? answer_embedding(*m, line["request"])
                                                             : answer(call, line["request"]))
                                               : std::variant<ojson, ojson>(std::in_place_index<1>,
                                                     ojson{{"code", 3}, {"message", "Line " + std::to_string(i + 1) +
                                                                                       " is not a JSON object with a request."}});
    if (a.index() == 0) {
      out["response"] = std::get<0>(a);
      r.succeeded.push_back(true);
    } else {
      out["error"] = std::get<1>(a);
      r.succeeded.push_back(false);
    }
    if (!file_input && line.contains("metadata")) out["metadata"] = line["metadata"];
    r.results.push_back(std::move(out));
  }
  const ojson created = developer_batch_json(r, r.create_time);
  env_.batches().put(std::move(r));
  ojson op;
  op["name"] = created["name"];
  op["metadata"] = created["metadata"];
  send_json(res, op);
}

namespace {

struct BatchRoute {
  std::string version;
  bool vertex = false;
  std::string project;   // Vertex AI: as in the URL
  std::string location;
  std::string id;        // empty for the collection
};

class BatchApi {
 public:
  explicit BatchApi(ServerEnv& env) : env_(env), methods_(env), batches_(env) {}

  // Authorizes and returns the call's owner in `call`.
  bool admit(const Request& req, Response& res, const BatchRoute& r, const char* rpc, const char* permission,
             GeminiCall* call) {
    AccessCheck c;
    if (!r.vertex) {
      c.service = kGenerativeLanguage;
      c.api_method = "google.ai.generativelanguage." + r.version + "." + rpc;
    } else {
      c.service = kAiPlatform;
      c.api_method = "google.cloud.aiplatform." + r.version + ".JobService." + rpc;
      c.permission = permission;
      const std::optional<Project> project = env_.state().project(r.project);
      c.resource_project = project ? project->id : r.project;
      c.allow_api_key = false;
      c.resource = "//aiplatform.googleapis.com/projects/" + r.project + "/locations/" + r.location;
    }
    *call = GeminiCall{r.version, "", rpc, ojson(), r.vertex, {}};
    if (req.method == "POST" && req.body.empty()) {
      // :cancel may come without a body; admit reads POST bodies as JSON.
      Request with_body = req;
      with_body.body = "{}";
      return methods_.admit(with_body, res, c, call);
    }
    return methods_.admit(req, res, c, call);
  }

  std::string parent(const BatchRoute& r) const {
    if (!r.vertex) return "batches/";
    const std::optional<Project> project = env_.state().project(r.project);
    return "projects/" + (project ? project->number : r.project) + "/locations/" + r.location + "/batchPredictionJobs/";
  }

  void get(const Request& req, Response& res, const BatchRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, r.vertex ? "GetBatchPredictionJob" : "BatchService.GetBatch",
               "aiplatform.batchPredictionJobs.get", &call)) {
      return;
    }
    const std::string name = parent(r) + r.id;
    const auto now = env_.clock().now();
    env_.batches().update(call.owner, name, [&](BatchRecord& b) { settle_batch(env_, b, now); });
    std::optional<BatchRecord> b = env_.batches().get(call.owner, name);
    if (!b) return send_error(res, batch_not_found(r.vertex, name));
    send_json(res, batch_json(*b, now));
  }

  void list(const Request& req, Response& res, const BatchRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, r.vertex ? "ListBatchPredictionJobs" : "BatchService.ListBatches",
               "aiplatform.batchPredictionJobs.list", &call)) {
      return;
    }
    // pageSize: Google's default and cap, 50 and 1000.
    const std::optional<PageWindow> page = read_page_window(req, kBatchPagePrefix, 50);
    if (!page) return send_error(res, invalid_argument("Invalid page token or page size."));
    std::string state_filter;
    if (req.has_param("filter") && !req.get_param_value("filter").empty()) {
      // The one filter this emulator reads: state="JOB_STATE_..." (quotes optional).
      std::string f = req.get_param_value("filter");
      f.erase(std::remove(f.begin(), f.end(), ' '), f.end());
      f.erase(std::remove(f.begin(), f.end(), '"'), f.end());
      if (!r.vertex || f.rfind("state=", 0) != 0) return send_error(res, invalid_argument("Invalid filter: " + req.get_param_value("filter")));
      state_filter = f.substr(6);
    }
    const auto now = env_.clock().now();
    for (const BatchRecord& b : env_.batches().list(call.owner, parent(r))) {
      env_.batches().update(call.owner, b.name, [&](BatchRecord& rec) { settle_batch(env_, rec, now); });
    }
    std::vector<BatchRecord> all = env_.batches().list(call.owner, parent(r));
    if (!state_filter.empty()) {
      std::erase_if(all, [&](const BatchRecord& b) { return phase_name(batch_phase(b, now), true) != state_filter; });
    }
    ojson items = ojson::array();
    for (size_t i = page->start; i < all.size() && i < page->start + page->size; ++i) items.push_back(batch_json(all[i], now));
    ojson out;
    out[r.vertex ? "batchPredictionJobs" : "operations"] = items;
    if (std::string next = next_page_token(*page, all.size(), kBatchPagePrefix); !next.empty()) out["nextPageToken"] = next;
    send_json(res, out);
  }

  void cancel(const Request& req, Response& res, const BatchRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, r.vertex ? "CancelBatchPredictionJob" : "BatchService.CancelBatch",
               "aiplatform.batchPredictionJobs.cancel", &call)) {
      return;
    }
    const std::string name = parent(r) + r.id;
    const auto now = env_.clock().now();
    std::optional<GoogleError> refused;
    const bool found = env_.batches().update(call.owner, name, [&](BatchRecord& b) {
      const BatchPhase p = batch_phase(b, now);
      if (phase_done(p)) {
        refused = batch_not_cancellable(name, phase_name(p, r.vertex));
        return;
      }
      b.forced = BatchPhase::kCancelled;
      b.end_time = now;
    });
    if (!found) return send_error(res, batch_not_found(r.vertex, name));
    if (refused) return send_error(res, *refused);
    send_json(res, ojson::object());
  }

  void remove(const Request& req, Response& res, const BatchRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, r.vertex ? "DeleteBatchPredictionJob" : "BatchService.DeleteBatch",
               "aiplatform.batchPredictionJobs.delete", &call)) {
      return;
    }
    const std::string name = parent(r) + r.id;
    std::optional<BatchRecord> b = env_.batches().get(call.owner, name);
    if (!b) return send_error(res, batch_not_found(r.vertex, name));
    const auto now = env_.clock().now();
    if (r.vertex && !phase_done(batch_phase(*b, now))) {
      return send_error(res, batch_still_running(name, phase_name(batch_phase(*b, now), true)));
    }
    env_.batches().erase(call.owner, name);
    if (!r.vertex) return send_json(res, ojson::object());
    // Vertex AI answers a delete with its (finished) long-running operation.
    ojson op;
    op["name"] = name + "/operations/" + env_.batches().new_id(true);
    op["metadata"] = ojson{{"@type", "type.googleapis.com/google.cloud.aiplatform." + r.version + ".DeleteOperationMetadata"},
                           {"genericMetadata", ojson{{"createTime", batch_time(now)}, {"updateTime", batch_time(now)}}}};
    op["done"] = true;
    op["response"] = ojson{{"@type", "type.googleapis.com/google.protobuf.Empty"}};
    send_json(res, op);
  }

  void create_vertex(const Request& req, Response& res, const BatchRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "CreateBatchPredictionJob", "aiplatform.batchPredictionJobs.create", &call)) return;
    const ojson& body = call.body;
    const ojson display = body.value("displayName", ojson());
    if (!display.is_string() || display.get<std::string>().empty()) {
      return send_error(res, invalid_argument("Display name is required."));
    }
    const std::string model = body.value("model", "");
    const auto at = model.rfind("/models/");
    const std::string id = at == std::string::npos ? "" : model.substr(at + 8);
    const CatalogModel* m = find_model(id);
    if (model.find("publishers/google/models/") == std::string::npos || !m || m->embedding || m->imagen || m->veo) {
      return send_error(res, vertex_model_not_found(model.empty() ? "publishers/google/models/" : model));
    }
    const ojson in = body.value("inputConfig", ojson());
    const ojson out = body.value("outputConfig", ojson());
    if (!in.is_object() || in.value("instancesFormat", "") != "jsonl" || !in.contains("gcsSource")) {
      return send_error(res, invalid_argument("inputConfig must have instancesFormat \"jsonl\" and a gcsSource "
                                              "(BigQuery sources are not emulated)."));
    }
    const ojson uris = in["gcsSource"].value("uris", ojson());
    if (!uris.is_array() || uris.empty()) return send_error(res, invalid_argument("inputConfig.gcsSource.uris is required."));
    for (const ojson& u : uris) {
      if (!u.is_string() || u.get<std::string>().rfind("gs://", 0) != 0) {
        return send_error(res, invalid_argument("Invalid Cloud Storage URI in inputConfig.gcsSource.uris: " + u.dump()));
      }
    }
    if (!out.is_object() || out.value("predictionsFormat", "") != "jsonl" || !out.contains("gcsDestination") ||
        out["gcsDestination"].value("outputUriPrefix", "").rfind("gs://", 0) != 0) {
      return send_error(res, invalid_argument("outputConfig must have predictionsFormat \"jsonl\" and a "
                                              "gcsDestination.outputUriPrefix gs:// URI."));
    }
    BatchRecord b;
    b.vertex = true;
    b.owner = call.owner;
    b.version = r.version;
    b.model = model.substr(model.find("publishers/"));
    b.display_name = display.get<std::string>();
    b.create_time = env_.clock().now();
    b.timing = env_.batches().timing();
    b.name = parent(r) + env_.batches().new_id(true);
    b.input_config = in;
    b.output_config = out;
    // The instances: JSONL objects in Cloud Storage, {"request": {...}} per
    // line. One that cannot be read fails the job when it would start.
    GeminiCall vertex_call{r.version, id, "generateContent", ojson(), true, call.owner};
    for (const ojson& u : uris) {
      const std::string uri = u.get<std::string>();
      auto where = split_gs_uri(uri);
      Result<std::string> text = where ? env_.storage().read_object(where->first, where->second)
                                       : Result<std::string>(Error{});
      if (!text) {
        b.forced = BatchPhase::kFailed;
        b.end_time = b.create_time + b.timing.pending;
        b.failure = ojson{{"code", 5}, {"message", "Failed to read the input " + uri + ": the object does not exist."}};
        b.results = ojson::array();
        b.succeeded.clear();
        break;
      }
      for (ojson& line : jsonl_lines(*text)) {
        ojson result;
        result["status"] = "";
        result["processed_time"] = batch_time(b.create_time + b.timing.pending);
        const bool ok_line = line.is_object() && line.value("request", ojson()).is_object();
        if (ok_line) result["request"] = line["request"];
        std::variant<ojson, ojson> a =
            ok_line ? batches_.answer(vertex_call, line["request"])
                    : std::variant<ojson, ojson>(std::in_place_index<1>,
                                                 ojson{{"code", 3}, {"message", "The line is not a JSON object with a request."}});
        if (a.index() == 0) {
          result["response"] = std::get<0>(a);
          b.succeeded.push_back(true);
        } else {
          result["status"] = std::get<1>(a).value("message", "");
          b.succeeded.push_back(false);
        }
        b.results.push_back(std::move(result));
      }
    }
    const ojson created = vertex_job_json(b, b.create_time);
    env_.batches().put(std::move(b));
    send_json(res, created);
  }

  BatchMethods& batches() { return batches_; }

 private:
  ServerEnv& env_;
  GeminiMethods methods_;
  BatchMethods batches_;
};

// Admin: {"name": ..., "state": "SUCCEEDED"|"FAILED"|"EXPIRED"} ends a job now.
void force_batch(ServerEnv& env, const Request& req, Response& res) {
  const ojson b = ojson::parse(req.body, nullptr, false);
  if (!b.is_object() || !b.value("name", ojson()).is_string() || !b.value("state", ojson()).is_string()) {
    return send_error(res, invalid_argument("body must be {\"name\": \"batches/...\", \"state\": \"SUCCEEDED|FAILED|EXPIRED\"}"));
  }
  const std::string state = b["state"].get<std::string>();
  const auto now = env.clock().now();
  bool ok = false;
  const bool found = env.batches().update_any(b["name"].get<std::string>(), [&](BatchRecord& r) {
    ok = true;
    if (state == "SUCCEEDED") {
      r.forced.reset();
      r.create_time = std::min(r.create_time, now - r.timing.pending - r.timing.running);
    } else if (state == "FAILED") {
      r.forced = BatchPhase::kFailed;
      r.end_time = now;
      r.failure = ojson{{"code", 13}, {"message", "Batch job failed due to an internal error."}};
    } else if (state == "EXPIRED") {
      r.forced = BatchPhase::kExpired;
      r.end_time = now;
    } else {
      ok = false;
    }
  });
  if (!found) return send_error(res, not_found("no batch " + b["name"].get<std::string>()));
  if (!ok) return send_error(res, invalid_argument("state must be SUCCEEDED, FAILED or EXPIRED"));
  send_json(res, ojson{{"name", b["name"]}, {"state", state}});
}

// Admin: {"pendingMillis": N, "runningMillis": N} for jobs created from now on.
void set_batch_timing(ServerEnv& env, const Request& req, Response& res) {
  const ojson b = ojson::parse(req.body, nullptr, false);
  if (!b.is_object() || !b.value("pendingMillis", ojson()).is_number_integer() ||
      !b.value("runningMillis", ojson()).is_number_integer() || b["pendingMillis"].get<long long>() < 0 ||
      b["runningMillis"].get<long long>() < 0) {
    return send_error(res, invalid_argument("body must be {\"pendingMillis\": N, \"runningMillis\": N}, N >= 0"));
  }
  BatchTiming t;
  t.pending = std::chrono::milliseconds(b["pendingMillis"].get<long long>());
  t.running = std::chrono::milliseconds(b["runningMillis"].get<long long>());
  env.batches().set_timing(t);
  send_json(res, b);
}

}  // namespace

void register_batch_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<BatchApi>(env);
  using Req = const Request&;
  using Res = Response&;
  constexpr const char* kDev = R"(/(v1beta|v1)/batches)";
  constexpr const char* kVertex = R"(/(v1beta1|v1)/projects/([^/]+)/locations/([^/]+)/batchPredictionJobs)";
  auto dev = [](Req req, bool with_id) { return BatchRoute{req.matches[1], false, "", "", with_id ? req.matches[2] : std::string()}; };
  auto vertex = [](Req req, bool with_id) {
    return BatchRoute{req.matches[1], true, req.matches[2], req.matches[3], with_id ? req.matches[4] : std::string()};
  };
  const std::string dev_id = std::string(kDev) + "/([^/:]+)";
  const std::string vertex_id = std::string(kVertex) + "/([^/:]+)";
  router.get(kDev, [api, dev](Req req, Res res) { api->list(req, res, dev(req, false)); });
  router.get(dev_id, [api, dev](Req req, Res res) { api->get(req, res, dev(req, true)); });
  router.post(dev_id + ":cancel", [api, dev](Req req, Res res) { api->cancel(req, res, dev(req, true)); });
  router.del(dev_id, [api, dev](Req req, Res res) { api->remove(req, res, dev(req, true)); });
  router.post(kVertex, [api, vertex](Req req, Res res) { api->create_vertex(req, res, vertex(req, false)); });
  router.get(kVertex, [api, vertex](Req req, Res res) { api->list(req, res, vertex(req, false)); });
  router.get(vertex_id, [api, vertex](Req req, Res res) { api->get(req, res, vertex(req, true)); });
  router.post(vertex_id + ":cancel", [api, vertex](Req req, Res res) { api->cancel(req, res, vertex(req, true)); });
  router.del(vertex_id, [api, vertex](Req req, Res res) { api->remove(req, res, vertex(req, true)); });
  router.post("/emulator/v1/batches:force", [&env](Req req, Res res) { force_batch(env, req, res); });
  router.post("/emulator/v1/batches:timing", [&env](Req req, Res res) { set_batch_timing(env, req, res); });
}

}  // namespace genai::emulator
