// What an emulator is started with: the options of the genai-emulator binary,
// of `genai demo`'s embedded emulator and of the tests' in-process servers.
// They live on the floor (common/) so that nothing below the frontend needs
// the server to know them.
#ifndef GENAI_EMULATOR_COMMON_OPTIONS_H_
#define GENAI_EMULATOR_COMMON_OPTIONS_H_

#include <chrono>
#include <cstdint>
#include <cstddef>
#include <string>
#include <string_view>

namespace genai::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                 // 0: an ephemeral port
  std::string state_file;       // load at start, save (atomically) on change; empty: in memory only
  std::uint64_t seed = 42;      // seeds the deterministic text generator
  std::string faults;           // fault-injection spec (see common/fault_injector.h); empty: none
  std::chrono::seconds token_lifetime{3600};  // lifetime of issued access tokens
  int requests_per_minute = 0;  // per-project quota; 0: unlimited
  bool log_requests = false;    // one line per request to stderr (secrets redacted)
  // Take the caller's IP from X-Forwarded-For (tests of IP-restricted keys
  // simulate other addresses this way). Off: the socket's address.
  bool trust_forwarded_for = false;
  int stream_chunk_delay_ms = 0;  // pause between streamed chunks
  // Google refuses caches below a model's minimum (1024 or 4096 tokens).
  // 0 (default): any size, so tests and demos can cache a sentence.
  int min_cache_tokens = 0;
  // Create a ready-to-use "demo" project (APIs enabled, an AI Studio key, a
  // service account with roles/aiplatform.user) when the state is empty.
  bool bootstrap_demo = false;

  // What protects the emulator from its callers (docs/emulator.md, "Limits
  // and the admin API").
  // Google refuses a request body over 20 MiB: "Request payload size exceeds
  // the limit: 20971520 bytes." A larger body is read and discarded, never kept.
  size_t max_request_bytes = 20u << 20;
  // JSON nested deeper than this is refused with a 400 before any handler
  // parses it (Google's JSON parser stops at 100 levels too).
  int max_json_depth = 100;
  // Every read of a request (a header line, a piece of the body) must arrive
  // within this, and an idle kept-alive connection is closed after it.
  std::chrono::seconds read_timeout{5};
  // Connections served at once, each on its own thread while it is open: a
  // slow client holds one, never anyone else's. More wait to be accepted.
  int max_connections = 256;
  // The admin API (/emulator/...) requires "Authorization: Bearer TOKEN" when
  // this is set. Server::start sets a random one when `host` is not a
  // loopback address and none was given (Server::admin_token() tells it).
  std::string admin_token;
  // Where Cloud Storage keeps object bytes and its index. Empty: next to
  // state_file ("<state_file>.storage/"), or without one a temporary
  // directory removed at exit.
  std::string storage_dir;
  // The Live API (docs/live.md): sessions open at once (more are refused),
  // the largest client message, a connection's longest life (goAway comes
  // live_go_away_lead before the end), how long a session may stay silent,
  // and the pause between the messages of a streamed answer.
  int live_max_sessions = 64;
  size_t live_max_message_bytes = 16u << 20;
  std::chrono::seconds live_max_session{600};
  std::chrono::seconds live_go_away_lead{10};
  std::chrono::seconds live_idle_timeout{300};
  int live_chunk_delay_ms = 20;
  // A Live session's context window in tokens (Google documents 128k for
  // the Live API): past it a session without contextWindowCompression ends,
  // and a sliding window's default trigger is 80% of it.
  std::int64_t live_context_window_tokens = 131072;
};

// Whether `host` (an address to bind, or a Host header's name) names this
// machine's loopback interface only: 127.0.0.0/8, ::1, localhost.
bool is_loopback_host(std::string_view host);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_OPTIONS_H_
