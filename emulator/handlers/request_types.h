// The JSON transcoder's type checks on Gemini request bodies: before a
// generateContent or countTokens request reaches the service, Google's front
// end parses it into the request proto, and a value a field cannot hold
// (`"temperature": "hot"`, `"text": 5`, `"parts": {}`) is a 400 naming the
// field by its proto path. The fields are request_fields.h's tables; names
// are already the JSON names here (request_names.h runs first, and refuses
// unknown ones).
#ifndef GENAI_EMULATOR_HANDLERS_REQUEST_TYPES_H_
#define GENAI_EMULATOR_HANDLERS_REQUEST_TYPES_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "emulator/handlers/request_fields.h"

namespace genai::emulator {

// `body` is a `message` (request_message()); `package` the proto package of
// the backend and version ("google.ai.generativelanguage.v1beta",
// "google.cloud.aiplatform.v1"), for message type URLs in errors. Numbers
// sent as strings ("0.5", which proto3's JSON mapping allows) are replaced
// by numbers, as the service would see them after parsing.
std::optional<GoogleError> check_request_types(nlohmann::ordered_json& body, const ProtoMessage& message,
                                               const std::string& package);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_REQUEST_TYPES_H_
