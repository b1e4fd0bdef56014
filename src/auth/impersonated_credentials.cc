// Impersonation: the IAM Credentials API's generateAccessToken, called with
// the source credential's token, mints a token for the target account.
#include "auth/authorizer.h"
#include "auth/factories.h"
#include "auth/key_files.h"
#include "auth/token_credentials.h"
#include "auth/token_request.h"
#include "core/errors.h"
#include "core/json_dump.h"
#include "core/url.h"
#include "core/utf8.h"

namespace genai {
namespace internal {
namespace {

constexpr const char* kIamCredentials = "https://iamcredentials.googleapis.com";
constexpr const char* kIamScope = "https://www.googleapis.com/auth/iam";

class ImpersonatedCredentials final : public TokenCredentials {
 public:
  ImpersonatedCredentials(std::shared_ptr<Credentials> source, std::string target, std::vector<std::string> delegates,
                          std::string url, CredentialsOptions options, const std::string& file_quota_project)
      : TokenCredentials(std::move(options)),
        source_(std::move(source)),
        target_(std::move(target)),
        delegates_(std::move(delegates)),
        url_(std::move(url)),
        source_authorizer_(make_authorizer(source_)) {
    set_quota_project(file_quota_project);
  }

  // The source's token requests go through the same transport as ours.
  void adopt_transport(std::shared_ptr<HttpTransport> transport) override {
    source_->adopt_transport(transport);
    TokenCredentials::adopt_transport(std::move(transport));
  }

  CredentialKind kind() const override { return CredentialKind::kImpersonated; }
  std::string describe() const override {
    return "service account " + target_ + " impersonated by " + source_->describe();
  }
  // The target's project, read off its e-mail (NAME@PROJECT.iam.gserviceaccount.com),
  // else the source credential's.
  std::string project_id() const override {
    constexpr std::string_view kSuffix = ".iam.gserviceaccount.com";
    const size_t at = target_.find('@');
    if (at != std::string::npos && target_.size() > kSuffix.size() &&
        target_.compare(target_.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
      return target_.substr(at + 1, target_.size() - kSuffix.size() - at - 1);
    }
    return source_->project_id();
  }

 private:
  // The expiry comes from the answer (expireTime), not from `now`.
  Result<AccessToken> fetch_token(Clock::time_point /*now*/) override {
    // The target goes into the URL's path: bytes that are not UTF-8, or a
    // control character, would make a request Google cannot name.
    const std::optional<size_t> bad = invalid_utf8_at(target_);
    if (bad || control_character_at(target_)) {
      return invalid_argument("the service account to impersonate is not a valid e-mail: byte " +
                                  std::to_string(bad ? *bad : *control_character_at(target_)) + " of " +
                                  std::to_string(target_.size()) + (bad ? " is not UTF-8" : " is a control character"),
                              "Pass the service account's e-mail (NAME@PROJECT.iam.gserviceaccount.com) as the Cloud "
                              "Console shows it.");
    }
    HttpRequest req;
    req.method = "POST";
    req.url = url_;
    req.headers.emplace_back("Content-Type", "application/json");
    nlohmann::json body = {{"scope", options().scopes.empty() ? std::vector<std::string>{kCloudPlatformScope}
                                                                : options().scopes},
                           {"lifetime", "3600s"}};
    if (!delegates_.empty()) {
      nlohmann::json d = nlohmann::json::array();
      for (const std::string& e : delegates_) d.push_back(e.rfind("projects/", 0) == 0 ? e : "projects/-/serviceAccounts/" + e);
      body["delegates"] = d;
    }
    // Scopes and delegates are the caller's strings: one that is not UTF-8
    // is an invalid argument naming it, never nlohmann's type_error.
    Result<std::string> text = dump_request_body(body, "the generateAccessToken request");
    if (!text) return std::move(text).error();
    req.body = std::move(*text);
    const std::string what = "IAM Credentials generateAccessToken for " + target_;
    // Authorized by the source credential, per attempt: after a 401 the
    // pipeline drops the source's token and tries once more with a new one.
    return send_token_request(*pipeline(), std::move(req), what, [&](const nlohmann::json& b) -> Result<AccessToken> {
      auto tok = b.find("accessToken");
      auto exp = b.find("expireTime");
      if (tok == b.end() || !tok->is_string() || exp == b.end() || !exp->is_string()) {
        return auth_error(what + " answered without accessToken/expireTime", "Check the IAM Credentials endpoint URL.");
      }
      std::optional<Clock::time_point> expiry = parse_rfc3339(exp->get<std::string>());
      if (!expiry) return auth_error(what + " answered with an unreadable expireTime", "Check the IAM Credentials endpoint URL.");
      return AccessToken{tok->get<std::string>(), *expiry};
    }, source_authorizer_.get());
  }

  std::shared_ptr<Credentials> source_;
  std::string target_;
  std::vector<std::string> delegates_;
  std::string url_;
  std::shared_ptr<const Authorizer> source_authorizer_;
};

std::string generate_url(const CredentialsOptions& options, const std::string& target) {
  std::string base = options.iam_credentials_endpoint;
  if (base.empty()) base = option_env(options, "GENAI_IAM_CREDENTIALS_ENDPOINT");
  if (base.empty()) base = kIamCredentials;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/v1/projects/-/serviceAccounts/" + target + ":generateAccessToken";
}

}  // namespace

Result<std::shared_ptr<Credentials>> impersonated_from_json(const nlohmann::json& j, const std::string& where,
                                                           CredentialsOptions options) {
  Result<ImpersonatedInfo> info = parse_impersonated(j, where);
  if (!info) return std::move(info).error();
  // The source only needs the IAM scope, as google-auth asks for.
  CredentialsOptions source_options = options;
  source_options.scopes = {kIamScope};
  source_options.quota_project_id.clear();
  Result<std::shared_ptr<Credentials>> source =
      credentials_from_json(info->source_credentials, "the source_credentials of " + where, source_options);
  if (!source) return source;
  if (options.scopes.empty()) options.scopes = info->scopes;
  return std::shared_ptr<Credentials>(std::make_shared<ImpersonatedCredentials>(
      std::move(*source), info->target, info->delegates, info->impersonation_url, std::move(options),
      info->quota_project_id));
}

}  // namespace internal

std::shared_ptr<Credentials> make_impersonated_credentials(std::shared_ptr<Credentials> source, std::string target,
                                                           std::vector<std::string> delegates,
                                                           CredentialsOptions options) {
  std::string url = internal::generate_url(options, target);
  return std::make_shared<internal::ImpersonatedCredentials>(std::move(source), std::move(target), std::move(delegates),
                                                            std::move(url), std::move(options), "");
}

}  // namespace genai
