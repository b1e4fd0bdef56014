// API Keys v2 (apikeys.googleapis.com): create, list, get, getKeyString,
// update (PATCH restrictions / displayName), delete and lookupKey, on the
// emulator's ApiKey (Console and AI Studio keys alike, as the Console shows
// both). Server (IP) and browser (referrer) restrictions and API targets are
// enforced on every Gemini call (handlers/access.cc); Android and iOS restrictions are
// not modelled and are refused.
#include <functional>
#include <regex>

#include <nlohmann/json.hpp>

#include "emulator/auth/crypto.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kApiKeysRpc = "google.api.apikeys.v2.ApiKeys.";
constexpr const char* kKeyType = "type.googleapis.com/google.api.apikeys.v2.Key";

std::string parent_of(const Project& p) { return "projects/" + p.number + "/locations/global"; }
std::string name_of(const Project& p, const ApiKey& k) { return parent_of(p) + "/keys/" + k.uid; }

ojson api_key_json(const Project& p, const ApiKey& k, bool with_secret) {
  ojson j;
  j["name"] = name_of(p, k);
  j["uid"] = k.uid;
  j["displayName"] = k.display_name;
  if (with_secret) j["keyString"] = k.key_string;
  j["createTime"] = k.create_time;
  j["updateTime"] = k.update_time;
  if (k.deleted && !k.delete_time.empty()) j["deleteTime"] = k.delete_time;
  ojson r = ojson::object();
  if (!k.allowed_referrers.empty()) r["browserKeyRestrictions"]["allowedReferrers"] = k.allowed_referrers;
  if (!k.allowed_ips.empty()) r["serverKeyRestrictions"]["allowedIps"] = k.allowed_ips;
  for (const std::string& s : k.api_targets) r["apiTargets"].push_back(ojson{{"service", s}});
  // A weak etag over what a PATCH can change, in Google's W/"base64" shape.
  const std::string content = k.display_name + "\n" + r.dump() + "\n" + k.update_time;
  if (!r.empty()) j["restrictions"] = std::move(r);
  const size_t h1 = std::hash<std::string>{}(content), h2 = std::hash<std::string>{}(content + k.uid);
  j["etag"] = "W/\"" + base64_encode(std::string(reinterpret_cast<const char*>(&h1), sizeof h1) +
                                     std::string(reinterpret_cast<const char*>(&h2), sizeof h2)) + "\"";
  return j;
}

// Reads Google's Restrictions message into `key`; an error for what the emulator cannot enforce.
std::optional<GoogleError> read_restrictions(const json& r, ApiKey& key) {
  if (!r.is_object()) return json_payload_invalid();
  key.api_targets.clear();
  key.allowed_ips.clear();
  key.allowed_referrers.clear();
  auto strings = [](const json& list, std::vector<std::string>& out) {
    if (!list.is_array()) return false;
    for (const json& s : list) {
      if (!s.is_string()) return false;
      out.push_back(s);
    }
    return true;
  };
  for (auto it = r.begin(); it != r.end(); ++it) {
    const json& v = it.value();
    if (it.key() == "apiTargets" && v.is_array()) {
      for (const json& t : v) {
        if (!t.is_object() || !t.value("service", json()).is_string()) return json_payload_invalid();
        key.api_targets.push_back(t["service"]);
      }
    } else if (it.key() == "serverKeyRestrictions" && v.is_object()) {
      if (!strings(v.value("allowedIps", json::array()), key.allowed_ips)) return json_payload_invalid();
    } else if (it.key() == "browserKeyRestrictions" && v.is_object()) {
      if (!strings(v.value("allowedReferrers", json::array()), key.allowed_referrers)) return json_payload_invalid();
    } else if (it.key() == "androidKeyRestrictions" || it.key() == "iosKeyRestrictions") {
      return invalid_argument("genai-emulator does not model " + it.key() + ".");
    } else {
      return json_unknown_name("restrictions." + it.key());
    }
  }
  return std::nullopt;
}

std::optional<GoogleError> read_display_name(const json& body, ApiKey& key) {
  if (!body.contains("displayName")) return std::nullopt;
  if (!body["displayName"].is_string()) return json_payload_invalid();
  key.display_name = body["displayName"];
  return std::nullopt;
}

ojson key_operation(ServerEnv& env, const Project& p, const ojson& key) {
  return finished_operation(env, "operations/akmf.p7-" + p.number + "-" + random_uuid(), ojson(), kKeyType, key);
}

// The key `uid` of the call's project, or Google's 404.
std::optional<ApiKey> find_key(ServerEnv& env, Response& res, const Project& p, const std::string& uid) {
  std::optional<ApiKey> k = env.state().key_by_uid(uid);
  if (!k || k->project_id != p.id) {
    send_error(res, api_key_resource_not_found(parent_of(p) + "/keys/" + uid));
    return std::nullopt;
  }
  return k;
}

void create_api_key(ServerEnv& env, const Request& req, Response& res, const std::string& project) {
  const CloudCall call = api_keys_call(env, project, "", "CreateKey", "apikeys.keys.create");
  if (!admit_cloud(env, req, res, call)) return;
  const auto body = json_body(req, res, {"displayName", "restrictions", "annotations", "name", "etag"});
  if (!body) return;
  ApiKey key;
  key.project_id = call.project->id;
  key.kind = ApiKey::Kind::kConsole;
  if (auto e = read_display_name(*body, key)) return send_error(res, *e);
  if (body->contains("restrictions")) {
    if (auto e = read_restrictions((*body)["restrictions"], key)) return send_error(res, *e);
  }
  if (req.has_param("keyId")) {
    key.uid = req.get_param_value("keyId");
    static const std::regex kKeyId("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    if (!std::regex_match(key.uid, kKeyId)) {
      return send_error(res, invalid_argument("The key id must match the regular expression: [a-z]([a-z0-9-]{0,61}[a-z0-9])?."));
    }
  }
  key.create_time = key.update_time = rfc3339(env.clock().now());
  auto created = env.state().create_key(key);
  if (!created) return send_error(res, from_state_error(created.error()));
  reply_json(res, key_operation(env, *call.project, api_key_json(*call.project, *created, true)));
}

void list_api_keys(ServerEnv& env, const Request& req, Response& res, const std::string& project) {
  const CloudCall call = api_keys_call(env, project, "", "ListKeys", "apikeys.keys.list");
  if (!admit_cloud(env, req, res, call)) return;
  const bool show_deleted = req.has_param("showDeleted") && req.get_param_value("showDeleted") == "true";
  ojson out = ojson::object();
  for (const ApiKey& k : env.state().keys()) {
    if (k.project_id != call.project->id || (k.deleted && !show_deleted)) continue;
    out["keys"].push_back(api_key_json(*call.project, k, false));
  }
  reply_json(res, out);
}

void api_key_method(ServerEnv& env, const Request& req, Response& res, const std::string& project,
                const std::string& uid, const std::string& what) {
  const bool get = req.method == "GET" && what.empty(), secret = what == "keyString", del = req.method == "DELETE";
  const char* method = get ? "GetKey" : secret ? "GetKeyString" : del ? "DeleteKey" : "UpdateKey";
  const char* permission = get    ? "apikeys.keys.get"
                           : secret ? "apikeys.keys.getKeyString"
                           : del    ? "apikeys.keys.delete"
                                    : "apikeys.keys.update";
  const CloudCall call = api_keys_call(env, project, uid, method, permission);
  if (!admit_cloud(env, req, res, call)) return;
  std::optional<ApiKey> key = find_key(env, res, *call.project, uid);
  if (!key) return;
  if (get) return reply_json(res, api_key_json(*call.project, *key, false));
  if (key->deleted) return send_error(res, api_key_resource_not_found(name_of(*call.project, *key)));
  if (secret) return reply_json(res, ojson{{"keyString", key->key_string}});
  const std::string now = rfc3339(env.clock().now());
  if (del) {
    if (auto r = env.state().delete_key(uid, now); !r) return send_error(res, from_state_error(r.error()));
    return reply_json(res, key_operation(env, *call.project, api_key_json(*call.project, *env.state().key_by_uid(uid), false)));
  }
  // PATCH: the mask names what changes; without one, whatever the body sets.
  const auto body = json_body(req, res, {"displayName", "restrictions", "annotations", "name", "etag", "uid"});
  if (!body) return;
  std::string mask = req.has_param("updateMask") ? req.get_param_value("updateMask") : "";
  if (mask.empty()) {
    for (const char* f : {"displayName", "restrictions"}) {
      if (body->contains(f)) mask += std::string(mask.empty() ? "" : ",") + f;
    }
  }
  size_t pos = 0;
  while (pos <= mask.size() && !mask.empty()) {
    const size_t comma = mask.find(',', pos);
    const std::string field = mask.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (field == "restrictions") {
      if (auto e = read_restrictions(body->value("restrictions", json::object()), *key)) return send_error(res, *e);
    } else if (field == "displayName" || field == "display_name") {
      key->display_name = body->value("displayName", "");
    } else {
      return send_error(res, invalid_argument("Invalid update mask path: " + field));
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  key->update_time = now;
  auto updated = env.state().update_key(*key);
  if (!updated) return send_error(res, from_state_error(updated.error()));
  reply_json(res, key_operation(env, *call.project, api_key_json(*call.project, *updated, false)));
}

void lookup_key(ServerEnv& env, const Request& req, Response& res) {
  const std::string key_string = req.has_param("keyString") ? req.get_param_value("keyString") : "";
  std::optional<ApiKey> key = key_string.empty() ? std::nullopt : env.state().key_by_string(key_string);
  if (key && key->deleted) key.reset();
  const std::string project = key ? key->project_id : "";
  CloudCall call = api_keys_call(env, project, "", "LookupKey", "apikeys.keys.lookup");
  if (!key) call.permission.clear();  // authenticate, then say the key is unknown
  if (!admit_cloud(env, req, res, call)) return;
  if (key_string.empty()) return send_error(res, invalid_argument("key_string is required."));
  if (!key) return send_error(res, api_key_string_not_found());
  ojson out;
  out["parent"] = parent_of(*call.project);
  out["name"] = name_of(*call.project, *key);
  reply_json(res, out);
}

}  // namespace

void register_api_keys_routes(Router& router, ServerEnv& env) {
  constexpr const char* kKeys = R"(/v2/projects/([^/:]+)/locations/global/keys)";
  router.post(kKeys, [&env](const Request& req, Response& res) { create_api_key(env, req, res, req.matches[1]); });
  router.get(kKeys, [&env](const Request& req, Response& res) { list_api_keys(env, req, res, req.matches[1]); });
  const std::string key = std::string(kKeys) + R"(/([^/:]+))";
  auto handler = [&env](const Request& req, Response& res) {
    api_key_method(env, req, res, req.matches[1], req.matches[2], req.matches.size() > 3 ? std::string(req.matches[3]) : "");
  };
  router.get(key, handler);
  router.del(key, handler);
  router.patch(key, handler);
  router.get(key + "/(keyString)", handler);
  router.get("/v2/keys:lookupKey", [&env](const Request& req, Response& res) { lookup_key(env, req, res); });
  router.get(R"(/v2/operations/(akmf\.[^/]+))", [&env](const Request& req, Response& res) {
    const CloudCall call{kApiKeys, "google.longrunning.Operations.GetOperation", "", std::nullopt, caller_lacks_permission()};
    if (!admit_cloud(env, req, res, call)) return;
    const std::string name = "operations/" + std::string(req.matches[1]);
    const std::optional<std::string> op = env.state().operation(name);
    if (!op) return send_error(res, operation_not_found(name));
    reply_json(res, ojson::parse(*op));
  });
}

CloudCall api_keys_call(ServerEnv& env, const std::string& project, const std::string& uid, const char* method,
                        const char* permission) {
  std::optional<Project> p = env.state().project(project);
  std::string resource = "projects/" + (p ? p->number : project) + "/locations/global";
  if (!uid.empty()) resource += "/keys/" + uid;
  return CloudCall{kApiKeys, std::string(kApiKeysRpc) + method, permission, p,
                   iam_denied(permission, "//apikeys.googleapis.com/" + resource, kApiKeys)};
}

}  // namespace genai::emulator
