// What the console's JSON API files share (console/api.cc, api_identity.cc):
// routes behind the gate, JSON bodies and answers, the project in the path.
#ifndef GENAI_EMULATOR_CONSOLE_API_COMMON_H_
#define GENAI_EMULATOR_CONSOLE_API_COMMON_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "emulator/console/gate.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/http.h"
#include "emulator/state/state.h"

namespace genai::emulator {

class ServerEnv;

namespace console_detail {

using ConsoleHandler = std::function<void(const Request&, Response&)>;

// Adds `handler` for METHOD /console/api/<pattern>, run only once the gate
// admits the request.
void add_route(Router& router, const std::shared_ptr<ConsoleGate>& gate, const char* method,
               const std::string& pattern, ConsoleHandler handler);

// 200 (or `status`) with `j` and the console's headers.
void reply(Response& res, const nlohmann::json& j, int status = 200);

// The body as a JSON object ({} when empty), or nullopt with a 400 sent.
std::optional<nlohmann::json> body_object(const Request& req, Response& res);

// b[name] as a string ("" when absent); nullopt with a 400 sent when it is not one.
std::optional<std::string> string_field(const nlohmann::json& b, const char* name, Response& res);
// b[name] as a list of strings (empty when absent); nullopt with a 400 sent otherwise.
std::optional<std::vector<std::string>> strings_field(const nlohmann::json& b, const char* name, Response& res);

// The project named in the path (id or number), or nullopt with a 404 sent.
std::optional<Project> project_of(ServerEnv& env, const std::string& id, Response& res);

// Whether the console's signed-in user (console.h's kConsoleUser) may make
// `call`: the REST API's own permission check (check_cloud_call), as the real
// Console acts with its user's rights. False with Google's 403 sent otherwise.
bool console_may(ServerEnv& env, const CloudCall& call, Response& res);

// A State error as Google's error (cloud_common.h's mapping), sent.
void state_failure(Response& res, const Error& e);

}  // namespace console_detail

// The console's identity pages: service accounts and their keys, IAM, the
// OAuth consent screen and OAuth clients (console/api_identity.cc).
void register_console_identity_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_CONSOLE_API_COMMON_H_
