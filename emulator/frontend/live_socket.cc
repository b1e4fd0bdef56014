// The Live API's WebSocket with Boost.Beast (live_socket.h). One
// io_context per connection, run on the connection's own thread: the
// client's messages, the paced answer, goAway and the session's end are all
// handlers on it, and other threads (the admin API, Server::stop) reach it
// only by posting.
#include "emulator/frontend/live_socket.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "emulator/auth/crypto.h"
#include "emulator/common/env.h"
#include "emulator/common/errors.h"
#include "emulator/common/fault_injector.h"
#include "emulator/handlers/live_session.h"
#include "emulator/state/live_store.h"

namespace genai::emulator {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string live_percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// The upgrade request as the handlers see every request.
Request live_request_from(const http::request<http::string_body>& in, const std::string& remote) {
  Request out;
  out.method = std::string(in.method_string());
  const std::string_view target(in.target().data(), in.target().size());
  const size_t q = target.find('?');
  out.path = live_percent_decode(target.substr(0, q), false);
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const size_t eq = pair.find('=');
      out.params.emplace(live_percent_decode(pair.substr(0, eq), true),
                         eq == std::string_view::npos ? "" : live_percent_decode(pair.substr(eq + 1), true));
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  for (const auto& field : in) {
    out.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  out.remote_addr = remote;
  return out;
}

class LiveConnection : public LiveLink, public std::enable_shared_from_this<LiveConnection> {
 public:
  // Owns `fd` from here (and its io_context, so a thread that still holds
  // the connection after it ended can post to it harmlessly).
  LiveConnection(ServerEnv& env, int fd, bool v6, std::string head)
      : env_(env),
        ioc_(1),
        ws_owner_(std::make_unique<websocket::stream<beast::tcp_stream>>(ioc_)),
        ws_(*ws_owner_),
        pace_(ioc_),
        life_(ioc_) {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().assign(v6 ? tcp::v6() : tcp::v4(), fd, ec);
    if (ec) {
      ::close(fd);
      dead_ = true;
    }
    auto buf = buffer_.prepare(head.size());
    std::memcpy(buf.data(), head.data(), head.size());
    buffer_.commit(head.size());
  }

  void run() {
    if (dead_) return;
    start();
    ioc_.run();
    // end() stopped the loop: what completes once the socket is closed (our
    // handlers, which hold the connection) runs now. Beast's own idle timer
    // may stay queued; it holds no reference to the connection.
    ioc_.restart();
    ioc_.poll();
    // An operation Beast parked inside the stream (a read waiting for a close
    // that was cut short) holds a handler, and so the connection: destroying
    // the stream releases it.
    pace_.cancel();
    life_.cancel();
    ioc_.poll();
    ws_owner_.reset();
    finish();
  }

  void start() {
    parser_.header_limit(16 * 1024);
    parser_.body_limit(0);
    beast::get_lowest_layer(ws_).expires_after(env_.options().read_timeout);
    http::async_read(ws_.next_layer(), buffer_, parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->on_request(ec); });
  }

  // LiveLink: other threads post to the connection's own.
  void go_away(std::chrono::seconds left) override {
    asio::post(ioc_, [weak = weak_from_this(), left] {
      if (auto self = weak.lock()) self->send_go_away(left);
    });
  }
  void drop() override {
    asio::post(ioc_, [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->hard_close();
    });
  }
  void shutdown() override {
    asio::post(ioc_, [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->stop_for_shutdown();
    });
  }

  void finish() {
    if (registered_) env_.live().close(id_);
    registered_ = false;
  }

 private:
  void on_request(beast::error_code ec) {
    if (ec) return hard_close();
    beast::get_lowest_layer(ws_).expires_never();
    beast::error_code ignored;
    const auto peer = beast::get_lowest_layer(ws_).socket().remote_endpoint(ignored);
    Request req = live_request_from(parser_.get(), ignored ? "" : peer.address().to_string());
    const std::optional<LiveEndpoint> endpoint = live_endpoint(req.path);
    if (!endpoint || !websocket::is_upgrade(parser_.get())) return refuse_upgrade(req.path);
    if (std::optional<FaultRule> fault = env_.faults().pick(req.path)) {
      if (fault->kind == "livedrop") drop_after_ = fault->param < 0 ? 2 : fault->param;
      if (fault->kind == "503" || fault->kind == "500") failing_ = true;
    }
    session_ = std::make_unique<LiveSession>(env_, std::move(req), *endpoint);
    id_ = random_hex(16);
    const ServerOptions& o = env_.options();
    registered_ = env_.live().open(id_, shared_from_this(), static_cast<size_t>(std::max(0, o.live_max_sessions)));
    websocket::stream_base::timeout t{};
    t.handshake_timeout = o.read_timeout;
    t.idle_timeout = o.live_idle_timeout;
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.read_message_max(o.live_max_message_bytes);
    // One frame per message (Beast would otherwise cut
    // every message into 4 KiB frames, a read and a header per 4 KiB).
    ws_.auto_fragment(false);
    ws_.binary(true);  // Google sends each JSON message in a binary frame
    ws_.async_accept(parser_.get(),
                     [self = shared_from_this()](beast::error_code accepted) { self->on_accept(accepted); });
  }

  // Not a Live endpoint (or not an upgrade): Google's 404 page, then close.
  void refuse_upgrade(const std::string& path) {
    Response page;
    send_unknown_url(page, path);
    auto res = std::make_shared<http::response<http::string_body>>(http::status::not_found, 11);
    res->set(http::field::content_type, page.content_type);
    res->set(http::field::connection, "close");
    res->body() = page.body;
    res->prepare_payload();
    beast::get_lowest_layer(ws_).expires_after(env_.options().read_timeout);
    http::async_write(ws_.next_layer(), *res, [self = shared_from_this(), res](beast::error_code, size_t) {
      self->hard_close();
    });
  }

  void on_accept(beast::error_code ec) {
    if (ec) return hard_close();
    const ServerOptions& o = env_.options();
    if (!registered_) return apply(LiveOutput{{}, {}, false, close_for(live_too_many_sessions(o.live_max_sessions))});
    if (failing_) return apply(LiveOutput{{}, {}, false, close_for(unavailable())});
    // The connection's longest life: goAway live_go_away_lead before the end.
    const auto lead = std::min(o.live_go_away_lead, o.live_max_session);
    life_.expires_after(o.live_max_session - lead);
    life_.async_wait([self = shared_from_this(), lead](beast::error_code waited) {
      if (!waited) self->send_go_away(lead);
    });
    read_next();
  }

  void read_next() {
    ws_.async_read(in_, [self = shared_from_this()](beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      // The client closed, the connection broke, or a frame broke the
      // protocol or the size limit (Beast then closes with 1002 or 1009).
      return end();
    }
    if (closing_) return;  // after our close: only the client's close matters
    const std::string data = beast::buffers_to_string(in_.data());
    in_.consume(in_.size());
    const bool was_set_up = session_->set_up();
    LiveOutput out = session_->on_message(data);
    if (!was_set_up && session_->set_up() && registered_) {
      env_.live().set_info(id_, session_->model(), session_->project());
    }
    apply(std::move(out));
    read_next();
  }

  void apply(LiveOutput out) {
    if (ended_) return;
    if (out.stop_stream || out.close) stream_.clear();
    for (std::string& m : out.now) send(std::move(m));
    if (out.close) {
      closing_ = std::move(out.close);
      if (!writing_) close_now();
      return;
    }
    if (!out.stream.empty()) {
      stream_.assign(std::make_move_iterator(out.stream.begin()), std::make_move_iterator(out.stream.end()));
      if (!pacing_) pace_next();
    }
  }

  // One message of the answer, then a pause (live_chunk_delay_ms) before
  // the next. The last message ends the answer at once: a pause after it
  // would hold the next turn's answer back by what is left of it (a client
  // that sends its next turn sooner would see its answer later), and an
  // interruption in it would cut a turn that is already complete.
  void pace_next() {
    if (!stream_.empty() && !closing_) {
      send(std::move(stream_.front()));
      stream_.pop_front();
    }
    if (stream_.empty() || closing_) {
      pacing_ = false;
      if (session_) session_->on_stream_done();
      return;
    }
    pacing_ = true;
    pace_.expires_after(std::chrono::milliseconds(env_.options().live_chunk_delay_ms));
    pace_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->pace_next();
    });
  }

  void send(std::string m) {
    if (closing_ || dead_) return;
    outbox_.push_back(std::move(m));
    if (!writing_) write_next();
  }

  void write_next() {
    writing_ = true;
    ws_.async_write(asio::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, size_t) {
      self->outbox_.pop_front();
      self->writing_ = false;
      if (ec) return self->hard_close();
      ++self->sent_;
      if (self->drop_after_ >= 0 && self->sent_ >= self->drop_after_) return self->hard_close();
      if (!self->outbox_.empty()) return self->write_next();
      if (self->closing_) self->close_now();
    });
  }

  void close_now() {
    if (close_sent_ || dead_) return;
    close_sent_ = true;
    pace_.cancel();
    websocket::close_reason reason(static_cast<websocket::close_code>(closing_->code), closing_->reason);
    ws_.async_close(reason, [self = shared_from_this()](beast::error_code) { self->end(); });
  }

  void send_go_away(std::chrono::seconds left) {
    if (closing_ || dead_ || ended_) return;
    send(live_go_away_message(left));
    life_.expires_after(left);
    life_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->apply(LiveOutput{{}, {}, false, close_for(live_session_expired())});
    });
  }

  void stop_for_shutdown() {
    if (ended_) return;
    if (!closing_) apply(LiveOutput{{}, {}, false, LiveClose{1001, "The server is stopping."}});
    // A client that does not answer the close is cut after a second.
    life_.expires_after(std::chrono::seconds(1));
    life_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->hard_close();
    });
  }

  void hard_close() {
    dead_ = true;
    end();
  }

  // The connection is over: the socket closes and the loop stops (Beast's
  // idle timer would otherwise keep it running until the idle timeout).
  void end() {
    if (ended_) return;
    ended_ = true;
    dead_ = true;
    pace_.cancel();
    life_.cancel();
    finish();
    beast::error_code ignored;
    auto& socket = beast::get_lowest_layer(ws_).socket();
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    ioc_.stop();
  }

  ServerEnv& env_;
  asio::io_context ioc_;
  std::unique_ptr<websocket::stream<beast::tcp_stream>> ws_owner_;
  websocket::stream<beast::tcp_stream>& ws_;  // *ws_owner_, until run() ends
  beast::flat_buffer buffer_;
  http::request_parser<http::string_body> parser_;
  beast::flat_buffer in_;
  asio::steady_timer pace_;
  asio::steady_timer life_;
  std::unique_ptr<LiveSession> session_;
  std::string id_;
  bool registered_ = false;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  std::deque<std::string> stream_;
  bool pacing_ = false;
  std::optional<LiveClose> closing_;
  bool close_sent_ = false;
  bool dead_ = false;
  bool ended_ = false;
  bool failing_ = false;
  long drop_after_ = -1;
  long sent_ = 0;
};

}  // namespace

bool is_live_request_line(std::string_view line) {
  if (line.rfind("GET /", 0) != 0) return false;
  line.remove_prefix(4);
  while (line.size() > 1 && line[0] == '/' && line[1] == '/') line.remove_prefix(1);
  return line.rfind("/ws/", 0) == 0;
}

void serve_live_connection(int fd, std::string head, ServerEnv& env) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const bool v6 = ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0 && addr.ss_family == AF_INET6;
  auto connection = std::make_shared<LiveConnection>(env, fd, v6, std::move(head));
  connection->run();
}

}  // namespace genai::emulator
