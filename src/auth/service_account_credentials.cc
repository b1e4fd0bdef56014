// Service-account key files: an RS256-signed JWT exchanged at the file's
// token_uri for an access token (RFC 7523), or, with use_self_signed_jwt or a
// non-default universe, the signed JWT itself as the bearer token (AIP-4111).
#include "core/redact.h"
#include "auth/key_files.h"
#include "auth/signer.h"
#include "auth/token_credentials.h"
#include "auth/token_request.h"

namespace genai {
namespace internal {
namespace {

constexpr const char* kJwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::chrono::seconds kJwtLifetime{3600};

class ServiceAccountCredentials final : public TokenCredentials {
 public:
  ServiceAccountCredentials(ServiceAccountInfo info, PrivateKey key, CredentialsOptions options)
      : TokenCredentials(std::move(options)), info_(std::move(info)), key_(std::move(key)) {
    set_quota_project(info_.quota_project_id);
  }
  ~ServiceAccountCredentials() override {
    internal::wipe_secret(info_.private_key);
  }

  CredentialKind kind() const override { return CredentialKind::kServiceAccount; }
  std::string describe() const override { return "service account " + info_.client_email; }
  std::string project_id() const override { return info_.project_id; }

 private:
  bool self_signed() const { return options().use_self_signed_jwt || info_.universe_domain != kDefaultUniverse; }

  nlohmann::json header() const {
    nlohmann::json h = {{"alg", "RS256"}, {"typ", "JWT"}};
    if (!info_.private_key_id.empty()) h["kid"] = info_.private_key_id;
    return h;
  }

  Result<AccessToken> fetch_token(Clock::time_point now) override {
    const long long iat = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    nlohmann::json claims = {{"iss", info_.client_email}, {"scope", scopes()}, {"iat", iat}, {"exp", iat + kJwtLifetime.count()}};
    if (self_signed()) {
      claims["sub"] = info_.client_email;
      Result<std::string> jwt = make_signed_jwt(header(), claims, key_);
      if (!jwt) return std::move(jwt).error();
      return AccessToken{std::move(*jwt), now + kJwtLifetime};
    }
    claims["aud"] = info_.token_uri;
    Result<std::string> assertion = make_signed_jwt(header(), claims, key_);
    if (!assertion) return std::move(assertion).error();
    HttpRequest req;
    req.method = "POST";
    req.url = info_.token_uri;
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    req.body = form_encode({{"grant_type", kJwtBearerGrant}, {"assertion", *assertion}});
    const std::string what = "the token endpoint " + info_.token_uri + " (service account " + info_.client_email + ")";
    return send_token_request(*pipeline(), std::move(req), what,
                              [&](const nlohmann::json& body) { return parse_oauth_token(body, now, what); });
  }

  ServiceAccountInfo info_;
  PrivateKey key_;
};

}  // namespace

Result<std::shared_ptr<Credentials>> service_account_from_json(const nlohmann::json& j, const std::string& where,
                                                              CredentialsOptions options) {
  Result<ServiceAccountInfo> info = parse_service_account(j, where);
  if (!info) return std::move(info).error();
  Result<PrivateKey> key = PrivateKey::from_pem(info->private_key, "the private_key field of " + where);
  if (!key) return std::move(key).error();
  return std::shared_ptr<Credentials>(
      std::make_shared<ServiceAccountCredentials>(std::move(*info), std::move(*key), std::move(options)));
}

}  // namespace internal

Result<std::shared_ptr<Credentials>> make_service_account_credentials(std::string_view key_file_json,
                                                                      CredentialsOptions options) {
  Result<nlohmann::json> j = internal::parse_credentials_json(key_file_json, "the service-account key");
  if (!j) return std::move(j).error();
  return internal::service_account_from_json(*j, "the service-account key", std::move(options));
}

}  // namespace genai
