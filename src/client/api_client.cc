#include "client/api_client.h"

#include <cmath>
#include <thread>

#include "client/config.h"
#include "core/errors.h"
#include "core/json_dump.h"
#include "core/json_parse.h"
#include "transport/retry_policy.h"

#ifndef GENAI_VERSION_STRING
#define GENAI_VERSION_STRING "0.0.0"
#endif

namespace genai::internal {

using nlohmann::json;

ApiClient::ApiClient(ClientConfig config, HttpOptions http_options, std::shared_ptr<Credentials> credentials,
                     std::shared_ptr<HttpTransport> transport)
    : config_(std::move(config)),
      http_options_(std::move(http_options)),
      credentials_(std::move(credentials)),
      transport_(std::move(transport)),
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

Result<HttpRequest> ApiClient::build_request(std::string_view method, std::string_view path, std::string body) {
  HttpRequest req;
  req.method = std::string(method);
  req.url = url(path);
  req.body = std::move(body);
  req.headers.reserve(6 + http_options_.headers.size());
  if (!req.body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("x-goog-api-client", api_client_header_);
  if (http_options_.timeout > 0) {
    req.timeout = std::chrono::milliseconds(http_options_.timeout);
    // Seconds, rounded up, as the official SDKs send it.
    req.headers.emplace_back("X-Server-Timeout", std::to_string((http_options_.timeout + 999) / 1000));
  }
  for (const auto& [name, value] : http_options_.headers) req.headers.emplace_back(name, value);
  if (credentials_) {
    Result<HttpHeaders> auth = credentials_->authorization_headers(std::chrono::system_clock::now());
    if (!auth) return std::move(auth).error();
    for (auto& h : *auth) req.headers.push_back(std::move(h));
  }
  return req;
}

Result<json> json_from_response(const HttpResponse& response) {
  if (response.status < 200 || response.status >= 300) {
    return error_from_http(response.status, response.body, response.header("Retry-After"));
  }
  if (response.body.empty()) return json::object();
  json parsed = parse_json(response.body);
  if (parsed.is_discarded()) {
    Error e = error_from_http(response.status, response.body);
    e.message = "the server answered HTTP " + std::to_string(response.status) +
                " but the body is not valid JSON (" + std::to_string(response.body.size()) + " bytes)";
    e.fix = "Retry; if it persists, check that the base URL points at a Gemini API endpoint.";
    return e;
  }
  return parsed;
}

bool ApiClient::refresh_after_401(const Error& error, bool& refreshed) {
  // A 401 with a token that looked valid (revoked, or the server's clock
  // ahead): drop the token and try once more with a new one, as google-auth's
  // transports do. API keys cannot be refreshed.
  if (refreshed || error.http_status != 401 || !credentials_ || credentials_->kind() == "api_key") return false;
  refreshed = true;
  credentials_->invalidate();
  return true;
}

Result<json> ApiClient::call(std::string_view method, std::string_view path, const json* body) {
  const std::string payload = body ? dump_json(*body) : std::string();
  RetryPolicy policy(http_options_.retry);
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    Result<HttpRequest> req = build_request(method, path, payload);
    if (!req) return std::move(req).error();
    Result<HttpResponse> resp = transport_->send(*req);
    Result<json> result = resp ? json_from_response(*resp) : Result<json>(std::move(resp).error());
    if (result.ok()) return result;
    if (refresh_after_401(result.error(), refreshed)) {
      --attempt;
      continue;
    }
    std::optional<std::chrono::milliseconds> delay = policy.next_delay(attempt, result.error());
    if (!delay) return result;
    std::this_thread::sleep_for(*delay);
  }
}

Result<std::unique_ptr<HttpStream>> ApiClient::open_stream(std::string_view method, std::string_view path,
                                                           const json& body) {
  const std::string payload = dump_json(body);
  RetryPolicy policy(http_options_.retry);
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    Result<HttpRequest> req = build_request(method, path, payload);
    if (!req) return std::move(req).error();
    Result<std::unique_ptr<HttpStream>> stream = transport_->open_stream(*req);
    std::optional<Error> failure;
    if (!stream) {
      failure = std::move(stream).error();
    } else if ((*stream)->status() < 200 || (*stream)->status() >= 300) {
      // An error answer to a streaming request is a plain JSON body (even with
      // Content-Type text/event-stream): read it whole.
      HttpResponse resp;
      resp.status = (*stream)->status();
      resp.headers = (*stream)->headers();
      while (true) {
        Result<std::optional<std::string>> chunk = (*stream)->read();
        if (!chunk || !*chunk) break;
        resp.body += **chunk;
      }
      failure = error_from_http(resp.status, resp.body, resp.header("Retry-After"));
    } else {
      return stream;
    }
    if (refresh_after_401(*failure, refreshed)) {
      --attempt;
      continue;
    }
    std::optional<std::chrono::milliseconds> delay = policy.next_delay(attempt, *failure);
    if (!delay) return std::move(*failure);
    std::this_thread::sleep_for(*delay);
  }
}

struct ApiClient::AsyncCall {
  std::string method;
  std::string path;
  std::string payload;
  std::function<void(Result<json>)> done;
  RetryPolicy policy;
  int attempt = 0;
  bool refreshed = false;
};

void ApiClient::call_async(std::string_view method, std::string_view path, json body,
                           std::function<void(Result<json>)> done) {
  auto call = std::make_shared<AsyncCall>(AsyncCall{std::string(method), std::string(path), dump_json(body),
                                                    std::move(done), RetryPolicy(http_options_.retry), 0, false});
  send_attempt(std::move(call), std::chrono::milliseconds{0});
}

void ApiClient::send_attempt(std::shared_ptr<AsyncCall> call, std::chrono::milliseconds delay) {
  ++call->attempt;
  Result<HttpRequest> req = build_request(call->method, call->path, call->payload);
  if (!req) {
    call->done(std::move(req).error());
    return;
  }
  // The callback may outlive this ApiClient (a user-supplied transport can be
  // shared), so it holds only a weak reference for scheduling retries.
  std::weak_ptr<ApiClient> weak_self = weak_from_this();
  transport_->send_async(
      std::move(*req),
      [weak_self, call](Result<HttpResponse> resp) {
        Result<json> result = resp ? json_from_response(*resp) : Result<json>(std::move(resp).error());
        if (!result.ok()) {
          auto self = weak_self.lock();
          if (self && self->refresh_after_401(result.error(), call->refreshed)) {
            --call->attempt;
            self->send_attempt(call, std::chrono::milliseconds{0});
            return;
          }
          auto next = call->policy.next_delay(call->attempt, result.error());
          if (self && next) {
            self->send_attempt(call, *next);
            return;
          }
        }
        call->done(std::move(result));
      },
      delay);
}

}  // namespace genai::internal
