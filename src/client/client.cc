#include "genai/client.h"

#include <iostream>

#include "client/api_client.h"
#include "client/config.h"
#include "genai/auth/resolve.h"

namespace genai {

Result<Client> Client::create(ClientOptions options) {
  // The one transport of this client: Gemini calls, and the token requests
  // of its credential (ADC's included), all go through it.
  if (!options.transport) options.transport = internal::make_transport(options.http_options);
  Result<ResolvedCredentials> resolved = resolve_credentials(options);
  if (!resolved) return std::move(resolved).error();
  for (const ResolverNote& w : resolved->warnings) {
    if (options.on_warning) {
      options.on_warning(w.text);
    } else {
      std::cerr << "genai: warning: " << w.text << "\n";
    }
  }
  return Client(std::make_shared<internal::ApiClient>(std::move(resolved->config), std::move(options.http_options),
                                                      std::move(resolved->credentials), std::move(options.transport)));
}

Client::Client(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Models Client::models() const { return Models(api_); }

Chats Client::chats() const { return Chats(Models(api_)); }

Caches Client::caches() const { return Caches(api_); }

Operations Client::operations() const { return Operations(api_); }
Tunings Client::tunings() const { return Tunings(api_); }

Storage Client::storage(StorageOptions options) const { return Storage(api_, std::move(options)); }
Batches Client::batches() const { return Batches(api_); }

Files Client::files() const { return Files(api_); }

Live Client::live() const { return Live(api_); }

AuthTokens Client::auth_tokens() const { return AuthTokens(api_); }
FileSearchStores Client::file_search_stores() const { return FileSearchStores(api_); }

const ClientConfig& Client::config() const { return api_->config(); }

}  // namespace genai
