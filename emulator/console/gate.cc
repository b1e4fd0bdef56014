#include "emulator/console/gate.h"

#include <openssl/crypto.h>

#include "emulator/auth/crypto.h"
#include "emulator/common/html.h"

namespace genai::emulator {
namespace {

constexpr size_t kMaxSessions = 256;

// "127.0.0.1" from "127.0.0.1:8080", "[::1]" from "[::1]:8080".
std::string_view console_host_name(std::string_view host_and_port) {
  if (!host_and_port.empty() && host_and_port.front() == '[') {
    const size_t close = host_and_port.find(']');
    return close == std::string_view::npos ? host_and_port : host_and_port.substr(0, close + 1);
  }
  return host_and_port.substr(0, host_and_port.find(':'));
}

bool console_same_secret(std::string_view a, std::string_view b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The value of cookie `name` in a Cookie header ("a=1; genai_console=xyz").
std::string cookie_value(const Request& req, std::string_view name) {
  for (auto [it, end] = req.headers.equal_range("Cookie"); it != end; ++it) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
  }
  return "";
}

bool is_console_api(const Request& req) { return req.path.rfind("/console/api/", 0) == 0; }

void console_refuse(const Request& req, Response& res, int status, const std::string& why) {
  const std::string message = "genai-emulator console: " + why;
  if (is_console_api(req)) {
    return console_error(res, status == 401 ? unauthenticated(message) : permission_denied(message));
  }
  res.status = status;
  set_console_headers(res);
  res.set_content("<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>genai-emulator console</title>\n<p>" +
                      html_escape(message) + "</p>\n",
                  "text/html; charset=UTF-8");
}

}  // namespace

void set_console_headers(Response& res) {
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

void console_error(Response& res, const GoogleError& e) {
  send_error(res, e);
  set_console_headers(res);
}

std::string ConsoleGate::refuse_origin(const Request& req, bool state_changing) const {
  const std::string host = req.get_header_value("Host");
  if (options_.admin_token.empty() && !host.empty() && !is_loopback_host(console_host_name(host))) {
    return "the Host header must name this machine's loopback address (127.0.0.1, localhost or [::1]).";
  }
  const std::string origin = req.get_header_value("Origin");
  if (req.has_header("Origin")) {
    const size_t scheme_end = origin.find("://");
    if (scheme_end == std::string::npos || origin.substr(scheme_end + 3) != host) {
      return "a request from another site (Origin " + origin + ") is refused.";
    }
  }
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (state_changing || is_console_api(req)) {
    if (site == "cross-site" || site == "same-site") return "a request from another site is refused.";
  }
  if (state_changing) {
    if (origin.empty()) return "a change must come from the console's own page (no Origin header).";
    if (!req.body.empty() && req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
      return "send the body as Content-Type: application/json.";
    }
  }
  return "";
}

std::optional<ConsoleSession> ConsoleGate::find(const Request& req) const {
  const std::string id = cookie_value(req, kConsoleCookie);
  if (id.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  return it->second;
}

ConsoleSession ConsoleGate::create() {
  ConsoleSession s{random_hex(32), random_hex(32)};
  std::lock_guard<std::mutex> lock(mu_);
  sessions_[s.id] = s;
  order_.push_back(s.id);
  while (order_.size() > kMaxSessions) {
    sessions_.erase(order_.front());
    order_.pop_front();
  }
  return s;
}

std::optional<ConsoleSession> ConsoleGate::open_page(const Request& req, Response& res) {
  if (const std::string why = refuse_origin(req, false); !why.empty()) {
    console_refuse(req, res, 403, why);
    return std::nullopt;
  }
  const std::string given = req.get_param_value("token");
  if (std::optional<ConsoleSession> s = find(req); s && given.empty()) return s;
  bool redirect = false;
  if (!options_.admin_token.empty()) {
    std::string bearer = req.get_header_value("Authorization");
    bearer = bearer.rfind("Bearer ", 0) == 0 ? bearer.substr(7) : "";
    if (console_same_secret(given, options_.admin_token)) {
      redirect = true;
    } else if (!console_same_secret(bearer, options_.admin_token)) {
      console_refuse(req, res, 401,
             "this emulator is reachable from other machines, so its console needs the admin token: open "
             "/console?token=<admin token> (the token genai-emulator printed at start, or --admin-token).");
      return std::nullopt;
    }
  } else if (!given.empty()) {
    redirect = true;  // no token is needed; still keep it out of the address bar
  }
  ConsoleSession s = create();
  set_console_headers(res);
  res.set_header("Set-Cookie", std::string(kConsoleCookie) + "=" + s.id + "; Path=/console; HttpOnly; SameSite=Strict");
  if (redirect) {
    res.status = 303;
    res.set_header("Location", "/console");
    res.set_content("", "text/plain");
    return std::nullopt;
  }
  return s;
}

std::optional<ConsoleSession> ConsoleGate::admit(const Request& req, Response& res) {
  const bool state_changing = req.method != "GET" && req.method != "HEAD";
  if (const std::string why = refuse_origin(req, state_changing); !why.empty()) {
    console_refuse(req, res, 403, why);
    return std::nullopt;
  }
  std::optional<ConsoleSession> s = find(req);
  if (!s) {
    console_refuse(req, res, 401, "no console session: open /console first (with ?token=<admin token> when one is needed).");
    return std::nullopt;
  }
  if (state_changing && !console_same_secret(req.get_header_value(kConsoleCsrfHeader), s->csrf)) {
    console_refuse(req, res, 403, std::string("a change needs the session's ") + kConsoleCsrfHeader + " header.");
    return std::nullopt;
  }
  return s;
}

}  // namespace genai::emulator
