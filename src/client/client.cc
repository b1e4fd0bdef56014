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

  std::shared_ptr<Credentials> credentials = options.credentials;
  if (!credentials && !resolved->api_key.empty()) credentials = make_api_key_credentials(resolved->api_key);
  if (!credentials) {
    return internal::auth_error(
        "no credentials for Vertex AI",
        "Run `gcloud auth application-default login`, set GOOGLE_APPLICATION_CREDENTIALS to a service-account "
        "key file, or pass ClientOptions.credentials.");
  }
  ClientConfig config = std::move(resolved->config);
  config.credential_kind = credentials->kind();
  config.credential_description = credentials->describe();

  std::shared_ptr<HttpTransport> transport = options.transport;
  if (!transport) {
    TransportOptions t;
    t.connect_timeout = std::chrono::milliseconds(options.http_options.connect_timeout);
    t.timeout = std::chrono::milliseconds(options.http_options.timeout);
    t.verify_tls = options.http_options.verify_tls;
    t.ca_bundle = options.http_options.ca_bundle;
    t.trace = options.http_options.trace;
    transport = make_curl_transport(t);
  }
  return Client(std::make_shared<internal::ApiClient>(std::move(config), std::move(options.http_options),
                                                      std::move(credentials), std::move(transport)));
}

Client::Client(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Models Client::models() const { return Models(api_); }

const ClientConfig& Client::config() const { return api_->config(); }

}  // namespace genai
