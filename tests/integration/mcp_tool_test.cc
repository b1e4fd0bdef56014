// The mcpServers tool end to end: libgenai sends Tool::mcp_servers, and the
// emulator, playing Google's model, speaks MCP (Streamable HTTP, JSON-RPC
// 2.0) to a real server on 127.0.0.1: initialize, notifications/initialized,
// tools/list, tools/call with the session id and the transport's headers,
// then DELETE. Answers as JSON and as server-sent events; a server that
// cannot be used, or is not on loopback, is a 400 naming it.
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using json = nlohmann::json;

// A small MCP server with two tools, recording what it was sent.
class McpServerStub {
 public:
  // `quote_token`: a hostile server that refuses initialize, quoting the
  // caller's Authorization header back in its error.
  explicit McpServerStub(bool answer_as_events, bool quote_token = false)
      : events_(answer_as_events), quote_token_(quote_token) {
    server_.Post("/mcp", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
    server_.Delete("/mcp", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      log_.push_back("DELETE " + req.get_header_value("Mcp-Session-Id"));
      res.status = 200;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~McpServerStub() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/mcp"; }
  std::vector<std::string> log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  json last_call_arguments() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_arguments_;
  }

 private:
  void handle(const httplib::Request& req, httplib::Response& res) {
    const json m = json::parse(req.body, nullptr, false);
    const std::string method = m.value("method", "");
    std::lock_guard<std::mutex> lock(mu_);
    // Every request after initialize carries the session and the caller's header.
    const std::string session = req.get_header_value("Mcp-Session-Id");
    log_.push_back(method + " session=" + session + " auth=" + req.get_header_value("Authorization"));
    if (method == "notifications/initialized") {
      res.status = 202;
      return;
    }
    if (quote_token_) {
      const std::string auth = req.get_header_value("Authorization");
      const std::string said = "token " + auth.substr(7) + " (" + auth + ") is revoked";
      const json refusal = {{"jsonrpc", "2.0"}, {"id", m["id"]}, {"error", {{"code", -32001}, {"message", said}}}};
      res.set_content(refusal.dump(), "application/json");
      return;
    }
    if (method != "initialize" && session != "s-42") {
      res.status = 400;
      res.set_content(R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"no session"}})", "application/json");
      return;
    }
    json result;
    if (method == "initialize") {
      res.set_header("Mcp-Session-Id", "s-42");
      result = {{"protocolVersion", "2025-06-18"},
                {"capabilities", {{"tools", json::object()}}},
                {"serverInfo", {{"name", "stub"}, {"version", "1"}}}};
    } else if (method == "tools/list") {
      result = {{"tools",
                 {{{"name", "search_docs"},
                   {"description", "Search the product documentation"},
                   {"inputSchema", {{"type", "object"}, {"properties", {{"query", {{"type", "string"}}}}}}}},
                  {{"name", "get_weather"},
                   {"description", "Current weather for a city"},
                   {"inputSchema",
                    {{"type", "object"},
                     {"properties", {{"city", {{"type", "string"}}}, {"days", {{"type", "integer"}}}}},
                     {"required", {"city"}}}}}}}};
    } else if (method == "tools/call") {
      last_arguments_ = m["params"].value("arguments", json::object());
      result = {{"content", {{{"type", "text"}, {"text", "Sunny, 21 degrees (" + m["params"].value("name", "") + ")"}}}}};
    } else {
      result = json::object();
    }
    const json answer = {{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", result}};
    if (events_) {
      // A notification first, as a server may send before its answer.
      res.set_content("event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
                      "event: message\ndata: " + answer.dump() + "\n\n",
                      "text/event-stream");
    } else {
      res.set_content(answer.dump(), "application/json");
    }
  }

  bool events_;
  bool quote_token_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> log_;
  json last_arguments_;
};

class McpToolTest : public EmulatorTest {
 protected:
  static GenerateContentConfig with_server(const std::string& url) {
    StreamableHttpTransport transport;
    transport.url = url;
    transport.headers = {{"Authorization", "Bearer mcp-token"}};
    GenerateContentConfig config;
    config.tools = {Tool{.mcp_servers = {McpServer{"weather", transport}}}};
    return config;
  }
};

TEST_F(McpToolTest, TheModelCallsTheToolThePromptAsksForOverMcp) {
  for (bool events : {false, true}) {
    SCOPED_TRACE(events ? "answers as server-sent events" : "answers as JSON");
    McpServerStub mcp(events);
    auto r = client().models().generate_content("gemini-2.5-flash", "What is the weather in Oslo today?",
                                                with_server(mcp.url()));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->text(), "From the MCP server weather: The tool get_weather answered: Sunny, 21 degrees (get_weather)");
    const std::vector<std::string> log = mcp.log();
    ASSERT_EQ(log.size(), 5u) << ::testing::PrintToString(log);
    EXPECT_EQ(log[0], "initialize session= auth=Bearer mcp-token");
    EXPECT_EQ(log[1], "notifications/initialized session=s-42 auth=Bearer mcp-token");
    EXPECT_EQ(log[2], "tools/list session=s-42 auth=Bearer mcp-token");
    EXPECT_EQ(log[3], "tools/call session=s-42 auth=Bearer mcp-token");
    EXPECT_EQ(log[4], "DELETE s-42");
    // Arguments from the tool's inputSchema: its required city, as a string.
    EXPECT_TRUE(mcp.last_call_arguments()["city"].is_string()) << mcp.last_call_arguments().dump();
  }
}

TEST_F(McpToolTest, AServerThatCannotBeUsedIsA400NamingIt) {
  std::string closed_url;
  {
    McpServerStub gone(false);
    closed_url = gone.url();
  }
  auto unreachable = client().models().generate_content("gemini-2.5-flash", "Weather?", with_server(closed_url));
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().http_status, 400);
  EXPECT_EQ(unreachable.error().message.rfind("Failed to use MCP server 'weather': it could not be reached", 0), 0u)
      << unreachable.error().message;

  auto outside =
      client().models().generate_content("gemini-2.5-flash", "Weather?", with_server("https://mcp.example.com/mcp"));
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().http_status, 400);
  EXPECT_NE(outside.error().message.find("not on loopback"), std::string::npos) << outside.error().message;

  // A server quoting the caller's token back: the 400 says what it refused, never the token.
  McpServerStub hostile(false, /*quote_token=*/true);
  auto quoted = client().models().generate_content("gemini-2.5-flash", "Weather?", with_server(hostile.url()));
  ASSERT_FALSE(quoted.ok());
  EXPECT_EQ(quoted.error().http_status, 400);
  EXPECT_EQ(quoted.error().message,
            "Failed to use MCP server 'weather': it refused initialize: token [REDACTED] ([REDACTED]) is revoked.");
  EXPECT_EQ(quoted.error().to_string().find("mcp-token"), std::string::npos);

  // Not an MCP server: the emulator's own front page answers 404 to the POST.
  auto stranger =
      client().models().generate_content("gemini-2.5-flash", "Weather?", with_server(base_url() + "/not-mcp"));
  ASSERT_FALSE(stranger.ok());
  EXPECT_NE(stranger.error().message.find("answered HTTP"), std::string::npos) << stranger.error().message;
}

}  // namespace
}  // namespace genai::testing
