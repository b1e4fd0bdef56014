#include "client/config.h"

#include <algorithm>
#include <cctype>

#include "core/errors.h"
#include "core/url.h"

namespace genai::internal {
namespace {

constexpr std::string_view kGeminiBaseUrl = "https://generativelanguage.googleapis.com";

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

std::shared_ptr<HttpTransport> make_transport(const HttpOptions& options) {
  TransportOptions t;
  t.connect_timeout = options.connect_timeout;
  t.timeout = options.timeout;
  t.verify_tls = options.verify_tls;
  t.ca_bundle = options.ca_bundle;
  t.proxy = options.proxy;
  t.max_response_bytes = options.max_response_bytes;
  t.trace = options.trace;
  return make_curl_transport(t);
}

std::string vertex_base_url(std::string_view location) {
  if (location.empty() || location == "global") return "https://aiplatform.googleapis.com";
  if (location == "us" || location == "eu") return "https://aiplatform." + std::string(location) + ".rep.googleapis.com";
  return "https://" + std::string(location) + "-aiplatform.googleapis.com";
}

Result<ResolvedOptions> resolve_options(const ClientOptions& options, const EnvProvider& env_in) {
  const EnvProvider env = options.use_environment ? env_in : map_env({});
  ResolvedOptions out;
  ClientConfig& c = out.config;

  c.vertexai = options.vertexai.value_or(false);
  if (!options.vertexai) {
    // python-genai's rule: GOOGLE_GENAI_USE_ENTERPRISE (the newer name) wins
    // over GOOGLE_GENAI_USE_VERTEXAI, with a warning when they disagree; a set
    // variable is true only for "true" or "1" (any case).
    auto sdk_bool = [](std::string v) {
      std::transform(v.begin(), v.end(), v.begin(), [](unsigned char ch) { return std::tolower(ch); });
      return v == "true" || v == "1";
    };
    const std::optional<std::string> enterprise = env("GOOGLE_GENAI_USE_ENTERPRISE");
    const std::optional<std::string> vertex = env("GOOGLE_GENAI_USE_VERTEXAI");
    if (enterprise && vertex && sdk_bool(*enterprise) != sdk_bool(*vertex)) {
      out.warnings.push_back({ResolverNote::Code::kVertexVariablesDisagree, "GOOGLE_GENAI_USE_ENTERPRISE",
                              "Both GOOGLE_GENAI_USE_ENTERPRISE and GOOGLE_GENAI_USE_VERTEXAI are set with "
                              "conflicting values. The value of GOOGLE_GENAI_USE_ENTERPRISE will be used."});
    }
    if (enterprise) {
      c.vertexai = sdk_bool(*enterprise);
    } else if (vertex) {
      c.vertexai = sdk_bool(*vertex);
    }
  }

  // API key: explicit, else GOOGLE_API_KEY over GEMINI_API_KEY (python-genai's
  // rule and warning). An explicit credential object beats keys from the
  // environment.
  out.api_key = options.api_key;
  const bool explicit_credentials = options.credentials != nullptr;
  if (out.api_key.empty() && !explicit_credentials) {
    auto google = env_non_empty(env, "GOOGLE_API_KEY");
    auto gemini = env_non_empty(env, "GEMINI_API_KEY");
    if (google && gemini) {
      out.warnings.push_back({ResolverNote::Code::kBothApiKeyVariables, "GOOGLE_API_KEY",
                              "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY."});
    }
    if (google) {
      out.api_key = *google;
      c.credential_source = "environment variable GOOGLE_API_KEY";
    } else if (gemini) {
      out.api_key = *gemini;
      c.credential_source = "environment variable GEMINI_API_KEY";
    }
  } else if (!out.api_key.empty()) {
    c.credential_source = "ClientOptions::api_key";
  } else {
    c.credential_source = "ClientOptions::credentials";
  }
  // A key goes into a header as it is: a CR or LF in it would add headers of
  // its own (GEMINI_API_KEY=$'AIza...\r\nX-Injected: yes'). Refused here, by
  // where it came from and the byte's offset, never its value.
  if (std::optional<size_t> at = control_character_at(out.api_key)) {
    const std::string where = c.credential_source.rfind("environment variable ", 0) == 0
                                  ? c.credential_source.substr(21)
                                  : c.credential_source;
    return auth_error("the API key in " + where + " contains a control character (byte " + std::to_string(*at) +
                          " of " + std::to_string(out.api_key.size()) + ")",
                      "Set it again without the line break or other control character (a key is 39 letters, "
                      "digits, '-' and '_'), e.g. from a file with `export GEMINI_API_KEY=$(tr -d '\\r\\n' < key)`.");
  }

  if (c.vertexai) {
    c.project = options.project;
    c.location = options.location;
    if (!options.api_key.empty() && (!options.project.empty() || !options.location.empty())) {
      return invalid_argument("project/location and an API key are mutually exclusive for Vertex AI",
                              "Either pass project and location (OAuth credentials), or an API key for Vertex AI "
                              "express mode, not both.");
    }
    const bool explicit_key = !options.api_key.empty();
    if (!c.project.empty()) out.project_source = "ClientOptions::project";
    if (!explicit_key) {
      if (c.project.empty()) {
        c.project = env_non_empty(env, "GOOGLE_CLOUD_PROJECT").value_or("");
        if (!c.project.empty()) out.project_source = "environment variable GOOGLE_CLOUD_PROJECT";
      }
      if (c.location.empty()) c.location = env_non_empty(env, "GOOGLE_CLOUD_LOCATION").value_or("");
    }
    // With a project, Vertex AI uses OAuth credentials; an API key that came
    // from the environment is ignored then (python-genai does the same).
    if (!explicit_key && !c.project.empty() && !out.api_key.empty()) {
      const std::string var = c.credential_source.substr(c.credential_source.rfind(' ') + 1);
      out.notes.push_back({ResolverNote::Code::kApiKeyIgnored, var,
                           "The API key in " + var + " is not used: Vertex AI with a project (from " +
                               out.project_source +
                               ") calls with OAuth credentials; a key is only used for express mode, without a "
                               "project."});
      out.api_key.clear();
      c.credential_source = explicit_credentials ? "ClientOptions::credentials" : "";
    } else if (!explicit_key && !explicit_credentials && !out.api_key.empty()) {
      const std::string var = c.credential_source.substr(c.credential_source.rfind(' ') + 1);
      out.notes.push_back({ResolverNote::Code::kExpressMode, var,
                           "Vertex AI express mode: the API key in " + var +
                               " is used because no project is set. To call with OAuth credentials (Application "
                               "Default Credentials) instead, set GOOGLE_CLOUD_PROJECT or unset " + var + "."});
    }
    if (c.location.empty() && out.api_key.empty()) c.location = "global";
    c.express_mode = !out.api_key.empty();
    c.api_version = options.http_options.api_version.empty() ? "v1beta1" : options.http_options.api_version;
    if (!options.http_options.base_url.empty()) {
      c.base_url = options.http_options.base_url;
    } else if (auto url = env_non_empty(env, "GOOGLE_VERTEX_BASE_URL")) {
      c.base_url = *url;
    } else {
      c.base_url = c.express_mode ? "https://aiplatform.googleapis.com" : vertex_base_url(c.location);
    }
    // An empty project may still come from the credentials (a key file's
    // project_id, the metadata server): Client::create checks it after them.
  } else {
    if (!options.project.empty() || !options.location.empty()) {
      return invalid_argument("project and location are only supported on Vertex AI",
                              "Remove ClientOptions::project/location, or set ClientOptions::vertexai to use Vertex AI.");
    }
    c.api_version = options.http_options.api_version.empty() ? "v1beta" : options.http_options.api_version;
    if (!options.http_options.base_url.empty()) {
      c.base_url = options.http_options.base_url;
    } else if (auto url = env_non_empty(env, "GOOGLE_GEMINI_BASE_URL")) {
      c.base_url = *url;
    } else {
      c.base_url = std::string(kGeminiBaseUrl);
    }
    if (out.api_key.empty() && !explicit_credentials) {
      return auth_error("no API key for the Gemini Developer API",
                        "Set GEMINI_API_KEY (create one at https://aistudio.google.com/apikey) or "
                        "ClientOptions::api_key, or use Vertex AI (ClientOptions::vertexai).");
    }
  }
  c.base_url = trim_slash(c.base_url);
  c.ephemeral_token = !c.vertexai && out.api_key.rfind("auth_tokens/", 0) == 0;
  if (std::optional<Error> bad = base_url_problem(c.base_url, "the client's options")) return std::move(*bad);
  if (std::optional<Error> bad = header_problem(options.http_options.headers, "HttpOptions::headers")) {
    return std::move(*bad);
  }
  return out;
}

Result<std::string> model_resource(const ClientConfig& config, std::string_view model) {
  if (model.empty()) return invalid_argument("the model name is empty", "Pass a model such as gemini-2.5-flash.");
  for (char ch : model) {
    if (ch == '?' || ch == '#' || ch == ' ' || ch == '%' || static_cast<unsigned char>(ch) < 0x20) {
      return invalid_argument("the model name '" + std::string(model) + "' contains a character not allowed in a model name");
    }
  }
  if (model.find("..") != std::string_view::npos) {
    return invalid_argument("the model name '" + std::string(model) + "' is not valid");
  }
  const std::string m(model);
  if (!config.vertexai) {
    if (m.rfind("models/", 0) == 0 || m.rfind("tunedModels/", 0) == 0) return m;
    return "models/" + m;
  }
  if (m.rfind("publishers/", 0) == 0 || m.rfind("projects/", 0) == 0 || m.rfind("models/", 0) == 0) return m;
  if (auto slash = m.find('/'); slash != std::string::npos) {
    return "publishers/" + m.substr(0, slash) + "/models/" + m.substr(slash + 1);
  }
  return "publishers/google/models/" + m;
}

std::string vertex_parent(const ClientConfig& config) {
  return "projects/" + config.project + "/locations/" + config.location + "/";
}

Result<std::string> caches_model(const ClientConfig& config, std::string_view model) {
  Result<std::string> m = model_resource(config, model);
  if (!m || !config.vertexai || config.project.empty() || m->rfind("projects/", 0) == 0) return m;
  const std::string prefix = vertex_parent(config);
  if (m->rfind("models/", 0) == 0) return prefix + "publishers/google/" + *m;
  return prefix + *m;
}

std::string cached_content_name(const ClientConfig& config, std::string_view name_in) {
  const std::string name(name_in);
  constexpr std::string_view kCollection = "cachedContents/";
  const bool prefixed = name.rfind(kCollection, 0) == 0;
  // Only a bare id gets the collection: "a/b" is left alone (hierarchy depth 2).
  const bool bare = !prefixed && name.find('/') == std::string::npos;
  if (!config.vertexai || config.project.empty()) return bare ? std::string(kCollection) + name : name;
  if (name.rfind("projects/", 0) == 0) return name;
  if (name.rfind("locations/", 0) == 0) return "projects/" + config.project + "/" + name;
  const std::string parent = vertex_parent(config);
  if (prefixed) return parent + name;
  if (bare) return parent + std::string(kCollection) + name;
  return name;
}

}  // namespace genai::internal
