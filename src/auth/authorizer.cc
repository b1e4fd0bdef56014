#include "auth/authorizer.h"

#include <chrono>

namespace genai::internal {

std::shared_ptr<const Authorizer> make_authorizer(std::shared_ptr<Credentials> credentials) {
  if (!credentials) return nullptr;
  const bool refreshable = credentials->kind() != "api_key";
  Authorizer a;
  a.headers = [credentials]() { return credentials->authorization_headers(std::chrono::system_clock::now()); };
  a.unauthorized = [credentials, refreshable](const HttpRequest&) {
    // A 401 with a token that looked valid (revoked, or the server's clock
    // ahead): drop it and try once more with a new one, as google-auth's
    // transports do.
    if (!refreshable) return false;
    credentials->invalidate();
    return true;
  };
  return std::make_shared<const Authorizer>(std::move(a));
}

}  // namespace genai::internal
