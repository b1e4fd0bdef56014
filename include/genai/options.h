// Options for genai::Client: plain structs with documented defaults.
//
//   genai::ClientOptions opts;
//   opts.api_key = "...";                    // or leave empty to read the environment
//   opts.http_options.timeout = std::chrono::seconds(30);
//   opts.http_options.retry.attempts = 3;
//   auto client = genai::Client::create(opts);
//
// Field names follow python-genai (HttpOptions, HttpRetryOptions) so a user of
// the official SDKs recognises them.
#ifndef GENAI_OPTIONS_H_
#define GENAI_OPTIONS_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/error.h"
#include "genai/http.h"

namespace genai {

class HttpTransport;
class Credentials;

// How failed calls are retried. Unlike python-genai, retries are ON by default
// (5 attempts including the first): a transient 429/503 should not surface to
// a user who did nothing wrong. Set attempts = 1 to disable.
// Every duration in the options is a std::chrono::milliseconds, so a
// literal says its unit: `retry.initial_delay = std::chrono::seconds(2)`.
// A wait the server asks for (RetryInfo, Retry-After) is never cut short, as
// the retry would be refused again: when it is longer than max_delay, or than
// what is left of HttpOptions::deadline, the call gives up at once with the
// server's error, its retry_delay set and a fix saying when to retry.
struct RetryOptions {
  int attempts = 5;                                  // total attempts, including the first
  std::chrono::milliseconds initial_delay{1'000};    // before the first retry
  std::chrono::milliseconds max_delay{60'000};       // cap on any single delay
  double exp_base = 2.0;                             // delay multiplier per attempt
  std::chrono::milliseconds jitter{1'000};           // random extra delay in [0, jitter)
  std::vector<int> http_status_codes = {408, 429, 500, 502, 503, 504};
  bool retry_transport_errors = true;  // connection refused/reset, timeouts
  // Called before each wait for a retry, with the error of the attempt that
  // failed, the number of the attempt about to be made (2 for the first
  // retry) and the wait, so that a program can say what it waits for (the
  // genai CLI prints it). On the calling thread, or the client's event loop
  // for async calls: keep it short.
  using RetryHook = std::function<void(const Error& error, int next_attempt, std::chrono::milliseconds delay)>;
  RetryHook on_retry;
};

struct HttpOptions {
  std::string base_url;        // empty: the backend's default (or the env override)
  std::string api_version;     // empty: "v1beta" (Developer API), "v1beta1" (Vertex AI)
  std::map<std::string, std::string> headers;  // extra headers on every request
  // Total time for one attempt; 0 means none. When set it is also sent as
  // X-Server-Timeout (whole seconds, rounded up), as the official SDKs do.
  std::chrono::milliseconds timeout{0};
  std::chrono::milliseconds connect_timeout{10'000};
  // The whole of one call: every attempt, every wait between attempts, and
  // for a streamed call everything until its first chunk has arrived. Past
  // it the call fails with status DEADLINE_EXCEEDED (a TransportError) naming
  // this option, even against a server that trickles one byte at a time.
  // 10 minutes, as Google's own client libraries give GenerateContent (and
  // OpenAI's SDK any call): far above a real answer's time (the official
  // SDKs set no bound at all, which leaves a stalled call hanging forever).
  // Raise it for very long generations. 0: none.
  std::chrono::milliseconds deadline{600'000};
  // A stream, once its first chunk has arrived, is bounded per chunk, not in
  // total (a long answer is legitimate, and maxOutputTokens ends it): the
  // next chunk must come within this, or the stream ends with a timeout
  // error. Bytes that do not complete a chunk do not count. 5 minutes: the
  // gaps between chunks of a real answer are seconds; the wait for the
  // first one (thinking) is under `deadline`. 0: none.
  std::chrono::milliseconds stream_idle_timeout{300'000};
  RetryOptions retry;
  // Verify the server's TLS certificate. Only turn off for a local test server.
  bool verify_tls = true;
  std::string ca_bundle;       // extra CA bundle path (PEM), e.g. a corporate proxy's
  // Proxies for this client; empty fields fall back to the environment
  // (https_proxy, no_proxy, ...). See ProxyOptions in http.h.
  ProxyOptions proxy;
  // Bounds on what a server may make this client hold in memory. A response
  // body larger than max_response_bytes (counted decompressed) is an error
  // naming the limit. 256 MiB: the largest real answers are tens of MB (several
  // inline images as base64; a Vertex AI video returned inline is ~100 MB), so
  // no real call comes near it, while a runaway or gzip-bomb body stops
  // before it can exhaust memory. 0: no limit.
  std::size_t max_response_bytes = std::size_t{256} << 20;
  // A streamed answer is bounded per event, not in total (a long answer is
  // legitimate): one server-sent event larger than this is an error. 64 MiB:
  // an event carries one chunk (text is kilobytes; an inline image a few MB
  // of base64), so this is over ten times the largest one. 0: no limit.
  std::size_t max_event_bytes = std::size_t{64} << 20;
  // Receives one line per request and response (method, URL, headers,
  // status, timing) with every secret already redacted. For --verbose.
  std::function<void(std::string_view line)> trace;
};

// Options for one call, overriding the client's HttpOptions for that call
// alone, as the official SDKs' per-call `config.http_options`. Every config
// struct has one (`config.http_options`), as do the calls without a config.
// Unset fields keep the client's setting.
//
//   genai::GenerateContentConfig cfg;
//   cfg.http_options.timeout = std::chrono::seconds(5);
//   cfg.http_options.headers["X-Goog-User-Project"] = "billing-project";
//   cfg.http_options.extra_body = {{"generationConfig", {{"newKnob", true}}}};
struct RequestOptions {
  // Added to the client's headers; a name the client also sets (compared
  // without case) takes this value instead.
  std::map<std::string, std::string> headers;
  std::string base_url;     // empty: the client's
  std::string api_version;  // empty: the client's
  std::optional<std::chrono::milliseconds> timeout;   // one attempt (HttpOptions::timeout); 0: none
  std::optional<std::chrono::milliseconds> deadline;  // the whole call (HttpOptions::deadline); 0: none
  std::optional<RetryOptions> retry;                  // this call's retry policy
  // JSON merged into the request body as it is sent, for a field this
  // library does not model yet: an object's members are merged one by one
  // (recursively), anything else (a value, an array) replaces what the
  // library built. Null: nothing. A call without a body ignores it.
  nlohmann::json extra_body;

  // Retry policies compare by their settings; on_retry hooks cannot be compared.
  bool operator==(const RequestOptions& o) const;
};

struct ClientOptions {
  // Developer API key. Empty: GOOGLE_API_KEY, else GEMINI_API_KEY (if both are
  // set GOOGLE_API_KEY wins and a warning is printed, as the official SDKs do).
  std::string api_key;
  // Use Vertex AI instead of the Gemini Developer API. Empty: from
  // GOOGLE_GENAI_USE_VERTEXAI.
  std::optional<bool> vertexai;
  std::string project;   // Vertex AI: empty reads GOOGLE_CLOUD_PROJECT
  std::string location;  // Vertex AI: empty reads GOOGLE_CLOUD_LOCATION, else "global"
  // An explicit credential (see auth/credentials.h). Beats an API key from the
  // environment. Null: API key, or Application Default Credentials on Vertex.
  std::shared_ptr<Credentials> credentials;
  HttpOptions http_options;
  // Replace the HTTP transport (tests, custom stacks). Null: libcurl.
  std::shared_ptr<HttpTransport> transport;
  // Read the environment (GOOGLE_API_KEY, ...) for fields left empty.
  bool use_environment = true;
  // Receives configuration warnings (e.g. both GOOGLE_API_KEY and
  // GEMINI_API_KEY set). Null: print them to stderr.
  std::function<void(std::string_view message)> on_warning;
};

}  // namespace genai

#endif  // GENAI_OPTIONS_H_
