// Shared by the end-to-end benchmark clients: flags and this process's CPU.
#ifndef GENAI_BENCH_BENCH_COMMON_H_
#define GENAI_BENCH_BENCH_COMMON_H_

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bench {

struct Flags {
  std::string base_url;   // --base http://127.0.0.1:PORT
  std::string model = "gemini-2.5-flash";
  std::string prompt = "Write one sentence about the sea.";
  int n = 2000;           // --n: measured requests
  int concurrency = 32;   // --concurrency: requests in flight
  int warmup = 64;        // --warmup: requests before measuring (not counted)
  bool same_wire = false; // --same-wire 1: raw_curl_bench sends libgenai's extra headers too
  std::string api = "future";  // --api future|callback: genai_e2e_cpu's generate_content_async overload
};

inline Flags parse_flags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--base") f.base_url = v;
    else if (k == "--model") f.model = v;
    else if (k == "--prompt") f.prompt = v;
    else if (k == "--n") f.n = std::atoi(v.c_str());
    else if (k == "--concurrency") f.concurrency = std::atoi(v.c_str());
    else if (k == "--warmup") f.warmup = std::atoi(v.c_str());
    else if (k == "--same-wire") f.same_wire = v == "1";
    else if (k == "--api" && (v == "future" || v == "callback")) f.api = v;
    else {
      std::fprintf(stderr, "unknown flag %s\n", k.c_str());
      std::exit(2);
    }
  }
  if (f.base_url.empty() || f.n <= 0 || f.concurrency <= 0) {
    std::fprintf(stderr, "usage: %s --base URL [--n N] [--concurrency C] [--warmup W]  (key in GEMINI_API_KEY)\n",
                 argv[0]);
    std::exit(2);
  }
  return f;
}

inline std::string api_key() {
  const char* k = std::getenv("GEMINI_API_KEY");
  if (!k || !*k) {
    std::fprintf(stderr, "GEMINI_API_KEY is not set\n");
    std::exit(2);
  }
  return k;
}

// CPU of the whole process (every thread), microseconds: user and kernel.
struct Cpu {
  int64_t user_us = 0;
  int64_t sys_us = 0;
  int64_t total() const { return user_us + sys_us; }
  Cpu operator-(const Cpu& o) const { return {user_us - o.user_us, sys_us - o.sys_us}; }
};

inline Cpu process_cpu() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto us = [](const timeval& t) { return static_cast<int64_t>(t.tv_sec) * 1'000'000 + t.tv_usec; };
  return {us(ru.ru_utime), us(ru.ru_stime)};
}

inline long max_rss_kb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

inline double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One JSON line on stdout, the same shape from every client (node too).
// cpu_us is user+sys of the measured requests; sys_us the kernel's part.
inline void report(const char* client, const Flags& f, int ok, int errors, Cpu cpu, double wall_ms) {
  std::printf(
      "{\"client\":\"%s\",\"n\":%d,\"concurrency\":%d,\"ok\":%d,\"errors\":%d,\"cpu_us\":%lld,"
      "\"sys_us\":%lld,\"cpu_total_us\":%lld,\"wall_ms\":%.1f,\"max_rss_kb\":%ld}\n",
      client, f.n, f.concurrency, ok, errors, static_cast<long long>(cpu.total()),
      static_cast<long long>(cpu.sys_us), static_cast<long long>(process_cpu().total()), wall_ms, max_rss_kb());
  std::fflush(stdout);
}

}  // namespace bench

#endif  // GENAI_BENCH_BENCH_COMMON_H_
