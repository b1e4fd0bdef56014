// Internal, for the Live API's WebSocket (websocket.cc and its tunnel): the
// TCP stream at the bottom of the connection, under TLS and the WebSocket.
//
// Why: each message of a live session went through Asio's reactor more often
// than it needed to. Beast reads a frame's header (at most 1.5 KB) and then
// its payload in a second read, and a read or write that the socket
// satisfies at once still hands its result back through the io_context's
// queue, behind the reactor: the next step costs an epoll_wait(0) first.
// Per 38 KB audio message that was two epoll_waits and three recvs, and per
// message sent a sendmsg and an epoll_wait(0). In a VM each system call is
// costly: the kernel's part was about half the CPU of streaming audio.
//
// Once go_eager() is called (after the upgrade), this stream:
//  - reads up to 64 KiB at a time from the socket (one recv for a whole
//    audio message) through the socket's own asynchronous read, and serves
//    the reads above it from that buffer at once, on the calling stack;
//  - writes with one non-blocking send on the calling stack and completes
//    there; only when the socket takes nothing (EAGAIN) does it wait on the
//    reactor.
// So a received message costs an epoll_wait and a recv (plus the recv that
// finds the socket empty when the next read starts), and a sent one a
// sendmsg.
// Callers above it must accept a completion inside their own initiating
// call. Beast's WebSocket, Asio's SSL stream and Asio's composed write do:
// each returns right after starting an operation, and Asio's SSL stream
// defers its own completion with a zero-length read, which this stream
// passes through the io_context. The WebSocket's own handlers in
// websocket.cc loop instead of recursing.
//
// Before go_eager() (connect, proxy tunnel, TLS handshake, upgrade)
// everything goes to the beast::tcp_stream unchanged, under its deadline.
#ifndef GENAI_SRC_TRANSPORT_EAGER_STREAM_H_
#define GENAI_SRC_TRANSPORT_EAGER_STREAM_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace genai::internal {

class EagerTcpStream {
 public:
  using next_layer_type = boost::beast::tcp_stream;
  using lowest_layer_type = boost::asio::ip::tcp::socket;  // as Asio's SSL stream asks
  using executor_type = next_layer_type::executor_type;

  explicit EagerTcpStream(boost::asio::io_context& ioc) : next_(ioc) {}
  EagerTcpStream(EagerTcpStream&&) = default;  // before any operation only (Asio's SSL stream is moved in)

  next_layer_type& next_layer() { return next_; }
  const next_layer_type& next_layer() const { return next_; }
  lowest_layer_type& lowest_layer() { return next_.socket(); }
  const lowest_layer_type& lowest_layer() const { return next_.socket(); }
  executor_type get_executor() { return next_.get_executor(); }

  // From here on, the fast paths above. The socket is made non-blocking for
  // this class's own immediate writes.
  void go_eager() {
    boost::system::error_code ec;
    next_.socket().non_blocking(true, ec);
    eager_ = !ec;  // a socket that refuses stays on the plain path
  }

  // Closes the TCP connection at once (see async_teardown below). Errors
  // are expected (the peer may be gone, or it is closed already) and
  // change nothing.
  void close_now() {
    boost::system::error_code ignored;
    next_.socket().shutdown(boost::asio::socket_base::shutdown_both, ignored);
    next_.socket().close(ignored);
  }

  template <class MutableBuffers, class Handler>
  void async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    // A zero-length read is Asio's SSL stream deferring its own completion:
    // it must go through the io_context.
    if (!eager_ || boost::asio::buffer_size(buffers) == 0) {
      next_.async_read_some(buffers, std::forward<Handler>(handler));
      return;
    }
    read_now(buffers, std::forward<Handler>(handler));
  }

  template <class ConstBuffers, class Handler>
  void async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    if (!eager_ || boost::asio::buffer_size(buffers) == 0) {
      next_.async_write_some(buffers, std::forward<Handler>(handler));
      return;
    }
    boost::system::error_code ec;
    const std::size_t n = next_.socket().write_some(buffers, ec);
    if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) {
      // The send buffer is full: the reactor says when it has room (a rare,
      // slow path, where one more system call does not matter).
      next_.socket().async_write_some(buffers, std::forward<Handler>(handler));
      return;
    }
    handler(ec, n);  // all or part of it written (the caller writes the rest), or the error
  }

 private:
  static constexpr std::size_t kBufferBytes = std::size_t{64} << 10;

  template <class MutableBuffers, class Handler>
  void read_now(const MutableBuffers& buffers, Handler&& handler) {
    namespace net = boost::asio;
    if (begin_ < end_) {
      const std::size_t n = net::buffer_copy(buffers, net::buffer(buffer_.get() + begin_, end_ - begin_));
      begin_ += n;
      handler(boost::system::error_code(), n);
      return;
    }
    // Nothing read ahead: the socket's own asynchronous read (it tries the
    // socket, then waits on the reactor). A read as large as the buffer goes
    // straight to the caller (a large message's payload): no copy.
    if (net::buffer_size(buffers) >= kBufferBytes) {
      next_.socket().async_read_some(buffers, std::forward<Handler>(handler));
      return;
    }
    if (!buffer_) buffer_ = std::make_unique<char[]>(kBufferBytes);
    next_.socket().async_read_some(
        net::buffer(buffer_.get(), kBufferBytes),
        [this, buffers, handler = std::forward<Handler>(handler)](const boost::system::error_code& ec,
                                                                  std::size_t n) mutable {
          if (ec) return handler(ec, std::size_t{0});
          begin_ = 0;
          end_ = n;
          read_now(buffers, std::move(handler));
        });
  }

  next_layer_type next_;
  bool eager_ = false;
  std::unique_ptr<char[]> buffer_;  // bytes read ahead: [begin_, end_)
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// The end of a WebSocket connection, after the close frames (or when the
// connection failed, e.g. on a message over the size limit). Beast's own
// teardown waits for the server with no time limit: over TCP it reads until
// the server closes first, and over TLS Asio's shutdown may read until the
// server answers the close_notify. A server that does neither (one that went
// silent, or one just told its message was too large) held the connection,
// and the error for the caller, until keepalive gave up. Here the client
// closes its TCP side at once (a TIME_WAIT on a client's ephemeral port
// costs nothing), and over TLS gives the shutdown at most kTlsShutdownBound.
// The teardown's own error is not reported: the WebSocket's result (closed,
// or why it failed) is what the caller needs, and Beast would replace it.
// (Only the asynchronous teardown is given: the connection uses none of
// Beast's blocking operations.)
template <class TeardownHandler>
void async_teardown(boost::beast::role_type, EagerTcpStream& stream, TeardownHandler&& handler) {
  stream.close_now();
  boost::asio::post(stream.get_executor(), boost::beast::bind_front_handler(std::forward<TeardownHandler>(handler),
                                                                            boost::system::error_code()));
}

inline constexpr std::chrono::milliseconds kTlsShutdownBound{1000};

// Over TLS: the close_notify exchange, bounded (see above).
template <class TlsStream, class TeardownHandler>
void bounded_tls_teardown(TlsStream& tls, EagerTcpStream& tcp, TeardownHandler&& handler) {
  auto bound = std::make_shared<boost::asio::steady_timer>(tcp.get_executor(), kTlsShutdownBound);
  bound->async_wait([&tcp](const boost::system::error_code& ec) {
    if (!ec) tcp.close_now();  // ends the shutdown's wait; ec: the shutdown finished first
  });
  tls.async_shutdown([bound, &tcp, handler = std::forward<TeardownHandler>(handler)](
                         const boost::system::error_code&) mutable {
    bound->cancel();
    tcp.close_now();
    handler(boost::system::error_code());
  });
}

template <class TeardownHandler>
void async_teardown(boost::beast::role_type, boost::beast::ssl_stream<EagerTcpStream>& stream,
                    TeardownHandler&& handler) {
  bounded_tls_teardown(stream, stream.next_layer(), std::forward<TeardownHandler>(handler));
}

template <class TeardownHandler>
void async_teardown(boost::beast::role_type, boost::beast::ssl_stream<boost::asio::ssl::stream<EagerTcpStream>>& stream,
                    TeardownHandler&& handler) {
  bounded_tls_teardown(stream, stream.next_layer().next_layer(), std::forward<TeardownHandler>(handler));
}

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_EAGER_STREAM_H_
