// Cloud Resource Manager (cloudresourcemanager.googleapis.com): projects.create
// (v3, a long-running operation whose creator becomes roles/owner),
// projects.get, and the project IAM policy (getIamPolicy, setIamPolicy with
// etag-checked read-modify-write, testIamPermissions), under /v1 and /v3.
// v1 answers every denial with "The caller does not have permission"; v3
// names the permission and the resource.
#include <nlohmann/json.hpp>

#include "emulator/auth/crypto.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/iam_roles.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string rpc(const std::string& version, const char* method) {
  return (version == "v3" ? "google.cloud.resourcemanager.v3.Projects." : "google.cloudresourcemanager.v1.Projects.") +
         std::string(method);
}

ojson project_json(const Project& p, const std::string& version) {
  ojson j;
  if (version == "v3") {
    j["name"] = "projects/" + p.number;
    j["projectId"] = p.id;
    j["state"] = "ACTIVE";
    j["displayName"] = p.display_name.empty() ? p.id : p.display_name;
    if (!p.create_time.empty()) {
      j["createTime"] = p.create_time;
      j["updateTime"] = p.create_time;
    }
    j["etag"] = "W/\"" + base64_encode(p.number) + "\"";
  } else {
    j["projectNumber"] = p.number;
    j["projectId"] = p.id;
    j["lifecycleState"] = "ACTIVE";
    j["name"] = p.display_name.empty() ? p.id : p.display_name;
    if (!p.create_time.empty()) j["createTime"] = p.create_time;
  }
  return j;
}

ojson policy_json(const Project& p) {
  ojson j;
  j["version"] = 1;
  j["etag"] = policy_etag(p.policy_version);
  ojson bindings = ojson::array();
  for (const auto& [role, members] : p.bindings) {
    if (members.empty()) continue;
    ojson b;
    b["role"] = role;
    b["members"] = members;  // a std::set: sorted, as Google returns them
    bindings.push_back(std::move(b));
  }
  if (!bindings.empty()) j["bindings"] = std::move(bindings);
  return j;
}

void create_project(ServerEnv& env, const Request& req, Response& res) {
  CloudCall call{kCloudResourceManager, rpc("v3", "CreateProject"), "", std::nullopt, caller_lacks_permission()};
  const std::optional<Caller> caller = admit_cloud(env, req, res, call);
  if (!caller) return;
  const auto body = json_body(req, res, {"projectId", "displayName", "parent", "labels", "name", "state"});
  if (!body) return;
  const json& id = body->value("projectId", json());
  if (!id.is_string() || id.get<std::string>().empty()) {
    return send_error(res, project_id_invalid("project_id is required"));
  }
  const std::string display_name = body->value("displayName", id.get<std::string>());
  auto created = env.state().create_project_as(id.get<std::string>(), display_name, caller->principal, env.clock().now());
  if (!created) {
    if (created.error().status == "ALREADY_EXISTS") return send_error(res, project_already_exists());
    return send_error(res, project_id_invalid(created.error().message));
  }
  ojson metadata;
  metadata["@type"] = "type.googleapis.com/google.cloud.resourcemanager.v3.CreateProjectMetadata";
  metadata["createTime"] = created->create_time;
  metadata["gettable"] = true;
  metadata["ready"] = true;
  const std::string name = "operations/cp." + random_digits(19);
  reply_json(res, finished_operation(env, name, std::move(metadata),
                                     "type.googleapis.com/google.cloud.resourcemanager.v3.Project",
                                     project_json(*created, "v3")));
}

void get_project(ServerEnv& env, const Request& req, Response& res, const std::string& version,
                 const std::string& id) {
  const CloudCall call = resource_manager_call(env, version, id, "GetProject", "resourcemanager.projects.get");
  if (!admit_cloud(env, req, res, call)) return;
  reply_json(res, project_json(*call.project, version));
}

void get_iam_policy(ServerEnv& env, const Request& req, Response& res, const std::string& version,
                    const std::string& id) {
  const CloudCall call = resource_manager_call(env, version, id, "GetIamPolicy", "resourcemanager.projects.getIamPolicy");
  if (!admit_cloud(env, req, res, call)) return;
  if (!json_body(req, res, {"options"})) return;
  reply_json(res, policy_json(*env.state().project(call.project->id)));
}

void set_iam_policy(ServerEnv& env, const Request& req, Response& res, const std::string& version,
                    const std::string& id) {
  const CloudCall call = resource_manager_call(env, version, id, "SetIamPolicy", "resourcemanager.projects.setIamPolicy");
  if (!admit_cloud(env, req, res, call)) return;
  const auto body = json_body(req, res, {"policy", "updateMask"});
  if (!body) return;
  const json policy = body->value("policy", json());
  if (!policy.is_object()) return send_error(res, invalid_argument("Request contains an invalid argument."));
  std::map<std::string, std::set<std::string>> bindings;
  for (const json& b : policy.value("bindings", json::array())) {
    if (!b.is_object() || !b.value("role", json()).is_string()) {
      return send_error(res, invalid_argument("Request contains an invalid argument."));
    }
    const std::string role = b["role"];
    if (!role_known(role)) return send_error(res, role_not_supported(role));
    for (const json& m : b.value("members", json::array())) {
      if (!m.is_string()) return send_error(res, invalid_argument("Request contains an invalid argument."));
      bindings[role].insert(m.get<std::string>());
    }
  }
  long long expected = 0;  // no etag: overwrite unconditionally, as Google does
  std::string request_etag;
  if (policy.contains("etag")) {
    request_etag = policy["etag"].is_string() ? policy["etag"].get<std::string>() : "";
    const std::optional<long long> v = policy_version_of(request_etag);
    if (!v) return send_error(res, bytes_field_invalid("policy.etag", request_etag));
    expected = *v;
  }
  auto set = env.state().set_bindings(call.project->id, std::move(bindings), expected);
  if (!set) {
    if (set.error().status != "ABORTED") return send_error(res, from_state_error(set.error()));
    const std::string current = policy_etag(env.state().project(call.project->id)->policy_version);
    return send_error(res, policy_changed(request_etag, current, version == "v3"));
  }
  reply_json(res, policy_json(*env.state().project(call.project->id)));
}

void test_iam_permissions(ServerEnv& env, const Request& req, Response& res,
                          const std::string& version, const std::string& id) {
  // "There are no permissions required for making this API call."
  CloudCall call = resource_manager_call(env, version, id, "TestIamPermissions", "");
  if (!call.project) call.permission = "resourcemanager.projects.get";  // a missing project is still denied
  const std::optional<Caller> caller = admit_cloud(env, req, res, call);
  if (!caller) return;
  const auto body = json_body(req, res, {"permissions"});
  if (!body) return;
  const json asked = body->value("permissions", json::array());
  if (!asked.is_array()) return send_error(res, invalid_argument("Request contains an invalid argument."));
  for (const json& p : asked) {
    if (!p.is_string()) return send_error(res, invalid_argument("Request contains an invalid argument."));
    if (p.get<std::string>().find('*') != std::string::npos) return send_error(res, wildcard_permission(p.get<std::string>()));
  }
  const std::set<std::string> held = env.state().permissions(call.project->id, caller->principal);
  ojson out = ojson::object();
  for (const json& p : asked) {
    if (held.count(p.get<std::string>())) out["permissions"].push_back(p.get<std::string>());
  }
  reply_json(res, out);  // {} when none is held: proto3 JSON drops the empty list
}

}  // namespace

void register_resource_manager_routes(Router& router, ServerEnv& env) {
  router.post("/v3/projects", [&env](const Request& req, Response& res) { create_project(env, req, res); });
  router.get(R"(/(v1|v3)/projects/([^/:]+))", [&env](const Request& req, Response& res) {
    get_project(env, req, res, req.matches[1], req.matches[2]);
  });
  router.post(R"(/(v1|v3)/projects/([^/:]+):(getIamPolicy|setIamPolicy|testIamPermissions))",
              [&env](const Request& req, Response& res) {
                const std::string version = req.matches[1], id = req.matches[2], method = req.matches[3];
                if (method == "getIamPolicy") return get_iam_policy(env, req, res, version, id);
                if (method == "setIamPolicy") return set_iam_policy(env, req, res, version, id);
                test_iam_permissions(env, req, res, version, id);
              });
  router.get(R"(/(v1|v3)/operations/(cp\.[^/]+))", [&env](const Request& req, Response& res) {
    CloudCall call{kCloudResourceManager, rpc(req.matches[1], "GetOperation"), "", std::nullopt, caller_lacks_permission()};
    if (!admit_cloud(env, req, res, call)) return;
    const std::string name = "operations/" + std::string(req.matches[2]);
    const std::optional<std::string> op = env.state().operation(name);
    if (!op) return send_error(res, operation_not_found(name));
    reply_json(res, ojson::parse(*op));
  });
}

CloudCall resource_manager_call(ServerEnv& env, const std::string& version, const std::string& project_id,
                                const char* method, const char* permission) {
  GoogleError denial = version == "v3" ? resource_manager_denied(permission, project_id) : caller_lacks_permission();
  return CloudCall{kCloudResourceManager, rpc(version, method), permission, env.state().project(project_id), denial};
}

}  // namespace genai::emulator
