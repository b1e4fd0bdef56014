// Field names as Google's JSON transcoder reads them: a field may come by its
// JSON name (`systemInstruction`) or its proto name (`system_instruction`), at
// any depth, and clients mix them (the Python SDK sends camelCase at the top
// and snake_case inside the objects it passes through: `thinking_config:
// {include_thoughts, thinking_budget}`, `function_call: {name, args}`).
// normalize_field_names() rewrites a body to the JSON names once, when it is
// parsed, so every handler reads camelCase only. It walks the tables of
// request_fields.h, so user data (function call args, schema property names,
// labels, google.protobuf.Value fields) keeps its keys as sent.
#ifndef GENAI_EMULATOR_HANDLERS_REQUEST_NAMES_H_
#define GENAI_EMULATOR_HANDLERS_REQUEST_NAMES_H_

#include <optional>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "emulator/handlers/request_fields.h"

namespace genai::emulator {

// Renames every field of `body` (a `message`) and of the messages inside it to
// its JSON name, keeping the order of keys. Errors, as the transcoder's:
// names no field has (all of them, with where they are), or one field sent
// under both names. Values of the wrong type are left for check_request_types.
// A field `backend` lacks (ProtoField::only) is an unknown name there.
std::optional<GoogleError> normalize_field_names(nlohmann::ordered_json& body, const ProtoMessage& message,
                                                 Backend backend = Backend::kBoth);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_REQUEST_NAMES_H_
