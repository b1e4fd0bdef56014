#include "core/redact.h"

#include <gtest/gtest.h>

namespace genai::internal {
namespace {

constexpr const char* kKey = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";

TEST(Redact, ApiKeyAnywhere) {
  const std::string out = redact(std::string("key ") + kKey + " in text");
  EXPECT_EQ(out.find(kKey), std::string::npos);
  EXPECT_NE(out.find("in text"), std::string::npos);
}

TEST(Redact, ApiKeyHeaderAndQuery) {
  EXPECT_EQ(redact("x-goog-api-key: abcdefghijklmnop"), "x-goog-api-key: <redacted>");
  // --verbose traces a header whose key was wiped once libcurl had it: one mask.
  EXPECT_EQ(redact("> x-goog-api-key: <redacted>"), "> x-goog-api-key: <redacted>");
  EXPECT_EQ(redact(redact("x-goog-api-key: abcdefghijklmnop")), "x-goog-api-key: <redacted>");
  const std::string url = redact("GET /v1beta/models?key=secretvalue123&pageSize=5");
  EXPECT_EQ(url, "GET /v1beta/models?key=<redacted>&pageSize=5");
}

TEST(Redact, BearerAndOAuthTokens) {
  EXPECT_EQ(redact("Authorization: Bearer abc.def-ghi"), "Authorization: Bearer <redacted>");
  const std::string t = redact("token ya29.a0AfB_byC-secret-part and 1//0gRefreshSecret");
  EXPECT_EQ(t.find("secret-part"), std::string::npos);
  EXPECT_EQ(t.find("RefreshSecret"), std::string::npos);
}

TEST(Redact, JsonSecretFields) {
  const std::string body =
      R"({"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----\n",)"
      R"( "refresh_token":"rt-value", "client_secret": "cs-value", "keyString": "ks-value", "totalTokens": 12})";
  const std::string out = redact(body);
  for (const char* secret : {"MIIEv", "rt-value", "cs-value", "ks-value"}) {
    EXPECT_EQ(out.find(secret), std::string::npos) << secret << " in " << out;
  }
  EXPECT_NE(out.find(R"("totalTokens": 12)"), std::string::npos);
  EXPECT_NE(out.find("service_account"), std::string::npos);
}

TEST(Redact, PemBlockOutsideJson) {
  const std::string out = redact("-----BEGIN RSA PRIVATE KEY-----\nAAAA\nBBBB\n-----END RSA PRIVATE KEY-----\ntail");
  EXPECT_EQ(out, "<redacted private key>\ntail");
}

TEST(Redact, JwtAndFormAssertion) {
  const std::string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl";
  EXPECT_EQ(redact(jwt).find("c2lnbmF0dXJl"), std::string::npos);
  const std::string form = redact("grant_type=jwt-bearer&assertion=abc.def.ghi");
  EXPECT_EQ(form, "grant_type=jwt-bearer&assertion=<redacted>");
}

TEST(Redact, PasswordOfAUrlsUserinfo) {
  EXPECT_EQ(redact("proxy http://bob:s3cr%40t@proxy.corp:3128/ down"), "proxy http://bob:<redacted>@proxy.corp:3128/ down");
  EXPECT_EQ(redact("socks5h://u:p@w0rd@10.0.0.1:1080"), "socks5h://u:<redacted>@10.0.0.1:1080");
  EXPECT_EQ(redact("'https://a:b@h'"), "'https://a:<redacted>@h'");
  // Not userinfo: no '@' before the path, or a user without a password.
  EXPECT_EQ(redact("http://host:8080/a@b"), "http://host:8080/a@b");
  EXPECT_EQ(redact("http://user@host:8080/"), "http://user@host:8080/");
  EXPECT_EQ(redact("see http://127.0.0.1:3128"), "see http://127.0.0.1:3128");
}

TEST(Redact, BasicCredentials) {
  EXPECT_EQ(redact("Proxy-Authorization: Basic Ym9iOnNlY3JldA=="), "Proxy-Authorization: Basic <redacted>");
  EXPECT_EQ(redact("a basic idea; Basic usage"), "a basic idea; Basic usage");  // prose stays
}

TEST(Redact, LeavesOrdinaryTextAlone) {
  const std::string text = "models/gemini-2.5-flash is not found; nextPageToken=abc; AIzaShort";
  EXPECT_EQ(redact(text), text);
}

TEST(MaskSecret, ShowsOnlyEnds) {
  const std::string m = mask_secret(kKey);
  EXPECT_EQ(m.find("0hCZtE6vySjMm"), std::string::npos);
  EXPECT_EQ(m.rfind("AIza", 0), 0u);
  EXPECT_NE(m.find("39 chars"), std::string::npos);
  EXPECT_EQ(mask_secret("short"), "<5 chars>");
}

}  // namespace
}  // namespace genai::internal
