#include "auth/authorizer.h"

#include <chrono>

namespace genai::internal {

std::shared_ptr<const Authorizer> make_authorizer(std::shared_ptr<Credentials> credentials) {
  if (!credentials) return nullptr;
  // A key or a fixed token is the same on the next attempt: a 401 with one is final.
  const CredentialKind kind = credentials->kind();
  const bool refreshable = kind != CredentialKind::kApiKey && kind != CredentialKind::kAccessToken;
  Authorizer a;
  a.headers = [credentials]() { return credentials->authorization_headers(std::chrono::system_clock::now()); };
  a.unauthorized = [credentials, refreshable](const HttpRequest& refused) {
    // A 401 with a token that looked valid (revoked, or the server's clock
    // ahead): drop it and try once more with a new one, as google-auth's
    // transports do. Only that token is dropped: threads refused together
    // then share one exchange.
    if (!refreshable) return false;
    credentials->unauthorized(refused.headers);
    return true;
  };
  return std::make_shared<const Authorizer>(std::move(a));
}

}  // namespace genai::internal
