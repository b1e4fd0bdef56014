// What the Cloud Storage handlers share (storage_methods.cc, storage_uploads.cc):
// admission of a caller for one permission on one bucket, evaluated as
// Google does (the project's roles, plus the bucket's own IAM policy with its
// projectOwner:/projectEditor:/projectViewer: convenience members), and the
// JSON resources of objects and buckets.
#ifndef GENAI_EMULATOR_HANDLERS_STORAGE_COMMON_H_
#define GENAI_EMULATOR_HANDLERS_STORAGE_COMMON_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/handlers/access.h"
#include "emulator/handlers/http.h"
#include "emulator/state/storage.h"

namespace genai::emulator {

class ServerEnv;

inline constexpr const char* kGcsObject = "Google Cloud Storage object";
inline constexpr const char* kGcsBucket = "Google Cloud Storage bucket";
inline constexpr const char* kGcsProject = "Google Cloud project";

// Authenticates the caller (OAuth bearer tokens; the Cloud Storage API
// enabled in its project). On failure sends the error (in Cloud Storage's
// shape, naming `permission` on `resource` for an anonymous caller) and
// returns nullopt.
std::optional<Caller> storage_authenticate(ServerEnv& env, const Request& req, Response& res,
                                           std::string_view permission, std::string_view resource);

// Every permission `principal` holds on `bucket`.
std::set<std::string> storage_bucket_permissions(ServerEnv& env, const Bucket& bucket, const std::string& principal);

// storage_authenticate, then the bucket (404 if it does not exist), then
// `permission` on it (403 naming `resource`). On failure sends the error.
std::optional<std::pair<Caller, Bucket>> admit_storage(ServerEnv& env, const Request& req, Response& res,
                                                       const std::string& bucket, std::string_view permission,
                                                       std::string_view resource);

nlohmann::ordered_json storage_object_json(const ServerEnv& env, const StoredObject& o);
nlohmann::ordered_json storage_bucket_json(const ServerEnv& env, const Bucket& b);

// Percent-encodes all but RFC 3986's unreserved characters (as Google's
// selfLink and mediaLink encode object names).
std::string storage_url_encode(std::string_view s);

// 200 with `j` as Cloud Storage formats it.
void storage_reply(Response& res, const nlohmann::ordered_json& j);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_STORAGE_COMMON_H_
