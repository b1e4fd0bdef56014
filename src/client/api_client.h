// Internal: the one object every service (models, files, ...) sends requests
// through. It owns the resolved configuration, the transport and the
// credentials, builds URLs and headers, maps HTTP errors to genai::Error and
// retries what is safe to retry.
#ifndef GENAI_SRC_CLIENT_API_CLIENT_H_
#define GENAI_SRC_CLIENT_API_CLIENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genai/auth/credentials.h"
#include "genai/client.h"
#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai::internal {

class ApiClient : public std::enable_shared_from_this<ApiClient> {
 public:
  ApiClient(ClientConfig config, HttpOptions http_options, std::shared_ptr<Credentials> credentials,
            std::shared_ptr<HttpTransport> transport);

  const ClientConfig& config() const { return config_; }
  const HttpOptions& http_options() const { return http_options_; }

  // The URL of `path` under the configured base URL and API version.
  // `path` is relative, e.g. "models/gemini-2.5-flash:generateContent".
  std::string url(std::string_view path) const;

  // For Vertex AI: prefixes "projects/{p}/locations/{l}/" unless the resource
  // already starts with "projects/" or express mode is used.
  std::string resource_path(std::string_view resource) const;

  // Sends a JSON request with retries and returns the parsed JSON body.
  // `body` may be null for GET/DELETE.
  Result<nlohmann::json> call(std::string_view method, std::string_view path, const nlohmann::json* body);

  // Opens a streamed response (retrying until the server starts sending a
  // 2xx body; never after). A non-2xx answer is read fully and returned as an
  // Error.
  Result<std::unique_ptr<HttpStream>> open_stream(std::string_view method, std::string_view path,
                                                  const nlohmann::json& body);

  // Asynchronous call on the transport's event loop, with retries scheduled
  // on the same loop. `done` runs on the loop thread.
  void call_async(std::string_view method, std::string_view path, nlohmann::json body,
                  std::function<void(Result<nlohmann::json>)> done);

 private:
  Result<HttpRequest> build_request(std::string_view method, std::string_view path, std::string body);
  // After a 401: invalidates the credential's token once per call; true if
  // the call should be sent again.
  bool refresh_after_401(const Error& error, bool& refreshed);
  struct AsyncCall;
  void send_attempt(std::shared_ptr<AsyncCall> call, std::chrono::milliseconds delay);

  ClientConfig config_;
  HttpOptions http_options_;
  std::shared_ptr<Credentials> credentials_;
  std::shared_ptr<HttpTransport> transport_;
  std::string api_client_header_;
};

// Maps a completed HTTP response to the parsed JSON body or an Error.
Result<nlohmann::json> json_from_response(const HttpResponse& response);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_API_CLIENT_H_
