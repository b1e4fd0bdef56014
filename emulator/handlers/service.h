// Google's side as one function: a parsed Request in, a Response out, with
// no socket in sight. Service owns the one Router (every handler registered
// once, handlers.h) and does what every request gets: the request log, the
// front door (body limits, the admin API's guard: front_door.h), fault
// injection, routing, Google's answer when a handler throws, and saving the
// state file after a change. The HTTP frontend (frontend/server.cc) is a thin
// translation around handle(); tests call handle() directly:
//
//   ServerEnv env(ServerOptions{});
//   Service service(env);
//   Request req{.method = "GET", .path = "/v1beta/models", .headers = {{"x-goog-api-key", key}}};
//   Response res = service.handle(std::move(req));   // res.status == 200
#ifndef GENAI_EMULATOR_HANDLERS_SERVICE_H_
#define GENAI_EMULATOR_HANDLERS_SERVICE_H_

#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

class Service {
 public:
  explicit Service(ServerEnv& env);
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Answers one request. Safe to call from many threads at once.
  Response handle(Request req) const;

  const Router& router() const { return router_; }

 private:
  ServerEnv& env_;
  Router router_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_SERVICE_H_
