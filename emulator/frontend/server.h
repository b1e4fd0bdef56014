// genai-emulator's HTTP frontend: a cpp-httplib server on its own thread. It
// turns each request into a handlers' Request, hands it to the one Service
// (handlers/service.h) and writes the Response back; nothing else. Used by
// the genai-emulator binary, by `genai demo` and by the tests, which start it
// in-process on an ephemeral port:
//
//   auto server = genai::emulator::Server::start({.port = 0});
//   std::string url = (*server)->base_url();   // "http://127.0.0.1:41234"
//   ...
//   (*server)->stop();                          // also done by the destructor
#ifndef GENAI_EMULATOR_FRONTEND_SERVER_H_
#define GENAI_EMULATOR_FRONTEND_SERVER_H_

#include <memory>
#include <string>

#include "emulator/common/options.h"
#include "genai/result.h"

namespace genai::emulator {

class ServerEnv;

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
  // What the admin API requires as "Authorization: Bearer ..."; empty when
  // bound to loopback without --admin-token (then none is needed).
  const std::string& admin_token() const;
  void stop();  // idempotent; blocks until the serving thread has exited

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_FRONTEND_SERVER_H_
