#include "auth/token_credentials.h"

#include <cstdlib>

namespace genai::internal {

std::string option_env(const CredentialsOptions& options, const char* name) {
  if (!options.use_environment) return {};
  if (options.getenv) return options.getenv(name).value_or("");
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

TokenCredentials::TokenCredentials(CredentialsOptions options)
    : options_(std::move(options)),
      cache_([this](Clock::time_point now) { return fetch_token(now); }, options_.refresh_before_expiry) {}

Result<HttpHeaders> TokenCredentials::authorization_headers(Clock::time_point now) {
  Result<AccessToken> token = cache_.get(now);
  if (!token) return std::move(token).error();
  HttpHeaders headers;
  headers.emplace_back("Authorization", "Bearer " + token->value);
  if (!quota_project_.empty()) headers.emplace_back("x-goog-user-project", quota_project_);
  return headers;
}

void TokenCredentials::unauthorized(const HttpHeaders& refused) {
  constexpr std::string_view kBearer = "Bearer ";
  std::optional<std::string> authorization = find_header(refused, "Authorization");
  if (!authorization || authorization->compare(0, kBearer.size(), kBearer) != 0) {
    // Not a request with our token in it: nothing tells which token failed.
    cache_.invalidate();
    return;
  }
  cache_.invalidate(authorization->substr(kBearer.size()));
}

std::shared_ptr<const Pipeline> TokenCredentials::pipeline() {
  std::lock_guard<std::mutex> lock(pipeline_mu_);
  if (!pipeline_) {
    std::shared_ptr<HttpTransport> t = options_.transport ? options_.transport : make_curl_transport(TransportOptions{});
    pipeline_ = std::make_shared<const Pipeline>(std::move(t), options_.retry, options_.deadline);
  }
  return pipeline_;
}

void TokenCredentials::adopt_transport(std::shared_ptr<HttpTransport> transport) {
  std::lock_guard<std::mutex> lock(pipeline_mu_);
  // An explicit transport stays; so does the first client's, for a
  // credential shared by several clients.
  if (options_.transport || adopted_ || !transport) return;
  adopted_ = true;
  pipeline_ = std::make_shared<const Pipeline>(std::move(transport), options_.retry, options_.deadline);
}

std::string TokenCredentials::scopes(char separator) const {
  if (options_.scopes.empty()) return kCloudPlatformScope;
  std::string out;
  for (const std::string& s : options_.scopes) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

void TokenCredentials::set_quota_project(const std::string& from_file) {
  quota_project_ = options_.quota_project_id;
  if (quota_project_.empty()) quota_project_ = from_file;
  if (quota_project_.empty()) quota_project_ = option_env(options_, "GOOGLE_CLOUD_QUOTA_PROJECT");
}

}  // namespace genai::internal
