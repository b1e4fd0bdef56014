#include "auth/token_request.h"

#include <ctime>

#include "core/errors.h"
#include "core/json_parse.h"
#include "core/url.h"

namespace genai::internal {

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += url_encode(name);
    out += '=';
    out += url_encode(value);
  }
  return out;
}

Result<AccessToken> parse_oauth_token(const nlohmann::json& body, Clock::time_point now, const std::string& from) {
  auto token = body.find("access_token");
  if (token == body.end() || !token->is_string() || token->get<std::string>().empty()) {
    return auth_error(from + " answered without an access_token", "Check that the URL points at a Google token endpoint.");
  }
  long long expires_in = 3600;
  if (auto e = body.find("expires_in"); e != body.end()) {
    if (e->is_number()) {
      expires_in = e->get<long long>();
    } else if (e->is_string()) {
      try {
        expires_in = std::stoll(e->get<std::string>());
      } catch (const std::exception&) {
        return auth_error(from + " answered with a non-numeric expires_in", "Check that the URL points at a Google token endpoint.");
      }
    }
  }
  return AccessToken{token->get<std::string>(), now + std::chrono::seconds(expires_in)};
}

Result<AccessToken> send_token_request(const Pipeline& pipeline, HttpRequest request, const std::string& what,
                                       const TokenParser& parse, const Authorizer* auth) {
  Result<HttpResponse> resp = pipeline.send(std::move(request), auth);
  if (!resp) {
    Error error = std::move(resp).error();
    if (error.kind == ErrorKind::kTransport) {
      error.message = what + ": " + error.message;
    } else if (error.kind == ErrorKind::kApi) {
      // Refused (or transient and the retries ran out): a credential problem.
      error.message = what + " refused the request: " + error.message;
      error.kind = ErrorKind::kAuth;
    }
    return error;
  }
  // Through the one bounded parser, as every server's JSON: a token endpoint
  // that nests 100,000 deep gets an error, not a stack overflow later.
  JsonParseFailure failure = JsonParseFailure::kNone;
  nlohmann::json body = parse_json(resp->body, &failure);
  if (failure == JsonParseFailure::kTooDeep) return json_too_deep(what + "'s answer", resp->body.size());
  if (!body.is_object()) {
    return auth_error(what + " answered HTTP " + std::to_string(resp->status) + " with a body that is not JSON",
                      "Check that the URL points at a Google token endpoint (a proxy may be answering).");
  }
  return parse(body);
}

std::optional<Clock::time_point> parse_rfc3339(std::string_view text) {
  std::tm tm{};
  int frac_end = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &frac_end) != 6) {
    return std::nullopt;
  }
  size_t i = static_cast<size_t>(frac_end);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  if (i >= s.size() || (s[i] != 'Z' && s[i] != 'z')) return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::time_t t = timegm(&tm);
  if (t == -1) return std::nullopt;
  return Clock::from_time_t(t);
}

}  // namespace genai::internal
