// Block: what GenerateContentResponse::blocked() finds, and the plain-words
// explanation of it. The facts come from Google's API reference (BlockReason,
// FinishReason, HarmBlockThreshold) and its safety-settings guides: only the
// four configurable harm categories follow safety_settings; RECITATION,
// PROHIBITED_CONTENT, BLOCKLIST, SPII and the image filters do not.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "core/errors.h"
#include "genai/types.h"

namespace genai {
namespace {

// Finish reasons that mean a filter withheld the answer. MAX_TOKENS,
// MALFORMED_FUNCTION_CALL, OTHER, NO_IMAGE ... end an answer without a filter.
constexpr std::array<std::string_view, 9> kFilterFinishReasons = {
    "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "LANGUAGE",
    "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"};

// HarmProbability (and Vertex AI's HarmSeverity) from least to most likely.
int level_of(std::string_view probability) {
  if (probability.ends_with("NEGLIGIBLE")) return 0;
  if (probability.ends_with("LOW")) return 1;
  if (probability.ends_with("MEDIUM")) return 2;
  if (probability.ends_with("HIGH")) return 3;
  return -1;  // unspecified or a value added later
}

// The ratings behind a block: Google marks them `blocked`; without that mark
// (older models, some Vertex AI answers) the most probable ones stand in.
std::vector<SafetyRating> causes(const std::vector<SafetyRating>& ratings, bool allow_most_probable) {
  std::vector<SafetyRating> out;
  for (const SafetyRating& r : ratings) {
    if (r.blocked.value_or(false)) out.push_back(r);
  }
  if (!out.empty() || !allow_most_probable) return out;
  int top = 0;
  for (const SafetyRating& r : ratings) top = std::max(top, level_of(r.probability));
  if (top == 0) return out;
  for (const SafetyRating& r : ratings) {
    if (level_of(r.probability) == top) out.push_back(r);
  }
  return out;
}

// The threshold that lets a rating of `probability` through.
std::string threshold_that_passes(std::string_view probability) {
  switch (level_of(probability)) {
    case 1: return "BLOCK_MEDIUM_AND_ABOVE (or BLOCK_ONLY_HIGH, BLOCK_NONE, OFF)";
    case 2: return "BLOCK_ONLY_HIGH (or BLOCK_NONE, OFF)";
    default: return "BLOCK_NONE or OFF";
  }
}

std::string describe(const SafetyRating& r) {
  std::string out = r.category + " with " + (r.probability.empty() ? "unspecified" : r.probability) + " probability";
  if (r.severity) out += " and " + *r.severity;
  return out;
}

std::string join_ratings(const std::vector<SafetyRating>& ratings) {
  std::string out;
  for (size_t i = 0; i < ratings.size(); ++i) {
    if (i > 0) out += i + 1 == ratings.size() ? " and " : ", ";
    out += describe(ratings[i]);
  }
  return out;
}

struct Explained {
  std::string what;  // what happened
  std::string fix;   // what to do
};

Explained explain(const Block& b) {
  const bool prompt = b.source == Block::Source::kPrompt;
  const std::string subject = prompt ? "The prompt was blocked" : "The answer was stopped";
  const std::string outcome = prompt ? " No answer was generated."
                                     : " The answer is withheld; text streamed before the stop is incomplete.";
  Explained e;
  if (b.reason == "SAFETY") {
    e.what = subject + " by Google's safety filters";
    if (!b.ratings.empty()) e.what += ": it was rated " + join_ratings(b.ratings);
    e.what += "." + outcome;
    if (b.ratings.empty()) {
      e.fix = "Raise the threshold of the category concerned in safety_settings (BLOCK_ONLY_HIGH, BLOCK_NONE or "
              "OFF for HARM_CATEGORY_HARASSMENT, HATE_SPEECH, SEXUALLY_EXPLICIT, DANGEROUS_CONTENT), or rephrase "
              "the prompt.";
    } else {
      for (const SafetyRating& r : b.ratings) {
        if (!e.fix.empty()) e.fix += "; ";
        e.fix += "set safety_settings for " + r.category + " to " + threshold_that_passes(r.probability);
      }
      e.fix = "To let it through, " + e.fix + " (in the genai CLI: --safety CATEGORY=THRESHOLD); or rephrase the prompt.";
    }
  } else if (b.reason == "RECITATION" || b.reason == "IMAGE_RECITATION") {
    e.what = subject + " for RECITATION: it too closely matched existing material (for example copyrighted text)." +
             outcome;
    e.fix = "Safety settings do not change this. Rephrase the prompt to ask for a summary, an explanation or an "
            "original wording instead of the source itself.";
  } else if (b.reason == "PROHIBITED_CONTENT" || b.reason == "IMAGE_PROHIBITED_CONTENT") {
    e.what = subject + " for PROHIBITED_CONTENT: Google's always-on filters flagged it as prohibited by the usage "
                       "policies (for example child sexual abuse material)." + outcome;
    e.fix = "Safety settings cannot change this; the request must change.";
  } else if (b.reason == "BLOCKLIST") {
    e.what = subject + " for BLOCKLIST: it contains a term from a terminology blocklist." + outcome;
    e.fix = "Safety settings cannot change this; remove or reword the blocked term (on Vertex AI, blocklists are "
            "configured for the project).";
  } else if (b.reason == "SPII") {
    e.what = subject + " for SPII: it contained sensitive personally identifiable information." + outcome;
    e.fix = "Safety settings cannot change this; do not ask for personal data such as identity or account numbers.";
  } else if (b.reason == "IMAGE_SAFETY") {
    e.what = subject + " for IMAGE_SAFETY: an image was flagged by the image safety filters." + outcome;
    e.fix = "Safety settings cannot change this; use a different image or prompt.";
  } else if (b.reason == "LANGUAGE") {
    e.what = subject + " for LANGUAGE: it is in a language the model does not support." + outcome;
    e.fix = "Ask in a supported language.";
  } else if (b.reason == "OTHER") {
    e.what = subject + " for an unspecified reason (OTHER), for example a terms-of-service violation or an "
                       "unsupported language." + outcome;
    e.fix = "Safety settings do not change this; rephrase the prompt.";
  } else {
    e.what = subject + " (" + (b.reason.empty() ? std::string("no reason given") : b.reason) + ")." + outcome;
    if (!b.ratings.empty()) e.what += " Ratings: " + join_ratings(b.ratings) + ".";
    e.fix = "See the reason in Google's BlockReason / FinishReason reference; rephrase the prompt.";
  }
  if (b.message && !b.message->empty()) e.what += " Google says: " + *b.message;
  return e;
}

}  // namespace

bool Block::adjustable() const { return reason == "SAFETY"; }

std::string Block::explanation() const {
  const Explained e = explain(*this);
  return e.what + " " + e.fix;
}

Error Block::to_error() const {
  Explained e = explain(*this);
  return internal::blocked_error(std::move(e.what), std::move(e.fix));
}

std::optional<Block> GenerateContentResponse::blocked() const {
  // Google: "If set, the prompt was blocked and no candidates are returned."
  if (prompt_feedback && prompt_feedback->block_reason && !prompt_feedback->block_reason->empty() &&
      *prompt_feedback->block_reason != "BLOCK_REASON_UNSPECIFIED") {
    const PromptFeedback& f = *prompt_feedback;
    return Block{Block::Source::kPrompt, *f.block_reason, f.block_reason_message,
                 causes(f.safety_ratings, *f.block_reason == "SAFETY")};
  }
  if (candidates.empty()) return std::nullopt;
  const Candidate& c = candidates[0];
  const std::string reason = c.finish_reason.value_or("");
  bool filtered = false;
  for (std::string_view r : kFilterFinishReasons) filtered = filtered || reason == r;
  // A rating marked blocked is a block whatever the reason says (a reason added later).
  for (const SafetyRating& r : c.safety_ratings) filtered = filtered || r.blocked.value_or(false);
  if (!filtered) return std::nullopt;
  return Block{Block::Source::kCandidate, reason, c.finish_message, causes(c.safety_ratings, reason == "SAFETY")};
}

Result<std::string> GenerateContentResponse::checked_text() const {
  if (std::optional<Block> b = blocked()) return b->to_error();
  return text();
}

}  // namespace genai
