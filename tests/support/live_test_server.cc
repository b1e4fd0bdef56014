#include "tests/support/live_test_server.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <tuple>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace genai::testing {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

std::string lts_bio_string(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

// A self-signed certificate for 127.0.0.1 (SAN IP), its own CA. Two in one
// CA bundle need different subjects (`common_name`), or OpenSSL looks for
// the issuer of one among the other's.
std::pair<std::string, std::string> lts_make_self_signed(const char* common_name = "127.0.0.1") {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x), 86400);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1,
                             0);
  X509_set_issuer_name(x, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair<int, const char*>{NID_subject_alt_name, "IP:127.0.0.1"},
                            std::pair<int, const char*>{NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
  }
  X509_sign(x, key, EVP_sha256());
  BIO* cert = BIO_new(BIO_s_mem());
  BIO* priv = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(cert, x);
  PEM_write_bio_PrivateKey(priv, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::pair<std::string, std::string> out{lts_bio_string(cert), lts_bio_string(priv)};
  BIO_free(cert);
  BIO_free(priv);
  X509_free(x);
  EVP_PKEY_free(key);
  return out;
}

}  // namespace

struct LiveTestServer::Connection::Impl {
  virtual ~Impl() = default;
  LiveTestServer* server = nullptr;
  int fd = -1;
  const std::atomic<bool>* stopping = nullptr;
  http::request<http::string_body> request;
  virtual std::optional<std::string> receive() = 0;
  virtual bool send(const std::string& text, bool binary) = 0;
  virtual void close(int code, const std::string& reason) = 0;
};

namespace {

template <class Next>
struct ConnectionOf final : LiveTestServer::Connection::Impl {
  template <class... Args>
  explicit ConnectionOf(Args&&... args) : ws(std::forward<Args>(args)...) {}
  websocket::stream<Next> ws;
  beast::flat_buffer buffer;

  std::optional<std::string> receive() override {
    beast::error_code ec;
    buffer.consume(buffer.size());
    ws.read(buffer, ec);
    if (ec) return std::nullopt;
    return beast::buffers_to_string(buffer.data());
  }
  bool send(const std::string& text, bool binary) override {
    beast::error_code ec;
    ws.binary(binary);
    ws.write(net::buffer(text), ec);
    return !ec;
  }
  void close(int code, const std::string& reason) override {
    beast::error_code ec;
    websocket::close_reason why(static_cast<std::uint16_t>(code));
    why.reason = reason;
    ws.close(why, ec);
  }
};

}  // namespace

std::string LiveTestServer::Connection::target() const { return std::string(impl_->request.target()); }

std::optional<std::string> LiveTestServer::Connection::header(const std::string& name) const {
  const auto it = impl_->request.find(name);
  if (it == impl_->request.end()) return std::nullopt;
  return std::string(it->value());
}

std::optional<std::string> LiveTestServer::Connection::receive() {
  std::optional<std::string> m = impl_->receive();
  if (m) {
    std::lock_guard<std::mutex> lock(impl_->server->mu_);
    impl_->server->received_.push_back(*m);
  }
  return m;
}

bool LiveTestServer::Connection::send(const std::string& text) { return impl_->send(text, false); }
bool LiveTestServer::Connection::send_binary(const std::string& bytes) { return impl_->send(bytes, true); }
void LiveTestServer::Connection::close(int code, const std::string& reason) { impl_->close(code, reason); }
void LiveTestServer::Connection::drop() { ::shutdown(impl_->fd, SHUT_RDWR); }

bool LiveTestServer::Connection::send_slowly(const std::string& text, int pieces, std::chrono::milliseconds gap) {
  if (text.size() >= 65536 || pieces < 1) return false;
  std::string frame = {'\x81', '\x7e', static_cast<char>(text.size() >> 8), static_cast<char>(text.size() & 0xff)};
  frame += text;  // a server's frames are not masked
  const size_t piece = (frame.size() + static_cast<size_t>(pieces) - 1) / static_cast<size_t>(pieces);
  for (size_t at = 0; at < frame.size(); at += piece) {
    if (at > 0) std::this_thread::sleep_for(gap);
    const size_t n = std::min(piece, frame.size() - at);
    if (::send(impl_->fd, frame.data() + at, n, MSG_NOSIGNAL) != static_cast<ssize_t>(n)) return false;
  }
  return true;
}

void LiveTestServer::Connection::go_silent() {
  while (!impl_->stopping->load()) {
    pollfd p{impl_->fd, POLLRDHUP, 0};
    if (::poll(&p, 1, 50) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) return;
  }
}

LiveTestServer::LiveTestServer(std::vector<Script> scripts, Options options)
    : scripts_(std::move(scripts)),
      options_(std::move(options)),
      server_([this](int fd, const std::atomic<bool>& stopping) { handle(fd, stopping); }) {
  if (options_.tls) {
    std::tie(cert_pem_, key_pem_) = lts_make_self_signed();
    char path[] = "/tmp/genai_live_cert_XXXXXX";
    const int f = ::mkstemp(path);
    if (f >= 0) {
      ::close(f);
      std::ofstream(path) << cert_pem_;
      cert_file_ = path;
    }
  }
}

LiveTestServer::~LiveTestServer() {
  server_.stop();
  if (!cert_file_.empty()) std::remove(cert_file_.c_str());
}

std::string LiveTestServer::base_url() const {
  return std::string(options_.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(server_.port());
}

std::vector<std::string> LiveTestServer::received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

void LiveTestServer::handle(int fd, const std::atomic<bool>& stopping) {
  // cert_pem_ is written in the constructor's body, after the listener
  // started: a connection that came first waits for it.
  for (int i = 0; i < 200 && options_.tls && key_pem_.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const int index = connections_.fetch_add(1);
  const Script& script = scripts_.empty() ? Script() : scripts_[std::min<size_t>(index, scripts_.size() - 1)];
  net::io_context ioc;
  tcp::socket socket(ioc);
  beast::error_code ec;
  socket.assign(tcp::v4(), ::dup(fd), ec);
  if (ec) return;
  const auto serve = [&](auto& impl) {
    impl.server = this;
    impl.fd = fd;
    impl.stopping = &stopping;
    beast::flat_buffer buffer;
    http::read(impl.ws.next_layer(), buffer, impl.request, ec);
    if (ec) return;
    if (options_.refuse_status != 0) {
      http::response<http::string_body> res{static_cast<http::status>(options_.refuse_status), 11};
      res.set(http::field::content_type, "application/json; charset=UTF-8");
      res.body() = options_.refuse_body;
      res.prepare_payload();
      http::write(impl.ws.next_layer(), res, ec);
      return;
    }
    impl.ws.accept(impl.request, ec);
    if (ec) return;
    Connection c(&impl);
    if (script) script(c);
    if (impl.ws.is_open()) impl.close(1000, "");
  };
  if (options_.tls) {
    net::ssl::context ctx(net::ssl::context::tls_server);
    ctx.use_certificate_chain(net::buffer(cert_pem_), ec);
    ctx.use_private_key(net::buffer(key_pem_), net::ssl::context::pem, ec);
    ConnectionOf<net::ssl::stream<tcp::socket>> impl(std::move(socket), ctx);
    impl.ws.next_layer().handshake(net::ssl::stream_base::server, ec);
    if (ec) return;
    serve(impl);
  } else {
    ConnectionOf<tcp::socket> impl(std::move(socket));
    serve(impl);
  }
}

TlsFront::TlsFront(int inner_port)
    : inner_port_(inner_port), server_([this](int fd, const std::atomic<bool>& stopping) { handle(fd, stopping); }) {
  std::tie(cert_pem_, key_pem_) = lts_make_self_signed("genai test https proxy");
  ready_ = true;
}

TlsFront::~TlsFront() { server_.stop(); }

void TlsFront::handle(int fd, const std::atomic<bool>& stopping) {
  for (int i = 0; i < 200 && !ready_.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ++connections_;
  net::ssl::context ctx(net::ssl::context::tls_server);
  beast::error_code ec;
  ctx.use_certificate_chain(net::buffer(cert_pem_), ec);
  ctx.use_private_key(net::buffer(key_pem_), net::ssl::context::pem, ec);
  SSL* ssl = SSL_new(ctx.native_handle());
  SSL_set_fd(ssl, fd);
  const int up = SSL_accept(ssl) == 1 ? connect_tcp("127.0.0.1", inner_port_) : -1;
  // Relays until either side ends: TLS records in, plain bytes out, and back.
  char buf[16384];
  while (up >= 0 && !stopping.load()) {
    if (SSL_pending(ssl) == 0) {
      pollfd p[2] = {{fd, POLLIN, 0}, {up, POLLIN, 0}};
      if (::poll(p, 2, 50) <= 0) continue;
      if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
        const ssize_t n = ::recv(up, buf, sizeof buf, 0);
        if (n <= 0 || SSL_write(ssl, buf, static_cast<int>(n)) <= 0) break;
      }
      if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    }
    const int n = SSL_read(ssl, buf, sizeof buf);
    if (n <= 0 || !send_all(up, std::string_view(buf, static_cast<size_t>(n)))) break;
  }
  if (up >= 0) ::close(up);
  SSL_free(ssl);
}

}  // namespace genai::testing
