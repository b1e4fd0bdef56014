// Internal: the bulk runner's client-side quota keeper, a token bucket with
// time as a parameter (so tests step a fake clock and never sleep).
//
// A bucket for a limit of L per minute holds at most C = max(1, L/100)
// tokens and refills at 0.98 * (L - C) per minute. In any 60 seconds it
// hands out at most C + 0.98 * (L - C) < L, so a server counting per minute
// (fixed or sliding windows) never sees more than its quota, while a long
// run keeps 97-98% of it. A take may overdraw (a request larger than the
// bucket, a retry the pipeline decided on its own): the debt delays the
// takes after it.
//
//   TokenBucket rpm(600, now);
//   if (rpm.ready_at(1, now) <= now) rpm.take(1, now);
#ifndef GENAI_SRC_CLIENT_RATE_LIMITER_H_
#define GENAI_SRC_CLIENT_RATE_LIMITER_H_

#include <chrono>

namespace genai::internal {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;
  // `per_minute` <= 0: unlimited (ready at once, takes are free).
  TokenBucket(double per_minute, Clock::time_point now);

  bool unlimited() const { return rate_per_second_ <= 0; }
  double capacity() const { return capacity_; }
  double rate_per_minute() const { return rate_per_second_ * 60; }

  // The earliest time, not before `now`, at which `cost` may be taken: when
  // the bucket holds min(cost, capacity) (a cost larger than the bucket
  // waits for a full one, then overdraws).
  Clock::time_point ready_at(double cost, Clock::time_point now);
  // Takes `cost` (negative: gives back, as when a token estimate was high).
  void take(double cost, Clock::time_point now);
  // After the server said the quota is exhausted: nothing saved up is spent
  // in a burst when the pause ends.
  void drain(Clock::time_point now);
  double level(Clock::time_point now);

 private:
  void refill(Clock::time_point now);

  double capacity_ = 0;
  double rate_per_second_ = 0;
  double level_ = 0;
  Clock::time_point last_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_RATE_LIMITER_H_
