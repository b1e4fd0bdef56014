#include "tests/support/test_proxies.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "core/base64.h"

namespace genai::testing {
namespace {

// The value of header `name` (any case) among a request head's lines.
std::optional<std::string> proxy_header(const std::vector<std::string>& lines, std::string_view name) {
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const size_t colon = line.find(':');
    if (colon != name.size()) continue;
    if (!std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      continue;
    }
    size_t start = colon + 1;
    while (start < line.size() && line[start] == ' ') ++start;
    return line.substr(start);
  }
  return std::nullopt;
}

// A header the proxy itself consumes, not to be forwarded.
bool hop_by_hop(const std::string& line) {
  std::string name = line.substr(0, line.find(':'));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name == "proxy-authorization" || name == "proxy-connection" || name == "connection";
}

// "host:port" (IPv4 or a name) split; port `fallback` when absent.
std::pair<std::string, int> split_authority(const std::string& authority, int fallback) {
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos) return {authority, fallback};
  return {authority.substr(0, colon), std::atoi(authority.c_str() + colon + 1)};
}

}  // namespace

HttpProxy::HttpProxy(std::string credentials)
    : credentials_(std::move(credentials)),
      server_([this](int fd, const std::atomic<bool>& stopping) { handle(fd, stopping); }) {}

std::vector<HttpProxy::Request> HttpProxy::seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

void HttpProxy::handle(int fd, const std::atomic<bool>& stopping) {
  const std::optional<std::string> head = read_until(fd, "\r\n\r\n", 64 << 10);
  if (!head) return;
  const size_t head_end = head->find("\r\n\r\n");
  const std::string body_start = head->substr(head_end + 4);  // bytes of the body read with the head
  std::vector<std::string> lines;
  for (size_t pos = 0; pos < head_end;) {
    const size_t eol = std::min(head->find("\r\n", pos), head_end);
    lines.push_back(head->substr(pos, eol - pos));
    pos = eol + 2;
  }
  if (lines.empty()) return;
  Request request{lines[0], proxy_header(lines, "Proxy-Authorization")};
  {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back(request);
  }
  if (!credentials_.empty() && request.proxy_authorization != "Basic " + internal::base64_encode(credentials_)) {
    send_all(fd,
             "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
             "Content-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  const size_t sp1 = lines[0].find(' ');
  const size_t sp2 = lines[0].rfind(' ');
  if (sp1 == std::string::npos || sp2 <= sp1) return;
  const std::string method = lines[0].substr(0, sp1);
  const std::string target = lines[0].substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string version = lines[0].substr(sp2 + 1);

  std::string forward;  // what goes to the server before relaying
  std::pair<std::string, int> upstream;
  if (method == "CONNECT") {
    upstream = split_authority(target, 443);
  } else {
    // Absolute form, http://host:port/path: forwarded in origin form.
    if (target.rfind("http://", 0) != 0) {
      send_all(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const size_t slash = target.find('/', 7);
    upstream = split_authority(target.substr(7, slash == std::string::npos ? std::string::npos : slash - 7), 80);
    forward = method + " " + (slash == std::string::npos ? "/" : target.substr(slash)) + " " + version + "\r\n";
    for (size_t i = 1; i < lines.size(); ++i) {
      if (!hop_by_hop(lines[i])) forward += lines[i] + "\r\n";
    }
    // One request per connection: the server closes after its answer, and
    // so the relay below ends.
    forward += "Connection: close\r\n\r\n" + body_start;
  }
  const int up = connect_tcp(upstream.first, upstream.second);
  if (up < 0) {
    send_all(fd, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    return;
  }
  if (method == "CONNECT") {
    send_all(fd, "HTTP/1.1 200 Connection established\r\n\r\n");
  } else {
    send_all(up, forward);
  }
  relay(fd, up, stopping);
  ::close(up);
}

Socks5Proxy::Socks5Proxy(std::string username, std::string password)
    : username_(std::move(username)),
      password_(std::move(password)),
      server_([this](int fd, const std::atomic<bool>& stopping) { handle(fd, stopping); }) {}

std::vector<Socks5Proxy::Connection> Socks5Proxy::seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

void Socks5Proxy::handle(int fd, const std::atomic<bool>& stopping) {
  auto byte = [](const std::string& s, size_t i) { return static_cast<unsigned char>(s[i]); };
  // Greeting: VER NMETHODS METHODS...; we pick no-auth (0) or user/pass (2).
  const std::optional<std::string> greeting = read_exact(fd, 2);
  if (!greeting || byte(*greeting, 0) != 5) return;
  const std::optional<std::string> methods = read_exact(fd, byte(*greeting, 1));
  if (!methods) return;
  const char method = username_.empty() ? '\x00' : '\x02';
  if (methods->find(method) == std::string::npos) {
    send_all(fd, std::string("\x05\xff", 2));  // no acceptable method
    return;
  }
  send_all(fd, std::string{'\x05', method});
  Connection c;
  if (method == '\x02') {
    // RFC 1929: VER(1) ULEN UNAME PLEN PASSWD.
    const std::optional<std::string> ulen = read_exact(fd, 2);
    if (!ulen) return;
    const std::optional<std::string> user = read_exact(fd, byte(*ulen, 1));
    const std::optional<std::string> plen = user ? read_exact(fd, 1) : std::nullopt;
    const std::optional<std::string> pass = plen ? read_exact(fd, byte(*plen, 0)) : std::nullopt;
    if (!pass) return;
    c.username = *user;
    c.password = *pass;
    const bool ok = *user == username_ && *pass == password_;
    send_all(fd, std::string{'\x01', ok ? '\x00' : '\x01'});
    if (!ok) {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(c);
      return;
    }
  }
  // Request: VER CMD RSV ATYP DST.ADDR DST.PORT; only CONNECT (1).
  const std::optional<std::string> request = read_exact(fd, 4);
  if (!request || byte(*request, 1) != 1) {
    send_all(fd, std::string("\x05\x07\x00\x01\x00\x00\x00\x00\x00\x00", 10));
    return;
  }
  std::string host;
  if (byte(*request, 3) == 1) {
    const std::optional<std::string> a = read_exact(fd, 4);
    char text[INET_ADDRSTRLEN] = {0};
    if (!a || !::inet_ntop(AF_INET, a->data(), text, sizeof(text))) return;
    host = text;
  } else if (byte(*request, 3) == 3) {
    const std::optional<std::string> len = read_exact(fd, 1);
    const std::optional<std::string> name = len ? read_exact(fd, byte(*len, 0)) : std::nullopt;
    if (!name) return;
    host = *name;
    c.by_name = true;
  } else {
    return;  // IPv6: not needed on 127.0.0.1
  }
  const std::optional<std::string> port_bytes = read_exact(fd, 2);
  if (!port_bytes) return;
  const int port = byte(*port_bytes, 0) << 8 | byte(*port_bytes, 1);
  c.target = host + ":" + std::to_string(port);
  {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back(c);
  }
  const int up = connect_tcp(host, port);
  // Reply: VER REP RSV ATYP BND.ADDR BND.PORT (0.0.0.0:0 will do).
  send_all(fd, std::string{'\x05', up < 0 ? '\x05' : '\x00', '\x00', '\x01', '\x00', '\x00', '\x00', '\x00',
                           '\x00', '\x00'});
  if (up < 0) return;
  relay(fd, up, stopping);
  ::close(up);
}

}  // namespace genai::testing
