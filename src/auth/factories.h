// Internal: constructors of the credential kinds from already-parsed JSON, so
// load_credentials_file and ADC can dispatch on "type" without re-parsing,
// and the metadata-server probe ADC uses.
#ifndef GENAI_SRC_AUTH_FACTORIES_H_
#define GENAI_SRC_AUTH_FACTORIES_H_

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "genai/auth/credentials.h"

namespace genai::internal {

Result<std::shared_ptr<Credentials>> service_account_from_json(const nlohmann::json& j, const std::string& where,
                                                              CredentialsOptions options);
Result<std::shared_ptr<Credentials>> authorized_user_from_json(const nlohmann::json& j, const std::string& where,
                                                              CredentialsOptions options);
Result<std::shared_ptr<Credentials>> impersonated_from_json(const nlohmann::json& j, const std::string& where,
                                                           CredentialsOptions options);
// Any supported "type".
Result<std::shared_ptr<Credentials>> credentials_from_json(const nlohmann::json& j, const std::string& where,
                                                          CredentialsOptions options);

// host[:port] of the metadata server: options.metadata_host, GCE_METADATA_HOST,
// GCE_METADATA_ROOT, else metadata.google.internal.
std::string metadata_host(const CredentialsOptions& options);
// True if a metadata server answers at `host` within `timeout` with the
// Metadata-Flavor: Google header (google-auth's detection).
bool metadata_server_available(HttpTransport& transport, const std::string& host, std::chrono::milliseconds timeout);
// The project id the metadata server reports; "" if none.
std::string metadata_project_id(HttpTransport& transport, const std::string& host);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_FACTORIES_H_
