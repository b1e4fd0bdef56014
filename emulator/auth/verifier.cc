#include "emulator/auth/verifier.h"

#include "emulator/auth/crypto.h"
#include "emulator/auth/jwt.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

constexpr const char* kBadSignature = "Invalid JWT Signature.";
constexpr const char* kBadTimeframe =
    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and "
    "exp values in the JWT claim.";

GoogleError invalid_grant(std::string_view description) { return oauth_error(400, "invalid_grant", description); }

std::string string_claim(const nlohmann::json& claims, const char* name) {
  auto it = claims.find(name);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Verifies the RS256 signature with the key named by `kid`, or, when there is
// no kid, with any enabled key of the account. A disabled or deleted key
// fails exactly like a wrong one, as at Google.
bool signature_valid(const ServiceAccount& sa, const Jwt& jwt) {
  if (jwt.header.value("alg", "") != "RS256") return false;
  const std::string kid = jwt.header.contains("kid") && jwt.header["kid"].is_string() ? jwt.header["kid"].get<std::string>() : "";
  for (const ServiceAccountKey& key : sa.keys) {
    if (key.disabled || (!kid.empty() && key.id != kid)) continue;
    if (verify_rs256(jwt.signing_input, jwt.signature, key.public_pem)) return true;
  }
  return false;
}

// exp - iat for exp > iat, without the signed overflow of e.g. iat=-9e18,
// exp=9e18 (both are attacker-chosen numbers).
constexpr unsigned long long kMaxLifetimeSeconds = kMaxJwtLifetime.count();
unsigned long long lifetime(long long iat, long long exp) {
  return static_cast<unsigned long long>(exp) - static_cast<unsigned long long>(iat);
}

// iat and exp present, exp after iat by at most an hour, iat not in the
// future and exp not in the past, both with the clock skew.
bool timeframe_valid(const Jwt& jwt, std::chrono::system_clock::time_point now) {
  const auto iat = numeric_claim(jwt.claims, "iat");
  const auto exp = numeric_claim(jwt.claims, "exp");
  if (!iat || !exp) return false;
  const long long t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return *exp > *iat && lifetime(*iat, *exp) <= kMaxLifetimeSeconds && *iat <= t + kClockSkew.count() &&
         *exp >= t - kClockSkew.count();
}

bool audience_matches(const nlohmann::json& aud, const std::string& expected) {
  if (aud.is_string()) return aud.get<std::string>() == expected;
  if (aud.is_array()) {
    for (const auto& a : aud) {
      if (a.is_string() && a.get<std::string>() == expected) return true;
    }
  }
  return false;
}

}  // namespace

std::variant<Grant, GoogleError> verify_jwt_bearer(ServerEnv& env, std::string_view assertion) {
  const std::optional<Jwt> jwt = parse_jwt(assertion);
  if (!jwt) return invalid_grant(kBadSignature);
  const std::string iss = string_claim(jwt->claims, "iss");
  if (iss.find('@') == std::string::npos) return invalid_grant("Invalid grant: account not found");
  const std::optional<ServiceAccount> sa = env.state().service_account(iss);
  if (!sa || sa->disabled) return invalid_grant("Invalid grant: account not found");
  if (!signature_valid(*sa, *jwt)) return invalid_grant(kBadSignature);
  const nlohmann::json aud = jwt->claims.value("aud", nlohmann::json());
  if (!audience_matches(aud, kGoogleTokenUri) && !audience_matches(aud, env.base_url() + "/token")) {
    return invalid_grant("Invalid JWT: Failed audience check. The expected value was " + std::string(kGoogleTokenUri));
  }
  if (!timeframe_valid(*jwt, env.clock().now())) return invalid_grant(kBadTimeframe);
  if (jwt->claims.contains("sub") && string_claim(jwt->claims, "sub") != iss) {
    // Domain-wide delegation needs a Workspace domain, which the emulator has not.
    return oauth_error(401, "unauthorized_client",
                       "Client is unauthorized to retrieve access tokens using this method, or client not authorized "
                       "for any of the scopes requested.");
  }
  const std::string scope = string_claim(jwt->claims, "scope");
  if (scope.empty()) return oauth_error(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
  return Grant{service_account_member(sa->email), sa->project_id, scope};
}

std::variant<Grant, GoogleError> verify_refresh_grant(ServerEnv& env, const std::string& client_id,
                                                      const std::string& client_secret,
                                                      const std::string& refresh_token) {
  const std::optional<OAuthClient> client = env.state().oauth_client(client_id);
  if (!client) return oauth_error(401, "invalid_client", "The OAuth client was not found.");
  if (client->deleted) return oauth_error(401, "deleted_client", "The OAuth client was deleted.");
  if (client->client_secret != client_secret) return oauth_error(401, "invalid_client", "Unauthorized");
  const std::optional<UserGrant> grant = env.state().user_grant(refresh_token);
  if (!grant) return invalid_grant("Bad Request");
  if (grant->client_id != client_id) return oauth_error(400, "unauthorized_client", "Unauthorized");
  if (grant->revoked) return invalid_grant("Token has been expired or revoked.");
  return Grant{user_member(grant->email), client->project_id, grant->scopes};
}

std::variant<Grant, std::string> verify_self_signed_jwt(ServerEnv& env, std::string_view token,
                                                        std::string_view service) {
  constexpr const char* kUnsupported = "ACCESS_TOKEN_TYPE_UNSUPPORTED";
  const std::optional<Jwt> jwt = parse_jwt(token);
  if (!jwt || !jwt->header.contains("kid")) return std::string(kUnsupported);
  const std::string iss = string_claim(jwt->claims, "iss");
  if (iss.empty() || string_claim(jwt->claims, "sub") != iss) return std::string(kUnsupported);
  const std::optional<ServiceAccount> sa = env.state().service_account(iss);
  if (!sa || sa->disabled || !signature_valid(*sa, *jwt)) return std::string(kUnsupported);
  const auto iat = numeric_claim(jwt->claims, "iat");
  const auto exp = numeric_claim(jwt->claims, "exp");
  const long long now =
      std::chrono::duration_cast<std::chrono::seconds>(env.clock().now().time_since_epoch()).count();
  if (iat && exp && *exp > *iat && lifetime(*iat, *exp) <= kMaxLifetimeSeconds && *exp < now - kClockSkew.count()) {
    return std::string("ACCESS_TOKEN_EXPIRED");
  }
  if (!timeframe_valid(*jwt, env.clock().now())) return std::string(kUnsupported);
  const std::string scope = string_claim(jwt->claims, "scope");
  const nlohmann::json aud = jwt->claims.value("aud", nlohmann::json());
  const bool aud_ok = audience_matches(aud, "https://" + std::string(service) + "/");
  // AIP-4111: scope and audience must not both be given.
  if (aud_ok == !scope.empty() || (!aud_ok && !aud.is_null())) return std::string(kUnsupported);
  return Grant{service_account_member(sa->email), sa->project_id, aud_ok ? kCloudPlatformScope : scope};
}

}  // namespace genai::emulator
