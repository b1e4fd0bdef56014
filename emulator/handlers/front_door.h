// What every request passes before a handler sees it, as Google's front end
// does: the size and nesting limits of a body, and for the emulator's own
// admin API (/emulator/...), the checks that keep other sites and other
// machines from driving it. Each returns the error to answer, or nullopt.
#ifndef GENAI_EMULATOR_HANDLERS_FRONT_DOOR_H_
#define GENAI_EMULATOR_HANDLERS_FRONT_DOOR_H_

#include <optional>
#include <string_view>

#include "emulator/common/errors.h"
#include "emulator/common/options.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

// The body's size against options.max_request_bytes, its JSON nesting
// against options.max_json_depth, and a NUL byte (never valid JSON). The nesting is counted in one pass over the
// bytes without parsing, so no later parse, dump or destructor recurses
// deeper than the limit.
std::optional<GoogleError> refuse_body(const Request& req, const ServerOptions& options);

// The deepest nesting of objects and arrays in `text`, counted outside JSON
// strings, stopping early once it passes `stop_after`.
int json_depth(std::string_view text, int stop_after);

// For a request to the admin API:
// - a browser's cross-site request (an Origin other than the Host) is refused;
// - a body must be sent as application/json (a cross-site form cannot);
// - with options.admin_token set, "Authorization: Bearer <token>" is required;
// - without one (bound to loopback), the Host must name loopback, so a DNS
//   name rebound to 127.0.0.1 by a web page cannot reach it.
std::optional<GoogleError> refuse_admin_request(const Request& req, const ServerOptions& options);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_FRONT_DOOR_H_
