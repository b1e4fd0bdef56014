// Internal: the one object every service (models, files, ...) sends requests
// through. It owns the resolved configuration and the credentials, builds
// URLs and headers, and hands each request to the one Pipeline
// (transport/pipeline.h), which authorizes, retries and maps errors.
#ifndef GENAI_SRC_CLIENT_API_CLIENT_H_
#define GENAI_SRC_CLIENT_API_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genai/auth/credentials.h"
#include "genai/client.h"
#include "genai/http.h"
#include "genai/operations.h"
#include "genai/options.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "core/json_types.h"
#include "transport/pipeline.h"

namespace genai::internal {

// A call's JSON body: a DOM, serialized when the request is built, or text
// already written (the hot path's bodies, written without a DOM), which the
// call takes. Neither: no body (GET, DELETE).
struct JsonBody {
  const nlohmann::json* dom = nullptr;
  std::string* text = nullptr;

  JsonBody() = default;
  JsonBody(std::nullptr_t) {}                            // NOLINT: as the pointer it stands for
  JsonBody(const nlohmann::json* body) : dom(body) {}  // NOLINT: ditto
  static JsonBody written(std::string& text) {
    JsonBody b;
    b.text = &text;
    return b;
  }
};

// How ApiClient::send_raw sends a request. `also_ok`: as Pipeline::send
// (Cloud Storage's 308 Resume Incomplete). `retry` false sends one attempt
// only: a resumable upload's chunk, which the caller resumes from the
// server's offset instead of sending it again blindly.
struct RawSend {
  int also_ok = 0;
  bool retry = true;
};

class ApiClient {
 public:
  ApiClient(ClientConfig config, HttpOptions http_options, std::shared_ptr<Credentials> credentials,
            std::shared_ptr<HttpTransport> transport);

  const ClientConfig& config() const { return config_; }
  const HttpOptions& http_options() const { return http_options_; }

  // The URL of `path` under the base URL and API version (the call's, else
  // the client's). `path` is relative, e.g. "models/gemini-2.5-flash:generateContent".
  std::string url(std::string_view path, const RequestOptions& options = {}) const;

  // For Vertex AI: prefixes "projects/{p}/locations/{l}/" unless the resource
  // already starts with "projects/" or express mode is used.
  std::string resource_path(std::string_view resource) const;

  // The credential's headers for a connection the pipeline does not carry
  // (the Live API's WebSocket), fetched now (a token refreshed if due); empty
  // without a credential.
  Result<HttpHeaders> auth_headers() const;
  // The x-goog-api-client value every request carries.
  const std::string& api_client_header() const { return api_client_header_; }

  // Sends a JSON request through the pipeline and returns the 2xx answer as
  // received (read_answer() reads it). `body` may be null for GET/DELETE.
  // `options` (the call's config.http_options) overrides the client's
  // settings for this call.
  Result<HttpResponse> call(std::string_view method, std::string_view path, JsonBody body,
                            const RequestOptions& options = {});

  // A GET whose answer is not JSON (a downloaded file): the body as received.
  Result<std::string> download(std::string_view path, const RequestOptions& options = {});

  // Opens a server-sent-event stream: retried (as call() is) until its first
  // event has arrived and is not an error, never after.
  Result<std::unique_ptr<HttpStream>> open_stream(std::string_view method, std::string_view path, JsonBody body,
                                                  const RequestOptions& options = {});

  // A request to another Google API at a full URL (Cloud Storage), sent as
  // every call is: the client's credential, headers, timeouts and retries
  // (this call's `options` over the client's), as `how` says.
  Result<HttpResponse> send_raw(HttpRequest request, const RequestOptions& options, RawSend how = {});
  // As send_raw, for a body read as it arrives (a download); retried until
  // the headers of a 2xx answer have arrived, never after.
  Result<std::unique_ptr<HttpStream>> open_raw(HttpRequest request, const RequestOptions& options);
  // open_raw on the event loop: the 2xx body's bytes to `on_bytes` as they
  // arrive (an Error stops the transfer), then `done` once; both on the loop
  // thread, or `done` at once on the caller's when the call's headers are
  // refused. Retried until the first bytes arrive, never after (a download
  // resumes with a Range request instead); HttpOptions::stream_idle_timeout
  // bounds each wait for more.
  void open_raw_async(HttpRequest request, const RequestOptions& options,
                      std::function<Result<void>(std::string bytes)> on_bytes,
                      std::function<void(Result<void>)> done);
  // send_raw on the event loop, sent after `delay`: `done` runs there, or at
  // once on the caller's thread when the call's headers are refused.
  void send_raw_async(HttpRequest request, const RequestOptions& options,
                      std::function<void(Result<HttpResponse>)> done, RawSend how = {},
                      std::chrono::milliseconds delay = std::chrono::milliseconds{0});
  // Whether `url`, which a server named for the next request (the Files
  // API's upload URL), may be sent the credentials: only when it is on the
  // client's base URL (or the call's), so a server naming another host does
  // not get them.
  Result<void> check_named_url(const std::string& url, const RequestOptions& options = {}) const;

  // call() on the transport's event loop, with retries scheduled on the same
  // loop, sent after `delay`. `done` runs on the loop thread, or at once on
  // the caller's when the body cannot be sent (not UTF-8).
  void call_async(std::string_view method, std::string_view path, JsonBody body, const RequestOptions& options,
                  std::function<void(Result<HttpResponse>)> done,
                  std::chrono::milliseconds delay = std::chrono::milliseconds{0});

  // open_stream() on the event loop: each event's data to `on_event` (an
  // Error stops the stream), then `done` once; both on the loop thread, or
  // `done` at once on the caller's when the body cannot be sent. The
  // client's max_event_bytes and stream_idle_timeout apply.
  void stream_async(std::string_view method, std::string_view path, JsonBody body,
                    const RequestOptions& options, std::function<Result<void>(std::string data)> on_event,
                    std::function<void(Result<void>)> done);

 private:
  // The request as sent: URL, headers and timeout from the client's options
  // and this call's, and `body` (if any) with the call's extra_body merged in,
  // serialized by dump_request_body.
  Result<HttpRequest> build_request(std::string_view method, std::string_view path, JsonBody body,
                                    const RequestOptions& options) const;
  // A request to a full URL (send_raw, open_raw) made ready to send: the
  // call's headers checked, and the client's and the call's settings on it.
  Result<void> prepare_raw(HttpRequest& request, const RequestOptions& options) const;
  // The client's pipeline, or one with this call's retry policy and deadline.
  Pipeline pipeline_for(const RequestOptions& options) const;
  // pipeline_for, with one attempt only unless `how.retry`.
  Pipeline raw_pipeline(const RequestOptions& options, RawSend how) const;

  ClientConfig config_;
  HttpOptions http_options_;
  std::shared_ptr<const Authorizer> authorizer_;  // null without a credential
  Pipeline pipeline_;
  std::string api_client_header_;
};

// One call of a service, described once and run either way: what to send
// (`body` null for GET/DELETE) and how to read the 2xx answer. Each public
// method builds its Request once and hands it to run() (blocking) or
// run_async() (the client's event loop), so the two forms of a method cannot
// drift apart.
template <typename T>
struct Request {
  std::string method;
  std::string path;
  std::optional<nlohmann::json> body;
  std::function<Result<T>(nlohmann::json)> parse;
  // For the answers on the hot path: reads the 2xx answer's bytes without
  // building nlohmann's DOM, taking them when it succeeds. nullopt (bytes
  // untouched) when it is not sure: `parse` then reads the answer and gives
  // the answer or the exact error.
  std::optional<Result<T>> (*read_fast)(std::string& body) = nullptr;
  // For the bodies on the hot path: the body's text, written without a DOM,
  // when `body` is nullopt (a JSON body is never empty text).
  std::string written_body = {};
};

// What a call sends for `request` (a Request, or any call that holds its
// body the same way): run() and run_async() send a Request's.
template <typename R>
JsonBody body_of(R& request) {
  if (request.body) return &*request.body;
  return request.written_body.empty() ? JsonBody() : JsonBody::written(request.written_body);
}

// The typed answer of `request` from its HTTP answer: read_fast when it is
// sure, else the JSON parse and `parse`.
template <typename T>
Result<T> read_answer(const Request<T>& request, Result<HttpResponse> response) {
  if (!response) return std::move(response).error();
  if (request.read_fast) {
    if (std::optional<Result<T>> fast = request.read_fast(response->body)) return std::move(*fast);
  }
  Result<nlohmann::json> answer = json_from_response(*response);
  if (!answer) return std::move(answer).error();
  return request.parse(std::move(*answer));
}

// The parse of a call whose 2xx answer carries nothing to keep (delete, cancel).
inline Result<void> ignore_answer(nlohmann::json) { return {}; }

// One page of a list answer: the array `member`, each item made by
// `from(json)`, and nextPageToken; `what` names the call in a parse error.
template <typename T, typename From>
Result<Page<T>> parse_list_page(nlohmann::json resp, const char* what, const char* member, const From& from) {
  return parse_guarded<Page<T>>(what, resp, [&] {
    Page<T> page;
    if (auto it = resp.find(member); it != resp.end() && it->is_array()) {
      for (nlohmann::json& item : *it) page.items.push_back(from(std::move(item)));
    }
    page.next_page_token = optional_string(resp, "nextPageToken").value_or("");
    return page;
  });
}

template <typename T>
Result<T> run(ApiClient& api, Result<Request<T>> request, const RequestOptions& options) {
  if (!request) return std::move(request).error();
  return read_answer(*request, api.call(request->method, request->path, body_of(*request), options));
}

// `done` runs once: on the event loop, or at once on the caller's thread for
// an error found before sending.
template <typename T>
void run_async(ApiClient& api, Result<Request<T>> request, const RequestOptions& options,
               std::function<void(Result<T>)> done, std::chrono::milliseconds delay = std::chrono::milliseconds{0}) {
  if (!request) return done(std::move(request).error());
  // The callback keeps how to read the answer; what to send stays here.
  Request<T> reader{{}, {}, std::nullopt, std::move(request->parse), request->read_fast};
  api.call_async(
      request->method, request->path, body_of(*request), options,
      [reader = std::move(reader), done = std::move(done)](Result<HttpResponse> response) {
        done(read_answer(reader, std::move(response)));
      },
      delay);
}

// A list method's Pager: `page(token)` describes the request for one page
// (`first_token`, the config's page_token, stands for the first page's
// empty token), run() by next_page() and run_async() by next_page_async().
template <typename T>
Pager<T> request_pager(std::shared_ptr<ApiClient> api, RequestOptions options, std::string first_token,
                       std::function<Result<Request<Page<T>>>(const std::string& token)> page) {
  auto describe = std::make_shared<std::function<Result<Request<Page<T>>>(const std::string&)>>(
      [first_token = std::move(first_token), page = std::move(page)](const std::string& token) {
        return page(token.empty() ? first_token : token);
      });
  return Pager<T>([api, options, describe](const std::string& token) { return run(*api, (*describe)(token), options); },
                  [api, options, describe](const std::string& token, std::function<void(Result<Page<T>>)> done) {
                    run_async(*api, (*describe)(token), options, std::move(done));
                  });
}

// The future form of a callback-taking call: `start(done)` begins the call.
template <typename T, typename Start>
std::future<Result<T>> future_of(Start&& start) {
  auto promise = std::make_shared<std::promise<Result<T>>>();
  std::future<Result<T>> future = promise->get_future();
  start([promise](Result<T> r) { promise->set_value(std::move(r)); });
  return future;
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_API_CLIENT_H_
