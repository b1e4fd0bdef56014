// Bounded responses (max_response_bytes, max_event_bytes) against hostile
// servers on 127.0.0.1: an endless body, a huge Content-Length, a gzip bomb,
// an error answer that never ends, and an SSE event that never ends. Each
// server stops after a bounded number of bytes, and each call must fail
// clearly at the limit, well within the test's time.
#include <zlib.h>

#include <atomic>
#include <chrono>

#include <gtest/gtest.h>

#include "genai/genai.h"
#include "tests/support/loopback_server.h"

namespace genai::testing {
namespace {

constexpr std::size_t kLimit = 1 << 20;           // the bound under test: 1 MiB
constexpr std::size_t kServerCap = 64u << 20;     // no hostile server sends more than this
constexpr auto kQuick = std::chrono::seconds(20);  // far below what a missing bound would take

// Serves every connection with `head` then `chunk` repeated until the client
// goes away or kServerCap is sent; counts requests.
struct Hostile {
  Hostile(std::string head, std::string chunk)
      : server([this, head = std::move(head), chunk = std::move(chunk)](int fd, const std::atomic<bool>& stopping) {
          if (!read_until(fd, "\r\n\r\n")) return;
          ++requests;
          if (!send_all(fd, head)) return;
          for (std::size_t sent = 0; !chunk.empty() && sent < kServerCap && !stopping.load(); sent += chunk.size()) {
            if (!send_all(fd, chunk)) return;
          }
        }) {}
  std::atomic<int> requests{0};
  LoopbackServer server;
};

std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16 /* gzip wrapper */, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::shared_ptr<HttpTransport> bounded_transport() {
  TransportOptions t;
  t.max_response_bytes = kLimit;
  return make_curl_transport(t);
}

void expect_too_large(const Error& e, const char* option) {
  EXPECT_EQ(e.kind, ErrorKind::kApi) << e.to_string();
  EXPECT_EQ(e.status, "OUT_OF_RANGE");
  EXPECT_NE(e.message.find("1048576 bytes (1 MiB)"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(option), std::string::npos) << e.message;
  EXPECT_NE(e.fix.find(option), std::string::npos) << e.fix;
}

TEST(ResponseLimits, AnEndlessBodyStopsAtTheLimit) {
  Hostile h("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n", std::string(64 << 10, 'x'));
  const auto start = std::chrono::steady_clock::now();
  auto r = bounded_transport()->send(HttpRequest{"GET", h.server.url() + "/v1beta/models", {}, ""});
  ASSERT_FALSE(r.ok());
  expect_too_large(r.error(), "max_response_bytes");
  EXPECT_NE(r.error().message.find("(counted after decompression) reached"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().http_status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, kQuick);
}

TEST(ResponseLimits, AHugeContentLengthIsRefusedBeforeTheBody) {
  Hostile h("HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n", "");
  auto r = bounded_transport()->send(HttpRequest{"GET", h.server.url() + "/", {}, ""});
  ASSERT_FALSE(r.ok());
  expect_too_large(r.error(), "max_response_bytes");
  EXPECT_NE(r.error().message.find("announced as 10000000000 bytes"), std::string::npos) << r.error().message;
}

TEST(ResponseLimits, TheLimitItselfIsAllowed) {
  for (const std::size_t size : {kLimit, kLimit + 1}) {
    Hostile h("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n" + std::string(size, 'x'), "");
    auto r = bounded_transport()->send(HttpRequest{"GET", h.server.url() + "/", {}, ""});
    EXPECT_EQ(r.ok(), size == kLimit) << size;
  }
}

TEST(ResponseLimits, AGzipBombIsCountedDecompressed) {
  static const std::string bomb = gzip(std::string(kServerCap, '\0'));
  ASSERT_LT(bomb.size(), kLimit / 4);  // small on the wire: only decoded counting can catch it
  Hostile h("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                "\r\n\r\n" + bomb,
            "");
  auto r = bounded_transport()->send(HttpRequest{"GET", h.server.url() + "/", {}, ""});
  ASSERT_FALSE(r.ok());
  expect_too_large(r.error(), "max_response_bytes");
}

TEST(ResponseLimits, AStreamIsBoundedPerReadNotInTotal) {
  Hostile h("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n", std::string(64 << 10, 'x'));
  auto stream = bounded_transport()->open_stream(HttpRequest{"POST", h.server.url() + "/", {}, "{}"});
  ASSERT_TRUE(stream.ok()) << stream.error().to_string();
  std::size_t total = 0;
  while (total < 4 * kLimit) {  // a long stream is legitimate
    auto bytes = (*stream)->read();
    ASSERT_TRUE(bytes.ok()) << bytes.error().to_string();
    ASSERT_TRUE(bytes->has_value());
    EXPECT_LE((*bytes)->size(), kLimit);
    total += (*bytes)->size();
  }
}

TEST(ResponseLimits, AnEndlessErrorAnswerToAStreamIsBoundedInTotal) {
  // The client reads an error answer whole, so it must end at the limit.
  Hostile h("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\n\r\n", std::string(64 << 10, 'x'));
  auto stream = bounded_transport()->open_stream(HttpRequest{"POST", h.server.url() + "/", {}, "{}"});
  ASSERT_TRUE(stream.ok());
  EXPECT_EQ((*stream)->status(), 503);
  std::size_t total = 0;
  for (;;) {
    auto bytes = (*stream)->read();
    if (!bytes.ok()) {
      expect_too_large(bytes.error(), "max_response_bytes");
      break;
    }
    ASSERT_TRUE(bytes->has_value()) << "the endless body ended";
    total += (*bytes)->size();
    ASSERT_LE(total, kLimit);
  }
}

ClientOptions client_options(const std::string& base_url) {
  ClientOptions o;
  o.api_key = "test-key";
  o.use_environment = false;
  o.http_options.base_url = base_url;
  o.http_options.retry.attempts = 3;
  o.http_options.retry.initial_delay = std::chrono::milliseconds(10);
  o.http_options.retry.jitter = std::chrono::milliseconds(0);
  o.http_options.max_response_bytes = kLimit;
  o.http_options.max_event_bytes = kLimit;
  return o;
}

TEST(ResponseLimits, AClientCallFailsAtTheLimitWithoutRetrying) {
  Hostile h("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n", std::string(64 << 10, ' '));
  auto client = Client::create(client_options(h.server.url())).value();
  auto r = client.models().generate_content("gemini-2.5-flash", "Hi");
  ASSERT_FALSE(r.ok());
  expect_too_large(r.error(), "HttpOptions::max_response_bytes");
  EXPECT_EQ(h.requests.load(), 1);  // the same answer would come again
}

TEST(ResponseLimits, AnEndlessServerSentEventEndsTheStreamAfterTheEventsBeforeIt) {
  const std::string first = "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hi\"}]}}]}\r\n\r\n";
  Hostile h("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + first + "data: {\"candidates\":[\"",
            std::string(64 << 10, 'x'));
  auto client = Client::create(client_options(h.server.url())).value();
  const auto start = std::chrono::steady_clock::now();
  std::vector<Result<GenerateContentResponse>> items;
  for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", "Hi")) items.push_back(chunk);
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(items[0].ok()) << items[0].error().to_string();
  EXPECT_EQ(items[0]->text(), "Hi");
  ASSERT_FALSE(items[1].ok());
  expect_too_large(items[1].error(), "HttpOptions::max_event_bytes");
  EXPECT_NE(items[1].error().message.find("one event of the stream (after 1 chunk(s))"), std::string::npos)
      << items[1].error().message;
  EXPECT_EQ(h.requests.load(), 1);
  EXPECT_LT(std::chrono::steady_clock::now() - start, kQuick);
}

TEST(ResponseLimits, DefaultsAreGenerousButFinite) {
  EXPECT_EQ(HttpOptions{}.max_response_bytes, std::size_t{256} << 20);
  EXPECT_EQ(TransportOptions{}.max_response_bytes, HttpOptions{}.max_response_bytes);
  EXPECT_EQ(HttpOptions{}.max_event_bytes, std::size_t{64} << 20);
}

}  // namespace
}  // namespace genai::testing
