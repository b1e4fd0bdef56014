// The emulator's own view of an API key, shared by its admin API
// (/emulator/v1/keys, handlers/admin.cc) and its web console
// (/console/api/.../keys, console/api.cc): flat fields a tool or a page reads
// without Google's nested Restrictions message (API Keys v2's shape is
// handlers/api_keys.cc's). Never the key string: a caller adds "keyString"
// itself, in the one answer that creates the key.
//
//   nlohmann::json j = key_view_json(key);
//   j["keyString"] = key.key_string;  // only when just created
#ifndef GENAI_EMULATOR_HANDLERS_KEY_VIEW_H_
#define GENAI_EMULATOR_HANDLERS_KEY_VIEW_H_

#include <nlohmann/json.hpp>

#include "emulator/state/state.h"

namespace genai::emulator {

// uid, name ("projects/{id}/locations/global/keys/{uid}"), displayName,
// projectId, kind ("console" or "studio"), apiTargets, allowedIps,
// allowedReferrers, deleted, expired, createTime.
nlohmann::json key_view_json(const ApiKey& k);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_KEY_VIEW_H_
