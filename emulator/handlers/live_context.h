// The context of a Live session as the emulator counts it, and the sliding
// window of contextWindowCompression (Google's rule, python-genai's
// SlidingWindow: the window keeps a suffix of the conversation that starts
// at a user turn; the system instruction stays). Pure functions over the
// history (a JSON array of Content), tested without a session:
//
//   size_t drop = live_sliding_window_cut(history, 1000);  // turns to drop from the front
//
// LiveHistory is a session's history with what each answer needs of it
// worked out once per turn, when the turn is added: its tokens and its JSON
// as the request key writes it. An answer then costs the same at the
// hundredth turn as at the first, where recounting and re-serializing the
// whole conversation made it grow with every turn.
#ifndef GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_
#define GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// The tokens of one turn (its text parts, as promptTokenCount counts them).
std::int64_t live_turn_tokens(const nlohmann::ordered_json& turn);
// The tokens of a whole history.
std::int64_t live_context_tokens(const nlohmann::ordered_json& history);
// How many turns at the front of `history` the sliding window drops so that
// the rest holds at most `target` tokens: the fewest that leave a history
// starting at a user turn (not a function response, which belongs to the
// call before it). When no cut gets down to `target`, the cut at the last
// user turn (the one the model is about to answer stays); 0 when there is
// no user turn to cut at.
std::size_t live_sliding_window_cut(const nlohmann::ordered_json& history, std::int64_t target);

class LiveHistory {
 public:
  void push_back(nlohmann::ordered_json turn);
  // Forgets the first `n` turns (the sliding window's cut).
  void drop_front(std::size_t n);
  // Replaces the whole history (a resumed session's).
  void assign(const nlohmann::ordered_json& turns);

  const nlohmann::ordered_json& turns() const { return turns_; }
  // The turns as they are now, shared and never changed: made once after
  // each change, so the resumption handles saved between two turns (one per
  // audio chunk with transparent resumption) share one copy.
  std::shared_ptr<const nlohmann::ordered_json> snapshot() const;
  // The size of turns() as JSON: "[", the turns, commas between, "]".
  std::size_t bytes() const { return 2 + key_bytes_ + (turn_keys_.empty() ? 0 : turn_keys_.size() - 1); }
  std::size_t size() const { return turns_.size(); }
  // live_context_tokens(turns()).
  std::int64_t tokens() const { return tokens_; }
  // request_key(model, body) for a body of {"contents": turns()} and
  // `rest` (its other members), without serializing the turns again.
  std::string request_key(std::string_view model, const nlohmann::ordered_json& rest) const;
  // live_sliding_window_cut(turns(), target).
  std::size_t sliding_window_cut(std::int64_t target) const;

 private:
  nlohmann::ordered_json turns_ = nlohmann::ordered_json::array();
  std::deque<std::int64_t> turn_tokens_;  // live_turn_tokens of each turn
  std::deque<std::string> turn_keys_;     // each turn as request_key writes it
  std::int64_t tokens_ = 0;
  std::size_t key_bytes_ = 0;  // the sizes of turn_keys_
  mutable std::shared_ptr<const nlohmann::ordered_json> snapshot_;  // null after a change
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_
