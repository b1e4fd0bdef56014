#include "core/fixes.h"

#include <cstdio>
#include <string_view>

namespace genai::internal {
namespace {

std::string metadata(const Error& e, const std::string& key) {
  if (!e.error_info) return {};
  auto it = e.error_info->metadata.find(key);
  return it == e.error_info->metadata.end() ? std::string() : it->second;
}

// "projects/123" -> "123"
std::string project_of(const Error& e) {
  std::string consumer = metadata(e, "consumer");
  if (consumer.rfind("projects/", 0) == 0) consumer.erase(0, 9);
  return consumer;
}

// A quota failure with every detail Google sent: which quota, its limit,
// the delay it asks for, and whether billing (a paid tier) would lift it.
std::string quota_fix(const Error& e) {
  std::string fix = "Quota exceeded";
  bool free_tier = false;
  for (const QuotaViolation& v : e.quota_violations) {
    const std::string& name = v.quota_id.empty() ? v.quota_metric : v.quota_id;
    if (!name.empty()) {
      fix += (fix.back() == ')' ? ", " : ": ") + name + " (limit " + (v.quota_value.empty() ? "?" : v.quota_value) + ")";
    }
    free_tier = free_tier || v.quota_id.find("FreeTier") != std::string::npos ||
                v.quota_metric.find("free_tier") != std::string::npos;
  }
  fix += ". ";
  if (e.retry_delay) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(e.retry_delay->count()) / 1000.0);
    fix += "Google asks to retry in " + std::string(seconds) + " s; ";
  }
  fix += free_tier ? "this is the free tier's limit: enabling billing on the project (a paid tier) raises it."
                   : "wait and retry, lower the request rate, or request more quota for the project.";
  return fix;
}

std::string fix_for_reason(const Error& e) {
  const std::string& reason = e.reason();
  const std::string service = metadata(e, "service");
  if (reason == "API_KEY_INVALID") {
    if (e.message.find("expired") != std::string::npos) {
      return "The API key has expired (Google knows it, so it is not mistyped): create a new key in the Cloud Console "
             "(APIs & Services > Credentials) or AI Studio (https://aistudio.google.com/apikey), update "
             "GEMINI_API_KEY, and delete the expired key.";
    }
    return "The API key is not valid (mistyped, deleted, or from another project): copy it again from "
           "https://aistudio.google.com/apikey, and check "
           "GOOGLE_API_KEY/GEMINI_API_KEY (GOOGLE_API_KEY wins over GEMINI_API_KEY).";
  }
  if (reason == "SERVICE_DISABLED") {
    const std::string project = project_of(e);
    std::string fix = "Enable " + (service.empty() ? std::string("the API") : service) + " for project " +
                      (project.empty() ? std::string("<project>") : project) + ": `gcloud services enable " +
                      (service.empty() ? std::string("generativelanguage.googleapis.com") : service) +
                      (project.empty() ? std::string() : " --project " + project) + "`";
    const std::string url = metadata(e, "activationUrl");
    if (!url.empty()) fix += " or open " + url;
    return fix + ", then wait a minute and retry.";
  }
  if (reason == "API_KEY_SERVICE_BLOCKED") {
    const std::string fix = "The API key's restrictions do not allow " +
                            (service.empty() ? std::string("this API") : service) +
                            ": add it to the key's API restrictions (Cloud Console > APIs & Services > Credentials > "
                            "the key)";
    // An AI Studio key is locked to the Gemini API, so it is the answer for
    // that API only; Vertex AI wants a key allowed for it, or OAuth.
    if (service == "aiplatform.googleapis.com") {
      return fix + ", or call Vertex AI with a service account or Application Default Credentials instead of a key "
                   "(AI Studio keys only work for the Gemini API).";
    }
    return fix + ", or use an AI Studio key for the Gemini API.";
  }
  if (reason == "API_KEY_IP_ADDRESS_BLOCKED") {
    const std::string ip = metadata(e, "callerIp");
    return "The API key only allows certain IP addresses" + (ip.empty() ? std::string() : " and this call came from " + ip) +
           ": add this address to the key's IP restrictions, or call from an allowed network.";
  }
  if (reason == "API_KEY_HTTP_REFERRER_BLOCKED") {
    return "The API key only allows certain HTTP referrers: a key for a web page cannot be used from a server or "
           "CLI; create a separate key restricted by IP address or API instead.";
  }
  if (reason == "IAM_PERMISSION_DENIED") {
    // The caller cannot grant itself a role: say who can.
    const std::string permission = metadata(e, "permission");
    return "The caller lacks " + (permission.empty() ? std::string("the permission") : permission) +
           ": it needs Vertex AI User (roles/aiplatform.user) on the project, which only a project Owner or an IAM "
           "admin (roles/resourcemanager.projectIamAdmin) can grant (`gcloud projects add-iam-policy-binding PROJECT "
           "--member=serviceAccount:EMAIL --role=roles/aiplatform.user`); avoid Editor/Owner for routine calls.";
  }
  if (reason == "RATE_LIMIT_EXCEEDED" || reason == "RESOURCE_EXHAUSTED") return quota_fix(e);
  if (reason == "ACCESS_TOKEN_EXPIRED") {
    return "The access token has expired: obtain a new one (`gcloud auth print-access-token`) or let genai refresh "
           "credentials automatically by using a key file or ADC instead of a fixed token.";
  }
  if (reason == "CONSUMER_INVALID") {
    // Google's answer to a project id that does not exist: no role can be granted on it.
    const std::string project = metadata(e, "containerInfo");
    return "Project " + (project.empty() ? std::string("in the request") : project) +
           " does not exist (or this caller cannot see it): the project id looks mistyped. Check ClientOptions::project, "
           "GOOGLE_CLOUD_PROJECT or the key file's project_id against the Console (`gcloud projects list`); no role "
           "grant can fix this.";
  }
  if (reason == "USER_PROJECT_DENIED") {
    return "The project used for quota/billing is not valid for this caller: check GOOGLE_CLOUD_PROJECT and "
           "quota_project_id, and that the caller has serviceusage.services.use on it.";
  }
  if (reason == "BILLING_DISABLED") {
    const std::string number = project_of(e);
    std::string link;
    for (const HelpLink& h : e.help_links) {
      if (h.url.find("billing") != std::string::npos) link = h.url;
    }
    return "Billing is off on project " + (number.empty() ? std::string("the project") : "#" + number) +
           ": link a billing account (" + (link.empty() ? std::string("Cloud Console > Billing") : link) +
           "); meanwhile an API key on the Gemini Developer API's free tier works without billing.";
  }
  if (reason == "invalid_grant") {
    if (e.message.find("Invalid JWT Signature") != std::string::npos) {
      return "The service-account key was deleted, disabled or does not belong to this account: create a new key "
             "(`gcloud iam service-accounts keys create key.json --iam-account=EMAIL`).";
    }
    if (e.message.find("iat and exp") != std::string::npos || e.message.find("timeframe") != std::string::npos) {
      return "The JWT's times were rejected: this machine's clock is probably wrong; sync it (e.g. `timedatectl "
             "set-ntp true`) and retry.";
    }
    if (e.message.find("account not found") != std::string::npos) {
      return "The service account no longer exists: create it again or use another key file.";
    }
    return "The credential was rejected by the token endpoint: re-create the key or run `gcloud auth "
           "application-default login` again.";
  }
  if (reason == "invalid_client" || reason == "unauthorized_client") {
    return "The OAuth client in the credentials file is wrong or deleted: run `gcloud auth application-default "
           "login` again.";
  }
  return {};
}

}  // namespace

std::string fix_for(const Error& e) {
  if (std::string fix = fix_for_reason(e); !fix.empty()) return fix;
  const std::string_view message = e.message;
  if (message.find("API key was reported as leaked") != std::string_view::npos) {
    return "This key was found in public and disabled by Google: delete it and create a new one; keep keys out of "
           "source code (use GEMINI_API_KEY, or ClientOptions::api_key read from a file).";
  }
  // Google's answer for an expired, deleted or unknown context cache
  // (403 on the Developer API, 404 "cached content metadata" on Vertex AI).
  if (message.find("CachedContent not found") != std::string_view::npos ||
      message.find("cached content metadata") != std::string_view::npos) {
    return "The context cache expired, was deleted, or belongs to another project: list yours with caches().list() "
           "and create it again if needed.";
  }
  // The Files API: a file that expired (48 h), was deleted or is another
  // project's (Google's 403), or one still being processed.
  if (message.find("permission to access the File") != std::string_view::npos) {
    return "The file expired (files are kept 48 hours), was deleted, or belongs to another project: list yours with "
           "files().list() (`genai files list`) and upload it again if needed.";
  }
  if (message.find("is not in an ACTIVE state") != std::string_view::npos) {
    return "The file is still being processed (videos take a while): wait with files().wait_until_active(name) "
           "(`genai files get NAME --wait`), then send the request again.";
  }
  switch (e.http_status) {
    case 400:
      if (message.find("User location is not supported") != std::string_view::npos) {
        return "The Gemini Developer API does not serve the country this call comes from; this is not a credential "
               "problem (a new key will not help): use Vertex AI (ClientOptions::vertexai) with a project and a "
               "region (location).";
      }
      return "The request was rejected as invalid: check the model name and the request fields named above.";
    case 401:
      return "The request was not authenticated: set GEMINI_API_KEY, or for Vertex AI run `gcloud auth "
             "application-default login` or set GOOGLE_APPLICATION_CREDENTIALS.";
    case 403:
      return "Permission denied: check which credential and project are used (Client::config() reports them) and what roles and APIs they have.";
    case 404:
      return "Not found: check the model name (models().list()) and, on Vertex AI, the project and location.";
    case 429:
      return quota_fix(e);
    case 500:
    case 502:
    case 503:
    case 504:
      return "Google's service had a transient problem: retry later (genai already retried).";
    default:
      return {};
  }
}

}  // namespace genai::internal
