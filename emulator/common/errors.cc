// Google's error bodies, built field by field in Google's order (code,
// message, status, details) and indentation, so clients see what they would
// see from Google. Texts come from the samples in tests/data/wire/.
#include "emulator/common/errors.h"

#include <nlohmann/json.hpp>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

std::string s(std::string_view v) { return std::string(v); }

GoogleError make(int code, std::string_view status, std::string_view message, ojson details = ojson()) {
  ojson err;
  err["code"] = code;
  err["message"] = s(message);
  err["status"] = s(status);
  if (!details.is_null()) err["details"] = std::move(details);
  ojson body;
  body["error"] = std::move(err);
  GoogleError e;
  e.http_status = code;
  e.body = body.dump(2) + "\n";
  return e;
}

ojson error_info(std::string_view reason, std::string_view domain, ojson metadata) {
  ojson d;
  d["@type"] = "type.googleapis.com/google.rpc.ErrorInfo";
  d["reason"] = s(reason);
  d["domain"] = s(domain);
  d["metadata"] = std::move(metadata);
  return d;
}

// google.rpc.BadRequest with these field violations ({field?, description}).
ojson bad_request_details(ojson violations) {
  ojson d;
  d["@type"] = "type.googleapis.com/google.rpc.BadRequest";
  d["fieldViolations"] = std::move(violations);
  return ojson::array({d});
}

// A 400 whose message is also the one violation's description, at `field`.
GoogleError one_field_violation(std::string_view field, const std::string& message) {
  ojson violation;
  violation["field"] = s(field);
  violation["description"] = message;
  return make(400, "INVALID_ARGUMENT", message, bad_request_details(ojson::array({violation})));
}

ojson localized(std::string_view message) {
  ojson d;
  d["@type"] = "type.googleapis.com/google.rpc.LocalizedMessage";
  d["locale"] = "en-US";
  d["message"] = s(message);
  return d;
}

ojson help(std::string_view description, std::string_view url) {
  ojson link;
  link["description"] = s(description);
  link["url"] = s(url);
  ojson d;
  d["@type"] = "type.googleapis.com/google.rpc.Help";
  d["links"] = ojson::array({link});
  return d;
}

GoogleError key_blocked(std::string_view reason, std::string_view message, std::string_view service,
                        std::string_view project_number, ojson extra) {
  ojson md;
  md["consumer"] = "projects/" + s(project_number);
  md["service"] = s(service);
  for (auto it = extra.begin(); it != extra.end(); ++it) md[it.key()] = it.value();
  return make(403, "PERMISSION_DENIED", message,
              ojson::array({error_info(reason, "googleapis.com", std::move(md)), localized(message)}));
}

}  // namespace

GoogleError invalid_argument(std::string_view message) { return make(400, "INVALID_ARGUMENT", message); }
GoogleError not_found(std::string_view message) { return make(404, "NOT_FOUND", message); }
GoogleError permission_denied(std::string_view message) { return make(403, "PERMISSION_DENIED", message); }
GoogleError unauthenticated(std::string_view message) { return make(401, "UNAUTHENTICATED", message); }
GoogleError internal_error() {
  return make(500, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting");
}
GoogleError unsupported_response_modalities(std::string_view modalities) {
  return invalid_argument("Model does not support the requested response modalities: " + std::string(modalities));
}
GoogleError imagen_prompt_missing() {
  return invalid_argument("Image generation failed with the following error: The prompt is empty. "
                          "Please provide a prompt in instances[0].prompt.");
}
GoogleError imagen_sample_count(std::string_view got) {
  return invalid_argument("Image generation failed with the following error: sampleCount must be an integer "
                          "between 1 and 4, got " + std::string(got) + ".");
}
GoogleError imagen_aspect_ratio(std::string_view got, std::string_view supported) {
  return invalid_argument("Image generation failed with the following error: Unsupported aspect ratio \"" +
                          std::string(got) + "\". Supported aspect ratios are " + std::string(supported) + ".");
}
GoogleError imagen_seed_with_watermark() {
  return invalid_argument("Image generation failed with the following error: Seed is not supported when "
                          "addWatermark is true. Set addWatermark to false to use a seed.");
}
GoogleError imagen_output_mime_type(std::string_view got) {
  return invalid_argument("Image generation failed with the following error: Unsupported output mime type \"" +
                          std::string(got) + "\" (genai-emulator encodes image/png only).");
}
GoogleError veo_field_not_supported(std::string_view field) {
  return invalid_argument("`" + std::string(field) + "` isn't supported by this model. Please remove it or refer to "
                          "the documentation for supported usage.");
}
GoogleError veo_invalid_value(std::string_view field, std::string_view got, std::string_view allowed) {
  return invalid_argument("Video generation failed with the following error: Unsupported " + std::string(field) +
                          " " + std::string(got) + ". Supported values are " + std::string(allowed) + ".");
}
GoogleError veo_input_missing() {
  return invalid_argument("Video generation failed with the following error: Provide a prompt, an image or a video "
                          "in instances[0].");
}
GoogleError video_file_not_found(std::string_view id) {
  return make(403, "PERMISSION_DENIED",
              "You do not have permission to access the File " + std::string(id) + " or it may not exist.");
}
GoogleError file_not_found(std::string_view id) { return video_file_not_found(id); }
GoogleError file_not_active(std::string_view id) {
  return make(400, "FAILED_PRECONDITION",
              "The File " + std::string(id) + " is not in an ACTIVE state and usage is not allowed.");
}
GoogleError file_already_exists(std::string_view name) {
  return make(409, "ALREADY_EXISTS", "A file named " + std::string(name) + " already exists.");
}
GoogleError file_name_invalid(std::string_view name) {
  return invalid_argument("Invalid file name \"" + std::string(name) +
                          "\": it must be files/ followed by up to 40 lower-case letters, digits or dashes, "
                          "not starting or ending with a dash.");
}
GoogleError file_too_large(unsigned long long size, unsigned long long limit) {
  return invalid_argument("File size " + std::to_string(size) + " bytes exceeds the maximum allowed size of " +
                          std::to_string(limit) + " bytes (2 GB).");
}
GoogleError file_not_downloadable(std::string_view id) {
  return invalid_argument("Only generated files can be downloaded: files/" + std::string(id) +
                          " was uploaded (source UPLOADED, no downloadUri).");
}
GoogleError upload_session_not_found() {
  return not_found("The upload session was not found: it is finished, was never started, or has expired.");
}
GoogleError upload_offset_mismatch(unsigned long long offset, unsigned long long received) {
  return invalid_argument("X-Goog-Upload-Offset " + std::to_string(offset) + " does not match the " +
                          std::to_string(received) +
                          " bytes received so far. Query the upload (X-Goog-Upload-Command: query) and resume at "
                          "X-Goog-Upload-Size-Received.");
}
GoogleError upload_size_mismatch(unsigned long long declared, unsigned long long received) {
  return invalid_argument("The upload was finalized with " + std::to_string(received) +
                          " bytes, but X-Goog-Upload-Header-Content-Length announced " + std::to_string(declared) +
                          ".");
}
GoogleError upload_bad_command(std::string_view what) { return invalid_argument(what); }
GoogleError unavailable() { return make(503, "UNAVAILABLE", "The model is overloaded. Please try again later."); }

GoogleError api_key_invalid(std::string_view service) {
  constexpr std::string_view kMsg = "API key not valid. Please pass a valid API key.";
  ojson md;
  md["service"] = s(service);
  return make(400, "INVALID_ARGUMENT", kMsg,
              ojson::array({error_info("API_KEY_INVALID", "googleapis.com", std::move(md)), localized(kMsg)}));
}

GoogleError api_key_expired(std::string_view service) {
  constexpr std::string_view kMsg = "API key expired. Please renew the API key.";
  ojson md;
  md["service"] = s(service);
  return make(400, "INVALID_ARGUMENT", kMsg,
              ojson::array({error_info("API_KEY_INVALID", "googleapis.com", std::move(md)), localized(kMsg)}));
}

GoogleError api_key_service_blocked(std::string_view service, std::string_view api_method,
                                    std::string_view project_number) {
  const std::string msg = "Requests to this API " + s(service) + " method " + s(api_method) + " are blocked.";
  ojson extra;
  extra["apiName"] = s(service);
  extra["methodName"] = s(api_method);
  return key_blocked("API_KEY_SERVICE_BLOCKED", msg, service, project_number, std::move(extra));
}

GoogleError api_key_ip_blocked(std::string_view service, std::string_view caller_ip, std::string_view project_number) {
  const std::string msg = "The provided API key has an IP address restriction. The originating IP address of the call (" +
                          s(caller_ip) + ") violates this restriction.";
  ojson extra;
  extra["callerIp"] = s(caller_ip);
  return key_blocked("API_KEY_IP_ADDRESS_BLOCKED", msg, service, project_number, std::move(extra));
}

GoogleError api_key_referrer_blocked(std::string_view service, std::string_view referrer,
                                     std::string_view project_number) {
  const std::string shown = referrer.empty() ? "<empty>" : s(referrer);
  const std::string msg = "Requests from referer " + shown + " are blocked.";
  ojson extra;
  extra["httpReferrer"] = shown;
  return key_blocked("API_KEY_HTTP_REFERRER_BLOCKED", msg, service, project_number, std::move(extra));
}

GoogleError missing_credentials(std::string_view service) {
  (void)service;
  return make(403, "PERMISSION_DENIED",
              "Method doesn't allow unregistered callers (callers without established identity). Please use API Key "
              "or other form of API consumer identity to call this API.");
}

GoogleError service_disabled(std::string_view service, std::string_view service_title,
                             std::string_view project_number) {
  const std::string url = "https://console.developers.google.com/apis/api/" + s(service) +
                          "/overview?project=" + s(project_number);
  const std::string msg = s(service_title) + " has not been used in project " + s(project_number) +
                          " before or it is disabled. Enable it by visiting " + url +
                          " then retry. If you enabled this API recently, wait a few minutes for the action to "
                          "propagate to our systems and retry.";
  ojson md;
  md["containerInfo"] = s(project_number);
  md["activationUrl"] = url;
  md["serviceTitle"] = s(service_title);
  md["service"] = s(service);
  md["consumer"] = "projects/" + s(project_number);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("SERVICE_DISABLED", "googleapis.com", std::move(md)), localized(msg),
                            help("Google developers console API activation", url)}));
}

GoogleError billing_disabled(std::string_view service, std::string_view project_number) {
  const std::string url = "https://console.developers.google.com/billing/enable?project=" + s(project_number);
  const std::string msg = "This API method requires billing to be enabled. Please enable billing on project #" +
                          s(project_number) + " by visiting " + url +
                          " then retry. If you enabled billing for this project recently, wait a few minutes for "
                          "the action to propagate to our systems and retry.";
  ojson md;
  md["containerInfo"] = s(project_number);
  md["consumer"] = "projects/" + s(project_number);
  md["service"] = s(service);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("BILLING_DISABLED", "googleapis.com", std::move(md)), localized(msg),
                            help("Google developers console billing", url)}));
}

GoogleError consumer_invalid(std::string_view service, std::string_view project_id) {
  const std::string msg = "Permission denied on resource project " + s(project_id) + ".";
  ojson md;
  md["containerInfo"] = s(project_id);
  md["consumer"] = "projects/" + s(project_id);
  md["service"] = s(service);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("CONSUMER_INVALID", "googleapis.com", std::move(md)), localized(msg),
                            help("Google developers console", "https://console.developers.google.com")}));
}

GoogleError user_location_unsupported() {
  return make(400, "FAILED_PRECONDITION", "User location is not supported for the API use.");
}

GoogleError bad_credentials(std::string_view reason, std::string_view service, std::string_view api_method) {
  ojson md;
  md["service"] = s(service);
  md["method"] = s(api_method);
  return make(401, "UNAUTHENTICATED",
              "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
              "valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
              ojson::array({error_info(reason, "googleapis.com", std::move(md))}));
}

GoogleError credentials_missing(std::string_view service, std::string_view api_method) {
  ojson md;
  md["service"] = s(service);
  md["method"] = s(api_method);
  return make(401, "UNAUTHENTICATED",
              "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or "
              "other valid authentication credential. See "
              "https://developers.google.com/identity/sign-in/web/devconsole-project.",
              ojson::array({error_info("CREDENTIALS_MISSING", "googleapis.com", std::move(md))}));
}

GoogleError scope_insufficient(std::string_view service, std::string_view api_method) {
  ojson md;
  md["service"] = s(service);
  md["method"] = s(api_method);
  return make(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.",
              ojson::array({error_info("ACCESS_TOKEN_SCOPE_INSUFFICIENT", "googleapis.com", std::move(md))}));
}

GoogleError user_project_denied(std::string_view project, std::string_view service) {
  const std::string msg = "Caller does not have required permission to use project " + s(project) +
                          ". Grant the caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with "
                          "the serviceusage.services.use permission, by visiting "
                          "https://console.developers.google.com/iam-admin/iam/project?project=" + s(project) +
                          " and then retry. Propagation of the new permission may take a few minutes.";
  ojson md;
  md["consumer"] = "projects/" + s(project);
  md["service"] = s(service);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("USER_PROJECT_DENIED", "googleapis.com", std::move(md)), localized(msg)}));
}

GoogleError iam_denied(std::string_view permission, std::string_view resource, std::string_view domain) {
  const std::string msg = "Permission '" + s(permission) + "' denied on resource '" + s(resource) +
                          "' (or it may not exist).";
  ojson md;
  md["permission"] = s(permission);
  md["resource"] = s(resource);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("IAM_PERMISSION_DENIED", domain, std::move(md))}));
}

GoogleError aborted(std::string_view message) { return make(409, "ABORTED", message); }
GoogleError already_exists(std::string_view message) { return make(409, "ALREADY_EXISTS", message); }
GoogleError failed_precondition(std::string_view message) { return make(400, "FAILED_PRECONDITION", message); }

GoogleError json_payload_invalid() { return make(400, "INVALID_ARGUMENT", "Invalid JSON payload received."); }

GoogleError payload_too_large(size_t limit) {
  return make(400, "INVALID_ARGUMENT", "Request payload size exceeds the limit: " + std::to_string(limit) + " bytes.");
}

GoogleError json_too_deep(int max_depth) {
  return make(400, "INVALID_ARGUMENT",
              "Invalid JSON payload received. Nesting is deeper than " + std::to_string(max_depth) + " levels.");
}

GoogleError admin_refused(std::string_view why) {
  return make(403, "PERMISSION_DENIED", "genai-emulator admin API: " + s(why));
}

GoogleError invalid_field_value(std::string_view field, std::string_view type, std::string_view value) {
  // The shape of the JSON transcoder's errors for a value a field cannot
  // hold (message, and a BadRequest violation with the field path); the
  // exact texts are unverified against a live call.
  return one_field_violation(field, "Invalid value at '" + s(field) + "' (" + s(type) + "), " + s(value));
}

GoogleError invalid_enum_value(std::string_view field, std::string_view enum_type, std::string_view value) {
  return invalid_field_value(field, "type.googleapis.com/" + s(enum_type), "\"" + s(value) + "\"");
}

GoogleError json_unknown_name(std::string_view name) {
  return make(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"" + s(name) + "\": Cannot find field.");
}

GoogleError json_unknown_names(const std::vector<UnknownName>& names) {
  std::string message;
  ojson violations = ojson::array();
  for (const UnknownName& n : names) {
    const std::string line = "Invalid JSON payload received. Unknown name \"" + n.name + "\"" +
                             (n.at.empty() ? "" : " at '" + n.at + "'") + ": Cannot find field.";
    message += (message.empty() ? "" : "\n") + line;
    ojson v;
    if (!n.at.empty()) v["field"] = n.at;
    v["description"] = line;
    violations.push_back(std::move(v));
  }
  return make(400, "INVALID_ARGUMENT", message, bad_request_details(std::move(violations)));
}

GoogleError json_field_set_twice(std::string_view field, std::string_view json_name, std::string_view proto_name) {
  return one_field_violation(field, "Invalid JSON payload received. Field '" + s(field) + "' is set twice, as \"" +
                                    s(json_name) + "\" and as \"" + s(proto_name) + "\".");
}

GoogleError gemini_aspect_ratio_invalid(std::string_view got) {
  return make(400, "INVALID_ARGUMENT", "`aspectRatio` does not support `" + s(got) +
                                           "` as a valid value. Please refer to the Gemini API documentation for "
                                           "supported usage.");
}

GoogleError thinking_not_supported(bool vertex) {
  return make(400, "INVALID_ARGUMENT",
              vertex ? "Unable to submit request because thinking is not supported by this model. Learn more: "
                       "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini"
                     : "thinking_config is not supported.");
}

GoogleError thinking_budget_and_level() {
  return make(400, "INVALID_ARGUMENT", "You can only set only one of thinking budget and thinking level.");
}

GoogleError thinking_level_not_supported() {
  return make(400, "INVALID_ARGUMENT", "Thinking level is not supported for this model.");
}

GoogleError logprobs_not_enabled(std::string_view model, bool vertex) {
  return make(400, "INVALID_ARGUMENT",
              vertex ? "Unable to submit request because Logprobs is not supported for this model. Learn more: "
                       "https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/gemini"
                     : "Logprobs is not enabled for models/" + std::string(model));
}

GoogleError computer_use_tool_required() {
  return make(400, "INVALID_ARGUMENT", "This model requires the use of the Computer Use tool.");
}

GoogleError computer_use_unacknowledged(std::string_view action) {
  // Google's text for this is not on record; the emulator's names the fix.
  return make(400, "INVALID_ARGUMENT",
              "The function call " + s(action) +
                  " has a safety_decision that requires confirmation, but its function response does not carry "
                  "\"safety_acknowledgement\": \"true\". Ask the user to confirm the action before performing it.");
}

GoogleError computer_use_not_supported(std::string_view model) {
  return make(400, "INVALID_ARGUMENT", "Computer Use is not supported by model " + s(model) + ".");
}

GoogleError thinking_budget_zero_invalid() {
  // Google's text, as clients quote it (no details).
  return make(400, "INVALID_ARGUMENT", "Budget 0 is invalid. This model only works in thinking mode.");
}

GoogleError caller_lacks_permission() { return make(403, "PERMISSION_DENIED", "The caller does not have permission"); }

GoogleError resource_manager_denied(std::string_view permission, std::string_view project_id) {
  const std::string msg = "Permission '" + s(permission) + "' denied on resource '//cloudresourcemanager.googleapis.com/projects/" +
                          s(project_id) + "' (or it may not exist).";
  ojson md;
  md["permission"] = s(permission);
  md["resource"] = "projects/" + s(project_id);
  return make(403, "PERMISSION_DENIED", msg,
              ojson::array({error_info("IAM_PERMISSION_DENIED", "cloudresourcemanager.googleapis.com", std::move(md))}));
}

GoogleError project_already_exists() { return make(409, "ALREADY_EXISTS", "Requested entity already exists"); }

GoogleError project_id_invalid(std::string_view description) {
  ojson violation;
  violation["field"] = "project_id";
  violation["description"] = s(description);
  return make(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", bad_request_details(ojson::array({violation})));
}

GoogleError policy_changed(std::string_view request_etag, std::string_view current_etag, bool v3) {
  std::string msg = "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.";
  if (v3) msg += " The request's ETag '" + s(request_etag) + "' did not match the current policy's ETag '" + s(current_etag) + "'.";
  return make(409, "ABORTED", msg);
}

GoogleError bytes_field_invalid(std::string_view field, std::string_view value) {
  return make(400, "INVALID_ARGUMENT",
              "Invalid value at '" + s(field) + "' (TYPE_BYTES), Base64 decoding failed for \"" + s(value) + "\"");
}

GoogleError wildcard_permission(std::string_view permission) {
  return make(400, "INVALID_ARGUMENT",
              "Permissions with wildcards (such as '*' or 'storage.*') are not allowed. Invalid permission: " + s(permission));
}

GoogleError role_not_supported(std::string_view role) {
  return make(400, "INVALID_ARGUMENT", "Role " + s(role) + " is not supported for this resource.");
}

GoogleError service_usage_denied(std::string_view verb, std::string_view target, std::string_view permission,
                                 std::string_view resource) {
  const std::string what = verb == "list" ? "list services for consumer container [" + s(target) + "]"
                                          : s(verb) + " service [" + s(target) + "]";
  // Google appends an opaque support token; the emulator's is fixed.
  const std::string msg = "Permission denied to " + what + "\nHelp Token: AeNz4PgEmulatorHelpToken";
  ojson violation;
  violation["type"] = "googleapis.com";
  violation["subject"] = "?error_code=110002&service=servicemanagement.googleapis.com&permission=" + s(permission) +
                         "&resource=" + s(resource);
  ojson precondition;
  precondition["@type"] = "type.googleapis.com/google.rpc.PreconditionFailure";
  precondition["violations"] = ojson::array({violation});
  ojson info;
  info["@type"] = "type.googleapis.com/google.rpc.ErrorInfo";
  info["reason"] = "AUTH_PERMISSION_DENIED";
  info["domain"] = "serviceusage.googleapis.com";
  return make(403, "PERMISSION_DENIED", msg, ojson::array({precondition, info}));
}

GoogleError service_not_found(std::string_view service) {
  ojson violation;
  violation["type"] = "googleapis.com";
  violation["subject"] = "?error_code=220002&services=" + s(service);
  ojson precondition;
  precondition["@type"] = "type.googleapis.com/google.rpc.PreconditionFailure";
  precondition["violations"] = ojson::array({violation});
  ojson md;
  md["services"] = s(service);
  return make(403, "PERMISSION_DENIED", "Not found or permission denied for service(s): " + s(service) + ".",
              ojson::array({precondition,
                            error_info("SERVICE_CONFIG_NOT_FOUND_OR_PERMISSION_DENIED", "serviceusage.googleapis.com",
                                       std::move(md))}));
}

GoogleError operation_not_found(std::string_view name) { return not_found("Operation '" + s(name) + "' not found."); }

GoogleError iam_api_denied(std::string_view permission) {
  ojson md;
  md["permission"] = s(permission);
  return make(403, "PERMISSION_DENIED", "Permission '" + s(permission) + "' denied on resource (or it may not exist).",
              ojson::array({error_info("IAM_PERMISSION_DENIED", "iam.googleapis.com", std::move(md))}));
}

GoogleError unknown_service_account() { return not_found("Unknown service account"); }

GoogleError service_account_key_not_found(std::string_view name) {
  return not_found("Service account key " + s(name) + " does not exist.");
}

GoogleError api_key_resource_not_found(std::string_view name) { return not_found("Key " + s(name) + " not found."); }

GoogleError api_key_string_not_found() { return not_found("The key string is not found."); }

GoogleError iam_permission_denied(std::string_view permission, std::string_view resource) {
  return iam_denied(permission, resource, "aiplatform.googleapis.com");
}

GoogleError model_not_found(std::string_view model, std::string_view api_version, std::string_view method) {
  return not_found("models/" + s(model) + " is not found for API version " + s(api_version) +
                   ", or is not supported for " + s(method) +
                   ". Call ListModels to see the list of available models and their supported methods.");
}

GoogleError vertex_model_not_found(std::string_view model_resource) {
  return not_found("Publisher Model `" + s(model_resource) +
                   "` was not found or your project does not have access to it. Please ensure you are using a valid "
                   "model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions");
}

GoogleError tuning_job_not_found(std::string_view name) { return not_found("TuningJob " + s(name) + " not found."); }

GoogleError tuned_model_not_found(std::string_view name) { return not_found("Model " + s(name) + " not found."); }

GoogleError endpoint_not_found(std::string_view name) { return not_found("Endpoint " + s(name) + " not found."); }

GoogleError tuning_job_already_ended(std::string_view name, std::string_view state) {
  return failed_precondition("Cannot cancel TuningJob " + s(name) + " because it is in state " + s(state) + ".");
}

GoogleError base_model_not_tunable(std::string_view model) {
  return invalid_argument("Base model " + s(model) + " is not supported for supervised tuning.");
}

GoogleError tuning_dataset_invalid(std::string_view field, std::string_view uri) {
  return invalid_argument("* " + s(field) + ": '" + s(uri) +
                          "' is not a valid Cloud Storage URI of a JSONL file (gs://BUCKET/OBJECT.jsonl).\n");
}

GoogleError quota_exceeded(std::string_view model, long long limit, std::chrono::seconds retry_in) {
  const std::string msg =
      "You exceeded your current quota, please check your plan and billing details. For more information on this "
      "error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.";
  ojson violation;
  // The free tier's requests-per-minute quota, as Google names it; the value is the limit.
  violation["quotaMetric"] = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
  violation["quotaId"] = "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
  violation["quotaDimensions"] = ojson{{"location", "global"}, {"model", s(model)}};
  violation["quotaValue"] = std::to_string(limit);
  ojson quota;
  quota["@type"] = "type.googleapis.com/google.rpc.QuotaFailure";
  quota["violations"] = ojson::array({violation});
  ojson retry;
  retry["@type"] = "type.googleapis.com/google.rpc.RetryInfo";
  retry["retryDelay"] = std::to_string(retry_in.count()) + "s";
  GoogleError e = make(429, "RESOURCE_EXHAUSTED", msg,
                       ojson::array({quota, help("Learn more about Gemini API quotas",
                                                 "https://ai.google.dev/gemini-api/docs/rate-limits"),
                                     retry}));
  return e;
}

GoogleError cached_content_not_found(bool vertex, std::string_view id) {
  if (!vertex) return permission_denied("CachedContent not found (or permission denied)");
  return not_found("Not found: cached content metadata for " + s(id) + ".");
}

GoogleError cached_content_with_request_fields(bool vertex) {
  // Google's text, including the Developer API's missing space ("therequest").
  if (!vertex) return invalid_argument("Tool config, tools and system instruction should not be set in therequest when using cached content.");
  return invalid_argument("CachedContent can not be used with GenerateContent request setting system_instruction, tools or "
                          "tool_config.\n\nProposed fix: move those values to CachedContent from GenerateContent request.");
}

GoogleError cached_content_model_mismatch(std::string_view request_model, std::string_view cache_model) {
  return invalid_argument("Model used by GenerateContent request (" + s(request_model) + ") and CachedContent (" +
                          s(cache_model) + ") has to be the same.");
}

GoogleError cached_content_too_small(long long total_tokens, long long min_tokens) {
  return invalid_argument("Cached content is too small. total_token_count=" + std::to_string(total_tokens) +
                          ", min_total_token_count=" + std::to_string(min_tokens));
}

GoogleError cached_content_bad_duration(std::string_view value) {
  return invalid_argument("Invalid value at 'cached_content.ttl' (type.googleapis.com/google.protobuf.Duration), Field "
                          "'ttl', Illegal duration format; duration must end with 's': \"" + s(value) + "\"");
}

GoogleError cached_content_bad_timestamp(std::string_view value) {
  return invalid_argument("Invalid value at 'cached_content.expire_time' (type.googleapis.com/google.protobuf.Timestamp), "
                          "Field 'expireTime', Illegal timestamp format; timestamps must end with 'Z' or have a valid "
                          "timezone offset: \"" + s(value) + "\"");
}

GoogleError cached_content_bad_expiry(std::string_view why) { return invalid_argument(why); }

GoogleError oauth_error(int http_status, std::string_view error, std::string_view description) {
  ojson body;
  body["error"] = s(error);
  body["error_description"] = s(description);
  GoogleError e;
  e.http_status = http_status;
  e.body = body.dump(1);
  return e;
}

GoogleError batch_not_found(bool vertex, std::string_view name) {
  if (vertex) return not_found("The BatchPredictionJob does not exist: " + std::string(name) + ".");
  return not_found("Requested entity was not found.");
}

GoogleError batch_free_tier() { return failed_precondition("Precondition check failed."); }

GoogleError batch_not_cancellable(std::string_view name, std::string_view state) {
  return failed_precondition("Batch " + std::string(name) + " is in state " + std::string(state) +
                             " and cannot be cancelled.");
}

GoogleError batch_still_running(std::string_view name, std::string_view state) {
  return failed_precondition("The BatchPredictionJob " + std::string(name) + " is in state " + std::string(state) +
                             "; cancel it before deleting it.");
}

GoogleError ai_studio_key_denied(std::string_view service, std::string_view service_title,
                                 std::string_view project_number) {
  ojson md;
  md["service"] = s(service);
  md["serviceTitle"] = s(service_title);
  md["consumer"] = "projects/" + s(project_number);
  md["activationUrl"] = "https://console.developers.google.com/apis/api/" + s(service) +
                        "/overview?project=" + s(project_number);
  return make(403, "PERMISSION_DENIED", kAiStudioKeyDenied,
              ojson::array({error_info("SERVICE_DISABLED", "googleapis.com", std::move(md))}));
}

GoogleError ai_studio_key_iam_denied(std::string_view permission, std::string_view resource) {
  ojson md;
  md["permission"] = s(permission);
  md["resource"] = s(resource);
  return make(403, "PERMISSION_DENIED", kAiStudioKeyDenied,
              ojson::array({error_info("IAM_PERMISSION_DENIED", "apikeys.googleapis.com", std::move(md))}));
}

GoogleError live_session_not_found() { return not_found("BidiGenerateContent session not found"); }
GoogleError live_setup_first() {
  return invalid_argument("The first message of a BidiGenerateContent session must be a setup message.");
}
GoogleError live_setup_again() { return invalid_argument("A setup message was already received for this session."); }
GoogleError live_bad_json() { return make(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token."); }
GoogleError live_unknown_field(std::string_view name) {
  return make(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \"" + s(name) + "\": Cannot find field.");
}
GoogleError live_unknown_field_at(std::string_view name, std::string_view path) {
  return make(400, "INVALID_ARGUMENT",
              "Invalid JSON payload received. Unknown name \"" + s(name) + "\" at '" + s(path) + "': Cannot find field.");
}
GoogleError live_context_exceeded(std::int64_t tokens, std::int64_t limit) {
  // generateContent's words for a prompt past the input token limit. Which
  // close Google's Live API sends when a session outgrows its context window
  // is not documented: this is that 400 as a close frame (1007), as every
  // other refusal goes.
  return invalid_argument("The input token count (" + std::to_string(tokens) +
                          ") exceeds the maximum number of tokens allowed (" + std::to_string(limit) + ").");
}
GoogleError live_modality_invalid(std::string_view model, std::string_view modalities) {
  return invalid_argument("Response modalities " + s(modalities) + " are not supported by models/" + s(model) +
                          ". Request contains an invalid argument.");
}
GoogleError live_activity_control_conflict() {
  return invalid_argument("Explicit activity control is not supported when automatic activity detection is enabled.");
}
GoogleError live_audio_unsupported(std::string_view mime_type) {
  return invalid_argument("Unsupported audio mime type: " + s(mime_type) + ". Use audio/pcm.");
}
GoogleError live_too_many_sessions(int max) {
  return make(429, "RESOURCE_EXHAUSTED",
              "Too many concurrent sessions: at most " + std::to_string(max) + " may be open at once.");
}
GoogleError live_session_expired() {
  return make(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.");
}
GoogleError ephemeral_token_invalid() {
  return unauthenticated(
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid "
      "authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");
}
GoogleError auth_token_invalid(std::string_view message) { return invalid_argument(message); }

GoogleError file_search_store_not_found(std::string_view name) {
  return not_found("FileSearchStore " + s(name) + " not found (it does not exist, or it is another project's).");
}
GoogleError file_search_store_name_invalid(std::string_view name) {
  return invalid_argument("Invalid FileSearchStore name \"" + s(name) +
                          "\": it must be fileSearchStores/ followed by up to 40 lower-case letters, digits or "
                          "dashes, not starting or ending with a dash.");
}
GoogleError file_search_store_not_empty(std::string_view name, std::size_t documents) {
  return failed_precondition("Cannot delete FileSearchStore " + s(name) + ": it contains " + std::to_string(documents) +
                             " Document(s). Delete them first, or set force=true to delete the store with them.");
}
GoogleError file_search_document_not_found(std::string_view name) {
  return not_found("Document " + s(name) + " not found.");
}
GoogleError file_search_document_not_empty(std::string_view name) {
  return failed_precondition("Cannot delete Document " + s(name) +
                             ": it has Chunks. Set force=true to delete the Document with its Chunks.");
}
GoogleError file_search_bad_request(std::string_view what) { return invalid_argument(what); }
GoogleError file_search_document_too_large(unsigned long long size, unsigned long long limit) {
  return invalid_argument("Document size " + std::to_string(size) + " bytes exceeds the maximum allowed size of " +
                          std::to_string(limit) + " bytes (100 MB).");
}

}  // namespace genai::emulator
