#include "emulator/handlers/safety_filters.h"

#include <algorithm>


namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

bool any(const std::array<bool, 4>& b) { return std::any_of(b.begin(), b.end(), [](bool x) { return x; }); }

}  // namespace

std::optional<ojson> refused_prompt(const SafetyPolicy& policy, const std::string& prompt, bool vertex) {
  const Ratings ratings = classify(prompt);
  const std::array<bool, 4> blocked = policy.blocked(ratings);
  std::optional<std::string> reason = prompt_block_trigger(prompt);
  if (!reason && any(blocked)) reason = "SAFETY";
  if (!reason) return std::nullopt;
  // Google's shape: promptFeedback and no candidates; the ratings only for
  // SAFETY (the Vertex AI guide's PROHIBITED_CONTENT sample has none), and
  // without `blocked` marks, as in the Developer API's samples of a refused
  // prompt (google-gemini/deprecated-generative-ai-js#36); clients find the
  // cause by probability.
  ojson feedback;
  feedback["blockReason"] = *reason;
  if (*reason == "SAFETY") feedback["safetyRatings"] = ratings_json(ratings, {}, vertex);
  return feedback;
}

void judge_answer(ModelTurn& t, const SafetyPolicy& policy, const std::string& prompt, bool vertex) {
  if (std::optional<std::string> reason = finish_trigger(prompt)) {
    t.finish_reason = *reason;
    t.withheld = true;
    return;
  }
  const Ratings r = classify(t.text);
  if (!any_rated(r)) return;
  const std::array<bool, 4> blocked = policy.blocked(r);
  t.safety_ratings = ratings_json(r, blocked, vertex);
  if (any(blocked)) {
    t.finish_reason = "SAFETY";
    t.withheld = true;
  }
}

}  // namespace genai::emulator
