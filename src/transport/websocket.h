// Internal: one WebSocket connection (RFC 6455 by Boost.Beast over Boost.Asio,
// TLS by OpenSSL) for the Live API. Beast stays in websocket.cc: it compiles
// slowly, and nothing above the transport layer needs to see it.
//
// The connection follows the client's HttpOptions as the curl transport does:
// TLS verified by default (peer, host name, SNI), HttpOptions::ca_bundle
// instead of the system store when set, connect_timeout for DNS + TCP + proxy
// + TLS + upgrade, and the proxy that proxy_endpoint_for() (the one proxy
// decision, shared with the curl transport's messages) names: an http://
// proxy by CONNECT with Basic credentials, or socks5:// / socks5h://.
//
//   WebSocketOptions o;
//   o.url = "wss://generativelanguage.googleapis.com/ws/...";
//   o.headers = {{"x-goog-api-key", key}};
//   auto ws = open_websocket(o);            // connected and upgraded
//   ws.value()->send(R"({"setup":{...}})");
//   auto msg = ws.value()->receive();       // the next message, blocking
#ifndef GENAI_SRC_TRANSPORT_WEBSOCKET_H_
#define GENAI_SRC_TRANSPORT_WEBSOCKET_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "genai/http.h"
#include "genai/result.h"

namespace genai::internal {

struct WebSocketOptions {
  std::string url;      // ws:// or wss://
  HttpHeaders headers;  // on the upgrade request (credentials too: never traced unredacted)
  std::string user_agent;
  std::chrono::milliseconds connect_timeout{10'000};  // everything up to the upgrade's answer
  bool verify_tls = true;
  std::string ca_bundle;  // PEM file used instead of the system store; empty: the system's
  ProxyOptions proxy;     // empty fields: the environment, as libcurl reads it
  // The largest message the peer may send; a bigger one ends the connection
  // with an error naming the limit. 0: no limit.
  std::size_t max_message_bytes = std::size_t{64} << 20;
  // Keepalive: with no frame from the peer for half of this, a ping is sent;
  // with none for all of it, the connection is given up as dead (a
  // kTransport error from receive()). 0: no keepalive.
  std::chrono::milliseconds keepalive_timeout{0};
  // send() queues and returns; the queue is written in order by whichever
  // thread runs the connection. With this many bytes queued and unwritten
  // (a peer that reads nothing, or a caller faster than the network), send()
  // waits for room, at most write_timeout (0: forever). A failed write is
  // reported by the next send(), and the connection's end by receive().
  std::size_t send_buffer_bytes = std::size_t{1} << 20;
  std::chrono::milliseconds write_timeout{60'000};
  std::function<void(std::string_view line)> trace;  // lines already redacted
};

class WebSocket {
 public:
  virtual ~WebSocket() = default;
  // Queues one text message for sending (see send_buffer_bytes). Thread-safe:
  // messages go out in the order of the calls. Not to be called from inside
  // the connection's own handlers (it would wait on itself when the queue is
  // full).
  virtual Result<void> send(std::string text) = 0;
  // The next message (text or binary), blocking until one arrives, the
  // connection ends, or `deadline` (nullopt: none) passes (a kTransport
  // timeout; the connection stays usable). nullopt: the peer closed the
  // connection normally (code 1000) or close() was called. A close with
  // another code is an Error carrying the code (http_status) and reason.
  virtual Result<std::optional<std::string>> receive(
      std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) = 0;
  // Closes gracefully (a close frame, bounded wait) and stops the covering
  // thread.
  // Thread-safe; makes a blocked receive() return nullopt.
  virtual void close() = 0;
};

// Connects and upgrades. A refused upgrade (not 101) is an Error made by
// `refused` from the answer (its status, headers and body), so the caller
// maps Google's error body as it maps any HTTP error.
Result<std::unique_ptr<WebSocket>> open_websocket(const WebSocketOptions& options,
                                                  const std::function<Error(const HttpResponse&)>& refused);

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_WEBSOCKET_H_
