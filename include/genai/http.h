// The HTTP transport seam: libgenai speaks to the network only through
// genai::HttpTransport. The default is libcurl (make_curl_transport); tests and
// unusual stacks can inject their own.
//
// An HTTP error status (404, 503, ...) is a *successful* transport call: the
// transport returns the response, and the client layer maps it to a
// genai::Error. Only a failure to get a response at all (DNS, connect, TLS,
// timeout, reset, cancelled), a proxy's refusal (407: an AuthError naming the
// proxy) and a body past max_response_bytes are errors of the transport.
//
//   auto t = genai::make_curl_transport({});
//   genai::HttpRequest req{"GET", "http://127.0.0.1:8080/v1beta/models", {}, ""};
//   genai::Result<genai::HttpResponse> r = t->send(req);
#ifndef GENAI_HTTP_H_
#define GENAI_HTTP_H_

#include <chrono>
#include <cstddef>
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
  // The latest moment this attempt may run to (the call's deadline, set by
  // libgenai's request pipeline from HttpOptions::deadline): the transport
  // fails it with a kTransport timeout once it passes, however slowly bytes
  // keep arriving. For a stream it bounds the wait for the headers and every
  // read() until HttpStream::set_deadline moves it. nullopt: none.
  std::optional<std::chrono::steady_clock::time_point> deadline;
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
  // Replaces the request's deadline for the reads to come: read() fails with
  // a kTransport timeout once `deadline` passes (nullopt: no bound). A
  // reader that knows where the units of a stream end (SSE events) moves it
  // after each one, so a server trickling bytes that never complete one is
  // cut off. A transport of the application's own may ignore it.
  virtual void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) { (void)deadline; }
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // One request, body buffered. Thread-safe.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
  // One request whose response body is read as it arrives. Thread-safe.
  virtual Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& request) = 0;
  // Starts a request and returns at once; `done` runs exactly once, on the
  // transport's event-loop thread, after `delay` plus the transfer (or at
  // once on the calling thread when the transport's options are unusable,
  // e.g. a bad proxy URL). Keep `done` short: it blocks every other transfer
  // of this transport.
  using Callback = std::function<void(Result<HttpResponse>)>;
  virtual void send_async(HttpRequest request, Callback done,
                          std::chrono::milliseconds delay = std::chrono::milliseconds{0}) = 0;

  // A streamed response on the event loop: many streams in flight need no
  // thread each. Both callbacks run on the event-loop thread.
  //  - on_data: the bytes of a 2xx body, in order, as they arrive. It
  //    returns the deadline for the bytes still to come (the transfer fails
  //    with a kTransport timeout once it passes; nullopt: no bound), or an
  //    Error that stops the transfer (`done` then gets that Error). Until
  //    the first call, HttpRequest::deadline bounds the wait.
  //  - done: exactly once, at the end: for a 2xx answer its status and
  //    headers (the body went to on_data); for any other status the whole
  //    answer, body included; or the Error that ended the transfer.
  // The default, for a transport of the application's own, is send_async
  // with the whole body handed to on_data at the end: correct, not
  // incremental. make_curl_transport's streams are incremental.
  using Deadline = std::optional<std::chrono::steady_clock::time_point>;
  struct StreamCallbacks {
    std::function<Result<Deadline>(std::string bytes)> on_data;
    Callback done;
  };
  virtual void stream_async(HttpRequest request, StreamCallbacks callbacks,
                            std::chrono::milliseconds delay = std::chrono::milliseconds{0});
};

// The proxies of one client, for programs that cannot or should not set the
// process environment (the official SDKs take proxies only from it).
//
// Precedence, field by field: a field that is set wins over its environment
// variables; a field left empty falls back to them, read by libcurl exactly as
// without ProxyOptions: http_proxy (lowercase only) for http:// URLs,
// https_proxy / HTTPS_PROXY for https:// URLs, then ALL_PROXY / all_proxy,
// and no_proxy / NO_PROXY. So the default (all empty) is the environment's
// behaviour, unchanged.
//
//   genai::ProxyOptions p;
//   p.https = "http://proxy.corp:3128";   // or socks5h://127.0.0.1:1080 ...
//   p.no_proxy = "localhost,.internal,10.0.0.0/8";
//   p.username = "me"; p.password = read_secret();
struct ProxyOptions {
  // The proxy for http:// and for https:// request URLs: "http://host:port",
  // "https://host:port" (TLS to the proxy), "socks5://host:port" (names
  // resolved here) or "socks5h://host:port" (names resolved by the proxy).
  // A URL may carry credentials (http://user:pass@host:3128); they are never
  // printed, and username/password below win over them.
  std::string http;
  std::string https;
  // Hosts that bypass the proxies, in curl's syntax: comma-separated host
  // names (a name also matches its subdomains; a leading dot is optional),
  // IP addresses, CIDR ranges (10.0.0.0/8), or "*" for every host (so "*"
  // turns proxies off, the environment's included).
  std::string no_proxy;
  // Credentials for the proxy (HTTP Basic, or SOCKS5 username/password).
  // The password is a secret: redacted everywhere, wiped by the transport
  // when it is destroyed. Empty: the credentials in the proxy URL, if any.
  std::string username;
  std::string password;
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{0};  // total per request; 0 = none
  bool verify_tls = true;                // also for an https:// proxy
  std::string ca_bundle;                 // extra CA file, also for an https:// proxy; empty = system store
  ProxyOptions proxy;                    // empty: the proxy environment variables
  // The most body bytes one response may bring, counted after decompression
  // (a small gzip body can expand without limit). Past it the call fails with
  // an Error naming the limit (not retried: it would happen again); a
  // Content-Length above it is refused before the body is read. For a
  // streamed 2xx response it bounds what one read() may hand out (each
  // event is bounded by the SSE parser instead; the stream as a whole is
  // not, since a long answer is legitimate). 0: no limit. See HttpOptions.
  std::size_t max_response_bytes = std::size_t{256} << 20;
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
