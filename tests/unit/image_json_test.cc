// The wire mapping of generate_images: python-genai's names, per backend.
#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/image_json.h"

namespace genai::internal {
namespace {

using nlohmann::json;

TEST(GenerateImagesJson, EveryConfigFieldUnderItsWireName) {
  GenerateImagesConfig c;
  c.output_gcs_uri = "gs://b/p";
  c.negative_prompt = "people";
  c.number_of_images = 3;
  c.aspect_ratio = "9:16";
  c.guidance_scale = 7.5;
  c.seed = 42;
  c.safety_filter_level = "BLOCK_ONLY_HIGH";
  c.person_generation = "ALLOW_ADULT";
  c.include_safety_attributes = true;
  c.include_rai_reason = true;
  c.language = "en";
  c.output_mime_type = "image/jpeg";
  c.output_compression_quality = 80;
  c.add_watermark = false;
  c.labels = {{"team", "art"}};
  c.image_size = "2K";
  c.enhance_prompt = false;
  const json body = generate_images_request_body(true, "A fox", c).value();
  EXPECT_EQ(body, json::parse(R"({
    "instances": [{"prompt": "A fox"}],
    "parameters": {"storageUri": "gs://b/p", "negativePrompt": "people", "sampleCount": 3, "aspectRatio": "9:16",
                   "guidanceScale": 7.5, "seed": 42, "safetySetting": "BLOCK_ONLY_HIGH",
                   "personGeneration": "ALLOW_ADULT", "includeSafetyAttributes": true, "includeRaiReason": true,
                   "language": "en", "outputOptions": {"mimeType": "image/jpeg", "compressionQuality": 80},
                   "addWatermark": false, "sampleImageSize": "2K", "enhancePrompt": false},
    "labels": {"team": "art"}})"));
  EXPECT_EQ(generate_images_request_body(false, "A fox", {}).value(),
            json::parse(R"({"instances": [{"prompt": "A fox"}], "parameters": {}})"));
}

TEST(GenerateImagesJson, DeveloperApiRefusesVertexOnlyFieldsBeforeSending) {
  auto with = [](auto set) {
    GenerateImagesConfig c;
    set(c);
    return generate_images_request_body(false, "x", c);
  };
  EXPECT_FALSE(with([](auto& c) { c.seed = 1; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.negative_prompt = "n"; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.add_watermark = true; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.enhance_prompt = true; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.output_gcs_uri = "gs://b"; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.labels = {{"a", "b"}}; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.person_generation = "ALLOW_ALL"; }).ok());
  EXPECT_FALSE(with([](auto& c) { c.safety_filter_level = "BLOCK_NONE"; }).ok());
  EXPECT_TRUE(with([](auto& c) { c.person_generation = "ALLOW_ADULT"; }).ok());
  EXPECT_NE(with([](auto& c) { c.seed = 1; }).error().message.find("seed is only supported on Vertex AI"),
            std::string::npos);
  EXPECT_FALSE(generate_images_request_body(true, "", {}).ok());  // empty prompt
}

TEST(GenerateImagesJson, ResponseSeparatesThePromptsSafetyAndKeepsFilteredImages) {
  const json j = {{"predictions",
                   {{{"bytesBase64Encoded", base64_encode("PNGDATA")}, {"mimeType", "image/png"}, {"prompt", "better"}},
                    {{"raiFilteredReason", "filtered for safety"}},
                    {{"contentType", "Positive Prompt"},
                     {"safetyAttributes", {{"categories", {"Violence"}}, {"scores", {0.1}}}}}}}};
  auto r = parse_generate_images_response(j);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 2u);
  EXPECT_EQ(r->generated_images[0].image->image_bytes, "PNGDATA");
  EXPECT_EQ(r->generated_images[0].enhanced_prompt, "better");
  EXPECT_FALSE(r->generated_images[1].image);
  EXPECT_EQ(r->generated_images[1].rai_filtered_reason, "filtered for safety");
  ASSERT_TRUE(r->positive_prompt_safety_attributes);
  EXPECT_EQ(r->positive_prompt_safety_attributes->categories, std::vector<std::string>{"Violence"});
  EXPECT_FALSE(parse_generate_images_response(json{{"predictions", {{{"bytesBase64Encoded", "!!"}}}}}).ok());
  EXPECT_FALSE(parse_generate_images_response(json::array()).ok());
}

}  // namespace
}  // namespace genai::internal
