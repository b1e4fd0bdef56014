// genai-emulator's server: a cpp-httplib server on its own thread, holding one
// ServerEnv. Used by the genai-emulator binary, by `genai demo` and by the
// tests, which start it in-process on an ephemeral port:
//
//   auto server = genai::emulator::Server::start({.port = 0});
//   std::string url = (*server)->base_url();   // "http://127.0.0.1:41234"
//   ...
//   (*server)->stop();                          // also done by the destructor
#ifndef GENAI_EMULATOR_SERVER_SERVER_H_
#define GENAI_EMULATOR_SERVER_SERVER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "genai/result.h"

namespace genai::emulator {

class ServerEnv;

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

class Server {
 public:
  // Binds, starts serving on a background thread and returns once the socket
  // accepts connections.
  static Result<std::unique_ptr<Server>> start(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const;
  std::string base_url() const;  // "http://host:port"
  ServerEnv& env();
  void stop();  // idempotent; blocks until the serving thread has exited

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_SERVER_SERVER_H_
