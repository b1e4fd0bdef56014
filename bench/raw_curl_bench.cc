// End-to-end client (c) of bench/run.sh, the floor: a bare libcurl multi loop
// sending the same generateContent request (same JSON body, the key in
// x-goog-api-key) with `--concurrency` in flight, one new easy handle per
// request, connections reused by the multi handle. The body is collected and
// its status checked, nothing more (no JSON parsing). Prints the same JSON
// line as the other clients.
//
// With --same-wire 1 it also sends what libgenai puts on the wire besides
// the body and key (User-Agent, Accept-Encoding with curl's decoders,
// x-goog-api-client, "Expect:"): the floor for the same HTTP exchange, to
// tell libcurl's cost of those headers from libgenai's own work.
//
//   GEMINI_API_KEY=... genai_raw_curl_bench --base http://127.0.0.1:PORT --n 2000 --concurrency 32
#include <curl/curl.h>

#include <string>

#include "bench_common.h"

namespace {

struct Transfer {
  std::string body;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Transfer*>(user)->body.append(data, size * count);
  return size * count;
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

struct Runner {
  CURLM* multi;
  std::string url;
  std::string body;
  curl_slist* headers;
  bool same_wire = false;

  void add() {
    CURL* easy = curl_easy_init();
    auto* t = new Transfer;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    if (same_wire) {
      curl_easy_setopt(easy, CURLOPT_USERAGENT, "genai-cpp/0.1.0");
      curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    }
    curl_multi_add_handle(multi, easy);
  }

  std::pair<int, int> run(int n, int c) {
    int started = 0, running = 0, ok = 0, errors = 0;
    for (; started < n && started < c; ++started) add();
    do {
      curl_multi_perform(multi, &running);
      int left = 0;
      while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        CURL* easy = m->easy_handle;
        Transfer* t = nullptr;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &t);
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        if (m->data.result == CURLE_OK && status == 200 && !t->body.empty()) {
          ++ok;
        } else if (errors++ < 3) {
          std::fprintf(stderr, "error: curl %d, HTTP %ld: %.300s\n", m->data.result, status, t->body.c_str());
        }
        delete t;
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
        if (started < n) {
          add();
          ++started;
        }
      }
      if (ok + errors < n) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    } while (ok + errors < n);
    return {ok, errors};
  }
};

}  // namespace

int main(int argc, char** argv) {
  const bench::Flags f = bench::parse_flags(argc, argv);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Runner r;
  r.multi = curl_multi_init();
  curl_multi_setopt(r.multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(f.concurrency));
  r.url = f.base_url + "/v1beta/models/" + f.model + ":generateContent";
  r.body = "{\"contents\":[{\"parts\":[{\"text\":\"" + json_escape(f.prompt) + "\"}],\"role\":\"user\"}]}";
  const std::string key = "x-goog-api-key: " + bench::api_key();
  r.headers = curl_slist_append(nullptr, "Content-Type: application/json");
  r.headers = curl_slist_append(r.headers, key.c_str());
  if (f.same_wire) {
    r.same_wire = true;
    r.headers = curl_slist_append(r.headers, "x-goog-api-client: genai-cpp/0.1.0 gl-cpp/202002");
    r.headers = curl_slist_append(r.headers, "Expect:");
  }
  if (f.warmup > 0) r.run(f.warmup, f.concurrency);
  const bench::Cpu cpu0 = bench::process_cpu();
  const double t0 = bench::now_ms();
  auto [ok, errors] = r.run(f.n, f.concurrency);
  const bench::Cpu cpu = bench::process_cpu() - cpu0;
  bench::report("raw-curl", f, ok, errors, cpu, bench::now_ms() - t0);
  curl_slist_free_all(r.headers);
  curl_multi_cleanup(r.multi);
  curl_global_cleanup();
  return errors == 0 ? 0 : 1;
}
