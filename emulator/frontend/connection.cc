// FrontDoorServer (connection.h): the connection loop that routes a
// connection to the REST API or to the Live API's WebSocket.
#include "emulator/frontend/connection.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "emulator/frontend/live_socket.h"

namespace genai::emulator {
namespace {

int poll_for(int fd, short events, long timeout_ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, static_cast<int>(timeout_ms));
    if (r < 0 && errno == EINTR) continue;
    return r;
  }
}

void endpoint_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                     : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (r != 0) return;
  char host[NI_MAXHOST];
  char serv[NI_MAXSERV];
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(serv);
  }
}

// cpp-httplib's Stream over a socket, starting with bytes already read from
// it; reads are buffered (cpp-httplib reads a request's head a byte at a
// time) and every wait is bounded by the server's read and write timeouts.
class BufferedSocketStream : public httplib::Stream {
 public:
  BufferedSocketStream(int fd, std::string pending, long read_timeout_ms, long write_timeout_ms)
      : fd_(fd), buf_(std::move(pending)), read_ms_(read_timeout_ms), write_ms_(write_timeout_ms) {}

  bool buffered() const { return pos_ < buf_.size(); }

  bool is_readable() const override { return buffered() || poll_for(fd_, POLLIN, read_ms_) > 0; }

  bool is_writable() const override {
    if (poll_for(fd_, POLLOUT, write_ms_) <= 0) return false;
    // Alive unless the peer closed: nothing to read, or something to read.
    if (poll_for(fd_, POLLIN, 0) == 0) return true;
    char c;
    return ::recv(fd_, &c, 1, MSG_PEEK) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (!buffered()) {
      if (!is_readable()) return -1;
      if (size >= kBufferSize) return recv_some(ptr, size);
      buf_.resize(kBufferSize);
      pos_ = 0;
      const ssize_t n = recv_some(buf_.data(), buf_.size());
      if (n <= 0) {
        buf_.clear();
        return n;
      }
      buf_.resize(static_cast<size_t>(n));
    }
    const size_t n = std::min(size, buf_.size() - pos_);
    std::memcpy(ptr, buf_.data() + pos_, n);
    pos_ += n;
    if (pos_ == buf_.size()) {
      buf_.clear();
      pos_ = 0;
    }
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    for (;;) {
      const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { endpoint_of(fd_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { endpoint_of(fd_, false, ip, port); }
  socket_t socket() const override { return fd_; }

 private:
  static constexpr size_t kBufferSize = 4096;

  ssize_t recv_some(char* ptr, size_t size) {
    for (;;) {
      const ssize_t n = ::recv(fd_, ptr, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n;
    }
  }

  int fd_;
  std::string buf_;
  size_t pos_ = 0;
  long read_ms_;
  long write_ms_;
};

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

}  // namespace

bool FrontDoorServer::wait_for_request(httplib::Stream& strm, bool buffered) const {
  if (buffered) return true;
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  // In short steps, so that a stopping server is noticed within 100 ms.
  while (svr_sock_ != INVALID_SOCKET) {
    const int r = poll_for(strm.socket(), POLLIN, 100);
    if (r < 0) return false;
    if (r > 0) return true;
    if (clock::now() >= deadline) return false;
  }
  return false;
}

bool FrontDoorServer::process_and_close_socket(socket_t sock) {
  // Enough of the first request to tell a Live API upgrade ("GET /ws/")
  // from anything else, within the keep-alive timeout.
  std::string head;
  // "GET /ws/" (after any number of slashes: the official SDKs join a base
  // URL that ends in "/" with "/ws/...").
  constexpr size_t kDecide = 64;
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::seconds(std::max<time_t>(1, keep_alive_timeout_sec_));
  while (head.size() < kDecide && head.find('\n') == std::string::npos) {
    if (svr_sock_ == INVALID_SOCKET || clock::now() >= deadline) {
      close_socket(sock);
      return false;
    }
    const int r = poll_for(sock, POLLIN, 100);
    if (r < 0) {
      close_socket(sock);
      return false;
    }
    if (r == 0) continue;
    char buf[4096];
    const ssize_t n = ::recv(sock, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close_socket(sock);
      return false;
    }
    head.append(buf, static_cast<size_t>(n));
  }
  if (is_live_request_line(head)) {
    serve_live_connection(sock, std::move(head), env_);  // closes sock
    return true;
  }
  const long read_ms = static_cast<long>(read_timeout_sec_ * 1000 + read_timeout_usec_ / 1000);
  const long write_ms = static_cast<long>(write_timeout_sec_ * 1000 + write_timeout_usec_ / 1000);
  BufferedSocketStream strm(sock, std::move(head), read_ms, write_ms);
  // cpp-httplib's keep-alive loop: at most keep_alive_max_count_ requests,
  // the last answered with "Connection: close".
  bool ret = false;
  for (size_t count = keep_alive_max_count_; svr_sock_ != INVALID_SOCKET && count > 0; --count) {
    if (!wait_for_request(strm, strm.buffered())) break;
    bool connection_closed = false;
    ret = process_request(strm, count == 1, connection_closed, nullptr);
    if (!ret || connection_closed) break;
  }
  close_socket(sock);
  return ret;
}

}  // namespace genai::emulator
