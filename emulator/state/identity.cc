// State: the identity half — IAM bindings, service accounts and their keys,
// OAuth clients and users, access tokens, the metadata server's account.
// (state.cc holds projects, API keys, quota and persistence.)
#include <cstdio>
#include <ctime>
#include <regex>

#include "core/errors.h"
#include "emulator/auth/crypto.h"
#include "emulator/state/iam_roles.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

Error identity_error(std::string status, std::string message) {
  return internal::local_error(std::move(status), std::move(message));
}

bool valid_account_id(const std::string& id) {
  // Google: 6-30 characters, lowercase letters, digits and hyphens, starting
  // with a letter and not ending with a hyphen.
  if (id.size() < 6 || id.size() > 30 || !std::islower(static_cast<unsigned char>(id[0])) || id.back() == '-') {
    return false;
  }
  for (char c : id) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string service_account_member(const std::string& email) { return "serviceAccount:" + email; }
std::string user_member(const std::string& email) { return "user:" + email; }

std::string rfc3339(std::chrono::system_clock::time_point t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string rfc3339_nanos(std::chrono::system_clock::time_point t) {
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  const std::string whole = rfc3339(std::chrono::system_clock::time_point(std::chrono::seconds(ns / 1000000000)));
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%09lldZ", static_cast<long long>(ns % 1000000000));
  return whole.substr(0, whole.size() - 1) + frac;
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& s) {
  static const std::regex re(R"((\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2})))");
  std::smatch m;
  if (!std::regex_match(s, m, re)) return std::nullopt;
  // system_clock counts nanoseconds in 64 bits: it ends in 2262.
  if (std::stoi(m[1]) > 2261) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  auto t = std::chrono::system_clock::from_time_t(timegm(&tm));
  if (m[7].matched) {
    std::string frac = m[7].str();
    frac.resize(9, '0');
    t += std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(std::stoll(frac)));
  }
  if (m[9].matched) {
    const auto offset = std::chrono::hours(std::stoi(m[10])) + std::chrono::minutes(std::stoi(m[11]));
    t += m[9] == "+" ? -offset : offset;
  }
  return t;
}

Result<void> State::add_binding(const std::string& project_id, const std::string& role, const std::string& member) {
  if (!role_known(role)) return identity_error("INVALID_ARGUMENT", "Role " + role + " is not supported for this resource.");
  std::lock_guard<std::mutex> lock(mu_);
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  if (it->second.bindings[role].insert(member).second) ++it->second.policy_version;
  return {};
}

Result<void> State::remove_binding(const std::string& project_id, const std::string& role, const std::string& member) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  auto b = it->second.bindings.find(role);
  if (b != it->second.bindings.end() && b->second.erase(member) > 0) {
    if (b->second.empty()) it->second.bindings.erase(b);
    ++it->second.policy_version;
  }
  return {};
}

std::set<std::string> State::permissions(const std::string& project_id, const std::string& member) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::set<std::string> out;
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return out;
  for (const auto& [role, members] : it->second.bindings) {
    if (members.count(member) || members.count("allUsers") || members.count("allAuthenticatedUsers")) {
      const std::set<std::string>& perms = role_permissions(role);
      out.insert(perms.begin(), perms.end());
    }
  }
  return out;
}

Result<long long> State::set_bindings(const std::string& project_id,
                                      std::map<std::string, std::set<std::string>> bindings,
                                      long long expected_version) {
  for (const auto& [role, members] : bindings) {
    if (!role_known(role)) return identity_error("INVALID_ARGUMENT", "Role " + role + " is not supported for this resource.");
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  if (expected_version != 0 && expected_version != it->second.policy_version) {
    return identity_error("ABORTED",
                          "There were concurrent policy changes. Please retry the whole read-modify-write with "
                          "exponential backoff. The request's ETag '" +
                              std::to_string(expected_version) + "' did not match the current policy's ETag.");
  }
  std::erase_if(bindings, [](const auto& b) { return b.second.empty(); });
  it->second.bindings = std::move(bindings);
  return ++it->second.policy_version;
}

Result<ServiceAccount> State::create_service_account(const std::string& project_id, const std::string& account_id,
                                                     const std::string& display_name,
                                                     const std::string& description) {
  if (!valid_account_id(account_id)) {
    return identity_error("INVALID_ARGUMENT",
                          "Invalid account ID '" + account_id + "': it must be 6 to 30 lowercase letters, digits or "
                          "hyphens, start with a letter and not end with a hyphen.");
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!projects_.count(project_id)) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  const std::string email = account_id + "@" + project_id + ".iam.gserviceaccount.com";
  if (service_accounts_.count(email)) {
    return identity_error("ALREADY_EXISTS", "Service account " + account_id + " already exists within project projects/" +
                                                project_id + ".");
  }
  ServiceAccount sa;
  sa.email = email;
  sa.unique_id = "1" + random_digits(20);
  sa.project_id = project_id;
  sa.display_name = display_name;
  sa.description = description;
  service_accounts_[email] = sa;
  return sa;
}

std::optional<ServiceAccount> State::service_account(const std::string& email_or_unique_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = service_accounts_.find(email_or_unique_id); it != service_accounts_.end()) return it->second;
  for (const auto& [email, sa] : service_accounts_) {
    if (sa.unique_id == email_or_unique_id) return sa;
  }
  return std::nullopt;
}

std::vector<ServiceAccount> State::service_accounts(const std::string& project_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ServiceAccount> out;
  for (const auto& [email, sa] : service_accounts_) {
    if (sa.project_id == project_id) out.push_back(sa);
  }
  return out;
}

Result<void> State::set_service_account_disabled(const std::string& email, bool disabled) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = service_accounts_.find(email);
  if (it == service_accounts_.end()) return identity_error("NOT_FOUND", "service account " + email + " does not exist");
  it->second.disabled = disabled;
  return {};
}

Result<ServiceAccountKey> State::add_service_account_key(const std::string& email, const std::string& public_pem,
                                                         std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = service_accounts_.find(email);
  if (it == service_accounts_.end()) return identity_error("NOT_FOUND", "service account " + email + " does not exist");
  if (it->second.keys.size() >= 10) {
    return identity_error("FAILED_PRECONDITION", "Precondition check failed: a service account has at most 10 keys.");
  }
  ServiceAccountKey key{random_hex(40), public_pem, false, rfc3339(now)};
  it->second.keys.push_back(key);
  return key;
}

Result<void> State::set_service_account_key_disabled(const std::string& email, const std::string& key_id, bool disabled) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = service_accounts_.find(email);
  if (it == service_accounts_.end()) return identity_error("NOT_FOUND", "service account " + email + " does not exist");
  for (ServiceAccountKey& k : it->second.keys) {
    if (k.id == key_id) {
      k.disabled = disabled;
      return {};
    }
  }
  return identity_error("NOT_FOUND", "key " + key_id + " does not exist");
}

Result<void> State::delete_service_account_key(const std::string& email, const std::string& key_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = service_accounts_.find(email);
  if (it == service_accounts_.end()) return identity_error("NOT_FOUND", "service account " + email + " does not exist");
  const size_t removed = std::erase_if(it->second.keys, [&](const ServiceAccountKey& k) { return k.id == key_id; });
  if (removed == 0) return identity_error("NOT_FOUND", "key " + key_id + " does not exist");
  return {};
}

Result<OAuthClient> State::create_oauth_client(const std::string& project_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto p = projects_.find(project_id);
  if (p == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  OAuthClient c{p->second.number + "-" + random_string(32, "0123456789abcdefghijklmnopqrstuvwxyz") +
                    ".apps.googleusercontent.com",
                "GOCSPX-" + random_string(28, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
                project_id, "", "", ""};
  oauth_clients_[c.client_id] = c;
  return c;
}

Result<OAuthClient> State::create_oauth_client(const std::string& project_id, const std::string& display_name,
                                               const std::string& application_type, const std::string& create_time) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto p = projects_.find(project_id);
    if (p == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
    if (p->second.oauth_app_name.empty()) {
      return identity_error("FAILED_PRECONDITION",
                            "To create an OAuth client ID, you must first configure your consent screen.");
    }
  }
  if (application_type != "installed" && application_type != "web") {
    return identity_error("INVALID_ARGUMENT", "The application type must be \"installed\" (Desktop app) or \"web\".");
  }
  auto created = create_oauth_client(project_id);
  if (!created) return created;
  std::lock_guard<std::mutex> lock(mu_);
  OAuthClient& c = oauth_clients_[created->client_id];
  c.display_name = display_name;
  c.application_type = application_type;
  c.create_time = create_time;
  return c;
}

std::vector<OAuthClient> State::oauth_clients(const std::string& project_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<OAuthClient> out;
  for (const auto& [id, c] : oauth_clients_) {
    if (c.project_id == project_id && !c.deleted) out.push_back(c);
  }
  return out;
}

Result<OAuthClient> State::rename_oauth_client(const std::string& client_id, const std::string& display_name) {
  if (display_name.empty()) return identity_error("INVALID_ARGUMENT", "The name is required.");
  std::lock_guard<std::mutex> lock(mu_);
  auto it = oauth_clients_.find(client_id);
  if (it == oauth_clients_.end() || it->second.deleted) {
    return identity_error("NOT_FOUND", "OAuth client " + client_id + " does not exist");
  }
  it->second.display_name = display_name;
  return it->second;
}

Result<void> State::delete_oauth_client(const std::string& client_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = oauth_clients_.find(client_id);
  if (it == oauth_clients_.end() || it->second.deleted) {
    return identity_error("NOT_FOUND", "OAuth client " + client_id + " does not exist");
  }
  it->second.deleted = true;
  return {};
}

Result<void> State::set_oauth_consent(const std::string& project_id, const std::string& app_name,
                                      const std::string& support_email) {
  if (app_name.empty()) return identity_error("INVALID_ARGUMENT", "The app name is required.");
  if (support_email.find('@') == std::string::npos) {
    return identity_error("INVALID_ARGUMENT", "'" + support_email + "' is not an email address");
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto p = projects_.find(project_id);
  if (p == projects_.end()) return identity_error("NOT_FOUND", "project '" + project_id + "' does not exist");
  p->second.oauth_app_name = app_name;
  p->second.oauth_support_email = support_email;
  return {};
}

std::optional<OAuthClient> State::oauth_client(const std::string& client_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = oauth_clients_.find(client_id);
  if (it == oauth_clients_.end()) return std::nullopt;
  return it->second;
}

Result<UserGrant> State::create_user_grant(const std::string& client_id, const std::string& email,
                                           const std::string& scopes) {
  if (email.find('@') == std::string::npos) return identity_error("INVALID_ARGUMENT", "'" + email + "' is not an email address");
  std::lock_guard<std::mutex> lock(mu_);
  auto client = oauth_clients_.find(client_id);
  if (client == oauth_clients_.end() || client->second.deleted) {
    return identity_error("NOT_FOUND", "OAuth client " + client_id + " does not exist");
  }
  UserGrant g{"1//0" + random_string(100, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"), client_id,
              email, scopes, false};
  user_grants_[g.refresh_token] = g;
  return g;
}

std::optional<UserGrant> State::user_grant(const std::string& refresh_token) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = user_grants_.find(refresh_token);
  if (it == user_grants_.end()) return std::nullopt;
  return it->second;
}

Result<void> State::revoke_user_grant(const std::string& refresh_token) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = user_grants_.find(refresh_token);
  if (it == user_grants_.end()) return identity_error("NOT_FOUND", "unknown refresh token");
  it->second.revoked = true;
  return {};
}

AccessToken State::issue_token(const std::string& principal, const std::string& project_id, const std::string& scopes,
                               std::chrono::system_clock::time_point expiry) {
  AccessToken t{"ya29.c." + random_string(160, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
                principal, project_id, scopes, expiry};
  std::lock_guard<std::mutex> lock(mu_);
  // Drop expired tokens now and then so a long-running emulator stays small.
  if (tokens_.size() > 10000) std::erase_if(tokens_, [&](const auto& kv) { return kv.second.expiry < expiry - std::chrono::hours(2); });
  tokens_[t.token] = t;
  return t;
}

std::optional<AccessToken> State::access_token(const std::string& token) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

void State::set_metadata_account(const std::string& email) {
  std::lock_guard<std::mutex> lock(mu_);
  metadata_account_ = email;
}

std::string State::metadata_account() const {
  std::lock_guard<std::mutex> lock(mu_);
  return metadata_account_;
}

}  // namespace genai::emulator
