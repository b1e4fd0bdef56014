// genai doctor's Cloud REST probes (OAuth tokeninfo, Resource Manager's
// testIamPermissions) against a server on 127.0.0.1 that lies: JSON nested
// 100,000 deep, a body of the wrong types, a body too large to hold, an HTML
// page, an answer that never comes. The credential and the Gemini call are
// the emulator's and work; doctor must say the probe told it nothing and
// end with its normal verdict and exit code, never crash, throw or hang.
#include <chrono>
#include <mutex>
#include <thread>

#include "tests/support/doctor_fixture.h"
#include "tests/support/loopback_server.h"

namespace genai::testing {
namespace {

enum class Lie { kDeep, kWrongTypes, kHuge, kHtml, kStall };

// Answers every request the way `lie` says, after reading it whole.
LoopbackServer::Handler lying(Lie lie) {
  return [lie](int fd, const std::atomic<bool>& stopping) {
    std::optional<std::string> head = read_until(fd, "\r\n\r\n");
    if (!head) return;
    const size_t end = head->find("\r\n\r\n") + 4;
    const size_t at = head->find("Content-Length: ");
    const size_t length = at == std::string::npos || at > end ? 0 : std::stoul(head->substr(at + 16));
    if (length > head->size() - end && !read_exact(fd, length - (head->size() - end))) return;
    const auto answer = [fd](const std::string& type, const std::string& body, const std::string& length) {
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + length +
                       "\r\nConnection: close\r\n\r\n" + body);
    };
    switch (lie) {
      case Lie::kDeep: {
        const std::string deep = R"({"email": "a@b.c", "permissions": )" + std::string(100'000, '[') +
                                 std::string(100'000, ']') + "}";
        return answer("application/json", deep, std::to_string(deep.size()));
      }
      case Lie::kWrongTypes: {
        const std::string body = R"({"email": 5, "scope": ["x"], "permissions": "all of them"})";
        return answer("application/json", body, std::to_string(body.size()));
      }
      case Lie::kHuge:  // 10 GB announced; the client may hold 256 MiB
        return answer("application/json", std::string(64 << 10, ' '), "10000000000");
      case Lie::kHtml: {
        const std::string page = "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>";
        return answer("text/html", page, std::to_string(page.size()));
      }
      case Lie::kStall:
        while (!stopping) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return;
    }
  };
}

class DoctorHostileProbeTest : public DoctorScenarioTest, public ::testing::WithParamInterface<Lie> {};

TEST_P(DoctorHostileProbeTest, AProbeThatLiesTellsNothingAndDoctorStillAnswers) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("probed-sa", "roles/aiplatform.user");
  LoopbackServer liar(lying(GetParam()));
  std::vector<std::string> args = plus(vertex(sa), {"doctor", "--cloud-base-url", liar.url()});
  // A stalled answer is bounded by the probes' timeout (--timeout, else 10 s each).
  if (GetParam() == Lie::kStall) args.insert(args.begin(), {"--timeout", "1500"});
  const auto t0 = std::chrono::steady_clock::now();
  for (const char* lang : {"en", "zh"}) {
    SCOPED_TRACE(lang);
    std::vector<std::string> with_lang = args;
    with_lang.insert(with_lang.begin(), {"--lang", lang});
    const ProcessResult r = genai(with_lang);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // the credential and the call work: no problem found
    EXPECT_EQ(r.err.find("unexpected error"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("principal"), std::string::npos) << r.out;  // nothing believed of the liar
    if (std::string(lang) == "en") {
      EXPECT_HAS(r.out, "[ ok ] API call");
      EXPECT_HAS(r.out, "[skip] permissions: could not ask Resource Manager (testIamPermissions");
      EXPECT_HAS(r.out, "No problem found");
    } else {
      EXPECT_HAS(r.out, "无法询问 Resource Manager（testIamPermissions");
      EXPECT_HAS(r.out, "未发现问题");
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(25));
}

std::string lie_name(const ::testing::TestParamInfo<Lie>& info) {
  static const char* const kNames[] = {"Deep", "WrongTypes", "Huge", "Html", "Stall"};
  return kNames[static_cast<int>(info.param)];
}

INSTANTIATE_TEST_SUITE_P(Lies, DoctorHostileProbeTest,
                         ::testing::Values(Lie::kDeep, Lie::kWrongTypes, Lie::kHuge, Lie::kHtml, Lie::kStall),
                         lie_name);

}  // namespace
}  // namespace genai::testing
