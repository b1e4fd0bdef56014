// What the Live API (BidiGenerateContent over WebSocket) keeps between
// messages and connections: the open sessions (so the admin API can send
// them goAway or drop them, and Server::stop can end them), the sessions a
// sessionResumption handle brings back, and the ephemeral tokens
// (auth_tokens/...) that admit a browser to one Live session. Thread-safe;
// in memory only. The sessions' protocol is handlers/live_session.h; the
// WebSocket itself is frontend/live_socket.h.
#ifndef GENAI_EMULATOR_STATE_LIVE_STORE_H_
#define GENAI_EMULATOR_STATE_LIVE_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// One open Live connection as the rest of the emulator can act on it; the
// WebSocket frontend implements it. Every call may come from any thread.
class LiveLink {
 public:
  virtual ~LiveLink() = default;
  // Sends goAway {timeLeft} and closes the connection once `left` has passed.
  virtual void go_away(std::chrono::seconds left) = 0;
  // Drops the TCP connection without a close frame (a network cut).
  virtual void drop() = 0;
  // The server is stopping: close at once (1001 going away).
  virtual void shutdown() = 0;
};

struct LiveSessionInfo {
  std::string id;
  std::string model;    // "models/..." or "projects/.../models/..." once set up; empty before
  std::string project;  // the caller's project once set up
};

// A session a resumption handle brings back: its history, and what
// transparent resumption needs to go on from the very message the handle
// covers: the user's turn of audio still being spoken. (The resumed
// connection sends its own setup.) Transparent resumption saves a handle
// per client message, most of them between two turns: they share one
// history (LiveHistory::snapshot), so a handle costs the same whatever the
// length of the conversation.
struct SavedLiveSession {
  std::string project;
  std::string model;
  std::shared_ptr<const nlohmann::ordered_json> history;  // never null
  std::size_t history_bytes = 0;                           // its JSON's size
  // Client messages (after setup, on every connection) the state holds.
  std::int64_t client_messages = 0;
  // Client messages of the connection that issued the handle: its
  // sessionResumptionUpdate.lastConsumedClientMessageIndex.
  std::int64_t connection_index = 0;
  bool in_activity = false;
  std::int64_t turn_samples = 0;
  int turn_rate = 16000;
  std::int64_t silence_samples = 0;
};

struct EphemeralToken {
  std::string name;     // "auth_tokens/..."
  std::string project;  // the project of the API key that created it
  int uses = 1;         // 0: no limit
  int used = 0;
  std::chrono::system_clock::time_point expire_time;
  std::chrono::system_clock::time_point new_session_expire_time;
  nlohmann::ordered_json setup;  // bidiGenerateContentSetup; null: no constraint
  // fieldMask's paths ("generationConfig.temperature"); when a setup is
  // given without a mask, every field of the session comes from the token.
  std::vector<std::string> field_mask;
  bool has_field_mask = false;
};

class LiveStore {
 public:
  // Registers an open connection; false when `max_sessions` are open or the
  // server is stopping (the caller then refuses the session).
  bool open(const std::string& id, std::shared_ptr<LiveLink> link, size_t max_sessions);
  void set_info(const std::string& id, const std::string& model, const std::string& project);
  void close(const std::string& id);
  std::vector<LiveSessionInfo> sessions() const;
  // goAway / drop for the session `id`, or for every session when `id` is
  // empty; returns how many were reached.
  size_t go_away(const std::string& id, std::chrono::seconds left);
  size_t drop(const std::string& id);
  // Server::stop: no new sessions; every open one is told to close.
  void shutdown_all();

  // A new resumption handle for `s` (the newest 4096 are kept, and no more
  // than 256 MiB of them, a shared history counted once per handle).
  std::string save(SavedLiveSession s);
  std::optional<SavedLiveSession> resume(const std::string& handle) const;

  void put_token(EphemeralToken t);
  // Spends one use of `name` to open a session at `now`; nullopt when the
  // token is unknown, expired, past its newSessionExpireTime or used up.
  // Resuming a session (`resuming`) spends no use and may come after
  // newSessionExpireTime, as Google documents.
  std::optional<EphemeralToken> use_token(const std::string& name, std::chrono::system_clock::time_point now,
                                          bool resuming);

 private:
  struct Open {
    std::shared_ptr<LiveLink> link;
    LiveSessionInfo info;
  };
  std::vector<std::shared_ptr<LiveLink>> links_for(const std::string& id) const;

  mutable std::mutex mu_;
  bool stopping_ = false;
  std::map<std::string, Open> open_;
  struct Saved {
    SavedLiveSession session;
    size_t bytes = 0;  // about what it holds
  };
  std::map<std::string, Saved> saved_;
  std::deque<std::string> saved_order_;
  size_t saved_bytes_ = 0;
  std::map<std::string, EphemeralToken> tokens_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_LIVE_STORE_H_
