// Internal: the token cache every token-based credential composes (as
// google-cloud-cpp's CachedCredentials decorates any credential). Time is a
// parameter, so tests need no sleeps.
//
// Rules:
// - a token is reused until `refresh_before` its expiry, then refreshed
//   proactively;
// - one refresh at a time for all threads (single flight): while it runs,
//   other threads keep using the current token if it is still valid, and wait
//   for the refresh only when there is none;
// - a failed refresh is retried after a backoff (1 s, doubling, up to a
//   minute) while the current token stays valid; waiters of a failed refresh
//   get its error instead of starting a stampede of their own;
// - a token within kExpiryMargin of its expiry is never handed out.
#ifndef GENAI_SRC_AUTH_TOKEN_CACHE_H_
#define GENAI_SRC_AUTH_TOKEN_CACHE_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>

#include "genai/result.h"

namespace genai::internal {

using Clock = std::chrono::system_clock;

struct AccessToken {
  std::string value;
  Clock::time_point expiry;
};

class TokenCache {
 public:
  // Slack for the request's own travel time: a token that expires sooner is
  // treated as expired.
  static constexpr std::chrono::seconds kExpiryMargin{10};

  using Fetch = std::function<Result<AccessToken>(Clock::time_point now)>;
  TokenCache(Fetch fetch, std::chrono::seconds refresh_before) : fetch_(std::move(fetch)), refresh_before_(refresh_before) {}

  Result<AccessToken> get(Clock::time_point now);
  void invalidate();
  // The server refused `refused` (an HTTP 401): drops it, unless it has been
  // replaced already. Many calls refused with one token then cause one
  // exchange, not one each: a call that comes late finds the new token and
  // uses it, and one that comes while the exchange runs waits for it.
  void invalidate(const std::string& refused);

 private:
  bool usable(Clock::time_point now) const { return token_ && now + kExpiryMargin < token_->expiry; }
  bool fresh(Clock::time_point now) const { return token_ && now + refresh_before_ < token_->expiry; }

  const Fetch fetch_;
  const std::chrono::seconds refresh_before_;
  // Readers of a fresh token share the lock (the hot path of every call);
  // refreshes and their waiters take it exclusively.
  mutable std::shared_mutex mu_;
  std::condition_variable_any done_;
  std::optional<AccessToken> token_;
  bool refreshing_ = false;
  long long generation_ = 0;            // bumped when a refresh ends
  std::optional<Error> last_error_;     // of the refresh that ended last, if it failed
  int failures_ = 0;
  Clock::time_point retry_after_{};     // no new refresh before this while the token is usable
};

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_TOKEN_CACHE_H_
