// Who may use the web console (/console) and how: the console changes the
// same state as the admin API, so it is guarded at least as well.
//
// - Bound to loopback without an admin token: anyone on this machine may use
//   it, but the Host header must name loopback (a page on another site that
//   rebinds its DNS name to 127.0.0.1 is refused).
// - With an admin token (always when bound to another address): the first
//   visit is /console?token=TOKEN (or "Authorization: Bearer TOKEN"); the
//   token buys a session cookie and the browser is sent on to /console, so
//   the token leaves the address bar and the history.
// - Every request carries the session cookie (HttpOnly, SameSite=Strict).
//   A state-changing one (POST, PATCH, DELETE) must also carry the session's
//   CSRF token in X-Console-Csrf, an Origin naming this server, and a body of
//   application/json: a form on another site can send none of these.
// - Every answer carries a strict Content-Security-Policy (no inline script,
//   nothing from elsewhere), nosniff, no framing and no referrer.
#ifndef GENAI_EMULATOR_CONSOLE_GATE_H_
#define GENAI_EMULATOR_CONSOLE_GATE_H_

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "emulator/common/options.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

inline constexpr const char* kConsoleCookie = "genai_console";
inline constexpr const char* kConsoleCsrfHeader = "X-Console-Csrf";

struct ConsoleSession {
  std::string id;    // the cookie's value
  std::string csrf;  // what X-Console-Csrf must say
};

class ConsoleGate {
 public:
  explicit ConsoleGate(const ServerOptions& options) : options_(options) {}

  // GET /console: the session of the request, a new one (with its
  // Set-Cookie in `res`), or nullopt when `res` already holds the answer (a
  // refusal, or the redirect that drops ?token= from the address).
  std::optional<ConsoleSession> open_page(const Request& req, Response& res);
  // Any other console request: its session, or nullopt with the refusal in
  // `res` (JSON for /console/api/, HTML otherwise).
  std::optional<ConsoleSession> admit(const Request& req, Response& res);

 private:
  // The reason to refuse a request before sessions are looked at, or "".
  std::string refuse_origin(const Request& req, bool state_changing) const;
  std::optional<ConsoleSession> find(const Request& req) const;
  ConsoleSession create();

  const ServerOptions& options_;
  mutable std::mutex mu_;
  std::map<std::string, ConsoleSession> sessions_;  // by id
  std::deque<std::string> order_;                   // oldest first, to bound the map
};

// The headers every console answer carries (CSP and friends).
void set_console_headers(Response& res);

// The console's refusals and failures as Google's error JSON, with the
// console's headers.
void console_error(Response& res, const GoogleError& e);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_CONSOLE_GATE_H_
