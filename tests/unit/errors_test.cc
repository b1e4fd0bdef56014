#include "core/errors.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "genai/result.h"

namespace genai::internal {
namespace {

std::string wire(const std::string& name) {
  std::ifstream in(std::string(GENAI_WIRE_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ErrorFromHttp, ApiKeyInvalid) {
  const Error e = error_from_http(400, wire("err-api-key-invalid.json"));
  EXPECT_EQ(e.kind, ErrorKind::kApi);
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.status, "INVALID_ARGUMENT");
  EXPECT_EQ(e.reason(), "API_KEY_INVALID");
  EXPECT_EQ(e.message, "API key not valid. Please pass a valid API key.");
  EXPECT_NE(e.fix.find("aistudio"), std::string::npos);
}

TEST(ErrorFromHttp, ServiceDisabledHasProjectAndHelp) {
  const Error e = error_from_http(403, wire("err-service-disabled.json"));
  EXPECT_EQ(e.status, "PERMISSION_DENIED");
  EXPECT_EQ(e.reason(), "SERVICE_DISABLED");
  ASSERT_TRUE(e.error_info);
  EXPECT_EQ(e.error_info->metadata.at("service"), "generativelanguage.googleapis.com");
  EXPECT_FALSE(e.help_links.empty());
  EXPECT_NE(e.fix.find("gcloud services enable generativelanguage.googleapis.com"), std::string::npos);
}

TEST(ErrorFromHttp, QuotaWithRetryInfo) {
  const Error e = error_from_http(429, wire("err-429-retryinfo.json"));
  EXPECT_EQ(e.status, "RESOURCE_EXHAUSTED");
  ASSERT_TRUE(e.retry_delay);
  EXPECT_EQ(e.retry_delay->count(), 26000);
  ASSERT_FALSE(e.quota_violations.empty());
  EXPECT_FALSE(e.quota_violations[0].quota_metric.empty());
  EXPECT_TRUE(e.is_transient());
}

TEST(ErrorFromHttp, ArrayWrappedBadRequest) {
  const Error e = error_from_http(400, wire("err-400-bad-request-field-violations.json"));
  EXPECT_EQ(e.status, "INVALID_ARGUMENT");
  EXPECT_FALSE(e.field_violations.empty());
}

TEST(ErrorFromHttp, OAuthInvalidGrant) {
  const Error e = error_from_http(400, wire("oauth-invalid-grant.json"));
  EXPECT_EQ(e.reason(), "invalid_grant");
  EXPECT_NE(e.message.find("Invalid JWT Signature."), std::string::npos);
  EXPECT_NE(e.fix.find("keys create"), std::string::npos);
}

TEST(ErrorFromHttp, NonJsonBodiesStillClear) {
  const Error html = error_from_http(502, "<!DOCTYPE html><html><body>Bad Gateway</body></html>");
  EXPECT_EQ(html.status, "UNAVAILABLE");
  EXPECT_NE(html.message.find("HTML page"), std::string::npos);
  EXPECT_TRUE(html.is_transient());

  const Error empty = error_from_http(503, "");
  EXPECT_NE(empty.message.find("empty body"), std::string::npos);

  const Error truncated = error_from_http(500, R"({"error": {"code": 500, "mess)");
  EXPECT_EQ(truncated.status, "INTERNAL");
  EXPECT_NE(truncated.message.find("HTTP 500"), std::string::npos);
}

TEST(ErrorFromHttp, RetryAfterHeaderUsedWhenNoRetryInfo) {
  const Error e = error_from_http(503, "", std::string_view("7"));
  ASSERT_TRUE(e.retry_delay);
  EXPECT_EQ(e.retry_delay->count(), 7000);
}

TEST(ErrorFromHttp, SecretsInBodyAreRedacted) {
  const std::string key = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";
  const Error e = error_from_http(400, "bad key " + key);
  EXPECT_EQ(e.raw_body.find(key), std::string::npos);
  EXPECT_EQ(e.message.find(key), std::string::npos);
  EXPECT_EQ(e.to_string().find(key), std::string::npos);
}

// Found by fuzz_google_error: a key echoed in an OAuth error code (which
// becomes the ErrorInfo reason) or in a Google error's status, reason or
// metadata reached to_string() unredacted.
TEST(ErrorFromHttp, SecretsInEveryParsedFieldAreRedacted) {
  const std::string key = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";
  const Error oauth = error_from_http(400, R"({"error":"invalid_gr)" + key + R"("})");
  EXPECT_EQ(oauth.reason().find(key), std::string::npos);
  EXPECT_EQ(oauth.to_string().find(key), std::string::npos);
  const Error google = error_from_http(
      403, R"({"error":{"code":403,"message":"m","status":"X)" + key + R"(","details":[{"@type":)"
           R"("type.googleapis.com/google.rpc.ErrorInfo","reason":")" + key + R"(","domain":"d",)"
           R"("metadata":{"k":")" + key + R"("}}]}})");
  EXPECT_EQ(google.status.find(key), std::string::npos);
  EXPECT_EQ(google.reason().find(key), std::string::npos);
  ASSERT_TRUE(google.error_info);
  EXPECT_EQ(google.error_info->metadata.at("k").find(key), std::string::npos);
  EXPECT_EQ(google.to_string().find(key), std::string::npos);
}

// The excerpt of a non-JSON body is cut at 200 characters: a key straddling
// the cut must not leave a recognisable-only-in-full fragment behind.
TEST(ErrorFromHttp, ExcerptOfABodyNeverCutsAKeyIntoAFragment) {
  const std::string key = "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI";
  const std::string body = std::string(180, 'x') + " " + key + " tail";
  const Error e = error_from_http(502, body);
  EXPECT_EQ(e.message.find(key.substr(0, 12)), std::string::npos) << e.message;
  EXPECT_EQ(e.to_string().find(key.substr(0, 12)), std::string::npos);
}

TEST(ParseDuration, ProtobufAndRetryAfterForms) {
  EXPECT_EQ(parse_duration("26s")->count(), 26000);
  EXPECT_EQ(parse_duration("41.065029449s")->count(), 41065);
  EXPECT_EQ(parse_duration("30")->count(), 30000);
  EXPECT_FALSE(parse_duration("soon"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("-3s"));
}

TEST(Result, ValueThrowsTypedException) {
  Result<int> client = error_from_http(404, "");
  EXPECT_THROW(client.value(), ClientError);
  Result<int> server = error_from_http(503, "");
  EXPECT_THROW(server.value(), ServerError);
  Result<int> auth = auth_error("no creds", "set GEMINI_API_KEY");
  EXPECT_THROW(auth.value(), AuthError);
  Result<int> net = transport_error("refused");
  EXPECT_THROW(net.value(), TransportError);
  try {
    (void)client.value();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), 404);
    EXPECT_EQ(e.status(), "NOT_FOUND");
  }
  Result<int> ok = 5;
  EXPECT_EQ(ok.value(), 5);
}

// The library's hint for each credential failure beyond the tutorial's says
// what doctor says: the cause, not a generic "permission denied".
TEST(ErrorFixes, ExpiredKeyIsNotCalledMistyped) {
  const Error e = error_from_http(400, wire("err-api-key-expired.json"));
  EXPECT_NE(e.fix.find("has expired"), std::string::npos) << e.fix;
  EXPECT_EQ(e.fix.find("mistyped,"), std::string::npos) << e.fix;
}

TEST(ErrorFixes, QuotaKeepsItsIdLimitDelayAndWhatLiftsIt) {
  const Error e = error_from_http(429, wire("err-429-retryinfo.json"));
  EXPECT_NE(e.fix.find("GenerateContentInputTokensPerModelPerMinute-FreeTier (limit 250000)"), std::string::npos)
      << e.fix;
  EXPECT_NE(e.fix.find("retry in 26 s"), std::string::npos) << e.fix;
  EXPECT_NE(e.fix.find("enabling billing"), std::string::npos) << e.fix;
}

TEST(ErrorFixes, BillingDisabledNamesTheProjectNumberAndGooglesLink) {
  const Error e = error_from_http(403, R"({"error":{"code":403,"message":"This API method requires billing to be enabled.",
    "status":"PERMISSION_DENIED","details":[
    {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"BILLING_DISABLED","domain":"googleapis.com",
     "metadata":{"consumer":"projects/123","containerInfo":"123","service":"aiplatform.googleapis.com"}},
    {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Google developers console billing",
     "url":"https://console.developers.google.com/billing/enable?project=123"}]}]}})");
  EXPECT_NE(e.fix.find("project #123"), std::string::npos) << e.fix;
  EXPECT_NE(e.fix.find("https://console.developers.google.com/billing/enable?project=123"), std::string::npos) << e.fix;
  EXPECT_NE(e.fix.find("free tier"), std::string::npos) << e.fix;
}

// A key blocked from Vertex AI: an AI Studio key would not help there (it is
// locked to the Gemini API), so the hint says so; for the Gemini API it may.
TEST(ErrorFixes, ServiceBlockedKeyIsToldWhatWorksForThatApi) {
  auto blocked = [](const std::string& service) {
    return error_from_http(403, R"({"error":{"code":403,"message":"Requests to this API )" + service +
                                    R"( method are blocked.","status":"PERMISSION_DENIED","details":[
    {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_SERVICE_BLOCKED","domain":"googleapis.com",
     "metadata":{"consumer":"projects/123","service":")" + service + R"("}}]}})");
  };
  const Error vertex = blocked("aiplatform.googleapis.com");
  EXPECT_NE(vertex.fix.find("add it to the key's API restrictions"), std::string::npos) << vertex.fix;
  EXPECT_NE(vertex.fix.find("service account"), std::string::npos) << vertex.fix;
  EXPECT_EQ(vertex.fix.find("use an AI Studio key"), std::string::npos) << vertex.fix;
  const Error gemini = blocked("generativelanguage.googleapis.com");
  EXPECT_NE(gemini.fix.find("use an AI Studio key for the Gemini API"), std::string::npos) << gemini.fix;
}

TEST(ErrorFixes, NonexistentProjectNeverAsksForARole) {
  const Error e = error_from_http(403, R"({"error":{"code":403,"message":"Permission denied on resource project typo.",
    "status":"PERMISSION_DENIED","details":[
    {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CONSUMER_INVALID","domain":"googleapis.com",
     "metadata":{"consumer":"projects/typo","containerInfo":"typo","service":"aiplatform.googleapis.com"}}]}})");
  EXPECT_NE(e.fix.find("Project typo does not exist"), std::string::npos) << e.fix;
  EXPECT_NE(e.fix.find("GOOGLE_CLOUD_PROJECT"), std::string::npos) << e.fix;
  EXPECT_EQ(e.fix.find("add-iam-policy-binding"), std::string::npos) << e.fix;
}

TEST(ErrorFixes, UnsupportedLocationIsNotACredentialProblem) {
  const Error e = error_from_http(400, R"({"error":{"code":400,"message":"User location is not supported for the API use.",
    "status":"FAILED_PRECONDITION"}})");
  EXPECT_NE(e.fix.find("not a credential problem"), std::string::npos) << e.fix;
  EXPECT_NE(e.fix.find("Vertex AI"), std::string::npos) << e.fix;
}

TEST(ErrorFixes, MissingRoleSaysWhoCanGrantIt) {
  const Error e = error_from_http(403, R"({"error":{"code":403,"message":"Permission 'aiplatform.endpoints.predict' denied",
    "status":"PERMISSION_DENIED","details":[
    {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"IAM_PERMISSION_DENIED","domain":"aiplatform.googleapis.com",
     "metadata":{"permission":"aiplatform.endpoints.predict"}}]}})");
  EXPECT_NE(e.fix.find("only a project Owner or an IAM admin"), std::string::npos) << e.fix;
}

}  // namespace
}  // namespace genai::internal

namespace genai {
namespace {

TEST(ErrorText, AnAnswerThatIsNotTheApisShowsNoMadeUpHttpStatus) {
  const Error e = internal::unexpected_response("the server's HTTP 200 answer is not JSON");
  EXPECT_EQ(e.to_string().rfind("UNKNOWN: the server's HTTP 200 answer is not JSON", 0), 0u) << e.to_string();
  Error api;
  api.kind = ErrorKind::kApi;
  api.status = "UNAVAILABLE";
  api.http_status = 503;
  api.message = "overloaded";
  EXPECT_EQ(api.to_string(), "UNAVAILABLE (HTTP 503): overloaded");
}

}  // namespace
}  // namespace genai
