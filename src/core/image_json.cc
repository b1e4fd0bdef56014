#include "core/image_json.h"

#include <exception>

#include "core/base64.h"
#include "core/errors.h"

namespace genai::internal {

using nlohmann::json;

Error vertex_only(const char* field) { return backend_only_field(field, true); }

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

namespace {

// python-genai's _Image_to_vertex.
json image_json(const Image& image) {
  json j = json::object();
  if (!image.image_bytes.empty()) j["bytesBase64Encoded"] = base64_encode(image.image_bytes);
  if (image.gcs_uri) j["gcsUri"] = *image.gcs_uri;
  if (!image.mime_type.empty()) j["mimeType"] = image.mime_type;
  return j;
}

json reference_json(const ReferenceImage& r) {
  json j = {{"referenceType", r.reference_type}, {"referenceId", r.reference_id}};
  if (r.reference_image) j["referenceImage"] = image_json(*r.reference_image);
  if (const auto& m = r.mask_image_config) {
    json c = json::object();
    if (m->mask_mode) c["maskMode"] = *m->mask_mode;
    if (!m->segmentation_classes.empty()) c["maskClasses"] = m->segmentation_classes;
    if (m->mask_dilation) c["dilation"] = *m->mask_dilation;
    j["maskImageConfig"] = std::move(c);
  }
  if (const auto& c = r.control_image_config) {
    json k = json::object();
    if (c->control_type) k["controlType"] = *c->control_type;
    if (c->enable_control_image_computation) k["enableControlImageComputation"] = *c->enable_control_image_computation;
    j["controlImageConfig"] = std::move(k);
  }
  if (const auto& st = r.style_image_config) {
    json k = json::object();
    if (st->style_description) k["styleDescription"] = *st->style_description;
    j["styleImageConfig"] = std::move(k);
  }
  if (const auto& su = r.subject_image_config) {
    json k = json::object();
    if (su->subject_type) k["subjectType"] = *su->subject_type;
    if (su->subject_description) k["subjectDescription"] = *su->subject_description;
    j["subjectImageConfig"] = std::move(k);
  }
  return j;
}

// The output fields generate, edit, upscale and recontext share.
template <typename Config>
void put_output_options(json& params, const Config& c) {
  if (c.output_gcs_uri) params["storageUri"] = *c.output_gcs_uri;
  if (c.safety_filter_level) params["safetySetting"] = *c.safety_filter_level;
  if (c.person_generation) params["personGeneration"] = *c.person_generation;
  if (c.output_mime_type) params["outputOptions"]["mimeType"] = *c.output_mime_type;
  if (c.output_compression_quality) params["outputOptions"]["compressionQuality"] = *c.output_compression_quality;
}

// The sampling fields generate and edit share.
template <typename Config>
void put_generation_options(json& params, const Config& c) {
  if (c.negative_prompt) params["negativePrompt"] = *c.negative_prompt;
  if (c.number_of_images) params["sampleCount"] = *c.number_of_images;
  if (c.aspect_ratio) params["aspectRatio"] = *c.aspect_ratio;
  if (c.guidance_scale) params["guidanceScale"] = *c.guidance_scale;
  if (c.seed) params["seed"] = *c.seed;
  if (c.include_safety_attributes) params["includeSafetyAttributes"] = *c.include_safety_attributes;
  if (c.include_rai_reason) params["includeRaiReason"] = *c.include_rai_reason;
  if (c.language) params["language"] = *c.language;
  if (c.add_watermark) params["addWatermark"] = *c.add_watermark;
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
  put_output_options(params, c);
  put_generation_options(params, c);
  if (c.image_size) params["sampleImageSize"] = *c.image_size;
  if (c.enhance_prompt) params["enhancePrompt"] = *c.enhance_prompt;
  json body = {{"instances", json::array({json{{"prompt", std::string(prompt)}}})}, {"parameters", params}};
  if (!c.labels.empty()) body["labels"] = c.labels;
  return body;
}


Result<json> edit_image_request_body(std::string_view prompt, const std::vector<ReferenceImage>& references,
                                     const EditImageConfig& c) {
  if (references.empty()) {
    return invalid_argument("an edit needs at least one reference image",
                            "Pass the image to edit as ReferenceImage::raw(1, image).");
  }
  json refs = json::array();
  for (const ReferenceImage& r : references) {
    if (r.reference_type.empty()) {
      return invalid_argument("reference image " + std::to_string(r.reference_id) + " has no reference_type",
                              "Build it with ReferenceImage::raw, mask, control, style or subject.");
    }
    refs.push_back(reference_json(r));
  }
  json params = json::object();
  put_output_options(params, c);
  put_generation_options(params, c);
  if (c.edit_mode) params["editMode"] = *c.edit_mode;
  if (c.base_steps) params["editConfig"]["baseSteps"] = *c.base_steps;
  json body = {{"instances", json::array({json{{"prompt", std::string(prompt)}, {"referenceImages", std::move(refs)}}})},
               {"parameters", std::move(params)}};
  if (!c.labels.empty()) body["labels"] = c.labels;
  return body;
}

Result<json> upscale_image_request_body(const Image& image, std::string_view factor, const UpscaleImageConfig& c) {
  if (factor != "x2" && factor != "x4") {
    return invalid_argument("the upscale factor must be \"x2\" or \"x4\"", "Pass \"x2\" or \"x4\".");
  }
  if (image.image_bytes.empty() && !image.gcs_uri) {
    return invalid_argument("the image to upscale is empty", "Load it with Image::from_file.");
  }
  json params = json::object();
  put_output_options(params, c);
  if (c.include_rai_reason) params["includeRaiReason"] = *c.include_rai_reason;
  if (c.enhance_input_image) params["upscaleConfig"]["enhanceInputImage"] = *c.enhance_input_image;
  if (c.image_preservation_factor) params["upscaleConfig"]["imagePreservationFactor"] = *c.image_preservation_factor;
  params["upscaleConfig"]["upscaleFactor"] = std::string(factor);
  params["mode"] = "upscale";
  params["sampleCount"] = 1;
  json body = {{"instances", json::array({json{{"image", image_json(image)}}})}, {"parameters", std::move(params)}};
  if (!c.labels.empty()) body["labels"] = c.labels;
  return body;
}

Result<json> recontext_image_request_body(const RecontextImageSource& source, const RecontextImageConfig& c) {
  if (source.product_images.empty()) {
    return invalid_argument("recontext_image needs at least one product image",
                            "Put 1 to 3 images of the product in RecontextImageSource::product_images.");
  }
  json instance = json::object();
  if (source.prompt) instance["prompt"] = *source.prompt;
  if (source.person_image) instance["personImage"]["image"] = image_json(*source.person_image);
  for (const Image& product : source.product_images) instance["productImages"].push_back({{"image", image_json(product)}});
  json params = json::object();
  put_output_options(params, c);
  if (c.number_of_images) params["sampleCount"] = *c.number_of_images;
  if (c.base_steps) params["baseSteps"] = *c.base_steps;
  if (c.seed) params["seed"] = *c.seed;
  if (c.add_watermark) params["addWatermark"] = *c.add_watermark;
  if (c.enhance_prompt) params["enhancePrompt"] = *c.enhance_prompt;
  json body = {{"instances", json::array({std::move(instance)})}, {"parameters", std::move(params)}};
  if (!c.labels.empty()) body["labels"] = c.labels;
  return body;
}

Result<json> segment_image_request_body(const SegmentImageSource& source, const SegmentImageConfig& c) {
  if (!source.image) return invalid_argument("segment_image needs an image", "Set SegmentImageSource::image.");
  json instance = {{"image", image_json(*source.image)}};
  if (source.prompt) instance["prompt"] = *source.prompt;
  if (source.scribble_image) instance["scribble"]["image"] = image_json(*source.scribble_image);
  json params = json::object();
  if (c.mode) params["mode"] = *c.mode;
  if (c.max_predictions) params["maxPredictions"] = *c.max_predictions;
  if (c.confidence_threshold) params["confidenceThreshold"] = *c.confidence_threshold;
  if (c.mask_dilation) params["maskDilation"] = *c.mask_dilation;
  if (c.binary_color_threshold) params["binaryColorThreshold"] = *c.binary_color_threshold;
  json body = {{"instances", json::array({std::move(instance)})}, {"parameters", std::move(params)}};
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

Result<SegmentImageResponse> parse_segment_image_response(json j) {
  SegmentImageResponse r;
  try {
    if (!j.is_object()) throw std::invalid_argument("not a JSON object");
    for (const json& p : j.value("predictions", json::array())) {
      if (!p.is_object()) throw std::invalid_argument("a prediction is not an object");
      GeneratedImageMask m;
      if (p.contains("bytesBase64Encoded")) {
        std::optional<std::string> bytes = base64_decode(p["bytesBase64Encoded"].get<std::string>());
        if (!bytes) throw std::invalid_argument("bytesBase64Encoded is not base64");
        m.mask = Image{std::move(*bytes), p.value("mimeType", ""), std::nullopt};
      }
      for (const json& l : p.value("labels", json::array())) {
        EntityLabel label;
        if (l.contains("label")) label.label = l["label"].get<std::string>();
        if (l.contains("score")) label.score = l["score"].get<double>();
        m.labels.push_back(std::move(label));
      }
      r.generated_masks.push_back(std::move(m));
    }
  } catch (const std::exception& e) {
    return unexpected_response(std::string("unexpected predict (segmentation) response shape: ") + e.what());
  }
  r.raw = std::move(j);
  return r;
}

}  // namespace genai::internal

namespace genai {

namespace {
ReferenceImage reference(const char* type, int id, std::optional<Image> image) {
  ReferenceImage r;
  r.reference_type = type;
  r.reference_id = id;
  r.reference_image = std::move(image);
  return r;
}
}  // namespace

ReferenceImage ReferenceImage::raw(int id, Image image) { return reference("REFERENCE_TYPE_RAW", id, std::move(image)); }

ReferenceImage ReferenceImage::mask(int id, MaskReferenceConfig config, std::optional<Image> image) {
  ReferenceImage r = reference("REFERENCE_TYPE_MASK", id, std::move(image));
  r.mask_image_config = std::move(config);
  return r;
}

ReferenceImage ReferenceImage::control(int id, Image image, ControlReferenceConfig config) {
  ReferenceImage r = reference("REFERENCE_TYPE_CONTROL", id, std::move(image));
  r.control_image_config = std::move(config);
  return r;
}

ReferenceImage ReferenceImage::style(int id, Image image, StyleReferenceConfig config) {
  ReferenceImage r = reference("REFERENCE_TYPE_STYLE", id, std::move(image));
  r.style_image_config = std::move(config);
  return r;
}

ReferenceImage ReferenceImage::subject(int id, Image image, SubjectReferenceConfig config) {
  ReferenceImage r = reference("REFERENCE_TYPE_SUBJECT", id, std::move(image));
  r.subject_image_config = std::move(config);
  return r;
}

}  // namespace genai
