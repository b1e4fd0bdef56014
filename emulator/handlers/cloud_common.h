// What the management API handlers share (handlers/resource_manager.cc,
// service_usage.cc, api_keys.cc, iam_admin.cc): admission of an OAuth caller
// for one method on one project, JSON bodies, long-running operations, etags.
// These APIs take OAuth tokens only, and count as always enabled (see
// service_always_enabled in state/state.h).
#ifndef GENAI_EMULATOR_HANDLERS_CLOUD_COMMON_H_
#define GENAI_EMULATOR_HANDLERS_CLOUD_COMMON_H_

#include <optional>
#include <string>

#include "emulator/handlers/http.h"
#include <nlohmann/json.hpp>

#include "emulator/handlers/access.h"
#include "emulator/common/errors.h"
#include "emulator/state/state.h"
#include "genai/result.h"

namespace genai::emulator {

class ServerEnv;

struct CloudCall {
  std::string service;     // e.g. kServiceUsage
  std::string api_method;  // e.g. "google.api.serviceusage.v1.ServiceUsage.EnableService"
  std::string permission;  // checked on `project`; empty: any authenticated caller
  std::optional<Project> project;  // the resource's project; nullopt: it does not exist
  GoogleError denial;      // Google's answer when the permission is missing (or the project is)
};

// Authenticates the caller (bearer tokens only) and checks call.permission on
// call.project. A missing project is denied exactly like a missing permission,
// as Google does not say which. On failure the error is sent and nullopt returned.
std::optional<Caller> admit_cloud(ServerEnv& env, const Request& req, Response& res,
                                  const CloudCall& call);

// The request body as a JSON object (an empty body is {}); sends Google's 400 and
// returns nullopt otherwise, or if it has a top-level name outside `allowed`.
std::optional<nlohmann::json> json_body(const Request& req, Response& res,
                                        std::initializer_list<const char*> allowed);

// 200 with `j`, 2-space indented, as Google formats JSON.
void reply_json(Response& res, const nlohmann::ordered_json& j);

// Maps a State error to Google's error: NOT_FOUND 404, ALREADY_EXISTS 409,
// FAILED_PRECONDITION 400, ABORTED (a conflict: a stale etag) 409, anything
// else INVALID_ARGUMENT 400. The one mapping of the Cloud APIs and the admin
// API; setIamPolicy words its stale etag itself (policy_changed) before this.
GoogleError from_state_error(const Error& e);

// A finished long-running operation, stored so GET of its name answers it.
nlohmann::ordered_json finished_operation(ServerEnv& env, const std::string& name, nlohmann::ordered_json metadata,
                                          const std::string& response_type, nlohmann::ordered_json response);

// A random RFC 4122-shaped id ("8-4-4-4-12" hex), as operation names carry.
std::string random_uuid();

// A project IAM policy's etag: base64 of the 8-byte big-endian version, and back.
std::string policy_etag(long long version);
// nullopt: not base64 at all; -1: base64 but not an etag this emulator issued.
std::optional<long long> policy_version_of(const std::string& etag);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_CLOUD_COMMON_H_
