// inspect_credentials_file: a credentials file described from its own fields,
// with the same parsers that load it (auth/key_files), so what `genai auth
// explain` says a file is matches what loading it would do.
#include <cctype>

#include "auth/key_files.h"
#include "core/redact.h"
#include "genai/auth/credentials.h"

namespace genai {

Result<CredentialsFileInfo> inspect_credentials_file(const std::string& path) {
  Result<std::string> text = internal::read_credentials_file(path);
  if (!text) return std::move(text).error();
  CredentialsFileInfo info;
  std::string trimmed = *text;
  internal::wipe_secret(*text);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  if (trimmed.rfind("AIza", 0) == 0 && trimmed.find('\n') == std::string::npos) {
    info.type = "api_key";
    info.masked_api_key = internal::mask_secret(trimmed);
    internal::wipe_secret(trimmed);
    return info;
  }
  Result<nlohmann::json> j = internal::parse_credentials_json(trimmed, path);
  internal::wipe_secret(trimmed);
  if (!j) return std::move(j).error();
  info.type = internal::credentials_type(*j);
  if (info.type == "service_account") {
    Result<internal::ServiceAccountInfo> sa = internal::parse_service_account(*j, path);
    if (!sa) return std::move(sa).error();
    info.account = sa->client_email;
    info.project_id = sa->project_id;
    info.private_key_id = sa->private_key_id;
    info.token_uri = sa->token_uri;
    internal::wipe_secret(sa->private_key);
  } else if (info.type == "authorized_user") {
    Result<internal::AuthorizedUserInfo> u = internal::parse_authorized_user(*j, path);
    if (!u) return std::move(u).error();
    info.account = u->account;
    info.client_id = u->client_id;
    info.quota_project_id = u->quota_project_id;
    internal::wipe_secret(u->client_secret);
    internal::wipe_secret(u->refresh_token);
  } else if (info.type == "impersonated_service_account") {
    Result<internal::ImpersonatedInfo> i = internal::parse_impersonated(*j, path);
    if (!i) return std::move(i).error();
    info.account = i->target;
    info.quota_project_id = i->quota_project_id;
    info.source_type = internal::credentials_type(i->source_credentials);
  }
  return info;
}

}  // namespace genai
