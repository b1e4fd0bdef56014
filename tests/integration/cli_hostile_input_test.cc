// The genai binary, run as a user would, against a server on 127.0.0.1 that
// answers with chosen bytes (JSON nested 100,000 deep, `{}`, a blocked
// prompt), and with input it must refuse before sending anything: a prompt
// that is not UTF-8, numeric flags out of range or not numbers at all.
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>

#include <gtest/gtest.h>

#include "tests/support/loopback_server.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

std::string nested(int depth) {
  return std::string(static_cast<size_t>(depth), '[') + "1" + std::string(static_cast<size_t>(depth), ']');
}

// Answers every request with `status`, `content_type` and `body`, after
// reading the request whole; keeps the last request's body.
class CannedServer {
 public:
  CannedServer(std::string body, std::string content_type = "application/json", int status = 200)
      : server_([this, body = std::move(body), content_type = std::move(content_type), status](
                    int fd, const std::atomic<bool>&) {
          std::optional<std::string> head = read_until(fd, "\r\n\r\n");
          if (!head) return;
          const size_t end = head->find("\r\n\r\n") + 4;
          std::string request_body = head->substr(end);
          const size_t at = head->find("Content-Length: ");
          const size_t length = at == std::string::npos || at > end ? 0 : std::stoul(head->substr(at + 16));
          if (length > request_body.size()) {
            std::optional<std::string> rest = read_exact(fd, length - request_body.size());
            if (!rest) return;
            request_body += *rest;
          }
          {
            std::lock_guard<std::mutex> lock(mu_);
            ++requests_;
            last_body_ = request_body;
          }
          send_all(fd, "HTTP/1.1 " + std::to_string(status) + " OK\r\nContent-Type: " + content_type +
                           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                           body);
        }) {}

  std::string url() const { return server_.url(); }
  int requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  std::string last_body() {
    std::lock_guard<std::mutex> lock(mu_);
    return last_body_;
  }

 private:
  std::mutex mu_;
  int requests_ = 0;
  std::string last_body_;
  LoopbackServer server_;  // last: its threads stop before the members they use go
};

ProcessResult genai(const CannedServer& server, std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), GENAI_CLI_PATH);
  return run_process(args, {{"GOOGLE_GEMINI_BASE_URL", server.url()}, {"GEMINI_API_KEY", "test-key"}}, stdin_text);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(CliHostileInput, JsonNestedTooDeepIsAnErrorNotACrashOrSilence) {
  CannedServer server(R"({"candidates":[{"content":{"parts":[{"text":"hi"}]}}],"x":)" + nested(100'000) + "}");
  for (const std::vector<std::string>& args : {std::vector<std::string>{"generate", "--json", "Hi"},
                                               std::vector<std::string>{"generate", "--no-stream", "Hi"}}) {
    SCOPED_TRACE(args[1]);
    ProcessResult r = genai(server, args);
    EXPECT_EQ(r.exit_code, 4) << r.err;
    EXPECT_TRUE(has(r.err, "more than 512 levels deep")) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
  }
  CannedServer stream("data: " + nested(100'000) + "\n\n", "text/event-stream");
  ProcessResult r = genai(stream, {"generate", "--stream", "Hi"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(has(r.err, "stream event 1 nests arrays and objects more than 512 levels deep")) << r.err;
}

TEST(CliHostileInput, AnAnswerThatIsNotGeminiIsAnErrorNotAnEmptyAnswer) {
  CannedServer server("{}");
  ProcessResult r = genai(server, {"generate", "Hi"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(has(r.err, "the generateContent answer has no candidates and no promptFeedback")) << r.err;
  EXPECT_TRUE(r.out.empty());
  r = genai(server, {"generate", "--json", "Hi"});
  EXPECT_EQ(r.exit_code, 4) << r.err;

  CannedServer stream("data: {}\n\n", "text/event-stream");
  r = genai(stream, {"generate", "--stream", "Hi"});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_TRUE(has(r.err, "the streamed answer (1 chunk(s)) has no candidates and no promptFeedback")) << r.err;
}

TEST(CliHostileInput, ABlockedPromptIsStillReportedAsBlocked) {
  CannedServer server(R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3}})");
  ProcessResult r = genai(server, {"generate", "Hi"});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_TRUE(has(r.err, "The prompt was blocked by Google's safety filters")) << r.err;
}

TEST(CliHostileInput, APromptThatIsNotUtf8IsAUsageErrorNamingTheOffset) {
  CannedServer server(R"({"candidates":[{"content":{"parts":[{"text":"hi"}]}}]})");
  const std::string latin1 = "caf\xE9 au lait";
  for (const bool piped : {false, true}) {
    SCOPED_TRACE(piped ? "stdin" : "argument");
    ProcessResult r = piped ? genai(server, {"generate"}, latin1) : genai(server, {"generate", latin1});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, "contents[0].parts[0].text is not valid UTF-8: byte 3")) << r.err;
    EXPECT_FALSE(has(r.err, "\xE9")) << "the raw byte reached the terminal";
    EXPECT_FALSE(has(r.err, "json.exception")) << r.err;
  }
  ProcessResult r = genai(server, {"generate", "--system", "\xFF", "Hi"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(has(r.err, "systemInstruction.parts[0].text is not valid UTF-8: byte 0")) << r.err;
  r = genai(server, {"chat"}, "Hi \xC3\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(has(r.err, "is not valid UTF-8: byte 3")) << r.err;
  EXPECT_EQ(server.requests(), 0);
}

TEST(CliHostileInput, NumericFlagsOutOfRangeAreShortUsageErrors) {
  CannedServer server(R"({"candidates":[{"content":{"parts":[{"text":"hi"}]}}]})");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"generate", "--temperature", "nan", "Hi"}, "--temperature: must be a number from 0 to 2 (not nan)"},
      {{"generate", "--temperature", "inf", "Hi"}, "--temperature: must be a number from 0 to 2 (not inf)"},
      {{"generate", "--temperature", "-0.5", "Hi"}, "--temperature: must be a number from 0 to 2 (not -0.5)"},
      {{"generate", "--temperature", "warm", "Hi"}, "--temperature: must be a number from 0 to 2 (not warm)"},
      {{"generate", "--top-p", "NaN", "Hi"}, "--top-p: must be a number from 0 to 1 (not NaN)"},
      {{"generate", "--top-k", "0", "Hi"}, "--top-k: must be a whole number, at least 1 (not 0)"},
      {{"generate", "--max-tokens", "-1", "Hi"}, "--max-tokens: must be a whole number, at least 1 (not -1)"},
      {{"generate", "--max-tokens", "1.5", "Hi"}, "--max-tokens: must be a whole number, at least 1 (not 1.5)"},
      {{"generate", "--max-tokens", "99999999999", "Hi"}, "--max-tokens: must be a whole number, at least 1"},
      {{"generate", "--max-tokens", "\x1b[31m", "Hi"}, "--max-tokens: must be a whole number, at least 1\n"},
      {{"generate", "--thinking-budget", "-2", "Hi"}, "--thinking-budget: must be a whole number from -1 to 32768"},
      {{"embed", "--dimensions", "0", "text"}, "--dimensions: must be a whole number, at least 1 (not 0)"},
      {{"image", "-o", "x.png", "-n", "5", "a fox"}, "must be a whole number from 1 to 4 (not 5)"},
      {{"image", "-o", "x.png", "--seed", "-1", "a fox"}, "--seed: must be a whole number, at least 0 (not -1)"},
      {{"models", "list", "--page-size", "0"}, "--page-size: must be a whole number from 1 to 1000 (not 0)"},
      {{"--timeout", "-5", "generate", "Hi"}, "--timeout: must be a whole number, at least 0 (not -5)"},
      {{"--retries", "0", "generate", "Hi"}, "--retries: must be a whole number from 1 to 20 (not 0)"},
  };
  for (const auto& [args, expected] : cases) {
    SCOPED_TRACE(args[args.size() - 2]);
    ProcessResult r = genai(server, args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(has(r.err, expected)) << r.err;
    EXPECT_LT(r.err.size(), 200u) << r.err;  // no 300-digit range
    EXPECT_FALSE(has(r.err, "\x1b")) << "a control byte of the value reached the terminal";
  }
  EXPECT_EQ(server.requests(), 0);

  // Accepted values are sent as given; a leading zero is not octal.
  ProcessResult r = genai(server, {"generate", "--temperature", "0.5", "--max-tokens", "010", "--top-k", "1", "Hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(server.last_body(), R"("maxOutputTokens":10)")) << server.last_body();
  EXPECT_TRUE(has(server.last_body(), R"("temperature":0.5)")) << server.last_body();
}

}  // namespace
}  // namespace genai::testing
