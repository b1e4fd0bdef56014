// ProxyOptions made ready for curl (src/transport/proxy.h): credentials split
// out of proxy URLs, the route per request scheme, and how a proxy is named
// for errors, following curl's no_proxy rules and environment variables.
#include "transport/proxy.h"

#include <gtest/gtest.h>

#include "tests/support/scoped_env.h"

namespace genai::internal {
namespace {

using genai::testing::ScopedEnv;

TEST(ProxyConfig, CredentialsAreSplitOutOfTheUrl) {
  ProxyOptions o;
  o.http = "http://bob:p%40ss@proxy.corp:3128";
  o.https = "socks5h://10.0.0.1";
  auto c = make_proxy_config(o);
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  ASSERT_TRUE(c->http);
  EXPECT_EQ(c->http->url, "http://proxy.corp:3128");
  EXPECT_EQ(c->http->name, "proxy.corp:3128");
  EXPECT_EQ(c->http->username, "bob");
  EXPECT_EQ(c->http->password, "p@ss");  // percent-decoded, as curl would send it
  EXPECT_EQ(c->https->url, "socks5h://10.0.0.1:1080");  // curl's default proxy port
  EXPECT_EQ(c->route_for("http://x/y"), &*c->http);
  EXPECT_EQ(c->route_for("HTTPS://x/y"), &*c->https);
  EXPECT_EQ(c->username_for(&*c->http), "bob");
  EXPECT_EQ(c->password_for(&*c->http), "p@ss");
  EXPECT_EQ(c->username_for(nullptr), "");
}

TEST(ProxyConfig, ExplicitCredentialsWinOverTheUrls) {
  ProxyOptions o;
  o.http = "http://bob:url-pass@proxy:3128";
  o.username = "alice";
  o.password = "field-pass";
  auto c = make_proxy_config(o);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username_for(&*c->http), "alice");
  EXPECT_EQ(c->password_for(&*c->http), "field-pass");
  EXPECT_FALSE(c->https);  // left to the environment
  EXPECT_EQ(c->route_for("https://x/"), nullptr);
}

TEST(ProxyConfig, UnusableUrlsAreErrorsThatNameTheFieldNotThePassword) {
  for (const char* url : {"ftp://proxy:21", "http://bob:hunter2secret@", "http://:3128", "no scheme here"}) {
    ProxyOptions o;
    o.https = url;
    auto c = make_proxy_config(o);
    ASSERT_FALSE(c.ok()) << url;
    EXPECT_EQ(c.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(c.error().message.find("ProxyOptions.https"), std::string::npos) << c.error().message;
    EXPECT_EQ(c.error().to_string().find("hunter2secret"), std::string::npos);
  }
}

TEST(NoProxy, CurlsSyntax) {
  EXPECT_TRUE(no_proxy_matches("*", "anything.example"));
  EXPECT_TRUE(no_proxy_matches(" * ", "anything.example"));
  EXPECT_TRUE(no_proxy_matches("example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("example.com", "api.Example.COM"));
  EXPECT_TRUE(no_proxy_matches(".example.com", "api.example.com"));
  EXPECT_TRUE(no_proxy_matches("example.com.", "example.com"));
  EXPECT_FALSE(no_proxy_matches("example.com", "notexample.com"));
  EXPECT_FALSE(no_proxy_matches("api.example.com", "example.com"));
  EXPECT_TRUE(no_proxy_matches("localhost, 10.0.0.0/8 ,googleapis.com", "aiplatform.googleapis.com"));
  EXPECT_TRUE(no_proxy_matches("localhost 10.0.0.0/8", "10.1.2.3"));
  EXPECT_FALSE(no_proxy_matches("10.0.0.0/8", "11.1.2.3"));
  EXPECT_TRUE(no_proxy_matches("127.0.0.1", "127.0.0.1"));
  EXPECT_FALSE(no_proxy_matches("127.0.0.1", "127.0.0.2"));
  EXPECT_TRUE(no_proxy_matches("[::1]", "::1"));
  EXPECT_TRUE(no_proxy_matches("fd00::/8", "fd12::1"));
  EXPECT_FALSE(no_proxy_matches("", "example.com"));
  EXPECT_FALSE(no_proxy_matches("*.example.com", "example.com"));  // curl has no wildcards but "*" alone
}

TEST(ProxyFor, NamesTheExplicitProxyOrTheEnvironmentsAsCurlWouldChooseIt) {
  ScopedEnv env{{"http_proxy", "http://user:pw@envproxy:8080"}, {"https_proxy", std::nullopt},
                {"HTTPS_PROXY", "socks5h://envsocks"}, {"all_proxy", std::nullopt}, {"ALL_PROXY", std::nullopt},
                {"no_proxy", "internal.corp"}, {"NO_PROXY", std::nullopt}};
  ProxyOptions o;
  o.http = "http://explicit:3128";
  auto c = make_proxy_config(o);
  ASSERT_TRUE(c.ok());
  auto http = proxy_for(*c, "http://api.example/v1");
  ASSERT_TRUE(http);
  EXPECT_EQ(http->name, "explicit:3128");
  EXPECT_EQ(http->source, "ProxyOptions.http");
  auto https = proxy_for(*c, "https://api.example/v1");
  ASSERT_TRUE(https);
  EXPECT_EQ(https->name, "envsocks:1080");
  EXPECT_EQ(https->source, "the environment variable HTTPS_PROXY");
  EXPECT_EQ(https->scheme, "socks5h");
  // The environment's no_proxy applies to the explicit proxy too, unless
  // ProxyOptions.no_proxy replaces it.
  EXPECT_FALSE(proxy_for(*c, "http://db.internal.corp/"));
  o.no_proxy = "example.org";
  auto replaced = make_proxy_config(o);
  EXPECT_TRUE(proxy_for(*replaced, "http://db.internal.corp/"));
  EXPECT_FALSE(proxy_for(*replaced, "http://www.example.org/"));
}

TEST(ProxyFor, UppercaseHttpProxyIsIgnoredAsCurlDoes) {
  ScopedEnv env{{"http_proxy", std::nullopt}, {"HTTP_PROXY", "http://cgi-injected:1"}, {"all_proxy", std::nullopt},
                {"ALL_PROXY", std::nullopt}, {"no_proxy", std::nullopt}, {"NO_PROXY", std::nullopt}};
  auto c = make_proxy_config({});
  EXPECT_FALSE(proxy_for(*c, "http://api.example/"));
}

}  // namespace
}  // namespace genai::internal
