// Internal: the base of every token-based credential. It owns the token cache
// and the transport for token requests, and turns a token into headers
// (Authorization: Bearer, and x-goog-user-project when a quota project is
// set). Subclasses only say how to fetch a token.
#ifndef GENAI_SRC_AUTH_TOKEN_CREDENTIALS_H_
#define GENAI_SRC_AUTH_TOKEN_CREDENTIALS_H_

#include <memory>
#include <mutex>
#include <string>

#include "auth/token_cache.h"
#include "genai/auth/credentials.h"
#include "transport/pipeline.h"

namespace genai::internal {

class TokenCredentials : public Credentials {
 public:
  explicit TokenCredentials(CredentialsOptions options);

  Result<HttpHeaders> authorization_headers(Clock::time_point now) final;
  void invalidate() final { cache_.invalidate(); }
  void unauthorized(const HttpHeaders& refused) final;
  void adopt_transport(std::shared_ptr<HttpTransport> transport) override;
  std::string quota_project_id() const override { return quota_project_; }

 protected:
  virtual Result<AccessToken> fetch_token(Clock::time_point now) = 0;

  const CredentialsOptions& options() const { return options_; }
  // The pipeline token requests go through: over CredentialsOptions::transport
  // if one was given, else the transport adopt_transport() handed over (the
  // client's), else a libcurl transport of the credential's own.
  std::shared_ptr<const Pipeline> pipeline();
  // The requested scopes, space-separated; cloud-platform when none were given.
  std::string scopes(char separator = ' ') const;
  // The quota project: explicit option, else `from_file`, else GOOGLE_CLOUD_QUOTA_PROJECT.
  void set_quota_project(const std::string& from_file);

 private:
  CredentialsOptions options_;
  std::string quota_project_;
  std::mutex pipeline_mu_;
  std::shared_ptr<const Pipeline> pipeline_;
  bool adopted_ = false;
  TokenCache cache_;
};

// Reads an environment variable when options allow it; "" otherwise.
std::string option_env(const CredentialsOptions& options, const char* name);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_TOKEN_CREDENTIALS_H_
