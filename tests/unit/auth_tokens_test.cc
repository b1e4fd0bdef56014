// client.auth_tokens().create: the request python-genai's tokens.py sends
// (POST v1alpha/auth_tokens; bidiGenerateContentSetup without its "setup"
// wrapper; fieldMask from lock_additional_fields), through a scripted transport.
#include <gtest/gtest.h>

#include "genai/genai.h"
#include "tests/support/fake_transport.h"

namespace genai {
namespace {

using nlohmann::json;

struct Sent {
  std::string url;
  json body;
};

// A Developer API client whose transport answers one token.
Client token_client(const std::shared_ptr<testing::FakeTransport>& t) {
  t->answer(200, R"({"name":"auth_tokens/abc","uses":2})");
  ClientOptions o;
  o.api_key = "AIzaSyTokensTest00000000000000000000000";
  o.use_environment = false;
  o.transport = t;
  o.http_options.base_url = "http://127.0.0.1:1";
  return Client::create(o).value();
}

Sent create(const CreateAuthTokenConfig& config, Result<AuthToken>* out = nullptr) {
  auto t = testing::FakeTransport::make();
  Result<AuthToken> r = token_client(t).auth_tokens().create(config);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  if (out) *out = r;
  const auto requests = t->requests();
  if (requests.empty()) return {};
  return {requests[0].url, json::parse(requests[0].body, nullptr, false)};
}

CreateAuthTokenConfig constrained() {
  CreateAuthTokenConfig c;
  c.uses = 2;
  c.expire_time = "2026-12-03T19:00:00Z";
  LiveConnectConfig live;
  live.response_modalities = {"TEXT"};
  live.temperature = 0.7;
  c.live_connect_constraints = LiveConnectConstraints{"gemini-live-2.5-flash-preview", live};
  return c;
}

TEST(AuthTokens, TheWholeSetupLockedWhenNoFieldsAreNamed) {
  Result<AuthToken> token = AuthToken{};
  Sent s = create(constrained(), &token);
  EXPECT_EQ(s.url, "http://127.0.0.1:1/v1alpha/auth_tokens");
  EXPECT_EQ(s.body, json::parse(R"({"uses":2,"expireTime":"2026-12-03T19:00:00Z",
    "bidiGenerateContentSetup":{"model":"models/gemini-live-2.5-flash-preview",
      "generationConfig":{"responseModalities":["TEXT"],"temperature":0.7}}})")) << s.body.dump();
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->name, "auth_tokens/abc");
  EXPECT_EQ(token->uses, 2);
}

TEST(AuthTokens, LockAdditionalFieldsBuildsTheFieldMaskAsPythonGenai) {
  CreateAuthTokenConfig c = constrained();
  c.lock_additional_fields = std::vector<std::string>{};
  EXPECT_EQ(create(c).body["fieldMask"],
            "model,generationConfig.responseModalities,generationConfig.temperature");
  c.lock_additional_fields = std::vector<std::string>{"top_k", "output_audio_transcription"};
  EXPECT_EQ(create(c).body["fieldMask"],
            "model,generationConfig.responseModalities,generationConfig.temperature,generationConfig.top_k,"
            "output_audio_transcription");
  CreateAuthTokenConfig bare;
  bare.lock_additional_fields = std::vector<std::string>{"output_audio_transcription"};
  EXPECT_EQ(create(bare).body, json::parse(R"({"fieldMask":"output_audio_transcription"})"));
}

// create_async sends create()'s request (its future form here; the
// callback form runs the same request).
TEST(AuthTokens, AsyncFormSendsTheSameRequest) {
  auto t = testing::FakeTransport::make();
  Result<AuthToken> token = token_client(t).auth_tokens().create_async(constrained()).get();
  ASSERT_TRUE(token.ok()) << token.error().to_string();
  EXPECT_EQ(token->name, "auth_tokens/abc");
  const auto requests = t->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].url, "http://127.0.0.1:1/v1alpha/auth_tokens");
  EXPECT_EQ(json::parse(requests[0].body), create(constrained()).body);
}

TEST(AuthTokens, RefusedOnVertexAi) {
  ClientOptions o;
  o.vertexai = true;
  o.project = "p";
  o.location = "us-central1";
  o.use_environment = false;
  o.credentials = make_access_token_credentials("ya29.x");
  o.transport = testing::FakeTransport::make();
  auto r = Client::create(o).value().auth_tokens().create({});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace genai
