// Images and media files: genai::Image (bytes + MIME type) that saves itself
// atomically, the types of Imagen's generate_images (names as python-genai's
// GenerateImagesConfig / GeneratedImage), and MIME detection from content.
//
//   genai::GenerateImagesConfig cfg;
//   cfg.number_of_images = 2;
//   cfg.aspect_ratio = "16:9";
//   auto r = client.models().generate_images("imagen-4.0-generate-001", "A lighthouse at dusk", cfg);
//   for (const auto& g : r.value().generated_images) g.image->save("lighthouse.png").value();
//
//   genai::Result<genai::Image> photo = genai::Image::from_file("cat.jpg");   // MIME from the bytes
//   std::string mime = genai::detect_mime_type(bytes);                       // "image/png", ...
#ifndef GENAI_IMAGE_H_
#define GENAI_IMAGE_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/options.h"
#include "genai/raw_json.h"
#include "genai/result.h"

namespace genai {

// Google's documented limit for data sent inline in one request (larger files
// go through the Files API and are referenced with Part::from_uri).
inline constexpr std::size_t kMaxInlineDataBytes = 20u * 1024u * 1024u;

// The MIME type of `bytes` judged from their content (magic numbers): PNG,
// JPEG, GIF, WebP, HEIC/HEIF, PDF, WAV, MP3, FLAC, OGG, MP4, MOV, WebM, and
// "text/plain" for valid UTF-8 text without control characters; otherwise
// "application/octet-stream". The file name is never consulted.
std::string detect_mime_type(std::string_view bytes);

// Raw image bytes (not base64) with their MIME type, as python-genai's types.Image.
struct Image {
  std::string image_bytes;
  std::string mime_type;                 // "image/png", "image/jpeg", ...
  std::optional<std::string> gcs_uri;    // Vertex AI with output_gcs_uri: the bytes stay in Cloud Storage

  // Reads an image file; the MIME type is detected from the content unless
  // `mime_type` is given. Errors name the path: missing, unreadable, a
  // directory, or larger than kMaxInlineDataBytes.
  static Result<Image> from_file(const std::string& path, std::string_view mime_type = {});

  // Writes the bytes to `path` atomically: a temporary file in the same
  // directory, flushed, then renamed over `path`, so a reader never sees a
  // partial file and a failure leaves nothing behind. With overwrite=false an
  // existing `path` is an error (checked atomically, no race). Mode 0644.
  Result<void> save(const std::string& path, bool overwrite = true) const;

  bool operator==(const Image&) const = default;
};

// Imagen request options; unset fields are not sent. Names and wire mapping
// as python-genai (GenerateImagesConfig -> "parameters" of :predict).
struct GenerateImagesConfig {
  std::optional<std::string> output_gcs_uri;        // Vertex AI only ("storageUri")
  std::optional<std::string> negative_prompt;       // Vertex AI only
  std::optional<int> number_of_images;              // "sampleCount", 1-4
  std::optional<std::string> aspect_ratio;          // "1:1", "3:4", "4:3", "9:16", "16:9"
  std::optional<double> guidance_scale;
  std::optional<int> seed;                          // Vertex AI only; not with add_watermark
  std::optional<std::string> safety_filter_level;   // "BLOCK_LOW_AND_ABOVE", ... ("safetySetting")
  std::optional<std::string> person_generation;     // "DONT_ALLOW", "ALLOW_ADULT", "ALLOW_ALL"
  std::optional<bool> include_safety_attributes;
  std::optional<bool> include_rai_reason;
  std::optional<std::string> language;              // "auto", "en", "ja", ...
  std::optional<std::string> output_mime_type;      // "image/png", "image/jpeg"
  std::optional<int> output_compression_quality;    // JPEG only
  std::optional<bool> add_watermark;                // Vertex AI only
  std::map<std::string, std::string> labels;        // Vertex AI only
  std::optional<std::string> image_size;            // "1K", "2K" ("sampleImageSize")
  std::optional<bool> enhance_prompt;               // Vertex AI only

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  bool operator==(const GenerateImagesConfig&) const = default;
};

struct SafetyAttributes {
  std::vector<std::string> categories;
  std::vector<double> scores;
  std::optional<std::string> content_type;  // "Positive Prompt" for the prompt's own entry
};

struct GeneratedImage {
  std::optional<Image> image;                      // absent when filtered out
  std::optional<std::string> rai_filtered_reason;  // why it was filtered (include_rai_reason)
  std::optional<SafetyAttributes> safety_attributes;
  std::optional<std::string> enhanced_prompt;      // Vertex AI: the rewritten prompt
};

struct GenerateImagesResponse {
  std::vector<GeneratedImage> generated_images;
  std::optional<SafetyAttributes> positive_prompt_safety_attributes;
  RawJson raw;  // as received (the base64 left in place)
};

// ---- Editing and upscaling (Vertex AI only, as in python-genai) -------------

// How a mask reference image is made (python-genai's MaskReferenceConfig).
struct MaskReferenceConfig {
  // "MASK_MODE_USER_PROVIDED" (the reference's own image is the mask),
  // "MASK_MODE_BACKGROUND", "MASK_MODE_FOREGROUND", "MASK_MODE_SEMANTIC".
  std::optional<std::string> mask_mode;
  std::vector<int> segmentation_classes;  // MASK_MODE_SEMANTIC: the classes to mask
  std::optional<double> mask_dilation;    // 0 to 1, of the image width
  bool operator==(const MaskReferenceConfig&) const = default;
};

struct ControlReferenceConfig {
  std::optional<std::string> control_type;  // "CONTROL_TYPE_SCRIBBLE", "CONTROL_TYPE_CANNY", "CONTROL_TYPE_FACE_MESH"
  std::optional<bool> enable_control_image_computation;
  bool operator==(const ControlReferenceConfig&) const = default;
};

struct StyleReferenceConfig {
  std::optional<std::string> style_description;
  bool operator==(const StyleReferenceConfig&) const = default;
};

struct SubjectReferenceConfig {
  std::optional<std::string> subject_type;  // "SUBJECT_TYPE_PERSON", "SUBJECT_TYPE_ANIMAL", "SUBJECT_TYPE_PRODUCT", ...
  std::optional<std::string> subject_description;
  bool operator==(const SubjectReferenceConfig&) const = default;
};

// One image an edit refers to, python-genai's RawReferenceImage,
// MaskReferenceImage, ControlReferenceImage, StyleReferenceImage and
// SubjectReferenceImage in one type; build it with the constructor of its
// kind. The prompt refers to a reference as [id].
struct ReferenceImage {
  std::string reference_type;  // "REFERENCE_TYPE_RAW", "REFERENCE_TYPE_MASK", ...
  int reference_id = 0;
  std::optional<Image> reference_image;
  std::optional<MaskReferenceConfig> mask_image_config;
  std::optional<ControlReferenceConfig> control_image_config;
  std::optional<StyleReferenceConfig> style_image_config;
  std::optional<SubjectReferenceConfig> subject_image_config;

  // The image to edit.
  static ReferenceImage raw(int id, Image image);
  // A mask: drawn by you (`image`, with mask_mode MASK_MODE_USER_PROVIDED)
  // or computed by the model (no image; mask_mode says what to mask).
  static ReferenceImage mask(int id, MaskReferenceConfig config, std::optional<Image> image = std::nullopt);
  static ReferenceImage control(int id, Image image, ControlReferenceConfig config);
  static ReferenceImage style(int id, Image image, StyleReferenceConfig config = {});
  static ReferenceImage subject(int id, Image image, SubjectReferenceConfig config);

  bool operator==(const ReferenceImage&) const = default;
};

// python-genai's EditImageConfig; unset fields are not sent.
struct EditImageConfig {
  std::optional<std::string> output_gcs_uri;      // "storageUri"
  std::optional<std::string> negative_prompt;
  std::optional<int> number_of_images;            // "sampleCount", 1-4
  std::optional<std::string> aspect_ratio;
  std::optional<double> guidance_scale;
  std::optional<int> seed;
  std::optional<std::string> safety_filter_level;
  std::optional<std::string> person_generation;
  std::optional<bool> include_safety_attributes;
  std::optional<bool> include_rai_reason;
  std::optional<std::string> language;
  std::optional<std::string> output_mime_type;
  std::optional<int> output_compression_quality;
  std::optional<bool> add_watermark;
  std::map<std::string, std::string> labels;
  // "EDIT_MODE_INPAINT_INSERTION", "EDIT_MODE_INPAINT_REMOVAL",
  // "EDIT_MODE_OUTPAINT", "EDIT_MODE_BGSWAP", "EDIT_MODE_PRODUCT_IMAGE",
  // "EDIT_MODE_CONTROLLED_EDITING", "EDIT_MODE_STYLE", "EDIT_MODE_DEFAULT".
  std::optional<std::string> edit_mode;
  std::optional<int> base_steps;                  // "editConfig.baseSteps"

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  bool operator==(const EditImageConfig&) const = default;
};

// python-genai's UpscaleImageConfig; unset fields are not sent.
struct UpscaleImageConfig {
  std::optional<std::string> output_gcs_uri;
  std::optional<std::string> safety_filter_level;
  std::optional<std::string> person_generation;
  std::optional<bool> include_rai_reason;
  std::optional<std::string> output_mime_type;
  std::optional<int> output_compression_quality;
  std::optional<bool> enhance_input_image;        // "upscaleConfig.enhanceInputImage"
  std::optional<double> image_preservation_factor;  // 0 to 1, with enhance_input_image
  std::map<std::string, std::string> labels;

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  bool operator==(const UpscaleImageConfig&) const = default;
};

// Edits and upscales answer as generate_images does.
using EditImageResponse = GenerateImagesResponse;
using UpscaleImageResponse = GenerateImagesResponse;

// What recontext_image puts in a new scene (python-genai's RecontextImageSource):
// product images (1 to 3) and, for virtual try-on, a person.
struct RecontextImageSource {
  std::optional<std::string> prompt;       // the scene; optional
  std::optional<Image> person_image;       // "personImage.image"
  std::vector<Image> product_images;       // "productImages[].image"
};

struct RecontextImageConfig {
  std::optional<int> number_of_images;     // "sampleCount"
  std::optional<int> base_steps;
  std::optional<std::string> output_gcs_uri;
  std::optional<int> seed;
  std::optional<std::string> safety_filter_level;
  std::optional<std::string> person_generation;
  std::optional<bool> add_watermark;
  std::optional<std::string> output_mime_type;
  std::optional<int> output_compression_quality;
  std::optional<bool> enhance_prompt;
  std::map<std::string, std::string> labels;

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  bool operator==(const RecontextImageConfig&) const = default;
};

using RecontextImageResponse = GenerateImagesResponse;

// What segment_image finds objects in (python-genai's SegmentImageSource).
struct SegmentImageSource {
  std::optional<std::string> prompt;         // what to find, for mode PROMPT
  std::optional<Image> image;
  std::optional<Image> scribble_image;       // mode INTERACTIVE: strokes over what to find
};

struct SegmentImageConfig {
  std::optional<std::string> mode;           // "FOREGROUND", "BACKGROUND", "PROMPT", "SEMANTIC", "INTERACTIVE"
  std::optional<int> max_predictions;
  std::optional<double> confidence_threshold;
  std::optional<double> mask_dilation;
  std::optional<double> binary_color_threshold;
  std::map<std::string, std::string> labels;

  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
  bool operator==(const SegmentImageConfig&) const = default;
};

struct EntityLabel {
  std::optional<std::string> label;
  std::optional<double> score;
};

// One mask segment_image found: white where the entity is.
struct GeneratedImageMask {
  std::optional<Image> mask;
  std::vector<EntityLabel> labels;
};

struct SegmentImageResponse {
  std::vector<GeneratedImageMask> generated_masks;
  RawJson raw;  // as received (the base64 left in place)
};

}  // namespace genai

#endif  // GENAI_IMAGE_H_
