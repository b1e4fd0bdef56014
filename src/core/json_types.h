// Internal: the JSON wire mapping of the types in genai/types.h, and the
// request bodies and response parsers of the model calls. Parsers never throw:
// a body of the wrong shape becomes an Error naming what was wrong.
#ifndef GENAI_SRC_CORE_JSON_TYPES_H_
#define GENAI_SRC_CORE_JSON_TYPES_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

struct LiveServerMessage;  // genai/live.h
struct LiveRealtimeInput;

// ADL hooks for nlohmann::json (camelCase wire names).
void to_json(nlohmann::json& j, const Blob& v);
void from_json(const nlohmann::json& j, Blob& v);
void to_json(nlohmann::json& j, const FileData& v);
void from_json(const nlohmann::json& j, FileData& v);
void to_json(nlohmann::json& j, const FunctionCall& v);
void from_json(const nlohmann::json& j, FunctionCall& v);
void to_json(nlohmann::json& j, const FunctionResponse& v);
void from_json(const nlohmann::json& j, FunctionResponse& v);
void to_json(nlohmann::json& j, const ExecutableCode& v);
void from_json(const nlohmann::json& j, ExecutableCode& v);
void to_json(nlohmann::json& j, const CodeExecutionResult& v);
void from_json(const nlohmann::json& j, CodeExecutionResult& v);
void to_json(nlohmann::json& j, const Part& v);
void from_json(const nlohmann::json& j, Part& v);
void to_json(nlohmann::json& j, const Content& v);
void from_json(const nlohmann::json& j, Content& v);
void to_json(nlohmann::json& j, const SafetySetting& v);
void to_json(nlohmann::json& j, const FunctionDeclaration& v);
void from_json(const nlohmann::json& j, FunctionDeclaration& v);
// Callables are sent as functionDeclarations after the plain declarations;
// parsing puts every declaration in function_declarations.
void to_json(nlohmann::json& j, const Tool& v);
void from_json(const nlohmann::json& j, Tool& v);
void to_json(nlohmann::json& j, const FunctionCallingConfig& v);
void from_json(const nlohmann::json& j, FunctionCallingConfig& v);
void to_json(nlohmann::json& j, const ToolConfig& v);
void from_json(const nlohmann::json& j, ToolConfig& v);
void to_json(nlohmann::json& j, const ThinkingConfig& v);
void from_json(const nlohmann::json& j, ThinkingConfig& v);
void from_json(const nlohmann::json& j, SafetyRating& v);
void from_json(const nlohmann::json& j, ModalityTokenCount& v);
void from_json(const nlohmann::json& j, UsageMetadata& v);
void to_json(nlohmann::json& j, const GoogleMaps& v);
void from_json(const nlohmann::json& j, GoogleMaps& v);
void to_json(nlohmann::json& j, const UrlContext& v);
void from_json(const nlohmann::json& j, UrlContext& v);
void to_json(nlohmann::json& j, const VertexAISearch& v);
void from_json(const nlohmann::json& j, VertexAISearch& v);
void to_json(nlohmann::json& j, const VertexRagStoreRagResource& v);
void from_json(const nlohmann::json& j, VertexRagStoreRagResource& v);
void to_json(nlohmann::json& j, const VertexRagStore& v);
void from_json(const nlohmann::json& j, VertexRagStore& v);
void to_json(nlohmann::json& j, const Retrieval& v);
void from_json(const nlohmann::json& j, Retrieval& v);
void to_json(nlohmann::json& j, const EnterpriseWebSearch& v);
void from_json(const nlohmann::json& j, EnterpriseWebSearch& v);
void to_json(nlohmann::json& j, const FileSearch& v);
void from_json(const nlohmann::json& j, FileSearch& v);
void to_json(nlohmann::json& j, const ComputerUse& v);
void from_json(const nlohmann::json& j, ComputerUse& v);
void to_json(nlohmann::json& j, const DynamicRetrievalConfig& v);
void from_json(const nlohmann::json& j, DynamicRetrievalConfig& v);
void to_json(nlohmann::json& j, const GoogleSearchRetrieval& v);
void from_json(const nlohmann::json& j, GoogleSearchRetrieval& v);
void to_json(nlohmann::json& j, const ImageConfig& v);
void to_json(nlohmann::json& j, const PrebuiltVoiceConfig& v);
void to_json(nlohmann::json& j, const VoiceConfig& v);
void to_json(nlohmann::json& j, const SpeakerVoiceConfig& v);
void to_json(nlohmann::json& j, const MultiSpeakerVoiceConfig& v);
void to_json(nlohmann::json& j, const SpeechConfig& v);
void to_json(nlohmann::json& j, const RoutingConfig& v);
void to_json(nlohmann::json& j, const ModelSelectionConfig& v);
void to_json(nlohmann::json& j, const ModelArmorConfig& v);
void to_json(nlohmann::json& j, const AudioTranscriptionConfig& v);
void to_json(nlohmann::json& j, const StreamableHttpTransport& v);
void from_json(const nlohmann::json& j, StreamableHttpTransport& v);
void to_json(nlohmann::json& j, const McpServer& v);
void from_json(const nlohmann::json& j, McpServer& v);
void from_json(const nlohmann::json& j, LogprobsCandidate& v);
void from_json(const nlohmann::json& j, LogprobsTopCandidates& v);
void from_json(const nlohmann::json& j, LogprobsResult& v);
void from_json(const nlohmann::json& j, UrlMetadata& v);
void from_json(const nlohmann::json& j, UrlContextMetadata& v);
void from_json(const nlohmann::json& j, GroundingChunkMaps& v);
void from_json(const nlohmann::json& j, Candidate& v);
void from_json(const nlohmann::json& j, PromptFeedback& v);

}  // namespace genai

namespace genai::internal {

// generateContent / streamGenerateContent body: sampling fields go under
// "generationConfig"; systemInstruction, tools, toolConfig, safetySettings,
// cachedContent and labels sit at the top level (as python-genai's
// _GenerateContentParameters_to_mldev/_to_vertex).
nlohmann::json generate_content_request_body(const std::vector<Content>& contents,
                                             const GenerateContentConfig& config);
// The same with `cached_content` for config.cached_content (the name as the
// backend takes it).
nlohmann::json generate_content_request_body(const std::vector<Content>& contents,
                                             const GenerateContentConfig& config,
                                             const std::optional<std::string>& cached_content);
// The same body's text, written without a DOM (members in the order above,
// not sorted), with `cached_content` for config.cached_content (the name as
// the backend takes it); nullopt when a string in it is not UTF-8, which
// dump_request_body of the DOM then names.
std::optional<std::string> write_generate_content_request(const std::vector<Content>& contents,
                                                          const GenerateContentConfig& config,
                                                          const std::optional<std::string>& cached_content);
// The "generationConfig" object alone (empty object when nothing is set).
nlohmann::json generation_config_json(const GenerateContentConfig& config);
// The first field of `config` the backend does not take (python-genai raises
// ValueError for the same ones), as an invalid-argument Error naming it.
std::optional<Error> unsupported_generate_config(bool vertexai, const GenerateContentConfig& config);

// countTokens: the Developer API takes {"contents"} or, with a system
// instruction or tools, {"generateContentRequest":{"model",...}}; Vertex AI
// takes {"contents","systemInstruction","tools"} directly.
nlohmann::json count_tokens_request_body(bool vertexai, const std::string& model_resource,
                                         const std::vector<Content>& contents, const CountTokensConfig& config);
// Developer API embedContent ({"content",...}) or batchEmbedContents
// ({"requests":[{"model","content",...}]}).
nlohmann::json embed_request_body(const std::string& model_resource, const std::vector<Content>& contents,
                                  const EmbedContentConfig& config, bool batch);
// Vertex AI :predict for text embeddings ({"instances":[{"content",...}],"parameters":{...}}).
nlohmann::json vertex_embed_request_body(const std::vector<Content>& contents, const EmbedContentConfig& config);

// Copies the members of object `j` not named in `known` into `extra`: how
// every wire struct keeps the fields this library does not model.
void collect_extra(const nlohmann::json& j, std::initializer_list<std::string_view> known, nlohmann::json& extra);

// The member `key` of object `j` as a string; nullopt when absent or not a string.
std::optional<std::string> optional_string(const nlohmann::json& j, const char* key);
// An int64 member: protobuf's JSON writes them as strings ("123"), a number
// is taken too; nullopt when absent or null. Throws on a malformed value, as
// the parsers' other reads do (parse_guarded turns that into an Error).
std::optional<int64_t> optional_int64(const nlohmann::json& j, const char* key);

// Runs `parse` and turns any JSON type error into an Error naming the call,
// so a response of an unexpected shape never throws out of the library.
template <typename T, typename F>
Result<T> parse_guarded(const char* what, const nlohmann::json& j, F&& parse) {
  if (!j.is_object()) {
    return unexpected_response(std::string("unexpected ") + what + ": expected a JSON object, got " + j.type_name());
  }
  try {
    T out = parse();
    return out;
  } catch (const std::exception& e) {
    return unexpected_response(std::string("unexpected ") + what + " shape: " + e.what());
  }
}

// One response or one chunk of a stream, as it came.
Result<GenerateContentResponse> parse_generate_content_response(nlohmann::json j);
// The same from the response's bytes, read without building nlohmann's DOM
// (json_tape.h): `raw` keeps `text` (moved out) and is parsed only if asked
// for. nullopt, with `text` untouched, when the fast reader is not sure
// (not JSON it reads, a wrong shape, an {"error":...} event, or with
// `whole_answer` no answer in it): parse_json and parse_generate_content_*
// then give the answer or the exact error.
std::optional<GenerateContentResponse> read_generate_content_response(std::string& text, bool whole_answer);
// Whether a response holds an answer: candidates, or the promptFeedback of a
// blocked prompt (which comes without candidates).
bool carries_answer(const GenerateContentResponse& r);
// A whole (unstreamed) answer: parse_generate_content_response, and an Error
// (no_gemini_answer) when it does not carry an answer, as `{}` from a server
// that is not Gemini would otherwise pass for an empty one.
Result<GenerateContentResponse> parse_generate_content_answer(nlohmann::json j);
// A Live API realtimeInput message (the audio of a spoken turn, sent in
// many small chunks): as a DOM, and written straight to its bytes (nullopt
// when a string in it is not UTF-8: the DOM's dump names the field).
nlohmann::json live_realtime_input_json(const LiveRealtimeInput& input);
std::optional<std::string> live_realtime_input_text(const LiveRealtimeInput& input);
// One message of a Live API session. From its bytes: read without a DOM
// (json_tape.h), `raw` keeping `text`; anything the tape is not sure of,
// and every error (not JSON, not an object, a wrong shape), takes the DOM's
// way, which names it. The DOM form is that way, for tests to compare.
Result<LiveServerMessage> parse_live_server_message(std::string text);
Result<LiveServerMessage> parse_live_server_message(nlohmann::json j);
Result<CountTokensResponse> parse_count_tokens_response(nlohmann::json j);
Result<ComputeTokensResponse> parse_compute_tokens_response(nlohmann::json j);
Result<EmbedContentResponse> parse_embed_content_response(nlohmann::json j);
Result<EmbedContentResponse> parse_vertex_embed_response(nlohmann::json j);
Result<Model> parse_model(nlohmann::json j);
Result<Page<Model>> parse_list_models_response(nlohmann::json j);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_TYPES_H_
