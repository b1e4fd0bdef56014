// The model catalog (model_catalog.h): ids, limits and traits as Google's
// models.list shows them.
#include "emulator/handlers/model_catalog.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr CatalogModel kCatalog[] = {
    {"gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro", 1048576, 65536, false, 0, false, false, Thinking::kAlways, false, false, false},
    {"gemini-3-pro-preview", "3-pro-preview-11-2025", "Gemini 3 Pro Preview", "Gemini 3 Pro Preview", 1048576, 65536, false, 0, false, false, Thinking::kAlways, false, true, false},
    {"gemini-2.5-flash", "001", "Gemini 2.5 Flash", "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.", 1048576, 65536, false, 0, false, false, Thinking::kByDefault},
    {"gemini-2.5-flash-lite", "001", "Gemini 2.5 Flash-Lite", "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025", 1048576, 65536, false, 0, false, false, Thinking::kOptIn},
    {"gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", 1048576, 8192, false, 0, false, false, Thinking::kNever},
    {"gemini-2.5-flash-image", "2.0", "Nano Banana", "Gemini 2.5 Flash Image", 32768, 32768, false, 0, true, false, Thinking::kNever},
    {"gemini-2.5-flash-preview-tts", "gemini-2.5-flash-exp-tts-2025-05-19", "Gemini 2.5 Flash Preview TTS", "Gemini 2.5 Flash Preview TTS", 8192, 16384, false, 0, false, false, Thinking::kNever, true, false, false},
    {"gemini-2.0-flash-preview-image-generation", "2.0", "Gemini 2.0 Flash Preview Image Generation", "Gemini 2.0 Flash Preview Image Generation", 32768, 8192, false, 0, true, false, Thinking::kNever},
    {"text-embedding-004", "004", "Text Embedding 004", "Obtain a distributed representation of a text.", 2048, 1, true, 768, false, false, Thinking::kNever},
    {"gemini-embedding-001", "001", "Gemini Embedding 001", "Obtain a distributed representation of a text.", 2048, 1, true, 3072, false, false, Thinking::kNever},
    {"imagen-3.0-generate-002", "002", "Imagen 3.0", "Vertex served Imagen 3.0 002 model", 480, 8192, false, 0, false, true, Thinking::kNever},
    {"imagen-4.0-generate-001", "001", "Imagen 4", "Vertex served Imagen 4.0 model", 480, 8192, false, 0, false, true, Thinking::kNever},
    {"imagen-3.0-capability-001", "001", "Imagen 3.0 Capability", "Vertex served Imagen 3.0 model for editing and customization", 480, 8192, false, 0, false, true, Thinking::kNever},
    {"imagen-product-recontext-preview-06-30", "preview", "Imagen Product Recontext", "Vertex served Imagen product recontext model", 480, 8192, false, 0, false, true, Thinking::kNever},
    {"image-segmentation-001", "001", "Image Segmentation", "Vertex served image segmentation model", 0, 0, false, 0, false, true, Thinking::kNever},
    {"imagen-4.0-upscale-preview", "preview", "Imagen 4 Upscale", "Vertex served Imagen 4.0 upscaling model", 480, 8192, false, 0, false, true, Thinking::kNever},
    {"veo-2.0-generate-001", "2.0", "Veo 2", "Vertex served Veo 2 model. Access to this model requires billing to be enabled on the associated Google Cloud Platform account. Please visit https://console.cloud.google.com/billing to enable it.", 480, 8192, false, 0, false, false, Thinking::kNever, false, false, false, true},
    {"veo-3.0-generate-001", "3.0", "Veo 3", "Veo 3", 480, 8192, false, 0, false, false, Thinking::kNever, false, false, false, true},
    {"veo-3.0-fast-generate-001", "3.0", "Veo 3 fast", "Veo 3 fast", 480, 8192, false, 0, false, false, Thinking::kNever, false, false, false, true},
    {"gemini-2.5-computer-use-preview-10-2025", "2.5", "Gemini 2.5 Computer Use Preview 10-2025", "Gemini 2.5 Computer Use Preview 10-2025", 131072, 65536, false, 0, false, false, Thinking::kByDefault, false, false, true, false, true},
};

const CatalogModel* find_model_in_catalog(const std::string& id) {
  for (const CatalogModel& m : kCatalog) {
    if (id == m.id) return &m;
  }
  return nullptr;
}

}  // namespace

std::span<const CatalogModel> model_catalog() { return kCatalog; }

const CatalogModel* find_model(const std::string& id) { return find_model_in_catalog(id); }

ojson model_json(const CatalogModel& m) {
  ojson j;
  j["name"] = std::string("models/") + m.id;
  j["version"] = m.version;
  j["displayName"] = m.display_name;
  j["description"] = m.description;
  j["inputTokenLimit"] = m.input_limit;
  j["outputTokenLimit"] = m.output_limit;
  if (m.embedding) {
    j["supportedGenerationMethods"] = {"embedContent", "countTextTokens", "countTokens"};
  } else if (m.imagen) {
    j["supportedGenerationMethods"] = {"predict"};
  } else if (m.veo) {
    j["supportedGenerationMethods"] = {"predictLongRunning"};
  } else {
    j["supportedGenerationMethods"] = {"generateContent", "countTokens", "createCachedContent", "batchGenerateContent"};
    j["temperature"] = 1;
    j["topP"] = 0.95;
    j["topK"] = 64;
    j["maxTemperature"] = 2;
    j["thinking"] = m.thinking != Thinking::kNever;
  }
  return j;
}

std::variant<ThinkingPlan, GoogleError> thinking_plan(const CatalogModel& m, const ojson& generation_config, bool vertex) {
  const ojson config = generation_config.is_object() ? generation_config.value("thinkingConfig", ojson()) : ojson();
  if (!config.is_object()) {
    // No thinkingConfig: the model's default, with thoughts hidden.
    const bool thinks = m.thinking == Thinking::kByDefault || m.thinking == Thinking::kAlways;
    return ThinkingPlan{thinks ? -1 : 0, false};
  }
  if (m.thinking == Thinking::kNever) return thinking_not_supported(vertex);
  ThinkingPlan plan;
  plan.include_thoughts = config.value("includeThoughts", false);
  const bool budget = config.contains("thinkingBudget") && !config["thinkingBudget"].is_null();
  if (config.contains("thinkingLevel") && !config["thinkingLevel"].is_null()) {
    if (!m.thinking_levels) return thinking_level_not_supported();
    if (budget) return thinking_budget_and_level();
    const std::string level = config["thinkingLevel"].is_string() ? config["thinkingLevel"].get<std::string>() : "";
    plan.budget = level == "MINIMAL" ? 128 : level == "LOW" ? 1024 : level == "MEDIUM" ? 8192 : -1;
    return plan;
  }
  if (!budget) {
    plan.budget = m.thinking == Thinking::kOptIn ? 0 : -1;
  } else {
    plan.budget = config["thinkingBudget"].get<int64_t>();
    if (plan.budget == 0 && m.thinking == Thinking::kAlways) return thinking_budget_zero_invalid();
  }
  return plan;
}

}  // namespace genai::emulator
