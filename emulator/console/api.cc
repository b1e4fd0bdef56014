// The console's JSON API, part one: the session, projects, the API library
// (Service Usage), API keys (Console keys with restrictions) and AI Studio's
// "Get API key". Every route goes through the gate (console/gate.h), and every
// read and change is checked against the signed-in user's IAM rights by the
// REST API's own check (console_may); every change goes through the same
// State methods the REST APIs use, so what the
// console does is at once what `genai doctor` sees, and the other way round.
// Secrets (key strings) are in the answer that creates them and nowhere else.
#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/console/api_common.h"
#include "emulator/console/console.h"
#include "emulator/handlers/ai_studio.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/key_view.h"
#include "emulator/state/iam_roles.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using namespace console_detail;

json console_project_json(const Project& p) {
  return {{"projectId", p.id},
          {"projectNumber", p.number},
          {"displayName", p.display_name.empty() ? p.id : p.display_name},
          {"createTime", p.create_time}};
}

// The restrictions of a key from the console's form; false with a 400 sent
// when one is not something the emulator can enforce.
bool read_key_form(const json& b, ApiKey& key, Response& res) {
  auto name = string_field(b, "displayName", res);
  auto targets = strings_field(b, "apiTargets", res);
  auto ips = strings_field(b, "allowedIps", res);
  auto referrers = strings_field(b, "allowedReferrers", res);
  if (!name || !targets || !ips || !referrers) return false;
  for (const std::string& t : *targets) {
    if (!service_known(t)) {
      console_error(res, invalid_argument("Unknown API '" + t + "' in the API restrictions."));
      return false;
    }
  }
  if (!ips->empty() && !referrers->empty()) {
    console_error(res, invalid_argument("A key has one kind of application restriction: IP addresses or "
                                        "HTTP referrers, not both."));
    return false;
  }
  for (const auto* list : {&*ips, &*referrers}) {
    for (const std::string& s : *list) {
      if (s.empty() || s.find_first_of(" \t\r\n") != std::string::npos) {
        console_error(res, invalid_argument("'" + s + "' is not an IP address, range or referrer pattern."));
        return false;
      }
    }
  }
  key.display_name = *name;
  key.api_targets = *targets;
  key.allowed_ips = *ips;
  key.allowed_referrers = *referrers;
  return true;
}

void register_project_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  // The session's CSRF token, which every change must carry back: only the
  // console's own page can read it (no CORS), so only it can change anything.
  router.get("/console/api/session", [gate, &env](const Request& req, Response& res) {
    std::optional<ConsoleSession> session = gate->admit(req, res);
    if (!session) return;
    reply(res, {{"user", kConsoleUser},
                {"csrfToken", session->csrf},
                {"csrfHeader", kConsoleCsrfHeader},
                {"adminTokenRequired", !env.options().admin_token.empty()}});
  });
  add_route(router, gate, "GET", "projects", [&env](const Request&, Response& res) {
    // As the Cloud Console's project picker: only the projects the user may
    // see (resourcemanager.projects.get, Resource Manager's own check).
    json out = json::array();
    for (const Project& p : env.state().projects()) {
      const CloudCall get = resource_manager_call(env, "v3", p.id, "GetProject", "resourcemanager.projects.get");
      if (!check_cloud_call(env, user_member(kConsoleUser), get)) out.push_back(console_project_json(p));
    }
    reply(res, {{"projects", out}});
  });
  add_route(router, gate, "POST", "projects", [&env](const Request& req, Response& res) {
    auto b = body_object(req, res);
    if (!b) return;
    auto id = string_field(*b, "projectId", res);
    auto name = string_field(*b, "displayName", res);
    if (!id || !name) return;
    if (id->empty()) return console_error(res, invalid_argument("Project ID is required."));
    auto created = env.state().create_project_as(*id, name->empty() ? *id : *name, user_member(kConsoleUser),
                                                 env.clock().now());
    if (!created) {
      if (created.error().status == "ALREADY_EXISTS") {
        return console_error(res, already_exists("The project ID you specified is already in use by another project. "
                                                 "Please try an alternative ID."));
      }
      return state_failure(res, created.error());
    }
    reply(res, console_project_json(*created));
  });
  add_route(router, gate, "GET", "roles", [](const Request&, Response& res) {
    reply(res, {{"roles", known_roles()}});
  });
}

void register_library_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  add_route(router, gate, "GET", "projects/([^/:]+)/services", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, service_list_call(env, p->id), res)) return;
    json out = json::array();
    for (const std::string& s : known_services()) {
      const bool always = service_always_enabled(s);
      out.push_back({{"name", s},
                     {"title", service_title(s)},
                     {"enabled", always || p->enabled_services.count(s) > 0},
                     {"alwaysEnabled", always}});
    }
    reply(res, {{"services", out}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/services/([^/:]+):(enable|disable)",
            [&env](const Request& req, Response& res) {
              auto p = project_of(env, req.matches[1], res);
              if (!p) return;
              const std::string service = req.matches[2];
              const bool enable = req.matches[3] == "enable";
              if (!console_may(env, service_state_call(env, p->id, service, enable), res)) return;
              if (!service_known(service)) {
                return console_error(res, not_found("Service '" + service + "' not found or permission denied."));
              }
              if (!enable && service_always_enabled(service)) {
                return console_error(res, failed_precondition("genai-emulator keeps " + service +
                                                              " enabled in every project."));
              }
              if (auto r = env.state().set_service_enabled(p->id, service, enable); !r) {
                return state_failure(res, r.error());
              }
              reply(res, {{"name", service}, {"enabled", enable}});
            });
}

void register_key_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  add_route(router, gate, "GET", "projects/([^/:]+)/keys", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, api_keys_call(env, p->id, "", "ListKeys", "apikeys.keys.list"), res)) return;
    json out = json::array();
    for (const ApiKey& k : env.state().keys()) {
      if (k.project_id == p->id && !k.deleted) out.push_back(key_view_json(k));
    }
    reply(res, {{"keys", out}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/keys", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, api_keys_call(env, p->id, "", "CreateKey", "apikeys.keys.create"), res)) return;
    auto b = body_object(req, res);
    if (!b) return;
    ApiKey key;
    key.project_id = p->id;
    key.kind = ApiKey::Kind::kConsole;
    if (!read_key_form(*b, key, res)) return;
    key.create_time = key.update_time = rfc3339(env.clock().now());
    auto created = env.state().create_key(key);
    if (!created) return state_failure(res, created.error());
    json out = key_view_json(*created);
    out["keyString"] = created->key_string;  // this once
    reply(res, out);
  });
  add_route(router, gate, "PATCH", "projects/([^/:]+)/keys/([^/:]+)", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    if (!b) return;
    std::optional<ApiKey> key = env.state().key_by_uid(req.matches[2]);
    if (!key || key->project_id != p->id || key->deleted) {
      return console_error(res, not_found("API key '" + req.matches[2] + "' was not found."));
    }
    if (!console_may(env, api_keys_call(env, p->id, key->uid, "UpdateKey", "apikeys.keys.update"), res)) return;
    if (!read_key_form(*b, *key, res)) return;
    if (key->kind == ApiKey::Kind::kStudio) key->api_targets = {kGenerativeLanguage};  // as AI Studio made it
    key->update_time = rfc3339(env.clock().now());
    auto updated = env.state().update_key(*key);
    if (!updated) return state_failure(res, updated.error());
    reply(res, key_view_json(*updated));
  });
  add_route(router, gate, "DELETE", "projects/([^/:]+)/keys/([^/:]+)", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p) return;
    std::optional<ApiKey> key = env.state().key_by_uid(req.matches[2]);
    if (!key || key->project_id != p->id || key->deleted) {
      return console_error(res, not_found("API key '" + req.matches[2] + "' was not found."));
    }
    if (!console_may(env, api_keys_call(env, p->id, key->uid, "DeleteKey", "apikeys.keys.delete"), res)) return;
    if (auto r = env.state().delete_key(key->uid, rfc3339(env.clock().now())); !r) return state_failure(res, r.error());
    reply(res, json::object());
  });
  // AI Studio: its keys in every project, and "Create API key in existing project".
  add_route(router, gate, "GET", "aiStudioKeys", [&env](const Request&, Response& res) {
    json out = json::array();
    for (const ApiKey& k : env.state().keys()) {
      if (k.kind != ApiKey::Kind::kStudio || k.deleted) continue;
      // Only the keys of projects whose keys the user may list, as AI Studio shows them.
      const CloudCall list = api_keys_call(env, k.project_id, "", "ListKeys", "apikeys.keys.list");
      if (!check_cloud_call(env, user_member(kConsoleUser), list)) out.push_back(key_view_json(k));
    }
    reply(res, {{"keys", out}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/aiStudioKeys", [&env](const Request& req, Response& res) {
    auto b = body_object(req, res);
    if (!b) return;
    auto name = string_field(*b, "displayName", res);
    if (!name) return;
    auto made = create_ai_studio_key(env, req.matches[1], *name, user_member(kConsoleUser));
    if (auto* e = std::get_if<GoogleError>(&made)) return console_error(res, *e);
    const ApiKey& key = std::get<ApiKey>(made);
    json out = key_view_json(key);
    out["keyString"] = key.key_string;  // this once
    reply(res, out);
  });
}

}  // namespace

void register_console_api_routes(Router& router, ServerEnv& env, std::shared_ptr<ConsoleGate> gate) {
  register_project_routes(router, env, gate);
  register_library_routes(router, env, gate);
  register_key_routes(router, env, gate);
  register_console_identity_routes(router, env, gate);
  // Anything else under /console/api/ is a JSON 404, still behind the gate.
  for (const char* method : {"GET", "POST", "PATCH", "DELETE"}) {
    add_route(router, gate, method, R"([\s\S]*)", [](const Request& req, Response& res) {
      console_error(res, not_found("genai-emulator console: no method " + req.method + " " + req.path + "."));
    });
  }
}

}  // namespace genai::emulator
