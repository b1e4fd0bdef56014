// The Live API's WebSocket, on the same port as the REST API: the HTTP
// frontend (frontend/connection.h) reads a connection's first request line
// and, when it is a GET of /ws/..., hands the socket here. Boost.Beast reads
// the rest of the upgrade request, accepts it (or answers Google's 404 for a
// path no Live endpoint has) and runs one LiveSession (handlers/
// live_session.h) on the calling thread until the connection ends; the open
// session is registered in LiveStore, so the admin API can send it goAway or
// drop it and Server::stop ends it. Beast stays in this one translation unit
// (it is slow to compile); docs/live-emulator.md says why Beast.
#ifndef GENAI_EMULATOR_FRONTEND_LIVE_SOCKET_H_
#define GENAI_EMULATOR_FRONTEND_LIVE_SOCKET_H_

#include <string>
#include <string_view>

namespace genai::emulator {

class ServerEnv;

// Whether a request line ("GET /ws/... HTTP/1.1") goes to the WebSocket side.
bool is_live_request_line(std::string_view line);

// Serves the connection `fd` (the bytes read from it so far in `head`) to
// its end, and closes `fd`.
void serve_live_connection(int fd, std::string head, ServerEnv& env);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_FRONTEND_LIVE_SOCKET_H_
