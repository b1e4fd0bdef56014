// Internal, for websocket.cc only (it includes Beast, which compiles slowly):
// the steps of opening a Live API WebSocket before its upgrade, each run to
// completion on the calling thread under the connect deadline: the URL, and
// the tunnel through a proxy (HTTP CONNECT with Basic credentials, over TCP
// or over TLS with an https:// proxy, or SOCKS5 with a user name and
// password, RFC 1928/1929).
#ifndef GENAI_SRC_TRANSPORT_WEBSOCKET_TUNNEL_H_
#define GENAI_SRC_TRANSPORT_WEBSOCKET_TUNNEL_H_

#include <chrono>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "genai/result.h"
#include "transport/eager_stream.h"
#include "transport/proxy.h"

namespace genai::internal {

struct WsUrl {
  bool tls = false;
  std::string host;       // without brackets
  std::string port;
  std::string authority;  // host[:port] as the Host header and CONNECT carry it
  std::string target;     // path and query
};

// A ws:// or wss:// URL, split; an invalid_argument Error naming it otherwise.
Result<WsUrl> ws_parse_url(const std::string& url);
bool ws_is_ip_literal(const std::string& host);

// connect_timeout passed during `step` (DEADLINE_EXCEEDED, naming the setting).
Error ws_connect_timeout_error(const std::string& where, const std::string& step,
                               std::chrono::milliseconds connect_timeout);

// Runs asynchronous steps one at a time on the calling thread, before the
// connection is shared with other threads.
class BlockingSteps {
 public:
  using Clock = std::chrono::steady_clock;
  explicit BlockingSteps(boost::asio::io_context& ioc) : ioc_(ioc) {}
  boost::asio::io_context& context() { return ioc_; }

  // One step to completion: `start(handler)` begins it. The tcp_stream's
  // expiry (or the WebSocket's timer) bounds it.
  template <class Start>
  boost::beast::error_code run(Start&& start) {
    bool done = false;
    boost::beast::error_code result;
    start([&](boost::beast::error_code ec, auto&&...) {
      result = ec;
      done = true;
    });
    run_until_done(done);
    return result;
  }

  // One handler at a time until `done` or `deadline` (a work guard keeps the
  // context from ever running out of work, so run_until would wait out the
  // whole deadline). False: the deadline passed first.
  bool run_until(bool& done, Clock::time_point deadline);
  void run_until_done(bool& done);

  // DNS for host:port, bounded by `deadline` (the resolver has no timer of
  // its own): the lookup's error and addresses, or nullopt when the
  // deadline passed first.
  struct Resolved {
    boost::beast::error_code error;
    boost::asio::ip::tcp::resolver::results_type endpoints;
  };
  std::optional<Resolved> resolve(const std::string& host, const std::string& port, Clock::time_point deadline);

 private:
  boost::asio::io_context& ioc_;
};

// CONNECT url's host:port through `proxy` on `stream`, already connected to
// it: the TCP stream (http:// proxy) or the TLS stream with the proxy
// (https:// proxy, Beast's or Asio's); each is instantiated in
// websocket_tunnel.cc.
template <class Stream>
Result<void> tunnel_http_connect(Stream& stream, BlockingSteps& steps, const WsUrl& url, const ProxyEndpoint& proxy);
extern template Result<void> tunnel_http_connect(boost::beast::tcp_stream&, BlockingSteps&, const WsUrl&,
                                                 const ProxyEndpoint&);
extern template Result<void> tunnel_http_connect(boost::beast::ssl_stream<EagerTcpStream>&, BlockingSteps&,
                                                 const WsUrl&, const ProxyEndpoint&);
extern template Result<void> tunnel_http_connect(boost::asio::ssl::stream<EagerTcpStream>&, BlockingSteps&,
                                                 const WsUrl&, const ProxyEndpoint&);
// The same through a SOCKS5 proxy: by name for socks5h://, by a locally
// resolved address for socks5://.
Result<void> tunnel_socks5(boost::beast::tcp_stream& lowest, BlockingSteps& steps, const WsUrl& url,
                           const ProxyEndpoint& proxy, std::chrono::steady_clock::time_point deadline,
                           std::chrono::milliseconds connect_timeout);

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_WEBSOCKET_TUNNEL_H_
