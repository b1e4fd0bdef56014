// The handlers' registration: each file under handlers/ serves one API
// surface and adds its routes to the one Router. Service (service.h) calls
// every function below once.
#ifndef GENAI_EMULATOR_HANDLERS_HANDLERS_H_
#define GENAI_EMULATOR_HANDLERS_HANDLERS_H_

#include "emulator/handlers/http.h"

namespace genai::emulator {

class ServerEnv;

// Scenario setup: /emulator/v1/... (handlers/admin.cc).
void register_admin_routes(Router& router, ServerEnv& env);

// The Gemini Developer API: /v1beta and /v1 (handlers/generative_language.cc).
void register_generative_language_routes(Router& router, ServerEnv& env);

// Vertex AI publisher models: /v1 and /v1beta1 (handlers/vertex_ai.cc).
void register_vertex_ai_routes(Router& router, ServerEnv& env);

// Context caches on both: /v1beta/cachedContents and
// /v1beta1/projects/{p}/locations/{l}/cachedContents (handlers/cached_contents.cc).
void register_cached_contents_routes(Router& router, ServerEnv& env);

// Vertex AI tuning jobs and tuned models; the Developer API's (empty)
// tunedModels (handlers/tuning_jobs.cc).
void register_tuning_routes(Router& router, ServerEnv& env);

// Veo's operations on the Developer API: GET {name} of an operation
// (handlers/video_methods.cc); the videos it made are files (file_methods.h).
void register_video_routes(Router& router, ServerEnv& env);

// The Files API: uploads, files.get/list/delete/download (handlers/file_methods.cc).
void register_file_routes(Router& router, ServerEnv& env);

// File Search stores, their uploads, imports, operations and documents
// (handlers/file_search_methods.cc).
void register_file_search_routes(Router& router, ServerEnv& env);

// The OAuth 2.0 token endpoint: /token, /tokeninfo (handlers/oauth.cc).
void register_oauth_routes(Router& router, ServerEnv& env);

// IAM Service Account Credentials: generateAccessToken (handlers/iam_credentials.cc).
void register_iam_credentials_routes(Router& router, ServerEnv& env);

// The GCE metadata server: /computeMetadata/v1/... (handlers/metadata.cc).
void register_metadata_routes(Router& router, ServerEnv& env);

// Cloud Resource Manager: projects, project IAM policies (handlers/resource_manager.cc).
void register_resource_manager_routes(Router& router, ServerEnv& env);

// Service Usage: enabling APIs (handlers/service_usage.cc).
void register_service_usage_routes(Router& router, ServerEnv& env);

// API Keys v2 (handlers/api_keys.cc).
void register_api_keys_routes(Router& router, ServerEnv& env);

// IAM: service accounts and their keys (handlers/iam_admin.cc).
void register_iam_admin_routes(Router& router, ServerEnv& env);

// Cloud Storage JSON API: buckets, bucket IAM, objects (handlers/storage_methods.cc)
// and uploads under /upload/storage/v1 (handlers/storage_uploads.cc).
void register_storage_routes(Router& router, ServerEnv& env);
void register_storage_upload_routes(Router& router, ServerEnv& env);

// Batches on both: /v1beta/batches and .../batchPredictionJobs (handlers/batch_methods.cc).
void register_batch_routes(Router& router, ServerEnv& env);

// The web console: /console and /console/api/... (console/console.h).
void register_console_routes(Router& router, ServerEnv& env);
// The Live API's ephemeral tokens: POST /v1alpha/auth_tokens (handlers/live_setup.cc).
void register_auth_token_routes(Router& router, ServerEnv& env);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_HANDLERS_H_
