// Internal: the one object every service (models, files, ...) sends requests
// through. It owns the resolved configuration and the credentials, builds
// URLs and headers, and hands each request to the one Pipeline
// (transport/pipeline.h), which authorizes, retries and maps errors.
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
#include "transport/pipeline.h"

namespace genai::internal {

class ApiClient {
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

  // Sends a JSON request through the pipeline and returns the parsed JSON
  // body. `body` may be null for GET/DELETE.
  Result<nlohmann::json> call(std::string_view method, std::string_view path, const nlohmann::json* body);

  // A GET whose answer is not JSON (a downloaded file): the body as received.
  Result<std::string> download(std::string_view path);

  // Opens a server-sent-event stream: retried (as call() is) until its first
  // event has arrived and is not an error, never after.
  Result<std::unique_ptr<HttpStream>> open_stream(std::string_view method, std::string_view path,
                                                  const nlohmann::json& body);

  // call() on the transport's event loop, with retries scheduled on the same
  // loop. `done` runs on the loop thread, or at once on the caller's when the
  // body cannot be sent (not UTF-8).
  void call_async(std::string_view method, std::string_view path, const nlohmann::json& body,
                  std::function<void(Result<nlohmann::json>)> done);

 private:
  HttpRequest build_request(std::string_view method, std::string_view path, std::string body) const;
  // With `body` (if any) serialized by dump_request_body.
  Result<HttpRequest> build_request(std::string_view method, std::string_view path, const nlohmann::json* body) const;

  ClientConfig config_;
  HttpOptions http_options_;
  std::shared_ptr<const Authorizer> authorizer_;  // null without a credential
  Pipeline pipeline_;
  std::string api_client_header_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_API_CLIENT_H_
