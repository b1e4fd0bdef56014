// The emulator's handlers as functions: a Request in, a Response out, no
// socket (emulator/handlers/service.h). The same requests over HTTP are
// covered by tests/integration; here each is answered by calling the Service.
#include "emulator/handlers/service.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "emulator/common/env.h"
#include "emulator/common/fault_injector.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/front_door.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using nlohmann::json;

constexpr const char* kFlash = "/v1beta/models/gemini-2.5-flash:generateContent";
constexpr const char* kPrompt = R"({"contents": [{"role": "user", "parts": [{"text": "Say hi"}]}]})";

class EmulatorHandlers : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(state().create_project("handler-project"));
    ASSERT_TRUE(state().set_service_enabled("handler-project", kGenerativeLanguage, true));
    ASSERT_TRUE(state().set_service_enabled("handler-project", kAiPlatform, true));
    ApiKey spec;
    spec.project_id = "handler-project";
    key_ = state().create_key(spec)->key_string;
  }

  State& state() { return env_.state(); }

  Request post(std::string path, std::string body) {
    Request req;
    req.method = "POST";
    req.path = std::move(path);
    req.headers.emplace("Content-Type", "application/json");
    req.body = std::move(body);
    req.remote_addr = "127.0.0.1";
    return req;
  }
  Request with_key(Request req) {
    req.headers.emplace("X-Goog-Api-Key", key_);
    return req;
  }

  ServerEnv env_{ServerOptions{}};
  Service service_{env_};
  std::string key_;
};

TEST(EmulatorRouter, FirstMatchingRouteWinsWithItsGroups) {
  Router router;
  std::string hit;
  router.get(R"(/v1/things/([^/]+))", [&](const Request& r, Response&) { hit = "one:" + r.matches[1]; });
  router.get(R"(/v1/things/(.+))", [&](const Request& r, Response&) { hit = "two:" + r.matches[1]; });
  router.post(R"(/v1/things/([^/]+))", [&](const Request&, Response&) { hit = "post"; });

  Request req;
  req.method = "GET";
  req.path = "/v1/things/a";
  Response res;
  const Handler* h = router.find(req);
  ASSERT_NE(h, nullptr);
  (*h)(req, res);
  EXPECT_EQ(hit, "one:a");
  ASSERT_EQ(req.matches.size(), 2u);
  EXPECT_EQ(req.matches[0], "/v1/things/a");

  req.path = "/v1/things/a/b";  // only the second pattern matches the whole path
  (*router.find(req))(req, res);
  EXPECT_EQ(hit, "two:a/b");

  req.method = "HEAD";  // routed as GET
  EXPECT_NE(router.find(req), nullptr);
  req.method = "PUT";
  EXPECT_EQ(router.find(req), nullptr);
  req.method = "GET";
  req.path = "/v1/things/";
  EXPECT_EQ(router.find(req), nullptr);
}

TEST(EmulatorRouter, HeaderNamesIgnoreCase) {
  Request req;
  req.headers.emplace("X-Goog-Api-Key", "k");
  EXPECT_TRUE(req.has_header("x-goog-api-key"));
  EXPECT_EQ(req.get_header_value("X-GOOG-API-KEY"), "k");
  EXPECT_EQ(req.get_header_value("Authorization"), "");
}

TEST_F(EmulatorHandlers, GenerateContentWithAKey) {
  const Response res = service_.handle(with_key(post(kFlash, kPrompt)));
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(res.content_type, "application/json; charset=UTF-8");
  const json j = json::parse(res.body);
  EXPECT_FALSE(j["candidates"][0]["content"]["parts"][0]["text"].get<std::string>().empty());
  EXPECT_EQ(j["modelVersion"], "gemini-2.5-flash");

  Request in_query = post(kFlash, kPrompt);  // the key as ?key=, which Google also takes
  in_query.params.emplace("key", key_);
  EXPECT_EQ(service_.handle(std::move(in_query)).status, 200);
}

TEST_F(EmulatorHandlers, TheAnswerDependsOnWhatWasAskedNotOnTheOrderOfMembers) {
  const auto answer = [&](const char* body) {
    const Response res = service_.handle(with_key(post(kFlash, body)));
    EXPECT_EQ(res.status, 200) << res.body;
    const json j = json::parse(res.body);
    return std::make_pair(j["candidates"][0]["content"]["parts"][0]["text"], j["responseId"]);
  };
  const auto sorted = answer(R"({"contents": [{"parts": [{"text": "Say hi"}], "role": "user"}],)"
                             R"( "generationConfig": {"seed": 7, "temperature": 0.5}})");
  const auto written = answer(R"({"generationConfig": {"temperature": 0.5, "seed": 7},)"
                              R"( "contents": [{"role": "user", "parts": [{"text": "Say hi"}]}]})");
  EXPECT_EQ(sorted, written);
  // And a different question is a different answer.
  EXPECT_NE(answer(R"({"contents": [{"role": "user", "parts": [{"text": "Say bye"}]}]})").first, sorted.first);
}

TEST_F(EmulatorHandlers, RefusalsAreGooglesErrors) {
  const Response no_key = service_.handle(post(kFlash, kPrompt));
  EXPECT_EQ(no_key.status, 403) << no_key.body;

  ASSERT_TRUE(state().set_service_enabled("handler-project", kGenerativeLanguage, false));
  const Response disabled = service_.handle(with_key(post(kFlash, kPrompt)));
  ASSERT_EQ(disabled.status, 403) << disabled.body;
  const json j = json::parse(disabled.body);
  EXPECT_EQ(j["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(j["error"]["details"][0]["reason"], "SERVICE_DISABLED");
}

TEST_F(EmulatorHandlers, MalformedAndUnknownFieldsAre400) {
  const Response bad = service_.handle(with_key(post(kFlash, "{\"contents\": [")));
  EXPECT_EQ(bad.status, 400) << bad.body;
  const Response unknown =
      service_.handle(with_key(post(kFlash, R"({"contents": [{"parts": [{"text": "x"}]}], "noSuchField": 1})")));
  ASSERT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("noSuchField"), std::string::npos) << unknown.body;
}

TEST_F(EmulatorHandlers, UnknownUrlIsGoogles404PageWithThePathEscaped) {
  Request req;
  req.method = "GET";
  req.path = "/v1beta/<script>";
  const Response res = service_.handle(std::move(req));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "text/html; charset=UTF-8");
  EXPECT_NE(res.body.find("/v1beta/&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(res.body.find("<script>"), std::string::npos);
}

TEST_F(EmulatorHandlers, StreamIsAnswerOfChunks) {
  Request req = with_key(post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", kPrompt));
  req.params.emplace("alt", "sse");
  const Response res = service_.handle(req);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_TRUE(res.streamed);
  EXPECT_FALSE(res.drop_connection);
  EXPECT_EQ(res.content_type, "text/event-stream");
  ASSERT_FALSE(res.chunks.empty());
  for (const std::string& chunk : res.chunks) {
    ASSERT_EQ(chunk.rfind("data: ", 0), 0u) << chunk;
    ASSERT_EQ(chunk.substr(chunk.size() - 4), "\r\n\r\n");
    EXPECT_TRUE(json::accept(chunk.substr(6, chunk.size() - 10))) << chunk;
  }
  EXPECT_NE(res.chunks.back().find("finishReason"), std::string::npos);

  req.params.clear();  // without alt=sse: one JSON array, in pieces
  const Response array = service_.handle(req);
  std::string whole;
  for (const std::string& chunk : array.chunks) whole += chunk;
  EXPECT_TRUE(json::parse(whole).is_array()) << whole;
}

TEST_F(EmulatorHandlers, FaultsAnswerBeforeTheHandlerButNeverTheAdminApi) {
  ASSERT_TRUE(env_.faults().set_spec("generateContent=503#1,*=503"));
  const Response faulted = service_.handle(with_key(post(kFlash, kPrompt)));
  EXPECT_EQ(faulted.status, 503);
  EXPECT_EQ(json::parse(faulted.body)["error"]["status"], "UNAVAILABLE");

  const Response admin = service_.handle(post("/emulator/v1/projects", R"({"projectId": "second-project"})"));
  EXPECT_EQ(admin.status, 200) << admin.body;
  EXPECT_TRUE(state().project("second-project"));

  ASSERT_TRUE(env_.faults().set_spec("streamGenerateContent=cut"));
  Request stream = with_key(post("/v1beta/models/gemini-2.5-flash:streamGenerateContent", kPrompt));
  stream.params.emplace("alt", "sse");
  const Response cut = service_.handle(std::move(stream));
  EXPECT_TRUE(cut.drop_connection);
  ASSERT_EQ(cut.chunks.size(), 2u);
  EXPECT_EQ(cut.chunks[1].find("\r\n\r\n"), std::string::npos);  // half an event

  ASSERT_TRUE(env_.faults().set_spec("generateContent=reset"));
  const Response reset = service_.handle(with_key(post(kFlash, kPrompt)));
  EXPECT_TRUE(reset.drop_connection);
  EXPECT_FALSE(reset.streamed);
}

TEST_F(EmulatorHandlers, VertexAiChecksIamOnTheBearersPrincipal) {
  auto sa = state().create_service_account("handler-project", "caller", "Caller");
  ASSERT_TRUE(sa);
  const AccessToken token =
      state().issue_token("serviceAccount:" + sa->email, "handler-project", "https://www.googleapis.com/auth/cloud-platform",
                          std::chrono::system_clock::now() + std::chrono::hours(1));
  const std::string path = "/v1/projects/handler-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent";
  Request req = post(path, kPrompt);
  req.headers.emplace("Authorization", "Bearer " + token.token);

  const Response denied = service_.handle(req);
  ASSERT_EQ(denied.status, 403) << denied.body;
  EXPECT_NE(denied.body.find("aiplatform.endpoints.predict"), std::string::npos) << denied.body;

  ASSERT_TRUE(state().add_binding("handler-project", "roles/aiplatform.user", "serviceAccount:" + sa->email));
  const Response allowed = service_.handle(req);
  EXPECT_EQ(allowed.status, 200) << allowed.body;
}

TEST_F(EmulatorHandlers, TokenEndpointReadsFormParameters) {
  Request req;
  req.method = "POST";
  req.path = "/token";
  req.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  req.params.emplace("grant_type", "password");
  const Response res = service_.handle(std::move(req));
  EXPECT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(json::parse(res.body)["error"], "unsupported_grant_type");
}

TEST(EmulatorService, ChangesAreSavedToTheStateFile) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("genai-handlers-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(file);
  ServerOptions options;
  options.state_file = file.string();
  ServerEnv env(options);
  Service service(env);
  Request req;
  req.method = "POST";
  req.path = "/emulator/v1/projects";
  req.headers.emplace("Content-Type", "application/json");
  req.body = R"({"projectId": "saved-project"})";
  ASSERT_EQ(service.handle(std::move(req)).status, 200);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("saved-project"), std::string::npos);
  std::filesystem::remove(file);
}

TEST(EmulatorFrontDoor, JsonDepthIsCountedOutsideStrings) {
  EXPECT_EQ(json_depth("", 100), 0);
  EXPECT_EQ(json_depth("5", 100), 0);
  EXPECT_EQ(json_depth(R"({"a": [1, {"b": []}]})", 100), 4);
  EXPECT_EQ(json_depth(R"({"a": "[[[[{{{{"})", 100), 1);
  EXPECT_EQ(json_depth(R"({"a": "\"[[[[", "b": {}})", 100), 2);  // an escaped quote does not end the string
  EXPECT_EQ(json_depth(std::string(1000000, '['), 100), 101);  // stops once past the limit
}

TEST(EmulatorFrontDoor, LoopbackHosts) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "127.0.0.1.evil.example", "localhost.evil.example", "",
                           "1270.0.0.1", "127.0.0.x"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST_F(EmulatorHandlers, DeepJsonIsRefusedBeforeAnyHandlerParsesIt) {
  const int limit = env_.options().max_json_depth;
  auto nested = [](int depth) {
    return "{\"contents\": " + std::string(static_cast<size_t>(depth - 1), '[') + std::string(static_cast<size_t>(depth - 1), ']') + "}";
  };
  const Response too_deep = service_.handle(with_key(post(kFlash, nested(limit + 1))));
  ASSERT_EQ(too_deep.status, 400) << too_deep.body;
  EXPECT_NE(too_deep.body.find("deeper than 100 levels"), std::string::npos) << too_deep.body;
  const Response at_limit = service_.handle(with_key(post(kFlash, nested(limit))));
  EXPECT_EQ(at_limit.body.find("deeper than"), std::string::npos) << at_limit.body;

  // 100,000 levels, on a model method and on the admin API: an answer, not a crash.
  const std::string bomb(100000, '[');
  EXPECT_EQ(service_.handle(with_key(post(kFlash, bomb))).status, 400);
  EXPECT_EQ(service_.handle(post("/emulator/v1/projects", bomb)).status, 400);
}

TEST_F(EmulatorHandlers, NulByteEndsNoJsonBody) {
  const std::string body = std::string(kPrompt) + std::string(1, '\0') + "trailing garbage";
  const Response res = service_.handle(with_key(post(kFlash, body)));
  ASSERT_EQ(res.status, 400) << res.body;
  EXPECT_EQ(json::parse(res.body)["error"]["message"], "Invalid JSON payload received.");
}

TEST(EmulatorService, BodiesOverTheLimitGetGooglesPayloadError) {
  ServerOptions options;
  options.max_request_bytes = 1000;
  ServerEnv env(options);
  Service service(env);
  Request req;
  req.method = "POST";
  req.path = "/v1beta/models/gemini-2.5-flash:generateContent";
  req.body = std::string(1001, ' ');
  const Response res = service.handle(std::move(req));
  ASSERT_EQ(res.status, 400);
  EXPECT_EQ(json::parse(res.body)["error"]["message"], "Request payload size exceeds the limit: 1000 bytes.");
}

Request admin_post(std::string host, std::string body = R"({"projectId": "guarded-project"})") {
  Request req;
  req.method = "POST";
  req.path = "/emulator/v1/projects";
  req.headers.emplace("Host", std::move(host));
  req.headers.emplace("Content-Type", "application/json");
  req.body = std::move(body);
  return req;
}

TEST(EmulatorAdminGuard, OnLoopbackOnlyLoopbackHostsAndSameOriginPass) {
  const ServerOptions options;  // loopback, no token
  EXPECT_FALSE(refuse_admin_request(admin_post("127.0.0.1:8080"), options));
  EXPECT_FALSE(refuse_admin_request(admin_post("localhost:8080"), options));
  EXPECT_FALSE(refuse_admin_request(admin_post("[::1]:8080"), options));

  // DNS rebinding: a web page's own name, resolved to 127.0.0.1.
  auto rebound = refuse_admin_request(admin_post("evil.example:8080"), options);
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->http_status, 403);
  EXPECT_NE(rebound->body.find("loopback"), std::string::npos);

  Request cross_site = admin_post("127.0.0.1:8080");
  cross_site.headers.emplace("Origin", "https://evil.example");
  EXPECT_TRUE(refuse_admin_request(cross_site, options));
  Request same_origin = admin_post("127.0.0.1:8080");
  same_origin.headers.emplace("Origin", "http://127.0.0.1:8080");
  EXPECT_FALSE(refuse_admin_request(same_origin, options));

  Request form = admin_post("127.0.0.1:8080");  // what a cross-site <form> can send without asking
  form.headers.erase("Content-Type");
  form.headers.emplace("Content-Type", "text/plain");
  EXPECT_TRUE(refuse_admin_request(form, options));
  Request reset = admin_post("127.0.0.1:8080", "");  // no body: no type needed
  reset.headers.erase("Content-Type");
  EXPECT_FALSE(refuse_admin_request(reset, options));
}

TEST(EmulatorAdminGuard, WithATokenTheTokenIsRequired) {
  ServerOptions options;
  options.host = "0.0.0.0";
  options.admin_token = "s3cret-admin-token";
  Request none = admin_post("192.0.2.7:8080");
  auto refused = refuse_admin_request(none, options);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->body.find("s3cret"), std::string::npos);  // never echoed
  Request wrong = admin_post("192.0.2.7:8080");
  wrong.headers.emplace("Authorization", "Bearer s3cret-admin-tokeN");
  EXPECT_TRUE(refuse_admin_request(wrong, options));
  Request right = admin_post("192.0.2.7:8080");
  right.headers.emplace("Authorization", "Bearer s3cret-admin-token");
  EXPECT_FALSE(refuse_admin_request(right, options));
  right.headers.emplace("Origin", "https://evil.example");  // a token does not make a cross-site request fine
  EXPECT_TRUE(refuse_admin_request(right, options));
}

TEST_F(EmulatorHandlers, TheAdminGuardStandsBeforeEveryAdminRoute) {
  Request rebound = post("/emulator/v1/reset", "");
  rebound.headers.emplace("Host", "evil.example");
  EXPECT_EQ(service_.handle(std::move(rebound)).status, 403);
  EXPECT_TRUE(state().project("handler-project"));  // nothing was reset

  Request model_call = with_key(post(kFlash, kPrompt));  // Google's APIs have no such guard
  model_call.headers.emplace("Host", "evil.example");
  model_call.headers.emplace("Origin", "https://evil.example");
  EXPECT_EQ(service_.handle(std::move(model_call)).status, 200);
}

class EmulatorFailureStates : public EmulatorHandlers {
 protected:
  Response admin(const std::string& path, const std::string& body = "") {
    Request req = post(path, body);
    if (body.empty()) req.headers.erase("Content-Type");
    return service_.handle(std::move(req));
  }
  Request vertex_call(const std::string& project) {
    if (token_.empty()) {
      auto sa = state().create_service_account("handler-project", "vertex-caller", "Vertex caller");
      EXPECT_TRUE(sa);
      EXPECT_TRUE(state().add_binding("handler-project", "roles/aiplatform.user", "serviceAccount:" + sa->email));
      token_ = state()
                   .issue_token("serviceAccount:" + sa->email, "handler-project",
                                "https://www.googleapis.com/auth/cloud-platform",
                                std::chrono::system_clock::now() + std::chrono::hours(1))
                   .token;
    }
    Request req = post("/v1/projects/" + project +
                           "/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
                       kPrompt);
    req.headers.emplace("Authorization", "Bearer " + token_);
    return req;
  }
  std::string token_;
  static json error_of(const Response& res) { return json::parse(res.body)["error"]; }
};

TEST_F(EmulatorFailureStates, ExpiredKey) {
  const std::string uid = state().key_by_string(key_)->uid;
  ASSERT_EQ(admin("/emulator/v1/keys/" + uid + ":expire").status, 200);
  const Response expired = service_.handle(with_key(post(kFlash, kPrompt)));
  ASSERT_EQ(expired.status, 400) << expired.body;
  EXPECT_EQ(error_of(expired)["message"], "API key expired. Please renew the API key.");
  EXPECT_EQ(error_of(expired)["details"][0]["reason"], "API_KEY_INVALID");
  ASSERT_EQ(admin("/emulator/v1/keys/" + uid + ":renew").status, 200);
  EXPECT_EQ(service_.handle(with_key(post(kFlash, kPrompt))).status, 200);
}

TEST_F(EmulatorFailureStates, BillingDisabledStopsVertexAiOnly) {
  ASSERT_EQ(admin("/emulator/v1/projects/handler-project/billing:disable").status, 200);
  const Response vertex = service_.handle(vertex_call("handler-project"));
  ASSERT_EQ(vertex.status, 403) << vertex.body;
  EXPECT_EQ(error_of(vertex)["details"][0]["reason"], "BILLING_DISABLED");
  const std::string number = state().project("handler-project")->number;
  EXPECT_NE(error_of(vertex)["message"].get<std::string>().find("billing/enable?project=" + number),
            std::string::npos);
  EXPECT_EQ(service_.handle(with_key(post(kFlash, kPrompt))).status, 200);  // the free tier needs no billing
  ASSERT_EQ(admin("/emulator/v1/projects/handler-project/billing:enable").status, 200);
  EXPECT_EQ(service_.handle(vertex_call("handler-project")).status, 200);
}

TEST_F(EmulatorFailureStates, CallerInACountryTheDeveloperApiDoesNotServe) {
  ASSERT_EQ(admin("/emulator/v1/callerRegion", R"({"regionCode": "CN"})").status, 200);
  const Response refused = service_.handle(with_key(post(kFlash, kPrompt)));
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(error_of(refused)["status"], "FAILED_PRECONDITION");
  EXPECT_EQ(error_of(refused)["message"], "User location is not supported for the API use.");
  EXPECT_EQ(service_.handle(vertex_call("handler-project")).status, 200);  // Vertex AI serves by its location
  ASSERT_EQ(admin("/emulator/v1/callerRegion", R"({"regionCode": "US"})").status, 200);
  EXPECT_EQ(service_.handle(with_key(post(kFlash, kPrompt))).status, 200);
}

TEST_F(EmulatorFailureStates, ProjectThatDoesNotExistIsNotAMissingPermission) {
  const Response typo = service_.handle(vertex_call("handler-projct"));
  ASSERT_EQ(typo.status, 403) << typo.body;
  EXPECT_EQ(error_of(typo)["message"], "Permission denied on resource project handler-projct.");
  EXPECT_EQ(error_of(typo)["details"][0]["reason"], "CONSUMER_INVALID");
  EXPECT_EQ(error_of(typo)["details"][0]["metadata"]["consumer"], "projects/handler-projct");
}

// One mapping of the simulated state's errors for the Cloud APIs and the
// admin API: a conflict is a 409 in both (the admin API once answered it
// with a 400 INVALID_ARGUMENT, as if the request were malformed).
TEST(EmulatorStateErrors, EachStatusIsGooglesCode) {
  const auto mapped = [](const char* status) {
    Error e;
    e.status = status;
    e.message = "what the state said";
    const GoogleError g = from_state_error(e);
    const json body = json::parse(g.body)["error"];
    EXPECT_EQ(body["code"], g.http_status) << status;
    EXPECT_EQ(body["message"], "what the state said") << status;
    return std::make_pair(g.http_status, body["status"].get<std::string>());
  };
  EXPECT_EQ(mapped("NOT_FOUND"), std::make_pair(404, std::string("NOT_FOUND")));
  EXPECT_EQ(mapped("ALREADY_EXISTS"), std::make_pair(409, std::string("ALREADY_EXISTS")));
  EXPECT_EQ(mapped("FAILED_PRECONDITION"), std::make_pair(400, std::string("FAILED_PRECONDITION")));
  EXPECT_EQ(mapped("ABORTED"), std::make_pair(409, std::string("ABORTED")));
  EXPECT_EQ(mapped("INVALID_ARGUMENT"), std::make_pair(400, std::string("INVALID_ARGUMENT")));
  EXPECT_EQ(mapped(""), std::make_pair(400, std::string("INVALID_ARGUMENT")));
}

// Google's tokeninfo takes the token in a POST form body as well as in the
// query; doctor sends it so, to keep it out of URLs.
TEST_F(EmulatorFailureStates, TokeninfoTakesTheTokenInAFormBody) {
  (void)vertex_call("handler-project");  // issues token_
  const auto tokeninfo = [this](const std::string& token) {
    Request req;
    req.method = "POST";
    req.path = "/tokeninfo";
    req.headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    req.params.emplace("access_token", token);  // the frontend decodes a form body into params
    return service_.handle(std::move(req));
  };
  const Response known = tokeninfo(token_);
  ASSERT_EQ(known.status, 200) << known.body;
  EXPECT_EQ(json::parse(known.body)["email"], "vertex-caller@handler-project.iam.gserviceaccount.com");
  const Response unknown = tokeninfo("ya29.not-a-token");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(json::parse(unknown.body)["error"], "invalid_token");
}

TEST_F(EmulatorFailureStates, AdminApiMapsStateErrorsAsTheCloudApisDo) {
  const std::string sa = R"({"accountId": "twice-made", "displayName": "x"})";
  ASSERT_EQ(admin("/emulator/v1/projects/handler-project/serviceAccounts", sa).status, 200);
  const Response again = admin("/emulator/v1/projects/handler-project/serviceAccounts", sa);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_of(again)["status"], "ALREADY_EXISTS");
  const Response missing = admin("/emulator/v1/projects/no-such-project/serviceAccounts", sa);
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(error_of(missing)["status"], "NOT_FOUND");
}

}  // namespace
}  // namespace genai::emulator
