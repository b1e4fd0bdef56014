// Ephemeral tokens for the Live API (python-genai's client.auth_tokens,
// Developer API, v1alpha): a server holding the real API key creates a
// short-lived token and hands it to a browser or device, which connects to
// the Live API with it; the key itself never leaves the server.
//
//   genai::CreateAuthTokenConfig cfg;
//   cfg.uses = 1;
//   cfg.expire_time = "2026-12-03T19:00:00Z";
//   cfg.live_connect_constraints = genai::LiveConnectConstraints{"gemini-live-2.5-flash-preview", {}};
//   genai::AuthToken token = client.auth_tokens().create(cfg).value();
//   // elsewhere: a client of the token, which can only open Live sessions
//   genai::ClientOptions o;
//   o.api_key = *token.name;                      // "auth_tokens/..."
//   auto live = genai::Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
//
// The token's name is a credential: it is redacted in logs and errors.
#ifndef GENAI_AUTH_TOKENS_H_
#define GENAI_AUTH_TOKENS_H_

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "genai/live.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai {

namespace internal {
class ApiClient;
}

// The session a token may open: its model and setup are locked (see
// CreateAuthTokenConfig::lock_additional_fields).
struct LiveConnectConstraints {
  std::optional<std::string> model;
  std::optional<LiveConnectConfig> config;
};

struct CreateAuthTokenConfig {
  std::optional<std::string> expire_time;              // RFC 3339; Google's default: 30 minutes
  std::optional<std::string> new_session_expire_time;  // RFC 3339; Google's default: 1 minute
  std::optional<int> uses;                             // sessions the token may open; Google's default: 1
  std::optional<LiveConnectConstraints> live_connect_constraints;
  // nullopt: the whole of live_connect_constraints is locked. Empty: only
  // its fields that are set. Names: those fields and these (generation
  // config fields in python-genai's snake_case, e.g. "temperature").
  std::optional<std::vector<std::string>> lock_additional_fields;
  RequestOptions http_options;  // api_version defaults to v1alpha here
};

struct AuthToken {
  std::optional<std::string> name;  // "auth_tokens/...": the token (a secret)
  std::optional<std::string> expire_time;
  std::optional<std::string> new_session_expire_time;
  std::optional<int> uses;
  Json extra = Json::object();
};

class AuthTokens {
 public:
  explicit AuthTokens(std::shared_ptr<internal::ApiClient> api);
  // POST {base}/v1alpha/auth_tokens. Developer API only.
  Result<AuthToken> create(const CreateAuthTokenConfig& config = {}) const;
  // The same on the client's event loop: a future, or a callback there.
  std::future<Result<AuthToken>> create_async(const CreateAuthTokenConfig& config = {}) const;
  void create_async(const CreateAuthTokenConfig& config, Callback<AuthToken> on_done) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_AUTH_TOKENS_H_
