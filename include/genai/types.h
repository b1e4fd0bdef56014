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
// Whole responses also keep the JSON they were parsed from in `raw`
// (a RawJson: `r->raw->dump()`).
#ifndef GENAI_TYPES_H_
#define GENAI_TYPES_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/audio.h"
#include "genai/image.h"
#include "genai/options.h"
#include "genai/raw_json.h"
#include "genai/result.h"

namespace genai {

using Json = nlohmann::json;


struct File;  // genai/file_service.h: a file of the Files API

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

// Computer Use: the safety service's verdict on an action the model
// proposes, sent in the call's args as "safety_decision". An action that
// requires confirmation may be performed only after the end user said yes;
// its FunctionResponse then says so (acknowledge_safety_decision).
struct SafetyDecision {
  std::string decision;     // "require_confirmation"; "regular" / "allowed" need none
  std::string explanation;  // why, for the user
  bool requires_confirmation() const { return decision == "require_confirmation"; }
};

struct FunctionCall {
  std::optional<std::string> id;
  std::string name;
  Json args = Json::object();
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  // args["safety_decision"], when the call carries one (Computer Use).
  std::optional<SafetyDecision> safety_decision() const;
  bool operator==(const FunctionCall&) const = default;
};

struct FunctionResponse {
  std::optional<std::string> id;
  std::string name;
  Json response = Json::object();
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  // Says the user confirmed an action whose call required it
  // ("safety_acknowledgement": "true" in the response).
  FunctionResponse& acknowledge_safety_decision();
  // Adds media to the response's own parts (base64-encoded), as Computer
  // Use's screenshot after an action: {"parts": [{"inlineData": ...}]}.
  FunctionResponse& add_inline_data(std::string_view bytes, std::string_view mime_type);
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
  static Part from_function_response(FunctionResponse response);
  // The file's bytes inline, with the MIME type detected from the content
  // (detect_mime_type) unless `mime_type` is given. Fails with a message
  // naming the path when the file is missing, unreadable, a directory, empty,
  // or larger than kMaxInlineDataBytes (use the Files API for those).
  static Result<Part> from_file(const std::string& path, std::string_view mime_type = {});
  // An inline image part (Image::from_file's result, or a generated image).
  static Part from_image(const Image& image);
  // A file uploaded with the Files API (client.files().upload), named by its
  // uri and MIME type: the SDKs' createPartFromUri(file.uri, file.mimeType).
  static Part from_uploaded_file(const File& file);
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

// Grounding with Google Maps (both backends). enable_widget asks for a
// googleMapsWidgetContextToken in the grounding metadata (Developer API).
struct GoogleMaps {
  std::optional<bool> enable_widget;
  bool operator==(const GoogleMaps&) const = default;
};

// URL context: the model reads the URLs written in the prompt; what it
// fetched comes back as Candidate::url_context_metadata.
struct UrlContext {
  bool operator==(const UrlContext&) const = default;
};

// Vertex AI Search as a retrieval source: a data store or an engine
// ("projects/P/locations/L/collections/C/dataStores/D").
struct VertexAISearch {
  std::optional<std::string> datastore;
  std::optional<std::string> engine;
  std::optional<std::string> filter;
  std::optional<int> max_results;
  bool operator==(const VertexAISearch&) const = default;
};

struct VertexRagStoreRagResource {
  std::optional<std::string> rag_corpus;  // "projects/P/locations/L/ragCorpora/C"
  std::vector<std::string> rag_file_ids;
  bool operator==(const VertexRagStoreRagResource&) const = default;
};

// Vertex AI RAG Engine as a retrieval source.
struct VertexRagStore {
  std::vector<VertexRagStoreRagResource> rag_resources;
  std::optional<int> similarity_top_k;
  std::optional<bool> store_context;
  std::optional<Json> rag_retrieval_config;  // RagRetrievalConfig, as sent
  bool operator==(const VertexRagStore&) const = default;
};

// Grounding in your own data (Vertex AI only): one of the two sources.
struct Retrieval {
  std::optional<VertexAISearch> vertex_ai_search;
  std::optional<VertexRagStore> vertex_rag_store;
  std::optional<bool> disable_attribution;
  bool operator==(const Retrieval&) const = default;
};

// Grounding with Google's compliance-friendly web index (Vertex AI only).
struct EnterpriseWebSearch {
  std::vector<std::string> exclude_domains;
  std::optional<std::string> blocking_confidence;  // PhishBlockThreshold, e.g. "BLOCK_LOW_AND_ABOVE"
  bool operator==(const EnterpriseWebSearch&) const = default;
};

// Retrieval from File Search stores (Developer API only).
struct FileSearch {
  std::vector<std::string> file_search_store_names;  // "fileSearchStores/..."
  std::optional<int> top_k;
  std::optional<std::string> metadata_filter;
  bool operator==(const FileSearch&) const = default;
};

// Computer use: the model answers with the predefined UI actions
// (click_at, type_text_at, ...) as function calls for the client to perform.
struct ComputerUse {
  std::string environment = "ENVIRONMENT_BROWSER";
  std::vector<std::string> excluded_predefined_functions;
  bool operator==(const ComputerUse&) const = default;
};

struct DynamicRetrievalConfig {
  std::optional<std::string> mode;  // "MODE_DYNAMIC", "MODE_UNSPECIFIED"
  std::optional<double> dynamic_threshold;
  bool operator==(const DynamicRetrievalConfig&) const = default;
};

// The Gemini 1.5 form of Google Search grounding (google_search replaces it
// on newer models).
struct GoogleSearchRetrieval {
  std::optional<DynamicRetrievalConfig> dynamic_retrieval_config;
  bool operator==(const GoogleSearchRetrieval&) const = default;
};

// How Gemini reaches a remote MCP server (Developer API).
struct StreamableHttpTransport {
  std::string url;
  std::map<std::string, std::string> headers;
  std::optional<std::string> timeout;          // a Duration, e.g. "30s"
  std::optional<std::string> sse_read_timeout;
  std::optional<bool> terminate_on_close;
  bool operator==(const StreamableHttpTransport&) const = default;
};

// A remote MCP server whose tools the model may call (Developer API only).
struct McpServer {
  std::string name;
  std::optional<StreamableHttpTransport> streamable_http_transport;
  bool operator==(const McpServer&) const = default;
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
  std::optional<UrlContext> url_context;
  std::optional<GoogleMaps> google_maps;
  std::optional<Retrieval> retrieval;                        // Vertex AI only
  std::optional<EnterpriseWebSearch> enterprise_web_search;  // Vertex AI only
  std::optional<FileSearch> file_search;                     // Developer API only
  std::optional<ComputerUse> computer_use;
  std::optional<GoogleSearchRetrieval> google_search_retrieval;
  std::vector<McpServer> mcp_servers;                        // Developer API only

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
  // Gemini 3's control, instead of a budget: "MINIMAL", "LOW", "MEDIUM", "HIGH".
  std::optional<std::string> thinking_level;
  Json extra = Json::object();  // members not modelled above (see the top of this file)
  bool operator==(const ThinkingConfig&) const = default;
};

// Gemini image output (response_modalities IMAGE).
struct ImageConfig {
  std::optional<std::string> aspect_ratio;  // "1:1", "16:9", "9:16", "4:3", "3:4", ...
  std::optional<std::string> image_size;    // "1K", "2K", "4K"
  // Vertex AI only:
  std::optional<std::string> person_generation;         // "DONT_ALLOW", "ALLOW_ADULT", "ALLOW_ALL"
  std::optional<std::string> output_mime_type;          // "image/png", "image/jpeg"
  std::optional<int> output_compression_quality;        // JPEG quality 0-100
  bool operator==(const ImageConfig&) const = default;
};

struct PrebuiltVoiceConfig {
  std::optional<std::string> voice_name;  // "Kore", "Puck", "Charon", ...
  bool operator==(const PrebuiltVoiceConfig&) const = default;
};

struct VoiceConfig {
  std::optional<PrebuiltVoiceConfig> prebuilt_voice_config;
  // A prebuilt voice by name.
  static VoiceConfig prebuilt(std::string_view voice_name);
  bool operator==(const VoiceConfig&) const = default;
};

struct SpeakerVoiceConfig {
  std::string speaker;  // as named in the prompt ("Joe: Hello!")
  VoiceConfig voice_config;
  bool operator==(const SpeakerVoiceConfig&) const = default;
};

struct MultiSpeakerVoiceConfig {
  std::vector<SpeakerVoiceConfig> speaker_voice_configs;
  bool operator==(const MultiSpeakerVoiceConfig&) const = default;
};

// Speech output (response_modalities AUDIO): one voice, or one per speaker.
struct SpeechConfig {
  std::optional<VoiceConfig> voice_config;
  std::optional<MultiSpeakerVoiceConfig> multi_speaker_voice_config;
  std::optional<std::string> language_code;  // BCP-47, e.g. "en-US"
  bool operator==(const SpeechConfig&) const = default;
};

// Vertex AI model routing: let Google pick the model (auto_mode), or name it.
struct RoutingConfig {
  struct AutoMode {
    std::optional<std::string> model_routing_preference;  // "PRIORITIZE_QUALITY", "BALANCED", "PRIORITIZE_COST"
    bool operator==(const AutoMode&) const = default;
  };
  struct ManualMode {
    std::optional<std::string> model_name;  // "gemini-2.5-flash"
    bool operator==(const ManualMode&) const = default;
  };
  std::optional<AutoMode> auto_mode;
  std::optional<ManualMode> manual_mode;
  bool operator==(const RoutingConfig&) const = default;
};

// Vertex AI (sent as generationConfig.modelConfig).
struct ModelSelectionConfig {
  std::optional<std::string> feature_selection_preference;  // "PRIORITIZE_QUALITY", "BALANCED", "PRIORITIZE_COST"
  bool operator==(const ModelSelectionConfig&) const = default;
};

// Model Armor templates screening prompts and responses (Vertex AI only).
struct ModelArmorConfig {
  std::optional<std::string> prompt_template_name;    // "projects/P/locations/L/templates/T"
  std::optional<std::string> response_template_name;
  bool operator==(const ModelArmorConfig&) const = default;
};

// How audio in the prompt is transcribed.
struct AudioTranscriptionConfig {
  std::vector<std::string> language_codes;  // BCP-47
  std::vector<std::string> custom_vocabulary;
  std::vector<std::string> adaptation_phrases;
  std::optional<bool> word_timestamp;
  std::optional<bool> diarization;
  bool operator==(const AudioTranscriptionConfig&) const = default;
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
  std::vector<std::string> response_modalities;    // "TEXT", "IMAGE", "AUDIO" (TTS models)
  std::vector<SafetySetting> safety_settings;
  std::vector<Tool> tools;
  std::optional<ToolConfig> tool_config;
  std::optional<AutomaticFunctionCallingConfig> automatic_function_calling;
  std::optional<ThinkingConfig> thinking_config;
  std::optional<std::string> cached_content;       // "cachedContents/..."
  std::optional<Json> labels;                      // Vertex AI only
  // Log probabilities: of the chosen tokens (response_logprobs), and of the
  // `logprobs` (1-20) most likely tokens at each step; see Candidate::logprobs_result.
  std::optional<bool> response_logprobs;
  std::optional<int> logprobs;
  std::optional<std::string> media_resolution;     // "MEDIA_RESOLUTION_LOW", "_MEDIUM", "_HIGH"
  std::optional<SpeechConfig> speech_config;       // with response_modalities {"AUDIO"}
  std::optional<bool> audio_timestamp;             // Vertex AI only
  std::optional<ImageConfig> image_config;         // with response_modalities {"IMAGE"}
  std::optional<RoutingConfig> routing_config;     // Vertex AI only
  std::optional<ModelSelectionConfig> model_selection_config;  // Vertex AI only
  std::optional<std::string> service_tier;         // "flex", "standard", "priority"
  std::optional<bool> enable_enhanced_civic_answers;  // Developer API only
  std::optional<ModelArmorConfig> model_armor_config;  // Vertex AI only
  std::optional<AudioTranscriptionConfig> audio_transcription_config;
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

struct LogprobsCandidate {
  std::optional<std::string> token;
  std::optional<int> token_id;
  std::optional<double> log_probability;
};

struct LogprobsTopCandidates {
  std::vector<LogprobsCandidate> candidates;  // most likely first
};

// One entry per generated token: the token chosen, and the most likely
// alternatives at that step (GenerateContentConfig::logprobs of them).
struct LogprobsResult {
  std::vector<LogprobsCandidate> chosen_candidates;
  std::vector<LogprobsTopCandidates> top_candidates;
  std::optional<double> log_probability_sum;
};

struct UrlMetadata {
  std::optional<std::string> retrieved_url;
  // "URL_RETRIEVAL_STATUS_SUCCESS", "_ERROR", "_PAYWALL", "_UNSAFE"
  std::optional<std::string> url_retrieval_status;
};

// What the url_context tool fetched.
struct UrlContextMetadata {
  std::vector<UrlMetadata> url_metadata;
};

// A place grounding an answer (groundingChunks[].maps).
struct GroundingChunkMaps {
  std::optional<std::string> uri;
  std::optional<std::string> title;
  std::optional<std::string> text;
  std::optional<std::string> place_id;
};

// A passage a retrieval tool grounded the answer in
// (groundingChunks[].retrievedContext): with file_search, a chunk of a
// document of a File Search store.
struct GroundingChunkRetrievedContext {
  std::size_t chunk_index = 0;  // its place in groundingChunks (what supports' indices name)
  std::optional<std::string> uri;
  std::optional<std::string> title;
  std::optional<std::string> text;               // the chunk's text
  std::optional<std::string> file_search_store;  // "fileSearchStores/..." (Developer API)
  std::optional<std::string> document_name;      // Vertex AI Search
  std::optional<int> page_number;
  std::optional<Json> custom_metadata;           // the document's metadata, as sent
  Json extra = Json::object();                   // members not modelled above
};

// A part of the answer and the groundingChunks that support it
// (groundingMetadata.groundingSupports[]); offsets are UTF-8 bytes of the part's text.
struct GroundingSupport {
  std::int64_t start_index = 0;  // Google leaves a zero out
  std::int64_t end_index = 0;
  std::optional<std::string> text;
  std::optional<int> part_index;
  std::vector<int> grounding_chunk_indices;
  std::vector<double> confidence_scores;
  Json extra = Json::object();
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
  std::optional<LogprobsResult> logprobs_result;          // with response_logprobs
  std::optional<UrlContextMetadata> url_context_metadata;  // with the url_context tool
  Json extra = Json::object();  // members not modelled above (see the top of this file)

  // Typed views of grounding_metadata (kept raw). The places of its
  // groundingChunks[].maps (Google Maps grounding), in order.
  std::vector<GroundingChunkMaps> maps_places() const;
  // groundingMetadata.googleMapsWidgetContextToken (GoogleMaps::enable_widget).
  std::optional<std::string> google_maps_widget_context_token() const;
  // The retrievedContext chunks of groundingMetadata (file_search, retrieval),
  // in order, each with its index in groundingChunks.
  std::vector<GroundingChunkRetrievedContext> retrieved_contexts() const;
  // groundingMetadata.groundingSupports: which chunks support which part of the answer.
  std::vector<GroundingSupport> grounding_supports() const;
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
  RawJson raw;  // the response as received, including fields not modelled above

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
  // The audio parts of the first candidate (inline data with an audio/* MIME
  // type, e.g. "audio/L16;codec=pcm;rate=24000"), in order, still base64.
  std::vector<Blob> audio_parts() const;
  // The audio of the first candidate as one 16-bit PCM stream: its audio
  // parts decoded and joined, with the sample rate from their MIME type
  // (24000 when it names none). nullopt when there is no audio.
  std::optional<PcmAudio> audio() const;
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
  RawJson raw;
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
  RawJson raw;
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
  RawJson raw;
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
  RawJson raw;
};

}  // namespace genai

#endif  // GENAI_TYPES_H_
