// A Client against a scripted transport that answers as a hostile or wrong
// server would (JSON nested 100,000 deep, `{}` for an answer, a stream of
// empty events) and with prompts JSON cannot carry (bytes that are not
// UTF-8). Every case must end in a clear Error, never a crash, an exception
// or an empty answer that passes for a real one.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "core/json_dump.h"
#include "core/json_parse.h"
#include "genai/genai.h"
#include "tests/support/fake_transport.h"
#include "tests/support/test_jwt.h"

namespace genai::testing {
namespace {

using internal::kMaxJsonDepth;

std::string nested(int depth, std::string_view inner = "1") {
  return std::string(static_cast<size_t>(depth), '[') + std::string(inner) + std::string(static_cast<size_t>(depth), ']');
}

void expect_names_the_depth_limit(const Error& e) {
  EXPECT_EQ(e.kind, ErrorKind::kApi) << e.to_string();
  EXPECT_NE(e.message.find("more than 512 levels deep"), std::string::npos) << e.message;
}

TEST(HostileResponses, JsonNestedDeeperThanTheLimitIsRefusedWithoutRecursing) {
  // The fast path, and nlohmann's (a byte-order mark sends the text there).
  for (const std::string prefix : {"", "\xEF\xBB\xBF"}) {
    SCOPED_TRACE(prefix.empty() ? "fast path" : "nlohmann");
    internal::JsonParseFailure why{};
    EXPECT_TRUE(internal::parse_json(prefix + nested(kMaxJsonDepth), &why).is_array());
    EXPECT_EQ(why, internal::JsonParseFailure::kNone);
    for (int depth : {kMaxJsonDepth + 1, 100'000}) {
      EXPECT_TRUE(internal::parse_json(prefix + nested(depth), &why).is_discarded());
      EXPECT_EQ(why, internal::JsonParseFailure::kTooDeep) << depth;
      // Objects count as arrays do.
      std::string objects;
      for (int i = 0; i < depth; ++i) objects += "{\"a\":";
      objects += "1" + std::string(static_cast<size_t>(depth), '}');
      EXPECT_TRUE(internal::parse_json(prefix + objects, &why).is_discarded());
      EXPECT_EQ(why, internal::JsonParseFailure::kTooDeep) << depth;
    }
    EXPECT_TRUE(internal::parse_json(prefix + "[1,", &why).is_discarded());
    EXPECT_EQ(why, internal::JsonParseFailure::kNotJson);
  }
}

TEST(HostileResponses, ADeepAnswerIsAnErrorNamingTheLimit) {
  const std::string deep = R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":)" +
                           nested(100'000) + "}}}]}}]}";
  auto t = FakeTransport::make();
  t->answer(200, deep);
  Result<GenerateContentResponse> r = client_over(t).models().generate_content("gemini-2.5-flash", "Hi");
  ASSERT_FALSE(r.ok());
  expect_names_the_depth_limit(r.error());
  EXPECT_NE(r.error().message.find("HTTP 200"), std::string::npos) << r.error().message;

  // Within the limit, the same shape is an answer (functionCall args nest).
  t->answer(200, R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{"a":)" +
                     nested(kMaxJsonDepth - 10) + "}}}]}}]}");
  r = client_over(t).models().generate_content("gemini-2.5-flash", "Hi");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->function_calls().size(), 1u);
}

TEST(HostileResponses, ADeepStreamEventOrErrorBodyIsAnError) {
  auto t = FakeTransport::make();
  t->stream({"data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}\n\n",
             "data: " + nested(100'000) + "\n\n"});
  Client client = client_over(t);
  std::vector<Result<GenerateContentResponse>> items;
  for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", "Hi")) items.push_back(chunk);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].ok());
  ASSERT_FALSE(items[1].ok());
  expect_names_the_depth_limit(items[1].error());
  EXPECT_NE(items[1].error().message.find("stream event 2"), std::string::npos) << items[1].error().message;

  t->answer(400, R"({"error":)" + nested(100'000) + "}");
  Result<GenerateContentResponse> r = client.models().generate_content("gemini-2.5-flash", "Hi");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().status, "INVALID_ARGUMENT");
}

TEST(HostileResponses, AnAnswerWithoutCandidatesOrPromptFeedbackIsAnError) {
  for (const char* body : {"{}", "", R"({"usageMetadata":{"promptTokenCount":3}})", R"({"candidates":[]})"}) {
    SCOPED_TRACE(body);
    auto t = FakeTransport::make();
    t->answer(200, body);
    Result<GenerateContentResponse> r = client_over(t).models().generate_content("gemini-2.5-flash", "Hi");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kApi);
    EXPECT_NE(r.error().message.find("no candidates and no promptFeedback"), std::string::npos) << r.error().message;
    // The async form says the same.
    t->answer(200, body);
    Result<GenerateContentResponse> a =
        client_over(t).models().generate_content_async("gemini-2.5-flash", "Hi").get();
    ASSERT_FALSE(a.ok());
    EXPECT_NE(a.error().message.find("no candidates and no promptFeedback"), std::string::npos);
  }
  for (const char* body : {"[]", R"("an answer")", "42"}) {
    auto t = FakeTransport::make();
    t->answer(200, body);
    Result<GenerateContentResponse> r = client_over(t).models().generate_content("gemini-2.5-flash", "Hi");
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_NE(r.error().message.find("expected a JSON object"), std::string::npos) << r.error().message;
  }
}

// A blocked prompt comes with promptFeedback and no candidates: an answer.
TEST(HostileResponses, ABlockedPromptIsStillAnAnswer) {
  auto t = FakeTransport::make();
  t->answer(200, R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":3}})");
  Result<GenerateContentResponse> r = client_over(t).models().generate_content("gemini-2.5-flash", "Hi");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->blocked());
  EXPECT_EQ(r->blocked()->reason, "SAFETY");
}

TEST(HostileResponses, AStreamWithoutAnAnswerEndsInAnError) {
  auto t = FakeTransport::make();
  t->stream({"data: {}\n\n", "data: {\"usageMetadata\":{\"promptTokenCount\":3}}\n\n"});
  Client client = client_over(t);
  std::vector<Result<GenerateContentResponse>> items;
  for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", "Hi")) items.push_back(chunk);
  ASSERT_EQ(items.size(), 3u);
  ASSERT_FALSE(items[2].ok());
  EXPECT_NE(items[2].error().message.find("the streamed answer (2 chunk(s)) has no candidates and no promptFeedback"),
            std::string::npos)
      << items[2].error().message;

  // A chunk carrying only usageMetadata after the answer is fine.
  t->stream({"data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]}}]}\n\n",
             "data: {\"usageMetadata\":{\"promptTokenCount\":3}}\n\n"});
  items.clear();
  for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", "Hi")) items.push_back(chunk);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].ok() && items[1].ok());
}

TEST(HostileRequests, TextThatIsNotUtf8IsRefusedBeforeSendingNamingFieldAndOffset) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  const std::string prompt = "caf\xE9 au lait";  // Latin-1, not UTF-8
  Result<GenerateContentResponse> r = client.models().generate_content("gemini-2.5-flash", prompt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().message,
            "the request's contents[0].parts[0].text is not valid UTF-8: byte 3 does not start a UTF-8 character");
  EXPECT_NE(r.error().fix.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.error().to_string().find('\xE9'), std::string::npos);

  GenerateContentConfig config;
  config.system_instruction = Content::from_text("ok \xC3\xA9 then \xC3(");
  r = client.models().generate_content("gemini-2.5-flash", "fine", config);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("systemInstruction.parts[0].text is not valid UTF-8: byte 11"), std::string::npos)
      << r.error().message;

  // The stream and the async call refuse it the same way.
  std::vector<Result<GenerateContentResponse>> items;
  for (auto& chunk : client.models().generate_content_stream("gemini-2.5-flash", prompt)) items.push_back(chunk);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].error().kind, ErrorKind::kInvalidArgument);
  Result<GenerateContentResponse> a =
      client.models().generate_content_async("gemini-2.5-flash", prompt).get();
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(t->requests().empty());
}

TEST(HostileRequests, DumpRequestBodyNamesKeysAndQuotesOddNames) {
  using nlohmann::json;
  const json bad_key = {{"args", {{"ok", 1}, {std::string("b\xFF"), 2}}}};
  Result<std::string> r = internal::dump_request_body(bad_key);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "a member name in the request's args is not valid UTF-8: byte 1 does not start a UTF-8 character");
  const json odd_path = {{"x y\x1b[31m", json::array({"fine", std::string("\xF0\x9F\x98")})}};
  r = internal::dump_request_body(odd_path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "the request's [\"x y\\u001b[31m\"][1] is not valid UTF-8: byte 0 does not start a UTF-8 character");
  EXPECT_EQ(*internal::dump_request_body(json{{"k", "caf\xC3\xA9"}}), "{\"k\":\"caf\xC3\xA9\"}");
}

// Scopes, delegates and the target of an impersonation, and a service
// account's JWT claims, are the caller's strings too: bytes that are not
// UTF-8 end in an invalid-argument Error naming the field, never in
// nlohmann's type_error 316 escaping from authorization_headers().
TEST(HostileRequests, CredentialStringsThatAreNotUtf8AreRefusedNamingTheField) {
  const auto now = std::chrono::system_clock::now();
  auto t = FakeTransport::make();
  CredentialsOptions o;
  o.use_environment = false;
  o.transport = t;
  o.retry.attempts = 1;
  auto source = make_access_token_credentials("source-token");
  const std::string target = "target@p.iam.gserviceaccount.com";
  const auto refused = [](const Result<HttpHeaders>& r) {
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string();
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << r.error().to_string();
    EXPECT_EQ(r.error().to_string().find('\xFF'), std::string::npos);
    return r.error().message;
  };

  CredentialsOptions scoped = o;
  scoped.scopes = {"https://www.googleapis.com/auth/cloud-platform", "bad\xFF"};
  EXPECT_EQ(refused(make_impersonated_credentials(source, target, {}, scoped)->authorization_headers(now)),
            "the generateAccessToken request's scope[1] is not valid UTF-8: byte 3 does not start a UTF-8 character");
  EXPECT_EQ(refused(make_impersonated_credentials(source, target, {"d\xFF@p.iam.gserviceaccount.com"}, o)
                        ->authorization_headers(now)),
            "the generateAccessToken request's delegates[0] is not valid UTF-8: byte 28 does not start a UTF-8 "
            "character");
  EXPECT_NE(refused(make_impersonated_credentials(source, "t\xFF@p.iam.gserviceaccount.com", {}, o)
                        ->authorization_headers(now))
                .find("service account to impersonate is not a valid e-mail: byte 1 of 28 is not UTF-8"),
            std::string::npos);
  EXPECT_NE(refused(make_impersonated_credentials(source, "t@p\r\nX-Injected: 1", {}, o)->authorization_headers(now))
                .find("byte 3 of 18 is a control character"),
            std::string::npos);

  const nlohmann::json key = {{"type", "service_account"},
                              {"client_email", "sa@p.iam.gserviceaccount.com"},
                              {"private_key", new_pkcs1_private_key()},
                              {"private_key_id", "k1"}};
  CredentialsOptions self_signed = scoped;
  self_signed.use_self_signed_jwt = true;
  for (const CredentialsOptions& options : {scoped, self_signed}) {
    Result<std::shared_ptr<Credentials>> sa = make_service_account_credentials(key.dump(), options);
    ASSERT_TRUE(sa.ok()) << sa.error().to_string();
    EXPECT_EQ(refused((*sa)->authorization_headers(now)),
              "the JWT's scope is not valid UTF-8: byte 50 does not start a UTF-8 character");
  }
  EXPECT_TRUE(t->requests().empty());  // nothing was sent
}

}  // namespace
}  // namespace genai::testing
