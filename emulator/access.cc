#include "emulator/access.h"

#include <arpa/inet.h>

#include <cstring>

#include "emulator/server/clock.h"
#include "emulator/server/env.h"
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

std::string caller_ip(const ServerEnv& env, const httplib::Request& req) {
  if (env.options().trust_forwarded_for && req.has_header("X-Forwarded-For")) {
    std::string v = req.get_header_value("X-Forwarded-For");
    return v.substr(0, v.find(','));
  }
  return req.remote_addr;
}

}  // namespace

std::variant<Caller, GoogleError> authorize(ServerEnv& env, const httplib::Request& req, const AccessCheck& check) {
  std::string key = req.get_header_value("x-goog-api-key");
  if (key.empty() && req.has_param("key")) key = req.get_param_value("key");
  if (key.empty()) {
    if (req.has_header("Authorization")) {
      return unauthenticated(
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other "
          "valid authentication credential. See "
          "https://developers.google.com/identity/sign-in/web/devconsole-project.");
    }
    return missing_credentials(check.service);
  }
  if (!check.allow_api_key) {
    return unauthenticated("API keys are not supported by this API. Expected OAuth2 access token or other "
                           "authentication credentials that assert a principal.");
  }
  const std::optional<ApiKey> k = env.state().key_by_string(key);
  if (!k || k->deleted) return api_key_invalid(check.service);
  const std::optional<Project> project = env.state().project(k->project_id);
  if (!project) return api_key_invalid(check.service);

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
  if (!project->enabled_services.count(check.service)) {
    return service_disabled(check.service, service_title(check.service), project->number);
  }
  if (!env.state().take_quota(project->id, env.options().requests_per_minute, env.clock().now())) {
    const auto now = env.clock().now().time_since_epoch();
    const auto into_minute = std::chrono::duration_cast<std::chrono::seconds>(now) % std::chrono::seconds(60);
    GoogleError e = quota_exceeded(project->number, std::chrono::seconds(60) - into_minute);
    return e;
  }
  return Caller{Caller::Kind::kApiKey, "apiKey:" + k->uid, project->id};
}

}  // namespace genai::emulator
