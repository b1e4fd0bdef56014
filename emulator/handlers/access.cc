#include "emulator/handlers/access.h"

#include <arpa/inet.h>

#include <strings.h>

#include <algorithm>
#include <cstring>

#include "emulator/auth/jwt.h"
#include "emulator/auth/verifier.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

// True if `ip` is inside `rule` ("203.0.113.0/24", "198.51.100.7", or an
// exact IPv6 address).
bool ip_matches(const std::string& ip, const std::string& rule) {
  const size_t slash = rule.find('/');
  const std::string base = rule.substr(0, slash);
  in_addr a{}, b{};
  if (inet_pton(AF_INET, ip.c_str(), &a) != 1 || inet_pton(AF_INET, base.c_str(), &b) != 1) {
    in6_addr a6{}, b6{};
    if (inet_pton(AF_INET6, ip.c_str(), &a6) == 1 && inet_pton(AF_INET6, base.c_str(), &b6) == 1) {
      return std::memcmp(&a6, &b6, sizeof a6) == 0;
    }
    return false;
  }
  int bits = slash == std::string::npos ? 32 : std::atoi(rule.c_str() + slash + 1);
  if (bits <= 0) return true;
  if (bits > 32) bits = 32;
  const uint32_t mask = bits == 32 ? 0xFFFFFFFFu : ~((1u << (32 - bits)) - 1);
  return (ntohl(a.s_addr) & mask) == (ntohl(b.s_addr) & mask);
}

// Google's referrer patterns: '*' matches any run of characters.
bool glob_matches(std::string_view text, std::string_view pattern) {
  size_t t = 0, p = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == text[t])) {
      ++t;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// Whether the Developer API serves callers from this country ("" is any
// country it does). Google publishes the list of countries it serves; these
// are the ones it has never served.
bool serves_region(const std::string& region_code) {
  static const char* const kUnserved[] = {"CN", "HK", "MO", "RU", "BY", "IR", "KP", "SY", "CU"};
  for (const char* r : kUnserved) {
    if (region_code == r) return false;
  }
  return true;
}

std::string caller_ip(const ServerEnv& env, const Request& req) {
  if (env.options().trust_forwarded_for && req.has_header("X-Forwarded-For")) {
    std::string v = req.get_header_value("X-Forwarded-For");
    return v.substr(0, v.find(','));
  }
  return req.remote_addr;
}

}  // namespace

namespace {

std::variant<Caller, GoogleError> admit_api_key(ServerEnv& env, const Request& req, const AccessCheck& check,
                                                const std::string& key) {
  if (!check.allow_api_key) {
    return unauthenticated("API keys are not supported by this API. Expected OAuth2 access token or other "
                           "authentication credentials that assert a principal.");
  }
  const std::optional<ApiKey> k = env.state().key_by_string(key);
  if (!k || k->deleted) return api_key_invalid(check.service);
  const std::optional<Project> project = env.state().project(k->project_id);
  if (!project) return api_key_invalid(check.service);
  if (k->expired) return api_key_expired(check.service);

  if (!k->api_targets.empty() &&
      std::find(k->api_targets.begin(), k->api_targets.end(), check.service) == k->api_targets.end()) {
    return api_key_service_blocked(check.service, check.api_method, project->number);
  }
  if (!k->allowed_ips.empty()) {
    const std::string ip = caller_ip(env, req);
    bool allowed = false;
    for (const std::string& rule : k->allowed_ips) allowed = allowed || ip_matches(ip, rule);
    if (!allowed) return api_key_ip_blocked(check.service, ip, project->number);
  }
  if (!k->allowed_referrers.empty()) {
    const std::string referrer = req.get_header_value("Referer");
    bool allowed = false;
    for (const std::string& rule : k->allowed_referrers) allowed = allowed || (!referrer.empty() && glob_matches(referrer, rule));
    if (!allowed) return api_key_referrer_blocked(check.service, referrer, project->number);
  }
  return Caller{Caller::Kind::kApiKey, "apiKey:" + k->uid, project->id};
}

// An OAuth access token minted by the token endpoint, or a self-signed JWT.
std::variant<Caller, GoogleError> admit_bearer(ServerEnv& env, const Request& req, const AccessCheck& check,
                                               const std::string& token) {
  Caller caller;
  std::string scopes;
  if (std::optional<AccessToken> t = env.state().access_token(token)) {
    if (t->expiry <= env.clock().now()) return bad_credentials("ACCESS_TOKEN_EXPIRED", check.service, check.api_method);
    caller = Caller{Caller::Kind::kAccessToken, t->principal, t->project_id};
    scopes = t->scopes;
  } else if (looks_like_jwt(token)) {
    auto verified = verify_self_signed_jwt(env, token, check.service);
    if (auto* reason = std::get_if<std::string>(&verified)) return bad_credentials(*reason, check.service, check.api_method);
    const Grant& g = std::get<Grant>(verified);
    caller = Caller{Caller::Kind::kSelfSignedJwt, g.principal, g.project_id};
    scopes = g.scopes;
  } else {
    return bad_credentials("ACCESS_TOKEN_TYPE_UNSUPPORTED", check.service, check.api_method);
  }
  const std::string sa_prefix = "serviceAccount:";
  if (caller.principal.rfind(sa_prefix, 0) == 0) {
    // A token outlives nothing: a disabled or deleted account's tokens stop working.
    auto sa = env.state().service_account(caller.principal.substr(sa_prefix.size()));
    if (!sa || sa->disabled) return bad_credentials("ACCOUNT_STATE_INVALID", check.service, check.api_method);
  }
  if (!scopes_cover(scopes, check.service)) return scope_insufficient(check.service, check.api_method);

  // The consumer project: x-goog-user-project if sent (the caller must be
  // allowed to bill it), else the resource's project (Vertex AI), else the
  // principal's own project.
  const std::string user_project = req.get_header_value("x-goog-user-project");
  if (!user_project.empty()) {
    if (!env.state().project(user_project) ||
        !env.state().permissions(user_project, caller.principal).count("serviceusage.services.use")) {
      return user_project_denied(user_project, check.service);
    }
    caller.project_id = env.state().project(user_project)->id;
  } else if (!check.resource_project.empty()) {
    caller.project_id = check.resource_project;
  }
  return caller;
}

}  // namespace

bool scopes_cover(std::string_view scopes, std::string_view service) {
  auto has = [&](std::string_view scope) {
    size_t pos = 0;
    while ((pos = scopes.find(scope, pos)) != std::string_view::npos) {
      const size_t end = pos + scope.size();
      if ((pos == 0 || scopes[pos - 1] == ' ') && (end == scopes.size() || scopes[end] == ' ' || scopes[end] == '.')) {
        return true;
      }
      pos = end;
    }
    return false;
  };
  if (has("https://www.googleapis.com/auth/cloud-platform")) return true;
  if (service == kIamCredentials && has("https://www.googleapis.com/auth/iam")) return true;
  return service == kGenerativeLanguage && has("https://www.googleapis.com/auth/generative-language");
}

std::variant<Caller, GoogleError> authorize(ServerEnv& env, const Request& req, const AccessCheck& check) {
  std::string key = req.get_header_value("x-goog-api-key");
  if (key.empty() && req.has_param("key")) key = req.get_param_value("key");
  const std::string authorization = req.get_header_value("Authorization");
  std::variant<Caller, GoogleError> who;
  if (!key.empty()) {
    who = admit_api_key(env, req, check, key);
  } else if (authorization.size() > 7 && strncasecmp(authorization.c_str(), "Bearer ", 7) == 0) {
    who = admit_bearer(env, req, check, authorization.substr(7));
  } else if (!authorization.empty()) {
    return bad_credentials("ACCESS_TOKEN_TYPE_UNSUPPORTED", check.service, check.api_method);
  } else {
    return check.allow_api_key && check.permission.empty() ? missing_credentials(check.service)
                                                           : credentials_missing(check.service, check.api_method);
  }
  if (auto* e = std::get_if<GoogleError>(&who)) return *e;
  if (auto refused = check_caller(env, std::get<Caller>(who), check)) return *refused;
  return who;
}

std::optional<GoogleError> check_caller(ServerEnv& env, const Caller& caller, const AccessCheck& check) {
  // A resource project that does not exist (a typo in the URL): no role
  // would help, and Google says so with its own reason.
  if (!check.resource_project.empty() && !env.state().project(check.resource_project)) {
    return consumer_invalid(check.service, check.resource_project);
  }
  if (check.service == kGenerativeLanguage && !serves_region(env.state().caller_region())) {
    return user_location_unsupported();
  }
  auto denied = [&] { return check.denial ? *check.denial : iam_permission_denied(check.permission, check.resource); };
  const std::optional<Project> project = env.state().project(caller.project_id);
  if (!project) {
    if (!check.permission.empty()) return denied();
    return permission_denied("Project '" + caller.project_id + "' not found or deleted.");
  }
  // Google checks that the API is enabled in the consumer project before IAM.
  // The management APIs count as enabled everywhere and are not metered.
  const bool always_enabled = service_always_enabled(check.service);
  if (!always_enabled && !project->enabled_services.count(check.service)) {
    return service_disabled(check.service, service_title(check.service), project->number);
  }
  if (check.service == kAiPlatform) {
    // Vertex AI bills the project in the URL (express mode: the key's).
    const std::optional<Project> billed =
        check.resource_project.empty() ? project : env.state().project(check.resource_project);
    if (billed && !billed->billing_enabled) return billing_disabled(check.service, billed->number);
  }
  if (!check.permission.empty() && caller.kind != Caller::Kind::kApiKey) {
    const std::string& resource_project = check.resource_project.empty() ? project->id : check.resource_project;
    if (!env.state().permissions(resource_project, caller.principal).count(check.permission)) return denied();
  }
  if (!always_enabled && !env.state().take_quota(project->id, env.options().requests_per_minute, env.clock().now())) {
    const auto now = env.clock().now().time_since_epoch();
    const auto into_minute = std::chrono::duration_cast<std::chrono::seconds>(now) % std::chrono::seconds(60);
    return quota_exceeded(check.model, env.options().requests_per_minute, std::chrono::seconds(60) - into_minute);
  }
  return std::nullopt;
}

}  // namespace genai::emulator
