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

// admit_cloud's checks for a principal already known instead of a request's
// token ("user:owner@example.com", the web console's signed-in user): the
// console acts through this, so it is refused where the REST API would refuse
// that user, with the same body. nullopt: allowed.
std::optional<GoogleError> check_cloud_call(ServerEnv& env, const std::string& principal, const CloudCall& call);

// The CloudCall of each management method the web console performs too,
// built by the handler that serves the method over REST (so the console and
// the REST API check the same permission and deny with the same text).
// Service Usage: services.enable / services.disable (service_usage.cc).
CloudCall service_state_call(ServerEnv& env, const std::string& project, const std::string& service, bool enable);
// Service Usage: services.list.
CloudCall service_list_call(ServerEnv& env, const std::string& project);
// API Keys v2 (api_keys.cc): `method` "CreateKey", "UpdateKey", "DeleteKey"...,
// `permission` "apikeys.keys.create"...; `uid` empty for the project's key list.
CloudCall api_keys_call(ServerEnv& env, const std::string& project, const std::string& uid, const char* method,
                        const char* permission);
// IAM (iam_admin.cc): serviceAccounts.create in `project`; a method on the
// account `email` (e.g. "CreateServiceAccountKey", "iam.serviceAccountKeys.create").
CloudCall iam_create_account_call(ServerEnv& env, const std::string& project);
CloudCall iam_list_accounts_call(ServerEnv& env, const std::string& project);
CloudCall iam_account_call(ServerEnv& env, const std::string& project, const std::string& email, const char* method,
                           const char* permission);
// Resource Manager (resource_manager.cc), `version` "v1" or "v3".
CloudCall resource_manager_call(ServerEnv& env, const std::string& version, const std::string& project,
                                const char* method, const char* permission);

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
