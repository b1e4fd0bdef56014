#include "emulator/backend/safety.h"

#include <algorithm>
#include <cctype>

#include "emulator/backend/generator.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 4> kShortNames = {"sexual", "hate", "harassment", "dangerous"};
constexpr std::array<std::string_view, 4> kLevels = {"negligible", "low", "medium", "high"};
constexpr std::array<const char*, 4> kProbabilities = {"NEGLIGIBLE", "LOW", "MEDIUM", "HIGH"};
constexpr std::array<const char*, 4> kSeverities = {"HARM_SEVERITY_NEGLIGIBLE", "HARM_SEVERITY_LOW",
                                                    "HARM_SEVERITY_MEDIUM", "HARM_SEVERITY_HIGH"};
// Vertex AI's scores, fixed per level so answers stay deterministic.
constexpr std::array<double, 4> kScores = {0.05, 0.3, 0.6, 0.9};

constexpr const char* kUnsafe = "emulator-unsafe-";
constexpr const char* kAnswerUnsafe = "emulator-answer-unsafe-";

// Google's HarmCategory values for Gemini: the four rated ones and civic
// integrity (accepted, never rated). HarmBlockThreshold values.
constexpr std::array<std::string_view, 5> kCategories = {
    "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_DANGEROUS_CONTENT", "HARM_CATEGORY_CIVIC_INTEGRITY"};
constexpr std::array<std::string_view, 6> kThresholds = {"HARM_BLOCK_THRESHOLD_UNSPECIFIED", "BLOCK_LOW_AND_ABOVE",
                                                         "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE",
                                                         "OFF"};
constexpr std::array<std::string_view, 6> kBlockReasons = {"SAFETY", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT",
                                                           "IMAGE_SAFETY", "BLOCK_REASON_UNSPECIFIED"};
constexpr std::array<std::string_view, 10> kFinishReasons = {
    "SAFETY", "RECITATION", "LANGUAGE", "OTHER", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
    "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"};

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':'; }

// Each whole-word occurrence of a token starting with `prefix` in `text`
// (case-insensitive): the rest of the token after the prefix.
template <typename F>
void for_each_token(std::string_view text, std::string_view prefix, F&& f) {
  const std::string low = ascii_lower(text);
  for (size_t at = low.find(prefix); at != std::string::npos; at = low.find(prefix, at + 1)) {
    if (at > 0 && word_char(low[at - 1])) continue;
    size_t end = at + prefix.size();
    while (end < low.size() && word_char(low[end])) ++end;
    f(std::string_view(low).substr(at + prefix.size(), end - at - prefix.size()));
  }
}

// "<category>:<level>" -> (category index, level), or nullopt.
std::optional<std::pair<size_t, int>> parse_rating(std::string_view rest) {
  const size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view cat = rest.substr(0, colon);
  const std::string_view level = rest.substr(colon + 1);
  for (size_t i = 0; i < kShortNames.size(); ++i) {
    if (cat != kShortNames[i]) continue;
    for (size_t l = 1; l < kLevels.size(); ++l) {
      if (level == kLevels[l]) return std::make_pair(i, static_cast<int>(l));
    }
  }
  return std::nullopt;
}

template <size_t N>
std::optional<std::string> reason_trigger(std::string_view prompt, std::string_view prefix,
                                          const std::array<std::string_view, N>& known) {
  std::optional<std::string> out;
  for_each_token(prompt, prefix, [&](std::string_view rest) {
    std::string reason(rest);
    for (char& c : reason) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!out && std::find(known.begin(), known.end(), reason) != known.end()) out = reason;
  });
  return out;
}

// Google's JSON parser on an enum value it does not know (ESF's wording,
// with the field path in snake_case and the proto enum's full name).
GoogleError bad_enum(const std::string& field, const std::string& enum_type, const ojson& value) {
  return invalid_enum_value(field, enum_type, value.is_string() ? value.get<std::string>() : value.dump());
}

}  // namespace

Ratings classify(std::string_view text) {
  Ratings r{};
  for_each_token(text, kUnsafe, [&](std::string_view rest) {
    if (auto rating = parse_rating(rest)) r[rating->first] = std::max(r[rating->first], rating->second);
  });
  return r;
}

bool any_rated(const Ratings& r) {
  return std::any_of(r.begin(), r.end(), [](int level) { return level > 0; });
}

bool SafetyPolicy::blocks(size_t i, int level) const {
  const std::string& t = thresholds[i];
  // Unset or HARM_BLOCK_THRESHOLD_UNSPECIFIED: the model's default, which is
  // OFF for the Gemini 2.x models the emulator serves ("The default block
  // threshold is Off" for newer models: ai.google.dev/gemini-api/docs/safety-settings;
  // Vertex AI's configure-safety-filters page says the same of Gemini 2.x).
  if (t.empty() || t == "HARM_BLOCK_THRESHOLD_UNSPECIFIED" || t == "OFF" || t == "BLOCK_NONE") return false;
  if (t == "BLOCK_LOW_AND_ABOVE") return level >= 1;
  if (t == "BLOCK_MEDIUM_AND_ABOVE") return level >= 2;
  if (t == "BLOCK_ONLY_HIGH") return level >= 3;
  return false;
}

std::array<bool, 4> SafetyPolicy::blocked(const Ratings& r) const {
  std::array<bool, 4> out{};
  for (size_t i = 0; i < r.size(); ++i) out[i] = blocks(i, r[i]);
  return out;
}

std::variant<SafetyPolicy, GoogleError> safety_policy(const ojson& body, bool vertex, const std::string& version) {
  SafetyPolicy policy;
  // A copy, not find(): GCC's -Wnull-dereference flags ordered_json's iterators.
  const ojson settings = body.value("safetySettings", ojson());
  if (settings.is_null()) return policy;
  const std::string package = vertex ? "google.cloud.aiplatform." + version : "google.ai.generativelanguage." + version;
  if (!settings.is_array()) {
    // Unverified wording: Google's parser on an object where a list belongs.
    return invalid_argument("Invalid JSON payload received. Proto field is not repeating, cannot start list.");
  }
  size_t i = 0;
  for (const ojson& s : settings) {
    const std::string at = "safety_settings[" + std::to_string(i++) + "]";
    const ojson category = s.is_object() ? s.value("category", ojson()) : ojson();
    const ojson threshold = s.is_object() ? s.value("threshold", ojson()) : ojson();
    if (!category.is_string() ||
        std::find(kCategories.begin(), kCategories.end(), category.get<std::string>()) == kCategories.end()) {
      return bad_enum(at + ".category", package + ".HarmCategory", category);
    }
    if (!threshold.is_string() ||
        std::find(kThresholds.begin(), kThresholds.end(), threshold.get<std::string>()) == kThresholds.end()) {
      return bad_enum(at + ".threshold", package + ".SafetySetting.HarmBlockThreshold", threshold);
    }
    for (size_t c = 0; c < kRatedCategories.size(); ++c) {
      if (category.get<std::string>() == kRatedCategories[c]) policy.thresholds[c] = threshold.get<std::string>();
    }
  }
  return policy;
}

std::optional<std::string> prompt_block_trigger(std::string_view prompt) {
  return reason_trigger(prompt, "emulator-block:", kBlockReasons);
}

std::optional<std::string> finish_trigger(std::string_view prompt) {
  return reason_trigger(prompt, "emulator-finish:", kFinishReasons);
}

std::string unsafe_answer(std::string_view prompt) {
  std::string out;
  for_each_token(prompt, kAnswerUnsafe, [&](std::string_view rest) {
    if (out.empty() && parse_rating(rest)) out = std::string(kUnsafe) + std::string(rest);
  });
  return out;
}

std::string text_before_unsafe(const std::string& text) {
  const size_t at = ascii_lower(text).find(kUnsafe);
  std::string out = text.substr(0, at == std::string::npos ? text.size() : at);
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

ojson ratings_json(const Ratings& r, const std::array<bool, 4>& blocked, bool vertex) {
  ojson out = ojson::array();
  for (size_t i = 0; i < r.size(); ++i) {
    ojson j;
    j["category"] = kRatedCategories[i];
    j["probability"] = kProbabilities[static_cast<size_t>(r[i])];
    if (vertex) {
      j["probabilityScore"] = kScores[static_cast<size_t>(r[i])];
      j["severity"] = kSeverities[static_cast<size_t>(r[i])];
      j["severityScore"] = kScores[static_cast<size_t>(r[i])];
    }
    if (blocked[i]) j["blocked"] = true;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace genai::emulator
