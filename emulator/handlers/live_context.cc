// A Live session's context window (live_context.h) and
// LiveSession::fit_context / read_compression (live_session.h).
#include "emulator/handlers/live_context.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "emulator/backend/generator.h"
#include "emulator/common/env.h"
#include "emulator/common/errors.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/live_session.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// A turn the window may start at: the user's, and not a function response.
bool window_start(const ojson& turn) {
  if (!turn.is_object() || turn.value("role", "user") != "user") return false;
  for (const ojson& p : turn.value("parts", ojson::array())) {
    if (p.is_object() && p.contains("functionResponse")) return false;
  }
  return true;
}

// An int64 of the setup, a JSON number or (proto3's JSON) a string of digits.
std::optional<std::int64_t> int64_field(const ojson& j) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (!j.is_string()) return std::nullopt;
  const std::string s = j.get<std::string>();
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

}  // namespace

std::int64_t live_turn_tokens(const ojson& turn) {
  return TextGenerator::count_tokens(texts_of(ojson::array({turn})));
}

std::int64_t live_context_tokens(const ojson& history) {
  std::int64_t n = 0;
  for (const ojson& t : history) n += live_turn_tokens(t);
  return n;
}

namespace {

// live_sliding_window_cut with each turn's tokens already counted.
template <class Tokens>
std::size_t sliding_window_cut(const ojson& history, const Tokens& tokens, std::int64_t target) {
  std::int64_t total = 0;
  for (const std::int64_t n : tokens) total += n;
  if (total <= target) return 0;
  std::size_t last_start = 0;
  std::int64_t dropped = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && window_start(history[i])) {
      if (total - dropped <= target) return i;
      last_start = i;
    }
    dropped += tokens[i];
  }
  return last_start;
}

}  // namespace

std::size_t live_sliding_window_cut(const ojson& history, std::int64_t target) {
  if (!history.is_array()) return 0;
  std::vector<std::int64_t> tokens;
  for (const ojson& t : history) tokens.push_back(live_turn_tokens(t));
  return sliding_window_cut(history, tokens, target);
}

void LiveHistory::push_back(ojson turn) {
  turn_tokens_.push_back(live_turn_tokens(turn));
  tokens_ += turn_tokens_.back();
  turn_keys_.push_back(nlohmann::json(turn).dump());
  key_bytes_ += turn_keys_.back().size();
  turns_.push_back(std::move(turn));
  snapshot_.reset();
}

void LiveHistory::drop_front(std::size_t n) {
  n = std::min(n, turns_.size());
  for (std::size_t i = 0; i < n; ++i) {
    tokens_ -= turn_tokens_[i];
    key_bytes_ -= turn_keys_[i].size();
  }
  turn_tokens_.erase(turn_tokens_.begin(), turn_tokens_.begin() + static_cast<std::ptrdiff_t>(n));
  turn_keys_.erase(turn_keys_.begin(), turn_keys_.begin() + static_cast<std::ptrdiff_t>(n));
  turns_.erase(turns_.begin(), turns_.begin() + static_cast<std::ptrdiff_t>(n));
  if (n > 0) snapshot_.reset();
}

std::shared_ptr<const ojson> LiveHistory::snapshot() const {
  if (!snapshot_) snapshot_ = std::make_shared<const ojson>(turns_);
  return snapshot_;
}

void LiveHistory::assign(const ojson& turns) {
  *this = LiveHistory();
  if (!turns.is_array()) return;
  for (const ojson& t : turns) push_back(t);
}

std::size_t LiveHistory::sliding_window_cut(std::int64_t target) const {
  return genai::emulator::sliding_window_cut(turns_, turn_tokens_, target);
}

std::string LiveHistory::request_key(std::string_view model, const ojson& rest) const {
  // nlohmann::json sorts members, and "contents" sorts before every other
  // member of a request (generationConfig, systemInstruction, tools), so
  // the key is {"contents":[turn,...] followed by the rest's own members.
  const std::string others = nlohmann::json(rest).dump();  // "{}" or {"generationConfig":...}
  std::size_t size = model.size() + others.size() + 16;
  for (const std::string& k : turn_keys_) size += k.size() + 1;
  std::string key;
  key.reserve(size);
  key.append(model).append("\n{\"contents\":[");
  for (std::size_t i = 0; i < turn_keys_.size(); ++i) {
    if (i > 0) key += ',';
    key += turn_keys_[i];
  }
  key += ']';
  if (others.size() > 2) key.append(",").append(others, 1, std::string::npos);
  else key += '}';
  return key;
}

std::optional<GoogleError> LiveSession::read_compression(const ojson& setup) {
  trigger_tokens_.reset();
  const ojson c = setup.value("contextWindowCompression", ojson());
  // Without slidingWindow (the one mechanism there is) nothing is compressed.
  if (!c.is_object() || !c.contains("slidingWindow")) return std::nullopt;
  const std::int64_t window = env_.options().live_context_window_tokens;
  // Google's defaults: trigger at 80% of the context window, keep half of the trigger.
  std::int64_t trigger = window * 8 / 10;
  if (c.contains("triggerTokens")) {
    std::optional<std::int64_t> v = int64_field(c["triggerTokens"]);
    if (!v) {
      return invalid_field_value("setup.context_window_compression.trigger_tokens", "TYPE_INT64",
                                 c["triggerTokens"].dump());
    }
    trigger = *v;
  }
  std::int64_t target = trigger / 2;
  const ojson w = c["slidingWindow"];
  if (w.is_object() && w.contains("targetTokens")) {
    std::optional<std::int64_t> v = int64_field(w["targetTokens"]);
    if (!v) {
      return invalid_field_value("setup.context_window_compression.sliding_window.target_tokens", "TYPE_INT64",
                                 w["targetTokens"].dump());
    }
    target = *v;
  }
  trigger_tokens_ = trigger;
  target_tokens_ = target;
  return std::nullopt;
}

std::optional<LiveClose> LiveSession::fit_context() {
  std::int64_t tokens = history_.tokens();
  if (trigger_tokens_ && tokens > *trigger_tokens_) {
    history_.drop_front(history_.sliding_window_cut(target_tokens_));
    tokens = history_.tokens();
  }
  const std::int64_t window = env_.options().live_context_window_tokens;
  if (tokens > window) return close_for(live_context_exceeded(tokens, window));
  return std::nullopt;
}

}  // namespace genai::emulator
