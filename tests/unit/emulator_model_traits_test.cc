// What a client can observe of each emulated model, decided without sockets:
// how it thinks for a generationConfig (handlers/model_catalog.h) and the image
// sizes of the Gemini image models (backend/image_gen.h).
#include <gtest/gtest.h>

#include "emulator/backend/image_gen.h"
#include "emulator/handlers/model_catalog.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The plan, or the error's message as "400: ...".
std::variant<ThinkingPlan, std::string> plan(const char* model, const char* generation_config, bool vertex = false) {
  const CatalogModel* m = find_model(model);
  EXPECT_NE(m, nullptr) << model;
  auto r = thinking_plan(*m, ojson::parse(generation_config), vertex);
  if (auto* e = std::get_if<GoogleError>(&r)) {
    return std::to_string(e->http_status) + ": " + ojson::parse(e->body)["error"]["message"].get<std::string>();
  }
  return std::get<ThinkingPlan>(r);
}

int64_t budget(const std::variant<ThinkingPlan, std::string>& p) {
  EXPECT_TRUE(std::holds_alternative<ThinkingPlan>(p)) << std::get<std::string>(p);
  return std::holds_alternative<ThinkingPlan>(p) ? std::get<ThinkingPlan>(p).budget : -999;
}

TEST(EmulatorModelTraits, DefaultThinkingPerModel) {
  EXPECT_EQ(budget(plan("gemini-2.5-pro", "{}")), -1);  // dynamic
  EXPECT_EQ(budget(plan("gemini-2.5-flash", "{}")), -1);
  EXPECT_EQ(budget(plan("gemini-2.5-flash-lite", "{}")), 0);
  EXPECT_EQ(budget(plan("gemini-2.0-flash", "{}")), 0);
  EXPECT_EQ(budget(plan("gemini-2.5-flash-image", "null")), 0);
  EXPECT_FALSE(std::get<ThinkingPlan>(plan("gemini-2.5-flash", "{}")).include_thoughts);  // counted, not shown
}

TEST(EmulatorModelTraits, ThinkingConfigIsHonouredWhereTheModelAllows) {
  EXPECT_EQ(budget(plan("gemini-2.5-flash", R"({"thinkingConfig": {"thinkingBudget": 0}})")), 0);
  EXPECT_EQ(budget(plan("gemini-2.5-flash", R"({"thinkingConfig": {"thinkingBudget": 300}})")), 300);
  EXPECT_EQ(budget(plan("gemini-2.5-flash-lite", R"({"thinkingConfig": {"thinkingBudget": 512}})")), 512);
  // includeThoughts alone does not make Flash-Lite think; it does show Flash's thoughts.
  EXPECT_EQ(budget(plan("gemini-2.5-flash-lite", R"({"thinkingConfig": {"includeThoughts": true}})")), 0);
  const auto shown = plan("gemini-2.5-flash", R"({"thinkingConfig": {"includeThoughts": true}})");
  EXPECT_EQ(budget(shown), -1);
  EXPECT_TRUE(std::get<ThinkingPlan>(shown).include_thoughts);
  EXPECT_EQ(budget(plan("gemini-2.5-pro", R"({"thinkingConfig": {"thinkingBudget": 128}})")), 128);
}

TEST(EmulatorModelTraits, GooglesThinkingErrors) {
  EXPECT_EQ(std::get<std::string>(plan("gemini-2.5-pro", R"({"thinkingConfig": {"thinkingBudget": 0}})")),
            "400: Budget 0 is invalid. This model only works in thinking mode.");
  EXPECT_EQ(std::get<std::string>(plan("gemini-2.0-flash", R"({"thinkingConfig": {}})")),
            "400: thinking_config is not supported.");
  EXPECT_EQ(std::get<std::string>(plan("gemini-2.0-flash", R"({"thinkingConfig": {}})", true)),
            "400: Unable to submit request because thinking is not supported by this model. Learn more: "
            "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini");
}

TEST(EmulatorModelTraits, ModelsListSaysWhichModelsThink) {
  EXPECT_EQ(model_json(*find_model("gemini-2.5-flash-lite"))["thinking"], true);
  EXPECT_EQ(model_json(*find_model("gemini-2.0-flash"))["thinking"], false);
  EXPECT_EQ(model_json(*find_model("gemini-2.5-flash-image"))["thinking"], false);
}

TEST(EmulatorModelTraits, GeminiImageSizesFollowTheAspectRatio) {
  const std::pair<const char*, ImageSize> table[] = {
      {"1:1", {1024, 1024}}, {"2:3", {832, 1248}}, {"3:2", {1248, 832}}, {"3:4", {864, 1184}}, {"4:3", {1184, 864}},
      {"4:5", {896, 1152}},  {"5:4", {1152, 896}}, {"9:16", {768, 1344}}, {"16:9", {1344, 768}}, {"21:9", {1536, 672}}};
  for (const auto& [ratio, size] : table) {
    const std::optional<ImageSize> got = gemini_image_size(ratio);
    ASSERT_TRUE(got) << ratio;
    EXPECT_EQ(got->width, size.width) << ratio;
    EXPECT_EQ(got->height, size.height) << ratio;
  }
  EXPECT_FALSE(gemini_image_size("7:3"));
  EXPECT_FALSE(gemini_image_size("16x9"));
}

}  // namespace
}  // namespace genai::emulator
