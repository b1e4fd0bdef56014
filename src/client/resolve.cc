// resolve_credentials: options + environment → the credential, its source,
// the backend and project, and what to warn about. The configuration rules
// are resolve_options' (client/config.cc), the ADC search is
// find_default_credentials' (auth/default_credentials.cc); this composes
// them once, with every outside read injectable.
#include "genai/auth/resolve.h"

#include "auth/factories.h"
#include "client/config.h"
#include "core/env.h"
#include "core/errors.h"

namespace genai {
namespace {

internal::AdcSources adc_sources(const ResolverEnvironment& env, const CredentialsOptions& copts) {
  internal::AdcSources s = internal::real_adc_sources(copts);
  if (env.file_exists) s.file_exists = env.file_exists;
  if (env.read_file) s.read_file = env.read_file;
  if (env.metadata_server_available) s.metadata_server_available = env.metadata_server_available;
  return s;
}

}  // namespace

Result<ResolvedCredentials> resolve_credentials(const ClientOptions& options, const ResolverEnvironment& environment) {
  const internal::EnvProvider getenv =
      environment.getenv ? internal::EnvProvider(environment.getenv) : internal::process_env();
  Result<internal::ResolvedOptions> resolved = internal::resolve_options(options, getenv);
  if (!resolved) return std::move(resolved).error();

  ResolvedCredentials out;
  out.config = std::move(resolved->config);
  out.warnings = std::move(resolved->warnings);
  out.notes = std::move(resolved->notes);
  ClientConfig& config = out.config;
  out.source = config.credential_source;
  out.project_source = std::move(resolved->project_source);

  if (options.credentials) {
    out.credentials = options.credentials;
  } else if (!resolved->api_key.empty()) {
    out.credentials = make_api_key_credentials(resolved->api_key);
  } else if (config.vertexai) {
    // Vertex AI without a credential: Application Default Credentials, as the official SDKs.
    CredentialsOptions copts;
    copts.use_environment = options.use_environment;
    copts.getenv = environment.getenv;
    copts.on_warning = options.on_warning;
    copts.transport = options.transport;
    Result<DefaultCredentials> adc = internal::find_default_credentials(copts, adc_sources(environment, copts));
    if (!adc) return std::move(adc).error();
    out.credentials = adc->credentials;
    out.source = "Application Default Credentials (" + adc->source + ")";
    if (config.project.empty() && !adc->project_id.empty()) {
      config.project = adc->project_id;
      out.project_source = out.source;
    }
  } else {
    return internal::auth_error(
        "no credentials",
        "Set GEMINI_API_KEY, or for Vertex AI run `gcloud auth application-default login` or set "
        "GOOGLE_APPLICATION_CREDENTIALS to a key file.");
  }

  // Before anything asks the credential (a metadata server's project): its
  // requests take the client's transport.
  if (options.transport) out.credentials->adopt_transport(options.transport);
  if (config.vertexai && !config.express_mode && config.project.empty()) {
    config.project = out.credentials->project_id();
    if (config.project.empty()) {
      return internal::invalid_argument("Vertex AI needs a project",
                                        "Set ClientOptions::project or GOOGLE_CLOUD_PROJECT (or use an API key for "
                                        "Vertex AI express mode).");
    }
    out.project_source = "the credential (" + out.credentials->describe() + ")";
  }
  out.kind = out.credentials->kind();
  out.quota_project = out.credentials->quota_project_id();
  config.credential_source = out.source;
  config.credential_kind = out.kind;
  config.credential_description = out.credentials->describe();
  return out;
}

}  // namespace genai
