#include "transport/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/errors.h"

namespace genai::internal {
namespace {

double default_random() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

}  // namespace

RetryPolicy::RetryPolicy(RetryOptions options, Random random)
    : options_(std::move(options)), random_(random ? std::move(random) : Random(default_random)) {}

bool RetryPolicy::is_retryable(const Error& error) const {
  switch (error.kind) {
    case ErrorKind::kTransport:
      return options_.retry_transport_errors;
    case ErrorKind::kApi:
      return std::find(options_.http_status_codes.begin(), options_.http_status_codes.end(), error.http_status) !=
             options_.http_status_codes.end();
    case ErrorKind::kAuth:
    case ErrorKind::kInvalidArgument:
    case ErrorKind::kCancelled:
    case ErrorKind::kBlocked:  // the same request is blocked again
      return false;
  }
  return false;
}

RetryPolicy::Decision RetryPolicy::decide(int attempt, const Error& error,
                                          std::optional<std::chrono::milliseconds> left) const {
  if (attempt >= options_.attempts || !is_retryable(error)) return {};
  // In milliseconds, as doubles: exp_base^n overflows no integer this way.
  const double max_delay = std::max(0.0, static_cast<double>(options_.max_delay.count()));
  const double jitter = std::max(0.0, static_cast<double>(options_.jitter.count()));
  if (error.retry_delay && static_cast<double>(error.retry_delay->count()) > max_delay) {
    return {std::nullopt, retry_wait_too_long(error, *error.retry_delay, options_.max_delay, true,
                                              "RetryOptions::max_delay")};
  }
  double ms = static_cast<double>(options_.initial_delay.count()) * std::pow(options_.exp_base, attempt - 1);
  ms = std::min(ms, max_delay);
  if (jitter > 0) ms += jitter * random_();
  if (error.retry_delay) ms = std::max(ms, static_cast<double>(error.retry_delay->count()));
  ms = std::clamp(ms, 0.0, max_delay + jitter);
  const std::chrono::milliseconds wait(static_cast<long long>(ms));
  if (left && wait >= *left) {
    // The server's delay is what it asked for; ours (backoff) could be
    // shorter, but an attempt squeezed into the end of the deadline would
    // only be cut off by it.
    const bool server_asked = error.retry_delay && *error.retry_delay >= wait;
    return {std::nullopt, retry_wait_too_long(error, wait, std::max(*left, std::chrono::milliseconds{0}),
                                              server_asked, "HttpOptions::deadline")};
  }
  return {wait, std::nullopt};
}

}  // namespace genai::internal
