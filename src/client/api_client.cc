#include "client/api_client.h"

#include "auth/authorizer.h"
#include "client/config.h"
#include "core/json_dump.h"

#ifndef GENAI_VERSION_STRING
#define GENAI_VERSION_STRING "0.0.0"
#endif

namespace genai::internal {

using nlohmann::json;

ApiClient::ApiClient(ClientConfig config, HttpOptions http_options, std::shared_ptr<Credentials> credentials,
                     std::shared_ptr<HttpTransport> transport)
    : config_(std::move(config)),
      http_options_(std::move(http_options)),
      authorizer_(make_authorizer(std::move(credentials))),
      pipeline_(std::move(transport), http_options_.retry, http_options_.deadline),
      api_client_header_(std::string("genai-cpp/") + GENAI_VERSION_STRING + " gl-cpp/" +
                         std::to_string(__cplusplus)) {}

std::string ApiClient::url(std::string_view path) const {
  std::string out = config_.base_url;
  out += '/';
  out += config_.api_version;
  out += '/';
  out += path;
  return out;
}

std::string ApiClient::resource_path(std::string_view resource) const {
  if (!config_.vertexai || config_.express_mode || resource.rfind("projects/", 0) == 0) {
    return std::string(resource);
  }
  return vertex_parent(config_) + std::string(resource);
}

HttpRequest ApiClient::build_request(std::string_view method, std::string_view path, std::string body) const {
  HttpRequest req;
  req.method = std::string(method);
  req.url = url(path);
  req.body = std::move(body);
  req.headers.reserve(6 + http_options_.headers.size());
  if (!req.body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("x-goog-api-client", api_client_header_);
  if (http_options_.timeout.count() > 0) {
    req.timeout = http_options_.timeout;
    // Whole seconds, rounded up, as the official SDKs send it.
    req.headers.emplace_back("X-Server-Timeout", std::to_string((http_options_.timeout.count() + 999) / 1000));
  }
  for (const auto& [name, value] : http_options_.headers) req.headers.emplace_back(name, value);
  return req;
}

namespace {
Result<json> json_result(Result<HttpResponse> response) {
  if (!response) return std::move(response).error();
  return json_from_response(*response);
}
}  // namespace

Result<HttpRequest> ApiClient::build_request(std::string_view method, std::string_view path, const json* body) const {
  if (!body) return build_request(method, path, std::string());
  Result<std::string> text = dump_request_body(*body);
  if (!text) return std::move(text).error();
  return build_request(method, path, std::move(*text));
}

Result<json> ApiClient::call(std::string_view method, std::string_view path, const json* body) {
  Result<HttpRequest> request = build_request(method, path, body);
  if (!request) return std::move(request).error();
  return json_result(pipeline_.send(std::move(*request), authorizer_.get()));
}

Result<std::string> ApiClient::download(std::string_view path) {
  Result<HttpResponse> response = pipeline_.send(build_request("GET", path, std::string()), authorizer_.get());
  if (!response) return std::move(response).error();
  return std::move(response->body);
}

Result<std::unique_ptr<HttpStream>> ApiClient::open_stream(std::string_view method, std::string_view path,
                                                           const json& body) {
  Result<HttpRequest> request = build_request(method, path, &body);
  if (!request) return std::move(request).error();
  const std::size_t max_event_bytes = http_options_.max_event_bytes;
  return pipeline_.open_stream(std::move(*request), authorizer_.get(),
                               [max_event_bytes](std::unique_ptr<HttpStream> s) {
                                 return start_sse_stream(std::move(s), max_event_bytes);
                               });
}

void ApiClient::call_async(std::string_view method, std::string_view path, const json& body,
                           std::function<void(Result<json>)> done) {
  Result<HttpRequest> request = build_request(method, path, &body);
  if (!request) return done(std::move(request).error());  // nothing sent: at once, on the caller's thread
  pipeline_.send_async(std::move(*request), authorizer_,
                       [done = std::move(done)](Result<HttpResponse> response) {
                         done(json_result(std::move(response)));
                       });
}

}  // namespace genai::internal
