#include "client/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace genai::internal {

TokenBucket::TokenBucket(double per_minute, Clock::time_point now) : last_(now) {
  if (per_minute <= 0) return;
  capacity_ = std::max(1.0, std::floor(per_minute / 100));
  // Below one per minute after the burst is taken out (a limit of 1 or 2):
  // still a positive rate, the window bound then rests on the 0.98.
  rate_per_second_ = 0.98 * std::max(per_minute - capacity_, per_minute / 2) / 60.0;
  level_ = capacity_;
}

void TokenBucket::refill(Clock::time_point now) {
  if (now <= last_) return;
  const double seconds = std::chrono::duration<double>(now - last_).count();
  level_ = std::min(capacity_, level_ + seconds * rate_per_second_);
  last_ = now;
}

TokenBucket::Clock::time_point TokenBucket::ready_at(double cost, Clock::time_point now) {
  if (unlimited()) return now;
  refill(now);
  const double need = std::min(cost, capacity_);
  if (level_ >= need) return now;
  const double seconds = (need - level_) / rate_per_second_;
  return now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)) +
         Clock::duration(1);  // rounding down would wake a hair too early and spin
}

void TokenBucket::take(double cost, Clock::time_point now) {
  if (unlimited()) return;
  refill(now);
  level_ = std::min(capacity_, level_ - cost);
}

void TokenBucket::drain(Clock::time_point now) {
  if (unlimited()) return;
  refill(now);
  level_ = std::min(level_, 0.0);
}

double TokenBucket::level(Clock::time_point now) {
  refill(now);
  return level_;
}

}  // namespace genai::internal
