#include "tests/support/raw_live_socket.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace genai::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct RawLiveSocket::Impl {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;

  // Runs the operation started by `start` to completion or `timeout`.
  beast::error_code run(const std::function<void(std::function<void(beast::error_code)>)>& start,
                        std::chrono::milliseconds timeout) {
    bool done = false;
    beast::error_code result;
    start([&](beast::error_code ec) {
      done = true;
      result = ec;
    });
    ioc.restart();
    ioc.run_for(timeout);
    if (!done) {
      beast::get_lowest_layer(ws).socket().cancel();
      ioc.restart();
      ioc.run_for(std::chrono::seconds(1));
      return asio::error::timed_out;
    }
    return result;
  }
};

RawLiveSocket::RawLiveSocket() : impl_(std::make_unique<Impl>()) {}
RawLiveSocket::~RawLiveSocket() {
  beast::error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

bool RawLiveSocket::open(int port, const std::string& target, const std::map<std::string, std::string>& headers) {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                                                     static_cast<unsigned short>(port)),
                                                       ec);
  if (ec) return false;
  impl_->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
    for (const auto& [name, value] : headers) req.set(name, value);
  }));
  auto response = std::make_shared<websocket::response_type>();
  ec = impl_->run(
      [&](auto done) {
        impl_->ws.async_handshake(*response, "127.0.0.1:" + std::to_string(port), target,
                                  [done](beast::error_code e) { done(e); });
      },
      std::chrono::seconds(10));
  handshake_status_ = static_cast<int>(response->result_int());
  return !ec;
}

bool RawLiveSocket::send_text(const std::string& data) {
  impl_->ws.text(true);
  const beast::error_code ec = impl_->run(
      [&](auto done) {
        impl_->ws.async_write(asio::buffer(data), [done](beast::error_code e, size_t) { done(e); });
      },
      std::chrono::seconds(10));
  return !ec;
}

std::optional<nlohmann::json> RawLiveSocket::next(std::chrono::milliseconds timeout) {
  if (closed_ || broken_) return std::nullopt;
  const beast::error_code ec = impl_->run(
      [&](auto done) { impl_->ws.async_read(impl_->buffer, [done](beast::error_code e, size_t) { done(e); }); },
      timeout);
  // A close frame came, even when answering it then failed (the server may
  // be gone by the time the echo goes out).
  if (ec == websocket::error::closed || (ec && impl_->ws.reason().code != websocket::close_code::none)) {
    closed_ = true;
    close_code_ = impl_->ws.reason().code;
    close_reason_ = std::string(impl_->ws.reason().reason.c_str());
    return std::nullopt;
  }
  if (ec == asio::error::timed_out) return std::nullopt;
  if (ec) {
    broken_ = true;
    error_ = ec.message();
    return std::nullopt;
  }
  last_binary_ = impl_->ws.got_binary();
  const std::string data = beast::buffers_to_string(impl_->buffer.data());
  impl_->buffer.consume(impl_->buffer.size());
  nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
  if (j.is_discarded()) return nlohmann::json{{"unparsed", data}};
  return j;
}

std::vector<nlohmann::json> RawLiveSocket::until(const std::function<bool(const nlohmann::json&)>& stop,
                                                std::chrono::milliseconds timeout) {
  std::vector<nlohmann::json> out;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (int i = 0; i < 10000; ++i) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    std::optional<nlohmann::json> m = next(left);
    if (!m) break;
    out.push_back(*m);
    if (stop(*m)) break;
  }
  return out;
}

}  // namespace genai::testing
