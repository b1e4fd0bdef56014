// Time to first chunk of a streamed answer: `--n` sequential
// streamGenerateContent calls (after `--warmup`), each timed from the call to
// its first typed chunk, and to the end of the stream. `--client genai` uses
// Models::generate_content_stream; `--client raw-curl` a bare libcurl easy
// handle posting the same body to ...:streamGenerateContent?alt=sse and
// stopping the clock at the first "data:" bytes (no parsing: the floor).
// Prints one JSON line with the medians and 90th percentiles in ms.
//
//   GEMINI_API_KEY=... genai_ttfc --base http://127.0.0.1:PORT --client genai --n 200
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <genai/genai.h>

#include "bench_common.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Timing {
  double first_ms = 0;
  double total_ms = 0;
};

// One stream through libgenai.
bool genai_stream(const genai::Models& models, const bench::Flags& f, Timing& out) {
  const auto t0 = Clock::now();
  auto stream = models.generate_content_stream(f.model, f.prompt);
  bool first = true;
  size_t chunks = 0;
  for (auto& chunk : stream) {
    if (!chunk) {
      std::fprintf(stderr, "error: %s\n", chunk.error().to_string().c_str());
      return false;
    }
    if (first) out.first_ms = ms_since(t0);
    first = false;
    ++chunks;
  }
  out.total_ms = ms_since(t0);
  return chunks > 0;
}

struct RawStream {
  Clock::time_point t0;
  Timing* timing = nullptr;
  bool seen = false;
};

size_t on_raw_body(char* data, size_t size, size_t count, void* user) {
  auto* s = static_cast<RawStream*>(user);
  const size_t n = size * count;
  if (!s->seen && n >= 5 && std::memcmp(data, "data:", 5) == 0) {
    s->timing->first_ms = ms_since(s->t0);
    s->seen = true;
  }
  return n;
}

// One stream through a bare libcurl easy handle (kept across calls, so the
// connection is reused as libgenai's pool does).
bool raw_stream(CURL* easy, const std::string& url, const std::string& body, curl_slist* headers, Timing& out) {
  RawStream s{Clock::now(), &out};
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_raw_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &s);
  const CURLcode rc = curl_easy_perform(easy);
  out.total_ms = ms_since(s.t0);
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  return rc == CURLE_OK && status == 200 && s.seen;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

}  // namespace

int main(int argc, char** argv) {
  // --client is this program's own flag; the rest are bench::Flags.
  std::string client = "genai";
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--client") == 0 && i + 1 < argc) {
      client = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (client != "genai" && client != "raw-curl") {
    std::fprintf(stderr, "--client must be genai or raw-curl\n");
    return 2;
  }
  bench::Flags f = bench::parse_flags(static_cast<int>(rest.size()), rest.data());
  const std::string key = bench::api_key();
  std::vector<Timing> timings;
  int errors = 0;
  if (client == "genai") {
    genai::ClientOptions options;
    options.api_key = key;
    options.use_environment = false;
    options.http_options.base_url = f.base_url;
    options.http_options.retry.attempts = 1;
    auto c = genai::Client::create(options);
    if (!c) {
      std::fprintf(stderr, "%s\n", c.error().to_string().c_str());
      return 1;
    }
    const genai::Models models = c->models();
    for (int i = 0; i < f.warmup + f.n; ++i) {
      Timing t;
      if (!genai_stream(models, f, t)) ++errors;
      if (i >= f.warmup) timings.push_back(t);
    }
  } else {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* easy = curl_easy_init();
    const std::string url = f.base_url + "/v1beta/models/" + f.model + ":streamGenerateContent?alt=sse";
    const std::string body = "{\"contents\":[{\"parts\":[{\"text\":\"" + f.prompt + "\"}],\"role\":\"user\"}]}";
    curl_slist* headers = curl_slist_append(nullptr, ("x-goog-api-key: " + key).c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    for (int i = 0; i < f.warmup + f.n; ++i) {
      Timing t;
      if (!raw_stream(easy, url, body, headers, t)) ++errors;
      if (i >= f.warmup) timings.push_back(t);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(easy);
  }
  std::vector<double> first, total;
  for (const Timing& t : timings) {
    first.push_back(t.first_ms);
    total.push_back(t.total_ms);
  }
  std::printf("{\"client\":\"%s\",\"n\":%d,\"errors\":%d,\"first_ms_median\":%.3f,\"first_ms_p90\":%.3f,"
              "\"total_ms_median\":%.3f}\n",
              client == "genai" ? "genai-cpp" : "raw-curl", f.n, errors, percentile(first, 0.5),
              percentile(first, 0.9), percentile(total, 0.5));
  return errors == 0 ? 0 : 1;
}
