// The bulk runner's token bucket, stepped with a fake clock: no sleeps.
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "client/rate_limiter.h"

namespace genai::internal {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Takes whenever allowed, waking exactly when the bucket says, for `span`;
// returns the times of the takes.
std::vector<Clock::time_point> drive(TokenBucket& b, Clock::time_point start, Clock::duration span, double cost = 1) {
  std::vector<Clock::time_point> takes;
  Clock::time_point now = start;
  while (now < start + span) {
    const Clock::time_point ready = b.ready_at(cost, now);
    if (ready > now) {
      now = ready;
      continue;
    }
    b.take(cost, now);
    takes.push_back(now);
  }
  if (!takes.empty() && takes.back() >= start + span) takes.pop_back();
  return takes;
}

// The most takes in any window of `window` (sliding), and in any aligned one (fixed).
std::pair<size_t, size_t> most_in_window(const std::vector<Clock::time_point>& t, Clock::time_point origin,
                                         Clock::duration window) {
  size_t sliding = 0;
  for (size_t i = 0, j = 0; i < t.size(); ++i) {
    while (t[i] - t[j] >= window) ++j;
    sliding = std::max(sliding, i - j + 1);
  }
  std::map<long long, size_t> fixed;
  size_t most_fixed = 0;
  for (auto at : t) most_fixed = std::max(most_fixed, ++fixed[(at - origin) / window]);
  return {sliding, most_fixed};
}

TEST(TokenBucket, UnlimitedIsAlwaysReady) {
  const Clock::time_point t0{};
  TokenBucket b(0, t0);
  EXPECT_TRUE(b.unlimited());
  for (int i = 0; i < 1000; ++i) b.take(1, t0);
  EXPECT_EQ(b.ready_at(1, t0), t0);
}

TEST(TokenBucket, NeverMoreThanTheQuotaInAnyMinuteButCloseToItOverTime) {
  for (int limit : {2, 10, 60, 600, 1000, 10000}) {
    const Clock::time_point t0 = Clock::time_point{} + seconds(3600);
    TokenBucket b(limit, t0);
    const auto takes = drive(b, t0, std::chrono::minutes(10));
    const auto [sliding, fixed] = most_in_window(takes, Clock::time_point{}, std::chrono::minutes(1));
    EXPECT_LE(sliding, static_cast<size_t>(limit)) << "limit " << limit;
    EXPECT_LE(fixed, static_cast<size_t>(limit)) << "limit " << limit;
    // Over ten minutes at least 95% of the quota (for limits large enough
    // that one burst token is a small share).
    if (limit >= 60) EXPECT_GE(takes.size(), static_cast<size_t>(limit * 10 * 0.95)) << "limit " << limit;
  }
}

TEST(TokenBucket, BurstIsOnePercentThenPaced) {
  const Clock::time_point t0{};
  TokenBucket b(6000, t0);  // burst 60, then 5821.2/min = one per ~10.3 ms
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(b.ready_at(1, t0), t0) << i;
    b.take(1, t0);
  }
  const Clock::time_point next = b.ready_at(1, t0);
  EXPECT_GT(next, t0 + milliseconds(10));
  EXPECT_LT(next, t0 + milliseconds(11));
}

TEST(TokenBucket, OverdraftDelaysWhatFollows) {
  const Clock::time_point t0{};
  TokenBucket tpm(60000, t0);  // capacity 600 tokens, ~970 per second
  // A request larger than the bucket waits for a full bucket, then overdraws.
  EXPECT_EQ(tpm.ready_at(5000, t0), t0);
  tpm.take(5000, t0);
  EXPECT_LT(tpm.level(t0), -4000);
  const Clock::time_point ready = tpm.ready_at(10, t0);
  EXPECT_GT(ready, t0 + seconds(4));
  EXPECT_LT(ready, t0 + seconds(6));
  // A high estimate given back once the real count is known.
  tpm.take(-4500, t0);
  EXPECT_EQ(tpm.ready_at(10, t0), t0);
}

TEST(TokenBucket, DrainSpendsNothingSavedUp) {
  const Clock::time_point t0{};
  TokenBucket b(6000, t0);
  ASSERT_EQ(b.ready_at(1, t0), t0);
  b.drain(t0);
  EXPECT_GT(b.ready_at(1, t0), t0);
  // After a pause the bucket refills at its rate, never beyond its capacity.
  EXPECT_NEAR(b.level(t0 + seconds(600)), b.capacity(), 1e-9);
}

}  // namespace
}  // namespace genai::internal
