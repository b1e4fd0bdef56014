// Credentials: what proves who is calling. A Credentials object turns into the
// HTTP headers of one request (x-goog-api-key, or Authorization: Bearer plus
// x-goog-user-project). Token-based credentials cache their token, refresh it
// a few minutes before it expires, once for all threads (single flight), and
// never send an expired token.
//
//   // Application Default Credentials, as gcloud and Google's libraries find them:
//   auto adc = genai::find_default_credentials().value();
//   genai::ClientOptions opts;
//   opts.vertexai = true;
//   opts.project = adc.project_id;
//   opts.credentials = adc.credentials;
//
//   // Or one kind explicitly:
//   opts.credentials = genai::load_credentials_file("sa.json").value();
#ifndef GENAI_AUTH_CREDENTIALS_H_
#define GENAI_AUTH_CREDENTIALS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai {

// Which kind of credential this is. to_string() gives the names Google's
// tools use ("service_account", ...).
enum class CredentialKind {
  kApiKey,           // a Gemini Developer API key (or a Vertex AI express-mode key)
  kAccessToken,      // a fixed OAuth access token obtained elsewhere
  kServiceAccount,   // a service-account key file
  kAuthorizedUser,   // a user's refresh token (gcloud auth application-default login)
  kMetadataServer,   // the GCE / GKE / Cloud Run metadata server
  kImpersonated,     // a service account impersonated through IAM Credentials
  kOther,            // a credential class of the application's own
};
// "api_key", "access_token", "service_account", "authorized_user",
// "metadata_server", "impersonated_service_account", "other".
const char* to_string(CredentialKind kind);

class Credentials {
 public:
  virtual ~Credentials() = default;
  // Headers that authorize one request sent at `now`. Thread-safe. May block
  // to fetch or refresh a token (only one thread fetches; others wait, or use
  // the current token while it is still valid).
  virtual Result<HttpHeaders> authorization_headers(std::chrono::system_clock::time_point now) = 0;
  virtual CredentialKind kind() const = 0;
  // Who this is, for humans: an account e-mail or a redacted key. Never a secret.
  virtual std::string describe() const = 0;
  // The project the credential belongs to, if it knows one (a key file's
  // project_id, the metadata server's project); empty otherwise.
  virtual std::string project_id() const { return {}; }
  // The project billed for its calls (sent as x-goog-user-project), if any.
  virtual std::string quota_project_id() const { return {}; }
  // The server rejected the current token (HTTP 401): forget it, so the next
  // call fetches a new one.
  virtual void invalidate() {}
  // The server answered HTTP 401 to a request that carried `refused` (headers
  // this credential made): forget the token in them, unless it was replaced
  // already. Many threads refused with one token then share one new token
  // instead of each dropping the one the first of them fetched. Token
  // credentials compare tokens; the default forgets the current one.
  virtual void unauthorized(const HttpHeaders& refused) {
    (void)refused;
    invalidate();
  }
  // Client::create hands its transport to the credential it is given: token
  // requests of a credential built without CredentialsOptions::transport then
  // go through the client's transport (its CA bundle, proxy, timeouts,
  // --verbose trace) like every other request. The first client to do so wins;
  // a credential that sends no requests of its own ignores it.
  virtual void adopt_transport(std::shared_ptr<HttpTransport> transport) { (void)transport; }
};

// The OAuth scope most Google APIs, Vertex AI included, accept.
inline constexpr const char* kCloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

struct CredentialsOptions {
  // OAuth scopes requested for tokens. Empty: cloud-platform.
  std::vector<std::string> scopes;
  // Sent as x-goog-user-project (billing/quota project). Empty: the key
  // file's quota_project_id, else GOOGLE_CLOUD_QUOTA_PROJECT.
  std::string quota_project_id;
  // Sign a JWT locally and send it as the bearer token instead of exchanging
  // it at the token endpoint (AIP-4111). Forced on for a non-default universe.
  bool use_self_signed_jwt = false;
  // The IAM Credentials API for impersonation. Empty: GENAI_IAM_CREDENTIALS_ENDPOINT,
  // else https://iamcredentials.googleapis.com
  std::string iam_credentials_endpoint;
  // The metadata server's host[:port]. Empty: GCE_METADATA_HOST, else
  // metadata.google.internal.
  std::string metadata_host;
  // Retries of token requests that failed transiently (5xx, 429, network):
  // 3 attempts, 1 s then 2 s, as google-auth.
  RetryOptions retry = {3, std::chrono::seconds(1), std::chrono::seconds(10), 2.0, std::chrono::milliseconds(100),
                        {408, 429, 500, 502, 503, 504}, true, {}};
  // The whole of one token request, its retries included (see
  // HttpOptions::deadline): 2 minutes, google-auth's timeout for a token
  // refresh. A call waiting for its token waits at most this long. 0: none.
  std::chrono::milliseconds deadline{120'000};
  // Refresh this long before the token expires (Google's libraries: 3.75 to 5 minutes).
  std::chrono::seconds refresh_before_expiry{300};
  // The HTTP transport for token requests. Null: libcurl.
  std::shared_ptr<HttpTransport> transport;
  // Receives warnings, e.g. a key file readable by others. Null: stderr.
  std::function<void(std::string_view)> on_warning;
  // Read GOOGLE_APPLICATION_CREDENTIALS, GCE_METADATA_HOST, ... Off in tests.
  bool use_environment = true;
  // Where environment variables come from when use_environment is on.
  // Empty: the process environment (resolve_credentials passes its own).
  std::function<std::optional<std::string>(std::string_view name)> getenv;
};

// A Gemini Developer API key (or a Vertex AI express-mode key). Sent only in
// the x-goog-api-key header, never in a URL.
std::shared_ptr<Credentials> make_api_key_credentials(std::string api_key);

// An access token obtained elsewhere (e.g. `gcloud auth print-access-token`).
// It is not refreshed; past `expiry` calls fail with an AuthError.
std::shared_ptr<Credentials> make_access_token_credentials(
    std::string token, std::chrono::system_clock::time_point expiry = std::chrono::system_clock::time_point::max());

// A service-account key file's JSON text (type "service_account"). PKCS#8
// and PKCS#1 private keys are accepted. Errors name the field and the fix,
// never the key material.
Result<std::shared_ptr<Credentials>> make_service_account_credentials(std::string_view key_file_json,
                                                                      CredentialsOptions options = {});

// An authorized_user file's JSON text, as `gcloud auth application-default
// login` writes it: client_id, client_secret, refresh_token.
Result<std::shared_ptr<Credentials>> make_authorized_user_credentials(std::string_view json,
                                                                      CredentialsOptions options = {});

// The GCE / GKE / Cloud Run metadata server's default service account.
std::shared_ptr<Credentials> make_metadata_server_credentials(CredentialsOptions options = {});

// Tokens for `target` (a service-account e-mail) minted by the IAM Credentials
// API with `source`'s identity, which needs roles/iam.serviceAccountTokenCreator
// on the target (through each of `delegates`, if given).
std::shared_ptr<Credentials> make_impersonated_credentials(std::shared_ptr<Credentials> source, std::string target,
                                                           std::vector<std::string> delegates = {},
                                                           CredentialsOptions options = {});

// Loads a credentials file of any supported "type" (service_account,
// authorized_user, impersonated_service_account). Warns when the file is
// readable by group or others, as ssh does.
Result<std::shared_ptr<Credentials>> load_credentials_file(const std::string& path, CredentialsOptions options = {});

// What a credentials file says about itself, read without using it (no
// network) and without any secret in it: for tools that explain credentials
// (`genai auth explain FILE`).
struct CredentialsFileInfo {
  // The file's "type" ("service_account", "authorized_user",
  // "impersonated_service_account", or another a tool may not support);
  // "api_key" for a file holding just an API key; "" when it has none.
  std::string type;
  std::string masked_api_key;    // api_key: the key masked ("AIza…x7Qk (39 chars)")
  std::string account;           // service account e-mail, user account, or impersonation target
  std::string project_id;        // service_account
  std::string private_key_id;    // service_account
  std::string token_uri;         // service_account
  std::string client_id;         // authorized_user
  std::string quota_project_id;  // authorized_user
  std::string source_type;       // impersonated_service_account: the source credential's "type"
};
// Reads and parses `path`. A file of a known type with a missing or bad
// field is a kAuth error naming the file and the field, never a secret.
Result<CredentialsFileInfo> inspect_credentials_file(const std::string& path);

// Application Default Credentials, in Google's order:
// GOOGLE_APPLICATION_CREDENTIALS, then gcloud's file
// ($CLOUDSDK_CONFIG or ~/.config/gcloud/application_default_credentials.json),
// then the metadata server (if it answers within a short timeout).
struct DefaultCredentials {
  std::shared_ptr<Credentials> credentials;
  std::string project_id;  // GOOGLE_CLOUD_PROJECT, else the credential's project
  std::string source;      // e.g. "GOOGLE_APPLICATION_CREDENTIALS=/path/sa.json"
};
Result<DefaultCredentials> find_default_credentials(CredentialsOptions options = {});

}  // namespace genai

#endif  // GENAI_AUTH_CREDENTIALS_H_
