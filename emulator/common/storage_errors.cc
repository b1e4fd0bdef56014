#include "emulator/common/storage_errors.h"

#include <string>

#include <nlohmann/json.hpp>

namespace genai::emulator {
namespace {

std::string sv(std::string_view v) { return std::string(v); }

// "user:a@b" -> "a@b": Cloud Storage names the account, not the IAM member.
std::string account_of(std::string_view principal) {
  const size_t colon = principal.find(':');
  return sv(colon == std::string_view::npos ? principal : principal.substr(colon + 1));
}

std::string denial_text(std::string_view who, std::string_view permission, std::string_view what) {
  return sv(who) + " does not have " + sv(permission) + " access to the " + sv(what) +
         ". Permission '" + sv(permission) + "' denied on resource (or it may not exist).";
}

}  // namespace

GoogleError storage_error(int code, std::string_view message, std::string_view reason, std::string_view domain,
                          std::string_view location, std::string_view extended_help) {
  nlohmann::ordered_json entry;
  entry["message"] = sv(message);
  entry["domain"] = sv(domain);
  entry["reason"] = sv(reason);
  if (!location.empty()) {
    entry["locationType"] = "header";
    entry["location"] = sv(location);
  }
  if (!extended_help.empty()) entry["extendedHelp"] = sv(extended_help);
  nlohmann::ordered_json err;
  err["code"] = code;
  err["message"] = sv(message);
  err["errors"] = nlohmann::ordered_json::array({entry});
  nlohmann::ordered_json body;
  body["error"] = std::move(err);
  GoogleError e;
  e.http_status = code;
  e.body = body.dump(2) + "\n";
  return e;
}

GoogleError storage_denied(std::string_view principal, std::string_view permission, std::string_view what) {
  return storage_error(403, denial_text(account_of(principal), permission, what), "forbidden");
}

GoogleError storage_anonymous(std::string_view permission, std::string_view what) {
  return storage_error(401, denial_text("Anonymous caller", permission, what), "required", "global", "Authorization");
}

GoogleError storage_invalid_credentials() {
  return storage_error(401, "Invalid Credentials", "authError", "global", "Authorization");
}

GoogleError storage_service_disabled(std::string_view project_number) {
  const std::string url = "https://console.developers.google.com/apis/api/storage.googleapis.com/overview?project=" +
                          sv(project_number);
  return storage_error(403,
                       "Cloud Storage API has not been used in project " + sv(project_number) +
                           " before or it is disabled. Enable it by visiting " + url +
                           " then retry. If you enabled this API recently, wait a few minutes for the action to "
                           "propagate to our systems and retry.",
                       "accessNotConfigured", "usageLimits", "", "https://console.developers.google.com");
}

GoogleError storage_bucket_not_found() { return storage_error(404, "The specified bucket does not exist.", "notFound"); }

GoogleError storage_object_not_found(std::string_view bucket, std::string_view object) {
  return storage_error(404, "No such object: " + sv(bucket) + "/" + sv(object), "notFound");
}

GoogleError storage_bucket_already_owned() {
  return storage_error(409, "Your previous request to create the named bucket succeeded and you already own it.",
                       "conflict");
}

GoogleError storage_bucket_name_taken() {
  return storage_error(409,
                       "The requested bucket name is not available. The bucket namespace is shared by all users of "
                       "the system. Please select a different name and try again.",
                       "conflict");
}

GoogleError storage_bucket_not_empty() {
  return storage_error(409, "The bucket you tried to delete is not empty.", "conflict");
}

GoogleError storage_invalid_bucket_name(std::string_view name) {
  return storage_error(400, "Invalid bucket name: '" + sv(name) + "'", "invalid");
}

GoogleError storage_invalid_object_name() {
  return storage_error(400, "The specified object name is not valid.", "invalid");
}

GoogleError storage_required(std::string_view what) {
  (void)what;
  return storage_error(400, "Required", "required");
}

GoogleError storage_invalid(std::string_view message) { return storage_error(400, message, "invalid"); }

GoogleError storage_precondition_failed() {
  return storage_error(412, "At least one of the pre-conditions you specified did not hold.", "conditionNotMet");
}

GoogleError storage_range_not_satisfiable() {
  return storage_error(416, "The requested range cannot be satisfied.", "requestedRangeNotSatisfiable");
}

GoogleError storage_md5_mismatch(std::string_view provided, std::string_view calculated) {
  return storage_error(400,
                       "Provided MD5 hash \"" + sv(provided) + "\" doesn't match calculated MD5 hash \"" +
                           sv(calculated) + "\".",
                       "invalid");
}

GoogleError storage_crc32c_mismatch(std::string_view provided, std::string_view calculated) {
  return storage_error(400,
                       "Provided CRC32C \"" + sv(provided) + "\" doesn't match calculated CRC32C \"" +
                           sv(calculated) + "\".",
                       "invalid");
}

GoogleError storage_upload_not_found() {
  return storage_error(404, "No such upload session.", "notFound");
}

GoogleError storage_unknown_role(std::string_view role) {
  return storage_error(400, "Role " + sv(role) + " is not supported for this resource.", "invalid");
}

GoogleError storage_shape(const GoogleError& e) {
  const nlohmann::json body = nlohmann::json::parse(e.body, nullptr, false);
  std::string message = "Error";
  std::string status;
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    message = body["error"].value("message", message);
    status = body["error"].value("status", "");
  }
  if (e.http_status == 401) return storage_invalid_credentials();
  if (e.http_status == 429) return storage_error(429, message, "rateLimitExceeded", "usageLimits");
  if (e.http_status == 403) return storage_error(403, message, "forbidden");
  if (e.http_status == 404) return storage_error(404, message, "notFound");
  if (e.http_status >= 500) return storage_error(e.http_status, message, "backendError");
  return storage_error(e.http_status, message, status == "INVALID_ARGUMENT" ? "invalid" : "badRequest");
}

}  // namespace genai::emulator
