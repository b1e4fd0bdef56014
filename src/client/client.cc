#include "genai/client.h"

#include <iostream>

#include "client/api_client.h"
#include "client/config.h"
#include "core/errors.h"
#include "core/env.h"
#include "core/redact.h"
#include "genai/auth/credentials.h"

namespace genai {

Result<Client> Client::create(ClientOptions options) {
  Result<internal::ResolvedOptions> resolved = internal::resolve_options(options, internal::process_env());
  if (!resolved) return std::move(resolved).error();
  for (const std::string& w : resolved->warnings) {
    if (options.on_warning) {
      options.on_warning(w);
    } else {
      std::cerr << "genai: warning: " << w << "\n";
    }
  }

  ClientConfig config = std::move(resolved->config);
  std::shared_ptr<Credentials> credentials = options.credentials;
  if (!credentials && !resolved->api_key.empty()) credentials = make_api_key_credentials(resolved->api_key);
  if (!credentials && config.vertexai) {
    // Vertex AI without a credential: Application Default Credentials, as the official SDKs.
    CredentialsOptions copts;
    copts.use_environment = options.use_environment;
    copts.on_warning = options.on_warning;
    Result<DefaultCredentials> adc = find_default_credentials(copts);
    if (!adc) return std::move(adc).error();
    credentials = adc->credentials;
    config.credential_source = "Application Default Credentials (" + adc->source + ")";
    if (config.project.empty()) config.project = adc->project_id;
  }
  if (!credentials) {
    return internal::auth_error(
        "no credentials",
        "Set GEMINI_API_KEY, or for Vertex AI run `gcloud auth application-default login` or set "
        "GOOGLE_APPLICATION_CREDENTIALS to a key file.");
  }
  if (config.vertexai && !config.express_mode && config.project.empty()) {
    config.project = credentials->project_id();
    if (config.project.empty()) {
      return internal::invalid_argument("Vertex AI needs a project",
                                        "Pass --project / ClientOptions.project or set GOOGLE_CLOUD_PROJECT "
                                        "(or use an API key for Vertex AI express mode).");
    }
  }
  config.credential_kind = credentials->kind();
  config.credential_description = credentials->describe();

  std::shared_ptr<HttpTransport> transport = options.transport;
  if (!transport) {
    TransportOptions t;
    t.connect_timeout = std::chrono::milliseconds(options.http_options.connect_timeout);
    t.timeout = std::chrono::milliseconds(options.http_options.timeout);
    t.verify_tls = options.http_options.verify_tls;
    t.ca_bundle = options.http_options.ca_bundle;
    t.proxy = options.http_options.proxy;
    t.max_response_bytes = options.http_options.max_response_bytes;
    t.trace = options.http_options.trace;
    transport = make_curl_transport(t);
  }
  return Client(std::make_shared<internal::ApiClient>(std::move(config), std::move(options.http_options),
                                                      std::move(credentials), std::move(transport)));
}

Client::Client(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Models Client::models() const { return Models(api_); }

Chats Client::chats() const { return Chats(Models(api_)); }

Caches Client::caches() const { return Caches(api_); }

const ClientConfig& Client::config() const { return api_->config(); }

}  // namespace genai
