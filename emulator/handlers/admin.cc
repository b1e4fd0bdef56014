// The emulator's own admin API, /emulator/v1/...: sets up scenarios (projects,
// enabled APIs, IAM members, API keys, service accounts and key files, users
// with authorized_user files, the metadata server's account, faults, the
// clock) for tests and demos. It is not Google's API and takes no Google
// credentials; front_door.h guards it (same-origin, loopback Host, or an
// admin token once other machines can reach the emulator).
#include <nlohmann/json.hpp>

#include "emulator/auth/key_files.h"
#include "emulator/common/errors.h"
#include "emulator/common/fault_injector.h"
#include "emulator/handlers/ai_studio.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/key_view.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/live_store.h"
#include "emulator/state/state.h"
#include "emulator/state/storage.h"

namespace genai::emulator {
namespace {

using nlohmann::json;

void reply(Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(j.dump(2) + "\n", "application/json");
}

json admin_key_json(const ApiKey& k, bool with_secret) {
  json j = key_view_json(k);
  if (with_secret) j["keyString"] = k.key_string;
  return j;
}

json body_of(const Request& req) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  return j.is_object() ? j : json();
}

void bad_request(Response& res, const std::string& message) {
  send_error(res, invalid_argument(message));
}

// A state error as Google's status, mapped as the Cloud APIs map it
// (cloud_common.h): a conflict is a 409 here too, never a 400 that says the
// request was malformed.
void state_failure(Response& res, const Error& e) { send_error(res, from_state_error(e)); }

// Grants each role of b["roles"] (if any) to `member` on `project`.
bool grant_roles(ServerEnv& env, Response& res, const json& b, const std::string& project,
                 const std::string& member) {
  for (const json& role : b.value("roles", json::array())) {
    if (!role.is_string()) {
      bad_request(res, "roles must be a list of strings");
      return false;
    }
    if (auto r = env.state().add_binding(project, role.get<std::string>(), member); !r) {
      state_failure(res, r.error());
      return false;
    }
  }
  return true;
}

// Reads b[name] as a string, or "" if absent; false if present but not a string.
bool string_field(const json& b, const char* name, std::string& out) {
  auto it = b.find(name);
  if (it == b.end()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

}  // namespace

void register_admin_routes(Router& router, ServerEnv& env) {
  router.post("/emulator/v1/projects", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    if (b.is_null() || !b.contains("projectId")) return bad_request(res, "body must be {\"projectId\": \"...\"}");
    auto p = env.state().create_project(b["projectId"].get<std::string>());
    if (!p) return bad_request(res, p.error().message);
    reply(res, {{"projectId", p->id}, {"projectNumber", p->number}});
  });
  router.post(R"(/emulator/v1/projects/([^/]+)/services/([^/:]+):(enable|disable))",
              [&env](const Request& req, Response& res) {
                auto r = env.state().set_service_enabled(req.matches[1], req.matches[2], req.matches[3] == "enable");
                if (!r) return bad_request(res, r.error().message);
                reply(res, {{"service", std::string(req.matches[2])}, {"state", req.matches[3] == "enable" ? "ENABLED" : "DISABLED"}});
              });
  router.post(R"(/emulator/v1/projects/([^/]+)/keys)", [&env](const Request& req, Response& res) {
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
    reply(res, admin_key_json(*created, true));
  });
  router.del(R"(/emulator/v1/keys/([^/]+))", [&env](const Request& req, Response& res) {
    auto r = env.state().delete_key(req.matches[1]);
    if (!r) return send_error(res, not_found(r.error().message));
    reply(res, json::object());
  });
  // The credential failures beyond the tutorial's, so each diagnosis of
  // `genai doctor` can be tested: an expired key, billing off, a caller in a
  // country the Developer API does not serve.
  router.post(R"(/emulator/v1/keys/([^/:]+):(expire|renew))", [&env](const Request& req, Response& res) {
    auto r = env.state().set_key_expired(req.matches[1], req.matches[2] == "expire");
    if (!r) return send_error(res, not_found(r.error().message));
    reply(res, {{"uid", req.matches[1]}, {"expired", req.matches[2] == "expire"}});
  });
  router.post(R"(/emulator/v1/projects/([^/]+)/billing:(enable|disable))", [&env](const Request& req, Response& res) {
    auto r = env.state().set_billing_enabled(req.matches[1], req.matches[2] == "enable");
    if (!r) return state_failure(res, r.error());
    reply(res, {{"projectId", req.matches[1]}, {"billingEnabled", req.matches[2] == "enable"}});
  });
  router.post("/emulator/v1/callerRegion", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string region;
    if (b.is_null() || !string_field(b, "regionCode", region)) {
      return bad_request(res, "body must be {\"regionCode\": \"CN\"} (ISO 3166-1 alpha-2; \"\" for a served one)");
    }
    env.state().set_caller_region(region);
    reply(res, {{"regionCode", region}});
  });
  router.get("/emulator/v1/keys", [&env](const Request&, Response& res) {
    json out = json::array();
    for (const ApiKey& k : env.state().keys()) out.push_back(admin_key_json(k, false));
    reply(res, {{"keys", out}});
  });
  router.post(R"(/emulator/v1/projects/([^/]+)/members(:remove)?)", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string role, member;
    if (b.is_null() || !string_field(b, "role", role) || !string_field(b, "member", member) || role.empty() ||
        member.find(':') == std::string::npos) {
      return bad_request(res, "body must be {\"role\": \"roles/...\", \"member\": \"user:a@b.c\" or \"serviceAccount:...\"}");
    }
    auto r = req.matches[2].length() ? env.state().remove_binding(req.matches[1], role, member)
                                     : env.state().add_binding(req.matches[1], role, member);
    if (!r) return state_failure(res, r.error());
    reply(res, {{"role", role}, {"member", member}});
  });
  router.post(R"(/emulator/v1/projects/([^/]+)/serviceAccounts)", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string account_id, display_name;
    if (b.is_null() || !string_field(b, "accountId", account_id) || !string_field(b, "displayName", display_name)) {
      return bad_request(res, "body must be {\"accountId\": \"...\", \"displayName\": \"...\", \"roles\": [...]}");
    }
    auto sa = env.state().create_service_account(req.matches[1], account_id, display_name);
    if (!sa) return state_failure(res, sa.error());
    if (!grant_roles(env, res, b, sa->project_id, service_account_member(sa->email))) return;
    reply(res, {{"email", sa->email}, {"uniqueId", sa->unique_id}, {"projectId", sa->project_id}});
  });
  router.post(R"(/emulator/v1/serviceAccounts/([^/:]+)/keys)", [&env](const Request& req, Response& res) {
    // The body is the key file itself, as a browser download from the Console.
    auto created = create_service_account_key_file(env, req.matches[1]);
    if (!created) return state_failure(res, created.error());
    res.status = 200;
    res.set_header("X-Key-Id", created->key_id);
    res.set_content(created->key_file_json, "application/json");
  });
  router.post(R"(/emulator/v1/serviceAccounts/([^/:]+):(enable|disable))", [&env](const Request& req, Response& res) {
    auto r = env.state().set_service_account_disabled(req.matches[1], req.matches[2] == "disable");
    if (!r) return state_failure(res, r.error());
    reply(res, json::object());
  });
  router.post(R"(/emulator/v1/serviceAccounts/([^/:]+)/keys/([0-9a-f]+):(enable|disable))",
              [&env](const Request& req, Response& res) {
                auto r = env.state().set_service_account_key_disabled(req.matches[1], req.matches[2], req.matches[3] == "disable");
                if (!r) return state_failure(res, r.error());
                reply(res, json::object());
              });
  router.del(R"(/emulator/v1/serviceAccounts/([^/:]+)/keys/([0-9a-f]+))", [&env](const Request& req, Response& res) {
    auto r = env.state().delete_service_account_key(req.matches[1], req.matches[2]);
    if (!r) return state_failure(res, r.error());
    reply(res, json::object());
  });
  router.post(R"(/emulator/v1/projects/([^/]+)/users)", [&env](const Request& req, Response& res) {
    // A user who signed in with the project's OAuth client ("User data" in the
    // Console); answers with the authorized_user file gcloud would write.
    const json b = body_of(req);
    std::string email, scopes = "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/cloud-platform";
    if (b.is_null() || !string_field(b, "email", email) || !string_field(b, "scopes", scopes) || email.empty()) {
      return bad_request(res, "body must be {\"email\": \"a@b.c\", \"roles\": [...], \"scopes\": \"...\"}");
    }
    auto client = env.state().create_oauth_client(req.matches[1]);
    if (!client) return state_failure(res, client.error());
    auto grant = env.state().create_user_grant(client->client_id, email, scopes);
    if (!grant) return state_failure(res, grant.error());
    if (!grant_roles(env, res, b, client->project_id, user_member(email))) return;
    res.status = 200;
    res.set_content(authorized_user_file(env, client->client_id, client->client_secret, grant->refresh_token,
                                         b.value("quotaProjectId", std::string())),
                    "application/json");
  });
  router.post("/emulator/v1/refreshTokens:revoke", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string token;
    if (b.is_null() || !string_field(b, "refreshToken", token)) return bad_request(res, "body must be {\"refreshToken\": \"...\"}");
    auto r = env.state().revoke_user_grant(token);
    if (!r) return state_failure(res, r.error());
    reply(res, json::object());
  });
  router.post("/emulator/v1/metadata", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string email;
    if (b.is_null() || !string_field(b, "serviceAccount", email)) return bad_request(res, "body must be {\"serviceAccount\": \"email\"}");
    if (!email.empty() && !env.state().service_account(email)) return send_error(res, not_found("service account " + email + " does not exist"));
    env.state().set_metadata_account(email);
    reply(res, {{"serviceAccount", email}});
  });
  router.post("/emulator/v1/clock:advance", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    if (b.is_null() || !b.contains("seconds") || !b["seconds"].is_number_integer()) {
      return bad_request(res, "body must be {\"seconds\": N}");
    }
    env.clock().advance(std::chrono::seconds(b["seconds"].get<long long>()));
    reply(res, {{"now", rfc3339(env.clock().now())}});
  });
  router.post("/emulator/v1/faults", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    if (b.is_null() || !b.contains("spec") || !b["spec"].is_string()) return bad_request(res, "body must be {\"spec\": \"...\"}");
    auto r = env.faults().set_spec(b["spec"].get<std::string>());
    if (!r) return bad_request(res, r.error().message);
    reply(res, {{"spec", b["spec"]}});
  });
  router.get("/emulator/v1/counters", [&env](const Request&, Response& res) {
    reply(res, {{"counters", env.state().counters()}});
  });
  // AI Studio's "Create API key in existing project" (handlers/ai_studio.h),
  // for tools such as `genai demo`: the same function the console's page calls.
  router.post(R"(/emulator/v1/projects/([^/]+)/aiStudioKeys)", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    std::string display_name;
    if (b.is_null() || !string_field(b, "displayName", display_name)) {
      return bad_request(res, "body must be {} or {\"displayName\": \"...\"}");
    }
    auto made = create_ai_studio_key(env, req.matches[1], display_name);
    if (auto* e = std::get_if<GoogleError>(&made)) return send_error(res, *e);
    reply(res, admin_key_json(std::get<ApiKey>(made), true));
  });
  router.post("/emulator/v1/reset", [&env](const Request&, Response& res) {
    env.state().clear();
    env.storage().clear();
    reply(res, json::object());
  });
  // Live API sessions (docs/live.md): list them, send them goAway, or drop
  // their connections, so clients' reconnection and resumption can be tested.
  router.get("/emulator/v1/liveSessions", [&env](const Request&, Response& res) {
    json sessions = json::array();
    for (const LiveSessionInfo& s : env.live().sessions()) {
      sessions.push_back({{"id", s.id}, {"model", s.model}, {"project", s.project}});
    }
    reply(res, {{"sessions", sessions}});
  });
  // What a resumption handle holds, so a test can tell exactly which client
  // messages a Live session took (none lost, none twice).
  router.get(R"(/emulator/v1/liveHandles/([0-9a-zA-Z_-]+))", [&env](const Request& req, Response& res) {
    std::optional<SavedLiveSession> s = env.live().resume(req.matches[1]);
    if (!s) return send_error(res, not_found("No Live session resumption handle " + std::string(req.matches[1]) + "."));
    reply(res, {{"model", s->model},
                {"history", json::parse(s->history->dump())},
                {"clientMessages", s->client_messages},
                {"lastConsumedClientMessageIndex", s->connection_index}});
  });
  router.post(R"(/emulator/v1/liveSessions:(goAway|drop))", [&env](const Request& req, Response& res) {
    const json b = body_of(req);
    if (b.is_null()) return bad_request(res, "body must be a JSON object");
    std::string session;
    if (!string_field(b, "session", session)) return bad_request(res, "session must be a string");
    size_t reached = 0;
    if (req.matches[1] == "drop") {
      reached = env.live().drop(session);
    } else {
      std::string left = "0s";
      if (!string_field(b, "timeLeft", left)) return bad_request(res, "timeLeft must be a string such as \"5s\"");
      long seconds = -1;
      try {
        size_t used = 0;
        seconds = std::stol(left, &used);
        if (left.substr(used) != "s") seconds = -1;
      } catch (...) {
      }
      if (seconds < 0 || seconds > 3600) return bad_request(res, "timeLeft must be whole seconds, 0s to 3600s, e.g. \"5s\"");
      reached = env.live().go_away(session, std::chrono::seconds(seconds));
    }
    if (!session.empty() && reached == 0) return send_error(res, not_found("No open Live session " + session + "."));
    reply(res, {{"sessions", reached}});
  });
}

}  // namespace genai::emulator
