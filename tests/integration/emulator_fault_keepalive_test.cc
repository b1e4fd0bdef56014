// An injected fault must leave a kept-alive connection in step: a client that
// writes a request's headers and body in separate writes (httpx does) gets
// the fault, and its next request on the same connection a real answer. A
// raw socket on 127.0.0.1 controls exactly what is written when.
#include <chrono>
#include <string>
#include <thread>

#include "tests/support/emulator_fixture.h"
#include "tests/support/raw_connection.h"

namespace genai::testing {
namespace {

class FaultKeepAliveTest : public EmulatorTest {};

std::string post_head(const std::string& key, size_t body_size) {
  return "POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Content-Type: application/json\r\nx-goog-api-key: " + key +
         "\r\nContent-Length: " + std::to_string(body_size) + "\r\n\r\n";
}

TEST_F(FaultKeepAliveTest, BodyWrittenAfterTheHeadersIsReadBeforeTheFaultIsAnswered) {
  for (const char* fault : {"503", "429", "500", "html", "badjson"}) {
    SCOPED_TRACE(fault);
    set_faults(std::string("generateContent=") + fault + "#1");
    RawConnection conn(server_->port());
    ASSERT_TRUE(conn.connected());
    const std::string body = R"({"contents": [{"parts": [{"text": "Hello"}]}]})";
    conn.write(post_head(key(), body.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the server routes before the body arrives
    conn.write(body);
    const std::string faulted = conn.read_response();
    EXPECT_EQ(faulted.rfind("HTTP/1.1 ", 0), 0u) << faulted;
    EXPECT_EQ(faulted.find("HTTP/1.1 200 OK") == 0, std::string(fault) == "badjson") << faulted;

    // The same connection, the next request: a real answer, not the old body
    // read as a request line.
    conn.write(post_head(key(), body.size()) + body);
    const std::string next = conn.read_response();
    EXPECT_EQ(next.rfind("HTTP/1.1 200 OK", 0), 0u) << next;
    EXPECT_NE(next.find("\"candidates\""), std::string::npos) << next;
  }
}

TEST_F(FaultKeepAliveTest, FaultedGetAndUnfaultedRequestsStillWork) {
  set_faults("models=503#1");
  RawConnection conn(server_->port());
  ASSERT_TRUE(conn.connected());
  const std::string get = "GET /v1beta/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-goog-api-key: " + key() + "\r\n\r\n";
  conn.write(get);
  EXPECT_EQ(conn.read_response().rfind("HTTP/1.1 503", 0), 0u);
  conn.write(get);
  const std::string next = conn.read_response();
  EXPECT_EQ(next.rfind("HTTP/1.1 200 OK", 0), 0u) << next;
  // The route that answers deferred faults answers nothing else.
  conn.write("POST /emulator-fault HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(conn.read_response().rfind("HTTP/1.1 404", 0), 0u);
}

}  // namespace
}  // namespace genai::testing
