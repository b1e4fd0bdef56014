// The model catalog (model_catalog.h): ids, limits and traits as Google's
// models.list shows them.
#include "emulator/handlers/model_catalog.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr CatalogModel kCatalog[] = {
    {"gemini-2.5-pro", "2.5", "Gemini 2.5 Pro", "Stable release (June 17th, 2025) of Gemini 2.5 Pro", 1048576, 65536, false, 0, false, false, Thinking::kAlways, false},
    {"gemini-2.5-flash", "001", "Gemini 2.5 Flash", "Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens, released in June of 2025.", 1048576, 65536, false, 0, false, false, Thinking::kByDefault, false},
    {"gemini-2.5-flash-lite", "001", "Gemini 2.5 Flash-Lite", "Stable version of Gemini 2.5 Flash-Lite, released in July of 2025", 1048576, 65536, false, 0, false, false, Thinking::kOptIn, false},
    {"gemini-2.0-flash", "2.0", "Gemini 2.0 Flash", "Gemini 2.0 Flash", 1048576, 8192, false, 0, false, false, Thinking::kNever, false},
    {"gemini-2.5-flash-image", "2.0", "Nano Banana", "Gemini 2.5 Flash Image", 32768, 32768, false, 0, true, false, Thinking::kNever, false},
    {"gemini-2.0-flash-preview-image-generation", "2.0", "Gemini 2.0 Flash Preview Image Generation", "Gemini 2.0 Flash Preview Image Generation", 32768, 8192, false, 0, true, false, Thinking::kNever, false},
    {"text-embedding-004", "004", "Text Embedding 004", "Obtain a distributed representation of a text.", 2048, 1, true, 768, false, false, Thinking::kNever, false},
    {"gemini-embedding-001", "001", "Gemini Embedding 001", "Obtain a distributed representation of a text.", 2048, 1, true, 3072, false, false, Thinking::kNever, false},
    {"imagen-3.0-generate-002", "002", "Imagen 3.0", "Vertex served Imagen 3.0 002 model", 480, 8192, false, 0, false, true, Thinking::kNever, false},
    {"imagen-4.0-generate-001", "001", "Imagen 4", "Vertex served Imagen 4.0 model", 480, 8192, false, 0, false, true, Thinking::kNever, false},
    {"veo-2.0-generate-001", "2.0", "Veo 2", "Vertex served Veo 2 model. Access to this model requires billing to be enabled on the associated Google Cloud Platform account. Please visit https://console.cloud.google.com/billing to enable it.", 480, 8192, false, 0, false, false, Thinking::kNever, true},
    {"veo-3.0-generate-001", "3.0", "Veo 3", "Veo 3", 480, 8192, false, 0, false, false, Thinking::kNever, true},
    {"veo-3.0-fast-generate-001", "3.0", "Veo 3 fast", "Veo 3 fast", 480, 8192, false, 0, false, false, Thinking::kNever, true},
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
  if (!config.contains("thinkingBudget") || config["thinkingBudget"].is_null()) {
    plan.budget = m.thinking == Thinking::kOptIn ? 0 : -1;
  } else {
    plan.budget = config["thinkingBudget"].get<int64_t>();
    if (plan.budget == 0 && m.thinking == Thinking::kAlways) return thinking_budget_zero_invalid();
  }
  return plan;
}

}  // namespace genai::emulator
