#include "emulator/handlers/ai_studio.h"

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/cloud_common.h"

namespace genai::emulator {

std::variant<ApiKey, GoogleError> create_ai_studio_key(ServerEnv& env, const std::string& project,
                                                       const std::string& display_name,
                                                       const std::string& principal) {
  const std::optional<Project> p = env.state().project(project);
  if (!p) return not_found("Project '" + project + "' was not found.");
  // AI Studio makes the key through the project's Generative Language API;
  // with the API off it says no more than "permission denied".
  if (!p->enabled_services.count(kGenerativeLanguage)) {
    return ai_studio_key_denied(kGenerativeLanguage, service_title(kGenerativeLanguage), p->number);
  }
  if (!principal.empty()) {
    const CloudCall call = api_keys_call(env, p->id, "", "CreateKey", "apikeys.keys.create");
    if (check_cloud_call(env, principal, call)) {
      return ai_studio_key_iam_denied(call.permission, "//apikeys.googleapis.com/projects/" + p->number +
                                                           "/locations/global");
    }
  }
  ApiKey key;
  key.project_id = p->id;
  key.kind = ApiKey::Kind::kStudio;  // State restricts it to the Generative Language API
  key.display_name = display_name;
  key.create_time = key.update_time = rfc3339(env.clock().now());
  auto created = env.state().create_key(key);
  if (!created) return from_state_error(created.error());
  return *created;
}

}  // namespace genai::emulator
