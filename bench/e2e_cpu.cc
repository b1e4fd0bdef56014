// End-to-end client (a) of bench/run.sh: libgenai's generate_content_async on
// the client's one curl-multi event loop, `--concurrency` requests in flight,
// `--n` requests measured after `--warmup`. Prints one JSON line with this
// process's CPU (user+sys, all threads) spent on the measured requests.
//
//   GEMINI_API_KEY=... genai_e2e_cpu --base http://127.0.0.1:PORT --n 2000 --concurrency 32
#include <deque>
#include <future>
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
  if (f.warmup > 0) run(models, f, f.warmup, f.concurrency);
  const bench::Cpu cpu0 = bench::process_cpu();
  const double t0 = bench::now_ms();
  auto [ok, errors] = run(models, f, f.n, f.concurrency);
  const bench::Cpu cpu = bench::process_cpu() - cpu0;
  bench::report("genai-cpp", f, ok, errors, cpu, bench::now_ms() - t0);
  return errors == 0 ? 0 : 1;
}
