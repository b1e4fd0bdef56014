// Internal: turns ClientOptions plus the environment into one resolved
// configuration, with the official SDKs' precedence, in one place (as
// go-genai's client.go). Nothing else in the library reads the environment
// for client configuration.
#ifndef GENAI_SRC_CLIENT_CONFIG_H_
#define GENAI_SRC_CLIENT_CONFIG_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/env.h"
#include "genai/auth/resolve.h"
#include "genai/client.h"
#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai::internal {

struct ResolvedOptions {
  ClientConfig config;              // what the user can inspect
  std::string api_key;              // the key in use, if any (secret: never logged)
  std::vector<ResolverNote> warnings;  // printed once by the caller (e.g. both key variables set)
  std::vector<ResolverNote> notes;     // decisions to explain, not print (ResolvedCredentials::notes)
  std::string project_source;         // where config.project came from, if set
};

// Applies: explicit options, then environment variables (GOOGLE_API_KEY over
// GEMINI_API_KEY, GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT,
// GOOGLE_CLOUD_LOCATION, GOOGLE_GEMINI_BASE_URL, GOOGLE_VERTEX_BASE_URL), then
// defaults. Returns kInvalidArgument for contradictory options.
Result<ResolvedOptions> resolve_options(const ClientOptions& options, const EnvProvider& env);

// A libcurl transport with the transport settings of `options` (timeouts,
// TLS, trace): the one place HttpOptions become TransportOptions.
std::shared_ptr<HttpTransport> make_transport(const HttpOptions& options);

// The default base URL of the Vertex AI endpoint for a location:
// "global" -> aiplatform.googleapis.com, "us"/"eu" -> aiplatform.{us|eu}.rep.googleapis.com,
// others -> {location}-aiplatform.googleapis.com.
std::string vertex_base_url(std::string_view location);

// The resource name of a model as the backend wants it in a URL path
// (python-genai's t_model): Developer API "gemini-x" -> "models/gemini-x";
// Vertex "gemini-x" -> "publishers/google/models/gemini-x",
// "meta/llama" -> "publishers/meta/models/llama".
Result<std::string> model_resource(const ClientConfig& config, std::string_view model);

// "projects/{project}/locations/{location}/": where a Vertex AI resource
// named relative to the client's project and location lives.
std::string vertex_parent(const ClientConfig& config);

// The model of a cache (python-genai's t_caches_model): as model_resource,
// and on Vertex AI always under "projects/{p}/locations/{l}/".
Result<std::string> caches_model(const ClientConfig& config, std::string_view model);

// A cache's full resource name (python-genai's t_cached_content_name):
// Developer API "abc" -> "cachedContents/abc"; Vertex AI "abc" or
// "cachedContents/abc" -> "projects/{p}/locations/{l}/cachedContents/abc",
// "locations/l/..." -> "projects/{p}/locations/l/...". Anything else as given.
std::string cached_content_name(const ClientConfig& config, std::string_view name);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_CONFIG_H_
