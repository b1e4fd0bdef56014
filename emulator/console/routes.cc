// The console's page and static files, each behind the gate.
#include <memory>

#include "emulator/common/env.h"
#include "emulator/console/assets.h"
#include "emulator/console/console.h"
#include "emulator/console/gate.h"
#include "emulator/handlers/handlers.h"

namespace genai::emulator {
namespace {

void send_asset(Response& res, const char* name) {
  const ConsoleAsset* a = find_console_asset(name);
  if (!a) return console_error(res, not_found("genai-emulator console: no file " + std::string(name) + "."));
  res.status = 200;
  set_console_headers(res);
  res.set_content(std::string(a->body), a->content_type);
}

}  // namespace

void register_console_routes(Router& router, ServerEnv& env) {
  // One gate for the server's lifetime, shared by the routes below (the
  // router keeps the handlers, and each handler keeps the gate alive).
  auto gate = std::make_shared<ConsoleGate>(env.options());
  router.get("/console/?", [gate](const Request& req, Response& res) {
    if (!gate->open_page(req, res)) return;
    send_asset(res, "index.html");
  });
  router.get(R"(/console/static/([A-Za-z0-9_.-]+))", [gate](const Request& req, Response& res) {
    if (!gate->admit(req, res)) return;
    if (req.matches[1] == "index.html") return console_error(res, not_found("genai-emulator console: no such file."));
    send_asset(res, req.matches[1].c_str());
  });
  register_console_api_routes(router, env, gate);
}

}  // namespace genai::emulator
