#include "emulator/handlers/video_methods.h"

#include <algorithm>
#include <set>

#include "emulator/auth/crypto.h"
#include "emulator/backend/generator.h"
#include "emulator/backend/mp4.h"
#include "emulator/backend/png.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/handlers.h"
#include "emulator/state/files.h"
#include "emulator/state/operations.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// What each backend's Veo takes, as python-genai's
// _GenerateVideosConfig_to_mldev / _to_vertex send it.
const std::set<std::string, std::less<>> kVeoInstanceFields = {"prompt", "image", "video", "lastFrame",
                                                               "referenceImages", "mask"};
const std::set<std::string, std::less<>> kVeoDeveloperParameters = {
    "sampleCount", "durationSeconds", "aspectRatio", "resolution", "personGeneration", "negativePrompt",
    "enhancePrompt"};
const std::set<std::string, std::less<>> kVeoVertexOnlyParameters = {
    "storageUri", "fps", "seed", "pubsubTopic", "generateAudio", "compressionQuality", "resizeMode"};

std::string veo_json_text(const ojson& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// An image (first or last frame) as sent: base64 bytes of a real image, or a
// gs:// URI on Vertex AI only.
std::optional<GoogleError> check_veo_image(const ojson& image, const char* field, bool vertex) {
  if (!image.is_object()) return invalid_argument(std::string("Invalid value at 'instances[0]." ) + field + "'.");
  for (auto it = image.begin(); it != image.end(); ++it) {
    const std::string& k = it.key();
    if (k == "gcsUri" && !vertex) return veo_field_not_supported(std::string(field) + ".gcsUri");
    if (k != "bytesBase64Encoded" && k != "gcsUri" && k != "mimeType") {
      return invalid_argument("Invalid JSON payload received. Unknown name \"" + k + "\" at 'instances[0]." + field +
                              "': Cannot find field.");
    }
  }
  if (image.contains("bytesBase64Encoded")) {
    const ojson& b64 = image["bytesBase64Encoded"];
    std::optional<std::string> bytes = b64.is_string() ? base64_decode(b64.get<std::string>()) : std::nullopt;
    if (!bytes || !read_image_header(*bytes)) {
      return invalid_argument(std::string("Video generation failed with the following error: instances[0].") + field +
                              " is not a valid image (PNG, JPEG, GIF or WebP).");
    }
  } else if (!image.contains("gcsUri")) {
    return invalid_argument(std::string("Video generation failed with the following error: instances[0].") + field +
                            " has neither bytesBase64Encoded nor gcsUri.");
  }
  return std::nullopt;
}

bool is_mp4(std::string_view bytes) { return bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp"; }

struct VeoRequest {
  std::string prompt;
  int count = 1;
  int seconds = 8;
  bool portrait = false;
  std::string storage_uri;
  std::string seed;
  bool fail = false;
};

std::variant<VeoRequest, GoogleError> read_veo_request(ServerEnv& env, const GeminiCall& call) {
  const ojson instances = call.body.value("instances", ojson());
  if (!instances.is_array() || instances.size() != 1 || !instances[0].is_object()) return veo_input_missing();
  const ojson& inst = instances[0];
  for (auto it = inst.begin(); it != inst.end(); ++it) {
    if (!kVeoInstanceFields.count(it.key())) {
      return invalid_argument("Invalid JSON payload received. Unknown name \"" + it.key() +
                              "\" at 'instances[0]': Cannot find field.");
    }
  }
  if ((inst.contains("mask") || inst.contains("referenceImages")) && !call.vertex) {
    return veo_field_not_supported(inst.contains("mask") ? "mask" : "referenceImages");
  }
  VeoRequest r;
  if (inst.contains("prompt")) {
    if (!inst["prompt"].is_string()) return invalid_argument("Invalid value at 'instances[0].prompt' (TYPE_STRING).");
    r.prompt = inst["prompt"].get<std::string>();
  }
  for (const char* f : {"image", "lastFrame"}) {
    if (inst.contains(f)) {
      if (auto e = check_veo_image(inst[f], f, call.vertex)) return *e;
    }
  }
  if (inst.contains("lastFrame") && !inst.contains("image")) {
    return invalid_argument("Video generation failed with the following error: lastFrame needs a first frame "
                            "in instances[0].image.");
  }
  if (inst.contains("video")) {
    // An extension: the Developer API takes a video it generated (uri), Vertex
    // AI bytes or a gs:// URI.
    const ojson& v = inst["video"];
    if (!v.is_object()) return invalid_argument("Invalid value at 'instances[0].video'.");
    if (call.vertex) {
      const std::string b64 = v.value("bytesBase64Encoded", "");
      std::optional<std::string> bytes = base64_decode(b64);
      if (!v.contains("gcsUri") && (!bytes || !is_mp4(*bytes))) {
        return invalid_argument("Video generation failed with the following error: instances[0].video is not an MP4 "
                                "video.");
      }
    } else {
      const std::string uri = v.value("uri", "");
      const auto at = uri.find("/files/");
      const auto end = uri.find(':', at == std::string::npos ? 0 : at);
      const std::string id = at == std::string::npos ? "" : uri.substr(at + 7, end == std::string::npos ? end : end - at - 7);
      std::optional<StoredFile> f = id.empty() ? std::nullopt : env.files().get(call.owner, id, env.clock().now());
      if (!f || !f->generated || f->mime_type != "video/mp4") {
        return invalid_argument("Video generation failed with the following error: instances[0].video.uri must be "
                                "a video this API generated.");
      }
    }
  }
  if (r.prompt.empty() && !inst.contains("image") && !inst.contains("video")) return veo_input_missing();

  if (call.body.contains("labels") && !call.vertex) return veo_field_not_supported("labels");
  const ojson params = call.body.value("parameters", ojson::object());
  if (!params.is_object()) return invalid_argument("Invalid value at 'parameters'.");
  for (auto it = params.begin(); it != params.end(); ++it) {
    const std::string& k = it.key();
    if (kVeoDeveloperParameters.count(k)) continue;
    if (kVeoVertexOnlyParameters.count(k)) {
      if (!call.vertex) return veo_field_not_supported(k);
      continue;
    }
    return invalid_argument("Invalid JSON payload received. Unknown name \"" + k + "\" at 'parameters': Cannot find field.");
  }
  const ojson count = params.value("sampleCount", ojson(1));
  if (!count.is_number_integer() || count.get<int64_t>() < 1 || count.get<int64_t>() > 4) {
    return veo_invalid_value("sampleCount", veo_json_text(count), "1 to 4");
  }
  r.count = count.get<int>();
  const ojson seconds = params.value("durationSeconds", ojson(8));
  if (!seconds.is_number_integer() || seconds.get<int64_t>() < 4 || seconds.get<int64_t>() > 8) {
    return veo_invalid_value("durationSeconds", veo_json_text(seconds), "4 to 8");
  }
  r.seconds = seconds.get<int>();
  const std::string ratio = veo_json_text(params.value("aspectRatio", ojson("16:9")));
  if (ratio != "16:9" && ratio != "9:16") return veo_invalid_value("aspectRatio", ratio, "16:9, 9:16");
  r.portrait = ratio == "9:16";
  const std::string resolution = veo_json_text(params.value("resolution", ojson("720p")));
  if (resolution != "720p" && resolution != "1080p") return veo_invalid_value("resolution", resolution, "720p, 1080p");
  if (params.contains("personGeneration")) {
    const std::string p = ascii_lower(veo_json_text(params["personGeneration"]));
    if (p != "dont_allow" && p != "allow_adult" && p != "allow_all") {
      return veo_invalid_value("personGeneration", veo_json_text(params["personGeneration"]),
                               "dont_allow, allow_adult, allow_all");
    }
  }
  if (params.contains("fps") && params["fps"] != 24) return veo_invalid_value("fps", veo_json_text(params["fps"]), "24");
  if (params.contains("storageUri")) {
    r.storage_uri = veo_json_text(params["storageUri"]);
    if (r.storage_uri.rfind("gs://", 0) != 0) return veo_invalid_value("storageUri", r.storage_uri, "gs://BUCKET/PATH");
    if (r.storage_uri.back() != '/') r.storage_uri += '/';
  }
  if (params.contains("seed")) r.seed = params["seed"].dump();
  r.fail = r.prompt.find(kVideoFailureTrigger) != std::string::npos;
  return r;
}

// Each second one solid frame, its colour drawn from the request.
std::string render_veo_video(std::uint64_t seed, const VeoRequest& r) {
  Mp4Video v;
  v.width = r.portrait ? 18 : 32;
  v.height = r.portrait ? 32 : 18;
  for (int i = 0; i < r.seconds; ++i) {
    const std::uint64_t h = TextGenerator::hash(std::to_string(i), seed);
    v.frames.push_back(Mp4Frame{static_cast<std::uint8_t>(32 + h % 190), static_cast<std::uint8_t>(40 + (h >> 8) % 176),
                                static_cast<std::uint8_t>(40 + (h >> 16) % 176)});
  }
  return encode_mp4(v);
}

ojson operation_json(const LongRunningOperation& op, bool done) {
  ojson j;
  j["name"] = op.name;
  if (!done) return j;
  j["done"] = true;
  if (!op.error.is_null()) {
    j["error"] = op.error;
  } else {
    j["response"] = op.response;
  }
  return j;
}

}  // namespace

void VideoMethods::predict_long_running(Response& res, const GeminiCall& call, const std::string& model_resource) {
  auto read = read_veo_request(env_, call);
  if (auto* e = std::get_if<GoogleError>(&read)) return send_error(res, *e);
  const VeoRequest& r = std::get<VeoRequest>(read);
  OperationStore& store = env_.operations();
  LongRunningOperation op;
  const std::string id = store.new_id(call.vertex);
  op.name = model_resource + "/operations/" + id;
  op.owner = call.owner;
  op.done_time = env_.clock().now() + kVideoGenerationTime;
  if (r.fail) {
    op.error = ojson{{"code", 13}, {"message", "Video generation failed due to an internal error. Please retry."}};
    op.response = nullptr;
    store.put(std::move(op));
    return send_json(res, ojson{{"name", model_resource + "/operations/" + id}});
  }
  // The bytes depend on what was asked, not on the operation's id.
  const std::string key = request_key(call.model, call.body);
  ojson samples = ojson::array();
  for (int i = 0; i < r.count; ++i) {
    const std::string mp4 = render_veo_video(TextGenerator::hash(key + "#" + std::to_string(i), env_.options().seed), r);
    if (call.vertex) {
      ojson v;
      if (!r.storage_uri.empty()) {
        v["gcsUri"] = r.storage_uri + id + "/sample_" + std::to_string(i) + ".mp4";
      } else {
        v["bytesBase64Encoded"] = base64_encode(mp4);
      }
      v["mimeType"] = "video/mp4";
      samples.push_back(std::move(v));
    } else {
      // The video is an ordinary file of the project (source GENERATED).
      std::optional<StoredFile> file = env_.files().put_generated(call.owner, "video/mp4", mp4, env_.clock().now());
      if (!file) return send_error(res, internal_error());
      samples.push_back(ojson{{"video", ojson{{"uri", env_.base_url() + "/" + call.version + "/files/" + file->id +
                                                          ":download?alt=media"}}}});
    }
  }
  if (call.vertex) {
    op.response = ojson{{"@type", "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse"},
                        {"raiMediaFilteredCount", 0},
                        {"videos", samples}};
  } else {
    op.response = ojson{{"@type", "type.googleapis.com/google.ai.generativelanguage." + call.version +
                                      ".PredictLongRunningResponse"},
                        {"generateVideoResponse", ojson{{"generatedSamples", samples}}}};
  }
  store.put(std::move(op));
  send_json(res, ojson{{"name", model_resource + "/operations/" + id}});
}

void VideoMethods::fetch_predict_operation(Response& res, const GeminiCall& call, const std::string& model_resource) {
  const ojson name = call.body.value("operationName", ojson());
  if (!name.is_string() || name.get<std::string>().empty()) {
    return send_error(res, invalid_argument("Invalid operation name: operationName is required."));
  }
  const std::string n = name.get<std::string>();
  // The operation must belong to the model in the URL.
  if (n.rfind(model_resource + "/operations/", 0) != 0) return send_error(res, operation_not_found(n));
  std::optional<LongRunningOperation> op = env_.operations().get(call.owner, n);
  if (!op) return send_error(res, operation_not_found(n));
  send_json(res, operation_json(*op, env_.clock().now() >= op->done_time));
}

void VideoMethods::get_operation(Response& res, const GeminiCall& call, const std::string& name) {
  std::optional<LongRunningOperation> op = env_.operations().get(call.owner, name);
  if (!op) return send_error(res, operation_not_found(name));
  send_json(res, operation_json(*op, env_.clock().now() >= op->done_time));
}

void register_video_routes(Router& router, ServerEnv& env) {
  struct Routes {
    explicit Routes(ServerEnv& e) : methods(e), videos(e) {}
    GeminiMethods methods;
    VideoMethods videos;
  };
  auto api = std::make_shared<Routes>(env);
  auto check = [](const std::string& version, const char* rpc) {
    AccessCheck c;
    c.service = kGenerativeLanguage;
    c.api_method = "google.ai.generativelanguage." + version + "." + rpc;
    return c;
  };
  router.get(R"(/(v1beta|v1)/(models/[^/:]+/operations/[^/:]+))", [api, check](const Request& req, Response& res) {
    GeminiCall call{req.matches[1], "", "getOperation", ojson(), false, {}};
    if (!api->methods.admit(req, res, check(call.version, "Operations.GetOperation"), &call)) return;
    api->videos.get_operation(res, call, req.matches[2]);
  });
}

}  // namespace genai::emulator
