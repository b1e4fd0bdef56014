// Token cache under contention (issue 8): authorization headers from 1 to 64
// threads at once, from a token-based credential whose token is cached
// (TokenCredentials over TokenCache, the path every Vertex AI call takes) vs
// a static access token (no cache at all). The two should be equal within
// noise: the cache must not serialise callers once it holds a fresh token.
#include <benchmark/benchmark.h>

#include <chrono>

#include "auth/token_cache.h"
#include "genai/auth/credentials.h"

namespace {

using Clock = std::chrono::system_clock;

// A credential with a cached token: the fetch runs once, then every call is a
// cache hit (the token is valid for an hour).
class CachedTokenSource {
 public:
  CachedTokenSource()
      : cache_([](Clock::time_point now) -> genai::Result<genai::internal::AccessToken> {
          return genai::internal::AccessToken{"ya29.benchmark-token-value", now + std::chrono::hours(1)};
        }, std::chrono::seconds(300)) {}
  genai::HttpHeaders headers(Clock::time_point now) {
    auto t = cache_.get(now);
    return {{"Authorization", "Bearer " + t->value}};
  }

 private:
  genai::internal::TokenCache cache_;
};

void BM_CachedToken(benchmark::State& state) {
  static CachedTokenSource source;
  const auto now = Clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(source.headers(now));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CachedToken)->ThreadRange(1, 64)->UseRealTime();

void BM_StaticToken(benchmark::State& state) {
  static std::shared_ptr<genai::Credentials> creds = genai::make_access_token_credentials("ya29.benchmark-token-value");
  const auto now = Clock::now();
  for (auto _ : state) benchmark::DoNotOptimize(creds->authorization_headers(now));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StaticToken)->ThreadRange(1, 64)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
