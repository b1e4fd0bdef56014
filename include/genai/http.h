// The HTTP transport seam: libgenai speaks to the network only through
// genai::HttpTransport. The default is libcurl (make_curl_transport); tests and
// unusual stacks can inject their own.
//
// An HTTP error status (404, 503, ...) is a *successful* transport call: the
// transport returns the response, and the client layer maps it to a
// genai::Error. Only a failure to get a response at all (DNS, connect, TLS,
// timeout, reset, cancelled) is a transport error.
//
//   auto t = genai::make_curl_transport({});
//   genai::HttpRequest req{"GET", "http://127.0.0.1:8080/v1beta/models", {}, ""};
//   genai::Result<genai::HttpResponse> r = t->send(req);
#ifndef GENAI_HTTP_H_
#define GENAI_HTTP_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "genai/result.h"

namespace genai {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; nullopt if absent.
std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;
  std::string body;
  // Per-request overrides; 0 means "use the transport's default".
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds connect_timeout{0};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
  std::optional<std::string> header(std::string_view name) const { return find_header(headers, name); }
};

// A response whose body is read incrementally, as the server sends it. Created
// by HttpTransport::open_stream once the status line and headers have arrived.
// Not thread-safe; destroying it (or calling cancel()) aborts the transfer.
class HttpStream {
 public:
  virtual ~HttpStream() = default;
  virtual int status() const = 0;
  virtual const HttpHeaders& headers() const = 0;
  // Blocks until more body bytes arrive. Returns the bytes (never empty), or
  // std::nullopt at the clean end of the body, or an Error (kTransport for a
  // cut connection or timeout, kCancelled after cancel()).
  virtual Result<std::optional<std::string>> read() = 0;
  // Thread-safe: makes a blocked or later read() return kCancelled promptly.
  virtual void cancel() = 0;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // One request, body buffered. Thread-safe.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
  // One request whose response body is read as it arrives. Thread-safe.
  virtual Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& request) = 0;
  // Starts a request and returns at once; `done` runs exactly once, on the
  // transport's event-loop thread, after `delay` plus the transfer. Keep
  // `done` short: it blocks every other transfer of this transport.
  using Callback = std::function<void(Result<HttpResponse>)>;
  virtual void send_async(HttpRequest request, Callback done,
                          std::chrono::milliseconds delay = std::chrono::milliseconds{0}) = 0;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{0};  // total per request; 0 = none
  bool verify_tls = true;
  std::string ca_bundle;                 // extra CA file; empty = system store
  // Proxies come from the usual environment variables (https_proxy,
  // HTTPS_PROXY, http_proxy, no_proxy ...), as libcurl reads them.
  std::string user_agent;                // empty = "genai-cpp/<version>"
  // Concurrent connections to one host for send_async; further requests
  // queue inside libcurl and reuse these connections (HTTP/2 multiplexes
  // them over one).
  long max_connections_per_host = 16;
  // Called with each request/response line for --verbose tracing. Headers and
  // URLs passed here are already redacted.
  std::function<void(std::string_view line)> trace;
};

// libcurl: HTTP/2 where offered (ALPN), keep-alive connection reuse across
// calls and threads, one curl-multi event loop thread for send_async.
std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options);

}  // namespace genai

#endif  // GENAI_HTTP_H_
