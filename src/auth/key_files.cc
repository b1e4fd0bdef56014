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

// The string field `name`; an error if present but not a string, or required and missing.
Result<std::string> field(const nlohmann::json& j, const char* name, bool required, const std::string& where,
                          const char* fix) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return auth_error(where + " has no \"" + name + "\" field", fix);
    return std::string();
  }
  if (!it->is_string()) return auth_error("the \"" + std::string(name) + "\" field of " + where + " is not a string", fix);
  if (required && it->get<std::string>().empty()) {
    return auth_error("the \"" + std::string(name) + "\" field of " + where + " is empty", fix);
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

Error wrong_type(const nlohmann::json& j, const std::string& where, const char* expected) {
  return auth_error(where + describe_credentials_type(j) + ", expected \"" + expected + "\"",
                    "Pass the right file; `genai auth explain FILE` shows what a credentials file is.");
}

}  // namespace

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
                      "truncated copy.");
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
  constexpr const char* kFix =
      "Run `gcloud auth application-default login --impersonate-service-account=EMAIL` to write a new file.";
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
    return auth_error("service_account_impersonation_url in " + where + " does not end in "
                      "/serviceAccounts/EMAIL:generateAccessToken", kFix);
  }
  info.target = info.impersonation_url.substr(slash + 1, colon - slash - 1);
  for (const char* list : {"delegates", "scopes"}) {
    auto it = j.find(list);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_array()) return auth_error(std::string("\"") + list + "\" in " + where + " is not a list", kFix);
    for (const auto& v : *it) {
      if (!v.is_string()) return auth_error(std::string("\"") + list + "\" in " + where + " must hold strings", kFix);
      (std::string(list) == "delegates" ? info.delegates : info.scopes).push_back(v.get<std::string>());
    }
  }
  auto src = j.find("source_credentials");
  if (src == j.end() || !src->is_object()) return auth_error(where + " has no \"source_credentials\" object", kFix);
  info.source_credentials = *src;
  return info;
}

Result<std::string> read_credentials_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    return auth_error("cannot open the credentials file " + path + ": " + std::strerror(err),
                      err == ENOENT ? "Check the path (GOOGLE_APPLICATION_CREDENTIALS, or the file given as ClientOptions::credentials)."
                                    : "Check the file's permissions.");
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
