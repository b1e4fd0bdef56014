// What the emulated model says to one generateContent request, decided
// deterministically from the whole request: a function call when the request
// declares functions and the latest user turn names one (or the mode is ANY),
// a text that reports the results once function responses came back, JSON
// that validates against responseSchema / responseJsonSchema, and a thought
// part when thinkingConfig.includeThoughts asks for it; a PNG when
// responseModalities includes IMAGE, and a description of inline images it
// was sent (backend/media.h); with the codeExecution tool, code that really
// computes what the prompt asks; with googleSearch (or enterpriseWebSearch,
// googleSearchRetrieval), googleMaps, retrieval or fileSearch,
// groundingMetadata for the answer, and with urlContext urlContextMetadata
// for the prompt's URLs (backend/builtin_tools.h); with computerUse, one
// predefined UI action per turn (backend/computer_use.h); the prompt spoken for
// responseModalities AUDIO, and logprobsResult for responseLogprobs
// (backend/speech_logprobs.h); asked for an unsafe answer, one that the
// safety filters rate (backend/safety.h). Reads the request as
// plain JSON, never with libgenai's types, so a bug shared with the client
// cannot hide; the routes turn a ModelTurn into Google's response shape.
#ifndef GENAI_EMULATOR_BACKEND_RESPONDER_H_
#define GENAI_EMULATOR_BACKEND_RESPONDER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/backend/builtin_tools.h"
#include "emulator/backend/generator.h"

namespace genai::emulator {

struct ModelCall {
  std::string name;
  nlohmann::ordered_json args;
};

struct ModelTurn {
  std::string thought;          // empty: no thought part
  std::vector<ModelCall> calls; // non-empty: the model asks for these instead of answering
  std::optional<CodeRun> code;  // code execution: executableCode + codeExecutionResult before the text
  std::string text;             // the answer (JSON text in JSON mode); may be empty with an image
  std::string image_png;        // non-empty: an image part (responseModalities IMAGE)
  nlohmann::ordered_json grounding;  // groundingMetadata with googleSearch; null: none
  std::string finish_reason = "STOP";
  // Set by the safety filters (routes): the answer's ratings (null: none
  // shown), and whether a filter withheld the content (finish_reason says why).
  nlohmann::ordered_json safety_ratings;
  bool withheld = false;
  int64_t tokens = 0;           // candidates tokens
  int64_t thought_tokens = 0;   // 0: no thinking happened
  std::string audio_pcm;        // non-empty: an audio part (responseModalities AUDIO): the prompt spoken
  nlohmann::ordered_json logprobs;   // logprobsResult with responseLogprobs; null: none
  double avg_logprobs = 0;
  nlohmann::ordered_json url_context;  // urlContextMetadata with urlContext and URLs in the prompt; null: none
};

// The prompt: the text of the latest user turn that has text (function
// responses after it answer the calls made for it).
std::string latest_prompt(const nlohmann::ordered_json& contents);
// Where that turn is in `contents` (0 when none has text). respond() reads
// the contents from there on only.
std::size_t prompt_index(const nlohmann::ordered_json& contents);

// How the model thinks for one request (the routes decide it from the model
// and thinkingConfig): `budget` 0 is no thinking, -1 dynamic (as much as the
// model likes), else at most that many tokens; thoughts are shown as parts
// only with `include_thoughts`.
struct ThinkingPlan {
  int64_t budget = 0;
  bool include_thoughts = false;
};

// `key` identifies the request and candidate (model + body + index), as for
// TextGenerator::generate.
ModelTurn respond(const TextGenerator& gen, const std::string& key, const nlohmann::ordered_json& body,
                  const ThinkingPlan& thinking);

// A value that validates against `schema` (OpenAPI subset with upper-case
// types, or JSON Schema): every property, arrays of 1-3 items, the first
// fitting enum value, numbers within minimum/maximum. Deterministic in `seed`.
nlohmann::ordered_json value_from_schema(const nlohmann::ordered_json& schema, std::uint64_t seed);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_RESPONDER_H_
