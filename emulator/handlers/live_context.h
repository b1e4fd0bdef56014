// The context of a Live session as the emulator counts it, and the sliding
// window of contextWindowCompression (Google's rule, python-genai's
// SlidingWindow: the window keeps a suffix of the conversation that starts
// at a user turn; the system instruction stays). Pure functions over the
// history (a JSON array of Content), tested without a session:
//
//   size_t drop = live_sliding_window_cut(history, 1000);  // turns to drop from the front
#ifndef GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_
#define GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_

#include <cstddef>
#include <cstdint>

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

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_LIVE_CONTEXT_H_
