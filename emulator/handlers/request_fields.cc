// The field tables of request_fields.h. Field lists follow the current v1beta
// and Vertex AI v1 protos, as the official SDKs send them: the union of both,
// with the fields one backend lacks marked (`only`) where the official SDKs
// refuse them for the other backend (python-genai's "only supported in ...
// mode" errors), so that backend answers Google's unknown-name 400. The names live in their
// own namespace: the emulator is a unity build, and file-scope names of its
// sources must not collide.
#include "emulator/handlers/request_fields.h"

#include <string_view>

namespace genai::emulator {
namespace request_tables {

using K = ProtoKind;

// Enums whose names the transcoder checks here; the others (an empty list)
// take any name, and their handlers judge the value (safety settings).
const ProtoEnum kFunctionCallingMode{"FunctionCallingConfig.Mode",
                                     {"MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"}};
const ProtoEnum kLanguage{"ExecutableCode.Language", {"LANGUAGE_UNSPECIFIED", "PYTHON"}};
const ProtoEnum kOutcome{"CodeExecutionResult.Outcome",
                         {"OUTCOME_UNSPECIFIED", "OUTCOME_OK", "OUTCOME_FAILED", "OUTCOME_DEADLINE_EXCEEDED"}};
const ProtoEnum kType{"Type", {}};
const ProtoEnum kHarmCategory{"HarmCategory", {}};
const ProtoEnum kHarmBlockThreshold{"SafetySetting.HarmBlockThreshold", {}};
const ProtoEnum kHarmBlockMethod{"SafetySetting.HarmBlockMethod", {}};
const ProtoEnum kModality{"GenerationConfig.Modality", {}};
const ProtoEnum kMediaResolution{"GenerationConfig.MediaResolution", {}};
const ProtoEnum kThinkingLevel{"ThinkingConfig.ThinkingLevel", {}};
const ProtoEnum kBehavior{"FunctionDeclaration.Behavior", {}};
const ProtoEnum kScheduling{"FunctionResponse.Scheduling", {}};
const ProtoEnum kTaskType{"TaskType", {}};
const ProtoEnum kServiceTier{"ServiceTier", {}};
const ProtoEnum kPersonGeneration{"ImageConfig.PersonGeneration", {}};

// Messages the emulator does not model: objects, passed through as sent.
const ProtoMessage kPartMediaResolution{"Part.MediaResolution", {}, true};
const ProtoMessage kToolCall{"ToolCall", {}, true};
const ProtoMessage kToolResponse{"ToolResponse", {}, true};
const ProtoMessage kGoogleSearch{"Tool.GoogleSearch", {}, true};
const ProtoMessage kGoogleSearchRetrieval{"GoogleSearchRetrieval", {}, true};
const ProtoMessage kCodeExecution{"CodeExecution", {}, true};
const ProtoMessage kUrlContext{"UrlContext", {}, true};
const ProtoMessage kRetrieval{"Retrieval", {}, true};
const ProtoMessage kGoogleMaps{"GoogleMaps", {}, true};
const ProtoMessage kComputerUse{"Tool.ComputerUse", {}, true};
const ProtoMessage kFileSearch{"FileSearch", {}, true};
const ProtoMessage kEnterpriseWebSearch{"EnterpriseWebSearch", {}, true};
const ProtoMessage kMcpServer{"McpServer", {}, true};
const ProtoMessage kRetrievalConfig{"RetrievalConfig", {}, true};
const ProtoMessage kRoutingConfig{"GenerationConfig.RoutingConfig", {}, true};
const ProtoMessage kModelSelectionConfig{"GenerationConfig.ModelConfig", {}, true};
const ProtoMessage kResponseFormat{"ResponseFormat", {}, true};
const ProtoMessage kTranslationConfig{"TranslationConfig", {}, true};
const ProtoMessage kAudioTranscriptionConfig{"AudioTranscriptionConfig", {}, true};
const ProtoMessage kReplicatedVoiceConfig{"ReplicatedVoiceConfig", {}, true};
const ProtoMessage kImageOutputOptions{"ImageOutputOptions", {}, true};
const ProtoMessage kModelArmorConfig{"ModelArmorConfig", {}, true};
const ProtoMessage kEncryptionSpec{"EncryptionSpec", {}, true};
const ProtoMessage kUsageMetadata{"CachedContent.UsageMetadata", {}, true};

// Content and its parts.
const ProtoMessage kBlob{"Blob",
                         {{"mimeType", "mime_type", K::kString},
                          {"data", "data", K::kBytes},
                          {"displayName", "display_name", K::kString}}};
const ProtoMessage kFileData{"FileData",
                             {{"mimeType", "mime_type", K::kString},
                              {"fileUri", "file_uri", K::kString},
                              {"displayName", "display_name", K::kString}}};
const ProtoMessage kVideoMetadata{"VideoMetadata",
                                  {{"startOffset", "start_offset", K::kValue},
                                   {"endOffset", "end_offset", K::kValue},
                                   {"fps", "fps", K::kDouble}}};
const ProtoMessage kFunctionCall{"FunctionCall",
                                 {{"id", "id", K::kString},
                                  {"name", "name", K::kString},
                                  {"args", "args", K::kStruct},
                                  {"partialArgs", "partial_args", K::kValue},
                                  {"willContinue", "will_continue", K::kBool}}};
const ProtoMessage kFunctionResponsePart{"FunctionResponsePart",
                                         {{"inlineData", "inline_data", K::kMessage, false, &kBlob},
                                          {"fileData", "file_data", K::kMessage, false, &kFileData}}};
const ProtoMessage kFunctionResponse{
    "FunctionResponse",
    {{"id", "id", K::kString},
     {"name", "name", K::kString},
     {"response", "response", K::kStruct},
     {"parts", "parts", K::kMessage, true, &kFunctionResponsePart},
     {"willContinue", "will_continue", K::kBool},
     {"scheduling", "scheduling", K::kEnum, false, nullptr, &kScheduling}}};
const ProtoMessage kExecutableCode{"ExecutableCode",
                                   {{"language", "language", K::kEnum, false, nullptr, &kLanguage},
                                    {"code", "code", K::kString},
                                    {"id", "id", K::kString}}};
const ProtoMessage kCodeExecutionResult{"CodeExecutionResult",
                                        {{"outcome", "outcome", K::kEnum, false, nullptr, &kOutcome},
                                         {"output", "output", K::kString},
                                         {"id", "id", K::kString}}};
const ProtoMessage kPart{"Part",
                         {{"text", "text", K::kString},
                          {"inlineData", "inline_data", K::kMessage, false, &kBlob},
                          {"fileData", "file_data", K::kMessage, false, &kFileData},
                          {"functionCall", "function_call", K::kMessage, false, &kFunctionCall},
                          {"functionResponse", "function_response", K::kMessage, false, &kFunctionResponse},
                          {"executableCode", "executable_code", K::kMessage, false, &kExecutableCode},
                          {"codeExecutionResult", "code_execution_result", K::kMessage, false, &kCodeExecutionResult},
                          {"thought", "thought", K::kBool},
                          {"thoughtSignature", "thought_signature", K::kBytes},
                          {"videoMetadata", "video_metadata", K::kMessage, false, &kVideoMetadata},
                          {"partMetadata", "part_metadata", K::kStruct},
                          {"mediaResolution", "media_resolution", K::kMessage, false, &kPartMediaResolution},
                          {"toolCall", "tool_call", K::kMessage, false, &kToolCall},
                          {"toolResponse", "tool_response", K::kMessage, false, &kToolResponse}}};
const ProtoMessage kContent{"Content", {{"role", "role", K::kString}, {"parts", "parts", K::kMessage, true, &kPart}}};

// The OpenAPI subset of `parameters` and `responseSchema` (a Schema refers to
// itself: items, anyOf, properties).
const ProtoMessage kSchema{"Schema",
                           {{"type", "type", K::kEnum, false, nullptr, &kType},
                            {"format", "format", K::kString},
                            {"title", "title", K::kString},
                            {"description", "description", K::kString},
                            {"nullable", "nullable", K::kBool},
                            {"enum", "enum", K::kString, true},
                            {"items", "items", K::kMessage, false, &kSchema},
                            {"maxItems", "max_items", K::kInt64},
                            {"minItems", "min_items", K::kInt64},
                            {"properties", "properties", K::kMap, false, &kSchema},
                            {"required", "required", K::kString, true},
                            {"minProperties", "min_properties", K::kInt64},
                            {"maxProperties", "max_properties", K::kInt64},
                            {"minLength", "min_length", K::kInt64},
                            {"maxLength", "max_length", K::kInt64},
                            {"pattern", "pattern", K::kString},
                            {"example", "example", K::kValue},
                            {"anyOf", "any_of", K::kMessage, true, &kSchema},
                            {"propertyOrdering", "property_ordering", K::kString, true},
                            {"default", "default", K::kValue},
                            {"minimum", "minimum", K::kDouble},
                            {"maximum", "maximum", K::kDouble},
                            {"additionalProperties", "additional_properties", K::kValue},
                            {"$ref", "ref", K::kString},
                            {"$defs", "defs", K::kMap, false, &kSchema}}};

// Tools.
const ProtoMessage kFunctionDeclaration{
    "FunctionDeclaration",
    {{"name", "name", K::kString},
     {"description", "description", K::kString},
     {"parameters", "parameters", K::kMessage, false, &kSchema},
     {"parametersJsonSchema", "parameters_json_schema", K::kValue},
     {"response", "response", K::kMessage, false, &kSchema},
     {"responseJsonSchema", "response_json_schema", K::kValue},
     {"behavior", "behavior", K::kEnum, false, nullptr, &kBehavior}}};
const ProtoMessage kTool{"Tool",
                         {{"functionDeclarations", "function_declarations", K::kMessage, true, &kFunctionDeclaration},
                          {"googleSearchRetrieval", "google_search_retrieval", K::kMessage, false, &kGoogleSearchRetrieval},
                          {"codeExecution", "code_execution", K::kMessage, false, &kCodeExecution},
                          {"googleSearch", "google_search", K::kMessage, false, &kGoogleSearch},
                          {"urlContext", "url_context", K::kMessage, false, &kUrlContext},
                          {"retrieval", "retrieval", K::kMessage, false, &kRetrieval, nullptr, Backend::kVertex},
                          {"googleMaps", "google_maps", K::kMessage, false, &kGoogleMaps},
                          {"computerUse", "computer_use", K::kMessage, false, &kComputerUse},
                          {"fileSearch", "file_search", K::kMessage, false, &kFileSearch, nullptr, Backend::kDeveloper},
                          {"enterpriseWebSearch", "enterprise_web_search", K::kMessage, false, &kEnterpriseWebSearch, nullptr, Backend::kVertex},
                          {"mcpServers", "mcp_servers", K::kMessage, true, &kMcpServer, nullptr, Backend::kDeveloper}}};
const ProtoMessage kFunctionCallingConfig{
    "FunctionCallingConfig",
    {{"mode", "mode", K::kEnum, false, nullptr, &kFunctionCallingMode},
     {"allowedFunctionNames", "allowed_function_names", K::kString, true},
     {"streamFunctionCallArguments", "stream_function_call_arguments", K::kBool}}};
const ProtoMessage kToolConfig{
    "ToolConfig",
    {{"functionCallingConfig", "function_calling_config", K::kMessage, false, &kFunctionCallingConfig},
     {"retrievalConfig", "retrieval_config", K::kMessage, false, &kRetrievalConfig},
     {"includeServerSideToolInvocations", "include_server_side_tool_invocations", K::kBool}}};

// Generation settings.
const ProtoMessage kSafetySetting{"SafetySetting",
                                  {{"category", "category", K::kEnum, false, nullptr, &kHarmCategory},
                                   {"threshold", "threshold", K::kEnum, false, nullptr, &kHarmBlockThreshold},
                                   {"method", "method", K::kEnum, false, nullptr, &kHarmBlockMethod}}};
const ProtoMessage kThinkingConfig{"ThinkingConfig",
                                   {{"includeThoughts", "include_thoughts", K::kBool},
                                    {"thinkingBudget", "thinking_budget", K::kInt32},
                                    {"thinkingLevel", "thinking_level", K::kEnum, false, nullptr, &kThinkingLevel}}};
const ProtoMessage kImageConfig{
    "ImageConfig",
    {{"aspectRatio", "aspect_ratio", K::kString},
     {"imageSize", "image_size", K::kString},
     {"personGeneration", "person_generation", K::kEnum, false, nullptr, &kPersonGeneration, Backend::kVertex},
     {"prominentPeople", "prominent_people", K::kValue, false, nullptr, nullptr, Backend::kVertex},
     {"imageOutputOptions", "image_output_options", K::kMessage, false, &kImageOutputOptions, nullptr, Backend::kVertex}}};
const ProtoMessage kPrebuiltVoiceConfig{"PrebuiltVoiceConfig", {{"voiceName", "voice_name", K::kString}}};
const ProtoMessage kVoiceConfig{
    "VoiceConfig",
    {{"prebuiltVoiceConfig", "prebuilt_voice_config", K::kMessage, false, &kPrebuiltVoiceConfig},
     {"replicatedVoiceConfig", "replicated_voice_config", K::kMessage, false, &kReplicatedVoiceConfig}}};
const ProtoMessage kSpeakerVoiceConfig{"SpeakerVoiceConfig",
                                       {{"speaker", "speaker", K::kString},
                                        {"voiceConfig", "voice_config", K::kMessage, false, &kVoiceConfig}}};
const ProtoMessage kMultiSpeakerVoiceConfig{
    "MultiSpeakerVoiceConfig",
    {{"speakerVoiceConfigs", "speaker_voice_configs", K::kMessage, true, &kSpeakerVoiceConfig}}};
const ProtoMessage kSpeechConfig{
    "SpeechConfig",
    {{"voiceConfig", "voice_config", K::kMessage, false, &kVoiceConfig},
     {"multiSpeakerVoiceConfig", "multi_speaker_voice_config", K::kMessage, false, &kMultiSpeakerVoiceConfig},
     {"languageCode", "language_code", K::kString}}};
const ProtoMessage kGenerationConfig{
    "GenerationConfig",
    {{"candidateCount", "candidate_count", K::kInt32},
     {"stopSequences", "stop_sequences", K::kString, true},
     {"maxOutputTokens", "max_output_tokens", K::kInt32},
     {"temperature", "temperature", K::kFloat},
     {"topP", "top_p", K::kFloat},
     {"topK", "top_k", K::kInt32},
     {"seed", "seed", K::kInt32},
     {"responseMimeType", "response_mime_type", K::kString},
     {"responseSchema", "response_schema", K::kMessage, false, &kSchema},
     {"responseJsonSchema", "response_json_schema", K::kValue},
     {"presencePenalty", "presence_penalty", K::kFloat},
     {"frequencyPenalty", "frequency_penalty", K::kFloat},
     {"responseLogprobs", "response_logprobs", K::kBool},
     {"logprobs", "logprobs", K::kInt32},
     {"enableEnhancedCivicAnswers", "enable_enhanced_civic_answers", K::kBool, false, nullptr, nullptr, Backend::kDeveloper},
     {"responseModalities", "response_modalities", K::kEnum, true, nullptr, &kModality},
     {"speechConfig", "speech_config", K::kMessage, false, &kSpeechConfig},
     {"thinkingConfig", "thinking_config", K::kMessage, false, &kThinkingConfig},
     {"imageConfig", "image_config", K::kMessage, false, &kImageConfig},
     {"mediaResolution", "media_resolution", K::kEnum, false, nullptr, &kMediaResolution},
     {"audioTimestamp", "audio_timestamp", K::kBool, false, nullptr, nullptr, Backend::kVertex},
     {"enableAffectiveDialog", "enable_affective_dialog", K::kBool},
     {"routingConfig", "routing_config", K::kMessage, false, &kRoutingConfig, nullptr, Backend::kVertex},
     {"modelConfig", "model_config", K::kMessage, false, &kModelSelectionConfig, nullptr, Backend::kVertex},
     {"responseFormat", "response_format", K::kMessage, false, &kResponseFormat},
     {"translationConfig", "translation_config", K::kMessage, false, &kTranslationConfig},
     {"audioTranscriptionConfig", "audio_transcription_config", K::kMessage, false, &kAudioTranscriptionConfig}}};

// The request bodies.
const ProtoMessage kGenerateContentRequest{
    "GenerateContentRequest",
    {{"model", "model", K::kString},
     {"contents", "contents", K::kMessage, true, &kContent},
     {"systemInstruction", "system_instruction", K::kMessage, false, &kContent},
     {"tools", "tools", K::kMessage, true, &kTool},
     {"toolConfig", "tool_config", K::kMessage, false, &kToolConfig},
     {"safetySettings", "safety_settings", K::kMessage, true, &kSafetySetting},
     {"generationConfig", "generation_config", K::kMessage, false, &kGenerationConfig},
     {"cachedContent", "cached_content", K::kString},
     {"labels", "labels", K::kStringMap, false, nullptr, nullptr, Backend::kVertex},
     {"serviceTier", "service_tier", K::kEnum, false, nullptr, &kServiceTier},
     {"modelArmorConfig", "model_armor_config", K::kMessage, false, &kModelArmorConfig, nullptr, Backend::kVertex}}};
// The Developer API's form (contents or generateContentRequest) and Vertex
// AI's (contents with systemInstruction, tools and generationConfig).
const ProtoMessage kCountTokensRequest{
    "CountTokensRequest",
    {{"model", "model", K::kString},
     {"endpoint", "endpoint", K::kString},
     {"contents", "contents", K::kMessage, true, &kContent},
     {"generateContentRequest", "generate_content_request", K::kMessage, false, &kGenerateContentRequest},
     {"instances", "instances", K::kValue, true},
     {"systemInstruction", "system_instruction", K::kMessage, false, &kContent},
     {"tools", "tools", K::kMessage, true, &kTool},
     {"generationConfig", "generation_config", K::kMessage, false, &kGenerationConfig}}};
const ProtoMessage kComputeTokensRequest{"ComputeTokensRequest",
                                         {{"model", "model", K::kString},
                                          {"endpoint", "endpoint", K::kString},
                                          {"instances", "instances", K::kValue, true},
                                          {"contents", "contents", K::kMessage, true, &kContent}}};
const ProtoMessage kEmbedContentRequest{
    "EmbedContentRequest",
    {{"model", "model", K::kString},
     {"content", "content", K::kMessage, false, &kContent},
     {"taskType", "task_type", K::kEnum, false, nullptr, &kTaskType},
     {"title", "title", K::kString},
     {"outputDimensionality", "output_dimensionality", K::kInt32},
     {"autoTruncate", "auto_truncate", K::kBool}}};
const ProtoMessage kBatchEmbedContentsRequest{
    "BatchEmbedContentsRequest",
    {{"model", "model", K::kString}, {"requests", "requests", K::kMessage, true, &kEmbedContentRequest}}};
// Imagen and Vertex AI embeddings: instances and parameters are
// google.protobuf.Value, read by the model's own server (camelCase names, as
// Google documents them), so the transcoder renames nothing inside.
const ProtoMessage kPredictRequest{"PredictRequest",
                                   {{"model", "model", K::kString},
                                    {"endpoint", "endpoint", K::kString},
                                    {"instances", "instances", K::kValue},
                                    {"parameters", "parameters", K::kValue}}};
// Veo: as PredictRequest, plus the labels python-genai sends on Vertex AI.
const ProtoMessage kPredictLongRunningRequest{"PredictLongRunningRequest",
                                              {{"model", "model", K::kString},
                                               {"endpoint", "endpoint", K::kString},
                                               {"instances", "instances", K::kValue},
                                               {"parameters", "parameters", K::kValue},
                                               {"labels", "labels", K::kStringMap}}};
const ProtoMessage kFetchPredictOperationRequest{
    "FetchPredictOperationRequest", {{"endpoint", "endpoint", K::kString}, {"operationName", "operation_name", K::kString}}};
const ProtoMessage kCachedContent{
    "CachedContent",
    {{"name", "name", K::kString},
     {"displayName", "display_name", K::kString},
     {"model", "model", K::kString},
     {"contents", "contents", K::kMessage, true, &kContent},
     {"systemInstruction", "system_instruction", K::kMessage, false, &kContent},
     {"tools", "tools", K::kMessage, true, &kTool},
     {"toolConfig", "tool_config", K::kMessage, false, &kToolConfig},
     // Duration and Timestamp: strings whose format the handler judges.
     {"ttl", "ttl", K::kValue},
     {"expireTime", "expire_time", K::kValue},
     {"createTime", "create_time", K::kValue},
     {"updateTime", "update_time", K::kValue},
     {"usageMetadata", "usage_metadata", K::kMessage, false, &kUsageMetadata},
     {"encryptionSpec", "encryption_spec", K::kMessage, false, &kEncryptionSpec}}};

// Vertex AI tuning (tuningJobs.create) and tuned models (models.patch).
const ProtoEnum kAdapterSize{"SupervisedHyperParameters.AdapterSize",
                             {"ADAPTER_SIZE_UNSPECIFIED", "ADAPTER_SIZE_ONE", "ADAPTER_SIZE_TWO", "ADAPTER_SIZE_FOUR",
                              "ADAPTER_SIZE_EIGHT", "ADAPTER_SIZE_SIXTEEN", "ADAPTER_SIZE_THIRTY_TWO"}};
const ProtoMessage kSupervisedHyperParameters{"SupervisedHyperParameters",
                                              {{"epochCount", "epoch_count", K::kInt64},
                                               {"learningRateMultiplier", "learning_rate_multiplier", K::kDouble},
                                               {"adapterSize", "adapter_size", K::kEnum, false, nullptr, &kAdapterSize}}};
const ProtoMessage kSupervisedTuningSpec{
    "SupervisedTuningSpec",
    {{"trainingDatasetUri", "training_dataset_uri", K::kString},
     {"validationDatasetUri", "validation_dataset_uri", K::kString},
     {"hyperParameters", "hyper_parameters", K::kMessage, false, &kSupervisedHyperParameters},
     {"exportLastCheckpointOnly", "export_last_checkpoint_only", K::kBool},
     {"tuningMode", "tuning_mode", K::kEnum},
     {"evaluationConfig", "evaluation_config", K::kValue}}};
const ProtoMessage kTuningJob{"TuningJob",
                              {{"name", "name", K::kString},
                               {"baseModel", "base_model", K::kString},
                               {"preTunedModel", "pre_tuned_model", K::kValue},
                               {"tunedModelDisplayName", "tuned_model_display_name", K::kString},
                               {"description", "description", K::kString},
                               {"supervisedTuningSpec", "supervised_tuning_spec", K::kMessage, false, &kSupervisedTuningSpec},
                               {"labels", "labels", K::kStringMap},
                               {"encryptionSpec", "encryption_spec", K::kMessage, false, &kEncryptionSpec},
                               {"serviceAccount", "service_account", K::kString},
                               {"experiment", "experiment", K::kString},
                               {"outputUri", "output_uri", K::kString}}};
const ProtoMessage kModel{"Model",
                          {{"name", "name", K::kString},
                           {"displayName", "display_name", K::kString},
                           {"description", "description", K::kString},
                           {"defaultCheckpointId", "default_checkpoint_id", K::kString},
                           {"labels", "labels", K::kStringMap}}};

}  // namespace request_tables

const ProtoField* ProtoMessage::find(std::string_view key) const {
  for (const ProtoField& f : fields) {
    if (key == f.json_name || key == f.proto_name) return &f;
  }
  return nullptr;
}

const ProtoField* ProtoMessage::find(std::string_view key, Backend backend) const {
  const ProtoField* f = find(key);
  if (!f || backend == Backend::kBoth || f->only == Backend::kBoth || f->only == backend) return f;
  return nullptr;
}

const ProtoMessage* request_message(std::string_view method) {
  using namespace request_tables;
  if (method == "generateContent" || method == "streamGenerateContent") return &kGenerateContentRequest;
  if (method == "countTokens") return &kCountTokensRequest;
  if (method == "computeTokens") return &kComputeTokensRequest;
  if (method == "embedContent") return &kEmbedContentRequest;
  if (method == "batchEmbedContents") return &kBatchEmbedContentsRequest;
  if (method == "predict") return &kPredictRequest;
  if (method == "predictLongRunning") return &kPredictLongRunningRequest;
  if (method == "fetchPredictOperation") return &kFetchPredictOperationRequest;
  if (method == "createCachedContent" || method == "updateCachedContent") return &kCachedContent;
  if (method == "createTuningJob") return &kTuningJob;
  if (method == "updateModel") return &kModel;
  return nullptr;
}

}  // namespace genai::emulator
