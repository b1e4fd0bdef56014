// Internal: reading credential files (service_account, authorized_user,
// impersonated_service_account) into plain structs. Pure functions; errors
// name the file, the field and the fix, never the secret values.
#ifndef GENAI_SRC_AUTH_KEY_FILES_H_
#define GENAI_SRC_AUTH_KEY_FILES_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/result.h"

namespace genai::internal {

inline constexpr const char* kGoogleTokenUri = "https://oauth2.googleapis.com/token";
inline constexpr const char* kDefaultUniverse = "googleapis.com";

struct ServiceAccountInfo {
  std::string client_email;
  std::string private_key;     // PEM (secret)
  std::string private_key_id;  // the JWT kid; may be empty
  std::string token_uri;       // default Google's
  std::string project_id;
  std::string quota_project_id;
  std::string universe_domain;  // default googleapis.com
};

struct AuthorizedUserInfo {
  std::string client_id;
  std::string client_secret;  // secret
  std::string refresh_token;  // secret
  std::string token_uri;
  std::string quota_project_id;
  std::string account;
};

struct ImpersonatedInfo {
  std::string target;  // service-account e-mail, from service_account_impersonation_url
  std::string impersonation_url;
  std::vector<std::string> delegates;
  std::vector<std::string> scopes;
  std::string quota_project_id;
  nlohmann::json source_credentials;  // a service_account or authorized_user object
};

// The file's "type" ("service_account", ...), or "" when it is missing or
// not a string. Never throws, whatever the JSON holds.
std::string credentials_type(const nlohmann::json& j);
// What a file's "type" is, for an error after its name: ` has "type": "x"`,
// `'s "type" field is not a string` or ` has no "type" field`.
std::string describe_credentials_type(const nlohmann::json& j);

// The errors of a credentials file, with the ErrorInfo a tool words them
// from (core/errors.h: domain genai-cpp, metadata "file", "field" and the
// file's "type", or "file", "type" and "expected"). `fix` is one of this
// file's fixes, which says the file's type. A wrong "type": `expected` is one
// type, or a list of them in words; `fix` empty: point at `genai auth explain FILE`.
Error field_error(const char* reason, std::string message, const std::string& where, const char* field,
                  const char* fix);
Error wrong_type(const nlohmann::json& j, const std::string& where, const std::string& expected,
                 std::string fix = {});

// Parses the JSON text; `where` names its origin in errors ("sa.json").
Result<nlohmann::json> parse_credentials_json(std::string_view text, const std::string& where);
Result<ServiceAccountInfo> parse_service_account(const nlohmann::json& j, const std::string& where);
Result<AuthorizedUserInfo> parse_authorized_user(const nlohmann::json& j, const std::string& where);
Result<ImpersonatedInfo> parse_impersonated(const nlohmann::json& j, const std::string& where);

// Reads a whole file; errors name it and say why (missing, unreadable).
Result<std::string> read_credentials_file(const std::string& path);

// A warning, as ssh's, when `path` is readable or writable by group or others;
// nullopt when the mode is fine (or the file cannot be stat'ed).
std::optional<std::string> loose_permissions_warning(const std::string& path);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_KEY_FILES_H_
