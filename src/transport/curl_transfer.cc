#include "transport/curl_transfer.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "core/errors.h"
#include "core/redact.h"
#include "core/url.h"

#ifndef GENAI_VERSION_STRING
#define GENAI_VERSION_STRING "0.0.0"
#endif

namespace genai::internal {
namespace {

// on_body's cold path, when `n` more bytes would pass the limit.
size_t refuse_body(Transfer& t, size_t n) {
  const bool stream_2xx = t.streaming && t.response.status >= 200 && t.response.status < 300;
  if (stream_2xx && !t.stream_buffer.empty()) {
    // One network read brought more than a read() may hand out (curl reads
    // on while data is there): wait for the caller to take what is
    // buffered. curl keeps these bytes and offers them again on unpause.
    t.unclaimed -= n;
    t.paused = true;
    return CURL_WRITEFUNC_PAUSE;
  }
  // Returning less than n fails the transfer with CURLE_WRITE_ERROR, which
  // curl_error reads as over_limit.
  t.over_limit = true;
  return 0;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  // The one check that bounds memory, on decoded bytes (curl decompresses
  // before this callback).
  t->unclaimed += n;
  if (t->unclaimed > t->limit) return refuse_body(*t, n);
  (t->streaming ? t->stream_buffer : t->response.body).append(data, n);
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

constexpr size_t kMaxBodyReserve = 16u << 20;

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  std::string_view line = trim(std::string_view(data, n));
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line (after 100 Continue or a redirect) starts a new header block.
    t->response.headers.clear();
    t->response.headers.reserve(8);
    t->headers_done = false;
    const size_t sp = line.find(' ');
    int status = 0;
    if (sp != std::string_view::npos) {
      const std::string_view code = line.substr(sp + 1, 3);
      std::from_chars(code.data(), code.data() + code.size(), status);
    }
    t->response.status = status;
  } else if (line.empty()) {
    if (t->response.status >= 200) t->headers_done = true;
  } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
    const std::string_view name = trim(line.substr(0, colon));
    const std::string_view value = trim(line.substr(colon + 1));
    if (t->response.status >= 200 && t->request.method != "HEAD" && equals_ignoring_case(name, "Content-Length")) {
      size_t length = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), length).ec == std::errc()) {
        t->content_length = length;
        // One allocation for the whole body instead of doubling through it; a
        // size claimed beyond kMaxBodyReserve is not trusted that far.
        if (!t->streaming) t->response.body.reserve(std::min({length, kMaxBodyReserve, t->limit}));
      }
    }
    t->response.headers.emplace_back(std::string(name), std::string(value));
  }
  return n;
}

// host:port of a request URL: the URL may carry a query string, and only
// its host part belongs in an error.
std::string server_name(const std::string& url) {
  char* host = nullptr;
  CURLU* u = curl_url();
  std::string where = "the server";
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
    where = host;
    char* port = nullptr;
    if (curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
      where += std::string(":") + port;
      curl_free(port);
    }
    curl_free(host);
  }
  curl_url_cleanup(u);
  return where;
}

// "the proxy 10.0.0.1:3128 (from ProxyOptions.https)": host and port only,
// never the credentials a proxy URL may carry.
std::string proxy_label(const std::optional<ProxyUse>& via) {
  if (!via) return "the proxy";
  const bool socks = via->scheme.rfind("socks", 0) == 0;
  return std::string(socks ? "the SOCKS proxy " : "the proxy ") + via->name + " (from " + via->source + ")";
}

// The failures that are the proxy's, named so a user looks at the proxy and
// not at Google. nullopt: not a proxy failure.
std::optional<Error> proxy_failure(const Transfer& t, CURLcode code, const ProxyUse& via, const std::string& where,
                                   const std::string& detail, long connect_code) {
  const std::string proxy = proxy_label(via);
  const std::string check = "Check " + via.source + ", or bypass the proxy for this host with no_proxy.";
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
      return transport_error("could not resolve " + proxy + " (" + detail + ")",
                             "Check the proxy's host name and your DNS. " + check);
    case CURLE_COULDNT_CONNECT:
      return transport_error("could not connect to " + proxy + " on the way to " + where + " (" + detail + ")",
                             "Check that the proxy is running and reachable at that address. " + check);
    case CURLE_PROXY: {  // SOCKS: the handshake failed; curl says in which way
      long why = CURLPX_OK;
      curl_easy_getinfo(t.easy.get(), CURLINFO_PROXY_ERROR, &why);
      if (why == CURLPX_USER_REJECTED || why == CURLPX_NO_AUTH) {
        return auth_error(proxy + " refused the credentials given, or needs some (" + detail + ")",
                          "Give the proxy's username and password: HttpOptions::proxy username/password, or "
                          "user:password@ in the proxy URL of " +
                              via.source + ".");
      }
      return transport_error(proxy + " could not open a connection to " + where + " (" + detail + ")", check);
    }
    default:
      break;
  }
  if (connect_code >= 300) {
    return transport_error(proxy + " refused to open a tunnel to " + where + " (HTTP " +
                               std::to_string(connect_code) + ")",
                           "The proxy may not allow this host or port; ask its administrator. " + check);
  }
  if (via.scheme == "https" && (code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION)) {
    return transport_error("TLS with " + proxy + " failed: " + detail,
                           "Check that the proxy speaks TLS on that port (else use an http:// proxy URL), and "
                           "pass its CA file (HttpOptions::ca_bundle) if it has its own. " + check);
  }
  return std::nullopt;
}

}  // namespace

void configure_handle(CURL* h, const TransportOptions& options, CURLSH* share) {
  curl_easy_setopt(h, CURLOPT_SHARE, share);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_bundle.c_str());
  // An https:// proxy is verified like the server (a corporate proxy's CA is
  // usually the one in ca_bundle).
  curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_PROXY_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_bundle.empty()) curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, options.ca_bundle.c_str());
  // A proxy's answer to CONNECT ("HTTP/1.1 200 Connection established") is
  // not the server's: on_header would take its empty line for the end of
  // the response headers.
  curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  // Redirects are not followed: a Google API never redirects, and following
  // one could send credentials to another host.
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  const std::string& agent = options.user_agent;
  curl_easy_setopt(h, CURLOPT_USERAGENT, agent.empty() ? "genai-cpp/" GENAI_VERSION_STRING : agent.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
}

void configure_transfer(Transfer& t, const TransportOptions& options, const ProxyConfig& proxy) {
  CURL* h = t.easy.get();
  const HttpRequest& r = t.request;
  curl_easy_setopt(h, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, t.error_buffer);

  // The proxy depends on the request's scheme, so it is set for every
  // request (this handle may have served the other scheme). Null hands the
  // choice back to libcurl, which reads the environment.
  t.proxy = &proxy;
  const ProxyRoute* route = proxy.route_for(r.url);
  curl_easy_setopt(h, CURLOPT_PROXY, route ? route->url.c_str() : nullptr);
  curl_easy_setopt(h, CURLOPT_NOPROXY, proxy.no_proxy ? proxy.no_proxy->c_str() : nullptr);
  const std::string& proxy_user = proxy.username_for(route);
  const std::string& proxy_password = proxy.password_for(route);
  const bool proxy_credentials = !proxy_user.empty() || !proxy_password.empty();
  curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, proxy_credentials ? proxy_user.c_str() : nullptr);
  curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, proxy_credentials ? proxy_password.c_str() : nullptr);

  t.limit = options.max_response_bytes > 0 ? options.max_response_bytes : SIZE_MAX;
  t.unclaimed = 0;
  t.over_limit = false;
  t.paused = false;
  // A Content-Length past the limit is refused before the body is read. Not
  // for streams: a 2xx stream is bounded per read() and per event instead.
  const bool whole_body = !t.streaming && r.method != "HEAD" && options.max_response_bytes > 0;
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(whole_body ? std::min<size_t>(t.limit, INT64_MAX) : 0));

  const auto connect = r.connect_timeout.count() > 0 ? r.connect_timeout : options.connect_timeout;
  t.effective_timeout = r.timeout.count() > 0 ? r.timeout : options.timeout;
  if (r.deadline && !t.streaming) {
    // curl's total timeout is the one bound a trickling server cannot
    // stretch. A stream's deadline may move (HttpStream::set_deadline), so
    // CurlStream checks it itself instead. Rounded up, so that curl gives
    // up at the deadline, not just before it; at least 1 ms: 0 means none.
    const auto left = std::max(std::chrono::milliseconds{1}, std::chrono::ceil<std::chrono::milliseconds>(
                                                                 *r.deadline - std::chrono::steady_clock::now()));
    if (t.effective_timeout.count() == 0 || left < t.effective_timeout) t.effective_timeout = left;
  }
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(t.effective_timeout.count()));

  // Every method option is set each time: the handle may come from a
  // transfer with another method.
  if (r.method == "GET" || r.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, nullptr);  // (makes the method POST: HTTPGET undoes that)
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1));
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h, CURLOPT_NOBODY, r.method == "HEAD" ? 1L : 0L);
  } else {
    curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, r.method == "POST" ? nullptr : r.method.c_str());
  }
  curl_slist* list = nullptr;
  std::string line;  // one buffer for every "name: value" (curl copies each)
  for (const auto& [name, value] : r.headers) {
    line.assign(name).append(": ").append(value);
    list = curl_slist_append(list, line.c_str());
  }
  wipe_secret(line);  // the last line may hold the key or token
  // libcurl adds "Expect: 100-continue" to large bodies, costing a round trip.
  list = curl_slist_append(list, "Expect:");
  t.headers.reset(list);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  t.started = std::chrono::steady_clock::now();
  trace_request(options, t);
}

void forget_transfer(CURL* h) {
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, nullptr);
}

Error proxy_auth_error(const Transfer& t) {
  const std::optional<ProxyUse> via = t.proxy ? proxy_for(*t.proxy, t.request.url) : std::nullopt;
  const std::string source = via ? via->source : "the proxy settings";
  return auth_error(proxy_label(via) + " answered 407 Proxy Authentication Required on the way to " +
                        server_name(t.request.url) + ": it needs credentials, or refused the ones given",
                    "Give the proxy's username and password: HttpOptions::proxy username/password, or "
                    "user:password@ in the proxy URL of " + source + ".");
}

Error stream_deadline_passed(const Transfer& t) {
  return transport_error("the stream from " + server_name(t.request.url) + " passed its deadline while waiting for " +
                             (t.headers_done ? "more of its body" : "the response headers"),
                         "Retry; if it persists, the server, a proxy or the network is too slow.");
}

Error curl_error(const Transfer& t, CURLcode code) {
  if (t.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
    return response_too_large("the response from " + server_name(t.request.url) +
                                  (t.over_limit ? " (counted after decompression)" : ""),
                              t.response.status, t.limit,
                              t.over_limit ? t.unclaimed : t.content_length, !t.over_limit,
                              "HttpOptions::max_response_bytes");
  }
  std::string detail = t.error_buffer[0] ? std::string(t.error_buffer) : std::string(curl_easy_strerror(code));
  const std::string where = server_name(t.request.url);
  long connect_code = 0;  // the proxy's answer to CONNECT, if there was one
  curl_easy_getinfo(t.easy.get(), CURLINFO_HTTP_CONNECTCODE, &connect_code);
  if (connect_code == 407) return proxy_auth_error(t);
  if (const std::optional<ProxyUse> via = t.proxy ? proxy_for(*t.proxy, t.request.url) : std::nullopt) {
    if (std::optional<Error> e = proxy_failure(t, code, *via, where, detail, connect_code)) return std::move(*e);
  }
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return transport_error("could not resolve " + where + " (" + detail + ")",
                             "Check the host name, your DNS, and the proxy variables (https_proxy, no_proxy).");
    case CURLE_COULDNT_CONNECT:
      return transport_error("could not connect to " + where + " (" + detail + ")",
                             "Check that the server is running and reachable, and the proxy settings.");
    case CURLE_OPERATION_TIMEDOUT:
      return transport_error("the request to " + where + " timed out after " +
                                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    std::chrono::steady_clock::now() - t.started)
                                                    .count()) +
                                 " ms (" + detail + ")",
                             "Retry, or raise the timeout (HttpOptions::timeout).");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
      return transport_error("TLS with " + where + " failed: " + detail,
                             "If a corporate proxy re-signs TLS, pass its CA file (HttpOptions::ca_bundle); "
                             "otherwise check the system CA store (ca-certificates) and the clock.");
    case CURLE_ABORTED_BY_CALLBACK:
      return cancelled_error();
    default:
      return transport_error("the connection to " + where + " failed: " + detail,
                             "Retry; if it persists check the network and proxy settings.");
  }
}

Result<HttpResponse> finish_transfer(Transfer& t, CURLcode code) {
  if (code != CURLE_OK) return curl_error(t, code);
  long status = 0;
  curl_easy_getinfo(t.easy.get(), CURLINFO_RESPONSE_CODE, &status);
  t.response.status = static_cast<int>(status);
  if (t.response.status == 407) return proxy_auth_error(t);
  return std::move(t.response);
}

void trace_request(const TransportOptions& options, const Transfer& t) {
  if (!options.trace) return;
  const HttpRequest& r = t.request;
  options.trace(redact("> " + r.method + " " + r.url));
  if (const std::optional<ProxyUse> via = t.proxy ? proxy_for(*t.proxy, r.url) : std::nullopt) {
    options.trace("> (through " + proxy_label(via) + ")");
  }
  for (const auto& [name, value] : r.headers) options.trace(redact("> " + name + ": " + value));
  if (!r.body.empty()) options.trace("> (" + std::to_string(r.body.size()) + " bytes of body)");
}

void trace_response(const TransportOptions& options, const Transfer& t) {
  if (!options.trace) return;
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t.started).count();
  options.trace("< HTTP " + std::to_string(t.response.status) + " (" + std::to_string(ms) + " ms)");
  for (const auto& [name, value] : t.response.headers) options.trace(redact("< " + name + ": " + value));
}

}  // namespace genai::internal

namespace genai {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (internal::equals_ignoring_case(k, name)) return v;
  }
  return std::nullopt;
}

// The fallback for transports that only buffer: one send_async, the body
// handed on whole.
void HttpTransport::stream_async(HttpRequest request, StreamCallbacks callbacks, std::chrono::milliseconds delay) {
  send_async(
      std::move(request),
      [callbacks = std::move(callbacks)](Result<HttpResponse> r) {
        if (r && r->status >= 200 && r->status < 300 && !r->body.empty()) {
          Result<Deadline> go_on = callbacks.on_data(std::move(r->body));
          r->body.clear();
          if (!go_on) return callbacks.done(std::move(go_on).error());
        }
        callbacks.done(std::move(r));
      },
      delay);
}

}  // namespace genai
