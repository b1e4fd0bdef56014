// What an emulator is started with: the options of the genai-emulator binary,
// of `genai demo`'s embedded emulator and of the tests' in-process servers.
// They live on the floor (common/) so that nothing below the frontend needs
// the server to know them.
#ifndef GENAI_EMULATOR_COMMON_OPTIONS_H_
#define GENAI_EMULATOR_COMMON_OPTIONS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace genai::emulator {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                 // 0: an ephemeral port
  std::string state_file;       // load at start, save (atomically) on change; empty: in memory only
  std::uint64_t seed = 42;      // seeds the deterministic text generator
  std::string faults;           // fault-injection spec (see faults/faults.h); empty: none
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
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_OPTIONS_H_
