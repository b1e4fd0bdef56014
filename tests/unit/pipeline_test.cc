// The one request pipeline (transport/pipeline.h) against a scripted
// transport and a fake clock: retries, the 401 refresh, streams retried only
// until their first event, and the async form. No test sleeps.
#include "transport/pipeline.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "tests/support/fake_transport.h"

namespace genai::internal {
namespace {

using std::chrono::milliseconds;
using testing::FakeTransport;

RetryOptions quick_retry(int attempts = 5) {
  RetryOptions o;
  o.attempts = attempts;
  o.jitter = milliseconds(0);
  return o;
}

// A clock that records each wait instead of sleeping, and whose time moves
// only by those waits (and by what a test adds).
struct Sleeps {
  // Not copyable: the clock refers to this object, which must outlive it.
  Sleeps() = default;
  Sleeps(const Sleeps&) = delete;
  std::vector<milliseconds> waited;
  std::chrono::steady_clock::time_point now = std::chrono::steady_clock::time_point(std::chrono::hours(1000));
  PipelineClock clock() {
    return PipelineClock{[this](milliseconds d) {
                           waited.push_back(d);
                           now += d;
                         },
                         [this] { return now; }};
  }
};

// A scripted transport whose every attempt takes `took` on the fake clock.
class SlowTransport final : public FakeTransport {
 public:
  SlowTransport(Sleeps& clock, milliseconds took) : clock_(clock), took_(took) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    clock_.now += took_;
    return FakeTransport::send(request);
  }
  Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& request) override {
    clock_.now += took_;
    return FakeTransport::open_stream(request);
  }

 private:
  Sleeps& clock_;
  milliseconds took_;
};

const std::string kQuotaOneHour = R"({"error":{"code":429,"message":"Quota exceeded for metric generate_content_requests",
  "status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}})";

StreamStart sse(std::size_t max_event_bytes = 0) {
  return [max_event_bytes](std::unique_ptr<HttpStream> s) { return start_sse_stream(std::move(s), max_event_bytes); };
}

std::string read_all(HttpStream& s) {
  std::string out;
  while (true) {
    Result<std::optional<std::string>> r = s.read();
    if (!r || !*r) return out;
    out += **r;
  }
}

TEST(Pipeline, RetriesTransientFailuresWithBackoffOnTheInjectedClock) {
  auto t = FakeTransport::make();
  t->answer(503).fail(transport_error("connection reset")).answer(200, R"({"ok":true})");
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{"POST", "http://x/v1/m:generateContent", {}, "{}"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->body, R"({"ok":true})");
  EXPECT_EQ(t->requests().size(), 3u);
  EXPECT_EQ(sleeps.waited, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));
}

TEST(Pipeline, MapsTheLastFailureToGooglesErrorAndGivesUp) {
  auto t = FakeTransport::make();
  const std::string body = R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
    "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}})";
  t->answer(429, body).answer(429, body);
  Sleeps sleeps;
  Pipeline p(t, quick_retry(2), milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{"GET", "http://x/", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 429);
  EXPECT_EQ(r.error().status, "RESOURCE_EXHAUSTED");
  EXPECT_EQ(r.error().retry_delay, milliseconds(7000));
  EXPECT_EQ(sleeps.waited, (std::vector<milliseconds>{milliseconds(7000)}));  // the server's delay wins
}

TEST(Pipeline, NeverRetriesAClientError) {
  auto t = FakeTransport::make();
  t->answer(400, R"({"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}})");
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  EXPECT_FALSE(p.send(HttpRequest{}).ok());
  EXPECT_EQ(t->requests().size(), 1u);
  EXPECT_TRUE(sleeps.waited.empty());
}

TEST(Pipeline, AuthorizesEachAttemptAndRefreshesOnceAfterA401) {
  auto t = FakeTransport::make();
  t->answer(401, R"({"error":{"code":401,"status":"UNAUTHENTICATED","message":"revoked"}})").answer(200, "{}");
  int generation = 0;
  int refused = 0;
  Authorizer auth;
  auth.headers = [&]() -> Result<HttpHeaders> {
    return HttpHeaders{{"Authorization", "Bearer t" + std::to_string(generation)}};
  };
  auth.unauthorized = [&](const HttpRequest& sent) {
    ++refused;
    EXPECT_EQ(*find_header(sent.headers, "Authorization"), "Bearer t0");
    ++generation;  // the credential drops its token: the next one is new
    return true;
  };
  Sleeps sleeps;
  Pipeline p(t, quick_retry(1), milliseconds{0}, sleeps.clock());  // one attempt: the refresh is not a retry
  HttpRequest req{"GET", "http://x/", {{"x-goog-api-client", "genai-cpp"}}, ""};
  ASSERT_TRUE(p.send(req, &auth).ok());
  EXPECT_EQ(refused, 1);
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 2u);
  // The caller's headers once, the credential's replaced per attempt.
  EXPECT_EQ(sent[1].headers, (HttpHeaders{{"x-goog-api-client", "genai-cpp"}, {"Authorization", "Bearer t1"}}));
  EXPECT_TRUE(sleeps.waited.empty());
}

TEST(Pipeline, ASecond401IsFinal) {
  auto t = FakeTransport::make();
  const std::string body = R"({"error":{"code":401,"status":"UNAUTHENTICATED","message":"no"}})";
  t->answer(401, body).answer(401, body).answer(200, "{}");
  int refused = 0;
  Authorizer auth;
  auth.unauthorized = [&](const HttpRequest&) { return ++refused, true; };
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{}, &auth);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 401);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(t->requests().size(), 2u);
}

TEST(Pipeline, ACredentialThatCannotAuthorizeStopsTheCallBeforeSending) {
  auto t = FakeTransport::make();
  Authorizer auth;
  auth.headers = []() -> Result<HttpHeaders> { return auth_error("no token", "log in"); };
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{}, &auth);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_TRUE(t->requests().empty());
}

TEST(Pipeline, ACredentialHeaderWithALineBreakIsRefusedBeforeSending) {
  auto t = FakeTransport::make();
  Authorizer auth;
  auth.headers = []() -> Result<HttpHeaders> {
    return HttpHeaders{{"Authorization", "Bearer ya29.secret\r\nX-Injected: yes"}};
  };
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{}, &auth);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_NE(r.error().message.find("Authorization header contains a control character (byte 18)"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().to_string().find("secret"), std::string::npos);
  EXPECT_TRUE(t->requests().empty());
}

TEST(Pipeline, AStreamWhoseFirstEventIsAnErrorIsRetried) {
  auto t = FakeTransport::make();
  // A 429 inside a 200 stream, before any content: nothing was delivered.
  t->stream({"data: {\"error\": {\"code\": 429, \"message\": \"busy\", \"status\": \"RESOURCE_EXHAUSTED\"}}\n\n"});
  t->stream({"data: {\"n\":1}\n", "\ndata: {\"n\":2}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(read_all(**s), "data: {\"n\":1}\n\ndata: {\"n\":2}\n\n");  // replayed whole
  EXPECT_EQ(t->requests().size(), 2u);
  EXPECT_EQ(sleeps.waited.size(), 1u);
}

TEST(Pipeline, AStreamCutBeforeItsFirstEventIsRetried) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\""}, transport_error("connection reset"));
  t->stream({"data: {\"n\":1}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(read_all(**s), "data: {\"n\":1}\n\n");
}

TEST(Pipeline, AStreamThatEndsBeforeItsFirstEventIsRetried) {
  auto t = FakeTransport::make();
  t->stream({});                  // headers, then a clean end: no answer at all
  t->stream({": keep-alive\n\n"});  // a comment is not an event either
  t->stream({"data: {\"n\":1}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(read_all(**s), "data: {\"n\":1}\n\n");
  EXPECT_EQ(t->requests().size(), 3u);
}

TEST(Pipeline, AStreamIsNeverRetriedOnceAnEventWasHandedOver) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\":1}\n\n", "data: {\"error\": {\"code\": 503, \"status\": \"UNAVAILABLE\"}}\n\n"});
  t->stream({"data: {\"n\":1}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_TRUE(s.ok());
  // The error event reaches the reader (which reports it after chunk 1); no second request.
  EXPECT_NE(read_all(**s).find("503"), std::string::npos);
  EXPECT_EQ(t->requests().size(), 1u);
}

TEST(Pipeline, AFinalStreamErrorEventKeepsGooglesDetails) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"error\": {\"code\": 400, \"message\": \"bad field\", \"status\": \"INVALID_ARGUMENT\"}}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().http_status, 400);
  EXPECT_EQ(s.error().message, "bad field");
  EXPECT_EQ(t->requests().size(), 1u);
}

TEST(Pipeline, AnErrorStatusOnAStreamIsReadAndMapped) {
  auto t = FakeTransport::make();
  t->stream({R"({"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}})"}, std::nullopt, 403);
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status, "PERMISSION_DENIED");
}

TEST(Pipeline, AnEndlessFirstEventIsBoundedAndNotRetried) {
  auto t = FakeTransport::make();
  t->stream({"data: " + std::string(600, 'x'), std::string(600, 'y'), std::string(600, 'z')});
  t->stream({"data: {}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  Result<std::unique_ptr<HttpStream>> s = p.open_stream(HttpRequest{}, nullptr, sse(1000));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status, "OUT_OF_RANGE");
  EXPECT_NE(s.error().message.find("HttpOptions::max_event_bytes"), std::string::npos) << s.error().message;
  EXPECT_EQ(t->requests().size(), 1u);  // the same answer would come again
}

// stream_sse_async's whole story: the events handed on and how it ended.
struct AsyncStreamResult {
  std::vector<std::string> events;
  std::optional<Result<void>> end;
};

AsyncStreamResult stream_async(const Pipeline& p, int stop_after = -1, std::size_t max_event_bytes = 0) {
  AsyncStreamResult out;
  Pipeline::SseCallbacks c;
  c.max_event_bytes = max_event_bytes;
  c.on_event = [&out, stop_after](std::string data) -> Result<void> {
    out.events.push_back(std::move(data));
    if (static_cast<int>(out.events.size()) == stop_after) return cancelled_error("stopped by the test");
    return {};
  };
  c.done = [&out](Result<void> r) {
    EXPECT_FALSE(out.end.has_value()) << "done ran twice";
    out.end = std::move(r);
  };
  p.stream_sse_async(HttpRequest{}, nullptr, std::move(c));
  return out;
}

TEST(Pipeline, AsyncStreamRetriesAnErrorEventBeforeItsFirstEventOnTheLoop) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"error\": {\"code\": 429, \"message\": \"busy\", \"status\": \"RESOURCE_EXHAUSTED\"}}\n\n"});
  t->stream({"data: {\"n\":1}\n", "\ndata: {\"n\":2}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p);
  ASSERT_TRUE(r.end.has_value());
  EXPECT_TRUE(r.end->ok()) << r.end->error().to_string();
  EXPECT_EQ(r.events, (std::vector<std::string>{"{\"n\":1}", "{\"n\":2}"}));  // the error event never reached it
  EXPECT_TRUE(sleeps.waited.empty());                                       // scheduled, not slept
  EXPECT_EQ(t->async_delays(), (std::vector<milliseconds>{milliseconds(0), milliseconds(1000)}));
}

TEST(Pipeline, AsyncStreamIsNeverRetriedOnceAnEventWasHandedOver) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\":1}\n\n", "data: {\"n\""}, transport_error("connection reset"));
  t->stream({"data: {\"n\":1}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p);
  ASSERT_TRUE(r.end.has_value());
  ASSERT_FALSE(r.end->ok());
  EXPECT_EQ(r.end->error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.end->error().message.find("cut after 1 chunk(s): connection reset"), std::string::npos)
      << r.end->error().message;
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_EQ(t->requests().size(), 1u);
}

TEST(Pipeline, AsyncStreamCutOrEndedBeforeItsFirstEventIsRetried) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\""}, transport_error("connection reset"));
  t->stream({": keep-alive\n\n"});  // a clean end with no event
  t->stream({"data: {\"n\":1}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p);
  ASSERT_TRUE(r.end.has_value());
  EXPECT_TRUE(r.end->ok()) << r.end->error().to_string();
  EXPECT_EQ(r.events, (std::vector<std::string>{"{\"n\":1}"}));
  EXPECT_EQ(t->requests().size(), 3u);
}

// stream_async with a decoder of its own (a download's bytes): a failure
// before the first unit is retried, one after it ends the call with it.
class PiecesDecoder : public Pipeline::StreamDecoder {
 public:
  void restart() override {
    ++attempts;
    pieces = 0;
  }
  Result<void> feed(std::string bytes) override {
    ++pieces;
    received += bytes;
    return {};
  }
  int delivered() const override { return pieces; }
  Result<void> finish() override { return {}; }
  int attempts = 0;
  int pieces = 0;
  std::string received;
};

TEST(Pipeline, AsyncByteStreamIsRetriedOnlyBeforeItsFirstBytes) {
  auto t = FakeTransport::make();
  t->stream({}, transport_error("connection reset"));  // nothing delivered: retried
  t->stream({"abc", "def"}, transport_error("connection reset"));
  t->stream({"never asked for"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  auto decoder = std::make_shared<PiecesDecoder>();
  std::optional<Result<void>> end;
  p.stream_async(HttpRequest{}, nullptr, decoder, milliseconds{0}, [&](Result<void> r) { end = std::move(r); });
  ASSERT_TRUE(end.has_value());
  ASSERT_FALSE(end->ok());
  EXPECT_NE(end->error().message.find("cut after 2 chunk(s): connection reset"), std::string::npos)
      << end->error().message;
  EXPECT_EQ(decoder->attempts, 2);
  EXPECT_EQ(decoder->received, "abcdef");
  EXPECT_EQ(t->requests().size(), 2u);
}

TEST(Pipeline, AsyncStreamStopsWhenItsEventCallbackSaysSo) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\":1}\n\ndata: {\"n\":2}\n\n", "data: {\"n\":3}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p, 1);
  ASSERT_TRUE(r.end.has_value());
  ASSERT_FALSE(r.end->ok());
  EXPECT_EQ(r.end->error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(r.end->error().message, "stopped by the test");
  EXPECT_EQ(r.events.size(), 1u);
  EXPECT_EQ(t->requests().size(), 1u);
}

TEST(Pipeline, AsyncStreamEndingInTheMiddleOfAnEventIsAnError) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"n\":1}\n\n", "data: {\"n\""});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p);
  ASSERT_TRUE(r.end.has_value());
  ASSERT_FALSE(r.end->ok());
  EXPECT_NE(r.end->error().message.find("in the middle of an event after 1 chunk(s)"), std::string::npos)
      << r.end->error().message;
}

TEST(Pipeline, AsyncStreamErrorStatusAndFinalErrorEventAreMappedNotRetried) {
  auto t = FakeTransport::make();
  t->stream({R"({"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}})"}, std::nullopt, 403);
  t->stream({"data: {\"error\": {\"code\": 400, \"message\": \"bad field\", \"status\": \"INVALID_ARGUMENT\"}}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult denied = stream_async(p);
  ASSERT_TRUE(denied.end.has_value() && !denied.end->ok());
  EXPECT_EQ(denied.end->error().status, "PERMISSION_DENIED");
  AsyncStreamResult bad = stream_async(p);
  ASSERT_TRUE(bad.end.has_value() && !bad.end->ok());
  EXPECT_EQ(bad.end->error().http_status, 400);
  EXPECT_EQ(bad.end->error().message, "bad field");
  EXPECT_TRUE(bad.events.empty());
  EXPECT_EQ(t->requests().size(), 2u);
}

TEST(Pipeline, AsyncStreamBoundsAnEndlessFirstEvent) {
  auto t = FakeTransport::make();
  t->stream({"data: " + std::string(600, 'x'), std::string(600, 'y'), std::string(600, 'z')});
  t->stream({"data: {}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p, -1, 1000);
  ASSERT_TRUE(r.end.has_value() && !r.end->ok());
  EXPECT_EQ(r.end->error().status, "OUT_OF_RANGE");
  EXPECT_NE(r.end->error().message.find("HttpOptions::max_event_bytes"), std::string::npos);
  EXPECT_EQ(t->requests().size(), 1u);
}

// A transport of an application's own that does not stream: the default
// HttpTransport::stream_async hands the body over whole, and it still works.
class BufferingTransport final : public FakeTransport {
 public:
  void stream_async(HttpRequest request, StreamCallbacks callbacks, milliseconds delay) override {
    HttpTransport::stream_async(std::move(request), std::move(callbacks), delay);
  }
};

TEST(Pipeline, AsyncStreamOverATransportThatOnlyBuffers) {
  auto t = std::make_shared<BufferingTransport>();
  t->answer(503);
  t->stream({"data: {\"n\":1}\n\n", "data: {\"n\":2}\n\n"});
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  AsyncStreamResult r = stream_async(p);
  ASSERT_TRUE(r.end.has_value());
  EXPECT_TRUE(r.end->ok()) << r.end->error().to_string();
  EXPECT_EQ(r.events, (std::vector<std::string>{"{\"n\":1}", "{\"n\":2}"}));
  EXPECT_EQ(t->requests().size(), 2u);
}

TEST(Pipeline, AsyncRetriesAreScheduledOnTheLoopNotSlept) {
  auto t = FakeTransport::make();
  t->answer(503).answer(500).answer(200, "{}");
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds{0}, sleeps.clock());
  std::optional<Result<HttpResponse>> got;
  p.send_async(HttpRequest{}, nullptr, [&](Result<HttpResponse> r) { got = std::move(r); });
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->ok());
  EXPECT_TRUE(sleeps.waited.empty());
  EXPECT_EQ(t->async_delays(), (std::vector<milliseconds>{milliseconds(0), milliseconds(1000), milliseconds(2000)}));
}

TEST(Pipeline, EachRetryIsReportedBeforeItsWait) {
  auto t = FakeTransport::make();
  t->answer(503).answer(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"slow down",
    "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"7s"}]}})").answer(200, "{}");
  RetryOptions retry = quick_retry();
  std::vector<std::string> notes;
  retry.on_retry = [&](const Error& e, int next, milliseconds delay) {
    notes.push_back(e.status + " " + std::to_string(next) + " " + std::to_string(delay.count()));
  };
  Sleeps sleeps;
  Pipeline p(t, retry, milliseconds{0}, sleeps.clock());
  ASSERT_TRUE(p.send(HttpRequest{}).ok());
  EXPECT_EQ(notes, (std::vector<std::string>{"UNAVAILABLE 2 1000", "RESOURCE_EXHAUSTED 3 7000"}));
  // The async form reports the same way.
  notes.clear();
  t->answer(503).answer(200, "{}");
  std::optional<Result<HttpResponse>> got;
  p.send_async(HttpRequest{}, nullptr, [&](Result<HttpResponse> r) { got = std::move(r); });
  ASSERT_TRUE(got && got->ok());
  EXPECT_EQ(notes, (std::vector<std::string>{"UNAVAILABLE 2 1000"}));
}

TEST(Pipeline, AServerDelayLongerThanMaxDelayGivesUpAtOnceSayingWhenToRetry) {
  auto t = FakeTransport::make();
  t->answer(429, kQuotaOneHour).answer(200, "{}");
  RetryOptions retry = quick_retry();
  int reported = 0;
  retry.on_retry = [&](const Error&, int, milliseconds) { ++reported; };
  Sleeps sleeps;
  Pipeline p(t, retry, milliseconds{0}, sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{});
  ASSERT_FALSE(r.ok());
  // Not a minute's wait in silence and a retry that would be refused again.
  EXPECT_TRUE(sleeps.waited.empty());
  EXPECT_EQ(reported, 0);
  EXPECT_EQ(t->requests().size(), 1u);
  const Error& e = r.error();
  EXPECT_EQ(e.http_status, 429);
  EXPECT_EQ(e.status, "RESOURCE_EXHAUSTED");
  EXPECT_EQ(e.retry_delay, milliseconds(3'600'000));
  EXPECT_NE(e.message.find("Quota exceeded for metric generate_content_requests"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("the server asks to wait 1 h before retrying"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("RetryOptions::max_delay"), std::string::npos) << e.message;
  EXPECT_EQ(e.fix.rfind("Retry after ", 0), 0u) << e.fix;
  EXPECT_NE(e.fix.find(" UTC (in 1 h)"), std::string::npos) << e.fix;
}

TEST(Pipeline, AServerDelayPastTheDeadlineGivesUpAtOnce) {
  auto t = FakeTransport::make();
  t->answer(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"busy",
    "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"42s"}]}})");
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds(30'000), sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(sleeps.waited.empty());
  EXPECT_EQ(r.error().retry_delay, milliseconds(42'000));
  EXPECT_NE(r.error().message.find("wait 42 s before retrying, more than this call may wait: 30 s, "
                                   "HttpOptions::deadline"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().fix.find("(in 42 s)"), std::string::npos) << r.error().fix;
}

TEST(Pipeline, EveryAttemptCarriesTheCallsDeadline) {
  auto t = FakeTransport::make();
  t->answer(503).answer(200, "{}");
  Sleeps sleeps;
  const auto start = sleeps.now;
  Pipeline p(t, quick_retry(), milliseconds(10'000), sleeps.clock());
  ASSERT_TRUE(p.send(HttpRequest{}).ok());
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 2u);
  // One deadline for the whole call, not one per attempt: the transport cuts
  // an attempt that would run past it.
  EXPECT_EQ(sent[0].deadline, start + milliseconds(10'000));
  EXPECT_EQ(sent[1].deadline, start + milliseconds(10'000));
  // A sooner deadline the caller set stays.
  HttpRequest sooner;
  sooner.deadline = sleeps.now + milliseconds(5);
  t->answer(200, "{}");
  ASSERT_TRUE(p.send(sooner).ok());
  EXPECT_EQ(t->requests().back().deadline, sooner.deadline);
}

TEST(Pipeline, ABackoffThatWouldPassTheDeadlineIsNotBegun) {
  auto t = FakeTransport::make();
  for (int i = 0; i < 5; ++i) t->answer(503);
  Sleeps sleeps;
  Pipeline p(t, quick_retry(), milliseconds(6'000), sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{});
  ASSERT_FALSE(r.ok());
  // 1 s and 2 s fit in 6 s; the next wait (4 s) would end past the deadline.
  EXPECT_EQ(sleeps.waited, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));
  EXPECT_EQ(t->requests().size(), 3u);
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_NE(r.error().message.find("the next retry, in 4 s, would pass the call's deadline, 3 s away"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().fix.find("raise HttpOptions::deadline"), std::string::npos) << r.error().fix;
}

TEST(Pipeline, ACallThatRunsOutOfItsDeadlineSaysSo) {
  Sleeps sleeps;
  // Each attempt takes 6 s and times out: the second ends past the 10 s deadline.
  auto t = std::make_shared<SlowTransport>(sleeps, milliseconds(6'000));
  t->fail(transport_error("the request to x:443 timed out")).fail(transport_error("the request to x:443 timed out"));
  t->answer(200, "{}");
  Pipeline p(t, quick_retry(), milliseconds(10'000), sleeps.clock());
  Result<HttpResponse> r = p.send(HttpRequest{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(t->requests().size(), 2u);
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_EQ(r.error().status, "DEADLINE_EXCEEDED");
  EXPECT_NE(r.error().message.find("did not finish within its deadline of 10 s (HttpOptions::deadline) in 2 "
                                   "attempts; the last: the request to x:443 timed out"),
            std::string::npos)
      << r.error().message;
  EXPECT_NE(r.error().fix.find("raise HttpOptions::deadline"), std::string::npos);
  // A stream is bounded the same way until its first event.
  auto ts = std::make_shared<SlowTransport>(sleeps, milliseconds(6'000));
  ts->stream({"data: {\"n\""}, transport_error("cut")).stream({"data: {\"n\""}, transport_error("cut"));
  Result<std::unique_ptr<HttpStream>> s =
      Pipeline(ts, quick_retry(), milliseconds(10'000), sleeps.clock()).open_stream(HttpRequest{}, nullptr, sse());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().status, "DEADLINE_EXCEEDED");
}

TEST(Pipeline, JsonFromResponseRefusesABodyThatIsNotJson) {
  HttpResponse r;
  r.status = 200;
  r.body = "<html>proxy</html>";
  Result<nlohmann::json> j = json_from_response(r);
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.error().kind, ErrorKind::kApi);
  EXPECT_NE(j.error().message.find("not valid JSON"), std::string::npos);
  r.body.clear();
  EXPECT_EQ(*json_from_response(r), nlohmann::json::object());
}

}  // namespace
}  // namespace genai::internal
