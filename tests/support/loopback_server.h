// Test support: a raw TCP server on 127.0.0.1 (ephemeral port) that runs a
// handler per connection, for servers that must misbehave or speak something
// other than HTTP (forward proxies, SOCKS5, endless or enormous bodies).
// cpp-httplib cannot send a body that never ends or lies about its length.
//
//   LoopbackServer s([](int fd, const std::atomic<bool>& stopping) {
//     read_until(fd, "\r\n\r\n");
//     send_all(fd, "HTTP/1.1 204 No Content\r\n\r\n");
//   });
//   ... s.url() ...
//   s.stop();   // also in the destructor: shuts every connection, joins every thread
#ifndef GENAI_TESTS_SUPPORT_LOOPBACK_SERVER_H_
#define GENAI_TESTS_SUPPORT_LOOPBACK_SERVER_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace genai::testing {

class LoopbackServer {
 public:
  // Runs on its own thread per connection. The server closes `fd` after it
  // returns; `stopping` turns true when the test stops the server (a
  // blocked read or write on `fd` then fails at once).
  using Handler = std::function<void(int fd, const std::atomic<bool>& stopping)>;

  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void stop();

 private:
  void accept_loop();

  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::set<int> open_fds_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// Writes all of `data` (no SIGPIPE); false once the peer is gone.
bool send_all(int fd, std::string_view data);
// Reads exactly `n` bytes; nullopt on EOF or error.
std::optional<std::string> read_exact(int fd, size_t n);
// Reads until `delimiter` has arrived (the result may run past it), the peer
// closes, or `max` bytes; nullopt if the delimiter never came.
std::optional<std::string> read_until(int fd, std::string_view delimiter, size_t max = 1 << 20);
// A connected TCP socket to host:port (IPv4; names resolved here), or -1.
int connect_tcp(const std::string& host, int port);
// Copies bytes both ways between `a` and `b` until either side closes or
// `stopping` turns true (checked every 100 ms).
void relay(int a, int b, const std::atomic<bool>& stopping);

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_LOOPBACK_SERVER_H_
