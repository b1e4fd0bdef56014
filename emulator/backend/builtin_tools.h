// The model's built-in tools, simulated deterministically: Google Search
// grounding (groundingMetadata whose supports point at the answer's real byte
// ranges and at clearly simulated https://emulator.invalid/ pages) and code
// execution (a small, safe arithmetic language that is really evaluated: the
// output is computed, never canned).
#ifndef GENAI_EMULATOR_BACKEND_BUILTIN_TOOLS_H_
#define GENAI_EMULATOR_BACKEND_BUILTIN_TOOLS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

struct CodeRun {
  std::string code;     // Python, as the model would write it
  std::string outcome;  // "OUTCOME_OK" or "OUTCOME_FAILED"
  std::string output;   // stdout, or the Python-style error
  std::string summary;  // the text part after the result
};

// When `prompt` asks to compute something the emulator can run: "sum of 1..100"
// (also "sum of the numbers from 1 to 100"), or "compute / calculate / evaluate
// / what is EXPR" with EXPR of integers, floats, + - * / // % ** and
// parentheses (Python semantics: / is true division, ** binds right). An
// expression it cannot run gives OUTCOME_FAILED with a SyntaxError or
// ZeroDivisionError. nullopt when the prompt asks for no computation.
std::optional<CodeRun> run_code_for(const std::string& prompt);

// Evaluates one expression of the language above; the printed result
// ("1027", "2.5", "4.0") or an error message starting with the Python error name.
struct Evaluation {
  bool ok = false;
  std::string text;
};
Evaluation evaluate_expression(const std::string& expression);

// groundingMetadata for an answer to `prompt`: webSearchQueries,
// searchEntryPoint.renderedContent, two groundingChunks on emulator.invalid
// and one groundingSupport per sentence of `answer` (UTF-8 byte offsets).
nlohmann::ordered_json grounding_metadata(const std::string& prompt, const std::string& answer);

// groundingMetadata of Google Maps grounding: two simulated places
// (groundingChunks[].maps with uri, title, placeId on maps.emulator.invalid),
// supports as above, and with `widget` a googleMapsWidgetContextToken.
nlohmann::ordered_json maps_grounding_metadata(const std::string& prompt, const std::string& answer, bool widget,
                                               std::uint64_t seed);

// groundingMetadata of a retrieval tool (Vertex AI Search, RAG, file search):
// two groundingChunks[].retrievedContext documents under
// https://emulator.invalid/<source>/, supports, retrievalQueries.
nlohmann::ordered_json retrieval_grounding_metadata(const std::string& prompt, const std::string& answer,
                                                    const std::string& source);

// The http(s) URLs written in `text`, in order (sentence punctuation after one
// is not part of it).
std::vector<std::string> urls_in(const std::string& text);

// urlContextMetadata for fetching `urls`: URL_RETRIEVAL_STATUS_SUCCESS, or
// _ERROR for a host under .invalid (which never resolves).
nlohmann::ordered_json url_context_metadata(const std::vector<std::string>& urls);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_BUILTIN_TOOLS_H_
