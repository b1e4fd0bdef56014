// Vertex AI (aiplatform.googleapis.com) under /v1 and /v1beta1: publisher
// models' generateContent, streamGenerateContent, countTokens, computeTokens and predict
// (embeddings and Imagen), for a project and location with an OAuth token, checked
// against the caller's IAM roles (aiplatform.endpoints.predict); and express
// mode (/publishers/google/models/...), where an API key is accepted.
#include <map>

#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/video_methods.h"
#include "emulator/common/env.h"
#include "emulator/common/clock.h"
#include "emulator/state/state.h"
#include "emulator/state/tunings.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

struct VertexPath {
  std::string version;
  std::string project;   // empty in express mode
  std::string location;  // empty in express mode
  std::string publisher;
  std::string model;
  std::string method;    // empty for a GET of the model

  std::string model_resource() const {
    std::string r = "publishers/" + publisher + "/models/" + model;
    return project.empty() ? r : "projects/" + project + "/locations/" + location + "/" + r;
  }
};

ojson publisher_model_json(const CatalogModel& m) {
  ojson j;
  j["name"] = std::string("publishers/google/models/") + m.id;
  j["versionId"] = m.version;
  j["openSourceCategory"] = "PROPRIETARY";
  j["launchStage"] = "GA";
  j["publisherModelTemplate"] = std::string("projects/{project}/locations/{location}/publishers/google/models/") + m.id;
  return j;
}

class VertexApi {
 public:
  explicit VertexApi(ServerEnv& env) : env_(env), methods_(env), videos_(env) {}

  AccessCheck check(const VertexPath& p, const std::string& rpc) const {
    AccessCheck c;
    c.service = kAiPlatform;
    c.api_method = "google.cloud.aiplatform." + p.version + "." + rpc;
    c.permission = "aiplatform.endpoints.predict";
    if (p.project.empty()) {
      c.allow_api_key = true;  // express mode
    } else {
      // By id or number; one that does not exist is answered CONSUMER_INVALID.
      const std::optional<Project> project = env_.state().project(p.project);
      c.resource_project = project ? project->id : p.project;
      c.allow_api_key = false;
    }
    c.resource = "//aiplatform.googleapis.com/" + p.model_resource();
    c.model = p.model;
    return c;
  }

  // `resource`: what IAM checks and names (default: the publisher model).
  void method(const Request& req, Response& res, const VertexPath& p, const std::string& resource = "") {
    static const std::map<std::string, std::string> kRpc = {
        {"generateContent", "PredictionService.GenerateContent"},
        {"streamGenerateContent", "PredictionService.StreamGenerateContent"},
        {"countTokens", "PredictionService.CountTokens"},
        {"computeTokens", "LlmUtilityService.ComputeTokens"},
        {"predict", "PredictionService.Predict"},
        {"predictLongRunning", "PredictionService.PredictLongRunning"},
        {"fetchPredictOperation", "PredictionService.FetchPredictOperation"}};
    auto rpc = kRpc.find(p.method);
    if (rpc == kRpc.end()) return send_error(res, not_found("Method not found."));
    GeminiCall call{p.version, p.model, p.method, ojson(), true, /*owner=*/{}};
    AccessCheck c = check(p, rpc->second);
    if (!resource.empty()) c.resource = resource;
    if (!methods_.admit(req, res, c, &call)) return;
    const CatalogModel* m = p.publisher == "google" ? find_model(p.model) : nullptr;
    const bool predict = p.method == "predict";
    const bool tokens = p.method == "countTokens" || p.method == "computeTokens";
    const bool veo = p.method == "predictLongRunning" || p.method == "fetchPredictOperation";
    const bool fits = m && (tokens                    ? !m->imagen && !m->veo
                            : predict                 ? m->embedding || m->imagen
                            : veo                     ? m->veo
                                                      : !m->embedding && !m->imagen && !m->veo);
    if (!fits) return send_error(res, vertex_model_not_found(p.model_resource()));
    if (p.method == "predictLongRunning") return videos_.predict_long_running(res, call, p.model_resource());
    if (p.method == "fetchPredictOperation") return videos_.fetch_predict_operation(res, call, p.model_resource());
    if (predict && m->imagen) return methods_.predict_images(res, call, *m);
    if (predict) return methods_.predict_embeddings(res, call, *m);
    if (p.method == "countTokens") return methods_.count_tokens(res, call);
    if (p.method == "computeTokens") return methods_.compute_tokens(res, call);
    methods_.generate(req, res, call);
  }

  // A tuned model's endpoint (projects/{p}/locations/{l}/endpoints/{id}:method)
  // answers as the model it was tuned from; the IAM check names the endpoint.
  void endpoint(const Request& req, Response& res, VertexPath p, const std::string& endpoint_id) {
    const std::optional<Project> project = env_.state().project(p.project);
    const std::string number = project ? project->number : p.project;
    const std::string name = "projects/" + number + "/locations/" + p.location + "/endpoints/" + endpoint_id;
    const auto tuned = env_.tunings().model(project ? project->id : p.project, endpoint_id, env_.clock().now());
    if (p.method != "generateContent" && p.method != "streamGenerateContent" && p.method != "countTokens") {
      return send_error(res, not_found("Method not found."));
    }
    if (!tuned) {
      // Authenticate first, so a stranger learns nothing of which endpoints exist.
      VertexPath probe = p;
      probe.model = endpoint_id;
      AccessCheck c = check(probe, "PredictionService.GenerateContent");
      c.resource = "//aiplatform.googleapis.com/projects/" + p.project + "/locations/" + p.location + "/endpoints/" + endpoint_id;
      if (!methods_.admit(req, res, c, nullptr)) return;
      return send_error(res, endpoint_not_found(name));
    }
    p.publisher = "google";
    p.model = tuned->base_model.substr(tuned->base_model.rfind('/') + 1);
    method(req, res, p, "//aiplatform.googleapis.com/projects/" + p.project + "/locations/" + p.location + "/endpoints/" + endpoint_id);
  }

  void get(const Request& req, Response& res, const VertexPath& p) {
    AccessCheck c = check(p, "ModelGardenService.GetPublisherModel");
    c.permission = "aiplatform.models.get";
    if (!methods_.admit(req, res, c, nullptr)) return;
    const CatalogModel* m = p.publisher == "google" ? find_model(p.model) : nullptr;
    if (!m) return send_error(res, vertex_model_not_found(p.model_resource()));
    send_json(res, publisher_model_json(*m));
  }

  void list(const Request& req, Response& res, const std::string& version) {
    AccessCheck c = check(VertexPath{version, "", "", "google", "", ""}, "ModelGardenService.ListPublisherModels");
    c.permission.clear();
    if (!methods_.admit(req, res, c, nullptr)) return;
    ojson out;
    out["publisherModels"] = ojson::array();
    for (const CatalogModel& m : model_catalog()) out["publisherModels"].push_back(publisher_model_json(m));
    send_json(res, out);
  }

 private:
  ServerEnv& env_;
  GeminiMethods methods_;
  VideoMethods videos_;
};

}  // namespace

void register_vertex_ai_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<VertexApi>(env);
  constexpr const char* kProjectModel =
      R"(/(v1|v1beta1)/projects/([^/]+)/locations/([^/]+)/publishers/([^/]+)/models/([^/:]+))";
  constexpr const char* kExpressModel = R"(/(v1|v1beta1)/publishers/([^/]+)/models/([^/:]+))";
  router.post(std::string(kProjectModel) + R"(:(\w+))", [api](const Request& req, Response& res) {
    api->method(req, res, VertexPath{req.matches[1], req.matches[2], req.matches[3], req.matches[4], req.matches[5], req.matches[6]});
  });
  router.post(R"(/(v1|v1beta1)/projects/([^/]+)/locations/([^/]+)/endpoints/([^/:]+):(\w+))",
              [api](const Request& req, Response& res) {
                api->endpoint(req, res, VertexPath{req.matches[1], req.matches[2], req.matches[3], "", "", req.matches[5]},
                              req.matches[4]);
              });
  router.post(std::string(kExpressModel) + R"(:(\w+))", [api](const Request& req, Response& res) {
    api->method(req, res, VertexPath{req.matches[1], "", "", req.matches[2], req.matches[3], req.matches[4]});
  });
  router.get(kProjectModel, [api](const Request& req, Response& res) {
    api->get(req, res, VertexPath{req.matches[1], req.matches[2], req.matches[3], req.matches[4], req.matches[5], ""});
  });
  router.get(kExpressModel, [api](const Request& req, Response& res) {
    api->get(req, res, VertexPath{req.matches[1], "", "", req.matches[2], req.matches[3], ""});
  });
  router.get(R"(/(v1|v1beta1)/publishers/google/models)", [api](const Request& req, Response& res) {
    api->list(req, res, req.matches[1]);
  });
}

}  // namespace genai::emulator
