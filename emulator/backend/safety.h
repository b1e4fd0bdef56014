// The emulator's safety filters: deterministic, documented (docs/emulator.md)
// and test-only. No real word is judged: a text is rated by trigger tokens
// that cannot occur by accident,
//
//   emulator-unsafe-<category>:<level>   category harassment | hate | sexual | dangerous
//                                        level    low | medium | high
//
// and the request's safetySettings decide, as Google's do, whether a rating
// blocks. Filters no setting turns off are triggered by
// `emulator-block:<BlockReason>` in the prompt (the prompt is refused) and
// `emulator-finish:<FinishReason>` (the answer is stopped, e.g. RECITATION);
// `emulator-answer-unsafe-<category>:<level>` makes the model write an answer
// that carries the rating (a candidate blocked during generation).
#ifndef GENAI_EMULATOR_BACKEND_SAFETY_H_
#define GENAI_EMULATOR_BACKEND_SAFETY_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"

namespace genai::emulator {

// The four configurable categories, in the order Google lists their ratings.
inline constexpr std::array<const char*, 4> kRatedCategories = {
    "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_DANGEROUS_CONTENT"};

// HarmProbability: NEGLIGIBLE, LOW, MEDIUM, HIGH.
using Ratings = std::array<int, 4>;  // per kRatedCategories, 0..3

// The ratings of `text`: the highest level of each category's trigger tokens.
Ratings classify(std::string_view text);
bool any_rated(const Ratings& r);

// The thresholds of one request (HarmBlockThreshold per category).
class SafetyPolicy {
 public:
  // Whether a rating of `level` in category `i` blocks.
  bool blocks(size_t i, int level) const;
  std::array<bool, 4> blocked(const Ratings& r) const;
  std::array<std::string, 4> thresholds;  // "" or HARM_BLOCK_THRESHOLD_UNSPECIFIED: the model's default
};

// The request's safetySettings, or Google's 400 for a value its JSON parser
// rejects (an unknown category or threshold).
std::variant<SafetyPolicy, GoogleError> safety_policy(const nlohmann::ordered_json& body, bool vertex,
                                                      const std::string& version);

// The BlockReason / FinishReason of an `emulator-block:` / `emulator-finish:`
// trigger in `prompt` (upper-cased, '-' read as '_'); nullopt without one.
std::optional<std::string> prompt_block_trigger(std::string_view prompt);
std::optional<std::string> finish_trigger(std::string_view prompt);
// "emulator-unsafe-<category>:<level>" when the prompt asks for an unsafe
// answer with `emulator-answer-unsafe-...`; empty otherwise.
std::string unsafe_answer(std::string_view prompt);
// `text` before its first trigger token, without trailing blanks: what a
// stream sends before a filter stops the answer.
std::string text_before_unsafe(const std::string& text);

// safetyRatings as the backend shows them: category and probability on the
// Developer API; Vertex AI adds probabilityScore, severity and severityScore.
nlohmann::ordered_json ratings_json(const Ratings& r, const std::array<bool, 4>& blocked, bool vertex);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_SAFETY_H_
