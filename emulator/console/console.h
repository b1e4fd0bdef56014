// genai-emulator's web console at /console: pages that mirror the Google
// Cloud Console and AI Studio screens of the credentials tutorial (projects,
// the API library, credentials, service accounts, IAM, AI Studio's "Get API
// key"), editing the same State the emulator's REST APIs use, so a change made
// in one is seen by the other at once (docs/console.md).
//
//   GET  /console                 the page (sets the session cookie)
//   GET  /console/static/NAME     its scripts and style sheet
//   *    /console/api/...         its JSON API (console/api.cc)
//
// The gate (console/gate.h) decides who may use it.
#ifndef GENAI_EMULATOR_CONSOLE_CONSOLE_H_
#define GENAI_EMULATOR_CONSOLE_CONSOLE_H_

#include <memory>
#include <string>

#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;
class ConsoleGate;

// The Console's signed-in user: a new project's owner. The same person the
// demo scenario makes demo-project's owner.
inline constexpr const char* kConsoleUser = "owner@example.com";

// Registers /console and its static files (console/routes.cc).
void register_console_routes(Router& router, ServerEnv& env);

// Registers /console/api/... behind `gate` (console/api.cc).
void register_console_api_routes(Router& router, ServerEnv& env, std::shared_ptr<ConsoleGate> gate);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_CONSOLE_CONSOLE_H_
