#include "transport/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <random>

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

std::optional<std::chrono::milliseconds> RetryPolicy::next_delay(int attempt, const Error& error) const {
  if (attempt >= options_.attempts || !is_retryable(error)) return std::nullopt;
  const double max_delay = std::max(0.0, options_.max_delay);
  double seconds = options_.initial_delay * std::pow(options_.exp_base, attempt - 1);
  seconds = std::min(seconds, max_delay);
  if (options_.jitter > 0) seconds += options_.jitter * random_();
  if (error.retry_delay) {
    const double server = std::chrono::duration<double>(*error.retry_delay).count();
    seconds = std::max(seconds, server);
  }
  seconds = std::clamp(seconds, 0.0, max_delay + std::max(0.0, options_.jitter));
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000.0));
}

}  // namespace genai::internal
