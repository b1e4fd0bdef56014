// Test support: a scripted WebSocket server (Boost.Beast) on 127.0.0.1
// (ephemeral port) standing in for the Live API. Each accepted connection
// runs the next script (the last one repeats), which reads what the client
// sends and answers as the test wants, well or badly: oversize frames, bad
// JSON, drops mid-session, silence (no reads, so no pongs), a refused
// upgrade with Google's error body, or TLS with a self-signed certificate.
//
//   LiveTestServer server({[](LiveTestServer::Connection& c) {
//     auto setup = c.receive();                 // {"setup": {...}}
//     c.send(R"({"setupComplete":{}})");
//     c.receive();                              // the client's turn
//     c.send(R"({"serverContent":{"turnComplete":true}})");
//   }});
//   opts.http_options.base_url = server.base_url();
#ifndef GENAI_TESTS_SUPPORT_LIVE_TEST_SERVER_H_
#define GENAI_TESTS_SUPPORT_LIVE_TEST_SERVER_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/loopback_server.h"

namespace genai::testing {

class LiveTestServer {
 public:
  struct Options {
    bool tls = false;  // wss:// with a fresh self-signed certificate for 127.0.0.1
    // Answer the upgrade with this status and body instead of 101 (0: accept).
    int refuse_status = 0;
    std::string refuse_body;
  };

  // The server's side of one connection, for a script.
  class Connection {
   public:
    struct Impl;
    explicit Connection(Impl* impl) : impl_(impl) {}
    std::string target() const;  // the upgrade request's path and query
    std::optional<std::string> header(const std::string& name) const;  // of the upgrade request
    // The next message from the client (text or binary); nullopt once it
    // closed or dropped the connection. Answers pings while it waits.
    std::optional<std::string> receive();
    bool send(const std::string& text);
    bool send_binary(const std::string& bytes);
    void close(int code = 1000, const std::string& reason = {});
    void drop();  // the TCP connection cut without a close frame
    // One text message (ws:// only, under 64 KiB) written as `pieces` writes
    // `gap` apart: a slow peer.
    bool send_slowly(const std::string& text, int pieces, std::chrono::milliseconds gap);
    // Waits (reading nothing, so answering no pings) until the client is
    // gone or the server stops.
    void go_silent();

   private:
    Impl* impl_;
  };
  using Script = std::function<void(Connection&)>;

  explicit LiveTestServer(std::vector<Script> scripts) : LiveTestServer(std::move(scripts), Options()) {}
  LiveTestServer(std::vector<Script> scripts, Options options);
  ~LiveTestServer();

  std::string base_url() const;  // http:// or https://127.0.0.1:PORT
  int port() const { return server_.port(); }
  int connections() const { return connections_.load(); }
  // The PEM of the TLS certificate (a CA bundle that trusts this server).
  std::string certificate_file() const { return cert_file_; }
  // Every client message received, in order, across connections.
  std::vector<std::string> received() const;
  void stop() { server_.stop(); }

 private:
  void handle(int fd, const std::atomic<bool>& stopping);

  std::vector<Script> scripts_;
  Options options_;
  std::string cert_pem_, key_pem_, cert_file_;
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<std::string> received_;
  LoopbackServer server_;  // last: its threads use the members above
};

// TLS in front of a plain TCP port on 127.0.0.1, with a fresh self-signed
// certificate: an https:// proxy made from an HttpProxy (TlsFront(proxy.port())).
// Each connection is decrypted and relayed to the inner port.
class TlsFront {
 public:
  explicit TlsFront(int inner_port);
  ~TlsFront();
  std::string url() const { return "https://127.0.0.1:" + std::to_string(server_.port()); }
  std::string certificate_pem() const { return cert_pem_; }
  int connections() const { return connections_.load(); }

 private:
  void handle(int fd, const std::atomic<bool>& stopping);

  int inner_port_;
  std::string cert_pem_, key_pem_;
  std::atomic<bool> ready_{false};
  std::atomic<int> connections_{0};
  LoopbackServer server_;  // last: its threads use the members above
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_LIVE_TEST_SERVER_H_
