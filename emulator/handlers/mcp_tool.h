// generateContent's mcpServers tool on the emulator (Developer API), played
// as Google's side plays it: the model connects to each named server over
// MCP's Streamable HTTP transport (JSON-RPC 2.0 over POST; an answer as JSON
// or as server-sent events), initializes a session, lists the server's
// tools, calls the one whose name and description best match the prompt
// (arguments built from its inputSchema) and answers with what it returned.
//
// The emulator stays offline: it calls servers on loopback only
// (127.0.0.1, ::1, localhost, over http://); another address, a server that
// cannot be reached, or one that does not speak MCP is a 400 naming the
// server and why. Each exchange is bounded (5 s, 1 MiB).
#ifndef GENAI_EMULATOR_HANDLERS_MCP_TOOL_H_
#define GENAI_EMULATOR_HANDLERS_MCP_TOOL_H_

#include <optional>
#include <string>
#include <variant>

#include "emulator/common/errors.h"
#include "emulator/handlers/gemini_methods.h"

namespace genai::emulator {

// What the MCP tools said, as the model's answer: nullopt when the request
// declares no mcpServers (or is Vertex AI's, which refuses them earlier).
std::variant<std::optional<std::string>, GoogleError> mcp_answer_for(const GeminiCall& call,
                                                                     const std::string& prompt);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_MCP_TOOL_H_
