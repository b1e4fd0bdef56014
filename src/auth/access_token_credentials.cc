// A fixed access token (e.g. from `gcloud auth print-access-token`): sent as
// is until it expires, then refused locally rather than sent expired.
#include "auth/token_cache.h"
#include "core/errors.h"
#include "core/redact.h"
#include "genai/auth/credentials.h"

namespace genai {
namespace {

class AccessTokenCredentials final : public Credentials {
 public:
  AccessTokenCredentials(std::string token, std::chrono::system_clock::time_point expiry)
      : token_(std::move(token)), expiry_(expiry) {}
  ~AccessTokenCredentials() override {
    internal::wipe_secret(token_);
  }

  Result<HttpHeaders> authorization_headers(std::chrono::system_clock::time_point now) override {
    if (now + internal::TokenCache::kExpiryMargin >= expiry_) {
      return internal::auth_error("the access token has expired",
                                  "Get a new one (`gcloud auth print-access-token`), or use a key file or ADC, which "
                                  "genai refreshes automatically.");
    }
    return HttpHeaders{{"Authorization", "Bearer " + token_}};
  }
  CredentialKind kind() const override { return CredentialKind::kAccessToken; }
  std::string describe() const override { return "access token " + internal::mask_secret(token_); }

 private:
  std::string token_;
  std::chrono::system_clock::time_point expiry_;
};

}  // namespace

std::shared_ptr<Credentials> make_access_token_credentials(std::string token,
                                                           std::chrono::system_clock::time_point expiry) {
  return std::make_shared<AccessTokenCredentials>(std::move(token), expiry);
}

}  // namespace genai
