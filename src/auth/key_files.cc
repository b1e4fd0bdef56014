#include "auth/key_files.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/json_parse.h"

namespace genai::internal {
namespace {

constexpr const char* kNewKeyFix =
    "Download a new JSON key (Cloud Console > IAM & Admin > Service accounts > Keys > Add key > JSON) and point "
    "GOOGLE_APPLICATION_CREDENTIALS at it.";
constexpr const char* kAdcLoginFix = "Run `gcloud auth application-default login` to write a new file.";
constexpr const char* kImpersonateLoginFix =
    "Run `gcloud auth application-default login --impersonate-service-account=EMAIL` to write a new file.";

}  // namespace

Error field_error(const char* reason, std::string message, const std::string& where, const char* field,
                  const char* fix) {
  // Each kind of file has its one fix: the type it names lets a tool word the fix itself.
  const char* type = fix == kNewKeyFix ? "service_account" : fix == kAdcLoginFix ? "authorized_user"
                                                                                  : "impersonated_service_account";
  return auth_error(std::move(message), fix, reason, {{"file", where}, {"field", field}, {"type", type}});
}

namespace {

// The string field `name`; an error if present but not a string, or required and missing.
Result<std::string> field(const nlohmann::json& j, const char* name, bool required, const std::string& where,
                          const char* fix) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return field_error("CREDENTIALS_FIELD_MISSING", where + " has no \"" + name + "\" field", where, name, fix);
    return std::string();
  }
  if (!it->is_string()) {
    return field_error("CREDENTIALS_FIELD_NOT_STRING", "the \"" + std::string(name) + "\" field of " + where +
                       " is not a string", where, name, fix);
  }
  if (required && it->get<std::string>().empty()) {
    return field_error("CREDENTIALS_FIELD_EMPTY", "the \"" + std::string(name) + "\" field of " + where + " is empty",
                       where, name, fix);
  }
  return it->get<std::string>();
}

// Fills `out` from the field or returns false (with `error` set).
bool take(const nlohmann::json& j, const char* name, bool required, const std::string& where, const char* fix,
          std::string& out, std::optional<Error>& error) {
  Result<std::string> r = field(j, name, required, where, fix);
  if (!r) {
    error = r.error();
    return false;
  }
  out = std::move(*r);
  return true;
}

}  // namespace

Error wrong_type(const nlohmann::json& j, const std::string& where, const std::string& expected, std::string fix) {
  if (fix.empty()) fix = "Pass the right file; `genai auth explain FILE` shows what a credentials file is.";
  std::string message = where + describe_credentials_type(j);
  if (expected.find(' ') == std::string::npos) message += ", expected \"" + expected + "\"";
  return auth_error(std::move(message), std::move(fix), "CREDENTIALS_FILE_WRONG_TYPE",
                    {{"file", where}, {"type", credentials_type(j)}, {"expected", expected}});
}

std::string credentials_type(const nlohmann::json& j) {
  if (!j.is_object()) return "";
  auto it = j.find("type");
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string describe_credentials_type(const nlohmann::json& j) {
  if (const std::string type = credentials_type(j); !type.empty()) return " has \"type\": \"" + type + "\"";
  return j.is_object() && j.contains("type") ? "'s \"type\" field is not a string" : " has no \"type\" field";
}

Result<nlohmann::json> parse_credentials_json(std::string_view text, const std::string& where) {
  nlohmann::json j = parse_json(text);
  if (j.is_discarded() || !j.is_object()) {
    // Never quote the text: it may hold a private key.
    return auth_error(where + " is not a JSON object (" + std::to_string(text.size()) + " bytes)",
                      "A Google credentials file is JSON; check that it is the downloaded file, not a P12 or a "
                      "truncated copy.",
                      "CREDENTIALS_FILE_NOT_JSON", {{"file", where}, {"bytes", std::to_string(text.size())}});
  }
  return j;
}

Result<ServiceAccountInfo> parse_service_account(const nlohmann::json& j, const std::string& where) {
  if (credentials_type(j) != "service_account") return wrong_type(j, where, "service_account");
  ServiceAccountInfo info;
  std::optional<Error> e;
  if (!take(j, "client_email", true, where, kNewKeyFix, info.client_email, e) ||
      !take(j, "private_key", true, where, kNewKeyFix, info.private_key, e) ||
      !take(j, "private_key_id", false, where, kNewKeyFix, info.private_key_id, e) ||
      !take(j, "token_uri", false, where, kNewKeyFix, info.token_uri, e) ||
      !take(j, "project_id", false, where, kNewKeyFix, info.project_id, e) ||
      !take(j, "quota_project_id", false, where, kNewKeyFix, info.quota_project_id, e) ||
      !take(j, "universe_domain", false, where, kNewKeyFix, info.universe_domain, e)) {
    return *e;
  }
  if (info.token_uri.empty()) info.token_uri = kGoogleTokenUri;
  if (info.universe_domain.empty()) info.universe_domain = kDefaultUniverse;
  return info;
}

Result<AuthorizedUserInfo> parse_authorized_user(const nlohmann::json& j, const std::string& where) {
  if (credentials_type(j) != "authorized_user") return wrong_type(j, where, "authorized_user");
  AuthorizedUserInfo info;
  std::optional<Error> e;
  if (!take(j, "client_id", true, where, kAdcLoginFix, info.client_id, e) ||
      !take(j, "client_secret", true, where, kAdcLoginFix, info.client_secret, e) ||
      !take(j, "refresh_token", true, where, kAdcLoginFix, info.refresh_token, e) ||
      !take(j, "token_uri", false, where, kAdcLoginFix, info.token_uri, e) ||
      !take(j, "quota_project_id", false, where, kAdcLoginFix, info.quota_project_id, e) ||
      !take(j, "account", false, where, kAdcLoginFix, info.account, e)) {
    return *e;
  }
  if (info.token_uri.empty()) info.token_uri = kGoogleTokenUri;
  return info;
}

Result<ImpersonatedInfo> parse_impersonated(const nlohmann::json& j, const std::string& where) {
  constexpr const char* kFix = kImpersonateLoginFix;
  if (credentials_type(j) != "impersonated_service_account") return wrong_type(j, where, "impersonated_service_account");
  ImpersonatedInfo info;
  std::optional<Error> e;
  if (!take(j, "service_account_impersonation_url", true, where, kFix, info.impersonation_url, e) ||
      !take(j, "quota_project_id", false, where, kFix, info.quota_project_id, e)) {
    return *e;
  }
  // .../serviceAccounts/{target}:generateAccessToken
  const size_t colon = info.impersonation_url.rfind(":generateAccessToken");
  const size_t slash = info.impersonation_url.rfind('/', colon);
  if (colon == std::string::npos || slash == std::string::npos || slash + 1 >= colon) {
    return field_error("CREDENTIALS_FIELD_INVALID",
                       "service_account_impersonation_url in " + where + " does not end in "
                       "/serviceAccounts/EMAIL:generateAccessToken",
                       where, "service_account_impersonation_url", kFix);
  }
  info.target = info.impersonation_url.substr(slash + 1, colon - slash - 1);
  for (const char* list : {"delegates", "scopes"}) {
    auto it = j.find(list);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_array()) {
      return field_error("CREDENTIALS_FIELD_INVALID", std::string("\"") + list + "\" in " + where + " is not a list",
                         where, list, kFix);
    }
    for (const auto& v : *it) {
      if (!v.is_string()) {
        return field_error("CREDENTIALS_FIELD_INVALID",
                           std::string("\"") + list + "\" in " + where + " must hold strings", where, list, kFix);
      }
      (std::string(list) == "delegates" ? info.delegates : info.scopes).push_back(v.get<std::string>());
    }
  }
  auto src = j.find("source_credentials");
  if (src == j.end() || !src->is_object()) {
    return field_error("CREDENTIALS_FIELD_MISSING", where + " has no \"source_credentials\" object", where,
                       "source_credentials", kFix);
  }
  info.source_credentials = *src;
  return info;
}

Result<std::string> read_credentials_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return auth_error("cannot open the credentials file " + path + ": " + std::strerror(err),
                      err == ENOENT ? "Check the path (GOOGLE_APPLICATION_CREDENTIALS, or the file given as ClientOptions::credentials)."
                                    : "Check the file's permissions.",
                      err == ENOENT ? "CREDENTIALS_FILE_NOT_FOUND" : "CREDENTIALS_FILE_UNREADABLE",
                      {{"file", path}, {"cause", std::strerror(err)}});
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::string> loose_permissions_warning(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) == 0) return std::nullopt;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
  return "credentials file " + path + " has mode " + mode +
         ": it holds a secret and is accessible by other users. Run: chmod 600 " + path;
}

}  // namespace genai::internal
