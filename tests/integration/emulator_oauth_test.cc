// The emulator's OAuth token endpoint and bearer-token checks, over HTTP, with
// assertions made and forged by the tests' own OpenSSL code: one test per way
// a JWT-bearer assertion can be wrong, each expecting Google's exact error.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "emulator/auth/key_files.h"
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/test_jwt.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kJwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr const char* kCloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
constexpr const char* kVertexPath =
    "/v1beta1/projects/oauth-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent";
constexpr const char* kPrompt = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})";

class OAuthTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    ASSERT_TRUE(state().create_project("oauth-project"));
    ASSERT_TRUE(state().set_service_enabled("oauth-project", emulator::kAiPlatform, true));
    auto sa = state().create_service_account("oauth-project", "caller-one", "Caller");
    ASSERT_TRUE(sa);
    email_ = sa->email;
    auto file = emulator::create_service_account_key_file(server_->env(), email_);
    ASSERT_TRUE(file) << file.error().message;
    key_file_ = json::parse(file->key_file_json);
    key_id_ = file->key_id;
    http_ = std::make_unique<httplib::Client>(base_url());
  }

  json claims(long long iat_offset = 0, long long lifetime = 3600) const {
    const long long now = unix_now() + iat_offset;
    return {{"iss", email_}, {"scope", kCloudPlatform}, {"aud", base_url() + "/token"},
            {"iat", now},    {"exp", now + lifetime}};
  }
  json header() const { return {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key_id_}}; }
  std::string sign(const json& c) const { return make_jwt(header(), c, key_file_["private_key"]); }

  // POSTs the grant; returns (status, body).
  std::pair<int, json> exchange(const std::string& assertion) {
    httplib::Params form{{"grant_type", kJwtBearer}, {"assertion", assertion}};
    auto res = http_->Post("/token", form);
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  void expect_invalid_grant(const std::string& assertion, const std::string& description) {
    auto [status, body] = exchange(assertion);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(body.value("error", ""), "invalid_grant");
    EXPECT_EQ(body.value("error_description", ""), description);
  }

  int call_vertex(const std::string& token, json* body = nullptr) {
    auto res = http_->Post(kVertexPath, httplib::Headers{{"Authorization", "Bearer " + token}}, kPrompt,
                           "application/json");
    if (!res) return 0;
    if (body) *body = json::parse(res->body, nullptr, false);
    return res->status;
  }

  std::string email_;
  json key_file_;
  std::string key_id_;
  std::unique_ptr<httplib::Client> http_;
};

constexpr const char* kBadSignature = "Invalid JWT Signature.";
constexpr const char* kBadTime =
    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and "
    "exp values in the JWT claim.";

TEST_F(OAuthTest, KeyFileHasGooglesFieldsInGooglesOrder) {
  // nlohmann::json sorts keys: presence and values here, order on the raw text below.
  for (const char* k : {"type", "project_id", "private_key_id", "private_key", "client_email", "client_id", "auth_uri",
                        "token_uri", "auth_provider_x509_cert_url", "client_x509_cert_url", "universe_domain"}) {
    EXPECT_TRUE(key_file_.contains(k)) << k;
  }
  EXPECT_EQ(key_file_["type"], "service_account");
  EXPECT_EQ(key_file_["private_key_id"].get<std::string>().size(), 40u);
  EXPECT_EQ(key_file_["private_key"].get<std::string>().rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  EXPECT_EQ(key_file_["client_id"].get<std::string>().size(), 21u);
  EXPECT_EQ(key_file_["token_uri"], base_url() + "/token");
  auto raw = emulator::create_service_account_key_file(server_->env(), email_);
  ASSERT_TRUE(raw);
  const std::string& text = raw->key_file_json;
  EXPECT_LT(text.find("\"type\""), text.find("\"project_id\""));
  EXPECT_LT(text.find("\"private_key_id\""), text.find("\"private_key\":"));
  EXPECT_LT(text.find("\"client_email\""), text.find("\"token_uri\""));
}

TEST_F(OAuthTest, ValidAssertionGivesAWorkingToken) {
  auto [status, body] = exchange(sign(claims()));
  ASSERT_EQ(status, 200) << body.dump();
  EXPECT_EQ(body["token_type"], "Bearer");
  EXPECT_EQ(body["expires_in"], 3599);
  const std::string token = body["access_token"];
  EXPECT_EQ(token.rfind("ya29.", 0), 0u);
  // No role yet: IAM says no, naming the permission.
  json err;
  EXPECT_EQ(call_vertex(token, &err), 403);
  EXPECT_EQ(err["error"]["details"][0]["reason"], "IAM_PERMISSION_DENIED");
  EXPECT_EQ(err["error"]["details"][0]["metadata"]["permission"], "aiplatform.endpoints.predict");
  ASSERT_TRUE(state().add_binding("oauth-project", "roles/aiplatform.user", emulator::service_account_member(email_)));
  EXPECT_EQ(call_vertex(token), 200);
}

TEST_F(OAuthTest, GooglesOwnAudienceIsAccepted) {
  json c = claims();
  c["aud"] = "https://oauth2.googleapis.com/token";  // what google-auth (Python) always sends
  EXPECT_EQ(exchange(sign(c)).first, 200);
}

TEST_F(OAuthTest, RejectsAlgNone) { expect_invalid_grant(make_unsigned_jwt(claims()), kBadSignature); }

TEST_F(OAuthTest, RejectsHs256SignedWithThePublicKey) {
  const std::string public_pem = public_pem_of(key_file_["private_key"]);
  expect_invalid_grant(make_hs256_jwt(claims(), public_pem), kBadSignature);
}

TEST_F(OAuthTest, RejectsTamperedPayload) {
  const std::string good = sign(claims());
  json evil = claims();
  evil["scope"] = "https://www.googleapis.com/auth/cloud-platform https://www.googleapis.com/auth/iam";
  const size_t dot1 = good.find('.');
  const size_t dot2 = good.find('.', dot1 + 1);
  const std::string tampered = good.substr(0, dot1 + 1) + b64url(evil.dump()) + good.substr(dot2);
  expect_invalid_grant(tampered, kBadSignature);
}

TEST_F(OAuthTest, RejectsUnknownKid) {
  json h = header();
  h["kid"] = std::string(40, 'a');
  expect_invalid_grant(make_jwt(h, claims(), key_file_["private_key"]), kBadSignature);
}

TEST_F(OAuthTest, MissingKidTriesTheAccountsKeys) {
  json h = header();
  h.erase("kid");
  EXPECT_EQ(exchange(make_jwt(h, claims(), key_file_["private_key"])).first, 200);
}

TEST_F(OAuthTest, RejectsAnotherKeysSignature) {
  expect_invalid_grant(make_jwt(header(), claims(), new_pkcs1_private_key()), kBadSignature);
}

TEST_F(OAuthTest, RejectsExpiredAssertion) { expect_invalid_grant(sign(claims(-7200)), kBadTime); }

TEST_F(OAuthTest, RejectsFutureDatedAssertion) { expect_invalid_grant(sign(claims(+3600)), kBadTime); }

TEST_F(OAuthTest, RejectsLifetimeOverOneHour) { expect_invalid_grant(sign(claims(0, 3601)), kBadTime); }

TEST_F(OAuthTest, ToleratesSmallClockSkew) { EXPECT_EQ(exchange(sign(claims(+60))).first, 200); }

TEST_F(OAuthTest, RejectsWrongAudience) {
  json c = claims();
  c["aud"] = "https://evil.example.com/token";
  auto [status, body] = exchange(sign(c));
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["error"], "invalid_grant");
  EXPECT_NE(body["error_description"].get<std::string>().find("audience"), std::string::npos);
}

TEST_F(OAuthTest, RejectsUnknownAndDisabledAccounts) {
  json c = claims();
  c["iss"] = "nobody@oauth-project.iam.gserviceaccount.com";
  expect_invalid_grant(sign(c), "Invalid grant: account not found");
  ASSERT_TRUE(state().set_service_account_disabled(email_, true));
  expect_invalid_grant(sign(claims()), "Invalid grant: account not found");
}

TEST_F(OAuthTest, RejectsDisabledAndDeletedKeys) {
  ASSERT_TRUE(state().set_service_account_key_disabled(email_, key_id_, true));
  expect_invalid_grant(sign(claims()), kBadSignature);
  ASSERT_TRUE(state().set_service_account_key_disabled(email_, key_id_, false));
  EXPECT_EQ(exchange(sign(claims())).first, 200);
  ASSERT_TRUE(state().delete_service_account_key(email_, key_id_));
  expect_invalid_grant(sign(claims()), kBadSignature);
}

TEST_F(OAuthTest, RejectsMissingScope) {
  json c = claims();
  c.erase("scope");
  auto [status, body] = exchange(sign(c));
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["error"], "invalid_scope");
}

TEST_F(OAuthTest, ErrorBodyIsGooglesOneSpaceStyle) {
  auto res = http_->Post("/token", httplib::Params{{"grant_type", kJwtBearer}, {"assertion", "x.y.z"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "{\n \"error\": \"invalid_grant\",\n \"error_description\": \"Invalid JWT Signature.\"\n}");
}

TEST_F(OAuthTest, UnsupportedGrantType) {
  auto res = http_->Post("/token", httplib::Params{{"grant_type", "password"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["error"], "unsupported_grant_type");
}

TEST_F(OAuthTest, IssuedTokensExpire) {
  ASSERT_TRUE(state().add_binding("oauth-project", "roles/aiplatform.user", emulator::service_account_member(email_)));
  const std::string token = exchange(sign(claims())).second["access_token"];
  EXPECT_EQ(call_vertex(token), 200);
  server_->env().clock().advance(std::chrono::seconds(3601));
  json err;
  EXPECT_EQ(call_vertex(token, &err), 401);
  EXPECT_EQ(err["error"]["status"], "UNAUTHENTICATED");
  EXPECT_EQ(err["error"]["details"][0]["reason"], "ACCESS_TOKEN_EXPIRED");
}

TEST_F(OAuthTest, SelfSignedJwtIsAcceptedAsBearer) {
  ASSERT_TRUE(state().add_binding("oauth-project", "roles/aiplatform.user", emulator::service_account_member(email_)));
  json c = {{"iss", email_}, {"sub", email_}, {"aud", "https://aiplatform.googleapis.com/"},
            {"iat", unix_now()}, {"exp", unix_now() + 3600}};
  EXPECT_EQ(call_vertex(sign(c)), 200);
  c["aud"] = "https://generativelanguage.googleapis.com/";  // another API's audience
  json err;
  EXPECT_EQ(call_vertex(sign(c), &err), 401);
  c.erase("aud");
  c["scope"] = kCloudPlatform;
  EXPECT_EQ(call_vertex(sign(c)), 200);
  c["aud"] = "https://aiplatform.googleapis.com/";  // both scope and audience: not allowed
  EXPECT_EQ(call_vertex(sign(c)), 401);
}

TEST_F(OAuthTest, RefreshTokenGrant) {
  auto client = state().create_oauth_client("oauth-project");
  ASSERT_TRUE(client);
  auto grant = state().create_user_grant(client->client_id, "dev@example.com", kCloudPlatform);
  ASSERT_TRUE(grant);
  auto post = [&](const std::string& id, const std::string& secret, const std::string& rt) {
    return http_->Post("/token", httplib::Params{{"grant_type", "refresh_token"},
                                                 {"client_id", id},
                                                 {"client_secret", secret},
                                                 {"refresh_token", rt}});
  };
  auto ok = post(client->client_id, client->client_secret, grant->refresh_token);
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["scope"], kCloudPlatform);
  auto bad_secret = post(client->client_id, "GOCSPX-wrong", grant->refresh_token);
  EXPECT_EQ(bad_secret->status, 401);
  EXPECT_EQ(json::parse(bad_secret->body)["error"], "invalid_client");
  ASSERT_TRUE(state().revoke_user_grant(grant->refresh_token));
  auto revoked = post(client->client_id, client->client_secret, grant->refresh_token);
  EXPECT_EQ(revoked->status, 400);
  EXPECT_EQ(json::parse(revoked->body)["error_description"], "Token has been expired or revoked.");
}

TEST_F(OAuthTest, MetadataServerRequiresTheFlavorHeader) {
  state().set_metadata_account(email_);
  auto no_header = http_->Get("/computeMetadata/v1/instance/service-accounts/default/token");
  ASSERT_TRUE(no_header);
  EXPECT_EQ(no_header->status, 403);
  httplib::Headers flavor{{"Metadata-Flavor", "Google"}};
  auto tok = http_->Get("/computeMetadata/v1/instance/service-accounts/default/token", flavor);
  ASSERT_TRUE(tok);
  ASSERT_EQ(tok->status, 200);
  EXPECT_EQ(tok->get_header_value("Metadata-Flavor"), "Google");
  const json t = json::parse(tok->body);
  EXPECT_EQ(t["token_type"], "Bearer");
  // The same token comes back until it nears expiry, as from the real server.
  auto again = http_->Get("/computeMetadata/v1/instance/service-accounts/default/token", flavor);
  EXPECT_EQ(json::parse(again->body)["access_token"], t["access_token"]);
  auto project = http_->Get("/computeMetadata/v1/project/project-id", flavor);
  EXPECT_EQ(project->body, "oauth-project");
  auto info = http_->Get("/computeMetadata/v1/instance/service-accounts/default/?recursive=true", flavor);
  EXPECT_EQ(json::parse(info->body)["email"], email_);
  auto forwarded = http_->Get("/computeMetadata/v1/project/project-id",
                              httplib::Headers{{"Metadata-Flavor", "Google"}, {"X-Forwarded-For", "1.2.3.4"}});
  EXPECT_EQ(forwarded->status, 403);
}

}  // namespace
}  // namespace genai::testing
