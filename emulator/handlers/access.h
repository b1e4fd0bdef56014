// Who is calling, and may they? The one place the emulator authenticates a
// request and enforces what Google enforces: API key validity and
// restrictions, OAuth access tokens and self-signed JWTs, API enablement of the
// consumer project, IAM permissions, and the per-project quota.
#ifndef GENAI_EMULATOR_HANDLERS_ACCESS_H_
#define GENAI_EMULATOR_HANDLERS_ACCESS_H_

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "emulator/handlers/http.h"

#include "emulator/common/errors.h"

namespace genai::emulator {

class ServerEnv;

struct Caller {
  enum class Kind { kApiKey, kAccessToken, kSelfSignedJwt };
  Kind kind = Kind::kApiKey;
  std::string principal;      // "serviceAccount:x@p.iam.gserviceaccount.com", "user:a@b", or "apiKey:<key id>"
  std::string project_id;     // the consumer project (the key's project, or the account's)
};

// The OAuth scopes that admit a token to `service`.
bool scopes_cover(std::string_view scopes, std::string_view service);

struct AccessCheck {
  std::string service;        // "generativelanguage.googleapis.com" or "aiplatform.googleapis.com"
  std::string api_method;     // e.g. "google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent"
  // IAM permission required of an OAuth caller, e.g. "aiplatform.endpoints.predict"; empty: none.
  std::string permission;
  // Resource project from the URL (Vertex AI /projects/{p}/...); empty for the Developer API.
  std::string resource_project;
  // The full resource name named in an IAM denial, e.g.
  // "//aiplatform.googleapis.com/projects/p/locations/l/publishers/google/models/m".
  std::string resource;
  bool allow_api_key = true;  // Vertex AI accepts keys only in express mode
  std::string model;          // the model in the URL, named in quota errors; may be empty
  // What to answer when the caller lacks `permission`; unset: Vertex AI's
  // IAM_PERMISSION_DENIED on `resource`. Each management API words it its own way.
  std::optional<GoogleError> denial;
};

// Authenticates `req` and checks `check`. On success returns the caller; on
// failure returns the exact Google error to send back.
std::variant<Caller, GoogleError> authorize(ServerEnv& env, const Request& req,
                                            const AccessCheck& check);

// What authorize() checks once it knows the caller: the resource project
// exists, the region, the API enabled in the consumer project, billing, the
// IAM permission, the quota. The web console runs it for its signed-in user
// (through check_cloud_call, handlers/cloud_common.h), so the console is
// refused exactly where Google's REST API would refuse that user.
std::optional<GoogleError> check_caller(ServerEnv& env, const Caller& caller, const AccessCheck& check);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_ACCESS_H_
