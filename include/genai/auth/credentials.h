// Credentials: what proves who is calling. A Credentials object turns into the
// HTTP headers of one request (x-goog-api-key, or Authorization: Bearer plus
// x-goog-user-project). Token-based credentials cache their token and refresh
// it before it expires, once for all threads.
//
//   auto creds = genai::make_api_key_credentials(key);
//   genai::ClientOptions opts;
//   opts.credentials = creds;
#ifndef GENAI_AUTH_CREDENTIALS_H_
#define GENAI_AUTH_CREDENTIALS_H_

#include <chrono>
#include <memory>
#include <string>

#include "genai/http.h"
#include "genai/result.h"

namespace genai {

class Credentials {
 public:
  virtual ~Credentials() = default;
  // Headers that authorize one request sent at `now`. Thread-safe. May block
  // to fetch or refresh a token (only one thread fetches; others wait).
  virtual Result<HttpHeaders> authorization_headers(std::chrono::system_clock::time_point now) = 0;
  // "api_key", "service_account", "authorized_user", "metadata_server",
  // "impersonated_service_account", "access_token", ...
  virtual std::string kind() const = 0;
  // Who this is, for humans: an account e-mail or a redacted key. Never a secret.
  virtual std::string describe() const = 0;
};

// A Gemini Developer API key (or a Vertex AI express-mode key). Sent only in
// the x-goog-api-key header, never in a URL.
std::shared_ptr<Credentials> make_api_key_credentials(std::string api_key);

}  // namespace genai

#endif  // GENAI_AUTH_CREDENTIALS_H_
