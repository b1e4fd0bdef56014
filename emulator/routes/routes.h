// Route registration: each file under routes/ serves one API surface and
// registers its handlers here. server.cc calls every function below once.
#ifndef GENAI_EMULATOR_ROUTES_ROUTES_H_
#define GENAI_EMULATOR_ROUTES_ROUTES_H_

#include <httplib.h>

namespace genai::emulator {

class ServerEnv;

// Credential system (routes/oauth.cc, metadata.cc, admin.cc).
void register_oauth_routes(httplib::Server& server, ServerEnv& env);     // POST /token, IAM Credentials
void register_metadata_routes(httplib::Server& server, ServerEnv& env);  // /computeMetadata/v1/...
void register_admin_routes(httplib::Server& server, ServerEnv& env);     // /emulator/v1/... scenario setup

// Gemini APIs (routes/generative_language.cc, vertex_ai.cc).
void register_generative_language_routes(httplib::Server& server, ServerEnv& env);  // /v1beta, /v1
void register_vertex_ai_routes(httplib::Server& server, ServerEnv& env);  // /v1/projects/..., /v1beta1/projects/...

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_ROUTES_ROUTES_H_
