// Internal: the wire mapping of Imagen's generate_images (:predict on both
// backends), as python-genai's _GenerateImagesParameters_to_mldev/_to_vertex
// and _GenerateImagesResponse_from_*.
#ifndef GENAI_SRC_CORE_IMAGE_JSON_H_
#define GENAI_SRC_CORE_IMAGE_JSON_H_

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/image.h"
#include "genai/result.h"

namespace genai::internal {

// The error for a config field python-genai refuses on the Developer API
// (Imagen's and Veo's), before anything is sent.
Error vertex_only(const char* field);

// {"instances":[{"prompt":...}],"parameters":{"sampleCount",...}} (+ "labels"
// on Vertex AI). On the Developer API the fields python-genai refuses there
// (output_gcs_uri, negative_prompt, seed, add_watermark, labels,
// enhance_prompt, person_generation ALLOW_ALL, safety_filter_level
// BLOCK_NONE) are an error, before anything is sent.
Result<nlohmann::json> generate_images_request_body(bool vertexai, std::string_view prompt,
                                                    const GenerateImagesConfig& config);

// :predict of an edit: {"instances":[{"prompt","referenceImages":[...]}],
// "parameters":{"editMode",...}}, as python-genai's
// _EditImageParameters_to_vertex. Vertex AI only.
Result<nlohmann::json> edit_image_request_body(std::string_view prompt, const std::vector<ReferenceImage>& references,
                                               const EditImageConfig& config);
// :predict of an upscale: {"instances":[{"image":{...}}],"parameters":{"mode":
// "upscale","sampleCount":1,"upscaleConfig":{"upscaleFactor":"x2"}}}, as
// python-genai's upscale_image. `factor` is "x2" or "x4". Vertex AI only.
Result<nlohmann::json> upscale_image_request_body(const Image& image, std::string_view factor,
                                                  const UpscaleImageConfig& config);

// :predict of a product recontext: instances[0] {"prompt","personImage":
// {"image"},"productImages":[{"image"}]}, as python-genai. Vertex AI only.
Result<nlohmann::json> recontext_image_request_body(const RecontextImageSource& source,
                                                   const RecontextImageConfig& config);
// :predict of a segmentation: instances[0] {"prompt","image","scribble":
// {"image"}}, parameters {"mode","maxPredictions",...}. Vertex AI only.
Result<nlohmann::json> segment_image_request_body(const SegmentImageSource& source, const SegmentImageConfig& config);
// predictions[] -> generated_masks (each prediction's image is the mask).
Result<SegmentImageResponse> parse_segment_image_response(nlohmann::json j);

// predictions[] -> generated_images; the prediction whose contentType is
// "Positive Prompt" becomes positive_prompt_safety_attributes (as
// python-genai's generate_images does).
Result<GenerateImagesResponse> parse_generate_images_response(nlohmann::json j);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_IMAGE_JSON_H_
