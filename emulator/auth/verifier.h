// Verification of what a caller presents to prove who it is: JWT-bearer
// assertions and refresh tokens at the token endpoint, and self-signed JWTs
// used directly as bearer tokens. Each check is Google's, with Google's error.
#ifndef GENAI_EMULATOR_AUTH_VERIFIER_H_
#define GENAI_EMULATOR_AUTH_VERIFIER_H_

#include <chrono>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/common/errors.h"

namespace genai::emulator {

class ServerEnv;

// The clock difference tolerated between the caller and the emulator when
// checking iat/exp. Google documents none; its servers accept a few minutes.
inline constexpr std::chrono::seconds kClockSkew{120};
// The longest lifetime Google accepts for an assertion or a self-signed JWT.
inline constexpr std::chrono::seconds kMaxJwtLifetime{3600};

inline constexpr const char* kGoogleTokenUri = "https://oauth2.googleapis.com/token";
inline constexpr const char* kCloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

// Who a verified credential speaks for.
struct Grant {
  std::string principal;   // "serviceAccount:x@p.iam.gserviceaccount.com" or "user:a@b"
  std::string project_id;  // the account's project, or the OAuth client's
  std::string scopes;      // space-separated
};

// The JWT-bearer grant (RFC 7523) as oauth2.googleapis.com checks it: RS256
// only, a known and enabled account (`iss`), a known and enabled key (`kid`,
// or any key of the account when absent), a valid signature, `aud` equal to
// Google's token URI or the emulator's own, iat/exp within one hour and the
// clock skew, and a scope. On failure: the OAuth error body Google sends.
std::variant<Grant, GoogleError> verify_jwt_bearer(ServerEnv& env, std::string_view assertion);

// The refresh_token grant: the client must exist and its secret match, and the
// refresh token must belong to that client and not be revoked.
std::variant<Grant, GoogleError> verify_refresh_grant(ServerEnv& env, const std::string& client_id,
                                                      const std::string& client_secret,
                                                      const std::string& refresh_token);

// A self-signed JWT used as a bearer token on `service` (AIP-4111): RS256 by a
// known enabled key (`kid` required), iss == sub == a known enabled account,
// exp - iat <= 1 h and not expired, and either aud == "https://{service}/" or a
// scope claim. On failure returns the ErrorInfo reason for a 401
// (ACCESS_TOKEN_EXPIRED, ACCESS_TOKEN_TYPE_UNSUPPORTED).
std::variant<Grant, std::string> verify_self_signed_jwt(ServerEnv& env, std::string_view jwt,
                                                        std::string_view service);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_AUTH_VERIFIER_H_
