// Internal: constructors of the credential kinds from already-parsed JSON, so
// load_credentials_file and ADC can dispatch on "type" without re-parsing,
// and the metadata-server probe ADC uses.
#ifndef GENAI_SRC_AUTH_FACTORIES_H_
#define GENAI_SRC_AUTH_FACTORIES_H_

#include <functional>
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

// A credentials file's text (wiped once parsed), of any supported "type".
Result<std::shared_ptr<Credentials>> credentials_from_text(std::string text, const std::string& where,
                                                          CredentialsOptions options);

// What Application Default Credentials read from outside the environment
// variables (those come through CredentialsOptions::getenv), so the search
// can be run against a made-up machine (resolve_credentials' tests).
struct AdcSources {
  std::function<bool(const std::string& path)> file_exists;
  std::function<Result<std::string>(const std::string& path)> read_file;  // the real one warns on loose permissions
  std::function<bool(const std::string& host)> metadata_server_available;
};
// The real filesystem, and a 500 ms probe over options.transport (else libcurl).
AdcSources real_adc_sources(const CredentialsOptions& options);
// Google's order: GOOGLE_APPLICATION_CREDENTIALS, gcloud's well-known file,
// the metadata server (unless NO_GCE_CHECK=true).
Result<DefaultCredentials> find_default_credentials(CredentialsOptions options, const AdcSources& sources);

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
