// The data model of generation calls: plain structs mirroring the official
// SDKs' types (python-genai types.py), with C++ snake_case member names that
// map one-to-one to Google's camelCase wire names (system_instruction <->
// "systemInstruction"). Optional fields are std::optional and are omitted from
// requests when unset. Enum-like fields (finishReason, role, harm categories)
// are strings, so a value Google adds tomorrow never breaks parsing.
//
//   genai::GenerateContentConfig cfg;
//   cfg.temperature = 0.3;
//   cfg.max_output_tokens = 200;
//   cfg.system_instruction = genai::Content::from_text("Be brief.");
//   std::vector<genai::Content> contents = {genai::Content::from_text("Hello")};
//
// Never blocked by a field not modelled here: every struct of the wire
// (parts, contents, candidates, usage, tools, ...) has `extra`, a JSON object
// of the members this library does not know. A response fills it with what
// it did not model; a request sends it merged into the object (modelled
// fields win). So a part of a kind added tomorrow survives a chat's history
// and is sent back as it came, and a new field can be sent today:
//
//   genai::Part clip = genai::Part::from_uri(uri, "video/mp4");
//   clip.extra["videoMetadata"] = {{"startOffset", "10s"}};
//   r->candidates[0].extra["someNewField"];   // as Google sent it
//
// Whole responses also keep the JSON they were parsed from in `raw`.
#ifndef GENAI_TYPES_H_
#define GENAI_TYPES_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/image.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai {

using Json = nlohmann::json;

// Raw bytes with a MIME type; `data` is base64 on the wire and here.
struct Blob {
  std::string mime_type;
  std::string data;  // base64 (standard alphabet)
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const Blob&) const = default;
};

struct FileData {
  std::string mime_type;
  std::string file_uri;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const FileData&) const = default;
};

struct FunctionCall {
  std::optional<std::string> id;
  std::string name;
  Json args = Json::object();
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const FunctionCall&) const = default;
};

struct FunctionResponse {
  std::optional<std::string> id;
  std::string name;
  Json response = Json::object();
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const FunctionResponse&) const = default;
};

// Code the model wrote and ran with the code execution tool.
struct ExecutableCode {
  std::string language;  // "PYTHON"
  std::string code;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const ExecutableCode&) const = default;
};

struct CodeExecutionResult {
  std::string outcome;  // "OUTCOME_OK", "OUTCOME_FAILED", "OUTCOME_DEADLINE_EXCEEDED"
  std::optional<std::string> output;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const CodeExecutionResult&) const = default;
};

// One piece of a message. Exactly one of text / inline_data / file_data /
// function_call / function_response / executable_code /
// code_execution_result is normally set.
struct Part {
  std::optional<std::string> text;
  std::optional<Blob> inline_data;
  std::optional<FileData> file_data;
  std::optional<FunctionCall> function_call;
  std::optional<FunctionResponse> function_response;
  std::optional<ExecutableCode> executable_code;
  std::optional<CodeExecutionResult> code_execution_result;
  std::optional<bool> thought;               // true: the model's reasoning, not the answer
  std::optional<std::string> thought_signature;
  Json extra = Json::object();  // members not modelled above (see the top of this file)

  static Part from_text(std::string_view text);
  // Base64-encodes `bytes`.
  static Part from_bytes(std::string_view bytes, std::string_view mime_type);
  static Part from_uri(std::string_view file_uri, std::string_view mime_type);
  static Part from_function_response(std::string_view name, Json response);
  // The file's bytes inline, with the MIME type detected from the content
  // (detect_mime_type) unless `mime_type` is given. Fails with a message
  // naming the path when the file is missing, unreadable, a directory, empty,
  // or larger than kMaxInlineDataBytes (use the Files API for those).
  static Result<Part> from_file(const std::string& path, std::string_view mime_type = {});
  // An inline image part (Image::from_file's result, or a generated image).
  static Part from_image(const Image& image);
  // This part's inline data decoded, when it is an image (MIME image/*).
  std::optional<Image> as_image() const;

  bool operator==(const Part&) const = default;
};

struct Content {
  std::optional<std::string> role;  // "user" or "model"
  std::vector<Part> parts;

  // A user message with one text part.
  static Content from_text(std::string_view text, std::string_view role = "user");

  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const Content&) const = default;
};

struct SafetySetting {
  std::string category;   // e.g. "HARM_CATEGORY_HARASSMENT"
  std::string threshold;  // e.g. "BLOCK_ONLY_HIGH"
  std::optional<std::string> method;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const SafetySetting&) const = default;
};

struct FunctionDeclaration {
  std::string name;
  std::optional<std::string> description;
  std::optional<Json> parameters;           // OpenAPI-subset schema
  std::optional<Json> parameters_json_schema;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const FunctionDeclaration&) const = default;
};

// A C++ function the client may call for the model (automatic function
// calling). `fn` gets the model's args and returns the JSON sent back as the
// function's response ({"result": ...} unless it is already an object). A
// throwing `fn` ends the call with an error naming the function.
struct CallableFunction {
  FunctionDeclaration declaration;
  std::function<Json(const Json& args)> fn;
  // Functions are compared by declaration only: std::function has no ==.
  bool operator==(const CallableFunction& o) const { return declaration == o.declaration; }
};

struct Tool {
  std::vector<FunctionDeclaration> function_declarations;
  std::optional<Json> google_search;        // {} enables grounding with Google Search
  std::optional<Json> code_execution;       // {} enables code execution
  // Sent as functionDeclarations too; the client runs them itself. Last, so
  // aggregate initialisation of the wire fields keeps working.
  std::vector<CallableFunction> callables;
  Json extra = Json::object();  // members not modelled above (see the top of this file)

  // A tool of C++ functions the client calls automatically (as python-genai's tools=[fn]).
  static Tool from_functions(std::vector<CallableFunction> functions);
  bool operator==(const Tool&) const = default;
};

struct FunctionCallingConfig {
  std::optional<std::string> mode;  // "AUTO" (default), "ANY" (must call), "NONE", "VALIDATED"
  std::vector<std::string> allowed_function_names;  // with ANY: only these
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const FunctionCallingConfig&) const = default;
};

struct ToolConfig {
  std::optional<FunctionCallingConfig> function_calling_config;
  std::optional<Json> retrieval_config;  // {"latLng": {...}, "languageCode": ...}
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const ToolConfig&) const = default;
};

// Client-side only (never sent): how many model round trips automatic
// function calling may make. python-genai's default is 10.
struct AutomaticFunctionCallingConfig {
  bool disable = false;
  int maximum_remote_calls = 10;
  bool operator==(const AutomaticFunctionCallingConfig&) const = default;
};

struct ThinkingConfig {
  std::optional<int> thinking_budget;
  std::optional<bool> include_thoughts;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const ThinkingConfig&) const = default;
};

struct GenerateContentConfig {
  std::optional<Content> system_instruction;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int> top_k;
  std::optional<int> candidate_count;
  std::optional<int> max_output_tokens;
  std::vector<std::string> stop_sequences;
  std::optional<double> presence_penalty;
  std::optional<double> frequency_penalty;
  std::optional<int> seed;
  std::optional<std::string> response_mime_type;   // e.g. "application/json"
  std::optional<Json> response_schema;
  std::optional<Json> response_json_schema;
  std::vector<std::string> response_modalities;    // "TEXT", "IMAGE"
  std::vector<SafetySetting> safety_settings;
  std::vector<Tool> tools;
  std::optional<ToolConfig> tool_config;
  std::optional<AutomaticFunctionCallingConfig> automatic_function_calling;
  std::optional<ThinkingConfig> thinking_config;
  std::optional<std::string> cached_content;       // "cachedContents/..."
  std::optional<Json> labels;                      // Vertex AI only
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)

  bool operator==(const GenerateContentConfig&) const = default;
};

struct SafetyRating {
  std::string category;
  std::string probability;
  std::optional<bool> blocked;
  std::optional<double> probability_score;
  std::optional<std::string> severity;
  std::optional<double> severity_score;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

struct ModalityTokenCount {
  std::string modality;  // "TEXT", "IMAGE", "AUDIO", ...
  int64_t token_count = 0;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

struct UsageMetadata {
  std::optional<int64_t> prompt_token_count;
  std::optional<int64_t> candidates_token_count;
  std::optional<int64_t> total_token_count;
  std::optional<int64_t> thoughts_token_count;
  std::optional<int64_t> cached_content_token_count;
  std::optional<int64_t> tool_use_prompt_token_count;
  std::vector<ModalityTokenCount> prompt_tokens_details;
  std::vector<ModalityTokenCount> candidates_tokens_details;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

struct Candidate {
  std::optional<Content> content;        // absent e.g. on MALFORMED_FUNCTION_CALL
  std::optional<std::string> finish_reason;  // "STOP", "MAX_TOKENS", "SAFETY", ...
  std::optional<std::string> finish_message;
  std::vector<SafetyRating> safety_ratings;
  std::optional<Json> citation_metadata;
  std::optional<Json> grounding_metadata;   // raw: Google grows it often (webSearchQueries, groundingChunks, ...)
  std::optional<int64_t> token_count;
  std::optional<int> index;
  std::optional<double> avg_logprobs;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

struct PromptFeedback {
  std::optional<std::string> block_reason;
  std::optional<std::string> block_reason_message;
  std::vector<SafetyRating> safety_ratings;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

// Why a response carries no answer: Google's safety filters or content
// policy withheld it, before generation (the prompt: promptFeedback.blockReason,
// and no candidates at all) or during it (the first candidate's finishReason
// SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY, ...).
// Google answers such a request with HTTP 200, so the call succeeds; ask the
// response with blocked(), or use checked_text() to get an Error instead.
//
//   if (auto block = r->blocked()) std::cerr << block->explanation() << "\n";
struct Block {
  enum class Source { kPrompt, kCandidate };
  Source source = Source::kPrompt;
  std::string reason;                  // BlockReason (prompt) or FinishReason (candidate), as Google sent it
  std::optional<std::string> message;  // Google's blockReasonMessage / finishMessage, if any
  // The ratings that caused it: those Google marked `blocked`, else (for
  // SAFETY) the most probable ones above NEGLIGIBLE. Every rating stays in
  // prompt_feedback / candidates[0].safety_ratings.
  std::vector<SafetyRating> ratings;

  // True when safety_settings can change the outcome (reason SAFETY). The
  // other reasons come from filters no setting turns off.
  bool adjustable() const;
  // What happened and what to do, in plain words: the category and
  // probability that tripped, and the threshold that would let it through;
  // or why no setting helps (RECITATION, PROHIBITED_CONTENT, BLOCKLIST, ...).
  std::string explanation() const;
  // This block as an Error of kind kBlocked (message: what happened, fix:
  // what to do), for code that treats a withheld answer as a failure.
  Error to_error() const;
};

struct GenerateContentResponse {
  std::vector<Candidate> candidates;
  std::optional<UsageMetadata> usage_metadata;
  std::optional<PromptFeedback> prompt_feedback;
  std::optional<std::string> model_version;
  std::optional<std::string> response_id;
  std::optional<std::string> create_time;
  // Filled by automatic function calling: every turn sent and received before
  // this answer (the input, the model's function calls, the responses).
  std::vector<Content> automatic_function_calling_history;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  Json raw;  // the response as received, including fields not modelled above

  // The answer: the text parts of the first candidate, concatenated, without
  // thought parts (as the official SDKs' .text). "" when there is none,
  // including when a filter withheld the answer: check blocked(), or use
  // checked_text(), so a blocked answer never passes for an empty one.
  std::string text() const;
  // Why the answer was withheld, if it was: the prompt's block, else the
  // first candidate's. nullopt for an answer, also for one cut short by
  // MAX_TOKENS or a MALFORMED_FUNCTION_CALL (those are not filters). On a
  // stream, the first chunk carries a prompt block and the last chunk a
  // candidate's (text already streamed before it is incomplete).
  std::optional<Block> blocked() const;
  // text(), or blocked()->to_error() when a filter withheld the answer.
  Result<std::string> checked_text() const;
  // The model's reasoning: the thought parts of the first candidate.
  std::string thoughts() const;
  // The function calls of the first candidate, in order.
  std::vector<FunctionCall> function_calls() const;
  // The images of the first candidate (inline data parts with an image/*
  // MIME type), decoded from base64, in order. Save one with Image::save.
  std::vector<Image> images() const;
  // Code execution (as python-genai's properties): the code of the first
  // executableCode part of the first candidate, and the output of its first
  // codeExecutionResult part; nullopt when there is none.
  std::optional<std::string> executable_code() const;
  std::optional<std::string> code_execution_result() const;
};

struct CountTokensConfig {
  std::optional<Content> system_instruction;  // counted with the contents
  std::vector<Tool> tools;
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct CountTokensResponse {
  int64_t total_tokens = 0;
  std::optional<int64_t> cached_content_token_count;
  std::optional<int64_t> total_billable_characters;  // Vertex AI
  std::vector<ModalityTokenCount> prompt_tokens_details;
  Json raw;
};

// Vertex AI only (python-genai raises on the Developer API; so does this).
struct ComputeTokensConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

// The tokens of one content, as the model's tokenizer splits it.
struct TokensInfo {
  std::optional<std::string> role;
  std::vector<int64_t> token_ids;
  std::vector<std::string> tokens;  // each token's bytes (decoded from the wire's base64)
  Json extra = Json::object();  // members not modelled above (see the top of this file)
};

struct ComputeTokensResponse {
  std::vector<TokensInfo> tokens_info;  // one per content, in order
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  Json raw;
};

struct EmbedContentConfig {
  std::optional<std::string> task_type;  // "RETRIEVAL_QUERY", "SEMANTIC_SIMILARITY", ...
  std::optional<std::string> title;
  std::optional<int> output_dimensionality;
  std::optional<bool> auto_truncate;     // Vertex AI
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct ContentEmbeddingStatistics {
  std::optional<int64_t> token_count;
  std::optional<bool> truncated;
};

struct ContentEmbedding {
  std::vector<float> values;
  std::optional<ContentEmbeddingStatistics> statistics;  // Vertex AI
};

struct EmbedContentResponse {
  std::vector<ContentEmbedding> embeddings;  // one per input content, in order
  Json raw;
};

struct Model {
  std::string name;                  // "models/gemini-2.5-flash"
  std::optional<std::string> base_model_id;
  std::optional<std::string> version;
  std::optional<std::string> display_name;
  std::optional<std::string> description;
  std::optional<int64_t> input_token_limit;
  std::optional<int64_t> output_token_limit;
  std::vector<std::string> supported_actions;  // supportedGenerationMethods on the Developer API
  std::optional<double> temperature;
  std::optional<double> max_temperature;
  std::optional<double> top_p;
  std::optional<int> top_k;
  std::optional<bool> thinking;
  Json raw;
};

}  // namespace genai

#endif  // GENAI_TYPES_H_
