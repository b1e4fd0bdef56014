#include "cli/doctor_keys.h"

#include <algorithm>
#include <cctype>

namespace genai::cli {
namespace {

using nlohmann::json;

constexpr const char* kLookupPermission = "apikeys.keys.lookup";
constexpr const char* kViewerRole = "roles/serviceusage.apiKeysViewer";

std::vector<std::string> strings_at(const json& j, const char* outer, const char* inner) {
  std::vector<std::string> out;
  const json list = j.value(outer, json::object()).value(inner, json::array());
  for (const json& s : list) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The restrictions as Google names them, e.g. "apiTargets: a; allowedIps: b".
std::string summary(const ApiKeyFacts& f) {
  std::string out;
  auto part = [&](const char* name, const std::vector<std::string>& v) {
    if (!v.empty()) out += (out.empty() ? "" : "; ") + std::string(name) + ": " + joined(v);
  };
  part("apiTargets", f.api_targets);
  part("allowedIps", f.allowed_ips);
  part("allowedReferrers", f.allowed_referrers);
  if (!f.app_restriction.empty()) out += (out.empty() ? "" : "; ") + f.app_restriction;
  return out;
}

// "my-proj (100000000001)", or the number alone when the id is unknown.
std::string project_label(const ApiKeyFacts& f) {
  return f.project_id == f.project_number ? f.project_number : f.project_id + " (" + f.project_number + ")";
}

json key_json(const ApiKeyFacts& f) {
  return {{"name", f.name},
          {"uid", f.uid},
          {"display_name", f.display_name},
          {"project", f.project_id},
          {"project_number", f.project_number},
          {"kind", f.studio ? "studio" : "console"},
          {"restrictions", f.restrictions}};
}

class KeyChecks {
 public:
  KeyChecks(Report& report, const KeyCheck& k) : report_(report), k_(k) {}

  void run() {
    if (!k_.caller) return skip(tr(k_.lang, M::kDocKeyLookupNoCaller, {kLookupPermission, kViewerRole, k_.caller_problem}));
    CloudRest rest(k_.caller, k_.cloud_base_url, k_.http);
    Result<ApiKeyFacts> facts = look_up_api_key(rest, k_.key);
    if (!facts) {
      const Error& e = facts.error();
      if (e.http_status == 401 || e.http_status == 403) {
        return skip(tr(k_.lang, M::kDocKeyLookupDenied, {localize_credential_text(k_.lang, k_.caller->describe()), kLookupPermission, kViewerRole}));
      }
      return skip(tr(k_.lang, M::kDocKeyLookupFailed, {e.message, kLookupPermission, kViewerRole}));
    }
    f_ = std::move(*facts);
    report_.add("key kind", Status::kOk,
                tr(k_.lang, f_.studio ? M::kDocKeyStudio : M::kDocKeyConsole, {f_.display_name, f_.uid, project_label(f_)}),
                {}, {{"key", key_json(f_)}});
    restrictions();
  }
  const std::string& project_id() const { return f_.project_id; }

 private:
  void skip(const std::string& why) {
    report_.add("key kind", Status::kSkip, why, {},
                {{"key", nullptr}, {"needs", {{"permission", kLookupPermission}, {"role", kViewerRole}}}});
  }

  std::string console_url() const {
    return "https://console.cloud.google.com/apis/credentials/key/" + f_.uid + "?project=" + f_.project_id;
  }
  // A new key restricted to the service: what genai setup can do (it does not edit keys).
  std::string setup_new_key() const {
    const std::string label = k_.service.substr(0, k_.service.find('.'));
    return "genai setup --project " + f_.project_id + " --api-key --key-name genai-" + label + " --restrict-api " +
           k_.service + " --api-key-file " + label + ".key";
  }
  std::string gcloud_update(const std::vector<std::string>& services) const {
    std::string cmd = "gcloud services api-keys update " + f_.uid + " --project " + f_.project_id;
    for (const std::string& s : services) cmd += " --api-target=service=" + s;
    return cmd;
  }

  // The key's API targets leave out the service this use needs.
  bool targets_block() const {
    return !f_.api_targets.empty() &&
           std::find(f_.api_targets.begin(), f_.api_targets.end(), k_.service) == f_.api_targets.end();
  }

  // The restriction that stops this use, named as Google names it; empty: none found.
  std::string blocking() const {
    const std::string reason = k_.call_error ? k_.call_error->reason() : "";
    if (reason == "API_KEY_SERVICE_BLOCKED" || targets_block()) {
      return tr(k_.lang, M::kDocKeyBlockedApi, {joined(f_.api_targets), k_.service});
    }
    if (reason == "API_KEY_IP_ADDRESS_BLOCKED" && !f_.allowed_ips.empty()) {
      const std::string ip = metadata_of(*k_.call_error, "callerIp");
      return tr(k_.lang, M::kDocKeyBlockedIp, {joined(f_.allowed_ips), ip.empty() ? "?" : ip});
    }
    if (!f_.allowed_referrers.empty()) return tr(k_.lang, M::kDocKeyBlockedReferrer, {joined(f_.allowed_referrers)});
    if (!f_.app_restriction.empty()) return tr(k_.lang, M::kDocKeyBlockedApp, {f_.app_restriction});
    return {};
  }

  void restrictions() {
    const json data = {{"restrictions", f_.restrictions}};
    const std::string blocked = blocking();
    const std::string reason = k_.call_error ? k_.call_error->reason() : "";
    const bool call_blocked = reason == "API_KEY_SERVICE_BLOCKED" || reason == "API_KEY_IP_ADDRESS_BLOCKED" ||
                              reason == "API_KEY_HTTP_REFERRER_BLOCKED";
    if (!blocked.empty()) {
      // The cheap call said so in Google's words, with its fix: name the restriction there.
      if (Check* c = call_blocked ? report_.find("key restrictions") : nullptr) {
        report_.amend(*c, tr(k_.lang, M::kDocKeyBlockedBy, {blocked}), data);
        return;
      }
      std::vector<std::string> targets = f_.api_targets;
      targets.push_back(k_.service);
      Fix fix = targets_block() ? Fix{tr(k_.lang, M::kFixKeyAddTarget, {k_.service}), setup_new_key(), gcloud_update(targets),
                          console_url()}
                    : Fix{tr(k_.lang, M::kFixKeyReferrerBlocked), setup_new_key(), "", console_url()};
      report_.add("key restrictions", Status::kFail, blocked, std::move(fix), data);
      return;
    }
    if (call_blocked) return;  // the call's finding stands; nothing to add
    const Fix restrict{tr(k_.lang, M::kFixRestrictKey, {k_.service}), setup_new_key(), gcloud_update({k_.service}),
                       console_url()};
    if (f_.api_targets.empty() && f_.allowed_ips.empty() && f_.allowed_referrers.empty() && f_.app_restriction.empty()) {
      report_.add("key restrictions", Status::kWarn, tr(k_.lang, M::kDocKeyUnrestricted, {project_label(f_)}), restrict,
                  data);
    } else if (f_.api_targets.empty()) {
      report_.add("key restrictions", Status::kWarn,
                  tr(k_.lang, M::kDocKeyNoApiTargets, {summary(f_), project_label(f_)}), restrict, data);
    } else {
      report_.add("key restrictions", Status::kOk, tr(k_.lang, M::kDocKeyRestricted, {summary(f_)}), {}, data);
    }
  }

  Report& report_;
  const KeyCheck& k_;
  ApiKeyFacts f_;
};

}  // namespace

bool made_by_ai_studio(const std::string& display_name, const std::vector<std::string>& api_targets) {
  std::string name = display_name;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool studio_name =
      name.find("gemini api key") != std::string::npos || name.find("generative language api key") != std::string::npos;
  return studio_name && api_targets == std::vector<std::string>{"generativelanguage.googleapis.com"};
}

Result<ApiKeyFacts> look_up_api_key(CloudRest& rest, const std::string& key_string) {
  Result<json> found = rest.call("GET", "apikeys", "/v2/keys:lookupKey?keyString=" + key_string);
  if (!found) return std::move(found).error();
  ApiKeyFacts f;
  f.name = found->value("name", "");
  Result<json> key = rest.call("GET", "apikeys", "/v2/" + f.name);
  if (!key) return std::move(key).error();
  f.uid = key->value("uid", f.name.substr(f.name.rfind('/') + 1));
  f.display_name = key->value("displayName", "");
  f.restrictions = key->value("restrictions", json::object());
  f.api_targets.clear();
  for (const json& t : f.restrictions.value("apiTargets", json::array())) {
    if (t.is_object() && t.value("service", json()).is_string()) f.api_targets.push_back(t["service"]);
  }
  f.allowed_ips = strings_at(f.restrictions, "serverKeyRestrictions", "allowedIps");
  f.allowed_referrers = strings_at(f.restrictions, "browserKeyRestrictions", "allowedReferrers");
  for (const char* app : {"androidKeyRestrictions", "iosKeyRestrictions"}) {
    if (f.restrictions.contains(app)) f.app_restriction = app;
  }
  f.studio = made_by_ai_studio(f.display_name, f.api_targets);
  // "projects/NUMBER/locations/global/keys/UID"
  const size_t slash = f.name.find('/', 9);
  f.project_number = f.name.rfind("projects/", 0) == 0 && slash != std::string::npos ? f.name.substr(9, slash - 9) : "";
  f.project_id = f.project_number;
  Result<json> project = rest.call("GET", "cloudresourcemanager", "/v3/projects/" + f.project_number);
  if (project && project->value("projectId", json()).is_string()) f.project_id = (*project)["projectId"];
  return f;
}

std::string check_api_key(Report& report, const KeyCheck& k) {
  KeyChecks checks(report, k);
  checks.run();
  return checks.project_id();
}

}  // namespace genai::cli
