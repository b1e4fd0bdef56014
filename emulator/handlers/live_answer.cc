// The model's turn in a Live session (LiveSession::answer, live_session.h):
// the generateContent responder decides it from the history, system
// instruction and tools; it goes out as a tool call, or streamed as text
// pieces or as 24 kHz speech with its transcription.
#include <string>
#include <vector>

#include "core/base64.h"
#include "emulator/backend/responder.h"
#include "emulator/backend/speech_logprobs.h"
#include "emulator/common/env.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/live_session.h"
#include "emulator/handlers/live_setup.h"
#include "emulator/state/live_store.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The answer's text cut into pieces at word boundaries (about 40 bytes
// each): what arrives in one serverContent each.
std::vector<std::string> text_pieces(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + 40);
    if (end < text.size()) {
      const size_t space = text.find(' ', end);
      end = space == std::string::npos ? text.size() : space;
    }
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

}  // namespace

void LiveSession::answer(LiveOutput& out) {
  if (std::optional<LiveClose> full = fit_context()) {
    out.close = std::move(full);
    return;
  }
  // The request generateContent would get: the history, the system
  // instruction, the tools and the generation config. Its key (which seeds
  // the answer) covers the whole history; the responder reads only the
  // turns from the latest prompt on, so only those are copied.
  ojson body = ojson::object();
  if (setup_.contains("systemInstruction")) body["systemInstruction"] = setup_["systemInstruction"];
  if (setup_.contains("tools")) body["tools"] = setup_["tools"];
  ojson gc = setup_.value("generationConfig", ojson::object());
  const bool audio = live_wants_audio(setup_);
  gc.erase("responseModalities");
  gc.erase("speechConfig");
  body["generationConfig"] = gc;
  const std::string key = history_.request_key(model_id_, body);
  const ojson& turns = history_.turns();
  body["contents"] = ojson(turns.begin() + static_cast<std::ptrdiff_t>(prompt_index(turns)), turns.end());
  const ModelTurn turn = respond(env_.generator(), key, body, ThinkingPlan{0, false});
  const bool vertex = endpoint_.kind == LiveEndpoint::Kind::kVertex;
  const std::int64_t prompt_tokens = history_.tokens();

  if (!turn.calls.empty()) {
    ojson calls = ojson::array();
    ojson parts = ojson::array();
    for (const ModelCall& c : turn.calls) {
      const std::string id = "function-call-" + std::to_string(TextGenerator::hash(key + c.name, next_call_++));
      calls.push_back({{"id", id}, {"name", c.name}, {"args", c.args}});
      parts.push_back({{"functionCall", {{"name", c.name}, {"args", c.args}}}});
      pending_calls_.push_back(id);
    }
    history_.push_back({{"role", "model"}, {"parts", std::move(parts)}});
    out.stream.push_back(message({{"toolCall", {{"functionCalls", std::move(calls)}}}}));
    return;
  }

  history_.push_back({{"role", "model"}, {"parts", ojson::array({{{"text", turn.text}}})}});
  std::int64_t response_tokens = turn.tokens;
  if (audio) {
    const std::string voice = setup_.value("generationConfig", ojson::object())
                                  .value("speechConfig", ojson::object())
                                  .value("voiceConfig", ojson::object())
                                  .value("prebuiltVoiceConfig", ojson::object())
                                  .value("voiceName", "Puck");
    const std::string pcm = speech_pcm(turn.text, voice);
    const std::vector<std::string> words = tokens_of(turn.text);
    const bool transcribe = setup_.contains("outputAudioTranscription");
    // Four words of speech (0.6 s) a message, with their transcription.
    constexpr size_t kWordsPerChunk = 4;
    constexpr size_t kBytesPerWord = static_cast<size_t>(kSpeechSampleRate) * 15 / 100 * 2;
    size_t word = 0;
    for (size_t at = 0; at < pcm.size(); at += kWordsPerChunk * kBytesPerWord) {
      const std::string chunk = pcm.substr(at, kWordsPerChunk * kBytesPerWord);
      out.stream.push_back(message(
          {{"serverContent",
            {{"modelTurn",
              {{"parts", ojson::array({{{"inlineData",
                                          {{"mimeType", "audio/pcm;rate=24000"}, {"data", internal::base64_encode(chunk)}}}}})}}}}}}));
      if (transcribe) {
        std::string said;
        const bool last = at + kWordsPerChunk * kBytesPerWord >= pcm.size();
        for (size_t n = 0; word < words.size() && (last || n < kWordsPerChunk); ++n) said += words[word++];
        out.stream.push_back(message({{"serverContent", {{"outputTranscription", {{"text", said}}}}}}));
      }
    }
    response_tokens = static_cast<std::int64_t>(pcm.size()) * 25 / (2 * kSpeechSampleRate);
  } else {
    for (const std::string& piece : text_pieces(turn.text)) {
      out.stream.push_back(message({{"serverContent", {{"modelTurn", {{"parts", ojson::array({{{"text", piece}}})}}}}}}));
    }
  }
  out.stream.push_back(message({{"serverContent", {{"generationComplete", true}}}}));
  const char* modality = audio ? "AUDIO" : "TEXT";
  ojson usage = {{"promptTokenCount", prompt_tokens}};
  usage[vertex ? "candidatesTokenCount" : "responseTokenCount"] = response_tokens;
  usage["totalTokenCount"] = prompt_tokens + response_tokens;
  usage["promptTokensDetails"] = ojson::array({{{"modality", "TEXT"}, {"tokenCount", prompt_tokens}}});
  usage[vertex ? "candidatesTokensDetails" : "responseTokensDetails"] =
      ojson::array({{{"modality", modality}, {"tokenCount", response_tokens}}});
  out.stream.push_back(message({{"serverContent", {{"turnComplete", true}}}, {"usageMetadata", std::move(usage)}}));
  if (resumable_) out.stream.push_back(resumption_update());
  answering_ = true;
}

}  // namespace genai::emulator
