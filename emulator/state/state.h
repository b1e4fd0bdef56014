// The emulator's model of Google Cloud: projects with their IAM bindings and
// enabled APIs, API keys, service accounts and their keys, OAuth clients and
// users, issued access tokens, plus request counters. Thread-safe; every
// method takes the one lock briefly. Saved to and loaded from a JSON file when
// ServerOptions.state_file is set. Private keys are never kept (as at Google):
// only the public half of a service-account key is stored.
#ifndef GENAI_EMULATOR_STATE_STATE_H_
#define GENAI_EMULATOR_STATE_STATE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "genai/result.h"

namespace genai::emulator {

inline constexpr const char* kGenerativeLanguage = "generativelanguage.googleapis.com";
inline constexpr const char* kAiPlatform = "aiplatform.googleapis.com";
inline constexpr const char* kCloudAiCompanion = "cloudaicompanion.googleapis.com";
inline constexpr const char* kIamCredentials = "iamcredentials.googleapis.com";
// The management APIs `genai setup` calls. The emulator treats them as always
// enabled in every project (at Google they must be enabled in the quota
// project; modelling that would only add a bootstrap step to every scenario).
inline constexpr const char* kCloudResourceManager = "cloudresourcemanager.googleapis.com";
inline constexpr const char* kServiceUsage = "serviceusage.googleapis.com";
inline constexpr const char* kIam = "iam.googleapis.com";
inline constexpr const char* kApiKeys = "apikeys.googleapis.com";
// Google's OAuth client configuration service, behind the Console's OAuth
// consent screen and Credentials → OAuth client ID pages. It has no public
// REST API (only the Console uses it), so it is not in Service Usage's list;
// its permissions (clientauthconfig.*) are in the basic roles.
inline constexpr const char* kClientAuthConfig = "clientauthconfig.googleapis.com";

// The display title Google uses for a service in SERVICE_DISABLED errors.
std::string service_title(const std::string& service);
// True for the services Service Usage knows (can enable, disable, describe).
bool service_known(const std::string& service);
// Every known service, sorted by name.
std::vector<std::string> known_services();
// True for the management APIs above (and kClientAuthConfig): enabled
// everywhere, not metered.
bool service_always_enabled(const std::string& service);

struct Project {
  std::string id;
  std::string number;
  std::set<std::string> enabled_services;
  // IAM policy: role -> members ("user:a@b.c", "serviceAccount:x@p.iam.gserviceaccount.com").
  std::map<std::string, std::set<std::string>> bindings;
  long long policy_version = 1;  // bumped on every change; the policy's etag is derived from it
  std::string display_name;
  std::string create_time;  // RFC 3339
  // Off: calls to APIs that need billing (Vertex AI) get BILLING_DISABLED.
  bool billing_enabled = true;
  // The OAuth consent screen (the Console asks for it before the first OAuth
  // client): the app's name and its support email; empty: not configured.
  std::string oauth_app_name;
  std::string oauth_support_email;
};

struct ServiceAccountKey {
  std::string id;          // 40 hex digits: the key file's private_key_id and the JWT "kid"
  std::string public_pem;  // SubjectPublicKeyInfo PEM
  bool disabled = false;
  std::string valid_after;  // RFC 3339
};

struct ServiceAccount {
  std::string email;       // {account_id}@{project}.iam.gserviceaccount.com
  std::string unique_id;   // 21 digits: the key file's client_id
  std::string project_id;
  std::string display_name;
  bool disabled = false;
  std::vector<ServiceAccountKey> keys;
  std::string description;
};

// An OAuth client (the "User data" path of the tutorial) and the users who
// signed in with it: each holds a refresh token, as gcloud's ADC file does.
struct OAuthClient {
  std::string client_id;      // "<digits>-<hex>.apps.googleusercontent.com"
  std::string client_secret;  // "GOCSPX-..."
  std::string project_id;     // the client's project: the quota project of its users' calls
  std::string display_name;   // the Console's name for it ("Desktop client 1")
  std::string application_type;  // "installed" (Desktop app) or "web"; empty: made by the admin API
  std::string create_time;    // RFC 3339
  // Deleted in the Console: kept so the token endpoint can say so
  // (deleted_client), as Google's does, instead of "not found".
  bool deleted = false;
};

struct UserGrant {
  std::string refresh_token;  // "1//..."
  std::string client_id;
  std::string email;
  std::string scopes;  // space-separated, as granted
  bool revoked = false;
};

struct AccessToken {
  std::string token;      // "ya29...."
  std::string principal;  // "serviceAccount:x@..." or "user:a@b"
  std::string project_id; // the principal's project (service account) or the OAuth client's
  std::string scopes;     // space-separated
  std::chrono::system_clock::time_point expiry;
};

// IAM members' prefixes.
std::string service_account_member(const std::string& email);  // "serviceAccount:" + email
std::string user_member(const std::string& email);             // "user:" + email

struct ApiKey {
  enum class Kind { kConsole, kStudio };
  std::string uid;          // the key's resource id (keys/{uid}); not secret
  std::string key_string;   // "AIza" + 35: the secret
  std::string project_id;
  std::string display_name;
  Kind kind = Kind::kConsole;
  // Restrictions (Console keys; a Studio key is restricted to the Gemini API).
  std::vector<std::string> api_targets;        // services; empty: any enabled API
  std::vector<std::string> allowed_ips;        // CIDRs or addresses; empty: any
  std::vector<std::string> allowed_referrers;  // glob patterns; empty: any
  bool deleted = false;
  bool expired = false;     // "API key expired. Please renew the API key."
  std::string create_time;  // RFC 3339 (API Keys v2 fields)
  std::string update_time;
  std::string delete_time;
};

class State {
 public:
  Result<Project> create_project(const std::string& project_id);
  // Resource Manager's create: fails with ALREADY_EXISTS if the id is taken,
  // and makes `owner_member` the project's roles/owner in the same step.
  Result<Project> create_project_as(const std::string& project_id, const std::string& display_name,
                                    const std::string& owner_member, std::chrono::system_clock::time_point now);
  std::optional<Project> project(const std::string& id_or_number) const;
  std::vector<Project> projects() const;  // every project, by id
  Result<void> set_service_enabled(const std::string& project_id, const std::string& service, bool enabled);
  Result<void> set_billing_enabled(const std::string& project_id, bool enabled);
  Result<void> set_key_expired(const std::string& uid, bool expired);

  // Fills key_string, and uid unless set (then it must be unused: ALREADY_EXISTS).
  Result<ApiKey> create_key(ApiKey key);
  std::optional<ApiKey> key_by_string(const std::string& key_string) const;
  std::optional<ApiKey> key_by_uid(const std::string& uid) const;
  // Replaces the display name, restrictions and update time of the key with `key.uid`.
  Result<ApiKey> update_key(const ApiKey& key);
  Result<void> delete_key(const std::string& uid, const std::string& delete_time = "");
  std::vector<ApiKey> keys() const;

  // IAM policy of a project.
  Result<void> add_binding(const std::string& project_id, const std::string& role, const std::string& member);
  Result<void> remove_binding(const std::string& project_id, const std::string& role, const std::string& member);
  // Every permission `member` holds on the project through its roles.
  std::set<std::string> permissions(const std::string& project_id, const std::string& member) const;
  // Replaces the bindings if `expected_version` is 0 or matches (etag check).
  // Returns the new version, or kInvalidArgument with status ABORTED on a stale etag.
  Result<long long> set_bindings(const std::string& project_id, std::map<std::string, std::set<std::string>> bindings,
                                 long long expected_version);

  // Service accounts and their keys.
  Result<ServiceAccount> create_service_account(const std::string& project_id, const std::string& account_id,
                                                const std::string& display_name, const std::string& description = "");
  std::optional<ServiceAccount> service_account(const std::string& email_or_unique_id) const;
  std::vector<ServiceAccount> service_accounts(const std::string& project_id) const;
  Result<void> set_service_account_disabled(const std::string& email, bool disabled);
  // Adds a key whose public half is `public_pem`; returns it (with its new id).
  Result<ServiceAccountKey> add_service_account_key(const std::string& email, const std::string& public_pem,
                                                    std::chrono::system_clock::time_point now);
  Result<void> set_service_account_key_disabled(const std::string& email, const std::string& key_id, bool disabled);
  Result<void> delete_service_account_key(const std::string& email, const std::string& key_id);

  // OAuth clients, users and refresh tokens.
  Result<OAuthClient> create_oauth_client(const std::string& project_id);
  // The Console's OAuth client: needs the project's consent screen first
  // (FAILED_PRECONDITION otherwise), as the Console does.
  Result<OAuthClient> create_oauth_client(const std::string& project_id, const std::string& display_name,
                                          const std::string& application_type, const std::string& create_time);
  // The project's OAuth clients, deleted ones left out.
  std::vector<OAuthClient> oauth_clients(const std::string& project_id) const;
  // The Console's Edit (its name) and Delete of an OAuth client; NOT_FOUND
  // for one that does not exist or is already deleted.
  Result<OAuthClient> rename_oauth_client(const std::string& client_id, const std::string& display_name);
  Result<void> delete_oauth_client(const std::string& client_id);
  Result<void> set_oauth_consent(const std::string& project_id, const std::string& app_name,
                                 const std::string& support_email);
  // Any client made, deleted ones too (see OAuthClient::deleted).
  std::optional<OAuthClient> oauth_client(const std::string& client_id) const;
  Result<UserGrant> create_user_grant(const std::string& client_id, const std::string& email, const std::string& scopes);
  std::optional<UserGrant> user_grant(const std::string& refresh_token) const;
  Result<void> revoke_user_grant(const std::string& refresh_token);

  // Access tokens.
  AccessToken issue_token(const std::string& principal, const std::string& project_id, const std::string& scopes,
                          std::chrono::system_clock::time_point expiry);
  std::optional<AccessToken> access_token(const std::string& token) const;

  // The service account the metadata server speaks for; empty: none.
  void set_metadata_account(const std::string& email);
  std::string metadata_account() const;

  // The country callers appear to call from (ISO 3166-1 alpha-2, "US");
  // empty: a country the Developer API serves.
  void set_caller_region(const std::string& region_code);
  std::string caller_region() const;

  // Requests-per-minute accounting: returns false when `project_id` already
  // made `limit` requests in the current minute window.
  bool take_quota(const std::string& project_id, int limit, std::chrono::system_clock::time_point now);

  // Long-running operations of the management APIs, by name ("operations/..."),
  // kept as the JSON a GET of the operation returns.
  void put_operation(const std::string& name, const std::string& json);
  std::optional<std::string> operation(const std::string& name) const;

  void count(const std::string& counter);
  std::map<std::string, long long> counters() const;

  void clear();
  std::string to_json() const;
  Result<void> load_json(const std::string& text);
  // Writes the state atomically (temp file, fsync, rename) with mode 0600: it holds keys.
  Result<void> save_file(const std::string& path) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Project> projects_;    // by id
  std::map<std::string, ApiKey> keys_;         // by key string
  std::map<std::string, std::pair<long long, int>> quota_;  // project -> (minute, count)
  std::map<std::string, long long> counters_;
  std::map<std::string, ServiceAccount> service_accounts_;  // by email
  std::map<std::string, OAuthClient> oauth_clients_;        // by client id
  std::map<std::string, UserGrant> user_grants_;            // by refresh token
  std::map<std::string, AccessToken> tokens_;               // by token
  std::map<std::string, std::string> operations_;           // by name
  std::string metadata_account_;
  std::string caller_region_;
  long long next_number_ = 100000000001;

  static Result<void> create_project_check(const std::string& project_id);
};

// A random string from a CSPRNG: "AIza" + 35 characters of [A-Za-z0-9_-].
std::string generate_key_string();

// RFC 3339 UTC with seconds, e.g. "2026-11-25T10:00:00Z".
std::string rfc3339(std::chrono::system_clock::time_point t);
// The same with nanoseconds, as Google writes resource times ("...T10:00:00.123456789Z").
std::string rfc3339_nanos(std::chrono::system_clock::time_point t);
// A google.protobuf.Timestamp in JSON: RFC 3339 with optional fraction (up to
// nanoseconds) and a Z or ±hh:mm offset; nullopt for anything else, or a
// year past 2261 (system_clock counts nanoseconds in 64 bits: it ends in 2262).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& s);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_STATE_H_
