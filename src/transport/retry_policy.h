// Internal: when to retry a failed call and how long to wait first.
// Pure and deterministic given its random source, so tests need no sleeps.
//
// Rules: the delay before retry n (n = 1 after the first failure) is
// initial_delay * exp_base^(n-1), capped at max_delay, plus a random jitter in
// [0, jitter) seconds. A server-sent delay (RetryInfo.retryDelay or
// Retry-After) is a lower bound; one longer than max_delay is not waited at
// all (a shorter wait would be refused again): the call gives up at once,
// saying when to retry. Neither is a wait longer than what is left of the
// call's deadline. Only errors that
// may succeed on retry are retried: HTTP codes in RetryOptions (408, 429, 500,
// 502, 503, 504 by default) and transport failures. Cancellation, bad input and
// credential errors never are. A stream that has already delivered data to the
// caller is never retried (the caller would see chunks twice): callers stop
// consulting the policy once the first byte was handed out.
#ifndef GENAI_SRC_TRANSPORT_RETRY_POLICY_H_
#define GENAI_SRC_TRANSPORT_RETRY_POLICY_H_

#include <chrono>
#include <functional>
#include <optional>

#include "genai/error.h"
#include "genai/options.h"

namespace genai::internal {

class RetryPolicy {
 public:
  // Uniform random number in [0, 1).
  using Random = std::function<double()>;

  explicit RetryPolicy(RetryOptions options, Random random = {});

  struct Decision {
    std::optional<std::chrono::milliseconds> wait;  // retry after this wait
    // Else, when it was the wait that did not fit: the error to return
    // (retry_wait_too_long). Otherwise the failure stands as it is.
    std::optional<Error> gave_up;
  };
  // After attempt number `attempt` (1-based) failed with `error`, with `left`
  // of the call's deadline (nullopt: none): retry after a wait, or give up.
  Decision decide(int attempt, const Error& error,
                  std::optional<std::chrono::milliseconds> left = std::nullopt) const;
  // decide()'s wait alone.
  std::optional<std::chrono::milliseconds> next_delay(int attempt, const Error& error) const {
    return decide(attempt, error).wait;
  }

  const RetryOptions& options() const { return options_; }

  bool is_retryable(const Error& error) const;

 private:
  RetryOptions options_;
  Random random_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_RETRY_POLICY_H_
