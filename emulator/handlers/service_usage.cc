// Service Usage (serviceusage.googleapis.com): get, list, enable and disable
// the services (APIs) of a project. Enabling a disabled service answers an
// operation still in progress, as Google usually does; the service is enabled
// at once and GET /v1/operations/{id} reports the operation done. The
// management APIs themselves are always enabled and cannot be disabled here.
#include <nlohmann/json.hpp>

#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kServiceUsageRpc = "google.api.serviceusage.v1.ServiceUsage.";

// `verb`'s denial names the service, or for "list" the consumer container.
CloudCall service_call(ServerEnv& env, const std::string& project, const std::string& verb,
                       const std::string& service, const char* method, const char* permission) {
  std::optional<Project> p = env.state().project(project);
  const std::string container = "projects/" + (p ? p->number : project);
  return CloudCall{kServiceUsage, std::string(kServiceUsageRpc) + method, permission, p,
                   service_usage_denied(verb, verb == "list" ? container : service, permission, container)};
}

bool enabled(const Project& p, const std::string& service) {
  return service_always_enabled(service) || p.enabled_services.count(service) > 0;
}

ojson service_json(const Project& p, const std::string& service) {
  ojson config;
  config["name"] = service;
  config["title"] = service_title(service);
  ojson j;
  j["name"] = "projects/" + p.number + "/services/" + service;
  j["config"] = std::move(config);
  j["state"] = enabled(p, service) ? "ENABLED" : "DISABLED";
  j["parent"] = "projects/" + p.number;
  return j;
}

void get_service(ServerEnv& env, const Request& req, Response& res, const std::string& project,
                 const std::string& service) {
  const CloudCall call = service_call(env, project, "get", service, "GetService", "serviceusage.services.get");
  if (!admit_cloud(env, req, res, call)) return;
  if (!service_known(service)) return send_error(res, service_not_found(service));
  reply_json(res, service_json(*call.project, service));
}

void list_services(ServerEnv& env, const Request& req, Response& res, const std::string& project) {
  const CloudCall call = service_list_call(env, project);
  if (!admit_cloud(env, req, res, call)) return;
  const std::string filter = req.has_param("filter") ? req.get_param_value("filter") : "";
  if (!filter.empty() && filter != "state:ENABLED" && filter != "state:DISABLED") {
    return send_error(res, invalid_argument("Invalid filter: " + filter));
  }
  ojson out = ojson::object();
  for (const std::string& service : known_services()) {
    const bool on = enabled(*call.project, service);
    if ((filter == "state:ENABLED" && !on) || (filter == "state:DISABLED" && on)) continue;
    out["services"].push_back(service_json(*call.project, service));
  }
  reply_json(res, out);
}

void set_state(ServerEnv& env, const Request& req, Response& res, const std::string& project,
               const std::string& service, bool enable) {
  const CloudCall call = service_state_call(env, project, service, enable);
  if (!admit_cloud(env, req, res, call)) return;
  if (!json_body(req, res, {"disableDependentServices", "checkIfServiceHasUsage"})) return;
  if (!service_known(service)) return send_error(res, service_not_found(service));
  if (!enable && service_always_enabled(service)) {
    return send_error(res, failed_precondition("genai-emulator keeps " + service + " enabled in every project."));
  }
  const bool was = enabled(*call.project, service);
  if (auto r = env.state().set_service_enabled(call.project->id, service, enable); !r) {
    return send_error(res, from_state_error(r.error()));
  }
  ojson metadata;
  metadata["@type"] = "type.googleapis.com/google.protobuf.Empty";
  ojson response;
  response["service"] = service_json(*env.state().project(call.project->id), service);
  const std::string name = "operations/acat.p2-" + call.project->number + "-" + random_uuid();
  ojson op = finished_operation(env, name, metadata,
                                std::string("type.googleapis.com/google.api.serviceusage.v1.") +
                                    (enable ? "EnableServiceResponse" : "DisableServiceResponse"),
                                std::move(response));
  if (was != enable) {
    // A real change: answered while "running", so clients must poll.
    op = ojson();
    op["name"] = name;
    op["metadata"] = std::move(metadata);
  }
  reply_json(res, op);
}

void get_operation(ServerEnv& env, const Request& req, Response& res, const std::string& id) {
  const CloudCall call{kServiceUsage, "google.longrunning.Operations.GetOperation", "", std::nullopt,
                       caller_lacks_permission()};
  if (!admit_cloud(env, req, res, call)) return;
  const std::string name = "operations/" + id;
  const std::optional<std::string> op = env.state().operation(name);
  if (!op) return send_error(res, operation_not_found(name));
  reply_json(res, ojson::parse(*op));
}

}  // namespace

CloudCall service_state_call(ServerEnv& env, const std::string& project, const std::string& service, bool enable) {
  return service_call(env, project, enable ? "enable" : "disable", service, enable ? "EnableService" : "DisableService",
                      enable ? "serviceusage.services.enable" : "serviceusage.services.disable");
}

CloudCall service_list_call(ServerEnv& env, const std::string& project) {
  return service_call(env, project, "list", "", "ListServices", "serviceusage.services.list");
}

void register_service_usage_routes(Router& router, ServerEnv& env) {
  router.get(R"(/v1/projects/([^/:]+)/services)", [&env](const Request& req, Response& res) {
    list_services(env, req, res, req.matches[1]);
  });
  router.get(R"(/v1/projects/([^/:]+)/services/([^/:]+))", [&env](const Request& req, Response& res) {
    get_service(env, req, res, req.matches[1], req.matches[2]);
  });
  router.post(R"(/v1/projects/([^/:]+)/services/([^/:]+):(enable|disable))",
              [&env](const Request& req, Response& res) {
                set_state(env, req, res, req.matches[1], req.matches[2], req.matches[3] == "enable");
              });
  router.get(R"(/v1/operations/(acat\.[^/]+))", [&env](const Request& req, Response& res) {
    get_operation(env, req, res, req.matches[1]);
  });
}

}  // namespace genai::emulator
