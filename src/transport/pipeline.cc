#include "transport/pipeline.h"

#include <thread>

#include "core/errors.h"
#include "core/json_parse.h"
#include "core/url.h"
#include "transport/sse_parser.h"

namespace genai::internal {
namespace {

bool is_2xx(int status) { return status >= 200 && status < 300; }

// A transport's timer may fire a little before the deadline it was given
// (curl counts whole milliseconds from its own start): an attempt that
// failed this close to the deadline was cut by it.
constexpr std::chrono::milliseconds kDeadlineSlack{20};

// An error answer to a streamed request is a plain JSON body, however it is
// labelled; Google's are a few KiB. Past this the rest is not worth reading.
constexpr size_t kMaxStreamErrorBody = 1u << 20;

// Puts the credential's headers on `request` for one attempt, replacing the
// ones of the attempt before (a refreshed token after a 401). `base` is the
// number of headers the caller set.
Result<void> authorize(HttpRequest& request, size_t base, const Authorizer* auth) {
  request.headers.resize(base);
  if (!auth || !auth->headers) return {};
  Result<HttpHeaders> h = auth->headers();
  if (!h) return std::move(h).error();
  for (auto& header : *h) {
    // A token is whatever a token endpoint (or a file) said: one with a CR or
    // LF would add headers to the request. Refused, by name, never by value.
    if (std::optional<size_t> at = control_character_at(header.second)) {
      return auth_error("the credential's " + header.first + " header contains a control character (byte " +
                            std::to_string(*at) + ")",
                        "Check where the credential comes from: a token or key with a line break in it is not "
                        "valid (a token endpoint or file that is not Google's may be answering).");
    }
    request.headers.push_back(std::move(header));
  }
  return {};
}

// After a 401: true (once per call) when the credential dropped the refused
// token and a new attempt may succeed. Does not count as a retry.
bool retry_after_401(const Error& error, const HttpRequest& refused, const Authorizer* auth, bool& refreshed) {
  if (refreshed || error.http_status != 401 || !auth || !auth->unauthorized) return false;
  refreshed = true;
  return auth->unauthorized(refused);
}

// The Error a stream's first event is, when it is {"error": {...}} (Google
// sends a 429 or 503 this way inside a 200 stream). Only such an event is
// looked at closely: a data event is left to the reader (parsed once there),
// so a healthy stream costs one scan of its first event here.
std::optional<Error> error_event(const std::string& data) {
  if (data.find("\"error\"") == std::string::npos) return std::nullopt;
  nlohmann::json j = parse_json(data);
  if (j.is_object() && j.contains("error")) return error_from_http(in_stream_error_code(j["error"]), data);
  return std::nullopt;
}

// A stream that hands out `head` (bytes already read while starting it)
// before reading on from `inner`.
class ReplayingStream final : public HttpStream {
 public:
  ReplayingStream(std::unique_ptr<HttpStream> inner, std::string head)
      : inner_(std::move(inner)), head_(std::move(head)) {}
  int status() const override { return inner_->status(); }
  const HttpHeaders& headers() const override { return inner_->headers(); }
  Result<std::optional<std::string>> read() override {
    if (!head_.empty()) {
      std::string out;
      out.swap(head_);
      return std::optional<std::string>(std::move(out));
    }
    return inner_->read();
  }
  void cancel() override { inner_->cancel(); }
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) override {
    inner_->set_deadline(deadline);
  }

 private:
  std::unique_ptr<HttpStream> inner_;
  std::string head_;
};

}  // namespace

PipelineClock PipelineClock::real() {
  return PipelineClock{[](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); },
                       [] { return std::chrono::steady_clock::now(); }};
}

// What every call of one pipeline decides the same way, shared with the
// async calls in flight on the event loop.
struct Pipeline::Rules {
  RetryPolicy policy;
  std::chrono::milliseconds deadline;
  PipelineClock clock;

  std::chrono::steady_clock::time_point now() const {
    return clock.now ? clock.now() : std::chrono::steady_clock::now();
  }

  // The call's deadline on `request`, which the transport enforces for each
  // attempt; a deadline the caller set already wins when it is sooner.
  void start_call(HttpRequest& request) const {
    if (deadline.count() <= 0) return;
    const std::chrono::steady_clock::time_point ours = now() + deadline;
    if (!request.deadline || ours < *request.deadline) request.deadline = ours;
  }

  // After attempt `attempt` (sent as `sent`) failed with `failure`: the wait
  // before the next attempt (none after a 401 that dropped the token), or
  // nullopt with `failure` replaced by the error to return.
  std::optional<std::chrono::milliseconds> next_try(int& attempt, Error& failure, const HttpRequest& sent,
                                                    const Authorizer* auth, bool& refreshed) const {
    std::optional<std::chrono::milliseconds> left;
    if (sent.deadline) {
      const std::chrono::steady_clock::time_point at = now();
      left = std::chrono::ceil<std::chrono::milliseconds>(*sent.deadline - at);
      if (at + kDeadlineSlack >= *sent.deadline) {
        // Most often the transport cut the attempt at the deadline: say that
        // the call's bound was reached, not just "timed out".
        if (policy.is_retryable(failure) || failure.http_status == 401) {
          failure = deadline_exceeded(failure, deadline, attempt);
        }
        return std::nullopt;
      }
    }
    if (retry_after_401(failure, sent, auth, refreshed)) {
      --attempt;  // a new token is not a retry
      return std::chrono::milliseconds{0};
    }
    RetryPolicy::Decision decision = policy.decide(attempt, failure, left);
    if (!decision.wait) {
      if (decision.gave_up) failure = std::move(*decision.gave_up);
      return std::nullopt;
    }
    if (policy.options().on_retry) policy.options().on_retry(failure, attempt + 1, *decision.wait);
    return decision.wait;
  }
};

Pipeline::Pipeline(std::shared_ptr<HttpTransport> transport, RetryOptions retry, std::chrono::milliseconds deadline,
                   PipelineClock clock)
    : transport_(std::move(transport)),
      rules_(std::make_shared<const Rules>(Rules{RetryPolicy(std::move(retry)), deadline, std::move(clock)})) {}

Pipeline Pipeline::with(RetryOptions retry, std::chrono::milliseconds deadline) const {
  return Pipeline(transport_, std::move(retry), deadline, rules_->clock);
}

std::optional<Error> error_from_response(const HttpResponse& response) {
  if (is_2xx(response.status)) return std::nullopt;
  return error_from_http(response.status, response.body, response.header("Retry-After"));
}

Result<nlohmann::json> json_from_response(const HttpResponse& response) {
  if (response.body.empty()) return nlohmann::json::object();
  JsonParseFailure failure;
  nlohmann::json parsed = parse_json(response.body, &failure);
  if (failure == JsonParseFailure::kTooDeep) {
    return json_too_deep("the body of the server's HTTP " + std::to_string(response.status) + " answer",
                         response.body.size());
  }
  if (parsed.is_discarded()) {
    return unexpected_response("the server answered HTTP " + std::to_string(response.status) +
                               " but the body is not valid JSON (" + std::to_string(response.body.size()) +
                               " bytes)");
  }
  return parsed;
}

Result<HttpResponse> Pipeline::send(HttpRequest request, const Authorizer* auth, int also_ok) const {
  const size_t base = request.headers.size();
  rules_->start_call(request);
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    if (Result<void> a = authorize(request, base, auth); !a) return std::move(a).error();
    Result<HttpResponse> response = transport_->send(request);
    std::optional<Error> failure;
    if (!response) {
      failure = std::move(response).error();
    } else if (also_ok != 0 && response->status == also_ok) {
      return response;
    } else if ((failure = error_from_response(*response)); !failure) {
      return response;
    }
    std::optional<std::chrono::milliseconds> wait = rules_->next_try(attempt, *failure, request, auth, refreshed);
    if (!wait) return std::move(*failure);
    if (wait->count() > 0) rules_->clock.sleep(*wait);
  }
}

Result<std::unique_ptr<HttpStream>> Pipeline::open_stream(HttpRequest request, const Authorizer* auth,
                                                          const StreamStart& start) const {
  const size_t base = request.headers.size();
  rules_->start_call(request);
  bool refreshed = false;
  for (int attempt = 1;; ++attempt) {
    if (Result<void> a = authorize(request, base, auth); !a) return std::move(a).error();
    Result<std::unique_ptr<HttpStream>> stream = transport_->open_stream(request);
    std::optional<Error> failure;
    if (!stream) {
      failure = std::move(stream).error();
    } else if (!is_2xx((*stream)->status())) {
      HttpResponse response;
      response.status = (*stream)->status();
      response.headers = (*stream)->headers();
      while (response.body.size() < kMaxStreamErrorBody) {
        Result<std::optional<std::string>> chunk = (*stream)->read();
        if (!chunk || !*chunk) break;
        response.body += **chunk;
      }
      failure = error_from_response(response);
    } else {
      Result<std::unique_ptr<HttpStream>> started = start ? start(std::move(*stream)) : std::move(stream);
      if (started) return started;
      failure = std::move(started).error();
    }
    std::optional<std::chrono::milliseconds> wait = rules_->next_try(attempt, *failure, request, auth, refreshed);
    if (!wait) return std::move(*failure);
    if (wait->count() > 0) rules_->clock.sleep(*wait);
  }
}

// What an async call (send_async, stream_sse_async) keeps across its attempts.
struct Pipeline::AsyncAttempts {
  std::shared_ptr<const Rules> rules;
  // Weak: a call waiting in the transport's loop must not keep it alive, so
  // that destroying the client cancels its pending calls.
  std::weak_ptr<HttpTransport> transport;
  HttpRequest request;
  size_t base_headers;
  std::shared_ptr<const Authorizer> auth;
  int attempt = 0;
  bool refreshed = false;

  // Begins the next attempt: the credential's headers on the request, and
  // the transport to send it on; or the Error that ends the call.
  Result<std::shared_ptr<HttpTransport>> begin_attempt() {
    ++attempt;
    if (Result<void> a = authorize(request, base_headers, auth.get()); !a) return std::move(a).error();
    std::shared_ptr<HttpTransport> t = transport.lock();
    if (!t) return cancelled_error("the client was destroyed before the call finished");
    return t;
  }

  // After the attempt failed with `failure`: the wait before the next one,
  // or nullopt when the call ends with `failure` (as replaced by next_try).
  std::optional<std::chrono::milliseconds> retry_after(Error& failure) {
    std::optional<std::chrono::milliseconds> wait =
        rules->next_try(attempt, failure, request, auth.get(), refreshed);
    if (transport.expired()) return std::nullopt;
    return wait;
  }
};

struct Pipeline::AsyncCall : AsyncAttempts {
  Done done;
  int also_ok = 0;
};

void Pipeline::send_async(HttpRequest request, std::shared_ptr<const Authorizer> auth, Done done,
                          std::chrono::milliseconds delay, int also_ok) const {
  const size_t base = request.headers.size();
  rules_->start_call(request);
  auto call = std::make_shared<AsyncCall>(
      AsyncCall{{rules_, transport_, std::move(request), base, std::move(auth)}, std::move(done), also_ok});
  attempt_async(std::move(call), delay);
}

void Pipeline::attempt_async(std::shared_ptr<AsyncCall> call, std::chrono::milliseconds delay) {
  Result<std::shared_ptr<HttpTransport>> transport = call->begin_attempt();
  if (!transport) return call->done(std::move(transport).error());
  // The transport consumes its request; the call keeps the original for retries.
  HttpRequest copy = call->request;
  (*transport)->send_async(
      std::move(copy),
      [call](Result<HttpResponse> response) {
        std::optional<Error> failure;
        if (!response) {
          failure = std::move(response).error();
        } else if ((call->also_ok != 0 && response->status == call->also_ok) ||
                   !(failure = error_from_response(*response))) {
          call->done(std::move(response));
          return;
        }
        std::optional<std::chrono::milliseconds> wait = call->retry_after(*failure);
        if (!wait) return call->done(std::move(*failure));
        attempt_async(call, *wait);
      },
      delay);
}

int in_stream_error_code(const nlohmann::json& error) {
  if (!error.is_object()) return 500;
  auto code = error.find("code");
  if (code == error.end() || !code->is_number_integer()) return 500;
  const int64_t value = code->get<int64_t>();
  return value >= 100 && value <= 599 ? static_cast<int>(value) : 500;
}

Result<std::unique_ptr<HttpStream>> start_sse_stream(std::unique_ptr<HttpStream> stream,
                                                     std::size_t max_event_bytes) {
  SseParser parser(max_event_bytes);
  std::string head;
  std::optional<std::string> first;
  while (!first) {
    Result<std::optional<std::string>> bytes = stream->read();
    if (!bytes) return stream_cut(std::move(bytes).error(), 0);
    if (!*bytes) return stream_ended_early(0, !parser.finish());
    head += **bytes;
    parser.feed(**bytes, [&](SseEvent&& event) {
      first = std::move(event.data);
      return false;
    });
    if (!first && parser.too_large()) {
      stream->cancel();
      return event_too_large(0, stream->status(), max_event_bytes, parser.event_bytes());
    }
  }
  if (std::optional<Error> e = error_event(*first)) return std::move(*e);
  return std::unique_ptr<HttpStream>(std::make_unique<ReplayingStream>(std::move(stream), std::move(head)));
}

Error stream_cut(Error error, int events) {
  if (error.kind != ErrorKind::kTransport) return error;
  if (events == 0) {
    error.message = "the stream failed before its first event: " + error.message;
  } else {
    error.message = "the stream was cut after " + std::to_string(events) + " chunk(s): " + error.message;
    error.fix = "The answer is incomplete; retry the request (a started stream is never retried automatically).";
  }
  return error;
}

Error stream_ended_early(int events, bool mid_event) {
  if (events == 0) {
    // A connection closed early (a server restarting, a proxy's idle
    // timeout), never an answer, since Google sends every streamed answer,
    // an empty one too, as at least one event. Nothing was delivered, so it
    // is retried like any failure.
    return transport_error(mid_event ? "the stream ended in the middle of its first event"
                                     : "the stream ended before its first event",
                           "Retry; if it persists, check the network and proxy.");
  }
  return transport_error("the stream ended in the middle of an event after " + std::to_string(events) + " chunk(s)",
                         "The answer is incomplete; retry the request.");
}

Error event_too_large(int events, int http_status, std::size_t limit, std::size_t received) {
  return response_too_large(events == 0 ? std::string("the first event of the stream")
                                        : "one event of the stream (after " + std::to_string(events) + " chunk(s))",
                            http_status, limit, received, false, "HttpOptions::max_event_bytes");
}

// One stream_async call: its attempts, and the state of the current one.
struct Pipeline::AsyncStream : AsyncAttempts {
  std::shared_ptr<StreamDecoder> decoder;
  std::chrono::milliseconds idle{0};
  std::function<void(Result<void>)> done;
  // The current attempt.
  HttpTransport::Deadline deadline{};
  std::optional<Error> stopped{};  // why on_data stopped the transfer

  // The attempt's bytes to the decoder; the deadline for what follows.
  Result<HttpTransport::Deadline> on_data(std::string bytes) {
    const int before = decoder->delivered();
    if (Result<void> fed = decoder->feed(std::move(bytes)); !fed) {
      stopped = std::move(fed).error();
      return *stopped;
    }
    if (decoder->delivered() > before) {
      // A unit came: the next one has `idle` (from the first unit on, the
      // call's deadline no longer applies). Bytes that complete no unit
      // move nothing, so a peer cannot trickle a unit forever.
      deadline = idle.count() > 0 ? HttpTransport::Deadline(rules->now() + idle) : std::nullopt;
    }
    return deadline;
  }

  // How the attempt ended: nullopt when the call is over (done has run),
  // else the failure to retry or report.
  std::optional<Error> on_end(Result<HttpResponse> r) {
    const int units = decoder->delivered();
    if (!r) {
      // The decoder's own reason (not retried once a unit was delivered),
      // or the transport's failure.
      std::optional<Error> e = std::move(stopped);
      if (!e) {
        Error failed = std::move(r).error();
        const bool idled = units > 0 && failed.kind == ErrorKind::kTransport && idle.count() > 0 && deadline &&
                           rules->now() >= *deadline;
        e = idled ? stream_idle_timeout(idle, units, failed.message) : stream_cut(std::move(failed), units);
      }
      if (units == 0) return e;
      done(std::move(*e));
      return std::nullopt;
    }
    if (std::optional<Error> e = error_from_response(*r)) return e;
    Result<void> end = decoder->finish();
    // Before the first unit nothing was delivered, so it is retried.
    if (!end && units == 0) return std::move(end).error();
    done(std::move(end));
    return std::nullopt;
  }
};

namespace {

// SSE as a stream's decoder: events to on_event, the first one checked for
// an error, each bounded by max_event_bytes.
class SseDecoder : public Pipeline::StreamDecoder {
 public:
  explicit SseDecoder(Pipeline::SseCallbacks& callbacks)
      : max_event_bytes_(callbacks.max_event_bytes), on_event_(std::move(callbacks.on_event)) {}

  void restart() override {
    parser_.emplace(max_event_bytes_);
    events_ = 0;
  }
  Result<void> feed(std::string bytes) override {
    std::optional<Error> stop;
    parser_->feed(bytes, [&](SseEvent&& event) {
      if (events_ == 0) {
        if (std::optional<Error> e = error_event(event.data)) {
          stop = std::move(*e);
          return false;
        }
      }
      ++events_;
      if (Result<void> go_on = on_event_(std::move(event.data)); !go_on) {
        stop = std::move(go_on).error();
        return false;
      }
      return true;
    });
    if (!stop && parser_->too_large()) {
      stop = event_too_large(events_, 200, max_event_bytes_, parser_->event_bytes());
    }
    if (stop) return std::move(*stop);
    return {};
  }
  int delivered() const override { return events_; }
  Result<void> finish() override {
    const bool whole = parser_->finish();
    if (events_ == 0) return stream_ended_early(0, !whole);
    if (!whole) return stream_ended_early(events_, true);
    return {};
  }

 private:
  std::size_t max_event_bytes_;
  std::function<Result<void>(std::string data)> on_event_;
  std::optional<SseParser> parser_;
  int events_ = 0;
};

}  // namespace

void Pipeline::stream_async(HttpRequest request, std::shared_ptr<const Authorizer> auth,
                            std::shared_ptr<StreamDecoder> decoder, std::chrono::milliseconds idle,
                            std::function<void(Result<void>)> done) const {
  const size_t base = request.headers.size();
  rules_->start_call(request);
  auto call = std::make_shared<AsyncStream>(AsyncStream{
      {rules_, transport_, std::move(request), base, std::move(auth)}, std::move(decoder), idle, std::move(done)});
  attempt_stream(std::move(call), std::chrono::milliseconds{0});
}

void Pipeline::stream_sse_async(HttpRequest request, std::shared_ptr<const Authorizer> auth,
                                SseCallbacks callbacks) const {
  const std::chrono::milliseconds idle = callbacks.idle;
  std::function<void(Result<void>)> done = std::move(callbacks.done);
  stream_async(std::move(request), std::move(auth), std::make_shared<SseDecoder>(callbacks), idle, std::move(done));
}

void Pipeline::attempt_stream(std::shared_ptr<AsyncStream> call, std::chrono::milliseconds delay) {
  Result<std::shared_ptr<HttpTransport>> transport = call->begin_attempt();
  if (!transport) return call->done(std::move(transport).error());
  call->decoder->restart();
  call->deadline = call->request.deadline;
  call->stopped.reset();
  HttpTransport::StreamCallbacks on;
  on.on_data = [call](std::string bytes) { return call->on_data(std::move(bytes)); };
  on.done = [call](Result<HttpResponse> r) {
    std::optional<Error> failure = call->on_end(std::move(r));
    if (!failure) return;
    std::optional<std::chrono::milliseconds> wait = call->retry_after(*failure);
    if (!wait) return call->done(std::move(*failure));
    attempt_stream(call, *wait);
  };
  (*transport)->stream_async(call->request, std::move(on), delay);
}

}  // namespace genai::internal
