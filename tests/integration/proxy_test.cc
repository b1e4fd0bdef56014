// Per-client proxies (HttpOptions.proxy) with the real curl transport: calls
// to the in-process emulator through a recording HTTP forward proxy and a
// SOCKS5 proxy on 127.0.0.1, the environment's place in it, and errors that
// name the proxy but never its password.
#include <mutex>

#include "core/base64.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/scoped_env.h"
#include "tests/support/test_proxies.h"

namespace genai::testing {
namespace {

constexpr const char* kPassword = "pw-9f8e7d6c";

class ProxyTest : public EmulatorTest {
 protected:
  ClientOptions options() {
    ClientOptions o;
    o.api_key = key();
    o.use_environment = false;
    o.http_options.base_url = base_url();
    o.http_options.retry.attempts = 1;
    o.http_options.trace = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(trace_mu_);
      trace_ += std::string(line) + "\n";
    };
    return o;
  }
  Result<GenerateContentResponse> generate(const ClientOptions& o) {
    return Client::create(o).value().models().generate_content("gemini-2.5-flash", "Hi");
  }
  std::string trace() {
    std::lock_guard<std::mutex> lock(trace_mu_);
    return trace_;
  }
  std::string port_of(const std::string& url) { return url.substr(url.rfind(':') + 1); }

  // The machine's own proxy settings must not leak into these tests.
  ScopedEnv clean_env_{{"http_proxy", std::nullopt}, {"https_proxy", std::nullopt}, {"HTTPS_PROXY", std::nullopt},
                       {"all_proxy", std::nullopt},  {"ALL_PROXY", std::nullopt},   {"no_proxy", std::nullopt},
                       {"NO_PROXY", std::nullopt}};
  std::mutex trace_mu_;
  std::string trace_;
};

TEST_F(ProxyTest, GenerateGoesThroughTheProxyWithItsCredentials) {
  HttpProxy proxy(std::string("bob:") + kPassword);
  ClientOptions o = options();
  o.http_options.proxy.http = proxy.url();
  o.http_options.proxy.username = "bob";
  o.http_options.proxy.password = kPassword;
  auto r = generate(o);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(proxy.seen().size(), 1u);
  // Absolute form: the proxy, not the emulator, was asked.
  EXPECT_EQ(proxy.seen()[0].request_line,
            "POST " + base_url() + "/v1beta/models/gemini-2.5-flash:generateContent HTTP/1.1");
  EXPECT_EQ(proxy.seen()[0].proxy_authorization, "Basic " + internal::base64_encode(std::string("bob:") + kPassword));
  EXPECT_NE(trace().find("> (through the proxy 127.0.0.1:" + port_of(proxy.url()) + " (from ProxyOptions.http))"),
            std::string::npos)
      << trace();
  EXPECT_EQ(trace().find(kPassword), std::string::npos);
}

TEST_F(ProxyTest, CredentialsInTheProxyUrlAreSentButNeverPrinted) {
  HttpProxy proxy(std::string("bob:") + kPassword);
  ClientOptions o = options();
  o.http_options.proxy.http = "http://bob:" + std::string(kPassword) + "@127.0.0.1:" + port_of(proxy.url());
  ASSERT_TRUE(generate(o).ok());
  // Streams and async calls take the same route.
  Client client = Client::create(o).value();  // alive until the async call is done
  auto stream = client.models().generate_content_stream("gemini-2.5-flash", "Tell me a story");
  for (auto& chunk : stream) ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
  auto async = client.models().generate_content_async("gemini-2.5-flash", "Hi").get();
  ASSERT_TRUE(async.ok()) << async.error().to_string();
  ASSERT_EQ(proxy.seen().size(), 3u);
  for (const auto& seen : proxy.seen()) EXPECT_TRUE(seen.proxy_authorization.has_value());
  EXPECT_EQ(trace().find(kPassword), std::string::npos) << trace();
}

TEST_F(ProxyTest, WrongCredentialsAreAnAuthErrorNamingTheProxyAndNotRetried) {
  HttpProxy proxy("bob:right-password");
  ClientOptions o = options();
  o.http_options.retry.attempts = 3;
  o.http_options.proxy.http = "http://bob:" + std::string(kPassword) + "@127.0.0.1:" + port_of(proxy.url());
  auto r = generate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth) << r.error().to_string();
  EXPECT_NE(r.error().message.find("127.0.0.1:" + port_of(proxy.url())), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("407"), std::string::npos);
  EXPECT_NE(r.error().fix.find("HttpOptions::proxy username/password"), std::string::npos) << r.error().fix;  // the CLI says --proxy-credentials-file
  EXPECT_EQ(r.error().to_string().find(kPassword), std::string::npos);
  EXPECT_EQ(trace().find(kPassword), std::string::npos);
  EXPECT_EQ(proxy.seen().size(), 1u);  // the same credentials would be refused again
}

TEST_F(ProxyTest, HttpsRequestsTunnelWithConnectAndA407NamesTheProxy) {
  HttpProxy proxy("bob:right-password");
  TransportOptions t;
  t.proxy.https = proxy.url();
  auto transport = make_curl_transport(t);
  auto r = transport->send(HttpRequest{"GET", "https://127.0.0.1:9/v1beta/models", {}, ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth) << r.error().to_string();
  EXPECT_NE(r.error().message.find("the proxy 127.0.0.1:" + port_of(proxy.url()) + " (from ProxyOptions.https)"),
            std::string::npos)
      << r.error().message;
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].request_line, "CONNECT 127.0.0.1:9 HTTP/1.1");
}

TEST_F(ProxyTest, NoProxyBypassesTheProxy) {
  HttpProxy proxy;
  for (const char* list : {"127.0.0.1", "example.com, 127.0.0.0/8", "*"}) {
    ClientOptions o = options();
    o.http_options.proxy.http = proxy.url();
    o.http_options.proxy.no_proxy = list;
    auto r = generate(o);
    ASSERT_TRUE(r.ok()) << list << ": " << r.error().to_string();
    EXPECT_TRUE(proxy.seen().empty()) << list;
  }
  EXPECT_EQ(trace().find("through the proxy"), std::string::npos);
}

TEST_F(ProxyTest, TheEnvironmentStillWorksWhenNothingIsSet) {
  HttpProxy proxy;
  ScopedEnv env{{"http_proxy", proxy.url()}};
  ASSERT_TRUE(generate(options()).ok());
  EXPECT_EQ(proxy.seen().size(), 1u);
  EXPECT_NE(trace().find("(from the environment variable http_proxy)"), std::string::npos) << trace();
}

TEST_F(ProxyTest, AnExplicitSettingWinsOverTheEnvironmentFieldByField) {
  HttpProxy proxy;
  {
    // The environment's proxy is dead: only the explicit one can answer.
    ScopedEnv env{{"http_proxy", "http://127.0.0.1:9"}};
    ClientOptions o = options();
    o.http_options.proxy.http = proxy.url();
    ASSERT_TRUE(generate(o).ok());
    EXPECT_EQ(proxy.seen().size(), 1u);
  }
  {
    // An explicit no_proxy replaces the environment's ...
    ScopedEnv env{{"no_proxy", "127.0.0.1"}};
    ClientOptions o = options();
    o.http_options.proxy.http = proxy.url();
    o.http_options.proxy.no_proxy = "example.com";
    ASSERT_TRUE(generate(o).ok());
    EXPECT_EQ(proxy.seen().size(), 2u);
    // ... and a field left empty falls back to it.
    o.http_options.proxy.no_proxy.clear();
    ASSERT_TRUE(generate(o).ok());
    EXPECT_EQ(proxy.seen().size(), 2u);
  }
}

TEST_F(ProxyTest, AnUnreachableProxyIsNamedWithoutItsPassword) {
  ClientOptions o = options();
  o.http_options.proxy.http = "http://bob:" + std::string(kPassword) + "@127.0.0.1:9";
  auto r = generate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.error().message.find("could not connect to the proxy 127.0.0.1:9 (from ProxyOptions.http)"),
            std::string::npos)
      << r.error().message;
  EXPECT_EQ(r.error().to_string().find(kPassword), std::string::npos);
  EXPECT_EQ(trace().find(kPassword), std::string::npos);
}

TEST_F(ProxyTest, AnUnresolvableProxyIsNamed) {
  ClientOptions o = options();
  o.http_options.connect_timeout = std::chrono::seconds(5);
  o.http_options.proxy.http = "http://no-such-proxy.invalid:3128";
  auto r = generate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("could not resolve the proxy no-such-proxy.invalid:3128"), std::string::npos)
      << r.error().message;
}

TEST_F(ProxyTest, AnUnusableProxyUrlIsAnInvalidArgumentThatHidesThePassword) {
  for (const std::string& url :
       std::vector<std::string>{"ftp://127.0.0.1:21", "http://bob:" + std::string(kPassword) + "@", "::"}) {
    ClientOptions o = options();
    o.http_options.proxy.https = url;
    o.http_options.base_url = "https://127.0.0.1:9";
    auto r = generate(o);
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << r.error().to_string();
    EXPECT_NE(r.error().message.find("ProxyOptions.https"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().to_string().find(kPassword), std::string::npos);
  }
}

TEST_F(ProxyTest, AnHttpsProxyUrlSpeaksTlsToTheProxy) {
  // A "proxy" that answers in plain HTTP: TLS to it must fail, named.
  LoopbackServer plain([](int fd, const std::atomic<bool>&) {
    send_all(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  });
  ClientOptions o = options();
  o.http_options.proxy.http = "https://127.0.0.1:" + std::to_string(plain.port());
  auto r = generate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("TLS with the proxy 127.0.0.1:" + std::to_string(plain.port())),
            std::string::npos)
      << r.error().to_string();
}

TEST_F(ProxyTest, Socks5WithUsernameAndPassword) {
  Socks5Proxy socks("alice", kPassword);
  ClientOptions o = options();
  o.http_options.proxy.http = socks.url(/*remote_dns=*/false);
  o.http_options.proxy.username = "alice";
  o.http_options.proxy.password = kPassword;
  auto r = generate(o);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(socks.seen().size(), 1u);
  EXPECT_EQ(socks.seen()[0].username, "alice");
  EXPECT_EQ(socks.seen()[0].password, kPassword);
  EXPECT_EQ(socks.seen()[0].target, "127.0.0.1:" + port_of(base_url()));
  EXPECT_FALSE(socks.seen()[0].by_name);
  EXPECT_EQ(trace().find(kPassword), std::string::npos);
}

TEST_F(ProxyTest, Socks5hLetsTheProxyResolveTheName) {
  Socks5Proxy socks;
  ClientOptions o = options();
  o.http_options.base_url = "http://localhost:" + port_of(base_url());
  o.http_options.proxy.http = socks.url(/*remote_dns=*/true);
  auto r = generate(o);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(socks.seen().size(), 1u);
  EXPECT_EQ(socks.seen()[0].target, "localhost:" + port_of(base_url()));
  EXPECT_TRUE(socks.seen()[0].by_name);
}

TEST_F(ProxyTest, Socks5RefusedCredentialsAreAnAuthError) {
  Socks5Proxy socks("alice", "right-password");
  ClientOptions o = options();
  o.http_options.proxy.http = "socks5://alice:" + std::string(kPassword) + "@" + socks.url(false).substr(9);
  auto r = generate(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth) << r.error().to_string();
  EXPECT_NE(r.error().message.find("the SOCKS proxy 127.0.0.1:"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().to_string().find(kPassword), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
