// The emulator's HTTP server: cpp-httplib's, with its connection loop
// replaced so that the Live API's WebSocket shares the REST API's port.
// cpp-httplib 0.11 cannot hand a connection over to anything else, so
// FrontDoorServer overrides its (private, virtual) process_and_close_socket:
// it reads the first bytes of the connection; a GET of /ws/... goes to the
// WebSocket side (frontend/live_socket.h), anything else to cpp-httplib's
// own request processing (the protected process_request), driven by the
// same keep-alive loop, limits and timeouts as cpp-httplib's.
#ifndef GENAI_EMULATOR_FRONTEND_CONNECTION_H_
#define GENAI_EMULATOR_FRONTEND_CONNECTION_H_

#include <httplib.h>

namespace genai::emulator {

class ServerEnv;

class FrontDoorServer : public httplib::Server {
 public:
  explicit FrontDoorServer(ServerEnv& env) : env_(env) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  // Waits until the next request's first byte can be read (or is buffered);
  // false once the server stops or keep_alive_timeout passes.
  bool wait_for_request(httplib::Stream& strm, bool buffered) const;

  ServerEnv& env_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_FRONTEND_CONNECTION_H_
