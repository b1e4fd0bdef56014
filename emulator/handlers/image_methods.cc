// Image generation on both front ends: Imagen's :predict
// ({"instances":[{"prompt"}],"parameters":{...}} -> predictions[] of base64
// PNGs at Imagen's sizes) and the responseModalities check of
// generateContent. Requests are read as plain JSON, never with libgenai's
// types (see gemini_methods.h).
#include <algorithm>
#include <cctype>

#include "emulator/auth/crypto.h"
#include "emulator/backend/generator.h"
#include "emulator/backend/image_gen.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/common/env.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The safety scores Imagen reports with includeSafetyAttributes: all zero here.
ojson safety_attributes(std::initializer_list<const char*> categories) {
  ojson a;
  a["categories"] = ojson::array();
  a["scores"] = ojson::array();
  for (const char* c : categories) {
    a["categories"].push_back(c);
    a["scores"].push_back(0);
  }
  return a;
}

}  // namespace

std::optional<GoogleError> check_response_modalities(const ojson& body, const CatalogModel* m) {
  const ojson gc = body.value("generationConfig", ojson::object());
  const bool tts = m && m->audio_output;
  // A TTS model answers only with speech: no modalities is TEXT, refused.
  if (!gc.contains("responseModalities")) {
    return tts ? std::optional<GoogleError>(unsupported_response_modalities("text")) : std::nullopt;
  }
  std::vector<std::string> unsupported;
  bool text = false;
  bool image = false;
  for (const ojson& v : gc["responseModalities"]) {
    const std::string name = v.is_string() ? ascii_lower(v.get<std::string>()) : v.dump();
    text = text || name == "text";
    image = image || name == "image";
    const bool ok = (name == "text" && !tts) || (name == "image" && m && m->image_output) || (name == "audio" && tts);
    if (!ok) unsupported.push_back(name);
  }
  // The 2.0 preview image model answers only with text and images together.
  if (image && !text && m && std::string(m->id).find("preview-image-generation") != std::string::npos) {
    unsupported.push_back("image");
  }
  if (unsupported.empty()) return std::nullopt;
  std::string list;
  for (const std::string& u : unsupported) list += (list.empty() ? "" : ", ") + u;
  return unsupported_response_modalities(list);
}

std::optional<GoogleError> check_image_config(const ojson& body, const CatalogModel* m) {
  if (!m || !m->image_output) return std::nullopt;  // text models ignore it
  const ojson ratio =
      body.value("generationConfig", ojson::object()).value("imageConfig", ojson::object()).value("aspectRatio", ojson());
  if (ratio.is_null() || (ratio.is_string() && gemini_image_size(ratio.get<std::string>()))) return std::nullopt;
  return gemini_aspect_ratio_invalid(ratio.is_string() ? ratio.get<std::string>() : ratio.dump());
}

void GeminiMethods::predict_images(Response& res, const GeminiCall& call, const CatalogModel& m) {
  const ojson instances = call.body.value("instances", ojson());
  if (!instances.is_array() || instances.empty() || !instances[0].is_object()) return send_error(res, imagen_prompt_missing());
  const ojson prompt_json = instances[0].value("prompt", ojson());
  if (!prompt_json.is_string() || prompt_json.get<std::string>().empty()) return send_error(res, imagen_prompt_missing());
  const std::string prompt = prompt_json.get<std::string>();
  const ojson params = call.body.value("parameters", ojson::object());

  // Imagen's default is four images.
  const ojson count = params.value("sampleCount", ojson(4));
  if (!count.is_number_integer() || count.get<int64_t>() < 1 || count.get<int64_t>() > 4) {
    return send_error(res, imagen_sample_count(count.dump()));
  }
  const std::string ratio = params.value("aspectRatio", ojson("1:1")).is_string()
                                ? params.value("aspectRatio", std::string("1:1"))
                                : params["aspectRatio"].dump();
  const std::optional<ImageSize> size = imagen_size(ratio);
  if (!size) return send_error(res, imagen_aspect_ratio(ratio, imagen_aspect_ratios()));
  const std::string mime = params.value("outputOptions", ojson::object()).value("mimeType", "image/png");
  if (mime != "image/png") return send_error(res, imagen_output_mime_type(mime));
  // Vertex AI watermarks by default, and a seed needs the watermark off.
  if (call.vertex && params.contains("seed") && params.value("addWatermark", true)) {
    return send_error(res, imagen_seed_with_watermark());
  }

  const bool safety = params.value("includeSafetyAttributes", false);
  const bool enhance = call.vertex && params.value("enhancePrompt", true);
  const std::string key = std::string(m.id) + "\n" + prompt + "\n" + params.value("negativePrompt", "") + "\n" +
                          (params.contains("seed") ? params["seed"].dump() : "");
  ojson predictions = ojson::array();
  for (int64_t i = 0; i < count.get<int64_t>(); ++i) {
    ojson p;
    p["bytesBase64Encoded"] = base64_encode(render_png(TextGenerator::hash(key + "#" + std::to_string(i), env_.options().seed), *size));
    p["mimeType"] = "image/png";
    if (enhance) p["prompt"] = "A detailed, high-quality image of " + prompt;
    if (safety) p["safetyAttributes"] = safety_attributes({"Porn", "Violence"});
    predictions.push_back(std::move(p));
  }
  if (safety) {
    predictions.push_back(ojson{{"contentType", "Positive Prompt"},
                                {"safetyAttributes", safety_attributes({"Death, Harm & Tragedy", "Firearms & Weapons",
                                                                        "Hate", "Health", "Illicit Drugs", "Politics",
                                                                        "Porn", "Religion & Belief", "Toxic",
                                                                        "Violence", "Vulgarity", "War & Conflict"})}});
  }
  send_json(res, ojson{{"predictions", predictions}});
}

}  // namespace genai::emulator
