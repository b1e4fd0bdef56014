#include "auth/token_cache.h"

#include <algorithm>

#include "core/errors.h"

namespace genai::internal {

Result<AccessToken> TokenCache::get(Clock::time_point now) {
  {
    std::shared_lock<std::shared_mutex> read(mu_);
    if (fresh(now)) return *token_;
  }
  std::unique_lock<std::shared_mutex> lock(mu_);
  while (true) {
    if (fresh(now)) return *token_;
    if (refreshing_) {
      if (usable(now)) return *token_;
      const long long waited_for = generation_;
      done_.wait(lock, [&] { return generation_ != waited_for; });
      if (usable(now)) return *token_;
      if (last_error_) return *last_error_;
      continue;
    }
    if (usable(now) && now < retry_after_) return *token_;  // backing off after a failed refresh
    refreshing_ = true;
    lock.unlock();
    Result<AccessToken> result = fetch_(now);
    lock.lock();
    refreshing_ = false;
    ++generation_;
    if (result) {
      token_ = *result;
      last_error_.reset();
      failures_ = 0;
      retry_after_ = {};
    } else {
      last_error_ = result.error();
      ++failures_;
      // 1 s, 2 s, 4 s, ... capped at a minute.
      retry_after_ = now + std::chrono::seconds(std::min(1LL << std::min(failures_ - 1, 6), 60LL));
    }
    done_.notify_all();
    if (usable(now)) return *token_;
    if (!result) return std::move(result).error();
    // A token that is already too close to expiry to use (a clock far off, or
    // a server handing out short-lived tokens): say so instead of sending it.
    last_error_ = auth_error("the token endpoint returned a token that expires too soon to be used",
                             "Check that this machine's clock is correct (e.g. `timedatectl`).");
    return *last_error_;
  }
}

void TokenCache::invalidate() {
  std::lock_guard<std::shared_mutex> lock(mu_);
  token_.reset();
  retry_after_ = {};
}

void TokenCache::invalidate(const std::string& refused) {
  std::lock_guard<std::shared_mutex> lock(mu_);
  if (!token_ || token_->value != refused) return;
  token_.reset();
  retry_after_ = {};
}

}  // namespace genai::internal
