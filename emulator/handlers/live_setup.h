// The Live API's setup rules and its ephemeral tokens: which models answer
// BidiGenerateContent, which setups they take, how a token's locked
// bidiGenerateContentSetup shapes a session's setup, and POST
// /v1alpha/auth_tokens, which mints the tokens (body as python-genai's
// tokens.py and js-genai's tokens.ts send it: uses, expireTime,
// newSessionExpireTime, bidiGenerateContentSetup, fieldMask).
#ifndef GENAI_EMULATOR_HANDLERS_LIVE_SETUP_H_
#define GENAI_EMULATOR_HANDLERS_LIVE_SETUP_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;
struct EphemeralToken;

// The models the Live API serves, by id ("gemini-live-2.5-flash-preview").
bool is_live_model(const std::string& id);
// Google's 400 (sent as a close 1007) for responseModalities the model
// cannot give: more than one, an unknown one, or TEXT on a native-audio model.
std::optional<GoogleError> check_live_setup(const std::string& model_id, const nlohmann::ordered_json& setup);
// Whether the session answers in speech (responseModalities AUDIO, the default).
bool live_wants_audio(const nlohmann::ordered_json& setup);
// The setup a session opened with `token` runs with: with no locked setup
// the client's; with one and no fieldMask, the token's (the client's model
// when the token names none); with a fieldMask, the client's with each
// masked field taken from the token.
nlohmann::ordered_json constrained_setup(const EphemeralToken& token, const nlohmann::ordered_json& client_setup);
// A Vertex AI session id for setupComplete.
std::string random_session_id();

// POST /v1alpha/auth_tokens (handlers/live_setup.cc).
void register_auth_token_routes(Router& router, ServerEnv& env);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_LIVE_SETUP_H_
