// Route registration: each file under routes/ serves one API surface and
// registers its handlers here. server.cc calls every function below once.
#ifndef GENAI_EMULATOR_ROUTES_ROUTES_H_
#define GENAI_EMULATOR_ROUTES_ROUTES_H_

#include <httplib.h>

namespace genai::emulator {

class ServerEnv;

// Scenario setup: /emulator/v1/... (routes/admin.cc).
void register_admin_routes(httplib::Server& server, ServerEnv& env);

// The Gemini Developer API: /v1beta and /v1 (routes/generative_language.cc).
void register_generative_language_routes(httplib::Server& server, ServerEnv& env);

// Vertex AI publisher models: /v1 and /v1beta1 (routes/vertex_ai.cc).
void register_vertex_ai_routes(httplib::Server& server, ServerEnv& env);

// Context caches on both: /v1beta/cachedContents and
// /v1beta1/projects/{p}/locations/{l}/cachedContents (routes/cached_contents.cc).
void register_cached_contents_routes(httplib::Server& server, ServerEnv& env);

// The OAuth 2.0 token endpoint: /token, /tokeninfo (routes/oauth.cc).
void register_oauth_routes(httplib::Server& server, ServerEnv& env);

// IAM Service Account Credentials: generateAccessToken (routes/iam_credentials.cc).
void register_iam_credentials_routes(httplib::Server& server, ServerEnv& env);

// The GCE metadata server: /computeMetadata/v1/... (routes/metadata.cc).
void register_metadata_routes(httplib::Server& server, ServerEnv& env);

// Cloud Resource Manager: projects, project IAM policies (routes/resource_manager.cc).
void register_resource_manager_routes(httplib::Server& server, ServerEnv& env);

// Service Usage: enabling APIs (routes/service_usage.cc).
void register_service_usage_routes(httplib::Server& server, ServerEnv& env);

// API Keys v2 (routes/api_keys.cc).
void register_api_keys_routes(httplib::Server& server, ServerEnv& env);

// IAM: service accounts and their keys (routes/iam_admin.cc).
void register_iam_admin_routes(httplib::Server& server, ServerEnv& env);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_ROUTES_ROUTES_H_
