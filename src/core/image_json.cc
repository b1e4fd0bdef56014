#include "core/image_json.h"

#include <exception>

#include "core/base64.h"
#include "core/errors.h"

namespace genai::internal {

using nlohmann::json;

Error vertex_only(const char* field) {
  return invalid_argument(std::string(field) + " is only supported on Vertex AI, not on the Gemini Developer API",
                          std::string("Leave ") + field + " unset, or use Vertex AI (ClientOptions::vertexai).");
}

namespace {

SafetyAttributes safety_attributes_of(const json& p) {
  SafetyAttributes s;
  const json attrs = p.value("safetyAttributes", json::object());
  if (attrs.contains("categories") && attrs["categories"].is_array()) {
    s.categories = attrs["categories"].get<std::vector<std::string>>();
  }
  if (attrs.contains("scores") && attrs["scores"].is_array()) s.scores = attrs["scores"].get<std::vector<double>>();
  if (p.contains("contentType") && p["contentType"].is_string()) s.content_type = p["contentType"].get<std::string>();
  return s;
}

}  // namespace

Result<json> generate_images_request_body(bool vertexai, std::string_view prompt, const GenerateImagesConfig& c) {
  if (prompt.empty()) return invalid_argument("the prompt is empty", "Describe the image to generate.");
  if (!vertexai) {
    if (c.output_gcs_uri) return vertex_only("output_gcs_uri");
    if (c.negative_prompt) return vertex_only("negative_prompt");
    if (c.seed) return vertex_only("seed");
    if (c.add_watermark) return vertex_only("add_watermark");
    if (!c.labels.empty()) return vertex_only("labels");
    if (c.enhance_prompt) return vertex_only("enhance_prompt");
    if (c.person_generation == "ALLOW_ALL") return vertex_only("person_generation ALLOW_ALL");
    if (c.safety_filter_level == "BLOCK_NONE") return vertex_only("safety_filter_level BLOCK_NONE");
  }
  json params = json::object();
  if (c.output_gcs_uri) params["storageUri"] = *c.output_gcs_uri;
  if (c.negative_prompt) params["negativePrompt"] = *c.negative_prompt;
  if (c.number_of_images) params["sampleCount"] = *c.number_of_images;
  if (c.aspect_ratio) params["aspectRatio"] = *c.aspect_ratio;
  if (c.guidance_scale) params["guidanceScale"] = *c.guidance_scale;
  if (c.seed) params["seed"] = *c.seed;
  if (c.safety_filter_level) params["safetySetting"] = *c.safety_filter_level;
  if (c.person_generation) params["personGeneration"] = *c.person_generation;
  if (c.include_safety_attributes) params["includeSafetyAttributes"] = *c.include_safety_attributes;
  if (c.include_rai_reason) params["includeRaiReason"] = *c.include_rai_reason;
  if (c.language) params["language"] = *c.language;
  if (c.output_mime_type) params["outputOptions"]["mimeType"] = *c.output_mime_type;
  if (c.output_compression_quality) params["outputOptions"]["compressionQuality"] = *c.output_compression_quality;
  if (c.add_watermark) params["addWatermark"] = *c.add_watermark;
  if (c.image_size) params["sampleImageSize"] = *c.image_size;
  if (c.enhance_prompt) params["enhancePrompt"] = *c.enhance_prompt;
  json body = {{"instances", json::array({json{{"prompt", std::string(prompt)}}})}, {"parameters", params}};
  if (!c.labels.empty()) body["labels"] = c.labels;
  return body;
}

Result<GenerateImagesResponse> parse_generate_images_response(json j) {
  GenerateImagesResponse r;
  try {
    if (!j.is_object()) throw std::invalid_argument("not a JSON object");
    for (const json& p : j.value("predictions", json::array())) {
      if (!p.is_object()) throw std::invalid_argument("a prediction is not an object");
      if (p.value("contentType", "") == "Positive Prompt") {
        r.positive_prompt_safety_attributes = safety_attributes_of(p);
        continue;
      }
      GeneratedImage g;
      if (p.contains("bytesBase64Encoded") || p.contains("gcsUri")) {
        Image image;
        image.mime_type = p.value("mimeType", "");
        if (p.contains("bytesBase64Encoded")) {
          std::optional<std::string> bytes = base64_decode(p["bytesBase64Encoded"].get<std::string>());
          if (!bytes) throw std::invalid_argument("bytesBase64Encoded is not base64");
          image.image_bytes = std::move(*bytes);
        }
        if (p.contains("gcsUri")) image.gcs_uri = p["gcsUri"].get<std::string>();
        g.image = std::move(image);
      }
      if (p.contains("raiFilteredReason")) g.rai_filtered_reason = p["raiFilteredReason"].get<std::string>();
      if (p.contains("safetyAttributes")) g.safety_attributes = safety_attributes_of(p);
      if (p.contains("prompt")) g.enhanced_prompt = p["prompt"].get<std::string>();
      r.generated_images.push_back(std::move(g));
    }
  } catch (const std::exception& e) {
    // As parse_guarded in json_types.cc: a response of the wrong shape.
    return unexpected_response(std::string("unexpected predict response shape: ") + e.what());
  }
  r.raw = std::move(j);
  return r;
}

}  // namespace genai::internal
