// Time bounds and stream retries against hostile servers on 127.0.0.1, over
// the real libcurl transport: a server that trickles one byte at a time must
// not hold a call past its deadline (HttpOptions::deadline), nor a started
// stream past its idle bound (HttpOptions::stream_idle_timeout); a stream
// that breaks before its first chunk is retried (nothing was delivered), one
// that breaks after it never is. The bounds under test are a second or two,
// so each test is quick; without them each would hang until the test times out.
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "genai/genai.h"
#include "tests/support/loopback_server.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

using std::chrono::milliseconds;

const std::string kSseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
const std::string kChunk =
    "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n";

// Sends `bytes` one byte every `every`, until done, the client leaves or the
// server stops.
void trickle(int fd, const std::string& bytes, milliseconds every, const std::atomic<bool>& stopping) {
  for (char c : bytes) {
    if (stopping.load() || !send_all(fd, std::string(1, c))) return;
    std::this_thread::sleep_for(every);
  }
}

// An endless trickle of bytes that never completes a JSON body or an SSE event.
std::string never_ending(std::size_t n = 100'000) { return std::string(n, ' '); }

// Resets the connection (RST, not FIN): what a crashed server or a
// middlebox's timeout looks like to the client.
void reset(int fd) {
  linger l{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

ClientOptions options(const std::string& base_url) {
  ClientOptions o;
  o.api_key = "test-key";
  o.use_environment = false;
  o.http_options.base_url = base_url;
  o.http_options.retry.initial_delay = milliseconds(10);
  o.http_options.retry.jitter = milliseconds(0);
  return o;
}

// Every chunk of a stream and, last, the error that ended it (if any): read
// through the blocking Stream, or through generate_content_stream_async's
// callbacks on the event loop. The bounds hold the same for both.
std::vector<Result<GenerateContentResponse>> read_stream(Client& client, bool async = false) {
  std::vector<Result<GenerateContentResponse>> items;
  if (!async) {
    for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", "Hi")) items.push_back(chunk);
    return items;
  }
  // The chunk callback and the end run one after the other on the loop
  // thread; get() orders them before the reads below.
  Result<void> end = client.models()
                         .generate_content_stream_async("gemini-2.5-flash", {Content::from_text("Hi")}, {},
                                                        [&items](GenerateContentResponse chunk) {
                                                          items.push_back(std::move(chunk));
                                                          return true;
                                                        })
                         .get();
  if (!end) items.push_back(std::move(end).error());
  return items;
}

// The stream tests run twice: blocking (Stream) and async (event loop).
class StreamDeadlines : public ::testing::TestWithParam<bool> {};
INSTANTIATE_TEST_SUITE_P(BothForms, StreamDeadlines, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) { return info.param ? "Async" : "Blocking"; });

TEST(Deadlines, ATricklingServerIsCutAtTheCallsDeadline) {
  std::atomic<int> requests{0};
  LoopbackServer server([&](int fd, const std::atomic<bool>& stopping) {
    if (!read_until(fd, "\r\n\r\n")) return;
    ++requests;
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
    trickle(fd, never_ending(), milliseconds(20), stopping);
  });
  ClientOptions o = options(server.url());
  o.http_options.deadline = milliseconds(1500);
  Client client = Client::create(o).value();
  const auto start = std::chrono::steady_clock::now();
  auto r = client.models().generate_content("gemini-2.5-flash", "Hi");
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_EQ(r.error().status, "DEADLINE_EXCEEDED");
  EXPECT_NE(r.error().message.find("deadline of 1.5 s (HttpOptions::deadline) in 1 attempt"), std::string::npos)
      << r.error().message;
  EXPECT_GE(took, milliseconds(1400));
  EXPECT_LT(took, milliseconds(5000));
  EXPECT_EQ(requests.load(), 1);  // no retry begins past the deadline
}

TEST_P(StreamDeadlines, AStreamTricklingItsFirstEventIsCutAtTheCallsDeadline) {
  LoopbackServer server([&](int fd, const std::atomic<bool>& stopping) {
    if (!read_until(fd, "\r\n\r\n")) return;
    send_all(fd, kSseHead + "data: {");
    trickle(fd, never_ending(), milliseconds(20), stopping);
  });
  ClientOptions o = options(server.url());
  o.http_options.deadline = milliseconds(1500);
  Client client = Client::create(o).value();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Result<GenerateContentResponse>> items = read_stream(client, GetParam());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(5000));
  ASSERT_EQ(items.size(), 1u);
  ASSERT_FALSE(items[0].ok());
  EXPECT_EQ(items[0].error().status, "DEADLINE_EXCEEDED") << items[0].error().to_string();
}

TEST_P(StreamDeadlines, AStartedStreamIsBoundedPerChunkNotInTotal) {
  LoopbackServer server([&](int fd, const std::atomic<bool>& stopping) {
    if (!read_until(fd, "\r\n\r\n")) return;
    send_all(fd, kSseHead);
    // Three chunks 400 ms apart: slower in total than the idle bound, each
    // within it...
    for (int i = 0; i < 3 && !stopping.load(); ++i) {
      send_all(fd, kChunk);
      std::this_thread::sleep_for(milliseconds(400));
    }
    // ...then bytes that never complete a chunk.
    send_all(fd, "data: {");
    trickle(fd, never_ending(), milliseconds(20), stopping);
  });
  ClientOptions o = options(server.url());
  o.http_options.deadline = milliseconds(60'000);
  o.http_options.stream_idle_timeout = milliseconds(1000);
  Client client = Client::create(o).value();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Result<GenerateContentResponse>> items = read_stream(client, GetParam());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(6000));
  ASSERT_EQ(items.size(), 4u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(items[i].ok()) << items[i].error().to_string();
  ASSERT_FALSE(items[3].ok());
  EXPECT_EQ(items[3].error().status, "DEADLINE_EXCEEDED");
  EXPECT_NE(items[3].error().message.find("for 1 s (HttpOptions::stream_idle_timeout) after 3 chunk(s)"),
            std::string::npos)
      << items[3].error().message;
}

TEST_P(StreamDeadlines, AStreamResetBeforeItsFirstChunkIsRetried) {
  std::atomic<int> requests{0};
  LoopbackServer server([&](int fd, const std::atomic<bool>&) {
    if (!read_until(fd, "\r\n\r\n")) return;
    const int n = ++requests;
    if (n == 1) {
      // Headers and half an event, then a reset: nothing reached the caller.
      send_all(fd, kSseHead + "data: {\"candi");
      std::this_thread::sleep_for(milliseconds(50));
      reset(fd);
      return;
    }
    if (n == 2) {
      // Headers, then the connection closes without a single event.
      send_all(fd, kSseHead);
      return;
    }
    send_all(fd, kSseHead + kChunk);
  });
  Client client = Client::create(options(server.url())).value();
  std::vector<Result<GenerateContentResponse>> items = read_stream(client, GetParam());
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].ok()) << items[0].error().to_string();
  EXPECT_EQ(items[0]->text(), "Hi");
  EXPECT_EQ(requests.load(), 3);
}

TEST_P(StreamDeadlines, AStreamResetAfterAChunkIsNeverRetried) {
  std::atomic<int> requests{0};
  LoopbackServer server([&](int fd, const std::atomic<bool>&) {
    if (!read_until(fd, "\r\n\r\n")) return;
    ++requests;
    send_all(fd, kSseHead + kChunk + "data: {\"candi");
    std::this_thread::sleep_for(milliseconds(50));
    reset(fd);
  });
  Client client = Client::create(options(server.url())).value();
  std::vector<Result<GenerateContentResponse>> items = read_stream(client, GetParam());
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].ok());
  ASSERT_FALSE(items[1].ok());
  EXPECT_EQ(items[1].error().kind, ErrorKind::kTransport);
  EXPECT_NE(items[1].error().message.find("after 1 chunk(s)"), std::string::npos) << items[1].error().message;
  EXPECT_EQ(requests.load(), 1);  // the caller has chunk 1: a retry would hand it over twice
}

// The CLI against a server that answers 429 with Google's quota error and
// RetryInfo of `delay`, `refusals` times, then a real answer.
struct QuotaServer {
  QuotaServer(std::string delay, int refusals)
      : server([this, delay = std::move(delay), refusals](int fd, const std::atomic<bool>&) {
          if (!read_until(fd, "\r\n\r\n")) return;
          const std::string body =
              ++requests <= refusals
                  ? R"({"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",)"
                    R"("details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":)"
                    R"("generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":)"
                    R"("GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},)"
                    R"({"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":")" +
                        delay + R"("}]}})"
                  : R"({"candidates":[{"content":{"role":"model","parts":[{"text":"Hi"}]}}]})";
          const std::string status = requests <= refusals ? "429 Too Many Requests" : "200 OK";
          send_all(fd, "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        }) {}
  ProcessResult generate(std::vector<std::string> flags = {}) {
    std::vector<std::string> argv = {GENAI_CLI_PATH};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.insert(argv.end(), {"generate", "--no-stream", "Hi"});
    return run_process(argv, {{"GOOGLE_GEMINI_BASE_URL", server.url()}, {"GEMINI_API_KEY", "test-key"}});
  }
  std::atomic<int> requests{0};
  LoopbackServer server;
};

TEST(Deadlines, TheCliSaysWhatItWaitsForBeforeEachRetry) {
  // Longer than the backoff with its jitter, so the server's delay is the wait.
  QuotaServer q("2s", 1);
  ProcessResult r = q.generate();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hi\n");
  EXPECT_NE(r.err.find("genai: 429 RESOURCE_EXHAUSTED (quota GenerateRequestsPerMinutePerProjectPerModel-FreeTier), "
                       "retrying in 2 s (attempt 2 of 5)\n"),
            std::string::npos)
      << r.err;
}

TEST(Deadlines, TheCliGivesUpAtOnceOnAWaitLongerThanItWouldWaitAndSaysWhenToRetry) {
  QuotaServer q("3600s", 5);
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = q.generate();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_EQ(q.requests.load(), 1);
  EXPECT_EQ(r.err.find("retrying in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the server asks to wait 1 h before retrying"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fix: Retry after "), std::string::npos) << r.err;
  // And with a deadline shorter than the server's delay.
  QuotaServer soon("30s", 5);
  r = soon.generate({"--deadline", "20"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("more than this call may wait: 20 s, --deadline SECONDS"), std::string::npos) << r.err;
}

TEST(Deadlines, TheCliEndsATricklingCallAtItsDeadline) {
  LoopbackServer server([&](int fd, const std::atomic<bool>& stopping) {
    if (!read_until(fd, "\r\n\r\n")) return;
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
    trickle(fd, never_ending(), milliseconds(20), stopping);
  });
  ProcessResult r = run_process({GENAI_CLI_PATH, "--deadline", "1.5", "generate", "--no-stream", "Hi"},
                                {{"GOOGLE_GEMINI_BASE_URL", server.url()}, {"GEMINI_API_KEY", "test-key"}});
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_NE(r.err.find("did not finish within its deadline of 1.5 s (--deadline SECONDS)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--deadline SECONDS"), std::string::npos) << r.err;
}

TEST(Deadlines, DefaultsBoundEveryCall) {
  EXPECT_EQ(HttpOptions{}.deadline, std::chrono::minutes(10));
  EXPECT_EQ(HttpOptions{}.stream_idle_timeout, std::chrono::minutes(5));
  EXPECT_EQ(CredentialsOptions{}.deadline, std::chrono::minutes(2));
}

}  // namespace
}  // namespace genai::testing
