#include "emulator/handlers/service.h"

#include <exception>
#include <iostream>

#include <nlohmann/json.hpp>

#include "emulator/common/env.h"
#include "emulator/handlers/faults.h"
#include "emulator/handlers/front_door.h"
#include "emulator/handlers/handlers.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

// nlohmann's exceptions come from a request field of the wrong JSON type
// (`"mimeType": 5`), which Google's JSON parser rejects with a 400.
GoogleError wrong_json_type(const nlohmann::json::exception& e) {
  std::string what = e.what();  // "[json.exception.type_error.302] type must be string, but is number"
  if (const size_t end = what.find("] "); what.rfind("[json.exception.", 0) == 0 && end != std::string::npos) {
    what.erase(0, end + 2);
  }
  return invalid_argument("Invalid JSON payload received. A field has the wrong type (" + what + ").");
}

}  // namespace

Service::Service(ServerEnv& env) : env_(env) {
  register_admin_routes(router_, env);
  register_generative_language_routes(router_, env);
  register_vertex_ai_routes(router_, env);
  register_cached_contents_routes(router_, env);
  register_tuning_routes(router_, env);
  register_video_routes(router_, env);
  register_file_routes(router_, env);
  register_oauth_routes(router_, env);
  register_metadata_routes(router_, env);
  register_iam_credentials_routes(router_, env);
  register_resource_manager_routes(router_, env);
  register_service_usage_routes(router_, env);
  register_api_keys_routes(router_, env);
  register_iam_admin_routes(router_, env);
  register_storage_routes(router_, env);
  register_storage_upload_routes(router_, env);
  register_batch_routes(router_, env);
  register_console_routes(router_, env);
  register_auth_token_routes(router_, env);
  register_file_search_routes(router_, env);
}

Response Service::handle(Request req) const {
  Response res;
  if (env_.options().log_requests) std::cerr << "genai-emulator: " << req.method << " " << req.path << "\n";
  std::optional<GoogleError> refusal = refuse_body(req, env_.options());
  if (!refusal && req.path.rfind("/emulator/", 0) == 0) refusal = refuse_admin_request(req, env_.options());
  if (refusal) {
    send_error(res, *refusal);
    return res;
  }
  if (apply_faults(env_, req, res)) return res;
  const Handler* handler = router_.find(req);
  if (!handler) {
    send_unknown_url(res, req.path);
    return res;
  }
  // A handler that throws must still answer as Google does, never with an
  // empty 500; anything but a JSON type error is the emulator's own fault.
  try {
    (*handler)(req, res);
  } catch (const nlohmann::json::exception& e) {
    res = Response();
    send_error(res, wrong_json_type(e));
  } catch (const std::exception& e) {
    std::cerr << "genai-emulator: internal error in " << req.method << " " << req.path << ": " << e.what() << "\n";
    res = Response();
    send_error(res, internal_error());
  } catch (...) {
    std::cerr << "genai-emulator: internal error in " << req.method << " " << req.path << "\n";
    res = Response();
    send_error(res, internal_error());
  }
  // Persist after every change made through the API.
  if (req.method != "GET" && req.method != "HEAD" && !env_.options().state_file.empty()) {
    (void)env_.state().save_file(env_.options().state_file);
  }
  return res;
}

}  // namespace genai::emulator
