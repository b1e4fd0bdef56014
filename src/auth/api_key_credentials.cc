// API-key credentials: the key travels only in the x-goog-api-key header,
// never in a URL (where proxies and server logs would keep it).
#include "core/redact.h"
#include "genai/auth/credentials.h"

namespace genai {
namespace {

class ApiKeyCredentials final : public Credentials {
 public:
  explicit ApiKeyCredentials(std::string key) : key_(std::move(key)) {}
  ~ApiKeyCredentials() override {
    // Do not leave the key in freed memory.
    internal::wipe_secret(key_);
  }

  Result<HttpHeaders> authorization_headers(std::chrono::system_clock::time_point) override {
    return HttpHeaders{{"x-goog-api-key", key_}};
  }
  CredentialKind kind() const override { return CredentialKind::kApiKey; }
  std::string describe() const override { return "API key " + internal::mask_secret(key_); }

 private:
  std::string key_;
};

}  // namespace

std::shared_ptr<Credentials> make_api_key_credentials(std::string api_key) {
  return std::make_shared<ApiKeyCredentials>(std::move(api_key));
}

}  // namespace genai
