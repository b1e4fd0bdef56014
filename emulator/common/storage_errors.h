// Cloud Storage's errors. The Cloud Storage JSON API answers in its own,
// older shape: {"error": {"code", "message", "errors": [{"message",
// "domain", "reason"}]}} with no google.rpc status or details, and its own
// texts ("x@p.iam.gserviceaccount.com does not have storage.objects.create
// access to the Google Cloud Storage object. ..."). Every storage handler
// answers with one of these factories.
#ifndef GENAI_EMULATOR_COMMON_STORAGE_ERRORS_H_
#define GENAI_EMULATOR_COMMON_STORAGE_ERRORS_H_

#include <string_view>

#include "emulator/common/errors.h"

namespace genai::emulator {

// The legacy shape with one entry in errors[]; `extra` fields (locationType,
// location, extendedHelp) are appended to that entry when non-empty.
GoogleError storage_error(int code, std::string_view message, std::string_view reason,
                          std::string_view domain = "global", std::string_view location = "",
                          std::string_view extended_help = "");

// `resource` names what was refused: "Google Cloud Storage object",
// "Google Cloud Storage bucket" or "Google Cloud project". A principal
// ("user:a@b" or "serviceAccount:x@...") lacking `permission`: 403 forbidden.
GoogleError storage_denied(std::string_view principal, std::string_view permission, std::string_view resource);
// No credentials at all: 401 "Anonymous caller does not have ...", reason required.
GoogleError storage_anonymous(std::string_view permission, std::string_view resource);
// A bearer token the token endpoint never issued, or expired: 401 "Invalid Credentials".
GoogleError storage_invalid_credentials();
// The Cloud Storage API disabled in the caller's project: 403 accessNotConfigured.
GoogleError storage_service_disabled(std::string_view project_number);
GoogleError storage_bucket_not_found();
GoogleError storage_object_not_found(std::string_view bucket, std::string_view object);
// Bucket creation: the name is taken by the caller's project, or by another.
GoogleError storage_bucket_already_owned();
GoogleError storage_bucket_name_taken();
GoogleError storage_bucket_not_empty();
GoogleError storage_invalid_bucket_name(std::string_view name);
// An object name that is empty, too long, not UTF-8, has a control character,
// or is "." or "..".
GoogleError storage_invalid_object_name();
GoogleError storage_required(std::string_view what);
GoogleError storage_invalid(std::string_view message);
GoogleError storage_precondition_failed();
GoogleError storage_range_not_satisfiable();
GoogleError storage_md5_mismatch(std::string_view provided, std::string_view calculated);
GoogleError storage_crc32c_mismatch(std::string_view provided, std::string_view calculated);
GoogleError storage_upload_not_found();
GoogleError storage_unknown_role(std::string_view role);
// Any other Google error (one from the shared access checks, in google.rpc
// shape) rewritten in Cloud Storage's shape with the same code and message.
GoogleError storage_shape(const GoogleError& e);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_STORAGE_ERRORS_H_
