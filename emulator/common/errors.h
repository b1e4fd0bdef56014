// Every error the emulator can return, as a named factory producing Google's
// exact body (code, message, status, details in Google's order, 2-space
// indentation, trailing newline) and HTTP status. Messages are Google's text;
// see tests/data/wire/ for the samples they are compared with.
#ifndef GENAI_EMULATOR_COMMON_ERRORS_H_
#define GENAI_EMULATOR_COMMON_ERRORS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace genai::emulator {

struct GoogleError {
  int http_status = 500;
  std::string body;                      // JSON, as Google formats it
  std::string content_type = "application/json; charset=UTF-8";
  std::string retry_after;               // Retry-After header value, if any
};

// Generic google.rpc errors.
GoogleError invalid_argument(std::string_view message);
GoogleError not_found(std::string_view message);
GoogleError permission_denied(std::string_view message);
GoogleError unauthenticated(std::string_view message);
GoogleError internal_error();
GoogleError unavailable();

// API keys (generativelanguage.googleapis.com shapes).
GoogleError api_key_invalid(std::string_view service);
GoogleError api_key_expired(std::string_view service);
// A project whose billing account is disabled or missing, calling an API
// that needs billing (Vertex AI): 403 BILLING_DISABLED with the billing link.
GoogleError billing_disabled(std::string_view service, std::string_view project_number);
// A project id that does not exist named as the resource's project (a typo
// in a Vertex AI URL): 403 CONSUMER_INVALID "Permission denied on resource
// project X." Unlike IAM_PERMISSION_DENIED, no role would help.
GoogleError consumer_invalid(std::string_view service, std::string_view project_id);
// The Developer API called from a country it does not serve:
// 400 FAILED_PRECONDITION "User location is not supported for the API use."
GoogleError user_location_unsupported();
GoogleError api_key_service_blocked(std::string_view service, std::string_view api_method,
                                    std::string_view consumer_project_number);
GoogleError api_key_ip_blocked(std::string_view service, std::string_view caller_ip,
                               std::string_view consumer_project_number);
GoogleError api_key_referrer_blocked(std::string_view service, std::string_view referrer,
                                     std::string_view consumer_project_number);
// The request carried neither a key nor a token: the Developer API's 403
// ("unregistered callers") and the 401 CREDENTIALS_MISSING of OAuth-only APIs.
GoogleError missing_credentials(std::string_view service);
GoogleError credentials_missing(std::string_view service, std::string_view api_method);

// OAuth credentials on an API call: 401 UNAUTHENTICATED with an ErrorInfo
// reason such as ACCESS_TOKEN_EXPIRED, ACCESS_TOKEN_TYPE_UNSUPPORTED or
// CREDENTIALS_MISSING; 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT for a token whose
// scopes do not cover the API.
GoogleError bad_credentials(std::string_view reason, std::string_view service, std::string_view api_method);
GoogleError scope_insufficient(std::string_view service, std::string_view api_method);
// x-goog-user-project names a project the caller may not bill.
GoogleError user_project_denied(std::string_view project, std::string_view service);

// API enablement and IAM.
GoogleError service_disabled(std::string_view service, std::string_view service_title,
                             std::string_view project_number);
GoogleError iam_permission_denied(std::string_view permission, std::string_view resource);
// IAM denial on a non-Vertex API (Resource Manager, IAM, Service Usage, API Keys).
GoogleError iam_denied(std::string_view permission, std::string_view resource, std::string_view domain);
// Optimistic-concurrency failure (setIamPolicy with a stale etag).
GoogleError aborted(std::string_view message);
GoogleError already_exists(std::string_view message);
GoogleError failed_precondition(std::string_view message);

// Image generation. responseModalities the model cannot produce (Google's
// text, modalities lower-case: "...: image"); Imagen's parameter checks.
GoogleError unsupported_response_modalities(std::string_view modalities);
GoogleError imagen_prompt_missing();
GoogleError imagen_sample_count(std::string_view got);
GoogleError imagen_aspect_ratio(std::string_view got, std::string_view supported);
GoogleError imagen_seed_with_watermark();
GoogleError imagen_output_mime_type(std::string_view got);
// Veo (predictLongRunning). A field a backend does not take ("`seed` isn't
// supported by this model..." on the Developer API); a bad value; a
// generated video that does not exist (or is another project's).
GoogleError veo_field_not_supported(std::string_view field);
GoogleError veo_invalid_value(std::string_view field, std::string_view got, std::string_view allowed);
GoogleError veo_input_missing();
GoogleError video_file_not_found(std::string_view id);
// The Files API (handlers/file_methods.cc). A file that does not exist or is
// another project's (Google's 403, the same for both); one still PROCESSING
// named in a prompt (Google's 400 FAILED_PRECONDITION); and the upload
// protocol's refusals. Where Google's exact text is not known the message
// says plainly what was wrong.
GoogleError file_not_found(std::string_view id);
GoogleError file_not_active(std::string_view id);
GoogleError file_already_exists(std::string_view name);
GoogleError file_name_invalid(std::string_view name);
GoogleError file_too_large(unsigned long long size, unsigned long long limit);
GoogleError file_not_downloadable(std::string_view id);
GoogleError upload_session_not_found();
GoogleError upload_offset_mismatch(unsigned long long offset, unsigned long long received);
GoogleError upload_size_mismatch(unsigned long long declared, unsigned long long received);
GoogleError upload_bad_command(std::string_view what);
// generationConfig.imageConfig.aspectRatio a Gemini image model does not
// draw (the wording clients report for the Gemini API's aspect-ratio check).
GoogleError gemini_aspect_ratio_invalid(std::string_view got);

// Request bodies: not JSON, or a name the message does not have.
GoogleError json_payload_invalid();
// A body over the front end's limit: "Request payload size exceeds the
// limit: 20971520 bytes."
GoogleError payload_too_large(size_t limit);
// JSON nested deeper than the parser follows.
GoogleError json_too_deep(int max_depth);
// The admin API refusing a caller (a cross-site request, a foreign Host, a
// missing or wrong admin token); not a Google API, so its own words.
GoogleError admin_refused(std::string_view why);
// An enum field with a value the proto enum does not have: "Invalid value at
// 'safety_settings[0].threshold' (type.googleapis.com/<enum_type>), \"X\"",
// with a BadRequest field violation naming the field.
GoogleError invalid_enum_value(std::string_view field, std::string_view enum_type, std::string_view value);
// Any other value a field cannot hold, as the transcoder reports it: "Invalid
// value at 'generation_config.temperature' (TYPE_FLOAT), \"hot\"" (`type` is
// TYPE_STRING, ... or a message's type URL; `value` is the JSON as sent).
GoogleError invalid_field_value(std::string_view field, std::string_view type, std::string_view value);
GoogleError json_unknown_name(std::string_view name);
// Names no field of the message has, as the transcoder lists them: one line
// "Invalid JSON payload received. Unknown name \"x\" at 'generation_config':
// Cannot find field." per name (no " at '...'" at the top level), each also
// a BadRequest field violation (with `field` when not at the top level).
struct UnknownName {
  std::string name;
  std::string at;  // proto path of the message holding it; empty: top level
};
GoogleError json_unknown_names(const std::vector<UnknownName>& names);
// One field sent under both of its names ("thinkingBudget" and
// "thinking_budget"); `field` is its proto path. The text is the emulator's
// (Google's for this case is not captured).
GoogleError json_field_set_twice(std::string_view field, std::string_view json_name, std::string_view proto_name);
// thinkingBudget 0 on a model that cannot turn thinking off (gemini-2.5-pro).
GoogleError thinking_budget_zero_invalid();
// thinkingConfig on a model that does not think (gemini-2.0-flash), in each
// backend's wording as clients report it.
GoogleError thinking_not_supported(bool vertex);
// 400 "You can only set only one of thinking budget and thinking level."
GoogleError thinking_budget_and_level();
// 400 thinkingLevel on a model that takes a budget only (Gemini 2.5). The
// text is the emulator's (Google's for this case is not captured).
GoogleError thinking_level_not_supported();
// 400 responseLogprobs on a model without them: "Logprobs is not enabled for
// models/X" (Developer API), "Unable to submit request because Logprobs is
// not supported for this model." (Vertex AI), as clients quote them.
GoogleError logprobs_not_enabled(std::string_view model, bool vertex);
// The computer-use model called without the computerUse tool (Google's text,
// as users quote it).
GoogleError computer_use_tool_required();
// The computerUse tool on a model without Computer Use. Google refuses it with
// a 400 INVALID_ARGUMENT; its exact text is not on record, so this one says
// what is wrong in Google's style.
GoogleError computer_use_not_supported(std::string_view model);
// A Computer Use function response for an action whose safety_decision asked
// for confirmation, without "safety_acknowledgement": "true".
GoogleError computer_use_unacknowledged(std::string_view action);

// Cloud Resource Manager. v1 answers any denial (or a missing project) with
// the bare "The caller does not have permission"; v3 names the permission.
GoogleError caller_lacks_permission();
GoogleError resource_manager_denied(std::string_view permission, std::string_view project_id);
GoogleError project_already_exists();
GoogleError project_id_invalid(std::string_view description);
// setIamPolicy with an etag that is not the current policy's (v3 adds both etags).
GoogleError policy_changed(std::string_view request_etag, std::string_view current_etag, bool v3);
GoogleError bytes_field_invalid(std::string_view field, std::string_view value);
GoogleError wildcard_permission(std::string_view permission);
GoogleError role_not_supported(std::string_view role);

// Service Usage: `verb` is "enable", "disable" or "get" (service named) or
// "list" (services of projects/NUMBER).
GoogleError service_usage_denied(std::string_view verb, std::string_view target, std::string_view permission,
                                 std::string_view resource);
GoogleError service_not_found(std::string_view service);
GoogleError operation_not_found(std::string_view name);

// IAM (iam.googleapis.com): denials never name the resource.
GoogleError iam_api_denied(std::string_view permission);
GoogleError unknown_service_account();
GoogleError service_account_key_not_found(std::string_view name);

// API Keys v2.
GoogleError api_key_resource_not_found(std::string_view name);
GoogleError api_key_string_not_found();

// Models and quota.
GoogleError model_not_found(std::string_view model, std::string_view api_version,
                            std::string_view method);
GoogleError vertex_model_not_found(std::string_view model_resource);
// 429 with QuotaFailure (the model and the per-minute limit), Help and RetryInfo.
GoogleError quota_exceeded(std::string_view model, long long limit, std::chrono::seconds retry_in);

// Context caches. An unknown or expired cache: the Developer API answers 403
// "CachedContent not found (or permission denied)", Vertex AI 404.
GoogleError cached_content_not_found(bool vertex, std::string_view id);
// Vertex AI tuning: a job or tuned model (or its endpoint) that does not exist
// in the caller's project, a cancel of a job that already ended, a base model
// that cannot be tuned, and a training set that is not a JSONL file in Cloud Storage.
GoogleError tuning_job_not_found(std::string_view name);
GoogleError tuned_model_not_found(std::string_view name);
GoogleError endpoint_not_found(std::string_view name);
GoogleError tuning_job_already_ended(std::string_view name, std::string_view state);
GoogleError base_model_not_tunable(std::string_view model);
GoogleError tuning_dataset_invalid(std::string_view field, std::string_view uri);
// generateContent with cachedContent and also systemInstruction/tools/toolConfig.
GoogleError cached_content_with_request_fields(bool vertex);
GoogleError cached_content_model_mismatch(std::string_view request_model, std::string_view cache_model);
GoogleError cached_content_too_small(long long total_tokens, long long min_tokens);
// A ttl / expireTime the JSON parser or the service rejects.
GoogleError cached_content_bad_duration(std::string_view value);
GoogleError cached_content_bad_timestamp(std::string_view value);
GoogleError cached_content_bad_expiry(std::string_view why);

// OAuth2 token endpoint: {"error": ..., "error_description": ...}, 1-space
// indent and no trailing newline, as oauth2.googleapis.com.
GoogleError oauth_error(int http_status, std::string_view error, std::string_view description);

// Batches. An unknown job (or another project's); a free-tier project's
// batchGenerateContent (400 FAILED_PRECONDITION "Precondition check
// failed."); cancelling a job that has ended; deleting a Vertex AI job that
// is still running.
GoogleError batch_not_found(bool vertex, std::string_view name);
GoogleError batch_free_tier();
GoogleError batch_not_cancellable(std::string_view name, std::string_view state);
GoogleError batch_still_running(std::string_view name, std::string_view state);

// AI Studio's "Get API key" in a project whose Generative Language API is not
// enabled: AI Studio shows only "Failed to generate API key: permission
// denied. Please try again." (403 PERMISSION_DENIED). The emulator's body adds
// an ErrorInfo SERVICE_DISABLED naming the service and project, so a tool can
// say what to enable.
GoogleError ai_studio_key_denied(std::string_view service, std::string_view service_title,
                                 std::string_view project_number);
// The same words when the signed-in user may not create keys in the project
// (no apikeys.keys.create): the ErrorInfo is IAM_PERMISSION_DENIED, naming the
// permission and the project's key collection.
GoogleError ai_studio_key_iam_denied(std::string_view permission, std::string_view resource);
// The text AI Studio shows for it, word for word.
inline constexpr const char* kAiStudioKeyDenied = "Failed to generate API key: permission denied. Please try again.";

// The Live API (handlers/live_session.cc): each goes out as a close frame
// (live_session.h's close_for) rather than an HTTP answer.
// A sessionResumption handle no session has (1008, as Google closes).
GoogleError live_session_not_found();
// A message before setup, or a second setup.
GoogleError live_setup_first();
GoogleError live_setup_again();
// A frame that is not JSON, or a name the message does not have.
GoogleError live_bad_json();
GoogleError live_unknown_field(std::string_view name);
// A field the message's type lacks, at `path` ("setup.session_resumption").
GoogleError live_unknown_field_at(std::string_view name, std::string_view path);
// The session's context past the model's context window, with no
// contextWindowCompression to keep it within.
GoogleError live_context_exceeded(std::int64_t tokens, std::int64_t limit);
// responseModalities the model cannot give, or more than one.
GoogleError live_modality_invalid(std::string_view model, std::string_view modalities);
// activityStart/activityEnd while automatic activity detection is on.
GoogleError live_activity_control_conflict();
// realtimeInput audio that is not 16-bit PCM (audio/pcm[;rate=N]).
GoogleError live_audio_unsupported(std::string_view mime_type);
// More sessions open at once than the emulator serves.
GoogleError live_too_many_sessions(int max);
// The connection reached its longest life.
GoogleError live_session_expired();
// An ephemeral token (auth_tokens/...) unknown, expired, past its
// newSessionExpireTime or used up; or a key where one is required.
GoogleError ephemeral_token_invalid();
// A field of POST auth_tokens out of range.
GoogleError auth_token_invalid(std::string_view message);

// File Search stores (handlers/file_search_methods.cc). A store or document
// that does not exist or is another project's (404 NOT_FOUND); a name that
// is not fileSearchStores/ID (400); deleting a store that holds documents,
// or an indexed document, without force (400 FAILED_PRECONDITION); a
// chunkingConfig, customMetadata or metadataFilter Google would refuse; a
// file_search tool without store names. Where Google's exact text is not
// known the message says plainly what was wrong.
GoogleError file_search_store_not_found(std::string_view name);
GoogleError file_search_store_name_invalid(std::string_view name);
GoogleError file_search_store_not_empty(std::string_view name, std::size_t documents);
GoogleError file_search_document_not_found(std::string_view name);
GoogleError file_search_document_not_empty(std::string_view name);
GoogleError file_search_bad_request(std::string_view what);
GoogleError file_search_document_too_large(unsigned long long size, unsigned long long limit);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_ERRORS_H_
