// The Live API WebSocket's steps before the upgrade: the URL and the proxy
// tunnel (see websocket_tunnel.h).
#include "transport/websocket_tunnel.h"

#include <cstdlib>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

#include "core/base64.h"
#include "core/errors.h"
#include "core/redact.h"

namespace genai::internal {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

}  // namespace

Result<WsUrl> ws_parse_url(const std::string& url) {
  WsUrl u;
  std::string_view rest(url);
  if (rest.rfind("wss://", 0) == 0) {
    u.tls = true;
    rest.remove_prefix(6);
  } else if (rest.rfind("ws://", 0) == 0) {
    rest.remove_prefix(5);
  } else {
    return invalid_argument("the Live API URL " + redact(url) + " is not ws:// or wss://",
                            "Set HttpOptions::base_url to an http(s):// URL; it becomes ws(s):// for the Live API.");
  }
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  u.authority = std::string(authority);
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return invalid_argument("the Live API URL " + redact(url) + " has a bad host");
    if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
    host = host.substr(1, close - 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty()) return invalid_argument("the Live API URL " + redact(url) + " has no host");
  u.host = std::string(host);
  u.port = port.empty() ? (u.tls ? "443" : "80") : std::string(port);
  if (port.empty()) u.authority = authority.front() == '[' ? std::string(authority) : u.host;
  return u;
}

bool ws_is_ip_literal(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

Error ws_connect_timeout_error(const std::string& where, const std::string& step,
                               std::chrono::milliseconds connect_timeout) {
  Error e = transport_error("connecting to " + where + " timed out (" + step + ", HttpOptions::connect_timeout " +
                                std::to_string(connect_timeout.count()) + " ms)",
                            "Check the network and the proxy settings, or raise HttpOptions::connect_timeout.");
  e.status = "DEADLINE_EXCEEDED";
  return e;
}

bool BlockingSteps::run_until(bool& done, Clock::time_point deadline) {
  ioc_.restart();
  while (!done) {
    if (ioc_.run_one_until(deadline) == 0 && Clock::now() >= deadline) return done;
  }
  return true;
}

void BlockingSteps::run_until_done(bool& done) {
  ioc_.restart();
  while (!done && ioc_.run_one() > 0) {
  }
}

std::optional<BlockingSteps::Resolved> BlockingSteps::resolve(const std::string& host, const std::string& port,
                                                              Clock::time_point deadline) {
  tcp::resolver resolver(ioc_);
  bool done = false;
  Resolved out;
  resolver.async_resolve(host, port, [&](beast::error_code e, tcp::resolver::results_type r) {
    out.error = e;
    out.endpoints = std::move(r);
    done = true;
  });
  if (!run_until(done, deadline)) {
    resolver.cancel();
    run_until_done(done);
    return std::nullopt;
  }
  return out;
}

template <class Stream>
Result<void> tunnel_http_connect(Stream& stream, BlockingSteps& steps, const WsUrl& url, const ProxyEndpoint& proxy) {
  const std::string target = url.host.find(':') != std::string::npos ? "[" + url.host + "]:" + url.port
                                                                       : url.host + ":" + url.port;
  http::request<http::empty_body> req{http::verb::connect, target, 11};
  req.set(http::field::host, target);
  if (!proxy.username.empty() || !proxy.password.empty()) {
    std::string credentials = proxy.username + ":" + proxy.password;
    req.set(http::field::proxy_authorization, "Basic " + base64_encode(credentials));
    wipe_secret(credentials);
  }
  if (beast::error_code ec = steps.run([&](auto h) { http::async_write(stream, req, h); })) {
    return transport_error("could not talk to the proxy " + proxy.name + ": " + ec.message());
  }
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a CONNECT answer has no body
  if (beast::error_code ec = steps.run([&](auto h) { http::async_read(stream, buffer, parser, h); })) {
    return transport_error("the proxy " + proxy.name + " gave no usable answer to CONNECT: " + ec.message());
  }
  const unsigned status = parser.get().result_int();
  if (status == 407) {
    return auth_error("the proxy " + proxy.name + " (" + proxy.source + ") refused the connection: HTTP 407 "
                      "Proxy Authentication Required",
                      "Set the proxy's credentials (ProxyOptions.username/password, or user:password@ in the "
                      "proxy URL).");
  }
  if (status / 100 != 2) {
    return transport_error("the proxy " + proxy.name + " refused to connect to " + url.host + ": HTTP " +
                           std::to_string(status),
                           "Check that the proxy allows CONNECT to port " + url.port + ", or set no_proxy.");
  }
  return {};
}
template Result<void> tunnel_http_connect(beast::tcp_stream&, BlockingSteps&, const WsUrl&, const ProxyEndpoint&);
template Result<void> tunnel_http_connect(beast::ssl_stream<EagerTcpStream>&, BlockingSteps&, const WsUrl&,
                                          const ProxyEndpoint&);
template Result<void> tunnel_http_connect(net::ssl::stream<EagerTcpStream>&, BlockingSteps&, const WsUrl&,
                                          const ProxyEndpoint&);

// RFC 1928 (and 1929 for a user name and password): a CONNECT to the
// target, by name for socks5h:// and by a locally resolved address for socks5://.
Result<void> tunnel_socks5(beast::tcp_stream& lowest, BlockingSteps& steps, const WsUrl& url,
                           const ProxyEndpoint& proxy, Clock::time_point deadline,
                           std::chrono::milliseconds connect_timeout) {
  const auto io = [&](std::string out, std::size_t in, std::string& got) -> beast::error_code {
    if (!out.empty()) {
      if (beast::error_code ec = steps.run([&](auto h) { net::async_write(lowest, net::buffer(out), h); })) return ec;
    }
    got.assign(in, '\0');
    if (in == 0) return {};
    return steps.run([&](auto h) { net::async_read(lowest, net::buffer(got), h); });
  };
  const auto fail = [&](const std::string& what) {
    return transport_error("the SOCKS5 proxy " + proxy.name + " (" + proxy.source + ") " + what);
  };
  const bool auth = !proxy.username.empty();
  std::string got;
  if (io(auth ? std::string("\x05\x02\x00\x02", 4) : std::string("\x05\x01\x00", 3), 2, got)) {
    return fail("did not answer the greeting");
  }
  if (got[0] != 5 || static_cast<unsigned char>(got[1]) == 0xff) return fail("accepts none of our methods");
  if (got[1] == 2) {
    if (proxy.username.size() > 255 || proxy.password.size() > 255) return fail("credentials are too long");
    std::string msg = "\x01" + std::string(1, static_cast<char>(proxy.username.size())) + proxy.username +
                      std::string(1, static_cast<char>(proxy.password.size())) + proxy.password;
    const beast::error_code ec = io(msg, 2, got);
    wipe_secret(msg);
    if (ec || got[1] != 0) {
      return auth_error("the SOCKS5 proxy " + proxy.name + " refused the credentials",
                        "Check ProxyOptions.username/password (or user:password@ in the proxy URL).");
    }
  }
  std::string request("\x05\x01\x00", 3);
  if (proxy.scheme == "socks5h" && !ws_is_ip_literal(url.host)) {
    if (url.host.size() > 255) return fail("cannot take a host name this long");
    request += '\x03';
    request += static_cast<char>(url.host.size());
    request += url.host;
  } else {
    std::optional<BlockingSteps::Resolved> r = steps.resolve(url.host, url.port, deadline);
    if (!r) return ws_connect_timeout_error(url.host, "resolving its name", connect_timeout);
    if (r->error || r->endpoints.empty()) {
      return transport_error("could not resolve " + url.host + ": " + r->error.message());
    }
    const net::ip::address a = r->endpoints.begin()->endpoint().address();
    if (a.is_v4()) {
      request += '\x01';
      const auto b = a.to_v4().to_bytes();
      request.append(reinterpret_cast<const char*>(b.data()), b.size());
    } else {
      request += '\x04';
      const auto b = a.to_v6().to_bytes();
      request.append(reinterpret_cast<const char*>(b.data()), b.size());
    }
  }
  const int port = std::atoi(url.port.c_str());
  request += static_cast<char>((port >> 8) & 0xff);
  request += static_cast<char>(port & 0xff);
  if (io(request, 4, got)) return fail("did not answer the CONNECT request");
  if (got[0] != 5 || got[1] != 0) {
    return fail("refused to connect to " + url.host + " (SOCKS reply " +
                std::to_string(static_cast<unsigned char>(got[1])) + ")");
  }
  std::size_t rest = 2;  // the bound port
  if (got[3] == 1) rest += 4;
  else if (got[3] == 4) rest += 16;
  else if (got[3] == 3) {
    std::string len;
    if (io({}, 1, len)) return fail("sent a truncated reply");
    rest += static_cast<unsigned char>(len[0]);
  } else {
    return fail("sent a malformed reply");
  }
  if (io({}, rest, got)) return fail("sent a truncated reply");
  return {};
}

}  // namespace genai::internal
