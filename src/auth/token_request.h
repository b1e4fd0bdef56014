// Internal: one token request (OAuth token endpoint, metadata server, IAM
// Credentials) through the pipeline, with the retries google-auth does for
// transient failures, and the mapping of its failures to AuthError with a fix.
#ifndef GENAI_SRC_AUTH_TOKEN_REQUEST_H_
#define GENAI_SRC_AUTH_TOKEN_REQUEST_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/token_cache.h"
#include "genai/http.h"
#include "genai/options.h"
#include "transport/pipeline.h"

namespace genai::internal {

// application/x-www-form-urlencoded body from name/value pairs.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// Parses {"access_token", "expires_in", "token_type"} (expires_in as a number
// or a numeric string, as google-auth accepts); expiry = now + expires_in.
Result<AccessToken> parse_oauth_token(const nlohmann::json& body, Clock::time_point now, const std::string& from);

// Sends `request` through `pipeline` (the one retry policy, with the
// credential's retry options; `auth` authorizes it when the token endpoint
// itself needs a token, as IAM Credentials does), and hands a 2xx JSON body to
// `parse`. Failures become kAuth errors that name `what` (e.g. "the token
// endpoint http://.../token") and carry Google's reason and a fix; transport
// failures stay kTransport.
using TokenParser = std::function<Result<AccessToken>(const nlohmann::json& body)>;
Result<AccessToken> send_token_request(const Pipeline& pipeline, HttpRequest request, const std::string& what,
                                       const TokenParser& parse, const Authorizer* auth = nullptr);

// Parses an RFC 3339 UTC time ("2026-11-25T10:00:00Z", fractional seconds allowed).
std::optional<Clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_TOKEN_REQUEST_H_
