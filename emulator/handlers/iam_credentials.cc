// The IAM Service Account Credentials API (iamcredentials.googleapis.com):
// generateAccessToken, which impersonation uses. The caller needs
// iam.serviceAccounts.getAccessToken (roles/iam.serviceAccountTokenCreator)
// on the target account's project, and on each delegate's in a chain.
#include <nlohmann/json.hpp>

#include "emulator/handlers/access.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kGetAccessToken = "iam.serviceAccounts.getAccessToken";

std::string strip_resource(std::string name) {
  // "projects/-/serviceAccounts/x@y" -> "x@y"
  const size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

GoogleError not_found_account(const std::string& email) {
  return not_found("Not found; Gaia id not found for email " + email);
}

void generate_access_token(ServerEnv& env, const Request& req, Response& res,
                           const std::string& target_email) {
  env.state().count("requests IAMCredentials.GenerateAccessToken");
  const std::optional<ServiceAccount> target = env.state().service_account(target_email);
  if (!target) return send_error(res, not_found_account(target_email));
  AccessCheck check;
  check.service = kIamCredentials;
  check.api_method = "google.iam.credentials.v1.IAMCredentials.GenerateAccessToken";
  check.allow_api_key = false;  // the permission is checked below, along the delegation chain
  check.resource = "projects/-/serviceAccounts/" + target->unique_id;
  auto who = authorize(env, req, check);
  if (auto* e = std::get_if<GoogleError>(&who)) return send_error(res, *e);
  const Caller& caller = std::get<Caller>(who);

  const ojson body = ojson::parse(req.body, nullptr, false);
  if (!body.is_object()) return send_error(res, invalid_argument("Invalid JSON payload received."));
  const ojson scope = body.value("scope", ojson::array());
  if (!scope.is_array() || scope.empty()) return send_error(res, invalid_argument("Scope required."));
  std::string scopes;
  for (const auto& s : scope) {
    if (!s.is_string()) return send_error(res, invalid_argument("Invalid scope."));
    scopes += (scopes.empty() ? "" : " ") + s.get<std::string>();
  }
  std::chrono::seconds lifetime{3600};
  if (body.contains("lifetime")) {
    const std::string l = body["lifetime"].is_string() ? body["lifetime"].get<std::string>() : "";
    long long secs = 0;
    if (l.empty() || l.back() != 's' || std::sscanf(l.c_str(), "%lld", &secs) != 1 || secs <= 0) {
      return send_error(res, invalid_argument("Invalid value for lifetime."));
    }
    if (secs > 3600) {
      return send_error(res, invalid_argument("The lifetime cannot exceed 3600s (1 hour) for this service account."));
    }
    lifetime = std::chrono::seconds(secs);
  }
  // The chain: caller -> delegates... -> target; each hop needs getAccessToken
  // on the next account's project.
  std::string holder = caller.principal;
  std::vector<std::string> chain;
  for (const auto& d : body.value("delegates", ojson::array())) {
    if (!d.is_string()) return send_error(res, invalid_argument("Invalid delegate."));
    chain.push_back(strip_resource(d.get<std::string>()));
  }
  chain.push_back(target->email);
  for (const std::string& next : chain) {
    const std::optional<ServiceAccount> sa = env.state().service_account(next);
    if (!sa) return send_error(res, not_found_account(next));
    if (!env.state().permissions(sa->project_id, holder).count(kGetAccessToken)) {
      return send_error(res, iam_denied(kGetAccessToken, "projects/-/serviceAccounts/" + sa->unique_id,
                                        "iam.googleapis.com"));
    }
    holder = service_account_member(sa->email);
  }
  if (target->disabled) return send_error(res, failed_precondition("The service account " + target->email + " is disabled."));
  const AccessToken t = env.state().issue_token(service_account_member(target->email), target->project_id, scopes,
                                                env.clock().now() + lifetime);
  ojson out;
  out["accessToken"] = t.token;
  out["expireTime"] = rfc3339(t.expiry);
  res.status = 200;
  res.set_content(out.dump(2) + "\n", "application/json; charset=UTF-8");
}

}  // namespace

void register_iam_credentials_routes(Router& router, ServerEnv& env) {
  router.post(R"(/v1/projects/-/serviceAccounts/([^/:]+):generateAccessToken)",
              [&env](const Request& req, Response& res) {
                generate_access_token(env, req, res, req.matches[1]);
              });
}

}  // namespace genai::emulator
