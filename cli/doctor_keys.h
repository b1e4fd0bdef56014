// genai doctor's API key checks: which project owns the key, whether AI
// Studio or the Cloud Console made it, and whether its restrictions leave it
// unrestricted (warn) or block this use (fail, naming the restriction).
// Google's API Keys v2 answers these, asked as the caller's own OAuth
// credential (Application Default Credentials, or doctor --admin-credentials):
// GET /v2/keys:lookupKey?keyString=... (apikeys.keys.lookup), then
// GET /v2/{name} (apikeys.keys.get). Both are in roles/serviceusage.apiKeysViewer.
// Without such a credential, or when it is refused, the check is skipped and
// says which permission it needs; it never guesses.
//
//   KeyCheck k{lang, key, caller, cloud_base_url, http, "generativelanguage.googleapis.com", call_error};
//   check_api_key(report, k);
#ifndef GENAI_CLI_DOCTOR_KEYS_H_
#define GENAI_CLI_DOCTOR_KEYS_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cloud_rest.h"
#include "cli/doctor_report.h"
#include "genai/genai.h"

namespace genai::cli {

// What API Keys v2 says about a key (never the key string itself).
struct ApiKeyFacts {
  std::string name;            // projects/NUMBER/locations/global/keys/UID
  std::string uid;
  std::string display_name;
  std::string project_number;
  std::string project_id;      // from Resource Manager; the number when it could not be read
  std::vector<std::string> api_targets;        // restrictions.apiTargets[].service
  std::vector<std::string> allowed_ips;        // restrictions.serverKeyRestrictions.allowedIps
  std::vector<std::string> allowed_referrers;  // restrictions.browserKeyRestrictions.allowedReferrers
  std::string app_restriction;                 // "androidKeyRestrictions" / "iosKeyRestrictions", if set
  nlohmann::json restrictions = nlohmann::json::object();  // as Google returned them
  bool studio = false;                                     // made_by_ai_studio()
};

// lookupKey, then the Key, then (best effort) the project id of its number.
Result<ApiKeyFacts> look_up_api_key(CloudRest& rest, const std::string& key_string);

// AI Studio's keys are ordinary API Keys v2 keys in a Cloud project; what
// tells them apart is how AI Studio makes them: restricted to exactly
// generativelanguage.googleapis.com, with the display name "Gemini API Key"
// (older ones: "Generative Language API Key"). A heuristic: a Console key
// given that name and restriction by hand looks the same.
bool made_by_ai_studio(const std::string& display_name, const std::vector<std::string>& api_targets);

struct KeyCheck {
  Lang lang = Lang::kEn;
  std::string key;                      // the key in use (secret: only sent in the lookupKey query)
  std::shared_ptr<Credentials> caller;  // OAuth credential to ask API Keys with; null: none found
  std::string caller_problem;           // why there is none, when null
  std::string cloud_base_url;           // --cloud-base-url
  HttpOptions http;  // --verbose trace (redacted by the transport), --proxy
  std::string service;                  // the API this use needs, e.g. generativelanguage.googleapis.com
  const Error* call_error = nullptr;    // the cheap call's error, if it failed
};

// Adds "key kind" (ok, or skip with the permission it needs) and "key
// restrictions" (ok / warn / fail) to `report`. When the cheap call already
// failed on a key restriction, names the restriction in that finding instead
// of adding a second one. Returns the id of the key's project (its number when
// the id could not be read), empty when the key could not be looked up: the
// project a fix for the key should name.
std::string check_api_key(Report& report, const KeyCheck& k);

}  // namespace genai::cli

#endif  // GENAI_CLI_DOCTOR_KEYS_H_
