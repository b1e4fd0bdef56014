#include "cli/doctor_fixes.h"

#include <cstdio>

#include "cli/app.h"
#include "cli/doctor_environment.h"

namespace genai::cli {
namespace {

// A free tier's quota is lifted by billing (a paid tier), not by a quota request.
bool free_tier(const Error& e) {
  for (const QuotaViolation& v : e.quota_violations) {
    if (v.quota_id.find("FreeTier") != std::string::npos || v.quota_metric.find("free_tier") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool key_expired(const Error& e) { return e.message.find("expired") != std::string::npos; }

std::string FixWriter::quota_details(const Error& e) const {
  const std::string sep = lang_ == Lang::kZh ? "；" : "; ";
  std::string out;
  for (const QuotaViolation& v : e.quota_violations) {
    std::string where = v.quota_metric;
    for (const auto& [k, val] : v.quota_dimensions) where += ", " + k + " " + val;
    out += sep + t(M::kDocQuotaDetail, {v.quota_id.empty() ? v.subject : v.quota_id, where,
                                         v.quota_value.empty() ? "?" : v.quota_value});
  }
  if (e.retry_delay) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(e.retry_delay->count()) / 1000.0);
    out += sep + t(M::kDocQuotaRetry, {seconds});
  }
  return out;
}

// The project a fix should name: Vertex AI's, else the consumer project of
// the error (a number: Resource Manager, Service Usage and the Console
// accept it as well as the id), else the API key's or the service account's;
// empty when none of them names one.
std::string FixWriter::project_for(const Error* e) const {
  if (config_.vertexai && !config_.express_mode && !config_.project.empty()) return config_.project;
  if (e) {
    std::string consumer = metadata_of(*e, "consumer");
    if (consumer.rfind("projects/", 0) == 0) return consumer.substr(9);
  }
  if (!key_project_.empty()) return key_project_;
  if (!sa_email_.empty()) {
    const size_t at = sa_email_.find('@'), dot = sa_email_.find(".iam.gserviceaccount.com");
    if (at != std::string::npos && dot != std::string::npos && dot > at) return sa_email_.substr(at + 1, dot - at - 1);
  }
  return {};
}

std::string FixWriter::member() const {
  if (!sa_email_.empty()) return "serviceAccount:" + sa_email_;
  if (!principal_.empty()) {
    return (principal_.find(".gserviceaccount.com") != std::string::npos ? "serviceAccount:" : "user:") + principal_;
  }
  return "PRINCIPAL";
}

Fix FixWriter::fix_for(const Error& e) const {
  const std::string project = project_for(&e);
  if (!project.empty()) return fix_naming(e, project);
  // The sentence names the project as unknown; a command or URL that would
  // need it is left out rather than given with a placeholder.
  const std::string unknown = t(M::kDocProjectUnknownName);
  Fix fix = fix_naming(e, unknown);
  bool needed = fix.text.find(unknown) != std::string::npos;
  for (std::string* f : {&fix.setup, &fix.gcloud, &fix.console, &fix.shell}) {
    if (f->find(unknown) == std::string::npos) continue;
    f->clear();
    needed = true;
  }
  if (needed) fix.text += (lang_ == Lang::kZh ? "" : " ") + t(M::kFixProjectUnknown, {project_unknown_});
  return fix;
}

Fix FixWriter::fix_naming(const Error& e, const std::string& p) const {
  const std::string& reason = e.reason();
  const std::string service = metadata_of(e, "service");
  const std::string credentials_url = "https://console.cloud.google.com/apis/credentials?project=" + p;
  const std::string iam_url = "https://console.cloud.google.com/iam-admin/iam?project=" + p;
  if (reason == "SERVICE_DISABLED") {
    const std::string s = service.empty() ? "generativelanguage.googleapis.com" : service;
    return {t(M::kFixEnableApi, {s, p}), "genai setup --project " + p + " --enable-apis",
            "gcloud services enable " + s + " --project " + p,
            "https://console.cloud.google.com/apis/library/" + s + "?project=" + p};
  }
  if (reason == "API_KEY_INVALID") {
    const bool expired = key_expired(e);
    return {t(expired ? M::kFixKeyExpired : M::kFixKeyInvalid),
            "genai setup --project " + p +
                " --api-key --key-name genai-new --restrict-api generativelanguage.googleapis.com --api-key-file "
                "gemini.key",
            "gcloud services api-keys create --project " + p +
                " --api-target=service=generativelanguage.googleapis.com",
            "https://aistudio.google.com/apikey  https://console.cloud.google.com/apis/credentials"};
  }
  if (reason == "API_KEY_SERVICE_BLOCKED") {
    const std::string s = service.empty() ? "SERVICE" : service;
    const std::string label = s.substr(0, s.find('.'));
    return {t(M::kFixKeyServiceBlocked, {s}),
            "genai setup --project " + p + " --enable-apis --api-key --key-name genai-" + label + " --restrict-api " +
                s + " --api-key-file " + label + ".key",
            "gcloud services api-keys create --project " + p + " --api-target=service=" + s, credentials_url};
  }
  if (reason == "API_KEY_IP_ADDRESS_BLOCKED") {
    const std::string ip = metadata_of(e, "callerIp").empty() ? "IP" : metadata_of(e, "callerIp");
    return {t(M::kFixKeyIpBlocked, {ip}), "",
            "gcloud services api-keys update KEY_ID --project " + p + " --allowed-ips=" + ip + " " +
                t(M::kFixKeyIpFindId, {p}),
            credentials_url};
  }
  if (reason == "API_KEY_HTTP_REFERRER_BLOCKED") {
    return {t(M::kFixKeyReferrerBlocked),
            "genai setup --project " + p +
                " --api-key --key-name genai-server --restrict-api generativelanguage.googleapis.com --api-key-file "
                "gemini.key",
            "gcloud services api-keys create --project " + p +
                " --api-target=service=generativelanguage.googleapis.com",
            credentials_url};
  }
  if (reason == "IAM_PERMISSION_DENIED") return grant_in(p);
  if (reason == "invalid_grant") {
    const std::string& m = e.message;
    if (m.find("iat and exp") != std::string::npos || m.find("timeframe") != std::string::npos) {
      return {t(M::kFixClockSkew)};
    }
    if (config_.credential_kind == CredentialKind::kAuthorizedUser || sa_email_.empty()) {
      return {t(M::kFixUserReauth), "", "gcloud auth application-default login", ""};
    }
    const std::string sa_url = "https://console.cloud.google.com/iam-admin/serviceaccounts?project=" + p;
    if (m.find("account not found") != std::string::npos) {
      const std::string name = sa_email_.substr(0, sa_email_.find('@'));
      return {t(M::kFixSaMissing), "genai setup --project " + p + " --service-account " + name + " --key-file new-key.json",
              "gcloud iam service-accounts create " + name + " --project " + p, sa_url};
    }
    return {t(M::kFixSaKeyRevoked, {sa_email_}),
            "genai setup --project " + p + " --service-account " + sa_email_ + " --key-file new-key.json",
            "gcloud iam service-accounts keys create new-key.json --iam-account=" + sa_email_, sa_url};
  }
  if (reason == "RATE_LIMIT_EXCEEDED" || reason == "RESOURCE_EXHAUSTED" || e.http_status == 429) {
    if (free_tier(e)) {
      return {t(M::kFixQuotaFreeTier, {p}), "",
              "gcloud billing projects link " + p + " --billing-account=BILLING_ACCOUNT_ID",
              "https://console.cloud.google.com/billing/linkedaccount?project=" + p};
    }
    return {t(M::kFixQuota, {p}), "", "", "https://console.cloud.google.com/iam-admin/quotas?project=" + p};
  }
  if (reason == "BILLING_DISABLED") {
    // Google's own link and the project number it names, as it sent them.
    std::string number = metadata_of(e, "containerInfo");
    if (number.empty()) number = p;
    std::string link = "https://console.cloud.google.com/billing/linkedaccount?project=" + p;
    for (const HelpLink& h : e.help_links) {
      if (h.url.find("billing") != std::string::npos) link = h.url;
    }
    return {t(M::kFixBilling, {number, link}),
            "genai setup --project " + p +
                " --enable-apis --api-key --key-name genai-free-tier --restrict-api generativelanguage.googleapis.com "
                "--api-key-file gemini.key",
            "gcloud billing projects link " + p + " --billing-account=BILLING_ACCOUNT_ID", link};
  }
  if (reason == "CONSUMER_INVALID") {
    std::string missing = metadata_of(e, "containerInfo");
    if (missing.empty()) missing = config_.project;
    return {t(M::kFixProjectMissing, {missing, project_source_text(lang_, project_source_)}), "",
            "gcloud projects list", "https://console.cloud.google.com/cloud-resource-manager",
            project_source_command(project_source_)};
  }
  if (e.message.find("User location is not supported") != std::string::npos) {
    return {t(M::kFixRegion), "genai --vertex --project " + p + " --location us-central1 doctor", "",
            "https://cloud.google.com/vertex-ai/generative-ai/docs/learn/locations"};
  }
  if (e.message.find("API key was reported as leaked") != std::string::npos) {
    return {t(M::kFixLeakedKey), "", "", credentials_url};
  }
  if (e.http_status == 404) return {t(M::kFixModel), "", "genai models list", ""};
  // libgenai's own hint is English; in another language, what kind of fix it is.
  if (lang_ == Lang::kEn) return {cli_fix(e.fix)};
  return {t(e.kind == ErrorKind::kTransport ? M::kFixNetwork
            : e.kind == ErrorKind::kAuth    ? M::kFixCredentialGeneric
                                            : M::kFixGeneric)};
}

Fix FixWriter::grant_vertex_user() const { return grant_in(project_for()); }

Fix FixWriter::grant_in(const std::string& p) const {
  const std::string m = member();
  return {t(M::kFixGrantVertexUser, {m, p, t(M::kFixGrantAskAdmin)}),
          sa_email_.empty() ? "" : "genai setup --project " + p + " --service-account " + sa_email_ +
                                       " --role roles/aiplatform.user",
          "gcloud projects add-iam-policy-binding " + p + " --member=" + m + " --role=roles/aiplatform.user",
          "https://console.cloud.google.com/iam-admin/iam?project=" + p};
}

}  // namespace genai::cli
