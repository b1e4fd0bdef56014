// AI Studio's "Get API key" → "Create API key in existing project": the one
// place the emulator makes an AI Studio key on a user's request. The console
// page (/console, emulator/console/) and the admin API's
// POST /emulator/v1/projects/{project}/aiStudioKeys (docs/console.md, which
// `genai demo` calls) both come here, so they fail and succeed alike:
//
//   auto made = create_ai_studio_key(env, "my-project", "");
//   if (auto* e = std::get_if<GoogleError>(&made)) send_error(res, *e);  // 403 until the API is on
//   else use(std::get<ApiKey>(made).key_string);                         // "AIza...", shown once
//
// As at AI Studio, the key is refused with "Failed to generate API key:
// permission denied. Please try again." while the project's Generative
// Language API is not enabled; once it is, the key is an AI Studio kind key
// restricted to that API.
#ifndef GENAI_EMULATOR_HANDLERS_AI_STUDIO_H_
#define GENAI_EMULATOR_HANDLERS_AI_STUDIO_H_

#include <string>
#include <variant>

#include "emulator/common/errors.h"
#include "emulator/state/state.h"

namespace genai::emulator {

class ServerEnv;

// `project` is a project id or number; an empty `display_name` gets AI
// Studio's "Gemini API Key". A project that does not exist is a 404.
// `principal` is the signed-in user ("user:a@b") AI Studio acts as: it must
// hold apikeys.keys.create on the project (the API Keys API's own check), or
// the same "permission denied" comes back. Empty: the admin API, which asks
// no one.
std::variant<ApiKey, GoogleError> create_ai_studio_key(ServerEnv& env, const std::string& project,
                                                       const std::string& display_name,
                                                       const std::string& principal = "");

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_AI_STUDIO_H_
