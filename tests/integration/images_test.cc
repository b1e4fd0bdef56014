// Images against the emulator on both backends: Imagen generate_images
// (:predict), Gemini image output (inline PNG parts, streamed as Google
// streams them), and images sent as input, whose size the emulator reads
// from the bytes. Every image is decoded with libpng.
#include <nlohmann/json.hpp>

#include "emulator/auth/key_files.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/png_reader.h"

namespace genai::testing {
namespace {

constexpr const char* kImagen = "imagen-4.0-generate-001";
constexpr const char* kGeminiImage = "gemini-2.5-flash-image";

class ImagesTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true));
    auto sa = state().create_service_account("test-project", "image-caller", "Image caller");
    ASSERT_TRUE(sa);
    ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(sa->email)));
    auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
    ASSERT_TRUE(file);
    key_file_json_ = file->key_file_json;
  }

  bool vertex() const { return GetParam(); }

  Client backend_client() {
    if (!vertex()) return client();
    CredentialsOptions co;
    co.use_environment = false;
    ClientOptions o;
    o.vertexai = true;
    o.project = "test-project";
    o.location = "us-central1";
    o.credentials = make_service_account_credentials(key_file_json_, co).value();
    o.use_environment = false;
    o.http_options.base_url = base_url();
    o.http_options.retry.attempts = 1;
    return Client::create(o).value();
  }

  std::string key_file_json_;
};

void expect_png(const Image& image, int width, int height) {
  EXPECT_EQ(image.mime_type, "image/png");
  std::string error;
  auto png = decode_png(image.image_bytes, &error);
  ASSERT_TRUE(png) << error;
  EXPECT_EQ(png->width, width);
  EXPECT_EQ(png->height, height);
}

TEST_P(ImagesTest, GenerateImagesReturnsDecodablePngsOfTheRequestedShape) {
  GenerateImagesConfig cfg;
  cfg.number_of_images = 2;
  cfg.aspect_ratio = "16:9";
  auto r = backend_client().models().generate_images(kImagen, "A lighthouse at dusk", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 2u);
  for (const GeneratedImage& g : r->generated_images) {
    ASSERT_TRUE(g.image);
    expect_png(*g.image, 1408, 768);
  }
  EXPECT_NE(r->generated_images[0].image->image_bytes, r->generated_images[1].image->image_bytes);
  // Vertex AI rewrites the prompt (enhancePrompt defaults on); the Developer API does not say.
  EXPECT_EQ(r->generated_images[0].enhanced_prompt.has_value(), vertex());

  // Deterministic: the same request, the same pictures.
  auto again = backend_client().models().generate_images(kImagen, "A lighthouse at dusk", cfg);
  EXPECT_EQ(again->generated_images[0].image->image_bytes, r->generated_images[0].image->image_bytes);

  // Default: four square images; and the prompt's safety attributes kept apart.
  GenerateImagesConfig safety;
  safety.include_safety_attributes = true;
  auto four = backend_client().models().generate_images("imagen-3.0-generate-002", "A cat", safety);
  ASSERT_TRUE(four.ok()) << four.error().to_string();
  ASSERT_EQ(four->generated_images.size(), 4u);
  expect_png(*four->generated_images[3].image, 1024, 1024);
  ASSERT_TRUE(four->positive_prompt_safety_attributes);
  EXPECT_EQ(four->positive_prompt_safety_attributes->content_type, "Positive Prompt");
  EXPECT_EQ(four->generated_images[0].safety_attributes->categories.size(), 2u);
}

TEST_P(ImagesTest, GenerateImagesValidatesLikeGoogle) {
  GenerateImagesConfig five;
  five.number_of_images = 5;
  auto r = backend_client().models().generate_images(kImagen, "x", five);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().status, "INVALID_ARGUMENT");
  EXPECT_NE(r.error().message.find("between 1 and 4, got 5"), std::string::npos) << r.error().message;

  GenerateImagesConfig wide;
  wide.aspect_ratio = "2:1";
  auto ratio = backend_client().models().generate_images(kImagen, "x", wide);
  ASSERT_FALSE(ratio.ok());
  EXPECT_NE(ratio.error().message.find("Unsupported aspect ratio \"2:1\""), std::string::npos) << ratio.error().message;

  // An Imagen model is not a Gemini model, and a Gemini model does not predict.
  EXPECT_EQ(backend_client().models().generate_content(kImagen, "x").error().http_status, 404);
  EXPECT_EQ(backend_client().models().generate_images("gemini-2.5-flash", "x").error().http_status, 404);
}

TEST_P(ImagesTest, VertexOnlyOptions) {
  GenerateImagesConfig cfg;
  cfg.number_of_images = 1;
  cfg.seed = 7;
  cfg.negative_prompt = "people";
  if (!vertex()) {
    auto refused = backend_client().models().generate_images(kImagen, "A beach", cfg);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidArgument);  // refused before sending
    EXPECT_NE(refused.error().message.find("only supported on Vertex AI"), std::string::npos);
    return;
  }
  auto watermarked = backend_client().models().generate_images(kImagen, "A beach", cfg);
  ASSERT_FALSE(watermarked.ok());
  EXPECT_NE(watermarked.error().message.find("Seed is not supported"), std::string::npos);
  cfg.add_watermark = false;
  auto a = backend_client().models().generate_images(kImagen, "A beach", cfg);
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  cfg.seed = 8;
  auto b = backend_client().models().generate_images(kImagen, "A beach", cfg);
  EXPECT_NE(a->generated_images[0].image->image_bytes, b->generated_images[0].image->image_bytes);
}

TEST_P(ImagesTest, AccessIsCheckedAsForGenerateContent) {
  if (vertex()) {
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, false));
  } else {
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kGenerativeLanguage, false));
  }
  auto r = backend_client().models().generate_images(kImagen, "A cat");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_EQ(r.error().reason(), "SERVICE_DISABLED");
}

TEST_P(ImagesTest, GeminiImageModelAnswersWithTextAndAPng) {
  GenerateContentConfig cfg;
  cfg.response_modalities = {"TEXT", "IMAGE"};
  auto r = backend_client().models().generate_content(kGeminiImage, "A watercolour fox", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_NE(r->text().find("Here is an image of A watercolour fox"), std::string::npos) << r->text();
  ASSERT_EQ(r->images().size(), 1u);
  expect_png(r->images()[0], 1024, 1024);
  const auto& details = r->usage_metadata->candidates_tokens_details;
  ASSERT_EQ(details.size(), 1u);
  EXPECT_EQ(details[0].modality, "IMAGE");

  // IMAGE alone: no text part.
  cfg.response_modalities = {"IMAGE"};
  auto only = backend_client().models().generate_content(kGeminiImage, "A watercolour fox", cfg);
  ASSERT_TRUE(only.ok()) << only.error().to_string();
  EXPECT_EQ(only->text(), "");
  EXPECT_EQ(only->images().size(), 1u);
}

TEST_P(ImagesTest, GeminiImageStreamsTextThenOneImageThenAnEmptyStop) {
  GenerateContentConfig cfg;
  cfg.response_modalities = {"TEXT", "IMAGE"};
  std::vector<GenerateContentResponse> chunks;
  for (auto& chunk : backend_client().models().generate_content_stream(kGeminiImage, "A fox in the snow", cfg)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    chunks.push_back(std::move(*chunk));
  }
  ASSERT_GE(chunks.size(), 3u);
  const GenerateContentResponse& image_event = chunks[chunks.size() - 2];
  const GenerateContentResponse& last = chunks.back();
  ASSERT_EQ(image_event.images().size(), 1u);
  expect_png(image_event.images()[0], 1024, 1024);
  EXPECT_FALSE(image_event.candidates[0].finish_reason);
  EXPECT_EQ(last.candidates[0].finish_reason, "STOP");
  EXPECT_TRUE(!last.candidates[0].content || last.candidates[0].content->parts.empty());
  std::string text;
  for (size_t i = 0; i + 2 < chunks.size(); ++i) {
    EXPECT_TRUE(chunks[i].images().empty());
    text += chunks[i].text();
  }
  auto unary = backend_client().models().generate_content(kGeminiImage, "A fox in the snow", cfg);
  EXPECT_EQ(text, unary->text());
  EXPECT_EQ(image_event.images()[0], unary->images()[0]);
}

TEST_P(ImagesTest, ImageModalityOnATextModelIsGoogles400) {
  GenerateContentConfig cfg;
  cfg.response_modalities = {"TEXT", "IMAGE"};
  auto r = backend_client().models().generate_content("gemini-2.5-flash", "A fox", cfg);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().message, "Model does not support the requested response modalities: image");
  // The 2.0 preview image model needs TEXT with IMAGE.
  cfg.response_modalities = {"IMAGE"};
  EXPECT_EQ(backend_client()
                .models()
                .generate_content("gemini-2.0-flash-preview-image-generation", "A fox", cfg)
                .error()
                .http_status,
            400);
}

TEST_P(ImagesTest, ImageInputArrivesAndIsDescribedFromItsBytes) {
  // A 4:3 PNG drawn by Imagen here, sent back as input.
  GenerateImagesConfig one;
  one.number_of_images = 1;
  one.aspect_ratio = "4:3";
  Image drawn = *backend_client().models().generate_images(kImagen, "A square", one).value().generated_images[0].image;
  std::vector<Content> contents = {Content{"user", {Part::from_image(drawn), Part::from_text("What is this?")}}};
  auto r = backend_client().models().generate_content("gemini-2.5-flash", contents);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_NE(r->text().find("I see a 1280x896 image/png image."), std::string::npos) << r->text();

  // A wrongly declared type is noticed.
  contents[0].parts[0].inline_data->mime_type = "image/jpeg";
  auto mislabelled = backend_client().models().generate_content("gemini-2.5-flash", contents);
  EXPECT_NE(mislabelled->text().find("although it was declared image/jpeg"), std::string::npos) << mislabelled->text();
}

// An image Imagen drew here, to edit and upscale.
Image drawn_image(Client& client, const char* ratio) {
  GenerateImagesConfig one;
  one.number_of_images = 1;
  one.aspect_ratio = ratio;
  return *client.models().generate_images(kImagen, "A lighthouse", one).value().generated_images.at(0).image;
}

TEST_P(ImagesTest, EditImageRedrawsTheRawReferenceAtItsSizeOnVertexOnly) {
  Client c = backend_client();
  const Image raw = drawn_image(c, "4:3");
  const std::vector<ReferenceImage> refs = {
      ReferenceImage::raw(1, raw), ReferenceImage::mask(2, {.mask_mode = "MASK_MODE_BACKGROUND"})};
  EditImageConfig cfg;
  cfg.edit_mode = "EDIT_MODE_BGSWAP";
  cfg.number_of_images = 2;
  Result<EditImageResponse> r = c.models().edit_image("imagen-3.0-capability-001", "A beach behind [1]", refs, cfg);
  if (!vertex()) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);  // refused before sending
    return;
  }
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 2u);
  for (const GeneratedImage& g : r->generated_images) expect_png(*g.image, 1280, 896);
  EXPECT_NE(r->generated_images[0].image->image_bytes, raw.image_bytes);
  // Deterministic, and the async form sends the same request.
  EXPECT_EQ(c.models().edit_image_async("imagen-3.0-capability-001", "A beach behind [1]", refs, cfg)
                .get()
                ->generated_images[0]
                .image->image_bytes,
            r->generated_images[0].image->image_bytes);

  // Google's 400s: inpainting without a mask, a model that cannot edit, no raw image.
  EditImageConfig insert;
  insert.edit_mode = "EDIT_MODE_INPAINT_INSERTION";
  EXPECT_EQ(c.models().edit_image("imagen-3.0-capability-001", "A hat", {ReferenceImage::raw(1, raw)}, insert)
                .error()
                .http_status,
            400);
  EXPECT_EQ(c.models().edit_image(kImagen, "A hat", refs).error().http_status, 400);
  EXPECT_EQ(c.models()
                .edit_image("imagen-3.0-capability-001", "A hat", {ReferenceImage::style(1, raw)})
                .error()
                .http_status,
            400);
  Image not_an_image{"plain text", "image/png", std::nullopt};
  Result<EditImageResponse> garbage =
      c.models().edit_image("imagen-3.0-capability-001", "A hat", {ReferenceImage::raw(1, not_an_image)});
  EXPECT_EQ(garbage.error().http_status, 400);
}

TEST_P(ImagesTest, UpscaleImageMultipliesTheSizeOnVertexOnly) {
  Client c = backend_client();
  const Image small = drawn_image(c, "16:9");
  Result<UpscaleImageResponse> r = c.models().upscale_image("imagen-4.0-upscale-preview", small, "x2");
  if (!vertex()) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 1u);
  expect_png(*r->generated_images[0].image, 2816, 1536);
  // x4 of 1408x768 is 17.3 megapixels: over Imagen's limit.
  EXPECT_EQ(c.models().upscale_image("imagen-4.0-upscale-preview", small, "x4").error().http_status, 400);
  // A factor the API does not have is refused before sending.
  EXPECT_EQ(c.models().upscale_image("imagen-4.0-upscale-preview", small, "x3").error().kind,
            ErrorKind::kInvalidArgument);
  UpscaleImageConfig enhance;
  enhance.enhance_input_image = true;
  enhance.image_preservation_factor = 0.5;
  EXPECT_TRUE(c.models().upscale_image_async("imagen-4.0-upscale-preview", small, "x2", enhance).get().ok());
}

TEST_P(ImagesTest, RecontextPutsTheProductsInANewSceneOnVertexOnly) {
  Client c = backend_client();
  RecontextImageSource source;
  source.prompt = "On a kitchen table";
  source.product_images = {drawn_image(c, "1:1"), drawn_image(c, "3:4")};
  RecontextImageConfig cfg;
  cfg.number_of_images = 2;
  Result<RecontextImageResponse> r = c.models().recontext_image("imagen-product-recontext-preview-06-30", source, cfg);
  if (!vertex()) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 2u);
  for (const GeneratedImage& g : r->generated_images) expect_png(*g.image, 1024, 1024);
  EXPECT_TRUE(c.models().recontext_image_async("imagen-product-recontext-preview-06-30", source).get().ok());
  // Four products are one too many; none is refused before sending.
  source.product_images.resize(4, source.product_images[0]);
  EXPECT_EQ(c.models().recontext_image("imagen-product-recontext-preview-06-30", source).error().http_status, 400);
  EXPECT_EQ(c.models().recontext_image("imagen-product-recontext-preview-06-30", {}).error().kind,
            ErrorKind::kInvalidArgument);
}

TEST_P(ImagesTest, SegmentFindsMasksAtTheImageSizeOnVertexOnly) {
  Client c = backend_client();
  SegmentImageSource source;
  source.image = drawn_image(c, "16:9");
  source.prompt = "the lighthouse";
  SegmentImageConfig cfg;
  cfg.mode = "PROMPT";
  cfg.max_predictions = 2;
  Result<SegmentImageResponse> r = c.models().segment_image("image-segmentation-001", source, cfg);
  if (!vertex()) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    return;
  }
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_masks.size(), 2u);
  for (const GeneratedImageMask& m : r->generated_masks) {
    expect_png(*m.mask, 1408, 768);
    ASSERT_EQ(m.labels.size(), 1u);
    EXPECT_EQ(m.labels[0].label, "the lighthouse");
    EXPECT_GT(*m.labels[0].score, 0.5);
  }
  EXPECT_EQ(c.models().segment_image_async("image-segmentation-001", source, cfg).get()->generated_masks.size(), 2u);
  // Google's 400s: INTERACTIVE without a scribble, an unknown mode.
  SegmentImageConfig interactive;
  interactive.mode = "INTERACTIVE";
  EXPECT_EQ(c.models().segment_image("image-segmentation-001", source, interactive).error().http_status, 400);
  SegmentImageConfig unknown;
  unknown.mode = "EVERYTHING";
  EXPECT_EQ(c.models().segment_image("image-segmentation-001", source, unknown).error().http_status, 400);
  EXPECT_EQ(c.models().segment_image("image-segmentation-001", {}).error().kind, ErrorKind::kInvalidArgument);
  // No mode: Google's default, FOREGROUND, one mask.
  SegmentImageSource plain;
  plain.image = source.image;
  Result<SegmentImageResponse> fg = c.models().segment_image("image-segmentation-001", plain);
  ASSERT_TRUE(fg.ok()) << fg.error().to_string();
  ASSERT_EQ(fg->generated_masks.size(), 1u);
  EXPECT_EQ(fg->generated_masks[0].labels.at(0).label, "foreground");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImagesTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "Vertex" : "Developer"; });

}  // namespace
}  // namespace genai::testing
