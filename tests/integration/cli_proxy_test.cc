// genai's proxy flags (--proxy, --no-proxy, --proxy-credentials-file), run as
// a user would, through a recording proxy to the in-process emulator.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "core/base64.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"
#include "tests/support/test_proxies.h"

namespace genai::testing {
namespace {

constexpr const char* kPassword = "pw-cli-5e4d3c";

class CliProxyTest : public EmulatorTest {
 protected:
  // The subprocess gets only this environment: no proxy variables of the machine.
  ProcessResult genai(std::vector<std::string> args) {
    args.insert(args.begin(), GENAI_CLI_PATH);
    return run_process(args, {{"GOOGLE_GEMINI_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}});
  }
  std::string credentials_file(const std::string& content, mode_t mode) {
    const std::string path = ::testing::TempDir() + "/genai-proxy-creds-" + std::to_string(getpid());
    std::ofstream(path) << content;
    ::chmod(path.c_str(), mode);
    files_.push_back(path);
    return path;
  }
  void TearDown() override {
    for (const std::string& f : files_) std::remove(f.c_str());
    EmulatorTest::TearDown();
  }
  std::vector<std::string> files_;
};

TEST_F(CliProxyTest, ProxyWithACredentialsFile) {
  HttpProxy proxy(std::string("bob:") + kPassword);
  const std::string creds = credentials_file(std::string("bob:") + kPassword + "\n", 0600);
  auto r = genai({"-v", "--proxy", proxy.url(), "--proxy-credentials-file", creds, "generate", "--no-stream", "Hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].proxy_authorization, "Basic " + internal::base64_encode(std::string("bob:") + kPassword));
  EXPECT_NE(r.err.find("through the proxy 127.0.0.1:" + std::to_string(proxy.port())), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("readable by other users"), std::string::npos);
  EXPECT_EQ(r.err.find(kPassword), std::string::npos);
  EXPECT_EQ(r.out.find(kPassword), std::string::npos);
}

TEST_F(CliProxyTest, ALooseCredentialsFileWarnsAndABadOneIsAUsageError) {
  HttpProxy proxy(std::string("bob:") + kPassword);
  const std::string creds = credentials_file(std::string("bob:") + kPassword, 0644);
  auto loose = genai({"--proxy", proxy.url(), "--proxy-credentials-file", creds, "generate", "--no-stream", "Hi"});
  EXPECT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_NE(loose.err.find("readable by other users; run: chmod 600"), std::string::npos) << loose.err;

  const std::string no_colon = credentials_file("just-a-password", 0600);
  auto bad = genai({"--proxy", proxy.url(), "--proxy-credentials-file", no_colon, "generate", "Hi"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("does not hold user:password"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.err.find("just-a-password"), std::string::npos);
}

TEST_F(CliProxyTest, NoProxyBypassesTheProxy) {
  HttpProxy proxy;
  auto r = genai({"--proxy", proxy.url(), "--no-proxy", "localhost,127.0.0.1", "generate", "--no-stream", "Hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(proxy.seen().empty());
}

TEST_F(CliProxyTest, APasswordInTheProxyUrlWorksButWarnsAndIsNeverShown) {
  HttpProxy proxy(std::string("bob:") + kPassword);
  const std::string url = "http://bob:" + std::string(kPassword) + "@127.0.0.1:" + std::to_string(proxy.port());
  auto r = genai({"-v", "--proxy", url, "generate", "--no-stream", "Hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(proxy.seen().size(), 1u);
  EXPECT_NE(r.err.find("visible to other users in `ps`"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kPassword), std::string::npos) << r.err;
}

TEST_F(CliProxyTest, ProxyFailuresExitWithTheirCodes) {
  HttpProxy proxy("bob:right-password");
  auto refused = genai({"--proxy", proxy.url(), "--retries", "1", "generate", "--no-stream", "Hi"});
  EXPECT_EQ(refused.exit_code, 3) << refused.err;  // a credential problem
  EXPECT_NE(refused.err.find("407"), std::string::npos) << refused.err;
  auto unreachable = genai({"--proxy", "http://127.0.0.1:9", "--retries", "1", "generate", "--no-stream", "Hi"});
  EXPECT_EQ(unreachable.exit_code, 5) << unreachable.err;  // a network error
  EXPECT_NE(unreachable.err.find("could not connect to the proxy 127.0.0.1:9"), std::string::npos) << unreachable.err;
  auto unusable = genai({"--proxy", "ftp://127.0.0.1:21", "generate", "--no-stream", "Hi"});
  EXPECT_EQ(unusable.exit_code, 2) << unusable.err;
}

}  // namespace
}  // namespace genai::testing
