#include "client/api_client.h"

#include "auth/authorizer.h"
#include "client/config.h"
#include "core/errors.h"
#include "core/json_dump.h"
#include "core/json_parse.h"
#include "core/redact.h"
#include "core/url.h"

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

std::string ApiClient::url(std::string_view path, const RequestOptions& options) const {
  std::string out = options.base_url.empty() ? config_.base_url : options.base_url;
  while (!out.empty() && out.back() == '/') out.pop_back();
  out += '/';
  out += options.api_version.empty() ? config_.api_version : options.api_version;
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

namespace {

// python-genai's recursive_dict_update: an object's members are merged one by
// one, anything else replaces.
void merge_extra_body(json& into, const json& extra) {
  if (!into.is_object() || !extra.is_object()) {
    into = extra;
    return;
  }
  for (const auto& [key, value] : extra.items()) merge_extra_body(into[key], value);
}

// Sets `name` to `value`, replacing a header of the same name.
void set_header(HttpHeaders& headers, const std::string& name, const std::string& value) {
  for (auto& header : headers) {
    if (equals_ignoring_case(header.first, name)) {
      header.second = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

}  // namespace

Result<HttpRequest> ApiClient::build_request(std::string_view method, std::string_view path, JsonBody body,
                                             const RequestOptions& options) const {
  if (config_.ephemeral_token) {
    return invalid_argument("a client created with an ephemeral token (auth_tokens/...) can only open Live API "
                            "sessions (client.live())",
                            "Use an API key for other calls; ephemeral tokens are for Live sessions from devices.");
  }
  if (!options.base_url.empty()) {
    if (std::optional<Error> bad = base_url_problem(options.base_url, "this call's http_options")) return *bad;
  }
  if (!options.extra_body.is_null() && !options.extra_body.is_object()) {
    return invalid_argument(std::string("http_options.extra_body must be a JSON object (it is merged into the "
                                        "request's), not ") + options.extra_body.type_name(),
                            "Wrap the fields in an object, e.g. {\"generationConfig\": {\"newField\": 1}}.");
  }
  if (!options.headers.empty()) {
    if (std::optional<Error> bad = header_problem(options.headers, "this call's http_options.headers")) return *bad;
  }
  HttpRequest req;
  req.method = std::string(method);
  if (body.dom || body.text) {
    Result<std::string> text = [&]() -> Result<std::string> {
      if (options.extra_body.is_null()) {
        if (body.text) return std::move(*body.text);
        return dump_request_body(*body.dom);
      }
      json merged = body.text ? parse_json(*body.text) : *body.dom;
      merge_extra_body(merged, options.extra_body);
      return dump_request_body(merged);
    }();
    if (!text) return std::move(text).error();
    req.body = std::move(*text);
  }
  req.url = url(path, options);
  req.headers.reserve(6 + http_options_.headers.size() + options.headers.size());
  if (!req.body.empty()) req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("x-goog-api-client", api_client_header_);
  const std::chrono::milliseconds timeout = options.timeout.value_or(http_options_.timeout);
  if (timeout.count() > 0) {
    req.timeout = timeout;
    // Whole seconds, rounded up, as the official SDKs send it.
    req.headers.emplace_back("X-Server-Timeout", std::to_string((timeout.count() + 999) / 1000));
  }
  for (const auto& [name, value] : http_options_.headers) req.headers.emplace_back(name, value);
  for (const auto& [name, value] : options.headers) set_header(req.headers, name, value);
  return req;
}

Pipeline ApiClient::pipeline_for(const RequestOptions& options) const {
  if (!options.retry && !options.deadline) return pipeline_;
  return pipeline_.with(options.retry ? *options.retry : http_options_.retry,
                        options.deadline.value_or(http_options_.deadline));
}

Result<HttpHeaders> ApiClient::auth_headers() const {
  if (!authorizer_ || !authorizer_->headers) return HttpHeaders{};
  return authorizer_->headers();
}

Result<HttpResponse> ApiClient::call(std::string_view method, std::string_view path, JsonBody body,
                                     const RequestOptions& options) {
  Result<HttpRequest> request = build_request(method, path, body, options);
  if (!request) return std::move(request).error();
  return pipeline_for(options).send(std::move(*request), authorizer_.get());
}

Result<std::string> ApiClient::download(std::string_view path, const RequestOptions& options) {
  Result<HttpRequest> request = build_request("GET", path, nullptr, options);
  if (!request) return std::move(request).error();
  Result<HttpResponse> response = pipeline_for(options).send(std::move(*request), authorizer_.get());
  if (!response) return std::move(response).error();
  return std::move(response->body);
}

namespace {

// The client's and this call's headers and timeout on a request built elsewhere.
void apply_call_settings(HttpRequest& req, const HttpOptions& client, const RequestOptions& options,
                         const std::string& api_client_header) {
  req.headers.emplace_back("x-goog-api-client", api_client_header);
  const std::chrono::milliseconds timeout = options.timeout.value_or(client.timeout);
  if (timeout.count() > 0) req.timeout = timeout;
  for (const auto& [name, value] : client.headers) req.headers.emplace_back(name, value);
  for (const auto& [name, value] : options.headers) set_header(req.headers, name, value);
}

}  // namespace

Result<void> ApiClient::prepare_raw(HttpRequest& request, const RequestOptions& options) const {
  if (!options.headers.empty()) {
    if (std::optional<Error> bad = header_problem(options.headers, "this call's http_options.headers")) return *bad;
  }
  apply_call_settings(request, http_options_, options, api_client_header_);
  return {};
}

Pipeline ApiClient::raw_pipeline(const RequestOptions& options, RawSend how) const {
  if (how.retry) return pipeline_for(options);
  RetryOptions once = options.retry ? *options.retry : http_options_.retry;
  once.attempts = 1;
  return pipeline_.with(once, options.deadline.value_or(http_options_.deadline));
}

Result<HttpResponse> ApiClient::send_raw(HttpRequest request, const RequestOptions& options, RawSend how) {
  if (Result<void> ok = prepare_raw(request, options); !ok) return std::move(ok).error();
  return raw_pipeline(options, how).send(std::move(request), authorizer_.get(), how.also_ok);
}

void ApiClient::send_raw_async(HttpRequest request, const RequestOptions& options,
                               std::function<void(Result<HttpResponse>)> done, RawSend how,
                               std::chrono::milliseconds delay) {
  if (Result<void> ok = prepare_raw(request, options); !ok) return done(std::move(ok).error());
  raw_pipeline(options, how).send_async(std::move(request), authorizer_, std::move(done), delay, how.also_ok);
}

namespace {

// A raw body as a stream's decoder: each piece of bytes, as it arrives, is a unit.
class BytesDecoder : public Pipeline::StreamDecoder {
 public:
  explicit BytesDecoder(std::function<Result<void>(std::string)> on_bytes) : on_bytes_(std::move(on_bytes)) {}
  void restart() override { pieces_ = 0; }
  Result<void> feed(std::string bytes) override {
    if (bytes.empty()) return {};
    ++pieces_;
    return on_bytes_(std::move(bytes));
  }
  int delivered() const override { return pieces_; }
  Result<void> finish() override { return {}; }

 private:
  std::function<Result<void>(std::string)> on_bytes_;
  int pieces_ = 0;
};

}  // namespace

void ApiClient::open_raw_async(HttpRequest request, const RequestOptions& options,
                               std::function<Result<void>(std::string bytes)> on_bytes,
                               std::function<void(Result<void>)> done) {
  if (Result<void> ok = prepare_raw(request, options); !ok) return done(std::move(ok).error());
  pipeline_for(options).stream_async(std::move(request), authorizer_, std::make_shared<BytesDecoder>(std::move(on_bytes)),
                                     http_options_.stream_idle_timeout, std::move(done));
}

Result<std::unique_ptr<HttpStream>> ApiClient::open_raw(HttpRequest request, const RequestOptions& options) {
  if (Result<void> ok = prepare_raw(request, options); !ok) return std::move(ok).error();
  return pipeline_for(options).open_stream(std::move(request), authorizer_.get(),
                                           [](std::unique_ptr<HttpStream> s) { return Result<std::unique_ptr<HttpStream>>(std::move(s)); });
}

Result<std::unique_ptr<HttpStream>> ApiClient::open_stream(std::string_view method, std::string_view path,
                                                           JsonBody body, const RequestOptions& options) {
  Result<HttpRequest> request = build_request(method, path, body, options);
  if (!request) return std::move(request).error();
  const std::size_t max_event_bytes = http_options_.max_event_bytes;
  return pipeline_for(options).open_stream(std::move(*request), authorizer_.get(),
                                           [max_event_bytes](std::unique_ptr<HttpStream> s) {
                                             return start_sse_stream(std::move(s), max_event_bytes);
                                           });
}

Result<void> ApiClient::check_named_url(const std::string& url, const RequestOptions& options) const {
  // Same scheme, host and port as the URL this call would use.
  const std::string base = this->url("", options);
  const auto origin = [](std::string_view u) {
    const size_t scheme = u.find("://");
    const size_t end = scheme == std::string_view::npos ? std::string_view::npos : u.find('/', scheme + 3);
    return std::string(u.substr(0, end));
  };
  if (origin(url) != origin(base)) {
    return unexpected_response("the server named " + redact(url) + " for the next request, which is not on " +
                               origin(base) + "; the request (and the credentials) were not sent there");
  }
  return {};
}

void ApiClient::call_async(std::string_view method, std::string_view path, JsonBody body,
                           const RequestOptions& options, std::function<void(Result<HttpResponse>)> done,
                           std::chrono::milliseconds delay) {
  Result<HttpRequest> request = build_request(method, path, body, options);
  if (!request) return done(std::move(request).error());  // nothing sent: at once, on the caller's thread
  pipeline_for(options).send_async(std::move(*request), authorizer_, std::move(done), delay);
}

void ApiClient::stream_async(std::string_view method, std::string_view path, JsonBody body,
                             const RequestOptions& options, std::function<Result<void>(std::string data)> on_event,
                             std::function<void(Result<void>)> done) {
  Result<HttpRequest> request = build_request(method, path, body, options);
  if (!request) return done(std::move(request).error());  // nothing sent: at once, on the caller's thread
  Pipeline::SseCallbacks callbacks;
  callbacks.max_event_bytes = http_options_.max_event_bytes;
  callbacks.idle = http_options_.stream_idle_timeout;
  callbacks.on_event = std::move(on_event);
  callbacks.done = std::move(done);
  pipeline_for(options).stream_sse_async(std::move(*request), authorizer_, std::move(callbacks));
}

}  // namespace genai::internal

namespace genai {

bool RequestOptions::operator==(const RequestOptions& o) const {
  const auto same_retry = [](const RetryOptions& a, const RetryOptions& b) {
    return a.attempts == b.attempts && a.initial_delay == b.initial_delay && a.max_delay == b.max_delay &&
           a.exp_base == b.exp_base && a.jitter == b.jitter && a.http_status_codes == b.http_status_codes &&
           a.retry_transport_errors == b.retry_transport_errors;
  };
  const bool retries_equal = retry.has_value() == o.retry.has_value() && (!retry || same_retry(*retry, *o.retry));
  return headers == o.headers && base_url == o.base_url && api_version == o.api_version && timeout == o.timeout &&
         deadline == o.deadline && retries_equal && extra_body == o.extra_body;
}

}  // namespace genai
