// Test support: proxies on 127.0.0.1 (ephemeral ports) that record what
// they saw and forward to the real server (e.g. the in-process emulator):
//  - HttpProxy: an HTTP forward proxy (absolute-form requests for http://
//    URLs, CONNECT tunnels for https://), optionally demanding Basic
//    credentials with 407;
//  - Socks5Proxy: SOCKS5 (RFC 1928, CONNECT only) with no authentication or
//    username/password (RFC 1929).
// Fixtures, not products: enough protocol for libcurl, nothing more.
//
//   HttpProxy proxy("bob:secret");
//   opts.http_options.proxy.http = proxy.url();
//   ... proxy.seen()[0].request_line == "POST http://127.0.0.1:PORT/v1beta/... HTTP/1.1"
#ifndef GENAI_TESTS_SUPPORT_TEST_PROXIES_H_
#define GENAI_TESTS_SUPPORT_TEST_PROXIES_H_

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/loopback_server.h"

namespace genai::testing {

class HttpProxy {
 public:
  struct Request {
    std::string request_line;  // e.g. "GET http://127.0.0.1:8080/v1beta/models HTTP/1.1"
    std::optional<std::string> proxy_authorization;  // the header's value, as sent
  };

  // `credentials` ("user:password"): required, else 407. Empty: none required.
  explicit HttpProxy(std::string credentials = "");
  std::string url() const { return server_.url(); }
  int port() const { return server_.port(); }
  std::vector<Request> seen() const;
  void stop() { server_.stop(); }

 private:
  void handle(int fd, const std::atomic<bool>& stopping);

  std::string credentials_;
  mutable std::mutex mu_;
  std::vector<Request> seen_;
  LoopbackServer server_;  // last: its threads use the members above
};

class Socks5Proxy {
 public:
  struct Connection {
    std::string username;  // empty without authentication
    std::string password;
    std::string target;    // host:port as the client asked for it
    bool by_name = false;  // the client sent a host name (socks5h), not an address
  };

  // A username makes the proxy demand RFC 1929 credentials and refuse others.
  explicit Socks5Proxy(std::string username = "", std::string password = "");
  // socks5h:// (names resolved by the proxy) or socks5:// (by the client).
  std::string url(bool remote_dns) const {
    return std::string(remote_dns ? "socks5h" : "socks5") + "://127.0.0.1:" + std::to_string(server_.port());
  }
  std::vector<Connection> seen() const;
  void stop() { server_.stop(); }

 private:
  void handle(int fd, const std::atomic<bool>& stopping);

  std::string username_;
  std::string password_;
  mutable std::mutex mu_;
  std::vector<Connection> seen_;
  LoopbackServer server_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_TEST_PROXIES_H_
