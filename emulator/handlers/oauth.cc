// Google's OAuth 2.0 token endpoint (oauth2.googleapis.com): POST /token for
// the JWT-bearer grant (service-account key files) and the refresh_token grant
// (authorized_user files), and /tokeninfo (GET with a query, or POST with a form), which says whom a
// token speaks for.
#include <nlohmann/json.hpp>

#include "emulator/auth/verifier.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

void send_token(ServerEnv& env, Response& res, const Grant& grant, bool with_scope) {
  const auto lifetime = env.options().token_lifetime;
  const AccessToken t = env.state().issue_token(grant.principal, grant.project_id, grant.scopes, env.clock().now() + lifetime);
  ojson out;
  out["access_token"] = t.token;
  // Google reports one second less than the lifetime (3599 for an hour).
  out["expires_in"] = std::max<long long>(1, lifetime.count() - 1);
  if (with_scope) out["scope"] = grant.scopes;
  out["token_type"] = "Bearer";
  res.status = 200;
  res.set_header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
  res.set_content(out.dump(2), "application/json; charset=utf-8");
}

void token(ServerEnv& env, const Request& req, Response& res) {
  env.state().count("requests oauth2.Token");
  // httplib parses form-encoded bodies into params; a JSON body (which Google
  // also accepts) is read here.
  nlohmann::json body = nlohmann::json::object();
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object()) return send_error(res, oauth_error(400, "invalid_request", "Invalid JSON payload."));
  }
  auto param = [&](const char* name) -> std::string {
    if (req.has_param(name)) return req.get_param_value(name);
    auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string grant_type = param("grant_type");
  if (grant_type.empty()) return send_error(res, oauth_error(400, "invalid_request", "Required parameter is missing: grant_type"));
  if (grant_type == kJwtBearer) {
    const std::string assertion = param("assertion");
    if (assertion.empty()) return send_error(res, oauth_error(400, "invalid_request", "Required parameter is missing: assertion"));
    auto verified = verify_jwt_bearer(env, assertion);
    if (auto* e = std::get_if<GoogleError>(&verified)) return send_error(res, *e);
    return send_token(env, res, std::get<Grant>(verified), false);
  }
  if (grant_type == "refresh_token") {
    for (const char* name : {"client_id", "client_secret", "refresh_token"}) {
      if (param(name).empty()) {
        return send_error(res, oauth_error(400, "invalid_request", std::string("Required parameter is missing: ") + name));
      }
    }
    auto verified = verify_refresh_grant(env, param("client_id"), param("client_secret"), param("refresh_token"));
    if (auto* e = std::get_if<GoogleError>(&verified)) return send_error(res, *e);
    Grant grant = std::get<Grant>(verified);
    if (const std::string scope = param("scope"); !scope.empty()) grant.scopes = scope;
    return send_token(env, res, grant, true);
  }
  send_error(res, oauth_error(400, "unsupported_grant_type", "Invalid grant_type: " + grant_type));
}

// As Google's: the token in the query (GET) or in a form body (POST, which
// keeps it out of URLs and so out of logs and proxies).
void tokeninfo(ServerEnv& env, const Request& req, Response& res) {
  const std::string token = req.has_param("access_token") ? req.get_param_value("access_token") : "";
  const std::optional<AccessToken> t = env.state().access_token(token);
  const auto now = env.clock().now();
  if (!t || t->expiry <= now) return send_error(res, oauth_error(400, "invalid_token", "Invalid Value"));
  const std::string email = t->principal.substr(t->principal.find(':') + 1);
  const long long left = std::chrono::duration_cast<std::chrono::seconds>(t->expiry - now).count();
  ojson out;
  out["azp"] = email;
  out["aud"] = email;
  out["scope"] = t->scopes;
  out["exp"] = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(t->expiry.time_since_epoch()).count());
  out["expires_in"] = std::to_string(left);
  out["email"] = email;
  out["email_verified"] = "true";
  out["access_type"] = "online";
  res.status = 200;
  res.set_content(out.dump(2) + "\n", "application/json; charset=UTF-8");
}

}  // namespace

void register_oauth_routes(Router& router, ServerEnv& env) {
  router.post("/token", [&env](const Request& req, Response& res) { token(env, req, res); });
  router.post("/oauth2/v4/token", [&env](const Request& req, Response& res) { token(env, req, res); });
  router.get("/tokeninfo", [&env](const Request& req, Response& res) { tokeninfo(env, req, res); });
  router.get("/oauth2/v3/tokeninfo", [&env](const Request& req, Response& res) { tokeninfo(env, req, res); });
  router.post("/tokeninfo", [&env](const Request& req, Response& res) { tokeninfo(env, req, res); });
  router.post("/oauth2/v3/tokeninfo", [&env](const Request& req, Response& res) { tokeninfo(env, req, res); });
}

}  // namespace genai::emulator
