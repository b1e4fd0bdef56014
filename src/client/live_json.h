// Internal: the Live API's messages as JSON, both ways, as python-genai's
// _live_converters and js-genai's live.ts write and read them (camelCase
// members, one message kind per object: setup, clientContent, realtimeInput,
// toolResponse; setupComplete, serverContent, toolCall, ... from the server).
#ifndef GENAI_SRC_CLIENT_LIVE_JSON_H_
#define GENAI_SRC_CLIENT_LIVE_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/live.h"
#include "genai/result.h"

namespace genai::internal {

// The members of "setup" for `model_resource` ("models/x", or Vertex AI's
// "projects/p/locations/l/publishers/google/models/x"): generationConfig
// (generate_content's serialisation), systemInstruction, tools,
// sessionResumption, transcription, realtimeInputConfig, ... A field the
// backend does not take is an error, as python-genai refuses it. Vertex AI
// defaults responseModalities to ["AUDIO"], as both SDKs do.
Result<nlohmann::json> live_setup_fields(bool vertexai, const std::string& model_resource,
                                         const LiveConnectConfig& config);

nlohmann::json live_client_content_message(const std::vector<Content>& turns, bool turn_complete);
nlohmann::json live_tool_response_message(const std::vector<FunctionResponse>& responses);

// The server's messages are read by parse_live_server_message (core/json_types.h).

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_LIVE_JSON_H_
