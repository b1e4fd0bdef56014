// Vertex AI supervised tuning: /v1 and /v1beta1
// projects/{p}/locations/{l}/tuningJobs (create, get, list, :cancel) with IAM
// aiplatform.tuningJobs.*, and the tuned models they make under
// projects/{p}/locations/{l}/models (get, list, patch, delete; IAM
// aiplatform.models.*). A job's state follows the emulator's clock
// (state/tunings.h). The tuned model is served by its endpoint, which
// vertex_ai.cc routes to the base model. On the Developer API, which no longer
// tunes Gemini, /v1beta/tunedModels lists nothing, names nothing and creates
// nothing (404: no model supports createTunedModel).
#include <algorithm>
#include <regex>

#include "emulator/backend/generator.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/paging.h"
#include "emulator/state/state.h"
#include "emulator/state/storage.h"
#include "emulator/state/tunings.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::system_clock;

struct TuningRoute {
  std::string version;
  std::string project;   // as in the URL: id or number
  std::string location;
  std::string id;        // empty for create and list
};

// How long a job waits and runs, on the emulator's clock: PENDING for
// kTuningQueue, then RUNNING for kTuningEpoch per epoch.
constexpr auto kTuningQueue = std::chrono::seconds(10);
constexpr auto kTuningEpoch = std::chrono::seconds(20);
constexpr int kDefaultEpochs = 3;

// "gs://bucket/object.jsonl" with a bucket and an object.
bool gcs_jsonl_uri(const std::string& uri) {
  static const std::regex re(R"(gs://[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]/[^\r\n]+\.jsonl)");
  return std::regex_match(uri, re);
}

// Why the dataset at `uri` cannot train a model, read from the emulator's
// Cloud Storage as the tuning service would when the job starts: missing
// (google.rpc code 5), or a line that is not a {"contents": [...]} example
// (code 3). {0, ""} when it is usable.
std::pair<int, std::string> tuning_dataset_problem(ServerEnv& env, const std::string& uri) {
  const auto where = split_gs_uri(uri);
  Result<std::string> text = where ? env.storage().read_object(where->first, where->second) : Result<std::string>(Error{});
  if (!text) return {5, "Failed to read the dataset " + uri + ": the object does not exist or cannot be read."};
  size_t line_number = 0;
  size_t examples = 0;
  for (size_t start = 0; start < text->size();) {
    size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string_view line(text->data() + start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const ojson example = ojson::parse(line, nullptr, /*allow_exceptions=*/false);
    const bool ok = example.is_object() && example.contains("contents") && example["contents"].is_array() &&
                    !example["contents"].empty();
    if (!ok) {
      return {3, "Invalid dataset " + uri + ": line " + std::to_string(line_number) +
                     " is not a JSON object with a non-empty \"contents\" list."};
    }
    ++examples;
  }
  if (examples == 0) return {3, "Invalid dataset " + uri + ": it holds no examples."};
  return {0, ""};
}

// Vertex AI's label filter, as the SDKs send it: clauses joined by AND, each
// `labels.K:*` (has the label), `labels.K=V` or `labels.K="V"`; for jobs
// also `state=S`. Returns nullopt when a clause is not one of these.
std::optional<bool> filter_matches(std::string filter, const ojson& labels, const std::string& state) {
  filter.erase(std::remove(filter.begin(), filter.end(), '('), filter.end());
  filter.erase(std::remove(filter.begin(), filter.end(), ')'), filter.end());
  static const std::regex clause_re(R"re(\s*(labels\.([A-Za-z0-9_-]+)|state)\s*(:\s*\*|=\s*"?([^"\s]*)"?)\s*)re");
  bool all = true;
  size_t start = 0;
  while (start <= filter.size()) {
    size_t end = filter.find(" AND ", start);
    if (end == std::string::npos) end = filter.size();
    const std::string clause = filter.substr(start, end - start);
    start = end + 5;
    if (clause.find_first_not_of(' ') == std::string::npos) continue;
    std::smatch m;
    if (!std::regex_match(clause, m, clause_re)) return std::nullopt;
    const bool has_any = m[3].str().find('*') != std::string::npos;
    if (m[1] == "state") {
      if (has_any) return std::nullopt;
      all = all && state == m[4].str();
      continue;
    }
    const std::string key = m[2];
    const bool present = labels.contains(key) && labels[key].is_string();
    all = all && present && (has_any || labels[key].get<std::string>() == m[4].str());
  }
  return all;
}

// Tuned models carry the labels Vertex AI gives them: the base model (dots
// as dashes, label values cannot hold dots) and the tuning type.
ojson tuned_model_labels(const TuningJobEntry& j) {
  ojson labels = j.labels;
  std::string base = j.base_model.substr(j.base_model.rfind('/') + 1);
  std::replace(base.begin(), base.end(), '.', '-');
  labels["google-vertex-llm-tuning-base-model-id"] = base;
  labels["tune-type"] = "sft";
  return labels;
}

ojson tuned_model_json(const TuningJobEntry& j) {
  ojson m;
  m["name"] = j.parent + "models/" + j.model_id;
  m["displayName"] = j.model_display_name;
  if (!j.model_description.empty()) m["description"] = j.model_description;
  m["versionId"] = "1";
  m["versionAliases"] = ojson::array({"default"});
  m["createTime"] = rfc3339_nanos(j.end_time);
  m["updateTime"] = rfc3339_nanos(j.end_time);
  m["labels"] = tuned_model_labels(j);
  ojson deployed;
  deployed["endpoint"] = j.parent + "endpoints/" + j.model_id;
  deployed["deployedModelId"] = j.model_id;
  m["deployedModels"] = ojson::array({deployed});
  m["defaultCheckpointId"] = "1";
  ojson checkpoint;
  checkpoint["checkpointId"] = "1";
  checkpoint["epoch"] = std::to_string(j.spec.value("hyperParameters", ojson::object()).value("epochCount", kDefaultEpochs));
  m["checkpoints"] = ojson::array({checkpoint});
  return m;
}

ojson job_json(const TuningJobEntry& j, system_clock::time_point now) {
  const TuningState state = tuning_state(j, now);
  ojson o;
  o["name"] = j.parent + "tuningJobs/" + j.id;
  if (!j.display_name.empty()) o["tunedModelDisplayName"] = j.display_name;  // proto3 JSON leaves "" out
  if (!j.description.empty()) o["description"] = j.description;
  o["baseModel"] = j.base_model;
  o["supervisedTuningSpec"] = j.spec;
  o["state"] = tuning_state_name(state);
  o["createTime"] = rfc3339_nanos(j.create_time);
  if (state != TuningState::kPending && !(state == TuningState::kCancelled && *j.cancel_time < j.start_time)) {
    o["startTime"] = rfc3339_nanos(j.start_time);
  }
  system_clock::time_point updated = j.create_time;
  if (state == TuningState::kRunning) updated = j.start_time;
  if (state == TuningState::kSucceeded || state == TuningState::kFailed) updated = j.end_time;
  if (state == TuningState::kCancelled) updated = *j.cancel_time;
  if (state == TuningState::kSucceeded || state == TuningState::kFailed || state == TuningState::kCancelled) {
    o["endTime"] = rfc3339_nanos(updated);
  }
  o["updateTime"] = rfc3339_nanos(updated);
  if (!j.labels.empty()) o["labels"] = j.labels;
  if (state == TuningState::kSucceeded) {
    ojson tuned;
    tuned["model"] = j.parent + "models/" + j.model_id + "@1";
    tuned["endpoint"] = j.parent + "endpoints/" + j.model_id;
    o["tunedModel"] = tuned;
  }
  if (state == TuningState::kFailed) o["error"] = ojson{{"code", j.failure_code}, {"message", j.failure_message}};
  if (state == TuningState::kCancelled) o["error"] = ojson{{"code", 1}, {"message", "CANCELED"}};
  return o;
}

// A page of `count` items, item(i) each: pageSize (default 100, at most
// 1000) from pageToken ("<prefix>N").
template <typename F>
void send_page(const Request& req, Response& res, size_t count, const char* prefix, const char* key, F&& item) {
  const std::optional<PageWindow> w = read_page_window(req, prefix, 100);
  if (!w) return send_error(res, invalid_argument("Invalid page token."));
  ojson out = ojson::object();  // Google leaves an empty list out
  for (size_t i = w->start; i < count && i < w->start + w->size; ++i) out[key].push_back(item(i));
  if (std::string next = next_page_token(*w, count, prefix); !next.empty()) out["nextPageToken"] = next;
  send_json(res, out);
}

class TuningApi {
 public:
  explicit TuningApi(ServerEnv& env) : env_(env), methods_(env) {}

  // Authorizes `rpc` of `service` with `permission` on `collection`[/id]; fills `call` (owner, body).
  bool admit(const Request& req, Response& res, const TuningRoute& r, const std::string& service,
             const std::string& rpc, const std::string& permission, const std::string& collection, GeminiCall& call) {
    AccessCheck c;
    c.service = kAiPlatform;
    c.api_method = "google.cloud.aiplatform." + r.version + "." + service + "." + rpc;
    c.permission = permission;
    const std::optional<Project> project = env_.state().project(r.project);
    c.resource_project = project ? project->id : r.project;
    c.allow_api_key = false;
    c.resource = "//aiplatform.googleapis.com/projects/" + r.project + "/locations/" + r.location + "/" + collection +
                 (r.id.empty() ? "" : "/" + r.id);
    call.version = r.version;
    call.vertex = true;
    call.method = ascii_lower(rpc.substr(0, 1)) + rpc.substr(1);
    return methods_.admit(req, res, c, &call);
  }

  std::string parent(const TuningRoute& r) const {
    const std::optional<Project> project = env_.state().project(r.project);
    return "projects/" + (project ? project->number : r.project) + "/locations/" + r.location + "/";
  }

  void create(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "GenAiTuningService", "CreateTuningJob", "aiplatform.tuningJobs.create", "tuningJobs", call)) {
      return;
    }
    const ojson& b = call.body;
    const std::string base = b.value("baseModel", "");
    if (base.empty()) {
      if (b.contains("preTunedModel")) return send_error(res, base_model_not_tunable("preTunedModel"));
      return send_error(res, invalid_argument("* TuningJob.base_model: base_model is required\n"));
    }
    const CatalogModel* m = find_model(base.substr(base.rfind('/') + 1));
    if (!m || m->embedding || m->imagen || m->veo || m->audio_output || m->image_output) {
      return send_error(res, base_model_not_tunable(base));
    }
    const ojson spec = b.value("supervisedTuningSpec", ojson());
    if (!spec.is_object()) {
      return send_error(res, invalid_argument("* TuningJob.supervised_tuning_spec: supervised_tuning_spec is required\n"));
    }
    const std::string training = spec.value("trainingDatasetUri", "");
    if (!gcs_jsonl_uri(training)) return send_error(res, tuning_dataset_invalid("SupervisedTuningSpec.training_dataset_uri", training));
    if (spec.contains("validationDatasetUri") && !gcs_jsonl_uri(spec.value("validationDatasetUri", ""))) {
      return send_error(res, tuning_dataset_invalid("SupervisedTuningSpec.validation_dataset_uri",
                                                    spec.value("validationDatasetUri", "")));
    }
    const ojson hyper = spec.value("hyperParameters", ojson::object());
    long long epochs = kDefaultEpochs;
    if (hyper.contains("epochCount")) {
      const ojson& e = hyper["epochCount"];
      epochs = e.is_string() ? std::atoll(e.get<std::string>().c_str()) : e.get<long long>();
      if (epochs < 1 || epochs > 100) {
        return send_error(res, invalid_argument("* SupervisedHyperParameters.epoch_count: must be between 1 and 100\n"));
      }
    }
    if (hyper.contains("learningRateMultiplier") &&
        !(hyper["learningRateMultiplier"].is_number() && hyper["learningRateMultiplier"].get<double>() > 0)) {
      return send_error(res, invalid_argument("* SupervisedHyperParameters.learning_rate_multiplier: must be positive\n"));
    }
    TuningJobEntry j;
    j.owner = call.owner;
    j.parent = parent(r);
    j.base_model = base;
    j.display_name = b.value("tunedModelDisplayName", "");
    j.description = b.value("description", "");
    j.labels = b.value("labels", ojson::object());
    j.spec = spec;
    j.create_time = env_.clock().now();
    j.start_time = j.create_time + kTuningQueue;
    j.end_time = j.start_time + kTuningEpoch * epochs;
    // The datasets are read when the job starts: one that cannot be used
    // fails the job then, as Vertex AI's does.
    for (const std::string& uri : {training, spec.value("validationDatasetUri", std::string())}) {
      if (uri.empty() || j.failure_code != 0) continue;
      std::tie(j.failure_code, j.failure_message) = tuning_dataset_problem(env_, uri);
      if (j.failure_code != 0) j.end_time = j.start_time;
    }
    j.model_display_name = j.display_name;
    send_json(res, job_json(env_.tunings().create(std::move(j)), env_.clock().now()));
  }

  void get(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "GenAiTuningService", "GetTuningJob", "aiplatform.tuningJobs.get", "tuningJobs", call)) return;
    auto j = env_.tunings().get(call.owner, r.id);
    if (!j) return send_error(res, tuning_job_not_found(parent(r) + "tuningJobs/" + r.id));
    send_json(res, job_json(*j, env_.clock().now()));
  }

  void list(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "GenAiTuningService", "ListTuningJobs", "aiplatform.tuningJobs.list", "tuningJobs", call)) return;
    const auto now = env_.clock().now();
    const std::string filter = req.has_param("filter") ? req.get_param_value("filter") : "";
    std::vector<TuningJobEntry> jobs;
    for (TuningJobEntry& j : env_.tunings().list(call.owner)) {
      const std::optional<bool> keep = filter_matches(filter, j.labels, tuning_state_name(tuning_state(j, now)));
      if (!keep) return send_error(res, invalid_argument("Unsupported filter: " + filter));
      if (*keep) jobs.push_back(std::move(j));
    }
    send_page(req, res, jobs.size(), "tj-", "tuningJobs", [&](size_t i) { return job_json(jobs[i], now); });
  }

  void cancel(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "GenAiTuningService", "CancelTuningJob", "aiplatform.tuningJobs.cancel", "tuningJobs", call)) {
      return;
    }
    const auto now = env_.clock().now();
    const std::string name = parent(r) + "tuningJobs/" + r.id;
    const std::optional<bool> cancelled = env_.tunings().cancel(call.owner, r.id, now);
    if (!cancelled) return send_error(res, tuning_job_not_found(name));
    if (!*cancelled) {
      return send_error(res, tuning_job_already_ended(name, tuning_state_name(tuning_state(*env_.tunings().get(call.owner, r.id), now))));
    }
    send_json(res, ojson::object());
  }

  void get_model(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "ModelService", "GetModel", "aiplatform.models.get", "models", call)) return;
    auto j = env_.tunings().model(call.owner, model_id(r.id), env_.clock().now());
    if (!j) return send_error(res, tuned_model_not_found(parent(r) + "models/" + r.id));
    send_json(res, tuned_model_json(*j));
  }

  void list_models(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "ModelService", "ListModels", "aiplatform.models.list", "models", call)) return;
    const std::string filter = req.has_param("filter") ? req.get_param_value("filter") : "";
    std::vector<TuningJobEntry> models;
    for (TuningJobEntry& j : env_.tunings().models(call.owner, env_.clock().now())) {
      const std::optional<bool> keep = filter_matches(filter, tuned_model_labels(j), "");
      if (!keep) return send_error(res, invalid_argument("Unsupported filter: " + filter));
      if (*keep) models.push_back(std::move(j));
    }
    send_page(req, res, models.size(), "tm-", "models", [&](size_t i) { return tuned_model_json(models[i]); });
  }

  void update_model(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "ModelService", "UpdateModel", "aiplatform.models.update", "models", call)) return;
    const ojson& b = call.body;
    if (b.contains("defaultCheckpointId") && b["defaultCheckpointId"] != "1") {
      return send_error(res, invalid_argument("Checkpoint " + b["defaultCheckpointId"].dump() + " does not exist."));
    }
    std::optional<std::string> display_name, description;
    if (b.contains("displayName")) display_name = b["displayName"].get<std::string>();
    if (b.contains("description")) description = b["description"].get<std::string>();
    if (display_name && display_name->empty()) {
      return send_error(res, invalid_argument("* Model.display_name: display_name must not be empty\n"));
    }
    const auto now = env_.clock().now();
    if (!env_.tunings().update_model(call.owner, model_id(r.id), display_name, description, now)) {
      return send_error(res, tuned_model_not_found(parent(r) + "models/" + r.id));
    }
    send_json(res, tuned_model_json(*env_.tunings().model(call.owner, model_id(r.id), now)));
  }

  void delete_model(const Request& req, Response& res, const TuningRoute& r) {
    GeminiCall call;
    if (!admit(req, res, r, "ModelService", "DeleteModel", "aiplatform.models.delete", "models", call)) return;
    const auto now = env_.clock().now();
    if (!env_.tunings().delete_model(call.owner, model_id(r.id), now)) {
      return send_error(res, tuned_model_not_found(parent(r) + "models/" + r.id));
    }
    // Vertex AI answers a delete with its long-running operation, here already done.
    ojson op;
    op["name"] = parent(r) + "models/" + r.id + "/operations/" + std::to_string(now.time_since_epoch().count() % 1000000007);
    op["metadata"] = ojson{{"@type", "type.googleapis.com/google.cloud.aiplatform." + r.version + ".DeleteOperationMetadata"},
                           {"genericMetadata", ojson{{"createTime", rfc3339_nanos(now)}, {"updateTime", rfc3339_nanos(now)}}}};
    op["done"] = true;
    op["response"] = ojson{{"@type", "type.googleapis.com/google.protobuf.Empty"}};
    send_json(res, op);
  }

  // The Developer API's tunedModels: Google no longer tunes Gemini there, so there are none.
  void developer_tuned_models(const Request& req, Response& res, const std::string& version, const std::string& id) {
    AccessCheck c;
    c.service = kGenerativeLanguage;
    c.api_method = "google.ai.generativelanguage." + version + ".ModelService." + (id.empty() ? "ListTunedModels" : "GetTunedModel");
    if (!methods_.admit(req, res, c, nullptr)) return;
    if (!id.empty()) return send_error(res, tuned_model_not_found("tunedModels/" + id));
    send_json(res, ojson::object());
  }

  // The Developer API's tunedModels.create (what the SDKs' tunings.tune sends
  // there): no model supports createTunedModel any more, so Google answers
  // with its model-not-found-for-this-method 404 for any baseModel.
  void developer_create_tuned_model(const Request& req, Response& res, const std::string& version) {
    AccessCheck c;
    c.service = kGenerativeLanguage;
    c.api_method = "google.ai.generativelanguage." + version + ".ModelService.CreateTunedModel";
    GeminiCall call;
    call.version = version;
    call.method = "createTunedModel";
    if (!methods_.admit(req, res, c, &call)) return;
    std::string base = call.body.value("baseModel", "");
    if (base.rfind("models/", 0) == 0) base = base.substr(7);
    send_error(res, model_not_found(base, version, "createTunedModel"));
  }

 private:
  // "123@1" names version 1 of model 123; the emulator's tuned models have only that one.
  static std::string model_id(const std::string& id) { return id.substr(0, id.find('@')); }

  ServerEnv& env_;
  GeminiMethods methods_;
};

}  // namespace

void register_tuning_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<TuningApi>(env);
  using Req = const Request&;
  using Res = Response&;
  constexpr const char* kParent = R"(/(v1beta1|v1)/projects/([^/]+)/locations/([^/]+)/)";
  auto route = [](Req req, bool with_id) {
    return TuningRoute{req.matches[1], req.matches[2], req.matches[3], with_id ? req.matches[4] : std::string()};
  };
  const std::string jobs = std::string(kParent) + "tuningJobs";
  const std::string models = std::string(kParent) + "models";
  router.post(jobs, [api, route](Req req, Res res) { api->create(req, res, route(req, false)); });
  router.get(jobs, [api, route](Req req, Res res) { api->list(req, res, route(req, false)); });
  router.get(jobs + "/([^/:]+)", [api, route](Req req, Res res) { api->get(req, res, route(req, true)); });
  router.post(jobs + "/([^/:]+):cancel", [api, route](Req req, Res res) { api->cancel(req, res, route(req, true)); });
  router.get(models, [api, route](Req req, Res res) { api->list_models(req, res, route(req, false)); });
  router.get(models + "/([^/:]+)", [api, route](Req req, Res res) { api->get_model(req, res, route(req, true)); });
  router.patch(models + "/([^/:]+)", [api, route](Req req, Res res) { api->update_model(req, res, route(req, true)); });
  router.del(models + "/([^/:]+)", [api, route](Req req, Res res) { api->delete_model(req, res, route(req, true)); });
  router.post(R"(/(v1beta|v1)/tunedModels)",
              [api](Req req, Res res) { api->developer_create_tuned_model(req, res, req.matches[1]); });
  router.get(R"(/(v1beta|v1)/tunedModels)", [api](Req req, Res res) { api->developer_tuned_models(req, res, req.matches[1], ""); });
  router.get(R"(/(v1beta|v1)/tunedModels/([^/:]+))",
             [api](Req req, Res res) { api->developer_tuned_models(req, res, req.matches[1], req.matches[2]); });
}

}  // namespace genai::emulator
