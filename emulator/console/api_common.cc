#include "emulator/console/api_common.h"

#include "emulator/common/env.h"
#include "emulator/console/console.h"
#include "emulator/handlers/cloud_common.h"

namespace genai::emulator::console_detail {

using nlohmann::json;

void add_route(Router& router, const std::shared_ptr<ConsoleGate>& gate, const char* method,
               const std::string& pattern, ConsoleHandler handler) {
  router.add(method, "/console/api/" + pattern,
             [gate, handler = std::move(handler)](const Request& req, Response& res) {
               if (!gate->admit(req, res)) return;
               handler(req, res);
             });
}

void reply(Response& res, const json& j, int status) {
  res.status = status;
  set_console_headers(res);
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

std::optional<json> body_object(const Request& req, Response& res) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  if (!j.is_object()) {
    console_error(res, invalid_argument("The body must be a JSON object."));
    return std::nullopt;
  }
  return j;
}

std::optional<std::string> string_field(const json& b, const char* name, Response& res) {
  auto it = b.find(name);
  if (it == b.end() || it->is_null()) return std::string();
  if (!it->is_string()) {
    console_error(res, invalid_argument(std::string(name) + " must be a string."));
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<std::vector<std::string>> strings_field(const json& b, const char* name, Response& res) {
  std::vector<std::string> out;
  auto it = b.find(name);
  if (it == b.end() || it->is_null()) return out;
  bool ok = it->is_array();
  if (ok) {
    for (const json& s : *it) {
      if (!s.is_string()) ok = false;
      else out.push_back(s.get<std::string>());
    }
  }
  if (!ok) {
    console_error(res, invalid_argument(std::string(name) + " must be a list of strings."));
    return std::nullopt;
  }
  return out;
}

std::optional<Project> project_of(ServerEnv& env, const std::string& id, Response& res) {
  std::optional<Project> p = env.state().project(id);
  if (!p) console_error(res, not_found("Project '" + id + "' was not found."));
  return p;
}

bool console_may(ServerEnv& env, const CloudCall& call, Response& res) {
  if (std::optional<GoogleError> refused = check_cloud_call(env, user_member(kConsoleUser), call)) {
    console_error(res, *refused);
    return false;
  }
  return true;
}

void state_failure(Response& res, const Error& e) { console_error(res, from_state_error(e)); }

}  // namespace genai::emulator::console_detail
