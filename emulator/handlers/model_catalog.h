// The models the emulator serves, with what a client can observe of each:
// token limits, which methods it answers, and how it thinks (2.5 Pro always
// thinks; 2.5 Flash thinks unless told thinkingBudget 0; 2.5 Flash-Lite
// thinks only when given a budget; 2.0 and the image models never do; Gemini 3
// takes a thinkingLevel), and which outputs it has (images, speech, logprobs).
#ifndef GENAI_EMULATOR_HANDLERS_MODEL_CATALOG_H_
#define GENAI_EMULATOR_HANDLERS_MODEL_CATALOG_H_

#include <cstdint>
#include <span>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "emulator/backend/responder.h"
#include "emulator/common/errors.h"

namespace genai::emulator {

enum class Thinking {
  kNever,      // thinkingConfig is a 400
  kOptIn,      // no thinking unless thinkingBudget is set (and not 0)
  kByDefault,  // dynamic thinking unless thinkingBudget is 0
  kAlways,     // dynamic thinking; thinkingBudget 0 is a 400
};

struct CatalogModel {
  const char* id;
  const char* version;
  const char* display_name;
  const char* description;
  int64_t input_limit;
  int64_t output_limit;
  bool embedding;
  int dimensions;
  bool image_output;  // a Gemini image model: responseModalities may include IMAGE
  bool imagen;        // an Imagen model: only :predict
  Thinking thinking;
  bool audio_output = false;     // a TTS model: answers only with AUDIO (speechConfig)
  bool thinking_levels = false;  // Gemini 3: thinkingLevel instead of a budget
  bool logprobs = true;          // responseLogprobs answered (else Google's 400)
  bool veo = false;              // a Veo model: only :predictLongRunning (and its operations)
  bool computer_use = false;     // the computerUse tool is answered (else a 400); a computer-use model needs it
};

std::span<const CatalogModel> model_catalog();
const CatalogModel* find_model(const std::string& id);
// A model as the Developer API's models.get shows it.
nlohmann::ordered_json model_json(const CatalogModel& m);

// How `m` thinks for a request with this generationConfig: its default when
// thinkingConfig is absent or has no thinkingBudget, the budget otherwise,
// or the budget a thinkingLevel stands for (LOW 1024, MINIMAL 128, MEDIUM
// 8192, HIGH dynamic). Google's 400s: thinkingConfig on a model that cannot
// think, budget 0 on one that cannot stop, a level on a model without levels,
// and a level with a budget.
std::variant<ThinkingPlan, GoogleError> thinking_plan(const CatalogModel& m, const nlohmann::ordered_json& generation_config,
                                                      bool vertex);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_MODEL_CATALOG_H_
