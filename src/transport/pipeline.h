// Internal: the one way a request reaches the network and comes back, for
// every request libgenai sends: Gemini calls (client/ApiClient), token
// exchanges (auth/), and Google Cloud REST calls (genai::RestClient, which
// `genai setup` and `genai doctor` use).
//
//   request built by the caller
//     → authorized (Authorizer: the credential's headers, added per attempt)
//     → sent over the one HttpTransport, retried under one RetryPolicy
//       (sleeping through an injectable clock, so tests never wait)
//     → one mapping of status + body to genai::Error (error_from_http)
//
// The transport layer knows nothing of Gemini or of credentials: callers hand
// their credential in as an Authorizer, and parse the 2xx body themselves.
//
//   Pipeline p(transport, options.retry);
//   Result<HttpResponse> r = p.send(std::move(request), &authorizer);
#ifndef GENAI_SRC_TRANSPORT_PIPELINE_H_
#define GENAI_SRC_TRANSPORT_PIPELINE_H_

#include <chrono>
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"
#include "transport/retry_policy.h"

namespace genai::internal {

// Time as the pipeline sees it. The default is the real steady clock and
// std::this_thread::sleep_for; tests pass a fake that advances instead. An
// empty `now` is the real steady clock.
struct PipelineClock {
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<std::chrono::steady_clock::time_point()> now;
  static PipelineClock real();
};

// Adds a credential's headers to a request just before each attempt, so a
// retry after a refresh carries the new token. `unauthorized` is called
// after an HTTP 401 with the request that was refused: it drops the token
// that failed and returns true when one more attempt (with a new token) is
// worth it. Either function may be empty.
struct Authorizer {
  std::function<Result<HttpHeaders>()> headers;
  std::function<bool(const HttpRequest& refused)> unauthorized;
};

// Reads the start of a 2xx stream until the first unit the caller would be
// handed (for SSE, the first complete event). Returns the stream to give
// the caller (which replays what was read), or an Error: a stream that fails
// before delivering anything may be retried like any failed request.
using StreamStart = std::function<Result<std::unique_ptr<HttpStream>>(std::unique_ptr<HttpStream>)>;

// `deadline` (HttpOptions::deadline; 0: none) bounds each call as a whole:
// its attempts (each sent with HttpRequest::deadline, which the transport
// enforces) and the waits between them. A call that runs out of it fails
// with deadline_exceeded(); a wait that would not fit is not begun.
class Pipeline {
 public:
  Pipeline(std::shared_ptr<HttpTransport> transport, RetryOptions retry,
           std::chrono::milliseconds deadline = std::chrono::milliseconds{0},
           PipelineClock clock = PipelineClock::real());

  HttpTransport& transport() const { return *transport_; }

  // The same pipeline (transport, clock) with another retry policy and
  // deadline: for one call's RequestOptions.
  Pipeline with(RetryOptions retry, std::chrono::milliseconds deadline) const;

  // One request, retried per the policy; a 2xx response, or the Error of the
  // last attempt (an HTTP error mapped by error_from_http). `also_ok`: one
  // more status that is an answer, not an error (Cloud Storage's
  // 308 Resume Incomplete); 0: none.
  Result<HttpResponse> send(HttpRequest request, const Authorizer* auth = nullptr, int also_ok = 0) const;

  // A streamed response: retried until a 2xx stream has delivered its first
  // unit (`start`, e.g. start_sse_stream), never after. A non-2xx answer is
  // read whole (bounded) and mapped as send() maps it.
  Result<std::unique_ptr<HttpStream>> open_stream(HttpRequest request, const Authorizer* auth,
                                                  const StreamStart& start) const;

  // As send(), on the transport's event loop: retries are scheduled on the
  // loop (no thread sleeps), and `done` runs there exactly once. `auth` is
  // shared because it outlives this call.
  using Done = std::function<void(Result<HttpResponse>)>;
  // `delay`: the first attempt is sent after it (a poll's pause between
  // polls). `also_ok` as send().
  void send_async(HttpRequest request, std::shared_ptr<const Authorizer> auth, Done done,
                  std::chrono::milliseconds delay = std::chrono::milliseconds{0}, int also_ok = 0) const;

  // A streamed answer on the event loop, without a thread: its bytes go to
  // `decoder` (SSE events, a download's bytes), which says how many units
  // it has handed the caller. Retried until the first unit, never after.
  //  - a failure, a non-2xx answer, or a clean end (the decoder's finish())
  //    before the first unit is retried as any failed request;
  //  - the decoder's own Error stops the stream (retried too, if nothing
  //    was delivered: a `{"error": ...}` first event);
  //  - done: once, on the loop thread; ok at a clean end, else what ended
  //    the stream (a cut after units names how many: see stream_cut).
  // The call's deadline bounds the wait for the first unit; `idle` (0:
  // none) each wait for a later one, however many of its bytes trickle in.
  class StreamDecoder {
   public:
    virtual ~StreamDecoder() = default;
    // A new attempt begins: forget the last one's partial state.
    virtual void restart() = 0;
    // The attempt's next bytes, in order.
    virtual Result<void> feed(std::string bytes) = 0;
    // The units (events, chunks) handed to the caller in this attempt.
    virtual int delivered() const = 0;
    // At a clean end of a 2xx answer: ok, or why it is incomplete.
    virtual Result<void> finish() = 0;
  };
  void stream_async(HttpRequest request, std::shared_ptr<const Authorizer> auth,
                    std::shared_ptr<StreamDecoder> decoder, std::chrono::milliseconds idle,
                    std::function<void(Result<void>)> done) const;

  // Server-sent events on the event loop: stream_async with a decoder that
  // hands each event's data to on_event (an Error stops the stream) and
  // takes a `{"error": ...}` first event as that error, before on_event
  // sees it. max_event_bytes bounds one event.
  struct SseCallbacks {
    std::size_t max_event_bytes = 0;
    std::chrono::milliseconds idle{0};
    std::function<Result<void>(std::string data)> on_event;
    std::function<void(Result<void>)> done;
  };
  void stream_sse_async(HttpRequest request, std::shared_ptr<const Authorizer> auth, SseCallbacks callbacks) const;

 private:
  struct Rules;
  struct AsyncAttempts;
  struct AsyncCall;
  struct AsyncStream;
  static void attempt_async(std::shared_ptr<AsyncCall> call, std::chrono::milliseconds delay);
  static void attempt_stream(std::shared_ptr<AsyncStream> call, std::chrono::milliseconds delay);

  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<const Rules> rules_;  // shared with calls in flight on the event loop
};

// The Error for a non-2xx response (Google's error body, RetryInfo,
// Retry-After), or nullopt for a 2xx.
std::optional<Error> error_from_response(const HttpResponse& response);

// The JSON body of a 2xx response; an empty body is {}. A body that is not
// JSON is unexpected_response().
Result<nlohmann::json> json_from_response(const HttpResponse& response);

// StreamStart for server-sent events: reads until the first complete event.
// An event {"error": {...}} (Google sends a 429 or 503 this way inside a 200
// stream) is that error; a stream that is cut, reset or ends cleanly before
// any event is a transport error (so retried: nothing was delivered).
// Otherwise the stream is handed on, replaying what was read.
// `max_event_bytes` (0: none) bounds what is held while waiting for it.
Result<std::unique_ptr<HttpStream>> start_sse_stream(std::unique_ptr<HttpStream> stream,
                                                     std::size_t max_event_bytes = 0);

// The errors of a stream, worded the same for the blocking and the async
// one, after `events` events were delivered (0: before its first).
// stream_cut: a failure; a kTransport one says where it happened (after an
// event: the answer is incomplete and is not retried), any other is
// returned as it is.
Error stream_cut(Error error, int events);
// A stream that ended cleanly too early: before its first event, or (with
// events > 0) in the middle of one.
Error stream_ended_early(int events, bool mid_event);
// One event past HttpOptions::max_event_bytes.
Error event_too_large(int events, int http_status, std::size_t limit, std::size_t received);

// The HTTP status an in-stream error event names ({"error": {"code": 429}});
// 500 when the code is missing or not a status, as any byte can arrive.
int in_stream_error_code(const nlohmann::json& error);

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_PIPELINE_H_
