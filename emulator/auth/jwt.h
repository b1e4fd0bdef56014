// Parsing of compact JWS tokens (header.payload.signature), as the token
// endpoint receives JWT-bearer assertions and API front ends receive
// self-signed JWTs. Parsing only: verification against a key is the caller's.
#ifndef GENAI_EMULATOR_AUTH_JWT_H_
#define GENAI_EMULATOR_AUTH_JWT_H_

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace genai::emulator {

struct Jwt {
  nlohmann::json header;   // {"alg","typ","kid"}
  nlohmann::json claims;   // {"iss","sub","aud","scope","iat","exp",...}
  std::string signing_input;  // "<b64 header>.<b64 payload>": what the signature covers
  std::string signature;      // raw bytes
};

// nullopt unless `token` has exactly three base64url parts, of which the
// first two are JSON objects.
std::optional<Jwt> parse_jwt(std::string_view token);

// A numeric claim ("iat", "exp") as seconds; nullopt if absent, not a number,
// or a float beyond the range of long long.
std::optional<long long> numeric_claim(const nlohmann::json& claims, const char* name);

// True if `s` has the shape of a JWT (two dots), to tell a self-signed JWT
// from an opaque access token before any parsing.
bool looks_like_jwt(std::string_view s);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_AUTH_JWT_H_
