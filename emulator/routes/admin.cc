// The emulator's own admin API, /emulator/v1/...: sets up scenarios (projects,
// enabled APIs, API keys, faults) for tests and demos. It is not Google's
// API and needs no credentials, so the emulator binds to 127.0.0.1 by default.
#include <nlohmann/json.hpp>

#include "emulator/errors.h"
#include "emulator/faults/faults.h"
#include "emulator/routes/routes.h"
#include "emulator/server/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using nlohmann::json;

void reply(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(2) + "\n", "application/json");
}

json key_json(const ApiKey& k, bool with_secret) {
  json j = {{"uid", k.uid},
            {"name", "projects/" + k.project_id + "/locations/global/keys/" + k.uid},
            {"displayName", k.display_name},
            {"projectId", k.project_id},
            {"kind", k.kind == ApiKey::Kind::kStudio ? "studio" : "console"},
            {"apiTargets", k.api_targets},
            {"allowedIps", k.allowed_ips},
            {"allowedReferrers", k.allowed_referrers},
            {"deleted", k.deleted}};
  if (with_secret) j["keyString"] = k.key_string;
  return j;
}

json body_of(const httplib::Request& req) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  return j.is_object() ? j : json();
}

void bad_request(httplib::Response& res, const std::string& message) {
  send_error(res, invalid_argument(message));
}

}  // namespace

void register_admin_routes(httplib::Server& server, ServerEnv& env) {
  server.Post("/emulator/v1/projects", [&env](const httplib::Request& req, httplib::Response& res) {
    const json b = body_of(req);
    if (b.is_null() || !b.contains("projectId")) return bad_request(res, "body must be {\"projectId\": \"...\"}");
    auto p = env.state().create_project(b["projectId"].get<std::string>());
    if (!p) return bad_request(res, p.error().message);
    reply(res, {{"projectId", p->id}, {"projectNumber", p->number}});
  });
  server.Post(R"(/emulator/v1/projects/([^/]+)/services/([^/:]+):(enable|disable))",
              [&env](const httplib::Request& req, httplib::Response& res) {
                auto r = env.state().set_service_enabled(req.matches[1], req.matches[2], req.matches[3] == "enable");
                if (!r) return bad_request(res, r.error().message);
                reply(res, {{"service", std::string(req.matches[2])}, {"state", req.matches[3] == "enable" ? "ENABLED" : "DISABLED"}});
              });
  server.Post(R"(/emulator/v1/projects/([^/]+)/keys)", [&env](const httplib::Request& req, httplib::Response& res) {
    const json b = body_of(req);
    if (b.is_null()) return bad_request(res, "body must be a JSON object");
    ApiKey k;
    k.project_id = req.matches[1];
    const std::string kind = b.value("kind", "console");
    if (kind != "console" && kind != "studio") return bad_request(res, "kind must be \"console\" or \"studio\"");
    k.kind = kind == "studio" ? ApiKey::Kind::kStudio : ApiKey::Kind::kConsole;
    k.display_name = b.value("displayName", "");
    k.api_targets = b.value("apiTargets", std::vector<std::string>{});
    k.allowed_ips = b.value("allowedIps", std::vector<std::string>{});
    k.allowed_referrers = b.value("allowedReferrers", std::vector<std::string>{});
    auto created = env.state().create_key(k);
    if (!created) return bad_request(res, created.error().message);
    reply(res, key_json(*created, true));
  });
  server.Delete(R"(/emulator/v1/keys/([^/]+))", [&env](const httplib::Request& req, httplib::Response& res) {
    auto r = env.state().delete_key(req.matches[1]);
    if (!r) return send_error(res, not_found(r.error().message));
    reply(res, json::object());
  });
  server.Get("/emulator/v1/keys", [&env](const httplib::Request&, httplib::Response& res) {
    json out = json::array();
    for (const ApiKey& k : env.state().keys()) out.push_back(key_json(k, false));
    reply(res, {{"keys", out}});
  });
  server.Post("/emulator/v1/faults", [&env](const httplib::Request& req, httplib::Response& res) {
    const json b = body_of(req);
    if (b.is_null() || !b.contains("spec") || !b["spec"].is_string()) return bad_request(res, "body must be {\"spec\": \"...\"}");
    auto r = env.faults().set_spec(b["spec"].get<std::string>());
    if (!r) return bad_request(res, r.error().message);
    reply(res, {{"spec", b["spec"]}});
  });
  server.Get("/emulator/v1/counters", [&env](const httplib::Request&, httplib::Response& res) {
    reply(res, {{"counters", env.state().counters()}});
  });
  server.Post("/emulator/v1/reset", [&env](const httplib::Request&, httplib::Response& res) {
    env.state().clear();
    reply(res, json::object());
  });
}

}  // namespace genai::emulator
