// The emulator protects itself as a server must, over real sockets: Google's
// 20 MiB request limit without keeping the body, slow clients that hold
// connections without stalling anyone else, and an admin API that needs a
// token once other machines can reach it.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_fixture.h"
#include "tests/support/raw_connection.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

constexpr const char* kGenerate = "/v1beta/models/gemini-2.5-flash:generateContent";
constexpr const char* kPrompt = R"({"contents": [{"parts": [{"text": "Hello"}]}]})";

class EmulatorLimitsTest : public EmulatorTest {};

TEST_F(EmulatorLimitsTest, BodyOverTwentyMebibytesGetsGooglesErrorAndTheConnectionGoesOn) {
  httplib::Client http(base_url());
  http.set_read_timeout(30, 0);
  http.set_keep_alive(true);
  const httplib::Headers with_key{{"x-goog-api-key", key()}};
  const std::string big = "{\"contents\": [{\"parts\": [{\"text\": \"" + std::string(21u << 20, 'a') + "\"}]}]}";
  auto refused = http.Post(kGenerate, with_key, big, "application/json");
  ASSERT_TRUE(refused) << httplib::to_string(refused.error());
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(nlohmann::json::parse(refused->body)["error"]["message"],
            "Request payload size exceeds the limit: 20971520 bytes.");

  auto next = http.Post(kGenerate, with_key, kPrompt, "application/json");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200) << next->body;
}

TEST_F(EmulatorLimitsTest, SlowClientsDoNotStallOthers) {
  // 40 connections that start a request and never finish its headers (more
  // than the 32 threads that once served every connection). A pause between
  // connects keeps them inside cpp-httplib's listen backlog of 5.
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 40; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    slow.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->write("POST /v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  httplib::Client http(base_url());
  http.set_connection_timeout(2, 0);
  http.set_read_timeout(2, 0);
  const auto start = std::chrono::steady_clock::now();
  auto res = http.Post(kGenerate, httplib::Headers{{"x-goog-api-key", key()}}, kPrompt, "application/json");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

class EmulatorReadTimeoutTest : public EmulatorTest {
 protected:
  void configure(emulator::ServerOptions& o) override { o.read_timeout = std::chrono::seconds(1); }
};

TEST_F(EmulatorReadTimeoutTest, ConnectionThatStopsSendingIsClosed) {
  RawConnection stalled(server_->port());
  ASSERT_TRUE(stalled.connected());
  stalled.write("GET /v1beta/models HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  const auto start = std::chrono::steady_clock::now();
  // The server gives up on the request: cpp-httplib answers 400, or closes.
  const std::string answer = stalled.read_response();
  EXPECT_TRUE(answer.rfind("HTTP/1.1 400", 0) == 0 || answer.rfind("CONNECTION CLOSED", 0) == 0) << answer;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

class EmulatorOnAllInterfacesTest : public EmulatorTest {
 protected:
  // The network here is loopback only; the test reaches it at 127.0.0.1.
  void configure(emulator::ServerOptions& o) override { o.host = "0.0.0.0"; }
};

TEST_F(EmulatorOnAllInterfacesTest, AdminApiNeedsTheTokenItMadeUp) {
  const std::string token = server_->admin_token();
  ASSERT_EQ(token.size(), 32u);  // 128 random bits, hex
  httplib::Client http("127.0.0.1", server_->port());
  auto refused = http.Post("/emulator/v1/reset", "", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("Authorization: Bearer"), std::string::npos) << refused->body;
  EXPECT_TRUE(state().project("test-project"));

  auto allowed = http.Post("/emulator/v1/projects", httplib::Headers{{"Authorization", "Bearer " + token}},
                           R"({"projectId": "remote-project"})", "application/json");
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200) << allowed->body;
}

TEST(EmulatorBinary, WarnsWhenReachableFromOtherMachinesAndPrintsTheToken) {
  const ProcessResult r =
      run_process({GENAI_EMULATOR_PATH, "--host", "0.0.0.0", "--port", "0"}, {}, "", std::chrono::milliseconds(1500));
  EXPECT_NE(r.err.find("warning: bound to 0.0.0.0"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("requires \"Authorization: Bearer "), std::string::npos) << r.err;

  const ProcessResult given = run_process({GENAI_EMULATOR_PATH, "--host", "0.0.0.0", "--port", "0"},
                                          {{"GENAI_EMULATOR_ADMIN_TOKEN", "my-own-admin-token"}}, "",
                                          std::chrono::milliseconds(1500));
  EXPECT_NE(given.err.find("the admin token you gave"), std::string::npos) << given.err;
  EXPECT_EQ(given.err.find("my-own-admin-token"), std::string::npos);  // never printed back

  const ProcessResult help = run_process({GENAI_EMULATOR_PATH, "--help"}, {});
  EXPECT_NE(help.out.find("--admin-token"), std::string::npos);
  EXPECT_NE(help.out.find("--max-request-bytes"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
