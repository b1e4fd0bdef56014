// authorized_user files (gcloud auth application-default login): the
// refresh_token grant at the file's token_uri.
#include "core/redact.h"
#include "auth/key_files.h"
#include "auth/token_credentials.h"
#include "auth/token_request.h"

namespace genai {
namespace internal {
namespace {

class AuthorizedUserCredentials final : public TokenCredentials {
 public:
  AuthorizedUserCredentials(AuthorizedUserInfo info, CredentialsOptions options)
      : TokenCredentials(std::move(options)), info_(std::move(info)) {
    set_quota_project(info_.quota_project_id);
  }
  ~AuthorizedUserCredentials() override {
    internal::wipe_secret(info_.refresh_token);
    internal::wipe_secret(info_.client_secret);
  }

  CredentialKind kind() const override { return CredentialKind::kAuthorizedUser; }
  std::string describe() const override {
    return info_.account.empty() ? "user credentials (OAuth client " + info_.client_id + ")" : "user " + info_.account;
  }

 private:
  Result<AccessToken> fetch_token(Clock::time_point now) override {
    HttpRequest req;
    req.method = "POST";
    req.url = info_.token_uri;
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    std::vector<std::pair<std::string, std::string>> form = {{"grant_type", "refresh_token"},
                                                             {"client_id", info_.client_id},
                                                             {"client_secret", info_.client_secret},
                                                             {"refresh_token", info_.refresh_token}};
    if (!options().scopes.empty()) form.emplace_back("scope", scopes());
    req.body = form_encode(form);
    const std::string what = "the token endpoint " + info_.token_uri + " (user credentials)";
    return send_token_request(*pipeline(), std::move(req), what,
                              [&](const nlohmann::json& body) { return parse_oauth_token(body, now, what); });
  }

  AuthorizedUserInfo info_;
};

}  // namespace

Result<std::shared_ptr<Credentials>> authorized_user_from_json(const nlohmann::json& j, const std::string& where,
                                                              CredentialsOptions options) {
  Result<AuthorizedUserInfo> info = parse_authorized_user(j, where);
  if (!info) return std::move(info).error();
  return std::shared_ptr<Credentials>(std::make_shared<AuthorizedUserCredentials>(std::move(*info), std::move(options)));
}

}  // namespace internal

Result<std::shared_ptr<Credentials>> make_authorized_user_credentials(std::string_view json, CredentialsOptions options) {
  Result<nlohmann::json> j = internal::parse_credentials_json(json, "the authorized_user credentials");
  if (!j) return std::move(j).error();
  return internal::authorized_user_from_json(*j, "the authorized_user credentials", std::move(options));
}

}  // namespace genai
