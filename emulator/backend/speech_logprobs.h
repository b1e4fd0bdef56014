// Two model outputs beside text, simulated deterministically: speech (what a
// TTS model returns for responseModalities AUDIO: 16-bit PCM at 24 kHz, one
// short tone per word whose pitch depends on the voice, so a test can hear
// that the voice was used and the length follows the text) and log
// probabilities (logprobsResult for responseLogprobs: the answer cut into
// tokens, each chosen token the most likely of its step).
#ifndef GENAI_EMULATOR_BACKEND_SPEECH_LOGPROBS_H_
#define GENAI_EMULATOR_BACKEND_SPEECH_LOGPROBS_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

inline constexpr int kSpeechSampleRate = 24000;
inline constexpr const char* kSpeechMimeType = "audio/L16;codec=pcm;rate=24000";

// `text` cut before each space after the first character: the emulator's
// tokens ("Hello", " world"), as logprobs and Live's streamed words use them.
std::vector<std::string> tokens_of(const std::string& text);

// Signed 16-bit little-endian mono PCM at kSpeechSampleRate: for each word of
// `text` (at most 80) a 0.12 s tone at a pitch chosen by `voice`, then 0.03 s
// of silence.
std::string speech_pcm(const std::string& text, const std::string& voice);

// logprobsResult for `text`: chosenCandidates (one per token: a word with the
// space before it), topCandidates with `top` candidates per step (none when
// `top` is 0), the chosen one first; logProbabilitySum. `avg` receives the
// mean log probability (the candidate's avgLogprobs).
nlohmann::ordered_json logprobs_result(const std::string& text, int top, std::uint64_t seed, double* avg);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_SPEECH_LOGPROBS_H_
