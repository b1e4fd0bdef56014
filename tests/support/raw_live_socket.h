// Test support: a small WebSocket client (Boost.Beast) for the emulator's
// Live API, independent of libgenai's own Live client, so a bug shared by
// both sides cannot hide. Every wait is bounded.
//
//   RawLiveSocket ws;
//   ASSERT_TRUE(ws.open(port, "/ws/...BidiGenerateContent?key=" + key));
//   ws.send_json({{"setup", {{"model", "models/gemini-live-2.5-flash-preview"}}}});
//   std::optional<nlohmann::json> m = ws.next();   // {"setupComplete":{}}
#ifndef GENAI_TESTS_SUPPORT_RAW_LIVE_SOCKET_H_
#define GENAI_TESTS_SUPPORT_RAW_LIVE_SOCKET_H_

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::testing {

class RawLiveSocket {
 public:
  RawLiveSocket();
  ~RawLiveSocket();
  RawLiveSocket(const RawLiveSocket&) = delete;
  RawLiveSocket& operator=(const RawLiveSocket&) = delete;

  // Connects and upgrades; false when the handshake failed (then
  // handshake_status() is the HTTP status the server answered, 0 if none).
  bool open(int port, const std::string& target, const std::map<std::string, std::string>& headers = {});
  int handshake_status() const { return handshake_status_; }

  bool send_text(const std::string& data);
  bool send_json(const nlohmann::json& j) { return send_text(j.dump()); }

  // The next message as JSON; nullopt when the connection closed (closed()
  // and close_code()/close_reason() tell how), broke, or `timeout` passed.
  std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Messages until one satisfies `stop` (included) or the connection ends.
  std::vector<nlohmann::json> until(const std::function<bool(const nlohmann::json&)>& stop,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10));
  bool last_was_binary() const { return last_binary_; }

  bool closed() const { return closed_; }        // a close frame came
  bool broken() const { return broken_; }        // the connection ended without one
  int close_code() const { return close_code_; }
  const std::string& close_reason() const { return close_reason_; }
  const std::string& error() const { return error_; }  // why the connection broke

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int handshake_status_ = 0;
  bool last_binary_ = false;
  bool closed_ = false;
  bool broken_ = false;
  int close_code_ = 0;
  std::string close_reason_;
  std::string error_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_RAW_LIVE_SOCKET_H_
