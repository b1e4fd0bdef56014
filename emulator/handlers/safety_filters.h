// The safety filters of generateContent and streamGenerateContent on the
// wire (the classifier and thresholds are in backend/safety.h): a refused
// prompt's response, and an answer judged before it is sent.
#ifndef GENAI_EMULATOR_HANDLERS_SAFETY_FILTERS_H_
#define GENAI_EMULATOR_HANDLERS_SAFETY_FILTERS_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/backend/responder.h"
#include "emulator/backend/safety.h"

namespace genai::emulator {

// The promptFeedback of a refused prompt (an `emulator-block:` trigger, or a
// rating the thresholds block); the route answers it without candidates.
// nullopt when the prompt passes.
std::optional<nlohmann::ordered_json> refused_prompt(const SafetyPolicy& policy, const std::string& prompt,
                                                     bool vertex);

// The answer through the filters: an `emulator-finish:` trigger stops it for
// that reason, a rating the thresholds block stops it for SAFETY (the turn is
// then `withheld`); ratings above NEGLIGIBLE are shown either way.
void judge_answer(ModelTurn& t, const SafetyPolicy& policy, const std::string& prompt, bool vertex);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_SAFETY_FILTERS_H_
