// The token cache's rules, with a fake fetch and time as a parameter: no
// sleeps, no network.
#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "auth/token_cache.h"
#include "core/errors.h"

namespace genai::internal {
namespace {

using std::chrono::seconds;

const Clock::time_point kT0 = Clock::time_point(seconds(1'800'000'000));

TEST(TokenCache, ReusesATokenUntilTheRefreshWindow) {
  int fetches = 0;
  TokenCache cache([&](Clock::time_point now) -> Result<AccessToken> {
    ++fetches;
    return AccessToken{"t" + std::to_string(fetches), now + seconds(3600)};
  }, seconds(300));
  EXPECT_EQ(cache.get(kT0)->value, "t1");
  EXPECT_EQ(cache.get(kT0 + seconds(3299))->value, "t1");
  EXPECT_EQ(fetches, 1);
  // Inside the last five minutes: refreshed proactively.
  EXPECT_EQ(cache.get(kT0 + seconds(3301))->value, "t2");
  EXPECT_EQ(fetches, 2);
}

TEST(TokenCache, FailedRefreshKeepsTheValidTokenAndBacksOff) {
  int fetches = 0;
  bool fail = false;
  TokenCache cache([&](Clock::time_point now) -> Result<AccessToken> {
    ++fetches;
    if (fail) return auth_error("token endpoint down", "retry");
    return AccessToken{"t" + std::to_string(fetches), now + seconds(3600)};
  }, seconds(300));
  ASSERT_TRUE(cache.get(kT0));
  fail = true;
  // In the refresh window the refresh fails, but the token is still valid.
  auto r = cache.get(kT0 + seconds(3400));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->value, "t1");
  EXPECT_EQ(fetches, 2);
  // No new attempt during the backoff (1 s)...
  EXPECT_EQ(cache.get(kT0 + seconds(3400))->value, "t1");
  EXPECT_EQ(fetches, 2);
  // ...then one more; after it the backoff doubles.
  EXPECT_EQ(cache.get(kT0 + seconds(3402))->value, "t1");
  EXPECT_EQ(fetches, 3);
  EXPECT_EQ(cache.get(kT0 + seconds(3403))->value, "t1");
  EXPECT_EQ(fetches, 3);
  // Never hands out an expired (or nearly expired) token: the error shows.
  auto expired = cache.get(kT0 + seconds(3595));
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().kind, ErrorKind::kAuth);
  fail = false;
  EXPECT_EQ(cache.get(kT0 + seconds(3596))->value, "t5");
}

TEST(TokenCache, InvalidateForcesAFetch) {
  int fetches = 0;
  TokenCache cache([&](Clock::time_point now) -> Result<AccessToken> {
    ++fetches;
    return AccessToken{"t", now + seconds(3600)};
  }, seconds(300));
  ASSERT_TRUE(cache.get(kT0));
  cache.invalidate();
  ASSERT_TRUE(cache.get(kT0));
  EXPECT_EQ(fetches, 2);
}

TEST(TokenCache, ARefusedTokenIsDroppedOnlyWhileItIsCurrent) {
  int fetches = 0;
  TokenCache cache([&](Clock::time_point now) -> Result<AccessToken> {
    ++fetches;
    return AccessToken{"t" + std::to_string(fetches), now + seconds(3600)};
  }, seconds(300));
  ASSERT_EQ(cache.get(kT0)->value, "t1");
  cache.invalidate("t1");
  EXPECT_EQ(cache.get(kT0)->value, "t2");
  // A call refused with t1 that comes back late must not throw t2 away.
  cache.invalidate("t1");
  EXPECT_EQ(cache.get(kT0)->value, "t2");
  EXPECT_EQ(fetches, 2);
}

TEST(TokenCache, TooShortLivedTokenIsAnError) {
  TokenCache cache([](Clock::time_point now) -> Result<AccessToken> { return AccessToken{"t", now + seconds(5)}; },
                   seconds(300));
  auto r = cache.get(kT0);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().fix.find("clock"), std::string::npos);
}

TEST(TokenCache, SingleFlightUnderContention) {
  std::atomic<int> fetches{0};
  std::atomic<bool> release{false};
  TokenCache cache([&](Clock::time_point now) -> Result<AccessToken> {
    ++fetches;
    while (!release) std::this_thread::yield();  // hold the refresh open while everyone piles in
    return AccessToken{"t", now + seconds(3600)};
  }, seconds(300));
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 64; ++i) {
    threads.emplace_back([&] {
      if (cache.get(kT0)) ++ok;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  release = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches, 1);
  EXPECT_EQ(ok, 64);
}

TEST(TokenCache, WaitersOfAFailedRefreshGetItsErrorWithoutRefetching) {
  std::atomic<int> fetches{0};
  std::atomic<bool> release{false};
  TokenCache cache([&](Clock::time_point) -> Result<AccessToken> {
    ++fetches;
    while (!release) std::this_thread::yield();
    return auth_error("invalid_grant: Invalid JWT Signature.", "new key");
  }, seconds(300));
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      if (!cache.get(kT0)) ++failed;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  release = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed, 32);
  // Threads that arrived while the refresh ran share its result; at most a
  // straggler that came after it ended starts another.
  EXPECT_LE(fetches, 2);
}

}  // namespace
}  // namespace genai::internal
