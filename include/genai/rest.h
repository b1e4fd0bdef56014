// genai::RestClient: authorized JSON calls to any Google REST API (Resource
// Manager, Service Usage, API Keys, IAM, ...) through libgenai's one request
// pipeline, so they get the same credentials, transport (TLS, proxy,
// timeouts, trace), retries and error model as a Gemini call. `genai setup`
// and `genai doctor` are built on it.
//
//   auto creds = genai::find_default_credentials().value().credentials;
//   genai::RestClient rest(creds);
//   genai::Result<nlohmann::json> p =
//       rest.call("GET", "https://cloudresourcemanager.googleapis.com/v3/projects/my-proj");
//   if (!p) std::cerr << p.error().to_string() << "\n";   // Google's error, with a fix
#ifndef GENAI_REST_H_
#define GENAI_REST_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/auth/credentials.h"
#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai {

class RestClient {
 public:
  // `credentials` may be null (unauthenticated calls). `transport` null: a
  // libcurl transport built from `options` (as Client::create builds one).
  explicit RestClient(std::shared_ptr<Credentials> credentials, HttpOptions options = {},
                      std::shared_ptr<HttpTransport> transport = nullptr);
  ~RestClient();
  RestClient(RestClient&&) noexcept;
  RestClient& operator=(RestClient&&) noexcept;

  // Sends `body` (if any; a POST without one sends {}) as JSON to `url`, with
  // HttpOptions::headers, retried per HttpOptions::retry, and returns the JSON
  // answer ({} for an empty one) or Google's error as an Error.
  Result<nlohmann::json> call(std::string_view method, std::string url, const nlohmann::json* body = nullptr) const;

  // POSTs `fields` as an HTML form (application/x-www-form-urlencoded), as
  // OAuth endpoints take a token or a secret: in the body, never in the URL,
  // where logs and proxies would keep it. Otherwise as call().
  Result<nlohmann::json> post_form(std::string url,
                                   const std::vector<std::pair<std::string, std::string>>& fields) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace genai

#endif  // GENAI_REST_H_
