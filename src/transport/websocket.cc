// The Live API's WebSocket over Boost.Beast: connect (DNS, TCP, proxy, TLS,
// upgrade) on the caller's thread with one deadline; then whichever thread
// waits on the connection runs it (see drive_until), reading into an inbox
// and writing from an outbox.
#include "transport/websocket.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <type_traits>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "core/errors.h"
#include "core/redact.h"
#include "transport/eager_stream.h"
#include "transport/proxy.h"
#include "transport/websocket_tunnel.h"

namespace genai::internal {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

std::string ws_ssl_detail(const beast::error_code& ec) {
  std::string m = ec.message();
  if (ec.category() == net::error::get_ssl_category()) {
    const char* reason = ERR_reason_error_string(static_cast<unsigned long>(ec.value()));
    if (reason) m = reason;
  }
  return m;
}

// Sets up TLS on `stream` for `host` (SNI, and the peer's certificate checked
// against that name or IP unless verification is off) and shakes hands.
// `who` names the peer in errors ("the proxy ...", or the server's host), and
// `step` the handshake when connect_timeout passes during it.
template <class SslStream>
Result<void> ws_tls_handshake(SslStream& stream, BlockingSteps& steps, const std::string& host, bool verify,
                              const std::string& who, const char* step, std::chrono::milliseconds connect_timeout) {
  SSL* ssl = stream.native_handle();
  if (!ws_is_ip_literal(host)) SSL_set_tlsext_host_name(ssl, host.c_str());  // SNI
  if (verify) {
    stream.set_verify_mode(net::ssl::verify_peer);
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (ws_is_ip_literal(host)) {
      X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
    }
  } else {
    stream.set_verify_mode(net::ssl::verify_none);
  }
  if (beast::error_code ec = steps.run([&](auto h) { stream.async_handshake(net::ssl::stream_base::client, h); })) {
    if (ec == beast::error::timeout) return ws_connect_timeout_error(who, step, connect_timeout);
    return transport_error("the TLS handshake with " + who + " failed: " + ws_ssl_detail(ec),
                           "If a corporate proxy re-signs TLS, pass its CA file (HttpOptions::ca_bundle); "
                           "turn verify_tls off only for a local test server.");
  }
  return {};
}

// Runs a chain of asynchronous steps as a loop when a step completes inside
// its own call (eager_stream.h), so that a long run of them (a queue of
// messages the socket takes at once) does not grow the stack: run(step)
// called again from inside `step` only asks the running loop for one more.
class Trampoline {
 public:
  template <class Step>
  void run(Step step) {
    if (running_) {
      again_ = true;
      return;
    }
    running_ = true;
    do {
      again_ = false;
      step();
    } while (again_);
    running_ = false;
  }

 private:
  bool running_ = false;
  bool again_ = false;
};

// One connection. Next is the stream under the WebSocket, with an
// EagerTcpStream (eager_stream.h) at the bottom:
//   EagerTcpStream                                         ws://
//   beast::ssl_stream<EagerTcpStream>                      wss://, or ws:// through an https:// proxy
//   beast::ssl_stream<net::ssl::stream<EagerTcpStream>>    wss:// through an https:// proxy (TLS in TLS)
// `target_tls` says whether the outermost TLS is with the server (wss://)
// or with an https:// proxy; it is a run-time flag, not a second template
// parameter, so that the one-TLS stack is compiled once for both uses
// (Beast's composed operations make each instantiation minutes of build).
template <class Next>
class BeastWebSocket final : public WebSocket {
 public:
  static constexpr int kTlsLayers = std::is_same_v<Next, EagerTcpStream>                         ? 0
                                    : std::is_same_v<Next, beast::ssl_stream<EagerTcpStream>> ? 1
                                                                                                : 2;

  BeastWebSocket(const WebSocketOptions& options, bool target_tls)
      : options_(options),
        target_tls_(target_tls),
        // Asio's own stream is the inner TLS of two: Beast's does not nest.
        proxy_tls_(kTlsLayers == (target_tls ? 2 : 1)),
        ssl_(net::ssl::context::tls_client),
        guard_(net::make_work_guard(ioc_)) {}

  ~BeastWebSocket() override { close(); }

  Result<void> open(const WsUrl& url, const std::optional<ProxyEndpoint>& proxy,
                    const std::function<Error(const HttpResponse&)>& refused) {
    if constexpr (kTlsLayers == 0) {
      // The plain stack has no TLS to do: a wss:// URL on it would go out in clear text.
      if (target_tls_) return transport_error("internal error: a wss:// connection without a TLS stream");
    }
    const auto deadline = options_.connect_timeout.count() > 0 ? Clock::now() + options_.connect_timeout
                                                               : Clock::now() + std::chrono::hours(24);
    if constexpr (kTlsLayers > 0) {
      beast::error_code ec;
      if (!options_.ca_bundle.empty()) {
        ssl_.load_verify_file(options_.ca_bundle, ec);
        if (ec) {
          return invalid_argument("the CA bundle " + options_.ca_bundle + " could not be loaded: " + ec.message(),
                                  "Point HttpOptions::ca_bundle at a readable PEM file.");
        }
      } else {
        ssl_.set_default_verify_paths(ec);
      }
      if constexpr (kTlsLayers == 2) {
        ws_.emplace(net::ssl::stream<EagerTcpStream>(ioc_, ssl_), ssl_);
      } else {
        ws_.emplace(ioc_, ssl_);
      }
    } else {
      ws_.emplace(ioc_);
    }
    auto& lowest = beast::get_lowest_layer(*ws_);
    const auto timed_out = [this](const std::string& host, const char* step) {
      return ws_connect_timeout_error(host, step, options_.connect_timeout);
    };
    const std::string where = proxy ? "the proxy " + proxy->name + " (" + proxy->source + ")" : url.host;
    const bool socks = proxy && proxy->scheme.rfind("socks5", 0) == 0;
    std::optional<BlockingSteps::Resolved> resolved =
        steps_.resolve(proxy ? proxy->host : url.host, proxy ? std::to_string(proxy->port) : url.port, deadline);
    if (!resolved) return timed_out(where, "resolving its name");
    if (resolved->error) {
      return transport_error("could not resolve " + where + ": " + resolved->error.message(),
                             "Check the host name and DNS.");
    }
    const tcp::resolver::results_type& endpoints = resolved->endpoints;
    lowest.expires_at(deadline);
    if (beast::error_code ec = steps_.run([&](auto h) { lowest.async_connect(endpoints, h); })) {
      if (ec == beast::error::timeout) return timed_out(where, "connecting");
      return transport_error("could not connect to " + where + ": " + ec.message(),
                             proxy ? "Check the proxy setting." : "Check the base URL and the network.");
    }
    if (proxy_tls_) {
      // An https:// proxy: TLS with the proxy first (its own name checked),
      // then CONNECT inside it.
      if constexpr (kTlsLayers > 0) {
        if (Result<void> r = ws_tls_handshake(proxy_tls(), steps_, proxy->host, options_.verify_tls, where,
                                              "the TLS handshake with the proxy", options_.connect_timeout);
            !r) {
          return r;
        }
        if (Result<void> r = tunnel_http_connect(proxy_tls(), steps_, url, *proxy); !r) return r;
      }
    } else if (proxy && proxy->scheme == "http") {
      if (Result<void> r = tunnel_http_connect(lowest, steps_, url, *proxy); !r) return r;
    } else if (socks) {
      if (Result<void> r = tunnel_socks5(lowest, steps_, url, *proxy, deadline, options_.connect_timeout); !r) return r;
    }
    if constexpr (kTlsLayers > 0) {
      if (target_tls_) {
        if (Result<void> r = ws_tls_handshake(ws_->next_layer(), steps_, url.host, options_.verify_tls, url.host,
                                              "the TLS handshake", options_.connect_timeout);
            !r) {
          return r;
        }
      }
    }
    // The upgrade, under the WebSocket's own timers from here on.
    lowest.expires_never();
    // Beast's own idle timeout re-arms a timer (a system call) on every read;
    // keepalive is this class's coarse timer instead (start_keepalive).
    websocket::stream_base::timeout t;
    t.handshake_timeout = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now());
    if (t.handshake_timeout.count() <= 0) return timed_out(url.host, "the WebSocket upgrade");
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_->set_option(t);
    ws_->set_option(websocket::stream_base::decorator([this](websocket::request_type& req) {
      req.set(http::field::user_agent, options_.user_agent);
      for (const auto& [name, value] : options_.headers) req.set(name, value);
    }));
    if (options_.max_message_bytes > 0) ws_->read_message_max(options_.max_message_bytes);
    // One frame per message, masked through a 64 KiB buffer: a 100 ms audio
    // chunk (4.3 KB of JSON) leaves in one system call, not two 4 KiB frames.
    ws_->auto_fragment(false);
    ws_->write_buffer_bytes(std::size_t{64} << 10);
    if (options_.trace) {
      options_.trace(redact("> GET " + options_.url + " (WebSocket upgrade)"));
      if (proxy) options_.trace("> (through " + proxy->scheme + "://" + proxy->name + ", " + proxy->source + ")");
      for (const auto& [name, value] : options_.headers) options_.trace(redact("> " + name + ": " + value));
    }
    const auto started = Clock::now();
    websocket::response_type res;
    beast::error_code ec = steps_.run([&](auto h) { ws_->async_handshake(res, url.authority, url.target, h); });
    const bool answered = !ec || ec == websocket::error::upgrade_declined;
    if (options_.trace && answered) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
      options_.trace("< HTTP " + std::to_string(res.result_int()) + " (" + std::to_string(ms) + " ms)");
    }
    if (ec == websocket::error::upgrade_declined) {
      HttpResponse answer;
      answer.status = static_cast<int>(res.result_int());
      for (const auto& field : res) answer.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      answer.body = res.body();
      return refused(answer);
    }
    if (ec) {
      if (ec == beast::error::timeout) return timed_out(url.host, "the WebSocket upgrade");
      return transport_error("the WebSocket upgrade with " + url.host + " failed: " + ec.message(),
                             "Check that the base URL points at a server of the Live API.");
    }
    ws_->binary(false);
    // Each message leaves when it is sent: Nagle's wait for the peer's ACK
    // would hold a turn or an audio chunk back behind the previous one.
    // Best effort: a socket that refuses it still works, only later.
    beast::error_code nodelay_refused;
    beast::get_lowest_layer(*ws_).socket().set_option(tcp::no_delay(true), nodelay_refused);
    // Any frame, a pong too, shows the peer is alive.
    ws_->control_callback([this](websocket::frame_type, beast::string_view) { last_heard_ = Clock::now(); });
    last_heard_ = Clock::now();
    // From here on, reads and writes the socket satisfies at once complete
    // at once (eager_stream.h): a message costs a system call or two.
    eager_layer().go_eager();
    read_next();
    start_keepalive();
    ioc_.restart();
    last_driven_ = Clock::now();
    thread_ = std::thread([this] { cover(); });
    return {};
  }

  // Queues the message. When no other thread is running the connection,
  // this one writes it at once (no thread handoff); else the one that is
  // running it does. Only a full queue (a peer that reads nothing, or a
  // caller faster than the network) makes send() wait, for at most
  // write_timeout.
  Result<void> send(std::string text) override {
    std::unique_lock<std::mutex> lock(mu_);
    if (Result<void> usable = sendable(); !usable) return usable;
    if (!send_room()) {
      const auto room = [this] { return send_room() || ended_ || write_error_.has_value(); };
      const std::optional<Clock::time_point> deadline =
          options_.write_timeout.count() > 0 ? std::optional<Clock::time_point>(Clock::now() + options_.write_timeout)
                                             : std::nullopt;
      if (!drive_until(lock, room, deadline)) {
        return transport_error("the Live API server took no data for " + std::to_string(options_.write_timeout.count()) +
                               " ms: the message could not be sent");
      }
      if (Result<void> usable = sendable(); !usable) return usable;
    }
    unsent_bytes_ += text.size();
    outbox_.push_back(std::move(text));
    const bool start_writing = !drain_posted_;
    drain_posted_ = true;
    if (driving_) {
      // Another thread runs the connection: it writes (the post wakes it).
      if (start_writing) net::post(ioc_, [this] { write_next(); });
      return {};
    }
    // Nobody is running the connection: write now, on this thread, as far
    // as the socket takes it without waiting (the rest goes out with the
    // next receive(), send(), or the covering thread). The first write is
    // started here, not posted: a posted one would wait behind a pass over
    // the reactor (a system call) before the message leaves.
    driving_ = true;
    lock.unlock();
    if (start_writing) write_next();
    resume_reading();
    // Writes the socket takes at once have completed by now. If some of the
    // queue is left (a write is waiting for room, or was already in flight),
    // what is ready runs, one handler at a time, until the queue is handed
    // to Beast: poll() would pass over the reactor once more (a system call)
    // only to find nothing left. A write still in flight completes with the
    // next call that runs the connection.
    for (;;) {
      {
        std::lock_guard<std::mutex> queued(mu_);
        if (outbox_.empty()) break;
      }
      if (ioc_.poll_one() == 0) break;
    }
    lock.lock();
    let_go();
    return {};
  }

  Result<std::optional<std::string>> receive(std::optional<Clock::time_point> deadline) override {
    std::unique_lock<std::mutex> lock(mu_);
    if (!drive_until(lock, [this] { return !inbox_.empty() || ended_; }, deadline)) {
      return transport_error("no message from the Live API server before the deadline");
    }
    if (!inbox_.empty()) {
      std::string message = std::move(inbox_.front());
      inbox_.pop_front();
      return std::optional<std::string>(std::move(message));
    }
    if (end_error_) return *end_error_;
    return std::optional<std::string>();
  }

  void close() override {
    if (closed_.exchange(true)) return;
    if (thread_.joinable()) {
      // Messages already queued are written first, then the close frame.
      net::post(ioc_, [this] {
        close_requested_ = true;
        bool draining = false;
        {
          std::lock_guard<std::mutex> lock(mu_);
          draining = drain_posted_;
        }
        if (!draining) start_close();  // else write_next() closes when the queue is empty
      });
      {
        // The close handshake ends the read loop; a peer that never answers it
        // (or never reads the queued messages) is cut off after a short bound.
        std::unique_lock<std::mutex> lock(mu_);
        (void)drive_until(lock, [this] { return ended_; }, Clock::now() + std::chrono::seconds(2));
        stopping_ = true;
      }
      cover_cv_.notify_all();
      guard_.reset();
      ioc_.stop();
      thread_.join();
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (!ended_) {
      ended_ = true;
      end_error_.reset();
    }
    cv_.notify_all();
  }

 private:
  // The TLS stream with an https:// proxy.
  auto& proxy_tls() {
    if constexpr (kTlsLayers == 2) {
      return ws_->next_layer().next_layer();
    } else {
      return ws_->next_layer();
    }
  }

  EagerTcpStream& eager_layer() {
    if constexpr (kTlsLayers == 2) {
      return ws_->next_layer().next_layer().next_layer();
    } else if constexpr (kTlsLayers == 1) {
      return ws_->next_layer().next_layer();
    } else {
      return ws_->next_layer();
    }
  }

  // Under mu_: whether send() may queue a message now.
  Result<void> sendable() const {
    if (write_error_) return *write_error_;
    if (closed_.load() || ended_) {
      if (end_error_) return *end_error_;
      return transport_error("the Live API connection is closed");
    }
    return {};
  }
  bool send_room() const { return unsent_bytes_ < options_.send_buffer_bytes; }

  // ---- who runs the connection ----------------------------------------
  // No thread is set aside for the socket. The thread that waits on the
  // connection runs it: receive() reads until its message is in, send()
  // writes what the socket takes at once, close() runs the close handshake.
  // So a message is read, parsed and handed over on one thread, as Node's
  // one loop does, with no wake-up of a second thread per message. One
  // thread at a time runs the io_context (driving_, under mu_), so the
  // handlers never run concurrently. While no caller has run it for
  // kHandover, the covering thread (cover()) does: pings are answered,
  // keepalive is kept, queued writes finish, messages wait in the inbox.

  // Under mu_ (held by `lock`): runs the connection until `ready()`, or
  // waits while another thread runs it. False when `deadline` passed first.
  template <class Ready>
  bool drive_until(std::unique_lock<std::mutex>& lock, Ready ready, std::optional<Clock::time_point> deadline) {
    while (!ready()) {
      if (deadline && Clock::now() >= *deadline) return false;
      if (driving_) {
        // Another thread runs it: the covering thread is asked to let go
        // (a no-op wakes its wait); a caller lets go after its handler.
        if (covering_ && !nudged_) {
          nudged_ = true;
          net::post(ioc_, [] {});
        }
        ++waiting_;
        if (deadline) {
          cv_.wait_until(lock, *deadline);
        } else {
          cv_.wait(lock);
        }
        --waiting_;
        continue;
      }
      driving_ = true;
      lock.unlock();
      resume_reading();  // this may hand over a message already read ahead
      lock.lock();
      if (ready()) {
        let_go();
        break;
      }
      lock.unlock();
      const std::size_t ran = deadline ? ioc_.run_one_until(*deadline) : ioc_.run_one();
      lock.lock();
      let_go();
      if (ran == 0 && ioc_.stopped()) {
        // close() stopped the context: it marks the end next.
        cv_.wait(lock, [this] { return ended_; });
      }
    }
    return true;
  }

  // Under mu_: this thread stops running the connection.
  void let_go() {
    driving_ = false;
    last_driven_ = Clock::now();
    if (waiting_ > 0) cv_.notify_all();
  }

  // The covering thread: runs the connection while no caller has for
  // kHandover, and gives it back as soon as one waits for it.
  void cover() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      if (driving_ || waiting_ > 0) {
        cover_cv_.wait_for(lock, kHandover);
        continue;
      }
      if (const auto idle_until = last_driven_ + kHandover; Clock::now() < idle_until) {
        cover_cv_.wait_until(lock, idle_until);
        continue;
      }
      driving_ = true;
      covering_ = true;
      lock.unlock();
      resume_reading();
      // A message already read ahead was handed over at once: the loop reads
      // on (the next turn of it starts the next read) instead of waiting on
      // the socket with no read started.
      if (!read_deferred_) ioc_.run_one();
      lock.lock();
      covering_ = false;
      nudged_ = false;
      driving_ = false;  // not let_go(): the covering thread's turn does not delay the next
      if (waiting_ > 0) cv_.notify_all();
    }
  }

  // Keepalive on one coarse timer: it ticks every quarter of the timeout and
  // looks at when the peer was last heard from (a read or a control frame).
  // Silent for half the timeout: a ping. Silent for all of it: the socket is
  // shut, which ends the read with websocket_keepalive_timeout. A timer per
  // read (Beast's idle timeout) cost two system calls per message.
  void start_keepalive() {
    if (options_.keepalive_timeout.count() <= 0) return;
    const auto tick = std::max(options_.keepalive_timeout / 4, std::chrono::milliseconds(1));
    keepalive_timer_.expires_after(tick);
    keepalive_timer_.async_wait([this](beast::error_code ec) {
      if (ec || close_started_ || ending_) return;
      const auto silent = Clock::now() - last_heard_;
      if (silent >= options_.keepalive_timeout) {
        keepalive_expired_ = true;
        beast::error_code ignored;
        beast::get_lowest_layer(*ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(*ws_).socket().cancel(ignored);
        return;
      }
      if (silent >= options_.keepalive_timeout / 2 && !ping_in_flight_) {
        ping_in_flight_ = true;
        ws_->async_ping({}, [this](beast::error_code) {
          ping_in_flight_ = false;
          if (close_requested_ && !close_started_) start_close();  // close() waited for the ping
        });
      }
      start_keepalive();
    });
  }

  // A message is read piece by piece so that a large one arriving slowly
  // still counts as the peer being alive (keepalive above). A piece already
  // read ahead completes inside async_read_some (eager_stream.h): then
  // reads_ starts the next in its loop, not in a deeper call.
  void read_next() {
    reads_.run([this] { read_piece(); });
  }

  void read_piece() {
    ws_->async_read_some(buffer_, kReadPiece, [this](beast::error_code ec, std::size_t) {
      if (ec) return end(ec);
      last_heard_ = Clock::now();
      if (!ws_->is_message_done()) return read_next();
      std::string message = beast::buffers_to_string(buffer_.data());
      buffer_.consume(buffer_.size());
      {
        std::lock_guard<std::mutex> lock(mu_);
        inbox_.push_back(std::move(message));
      }
      cv_.notify_all();
      // The next read starts when a thread next runs the connection
      // (resume_reading), not here: its first attempt, a system call that
      // mostly finds nothing yet, would run before the waiting receive()
      // gets this message. Nor is it posted: a queued handler makes the
      // next run pass over the reactor once more (another system call).
      read_deferred_ = true;
    });
  }

  // By the thread that has just started running the connection: starts the
  // read that the last message's handler left for later.
  void resume_reading() {
    if (!read_deferred_) return;
    read_deferred_ = false;
    read_next();
  }

  void end(const beast::error_code& ec) {
    ending_ = true;
    keepalive_timer_.cancel();
    std::optional<Error> error;
    if (keepalive_expired_ && !closed_.load()) {
      error = websocket_keepalive_timeout(options_.keepalive_timeout);
    } else if (ec == websocket::error::closed) {
      const websocket::close_reason& why = ws_->reason();
      if (!closed_.load() && why.code != websocket::close_code::normal) {
        error = websocket_closed(static_cast<int>(why.code), std::string(why.reason.c_str()));
      }
    } else if (closed_.load()) {
      // close() was called: a normal end. (An aborted read without close(),
      // e.g. after a failed write, is a lost connection: the branch below.)
    } else if (ec == websocket::error::message_too_big || ec == http::error::body_limit) {
      error = websocket_message_too_large(options_.max_message_bytes);
    } else {
      error = transport_error("the Live API connection was lost: " + ec.message(),
                              "Retry; with LiveConnectConfig::session_resumption the session resumes by itself.");
    }
    if (options_.trace) options_.trace(error ? "< WebSocket ended: " + error->message : "< WebSocket closed");
    std::lock_guard<std::mutex> lock(mu_);
    ended_ = true;
    end_error_ = std::move(error);
    cv_.notify_all();  // a receive() or a send() waiting for room gets the end
  }

  // A handler (on the thread running the connection): writes the queue's
  // front, then the next, until it is empty. A write the socket takes at
  // once completes inside async_write (eager_stream.h): then writes_
  // starts the next in its loop, not in a deeper call.
  void write_next() {
    writes_.run([this] { write_front(); });
  }

  void write_front() {
    bool more = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      more = !outbox_.empty() && !write_error_ && !close_started_;
      if (more) {
        writing_now_ = std::move(outbox_.front());
        outbox_.pop_front();
      } else {
        drain_posted_ = false;
      }
    }
    if (!more) {
      if (close_requested_) start_close();
      return;
    }
    ws_->text(true);
    ws_->async_write(net::buffer(writing_now_), [this](beast::error_code ec, std::size_t) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        unsent_bytes_ -= writing_now_.size();
        if (ec && !write_error_) {
          write_error_ = transport_error("could not send to the Live API server: " + ec.message());
        }
      }
      writing_now_.clear();
      cv_.notify_all();  // room in the queue (no waiter: no system call)
      write_next();
    });
  }

  // A handler: the close handshake, once the queue is written.
  void start_close() {
    if (close_started_ || ping_in_flight_) return;  // one control frame at a time (the ping's end calls again)
    close_started_ = true;
    keepalive_timer_.cancel();
    if (ws_ && ws_->is_open()) ws_->async_close(websocket::close_code::normal, [](beast::error_code) {});
  }

  static constexpr std::size_t kReadPiece = std::size_t{1} << 20;
  // How long the connection goes without a caller running it before the
  // covering thread does. The covering thread looks this often while
  // callers run it (a wake-up costs about as much as reading a message, so
  // not often); a ping from the server waits at most this long for its pong
  // while nobody receives.
  static constexpr std::chrono::milliseconds kHandover{250};

  WebSocketOptions options_;
  const bool target_tls_;  // TLS with the server: wss://
  const bool proxy_tls_;   // TLS with an https:// proxy
  net::io_context ioc_;
  BlockingSteps steps_{ioc_};  // the steps of open(), before the connection is shared
  net::ssl::context ssl_;
  std::optional<websocket::stream<Next>> ws_;
  net::executor_work_guard<net::io_context::executor_type> guard_;
  beast::flat_buffer buffer_;
  std::thread thread_;
  std::atomic<bool> closed_{false};
  // Handlers only (one thread at a time runs them):
  std::string writing_now_;  // the message Beast is writing
  bool close_requested_ = false;
  bool close_started_ = false;
  net::steady_timer keepalive_timer_{ioc_};
  Clock::time_point last_heard_;
  bool ping_in_flight_ = false;
  bool keepalive_expired_ = false;
  bool ending_ = false;
  bool read_deferred_ = false;  // a message was handed over; the next read is not started yet
  Trampoline reads_;   // read_next()
  Trampoline writes_;  // write_next()
  // Shared with send() and receive():
  std::mutex mu_;
  std::condition_variable cv_;        // a message, the end, room in the queue, or the connection let go
  std::condition_variable cover_cv_;  // the covering thread's naps (close() ends them)
  bool driving_ = false;              // a thread runs the io_context (see drive_until)
  bool covering_ = false;             // ... and it is the covering thread
  bool nudged_ = false;               // the covering thread was asked to let go
  int waiting_ = 0;                   // threads waiting to run it
  bool stopping_ = false;             // close(): the covering thread ends
  Clock::time_point last_driven_;     // when a caller last ran it
  std::deque<std::string> outbox_;   // queued by send(), not yet handed to Beast
  std::size_t unsent_bytes_ = 0;     // outbox_ and the write in flight
  bool drain_posted_ = false;        // the queue is being written: write_next() posted, running, or its write in flight
  std::optional<Error> write_error_;
  std::deque<std::string> inbox_;
  bool ended_ = false;
  std::optional<Error> end_error_;
};

}  // namespace

Result<std::unique_ptr<WebSocket>> open_websocket(const WebSocketOptions& options,
                                                  const std::function<Error(const HttpResponse&)>& refused) {
  Result<WsUrl> url = ws_parse_url(options.url);
  if (!url) return std::move(url).error();
  Result<ProxyConfig> proxies = make_proxy_config(options.proxy);
  if (!proxies) return std::move(proxies).error();
  // The proxy decision is the curl transport's: ws:// as http://, wss:// as https://.
  const std::string as_http = std::string(url->tls ? "https://" : "http://") + url->authority + url->target;
  Result<std::optional<ProxyEndpoint>> proxy = proxy_endpoint_for(*proxies, as_http);
  if (!proxy) return std::move(proxy).error();
  const bool https_proxy = *proxy && (*proxy)->scheme == "https";
  const auto start = [&](auto ws) -> Result<std::unique_ptr<WebSocket>> {
    if (Result<void> r = ws->open(*url, *proxy, refused); !r) return std::move(r).error();
    return std::unique_ptr<WebSocket>(std::move(ws));
  };
  using Tcp = EagerTcpStream;
  using Tls = beast::ssl_stream<Tcp>;
  if (url->tls && https_proxy) {
    return start(std::make_unique<BeastWebSocket<beast::ssl_stream<net::ssl::stream<Tcp>>>>(options, true));
  }
  if (url->tls || https_proxy) return start(std::make_unique<BeastWebSocket<Tls>>(options, url->tls));
  return start(std::make_unique<BeastWebSocket<Tcp>>(options, false));
}

}  // namespace genai::internal
