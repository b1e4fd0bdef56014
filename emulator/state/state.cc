#include "emulator/state/state.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "emulator/auth/crypto.h"

namespace genai::emulator {
namespace {

using nlohmann::json;

Error state_error(std::string message) { return internal::invalid_argument(std::move(message)); }

const char* kind_name(ApiKey::Kind k) { return k == ApiKey::Kind::kStudio ? "studio" : "console"; }

}  // namespace

std::string generate_key_string() {
  return "AIza" + random_string(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
}

namespace {

// The services the emulator's Service Usage knows, with Google's titles.
const std::map<std::string, std::string>& service_titles() {
  static const std::map<std::string, std::string> titles = {
      {kGenerativeLanguage, "Generative Language API"},
      {kAiPlatform, "Vertex AI API"},
      {kCloudAiCompanion, "Gemini for Google Cloud API"},
      {kIamCredentials, "IAM Service Account Credentials API"},
      {kCloudResourceManager, "Cloud Resource Manager API"},
      {kServiceUsage, "Service Usage API"},
      {kIam, "Identity and Access Management (IAM) API"},
      {kApiKeys, "API Keys API"},
      {"storage.googleapis.com", "Cloud Storage API"},
  };
  return titles;
}

}  // namespace

std::string service_title(const std::string& service) {
  auto it = service_titles().find(service);
  return it == service_titles().end() ? service : it->second;
}

bool service_known(const std::string& service) { return service_titles().count(service) > 0; }

std::vector<std::string> known_services() {
  std::vector<std::string> out;
  for (const auto& [name, title] : service_titles()) out.push_back(name);
  return out;
}

bool service_always_enabled(const std::string& service) {
  return service == kCloudResourceManager || service == kServiceUsage || service == kIam || service == kApiKeys ||
         service == kClientAuthConfig;
}

Result<void> State::create_project_check(const std::string& id) {
  if (id.size() < 6 || id.size() > 30 || !std::islower(static_cast<unsigned char>(id[0]))) {
    return state_error("project id '" + id + "' must be 6 to 30 characters starting with a lowercase letter");
  }
  for (char c : id) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-')) {
      return state_error("project id '" + id + "' may contain only lowercase letters, digits and hyphens");
    }
  }
  return {};
}

Result<Project> State::create_project(const std::string& id) {
  if (auto checked = create_project_check(id); !checked) return checked.error();
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = projects_.try_emplace(id, Project{id, std::to_string(next_number_), {"storage.googleapis.com"}, {}, 1, id, "", true, "", ""});
  if (inserted) ++next_number_;
  return it->second;
}

Result<Project> State::create_project_as(const std::string& id, const std::string& display_name,
                                         const std::string& owner_member, std::chrono::system_clock::time_point now) {
  if (auto checked = create_project_check(id); !checked) return checked.error();
  std::lock_guard<std::mutex> lock(mu_);
  if (projects_.count(id)) {
    Error e = state_error("Requested entity already exists");
    e.status = "ALREADY_EXISTS";
    return e;
  }
  Project p{id, std::to_string(next_number_++), {"storage.googleapis.com"}, {{"roles/owner", {owner_member}}}, 1, display_name, rfc3339(now), true, "", ""};
  projects_[id] = p;
  return p;
}

std::optional<Project> State::project(const std::string& id_or_number) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = projects_.find(id_or_number); it != projects_.end()) return it->second;
  for (const auto& [id, p] : projects_) {
    if (p.number == id_or_number) return p;
  }
  return std::nullopt;
}

std::vector<Project> State::projects() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Project> out;
  for (const auto& [id, p] : projects_) out.push_back(p);
  return out;
}

Result<void> State::set_service_enabled(const std::string& project_id, const std::string& service, bool enabled) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return state_error("project '" + project_id + "' does not exist");
  if (enabled) {
    it->second.enabled_services.insert(service);
  } else {
    it->second.enabled_services.erase(service);
  }
  return {};
}

Result<void> State::set_billing_enabled(const std::string& project_id, bool enabled) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = projects_.find(project_id);
  if (it == projects_.end()) return state_error("project '" + project_id + "' does not exist");
  it->second.billing_enabled = enabled;
  return {};
}

Result<void> State::set_key_expired(const std::string& uid, bool expired) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [key_string, k] : keys_) {
    if (k.uid != uid) continue;
    k.expired = expired;
    return {};
  }
  return state_error("key '" + uid + "' does not exist");
}

void State::set_caller_region(const std::string& region_code) {
  std::lock_guard<std::mutex> lock(mu_);
  caller_region_ = region_code;
}

std::string State::caller_region() const {
  std::lock_guard<std::mutex> lock(mu_);
  return caller_region_;
}

Result<ApiKey> State::create_key(ApiKey key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!projects_.count(key.project_id)) return state_error("project '" + key.project_id + "' does not exist");
  if (key.kind == ApiKey::Kind::kStudio) key.api_targets = {kGenerativeLanguage};
  if (key.uid.empty()) {
    key.uid = random_hex(8) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(12);
  } else {
    for (const auto& [s, k] : keys_) {
      if (k.uid == key.uid) {
        Error e = state_error("A key with id '" + key.uid + "' already exists.");
        e.status = "ALREADY_EXISTS";
        return e;
      }
    }
  }
  if (key.create_time.empty()) key.create_time = rfc3339(std::chrono::system_clock::now());
  if (key.update_time.empty()) key.update_time = key.create_time;
  key.key_string = generate_key_string();
  if (key.display_name.empty()) key.display_name = key.kind == ApiKey::Kind::kStudio ? "Gemini API Key" : "API key";
  keys_[key.key_string] = key;
  return key;
}

std::optional<ApiKey> State::key_by_string(const std::string& key_string) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = keys_.find(key_string);
  if (it == keys_.end()) return std::nullopt;
  return it->second;
}

std::optional<ApiKey> State::key_by_uid(const std::string& uid) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [s, k] : keys_) {
    if (k.uid == uid) return k;
  }
  return std::nullopt;
}

Result<ApiKey> State::update_key(const ApiKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [s, k] : keys_) {
    if (k.uid == key.uid) {
      k.display_name = key.display_name;
      k.api_targets = key.api_targets;
      k.allowed_ips = key.allowed_ips;
      k.allowed_referrers = key.allowed_referrers;
      k.update_time = key.update_time;
      return k;
    }
  }
  return state_error("key '" + key.uid + "' does not exist");
}

Result<void> State::delete_key(const std::string& uid, const std::string& delete_time) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [s, k] : keys_) {
    if (k.uid == uid) {
      k.deleted = true;
      k.delete_time = delete_time;
      return {};
    }
  }
  return state_error("key '" + uid + "' does not exist");
}

void State::put_operation(const std::string& name, const std::string& json) {
  std::lock_guard<std::mutex> lock(mu_);
  operations_[name] = json;
}

std::optional<std::string> State::operation(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = operations_.find(name);
  if (it == operations_.end()) return std::nullopt;
  return it->second;
}

std::vector<ApiKey> State::keys() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<ApiKey> out;
  for (const auto& [s, k] : keys_) out.push_back(k);
  return out;
}

bool State::take_quota(const std::string& project_id, int limit, std::chrono::system_clock::time_point now) {
  if (limit <= 0) return true;
  const long long minute = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
  std::lock_guard<std::mutex> lock(mu_);
  auto& [window, used] = quota_[project_id];
  if (window != minute) {
    window = minute;
    used = 0;
  }
  if (used >= limit) return false;
  ++used;
  return true;
}

void State::count(const std::string& counter) {
  std::lock_guard<std::mutex> lock(mu_);
  ++counters_[counter];
}

std::map<std::string, long long> State::counters() const {
  std::lock_guard<std::mutex> lock(mu_);
  return counters_;
}

void State::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  projects_.clear();
  keys_.clear();
  quota_.clear();
  counters_.clear();
  service_accounts_.clear();
  oauth_clients_.clear();
  user_grants_.clear();
  tokens_.clear();
  operations_.clear();
  metadata_account_.clear();
  caller_region_.clear();
}

std::string State::to_json() const {
  std::lock_guard<std::mutex> lock(mu_);
  json j = {{"version", 1},
            {"nextProjectNumber", next_number_},
            {"projects", json::array()},
            {"keys", json::array()},
            {"serviceAccounts", json::array()},
            {"oauthClients", json::array()},
            {"userGrants", json::array()},
            {"accessTokens", json::array()},
            {"operations", operations_},
            {"metadataAccount", metadata_account_},
            {"callerRegion", caller_region_}};
  for (const auto& [id, p] : projects_) {
    j["projects"].push_back({{"projectId", p.id},
                             {"projectNumber", p.number},
                             {"enabledServices", p.enabled_services},
                             {"bindings", p.bindings},
                             {"policyVersion", p.policy_version},
                             {"displayName", p.display_name},
                             {"createTime", p.create_time},
                             {"billingEnabled", p.billing_enabled},
                             {"oauthAppName", p.oauth_app_name},
                             {"oauthSupportEmail", p.oauth_support_email}});
  }
  for (const auto& [email, sa] : service_accounts_) {
    json keys = json::array();
    for (const ServiceAccountKey& k : sa.keys) {
      keys.push_back({{"keyId", k.id}, {"publicKeyPem", k.public_pem}, {"disabled", k.disabled}, {"validAfterTime", k.valid_after}});
    }
    j["serviceAccounts"].push_back({{"email", sa.email},
                                    {"uniqueId", sa.unique_id},
                                    {"projectId", sa.project_id},
                                    {"displayName", sa.display_name},
                                    {"disabled", sa.disabled},
                                    {"keys", keys},
                                    {"description", sa.description}});
  }
  for (const auto& [id, c] : oauth_clients_) {
    j["oauthClients"].push_back({{"clientId", c.client_id},
                                 {"clientSecret", c.client_secret},
                                 {"projectId", c.project_id},
                                 {"displayName", c.display_name},
                                 {"applicationType", c.application_type},
                                 {"createTime", c.create_time},
                                 {"deleted", c.deleted}});
  }
  for (const auto& [rt, g] : user_grants_) {
    j["userGrants"].push_back({{"refreshToken", g.refresh_token},
                               {"clientId", g.client_id},
                               {"email", g.email},
                               {"scopes", g.scopes},
                               {"revoked", g.revoked}});
  }
  for (const auto& [tok, t] : tokens_) {
    j["accessTokens"].push_back({{"token", t.token},
                                 {"principal", t.principal},
                                 {"projectId", t.project_id},
                                 {"scopes", t.scopes},
                                 {"expiry", std::chrono::duration_cast<std::chrono::seconds>(t.expiry.time_since_epoch()).count()}});
  }
  for (const auto& [s, k] : keys_) {
    j["keys"].push_back({{"uid", k.uid},
                         {"keyString", k.key_string},
                         {"projectId", k.project_id},
                         {"displayName", k.display_name},
                         {"kind", kind_name(k.kind)},
                         {"apiTargets", k.api_targets},
                         {"allowedIps", k.allowed_ips},
                         {"allowedReferrers", k.allowed_referrers},
                         {"deleted", k.deleted},
                         {"expired", k.expired},
                         {"createTime", k.create_time},
                         {"updateTime", k.update_time},
                         {"deleteTime", k.delete_time}});
  }
  return j.dump(2);
}

Result<void> State::load_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return state_error("the state file is not a JSON object");
  try {
    std::map<std::string, Project> projects;
    std::map<std::string, ApiKey> keys;
    for (const json& p : j.value("projects", json::array())) {
      Project pr{p.at("projectId"), p.at("projectNumber"), p.value("enabledServices", std::set<std::string>{}),
                 p.value("bindings", std::map<std::string, std::set<std::string>>{}), p.value("policyVersion", 1LL),
                 p.value("displayName", ""), p.value("createTime", ""), p.value("billingEnabled", true),
                 p.value("oauthAppName", ""), p.value("oauthSupportEmail", "")};
      projects[pr.id] = pr;
    }
    std::map<std::string, ServiceAccount> accounts;
    for (const json& a : j.value("serviceAccounts", json::array())) {
      ServiceAccount sa{a.at("email"), a.at("uniqueId"), a.at("projectId"), a.value("displayName", ""),
                        a.value("disabled", false), {}, a.value("description", "")};
      for (const json& k : a.value("keys", json::array())) {
        sa.keys.push_back({k.at("keyId"), k.at("publicKeyPem"), k.value("disabled", false), k.value("validAfterTime", "")});
      }
      accounts[sa.email] = sa;
    }
    std::map<std::string, OAuthClient> clients;
    for (const json& c : j.value("oauthClients", json::array())) {
      OAuthClient oc{c.at("clientId"),           c.at("clientSecret"),            c.at("projectId"),
                     c.value("displayName", ""), c.value("applicationType", ""), c.value("createTime", ""),
                     c.value("deleted", false)};
      clients[oc.client_id] = oc;
    }
    std::map<std::string, UserGrant> grants;
    for (const json& g : j.value("userGrants", json::array())) {
      UserGrant ug{g.at("refreshToken"), g.at("clientId"), g.at("email"), g.value("scopes", ""), g.value("revoked", false)};
      grants[ug.refresh_token] = ug;
    }
    std::map<std::string, AccessToken> tokens;
    for (const json& t : j.value("accessTokens", json::array())) {
      AccessToken at{t.at("token"), t.at("principal"), t.at("projectId"), t.value("scopes", ""),
                     std::chrono::system_clock::time_point(std::chrono::seconds(t.at("expiry").get<long long>()))};
      tokens[at.token] = at;
    }
    for (const json& k : j.value("keys", json::array())) {
      ApiKey key;
      key.uid = k.at("uid");
      key.key_string = k.at("keyString");
      key.project_id = k.at("projectId");
      key.display_name = k.value("displayName", "");
      key.kind = k.value("kind", "console") == "studio" ? ApiKey::Kind::kStudio : ApiKey::Kind::kConsole;
      key.api_targets = k.value("apiTargets", std::vector<std::string>{});
      key.allowed_ips = k.value("allowedIps", std::vector<std::string>{});
      key.allowed_referrers = k.value("allowedReferrers", std::vector<std::string>{});
      key.deleted = k.value("deleted", false);
      key.expired = k.value("expired", false);
      key.create_time = k.value("createTime", "");
      key.update_time = k.value("updateTime", "");
      key.delete_time = k.value("deleteTime", "");
      keys[key.key_string] = key;
    }
    std::lock_guard<std::mutex> lock(mu_);
    projects_ = std::move(projects);
    keys_ = std::move(keys);
    service_accounts_ = std::move(accounts);
    oauth_clients_ = std::move(clients);
    user_grants_ = std::move(grants);
    tokens_ = std::move(tokens);
    operations_ = j.value("operations", std::map<std::string, std::string>{});
    metadata_account_ = j.value("metadataAccount", "");
    caller_region_ = j.value("callerRegion", "");
    next_number_ = j.value("nextProjectNumber", next_number_);
  } catch (const std::exception& e) {
    return state_error(std::string("the state file is malformed: ") + e.what());
  }
  return {};
}

Result<void> State::save_file(const std::string& path) const {
  const std::string text = to_json();
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return state_error("cannot write " + tmp);
  size_t off = 0;
  while (off < text.size()) {
    const ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return state_error("cannot write " + tmp);
    }
    off += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return state_error("cannot save the state to " + path);
  }
  return {};
}

}  // namespace genai::emulator
