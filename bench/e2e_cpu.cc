// End-to-end client (a) of bench/run.sh: libgenai's generate_content_async on
// the client's one curl-multi event loop, `--concurrency` requests in flight,
// `--n` requests measured after `--warmup`; `--api callback` uses the callback
// overload instead of futures. Prints one JSON line with this
// process's CPU (user+sys, all threads) spent on the measured requests.
//
//   GEMINI_API_KEY=... genai_e2e_cpu --base http://127.0.0.1:PORT --n 2000 --concurrency 32
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>

#include <genai/genai.h>

#include "bench_common.h"

namespace {

// Runs `n` requests with at most `c` in flight; returns {ok, errors}.
std::pair<int, int> run(const genai::Models& models, const bench::Flags& f, int n, int c) {
  std::deque<std::future<genai::Result<genai::GenerateContentResponse>>> in_flight;
  int started = 0, ok = 0, errors = 0;
  const std::vector<genai::Content> contents = {genai::Content::from_text(f.prompt)};
  auto settle = [&] {
    genai::Result<genai::GenerateContentResponse> r = in_flight.front().get();
    in_flight.pop_front();
    if (r && !r->text().empty()) {
      ++ok;
    } else {
      if (errors++ < 3) std::fprintf(stderr, "error: %s\n", r ? "empty text" : r.error().to_string().c_str());
    }
  };
  while (started < n) {
    if (static_cast<int>(in_flight.size()) >= c) settle();
    in_flight.push_back(models.generate_content_async(f.model, contents));
    ++started;
  }
  while (!in_flight.empty()) settle();
  return {ok, errors};
}

// The same with the callback overload: each answer's callback, on the event
// loop, starts the next request; this thread only waits for the last one.
std::pair<int, int> run_callbacks(const genai::Models& models, const bench::Flags& f, int n, int c) {
  struct State {
    std::mutex mu;
    std::condition_variable all_done;
    int started = 0, finished = 0, ok = 0, errors = 0;
  } st;
  const std::vector<genai::Content> contents = {genai::Content::from_text(f.prompt)};
  std::function<void()> start_one = [&] {
    models.generate_content_async(f.model, contents, {}, [&](genai::Result<genai::GenerateContentResponse> r) {
      const bool good = r && !r->text().empty();
      if (!good && st.errors < 3) std::fprintf(stderr, "error: %s\n", r ? "empty text" : r.error().to_string().c_str());
      bool more = false;
      {
        std::lock_guard<std::mutex> lock(st.mu);
        more = st.started < n && ++st.started;
      }
      if (more) start_one();
      // Counted and notified under the lock: after the last one, st is gone
      // as soon as the waiting thread wakes.
      std::lock_guard<std::mutex> lock(st.mu);
      ++(good ? st.ok : st.errors);
      if (++st.finished == n) st.all_done.notify_one();
    });
  };
  {
    std::lock_guard<std::mutex> lock(st.mu);
    st.started = std::min(n, c);
  }
  for (int i = 0; i < std::min(n, c); ++i) start_one();
  std::unique_lock<std::mutex> lock(st.mu);
  st.all_done.wait(lock, [&] { return st.finished == n; });
  return {st.ok, st.errors};
}

}  // namespace

int main(int argc, char** argv) {
  const bench::Flags f = bench::parse_flags(argc, argv);
  genai::ClientOptions options;
  options.api_key = bench::api_key();
  options.use_environment = false;
  options.http_options.base_url = f.base_url;
  options.http_options.retry.attempts = 1;  // an error must show, not be hidden by a retry
  // As many connections as requests in flight, as the other clients get.
  genai::TransportOptions transport;
  transport.max_connections_per_host = f.concurrency;
  options.transport = genai::make_curl_transport(transport);
  auto client = genai::Client::create(options);
  if (!client) {
    std::fprintf(stderr, "%s\n", client.error().to_string().c_str());
    return 1;
  }
  const genai::Models models = client->models();
  auto run_api = f.api == "callback" ? run_callbacks : run;
  if (f.warmup > 0) run_api(models, f, f.warmup, f.concurrency);
  const bench::Cpu cpu0 = bench::process_cpu();
  const double t0 = bench::now_ms();
  auto [ok, errors] = run_api(models, f, f.n, f.concurrency);
  const bench::Cpu cpu = bench::process_cpu() - cpu0;
  bench::report(f.api == "callback" ? "genai-cpp-callback" : "genai-cpp", f, ok, errors, cpu, bench::now_ms() - t0);
  return errors == 0 ? 0 : 1;
}
