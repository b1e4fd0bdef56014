// Internal: the single place that masks secrets. Every log line, trace,
// exception message and raw error body goes through redact() first.
#ifndef GENAI_SRC_CORE_REDACT_H_
#define GENAI_SRC_CORE_REDACT_H_

#include <string>
#include <string_view>

namespace genai::internal {

// Masks, anywhere in `text`: API keys (AIza + 35), OAuth access tokens
// (ya29.*), values after "Bearer ", refresh tokens (1//...), JWTs (three
// base64url segments starting eyJ), PEM private-key blocks, JSON values of
// secret-bearing fields ("private_key", "refresh_token", "access_token",
// "client_secret", "api_key", "keyString", "assertion", "id_token"), the same
// names as form or query parameters (key=..., assertion=...), the values
// of the x-goog-api-key / Authorization headers ("Bearer ...", "Basic ..."),
// and the password of a URL's userinfo (http://user:<redacted>@proxy:3128).
std::string redact(std::string_view text);

// A short non-secret label for one secret value: the first 4 and last 4
// characters with the length, e.g. "AIza…x7Qk (39 chars)". Secrets shorter
// than 16 characters show no characters at all.
std::string mask_secret(std::string_view secret);

// Overwrites a secret's bytes before its memory is freed, in a way the
// compiler may not optimise away.
void wipe_secret(std::string& secret);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_REDACT_H_
