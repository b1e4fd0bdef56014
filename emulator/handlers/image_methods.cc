// Image generation on both front ends: Imagen's :predict
// ({"instances":[{"prompt"}],"parameters":{...}} -> predictions[] of base64
// PNGs at Imagen's sizes) and the responseModalities check of
// generateContent. Requests are read as plain JSON, never with libgenai's
// types (see gemini_methods.h).
#include <algorithm>
#include <cctype>
#include <utility>
#include <variant>

#include "emulator/auth/crypto.h"
#include "emulator/backend/generator.h"
#include "emulator/backend/image_gen.h"
#include "emulator/backend/png.h"
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

namespace {

// The bytes and header of an image sent as {"bytesBase64Encoded": ...}; an
// error names `field` when it is missing, not base64 or not an image.
std::variant<std::pair<std::string, ImageHeader>, GoogleError> image_in(const ojson& image, const std::string& field) {
  const ojson b64 = image.is_object() ? image.value("bytesBase64Encoded", ojson()) : ojson();
  if (!b64.is_string()) return invalid_argument(field + ".bytesBase64Encoded is required.");
  std::optional<std::string> bytes = base64_decode(b64.get<std::string>());
  if (!bytes) return invalid_argument(field + ".bytesBase64Encoded is not valid base64.");
  std::optional<ImageHeader> header = read_image_header(*bytes);
  if (!header || header->width <= 0 || header->height <= 0) {
    return invalid_argument(field + " is not a PNG, JPEG, GIF or WebP image.");
  }
  return std::make_pair(std::move(*bytes), *header);
}

// A text parameter as the error about it should quote it: `fallback` when
// absent, the string when it is one, else its JSON (a number sent for an enum).
std::string text_param(const ojson& params, const char* key, const char* fallback) {
  const auto it = params.find(key);
  if (it == params.end()) return fallback;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// sampleCount: Imagen's default is four images, and 1 to 4 may be asked for
// (generate, edit and recontext alike).
std::variant<int, GoogleError> sample_count(const ojson& params) {
  const ojson count = params.value("sampleCount", ojson(4));
  if (!count.is_number_integer() || count.get<int64_t>() < 1 || count.get<int64_t>() > 4) {
    return imagen_sample_count(count.dump());
  }
  return static_cast<int>(count.get<int64_t>());
}

ojson png_prediction(const std::string& png) {
  return ojson{{"bytesBase64Encoded", base64_encode(png)}, {"mimeType", "image/png"}};
}

}  // namespace

// An edit: the image of the REFERENCE_TYPE_RAW reference redrawn at its own
// size, derived from its bytes, the prompt and the edit mode. Only the
// capability models edit, and only on Vertex AI.
void GeminiMethods::predict_edit(Response& res, const GeminiCall& call, const CatalogModel& m) {
  if (!call.vertex || std::string_view(m.id).find("capability") == std::string_view::npos) {
    return send_error(res, invalid_argument(std::string("Image editing is not supported by ") + m.id +
                                            (call.vertex ? "; use imagen-3.0-capability-001."
                                                         : " on the Gemini API; use Vertex AI.")));
  }
  const ojson& instance = call.body["instances"][0];
  const ojson prompt = instance.value("prompt", ojson());
  if (!prompt.is_string() || prompt.get<std::string>().empty()) return send_error(res, imagen_prompt_missing());
  const ojson params = call.body.value("parameters", ojson::object());
  const std::string mode = text_param(params, "editMode", "EDIT_MODE_DEFAULT");
  if (!one_of(mode, {"EDIT_MODE_DEFAULT", "EDIT_MODE_INPAINT_REMOVAL", "EDIT_MODE_INPAINT_INSERTION",
                     "EDIT_MODE_OUTPAINT", "EDIT_MODE_CONTROLLED_EDITING", "EDIT_MODE_STYLE", "EDIT_MODE_BGSWAP",
                     "EDIT_MODE_PRODUCT_IMAGE"})) {
    return send_error(res, invalid_enum_value("edit_mode", "EditMode", mode));
  }
  const ojson refs = instance.value("referenceImages", ojson());
  if (!refs.is_array() || refs.empty()) return send_error(res, invalid_argument("referenceImages must not be empty."));
  std::optional<std::pair<std::string, ImageHeader>> raw;
  bool has_mask = false;
  for (size_t i = 0; i < refs.size(); ++i) {
    const std::string field = "referenceImages[" + std::to_string(i) + "]";
    const ojson& ref = refs[i];
    const std::string type = ref.is_object() && ref.value("referenceType", ojson()).is_string()
                                 ? ref["referenceType"].get<std::string>()
                                 : "";
    if (!one_of(type, {"REFERENCE_TYPE_RAW", "REFERENCE_TYPE_MASK", "REFERENCE_TYPE_CONTROL", "REFERENCE_TYPE_STYLE",
                       "REFERENCE_TYPE_SUBJECT"})) {
      return send_error(res, invalid_enum_value(field + ".reference_type", "ReferenceType", type));
    }
    const std::string mask_mode = type == "REFERENCE_TYPE_MASK"
                                      ? ref.value("maskImageConfig", ojson::object()).value("maskMode", "")
                                      : "";
    const bool needs_image = type != "REFERENCE_TYPE_MASK" || mask_mode == "MASK_MODE_USER_PROVIDED";
    if (type == "REFERENCE_TYPE_MASK" &&
        !one_of(mask_mode, {"MASK_MODE_USER_PROVIDED", "MASK_MODE_BACKGROUND", "MASK_MODE_FOREGROUND",
                            "MASK_MODE_SEMANTIC"})) {
      return send_error(res, invalid_enum_value(field + ".mask_image_config.mask_mode", "MaskMode", mask_mode));
    }
    if (!needs_image) {
      has_mask = true;
      continue;
    }
    auto image = image_in(ref.value("referenceImage", ojson()), field + ".referenceImage");
    if (auto* e = std::get_if<GoogleError>(&image)) return send_error(res, *e);
    has_mask = has_mask || type == "REFERENCE_TYPE_MASK";
    if (type == "REFERENCE_TYPE_RAW" && !raw) raw = std::get<0>(std::move(image));
  }
  if (!raw) return send_error(res, invalid_argument("An edit needs a reference image of type REFERENCE_TYPE_RAW."));
  if ((mode == "EDIT_MODE_INPAINT_INSERTION" || mode == "EDIT_MODE_INPAINT_REMOVAL") && !has_mask) {
    return send_error(res, invalid_argument(mode + " needs a reference image of type REFERENCE_TYPE_MASK."));
  }
  auto count = sample_count(params);
  if (auto* e = std::get_if<GoogleError>(&count)) return send_error(res, *e);
  const ImageSize size{raw->second.width, raw->second.height};
  const std::string key = std::string(m.id) + "\nedit\n" + mode + "\n" + prompt.get<std::string>() + "\n" +
                          std::to_string(TextGenerator::hash(raw->first, 0));
  ojson predictions = ojson::array();
  for (int i = 0; i < std::get<int>(count); ++i) {
    predictions.push_back(png_prediction(render_png(TextGenerator::hash(key + "#" + std::to_string(i), env_.options().seed), size)));
  }
  send_json(res, ojson{{"predictions", std::move(predictions)}});
}

// An upscale: one image of the input's size times the factor (Imagen's
// output limit is 17 megapixels), on Vertex AI.
void GeminiMethods::predict_upscale(Response& res, const GeminiCall& call, const CatalogModel& m) {
  if (!call.vertex) return send_error(res, invalid_argument("Image upscaling is only supported on Vertex AI."));
  const ojson params = call.body.value("parameters", ojson::object());
  const std::string factor = params.value("upscaleConfig", ojson::object()).value("upscaleFactor", "");
  if (factor != "x2" && factor != "x4") {
    return send_error(res, invalid_argument("upscaleConfig.upscaleFactor must be \"x2\" or \"x4\", got \"" + factor + "\"."));
  }
  auto image = image_in(call.body["instances"][0].value("image", ojson()), "instances[0].image");
  if (auto* e = std::get_if<GoogleError>(&image)) return send_error(res, *e);
  const auto& [bytes, header] = std::get<0>(image);
  const int64_t scale = factor == "x2" ? 2 : 4;
  const ImageSize size{static_cast<int>(header.width * scale), static_cast<int>(header.height * scale)};
  constexpr int64_t kMaxOutputPixels = 17'000'000;
  if (static_cast<int64_t>(size.width) * size.height > kMaxOutputPixels) {
    return send_error(res, invalid_argument("The upscaled image would be " + std::to_string(size.width) + "x" +
                                            std::to_string(size.height) +
                                            ", over the 17 megapixel limit; upscale a smaller image or use x2."));
  }
  const std::string key = std::string(m.id) + "\nupscale\n" + factor + "\n" + std::to_string(TextGenerator::hash(bytes, 0));
  send_json(res, ojson{{"predictions", ojson::array({png_prediction(render_png(TextGenerator::hash(key, env_.options().seed), size))})}});
}

// Product recontext: the products (1 to 3) drawn into a new scene, 1024x1024,
// derived from the products, the person and the prompt.
void GeminiMethods::predict_recontext(Response& res, const GeminiCall& call, const CatalogModel& m) {
  if (!call.vertex || std::string_view(m.id).find("recontext") == std::string_view::npos) {
    return send_error(res, invalid_argument(std::string("Product recontext is not supported by ") + m.id +
                                            (call.vertex ? "; use imagen-product-recontext-preview-06-30."
                                                         : " on the Gemini API; use Vertex AI.")));
  }
  const ojson& instance = call.body["instances"][0];
  const ojson products = instance.value("productImages", ojson());
  if (!products.is_array() || products.empty() || products.size() > 3) {
    return send_error(res, invalid_argument("productImages must hold 1 to 3 images."));
  }
  std::string key = std::string(m.id) + "\nrecontext\n" + instance.value("prompt", "");
  for (size_t i = 0; i < products.size(); ++i) {
    auto image = image_in(products[i].value("image", ojson()), "productImages[" + std::to_string(i) + "].image");
    if (auto* e = std::get_if<GoogleError>(&image)) return send_error(res, *e);
    key += "\n" + std::to_string(TextGenerator::hash(std::get<0>(image).first, 0));
  }
  if (instance.contains("personImage")) {
    auto person = image_in(instance["personImage"].value("image", ojson()), "personImage.image");
    if (auto* e = std::get_if<GoogleError>(&person)) return send_error(res, *e);
    key += "\nperson " + std::to_string(TextGenerator::hash(std::get<0>(person).first, 0));
  }
  auto count = sample_count(call.body.value("parameters", ojson::object()));
  if (auto* e = std::get_if<GoogleError>(&count)) return send_error(res, *e);
  ojson predictions = ojson::array();
  for (int i = 0; i < std::get<int>(count); ++i) {
    predictions.push_back(png_prediction(
        render_png(TextGenerator::hash(key + "#" + std::to_string(i), env_.options().seed), ImageSize{1024, 1024})));
  }
  send_json(res, ojson{{"predictions", std::move(predictions)}});
}

// Segmentation: maxPredictions masks (default 1) at the image's size, each
// labelled; PROMPT needs a prompt, INTERACTIVE a scribble.
void GeminiMethods::predict_segment(Response& res, const GeminiCall& call, const CatalogModel& m) {
  if (!call.vertex) return send_error(res, invalid_argument("Image segmentation is only supported on Vertex AI."));
  const ojson& instance = call.body["instances"][0];
  const ojson params = call.body.value("parameters", ojson::object());
  const std::string mode = text_param(params, "mode", "FOREGROUND");
  if (!one_of(mode, {"FOREGROUND", "BACKGROUND", "PROMPT", "SEMANTIC", "INTERACTIVE"})) {
    return send_error(res, invalid_enum_value("mode", "SegmentMode", mode));
  }
  auto image = image_in(instance.value("image", ojson()), "image");
  if (auto* e = std::get_if<GoogleError>(&image)) return send_error(res, *e);
  const std::string prompt = instance.value("prompt", "");
  if ((mode == "PROMPT" || mode == "SEMANTIC") && prompt.empty()) {
    return send_error(res, invalid_argument("Mode " + mode + " needs a prompt naming what to segment."));
  }
  if (mode == "INTERACTIVE") {
    auto scribble = image_in(instance.value("scribble", ojson::object()).value("image", ojson()), "scribble.image");
    if (auto* e = std::get_if<GoogleError>(&scribble)) return send_error(res, *e);
  }
  const ojson max = params.value("maxPredictions", ojson(1));
  if (!max.is_number_integer() || max.get<int64_t>() < 1 || max.get<int64_t>() > 10) {
    return send_error(res, invalid_argument("maxPredictions must be between 1 and 10, got " + max.dump() + "."));
  }
  const auto& [bytes, header] = std::get<0>(image);
  const std::string label = mode == "PROMPT" || mode == "SEMANTIC" ? prompt : ascii_lower(mode);
  const std::string key = std::string(m.id) + "\nsegment\n" + mode + "\n" + prompt + "\n" +
                          std::to_string(TextGenerator::hash(bytes, 0));
  ojson predictions = ojson::array();
  for (int64_t i = 0; i < max.get<int64_t>(); ++i) {
    ojson p = png_prediction(render_png(TextGenerator::hash(key + "#" + std::to_string(i), env_.options().seed),
                                        ImageSize{header.width, header.height}));
    p["labels"] = ojson::array({ojson{{"label", label}, {"score", 0.95 - 0.05 * static_cast<double>(i)}}});
    predictions.push_back(std::move(p));
  }
  send_json(res, ojson{{"predictions", std::move(predictions)}});
}

void GeminiMethods::predict_images(Response& res, const GeminiCall& call, const CatalogModel& m) {
  const ojson instances = call.body.value("instances", ojson());
  if (!instances.is_array() || instances.empty() || !instances[0].is_object()) return send_error(res, imagen_prompt_missing());
  if (std::string_view(m.id).find("segmentation") != std::string_view::npos) return predict_segment(res, call, m);
  if (instances[0].contains("productImages")) return predict_recontext(res, call, m);
  if (call.body.value("parameters", ojson::object()).value("mode", "") == "upscale") return predict_upscale(res, call, m);
  if (instances[0].contains("referenceImages")) return predict_edit(res, call, m);
  const ojson prompt_json = instances[0].value("prompt", ojson());
  if (!prompt_json.is_string() || prompt_json.get<std::string>().empty()) return send_error(res, imagen_prompt_missing());
  const std::string prompt = prompt_json.get<std::string>();
  const ojson params = call.body.value("parameters", ojson::object());

  auto count = sample_count(params);
  if (auto* e = std::get_if<GoogleError>(&count)) return send_error(res, *e);
  const std::string ratio = text_param(params, "aspectRatio", "1:1");
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
  for (int i = 0; i < std::get<int>(count); ++i) {
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
