// The Gemini Developer API (generativelanguage.googleapis.com) under /v1beta
// and /v1: models.list/get, generateContent, streamGenerateContent,
// countTokens, embedContent, batchEmbedContents and predict (Imagen). Callers present an API
// key (x-goog-api-key or ?key=) or an OAuth token with the cloud-platform or
// generative-language scope.
#include <algorithm>
#include <map>

#include "emulator/handlers/batch_methods.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/video_methods.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

AccessCheck developer_check(const std::string& version, const std::string& rpc, const std::string& model = "") {
  AccessCheck check;
  check.model = model;
  check.service = kGenerativeLanguage;
  check.api_method = "google.ai.generativelanguage." + version + "." + rpc;
  return check;
}

class DeveloperApi {
 public:
  explicit DeveloperApi(ServerEnv& env) : methods_(env), videos_(env), batches_(env) {}

  void list(const Request& req, Response& res, const std::string& version) {
    if (!methods_.admit(req, res, developer_check(version, "ModelService.ListModels"), nullptr)) return;
    size_t page_size = 50;
    size_t start = 0;
    try {
      if (req.has_param("pageSize")) page_size = std::clamp<size_t>(std::stoul(req.get_param_value("pageSize")), 1, 1000);
      if (req.has_param("pageToken")) {
        const std::string token = req.get_param_value("pageToken");
        if (token.rfind("page-", 0) != 0) throw std::invalid_argument("token");
        start = std::stoul(token.substr(5));
      }
    } catch (const std::exception&) {
      return send_error(res, invalid_argument("Invalid page token or page size."));
    }
    const auto catalog = model_catalog();
    ojson out;
    out["models"] = ojson::array();
    for (size_t i = start; i < catalog.size() && i < start + page_size; ++i) out["models"].push_back(model_json(catalog[i]));
    if (start + page_size < catalog.size()) out["nextPageToken"] = "page-" + std::to_string(start + page_size);
    send_json(res, out);
  }

  void get(const Request& req, Response& res, const std::string& version, const std::string& id) {
    if (!methods_.admit(req, res, developer_check(version, "ModelService.GetModel"), nullptr)) return;
    const CatalogModel* m = find_model(id);
    if (!m) {
      return send_error(res, not_found("models/" + id + " is not found for API version " + version +
                                       ", or is not supported for GetModel. Call ListModels to see the list of "
                                       "available models and their supported methods."));
    }
    send_json(res, model_json(*m));
  }

  void method(const Request& req, Response& res, GeminiCall call) {
    static const std::map<std::string, std::string> kRpc = {
        {"generateContent", "GenerativeService.GenerateContent"},
        {"streamGenerateContent", "GenerativeService.StreamGenerateContent"},
        {"countTokens", "GenerativeService.CountTokens"},
        {"embedContent", "GenerativeService.EmbedContent"},
        {"batchEmbedContents", "GenerativeService.BatchEmbedContents"},
        {"predict", "PredictionService.Predict"},
        {"predictLongRunning", "PredictionService.PredictLongRunning"},
        {"batchGenerateContent", "GenerativeService.BatchGenerateContent"},
        {"asyncBatchEmbedContent", "GenerativeService.AsyncBatchEmbedContent"}};
    auto rpc = kRpc.find(call.method);
    if (rpc == kRpc.end()) return send_error(res, not_found("Method not found."));
    if (!methods_.admit(req, res, developer_check(call.version, rpc->second, call.model), &call)) return;
    if (call.method == "batchGenerateContent") return batches_.create_developer(res, call);
    if (call.method == "asyncBatchEmbedContent") return batches_.create_developer(res, call, /*embeddings=*/true);
    const CatalogModel* m = find_model(call.model);
    const bool wants_embedding = call.method == "embedContent" || call.method == "batchEmbedContents";
    const bool wants_imagen = call.method == "predict";
    const bool wants_veo = call.method == "predictLongRunning";
    if (!m || (call.method == "countTokens" ? m->imagen || m->veo
                                            : m->embedding != wants_embedding || m->imagen != wants_imagen ||
                                                  m->veo != wants_veo)) {
      return send_error(res, model_not_found(call.model, call.version, call.method));
    }
    if (wants_veo) {
      videos_.predict_long_running(res, call, "models/" + call.model);
    } else if (wants_imagen) {
      methods_.predict_images(res, call, *m);
    } else if (call.method == "generateContent" || call.method == "streamGenerateContent") {
      methods_.generate(req, res, call);
    } else if (call.method == "countTokens") {
      methods_.count_tokens(res, call);
    } else {
      methods_.embed(res, call, *m);
    }
  }

 private:
  GeminiMethods methods_;
  VideoMethods videos_;
  BatchMethods batches_;
};

}  // namespace

void register_generative_language_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<DeveloperApi>(env);
  router.get(R"(/(v1beta|v1)/models)", [api](const Request& req, Response& res) {
    api->list(req, res, req.matches[1]);
  });
  router.get(R"(/(v1beta|v1)/models/([^/:]+))", [api](const Request& req, Response& res) {
    api->get(req, res, req.matches[1], req.matches[2]);
  });
  router.post(R"(/(v1beta|v1)/models/([^/:]+):(\w+))", [api](const Request& req, Response& res) {
    api->method(req, res, GeminiCall{req.matches[1], req.matches[2], req.matches[3], ojson(), false, /*owner=*/{}});
  });
}

}  // namespace genai::emulator
