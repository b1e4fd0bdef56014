// The management APIs `genai setup` calls — Cloud Resource Manager, Service
// Usage, API Keys v2 and IAM — over HTTP with OAuth bearer tokens from the
// emulator's /token: the tutorial's whole flow done by a project owner, then
// the ways it goes wrong (stale etag, a viewer enabling an API), each checked
// against Google's documented field names and error shapes.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "emulator/auth/crypto.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/test_jwt.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kCloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
constexpr const char* kPrompt = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})";

struct Reply {
  int status = 0;
  json body;
};

class CloudApisTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    http_ = std::make_unique<httplib::Client>(base_url());
    auto oauth = state().create_oauth_client("test-project");
    ASSERT_TRUE(oauth);
    oauth_ = *oauth;
    owner_ = user_token("owner@example.com");
  }

  // A user's access token via the refresh-token grant, as gcloud's ADC file gets one.
  std::string user_token(const std::string& email) {
    auto grant = state().create_user_grant(oauth_.client_id, email, kCloudPlatform);
    EXPECT_TRUE(grant);
    auto res = http_->Post("/token", httplib::Params{{"grant_type", "refresh_token"},
                                                     {"client_id", oauth_.client_id},
                                                     {"client_secret", oauth_.client_secret},
                                                     {"refresh_token", grant->refresh_token}});
    EXPECT_TRUE(res && res->status == 200);
    return res ? json::parse(res->body).value("access_token", "") : "";
  }

  Reply call(const std::string& method, const std::string& path, const std::string& token,
             const json& body = json(), httplib::Headers headers = {}) {
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    const std::string text = body.is_null() ? "" : body.dump();
    auto send = [&]() -> httplib::Result {
      if (method == "GET") return http_->Get(path, headers);
      if (method == "DELETE") return http_->Delete(path, headers);
      if (method == "PATCH") return http_->Patch(path, headers, text, "application/json");
      return http_->Post(path, headers, text, "application/json");
    };
    httplib::Result res = send();
    if (!res) return {};
    return {res->status, json::parse(res->body, nullptr, false)};
  }

  // Creates `id` as the owner; returns its number.
  std::string create_project(const std::string& id) {
    Reply r = call("POST", "/v3/projects", owner_, {{"projectId", id}, {"displayName", "Gemini " + id}});
    EXPECT_EQ(r.status, 200) << r.body.dump(2);
    return r.body["response"]["name"].get<std::string>().substr(std::string("projects/").size());
  }

  Reply enable(const std::string& project, const std::string& service, const std::string& token) {
    return call("POST", "/v1/projects/" + project + "/services/" + service + ":enable", token, json::object());
  }

  // Polls a Service Usage operation until done, as a client must.
  json wait(json op, const std::string& token) {
    for (int i = 0; i < 10 && !op.value("done", false); ++i) {
      Reply r = call("GET", "/v1/" + op["name"].get<std::string>(), token);
      EXPECT_EQ(r.status, 200) << r.body.dump(2);
      op = r.body;
    }
    EXPECT_TRUE(op.value("done", false));
    return op;
  }

  int generate_with_key(const std::string& key, json* body = nullptr) {
    auto res = http_->Post("/v1beta/models/gemini-2.5-flash:generateContent", httplib::Headers{{"x-goog-api-key", key}},
                           kPrompt, "application/json");
    if (!res) return 0;
    if (body) *body = json::parse(res->body, nullptr, false);
    return res->status;
  }

  std::unique_ptr<httplib::Client> http_;
  emulator::OAuthClient oauth_;
  std::string owner_;
};

TEST_F(CloudApisTest, TutorialFlowByAnOwner) {
  // 1. Create the project: a finished operation whose creator is roles/owner.
  Reply created = call("POST", "/v3/projects", owner_, {{"projectId", "my-gemini-app"}, {"displayName", "My Gemini App"}});
  ASSERT_EQ(created.status, 200) << created.body.dump(2);
  EXPECT_EQ(created.body["name"].get<std::string>().rfind("operations/cp.", 0), 0u);
  EXPECT_EQ(created.body["done"], true);
  const json& project = created.body["response"];
  EXPECT_EQ(project["@type"], "type.googleapis.com/google.cloud.resourcemanager.v3.Project");
  EXPECT_EQ(project["projectId"], "my-gemini-app");
  EXPECT_EQ(project["displayName"], "My Gemini App");
  EXPECT_EQ(project["state"], "ACTIVE");
  const std::string number = project["name"].get<std::string>().substr(9);
  Reply v1 = call("GET", "/v1/projects/my-gemini-app", owner_);
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(v1.body["projectNumber"], number);
  EXPECT_EQ(v1.body["lifecycleState"], "ACTIVE");
  EXPECT_EQ(v1.body["name"], "My Gemini App");
  EXPECT_EQ(call("GET", "/v3/projects/" + number, owner_).body["projectId"], "my-gemini-app");
  EXPECT_EQ(call("GET", "/v3/" + created.body["name"].get<std::string>(), owner_).body["done"], true);
  Reply policy = call("POST", "/v1/projects/my-gemini-app:getIamPolicy", owner_, json::object());
  ASSERT_EQ(policy.status, 200);
  EXPECT_EQ(policy.body["bindings"], json::parse(R"([{"role":"roles/owner","members":["user:owner@example.com"]}])"));

  // 2. A key before the API is enabled gets SERVICE_DISABLED; enable it, polling the operation.
  Reply svc = call("GET", "/v1/projects/my-gemini-app/services/generativelanguage.googleapis.com", owner_);
  ASSERT_EQ(svc.status, 200) << svc.body.dump(2);
  EXPECT_EQ(svc.body["name"], "projects/" + number + "/services/generativelanguage.googleapis.com");
  EXPECT_EQ(svc.body["config"]["title"], "Generative Language API");
  EXPECT_EQ(svc.body["state"], "DISABLED");
  EXPECT_EQ(svc.body["parent"], "projects/" + number);
  Reply op = enable("my-gemini-app", "generativelanguage.googleapis.com", owner_);
  ASSERT_EQ(op.status, 200) << op.body.dump(2);
  EXPECT_EQ(op.body["name"].get<std::string>().rfind("operations/acat.p2-" + number + "-", 0), 0u);
  EXPECT_FALSE(op.body.contains("done"));  // still running, as Google answers: the client polls
  const json done = wait(op.body, owner_);
  EXPECT_EQ(enable("my-gemini-app", "generativelanguage.googleapis.com", owner_).body["done"], true);
  EXPECT_EQ(done["response"]["@type"], "type.googleapis.com/google.api.serviceusage.v1.EnableServiceResponse");
  EXPECT_EQ(done["response"]["service"]["state"], "ENABLED");
  Reply enabled = call("GET", "/v1/projects/" + number + "/services?filter=state:ENABLED", owner_);
  bool listed = false;
  for (const json& s : enabled.body["services"]) listed = listed || s["config"]["name"] == "generativelanguage.googleapis.com";
  EXPECT_TRUE(listed) << enabled.body.dump(2);

  // 3. An API key restricted to the Gemini API and to 127.0.0.1 works from here; one for another IP does not.
  json spec = {{"displayName", "Gemini key"},
               {"restrictions", {{"apiTargets", {{{"service", "generativelanguage.googleapis.com"}}}},
                                 {"serverKeyRestrictions", {{"allowedIps", {"127.0.0.1"}}}}}}};
  Reply key_op = call("POST", "/v2/projects/my-gemini-app/locations/global/keys", owner_, spec);
  ASSERT_EQ(key_op.status, 200) << key_op.body.dump(2);
  EXPECT_EQ(key_op.body["done"], true);
  const json key = key_op.body["response"];
  EXPECT_EQ(key["@type"], "type.googleapis.com/google.api.apikeys.v2.Key");
  EXPECT_EQ(key["name"], "projects/" + number + "/locations/global/keys/" + key["uid"].get<std::string>());
  EXPECT_EQ(key["displayName"], "Gemini key");
  EXPECT_EQ(key["restrictions"]["apiTargets"][0]["service"], "generativelanguage.googleapis.com");
  EXPECT_EQ(key["restrictions"]["serverKeyRestrictions"]["allowedIps"][0], "127.0.0.1");
  for (const char* f : {"createTime", "updateTime", "etag"}) EXPECT_TRUE(key.contains(f)) << f;
  const std::string key_string = key["keyString"];
  EXPECT_EQ(key_string.rfind("AIza", 0), 0u);
  EXPECT_EQ(generate_with_key(key_string), 200);
  const std::string key_path = "/v2/" + key["name"].get<std::string>();
  Reply got = call("GET", key_path, owner_);
  EXPECT_EQ(got.status, 200);
  EXPECT_FALSE(got.body.contains("keyString"));  // only create and getKeyString reveal it
  EXPECT_EQ(call("GET", key_path + "/keyString", owner_).body, json({{"keyString", key_string}}));
  Reply listed_keys = call("GET", "/v2/projects/my-gemini-app/locations/global/keys", owner_);
  ASSERT_EQ(listed_keys.body["keys"].size(), 1u);
  EXPECT_FALSE(listed_keys.body["keys"][0].contains("keyString"));
  // Tighten it to another address: the same key is now refused.
  Reply patched = call("PATCH", key_path + "?updateMask=restrictions", owner_,
                       {{"restrictions", {{"serverKeyRestrictions", {{"allowedIps", {"203.0.113.7"}}}}}}});
  ASSERT_EQ(patched.status, 200) << patched.body.dump(2);
  EXPECT_EQ(patched.body["response"]["restrictions"]["serverKeyRestrictions"]["allowedIps"][0], "203.0.113.7");
  json blocked;
  EXPECT_EQ(generate_with_key(key_string, &blocked), 403);
  EXPECT_EQ(blocked["error"]["details"][0]["reason"], "API_KEY_IP_ADDRESS_BLOCKED");

  // 4. A service account with Vertex AI User, granted by read-modify-write with the etag.
  ASSERT_EQ(enable("my-gemini-app", "aiplatform.googleapis.com", owner_).status, 200);
  Reply sa = call("POST", "/v1/projects/my-gemini-app/serviceAccounts", owner_,
                  {{"accountId", "gemini-caller"}, {"serviceAccount", {{"displayName", "Gemini caller"}, {"description", "calls Vertex"}}}});
  ASSERT_EQ(sa.status, 200) << sa.body.dump(2);
  const std::string email = "gemini-caller@my-gemini-app.iam.gserviceaccount.com";
  EXPECT_EQ(sa.body["name"], "projects/my-gemini-app/serviceAccounts/" + email);
  EXPECT_EQ(sa.body["email"], email);
  EXPECT_EQ(sa.body["projectId"], "my-gemini-app");
  EXPECT_EQ(sa.body["displayName"], "Gemini caller");
  EXPECT_EQ(sa.body["oauth2ClientId"], sa.body["uniqueId"]);
  EXPECT_EQ(call("GET", "/v1/projects/-/serviceAccounts/" + email, owner_).body["uniqueId"], sa.body["uniqueId"]);
  EXPECT_EQ(call("GET", "/v1/projects/my-gemini-app/serviceAccounts", owner_).body["accounts"].size(), 1u);
  json p = call("POST", "/v1/projects/my-gemini-app:getIamPolicy", owner_, json::object()).body;
  p["bindings"].push_back({{"role", "roles/aiplatform.user"}, {"members", {"serviceAccount:" + email}}});
  Reply set = call("POST", "/v1/projects/my-gemini-app:setIamPolicy", owner_, {{"policy", p}});
  ASSERT_EQ(set.status, 200) << set.body.dump(2);
  EXPECT_NE(set.body["etag"], p["etag"]);
  EXPECT_EQ(set.body["bindings"].size(), 2u);

  // 5. A key file for it, which then works on Vertex AI.
  Reply sa_key = call("POST", "/v1/projects/-/serviceAccounts/" + email + "/keys", owner_,
                      {{"privateKeyType", "TYPE_GOOGLE_CREDENTIALS_FILE"}, {"keyAlgorithm", "KEY_ALG_RSA_2048"}});
  ASSERT_EQ(sa_key.status, 200) << sa_key.body.dump(2);
  EXPECT_EQ(sa_key.body["validBeforeTime"], "9999-12-31T23:59:59Z");
  EXPECT_EQ(sa_key.body["keyOrigin"], "GOOGLE_PROVIDED");
  EXPECT_EQ(sa_key.body["keyType"], "USER_MANAGED");
  EXPECT_EQ(sa_key.body["privateKeyType"], "TYPE_GOOGLE_CREDENTIALS_FILE");
  std::string std64 = sa_key.body["privateKeyData"];
  for (char& c : std64) c = c == '+' ? '-' : c == '/' ? '_' : c;
  const json file = json::parse(emulator::base64url_decode(std64).value_or("{}"));
  ASSERT_EQ(file.value("type", ""), "service_account");
  EXPECT_EQ(file["client_email"], email);
  EXPECT_EQ(sa_key.body["name"], "projects/my-gemini-app/serviceAccounts/" + email + "/keys/" + file["private_key_id"].get<std::string>());
  Reply keys = call("GET", "/v1/projects/my-gemini-app/serviceAccounts/" + email + "/keys", owner_);
  ASSERT_EQ(keys.body["keys"].size(), 1u);
  EXPECT_FALSE(keys.body["keys"][0].contains("privateKeyData"));
  const long long now = unix_now();
  const json claims = {{"iss", email}, {"scope", kCloudPlatform}, {"aud", file["token_uri"]}, {"iat", now}, {"exp", now + 3600}};
  const std::string jwt = make_jwt({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", file["private_key_id"]}}, claims, file["private_key"]);
  auto token = http_->Post("/token", httplib::Params{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", jwt}});
  ASSERT_TRUE(token && token->status == 200);
  const std::string sa_token = json::parse(token->body)["access_token"];
  Reply vertex = call("POST", "/v1/projects/my-gemini-app/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent",
                      sa_token, json::parse(kPrompt));
  EXPECT_EQ(vertex.status, 200) << vertex.body.dump(2);

  // 6. Deleting the key revokes the API key and the service-account key.
  Reply del = call("DELETE", key_path, owner_);
  EXPECT_EQ(del.status, 200);
  EXPECT_TRUE(del.body["response"].contains("deleteTime"));
  EXPECT_EQ(generate_with_key(key_string), 400);
  EXPECT_EQ(call("DELETE", "/v1/" + sa_key.body["name"].get<std::string>(), owner_).body, json::object());
  EXPECT_EQ(call("GET", "/v1/projects/my-gemini-app/serviceAccounts/" + email + "/keys", owner_).body, json::object());
}

// A request field of the wrong JSON type is Google's 400 naming the field;
// one the type checks do not model, but a handler reads, is still a 400
// (from the server's exception handler), never an empty 500.
TEST_F(CloudApisTest, WrongFieldTypeIsA400NotACrash) {
  const httplib::Headers key_header{{"x-goog-api-key", key()}};
  auto res = http_->Post("/v1beta/models/gemini-2.5-flash:generateContent", key_header,
                         R"({"contents":[{"parts":[{"inlineData":{"mimeType":5,"data":"eA=="}}]}]})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  json body = json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << res->body;
  EXPECT_EQ(body["error"]["message"], "Invalid value at 'contents[0].parts[0].inline_data.mime_type' (TYPE_STRING), 5");
  EXPECT_EQ(body["error"]["details"][0]["fieldViolations"][0]["field"], "contents[0].parts[0].inline_data.mime_type");

  res = http_->Post("/v1beta/models/gemini-2.5-flash:generateContent", key_header,
                    R"({"contents":[{"parts":[{"text":"hi"}]}],"toolConfig":{"functionCallingConfig":{"mode":9}}})",
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  body = json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << res->body;
  EXPECT_EQ(body["error"]["status"], "INVALID_ARGUMENT") << res->body;
  EXPECT_NE(body["error"]["message"].get<std::string>().find("Invalid JSON payload received"), std::string::npos);
  EXPECT_EQ(body["error"]["message"].get<std::string>().find("json.exception"), std::string::npos);

  // Numbers as strings are valid proto JSON: the handlers see numbers.
  res = http_->Post("/v1beta/models/gemini-2.5-flash:generateContent", key_header,
                    R"({"contents":[{"parts":[{"text":"hi"}]}],"generationConfig":{"candidateCount":"2","temperature":"0.5"}})",
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  body = json::parse(res->body, nullptr, false);
  EXPECT_EQ(body["candidates"].size(), 2u) << res->body;
  EXPECT_EQ(generate_with_key(key()), 200);  // and the server goes on serving
}

TEST_F(CloudApisTest, StaleEtagIsAborted) {
  create_project("etag-project");
  const json first = call("POST", "/v1/projects/etag-project:getIamPolicy", owner_, json::object()).body;
  json a = first, b = first;
  a["bindings"].push_back({{"role", "roles/viewer"}, {"members", {"user:a@example.com"}}});
  b["bindings"].push_back({{"role", "roles/viewer"}, {"members", {"user:b@example.com"}}});
  ASSERT_EQ(call("POST", "/v1/projects/etag-project:setIamPolicy", owner_, {{"policy", a}}).status, 200);
  Reply stale = call("POST", "/v1/projects/etag-project:setIamPolicy", owner_, {{"policy", b}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.body["error"]["status"], "ABORTED");
  EXPECT_EQ(stale.body["error"]["message"],
            "There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.");
  Reply v3 = call("POST", "/v3/projects/etag-project:setIamPolicy", owner_, {{"policy", b}});
  EXPECT_EQ(v3.status, 409);
  EXPECT_NE(v3.body["error"]["message"].get<std::string>().find("did not match the current policy's ETag"), std::string::npos);
  // b@ never got in; a@ did.
  const json now = call("POST", "/v3/projects/etag-project:getIamPolicy", owner_, json::object()).body;
  EXPECT_NE(now.dump().find("user:a@example.com"), std::string::npos);
  EXPECT_EQ(now.dump().find("user:b@example.com"), std::string::npos);
}

TEST_F(CloudApisTest, ViewerCannotEnableApis) {
  create_project("viewer-project");
  ASSERT_TRUE(state().add_binding("viewer-project", "roles/viewer", "user:viewer@example.com"));
  const std::string viewer = user_token("viewer@example.com");
  Reply r = enable("viewer-project", "generativelanguage.googleapis.com", viewer);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(r.body["error"]["message"].get<std::string>().rfind(
                "Permission denied to enable service [generativelanguage.googleapis.com]", 0),
            0u);
  EXPECT_NE(r.body.dump().find("serviceusage.services.enable"), std::string::npos);
  EXPECT_EQ(r.body["error"]["details"][1]["reason"], "AUTH_PERMISSION_DENIED");
  // A viewer can still read, but not set, the policy; v1 does not say why.
  EXPECT_EQ(call("POST", "/v1/projects/viewer-project:getIamPolicy", viewer, json::object()).status, 200);
  Reply set = call("POST", "/v1/projects/viewer-project:setIamPolicy", viewer, {{"policy", json::object()}});
  EXPECT_EQ(set.status, 403);
  EXPECT_EQ(set.body["error"]["message"], "The caller does not have permission");
  Reply set3 = call("POST", "/v3/projects/viewer-project:setIamPolicy", viewer, {{"policy", json::object()}});
  EXPECT_EQ(set3.body["error"]["details"][0]["metadata"]["permission"], "resourcemanager.projects.setIamPolicy");
  // Nor create keys or service accounts.
  Reply key = call("POST", "/v2/projects/viewer-project/locations/global/keys", viewer, json::object());
  EXPECT_EQ(key.status, 403);
  EXPECT_EQ(key.body["error"]["details"][0]["metadata"]["permission"], "apikeys.keys.create");
  Reply sa = call("POST", "/v1/projects/viewer-project/serviceAccounts", viewer, {{"accountId", "nope-nope"}});
  EXPECT_EQ(sa.status, 403);
  EXPECT_EQ(sa.body["error"]["message"], "Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist).");
}

TEST_F(CloudApisTest, UnknownServiceAndNoCredentials) {
  create_project("svc-project");
  Reply r = enable("svc-project", "nosuch.googleapis.com", owner_);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["error"]["message"], "Not found or permission denied for service(s): nosuch.googleapis.com.");
  EXPECT_EQ(r.body["error"]["details"][1]["reason"], "SERVICE_CONFIG_NOT_FOUND_OR_PERMISSION_DENIED");
  Reply anon = enable("svc-project", "generativelanguage.googleapis.com", "");
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.body["error"]["details"][0]["reason"], "CREDENTIALS_MISSING");
  // An API key is no credential for these APIs.
  Reply keyed = call("GET", "/v1/projects/svc-project/services/generativelanguage.googleapis.com", "",
                     json(), {{"x-goog-api-key", key()}});
  EXPECT_EQ(keyed.status, 401);
}

TEST_F(CloudApisTest, TestIamPermissionsReturnsOnlyHeldOnes) {
  create_project("perm-project");
  ASSERT_TRUE(state().add_binding("perm-project", "roles/aiplatform.user", "user:dev@example.com"));
  const std::string dev = user_token("dev@example.com");
  const json ask = {{"permissions", {"aiplatform.endpoints.predict", "resourcemanager.projects.setIamPolicy",
                                     "iam.serviceAccountKeys.create"}}};
  Reply r = call("POST", "/v1/projects/perm-project:testIamPermissions", dev, ask);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, json::parse(R"({"permissions":["aiplatform.endpoints.predict"]})"));
  EXPECT_EQ(call("POST", "/v3/projects/perm-project:testIamPermissions", owner_, ask).body["permissions"].size(), 3u);
  const std::string stranger = user_token("stranger@example.com");
  EXPECT_EQ(call("POST", "/v1/projects/perm-project:testIamPermissions", stranger, ask).body, json::object());
  Reply wild = call("POST", "/v1/projects/perm-project:testIamPermissions", dev, {{"permissions", {"aiplatform.*"}}});
  EXPECT_EQ(wild.status, 400);
  EXPECT_EQ(wild.body["error"]["status"], "INVALID_ARGUMENT");
}

TEST_F(CloudApisTest, LookupKeyFindsTheKeysProject) {
  const std::string number = create_project("lookup-project");
  Reply op = call("POST", "/v2/projects/lookup-project/locations/global/keys?keyId=my-key", owner_,
                  {{"displayName", "named"}});
  ASSERT_EQ(op.status, 200) << op.body.dump(2);
  EXPECT_EQ(op.body["response"]["uid"], "my-key");
  const std::string key_string = op.body["response"]["keyString"];
  Reply r = call("GET", "/v2/keys:lookupKey?keyString=" + key_string, owner_);
  ASSERT_EQ(r.status, 200) << r.body.dump(2);
  EXPECT_EQ(r.body, json({{"parent", "projects/" + number + "/locations/global"},
                          {"name", "projects/" + number + "/locations/global/keys/my-key"}}));
  EXPECT_EQ(call("GET", "/v2/keys:lookupKey?keyString=AIzaNotAKey", owner_).status, 404);
  // Someone without apikeys.keys.lookup on that project is refused.
  const std::string stranger = user_token("stranger@example.com");
  EXPECT_EQ(call("GET", "/v2/keys:lookupKey?keyString=" + key_string, stranger).status, 403);
  // The same id twice is ALREADY_EXISTS.
  EXPECT_EQ(call("POST", "/v2/projects/lookup-project/locations/global/keys?keyId=my-key", owner_, json::object()).status, 409);
}

TEST_F(CloudApisTest, ProjectErrors) {
  create_project("dup-project");
  Reply dup = call("POST", "/v3/projects", owner_, {{"projectId", "dup-project"}});
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.body["error"]["status"], "ALREADY_EXISTS");
  EXPECT_EQ(call("POST", "/v3/projects", owner_, {{"projectId", "Bad_Id"}}).status, 400);
  const std::string stranger = user_token("stranger@example.com");
  Reply v1 = call("GET", "/v1/projects/dup-project", stranger);
  EXPECT_EQ(v1.status, 403);
  EXPECT_EQ(v1.body["error"]["message"], "The caller does not have permission");
  Reply v3 = call("GET", "/v3/projects/no-such-project", stranger);
  EXPECT_EQ(v3.status, 403);
  EXPECT_EQ(v3.body["error"]["message"],
            "Permission 'resourcemanager.projects.get' denied on resource "
            "'//cloudresourcemanager.googleapis.com/projects/no-such-project' (or it may not exist).");
  EXPECT_EQ(v3.body["error"]["details"][0]["domain"], "cloudresourcemanager.googleapis.com");
}

TEST_F(CloudApisTest, StateSurvivesASaveAndLoad) {
  create_project("saved-project");
  ASSERT_EQ(call("POST", "/v2/projects/saved-project/locations/global/keys?keyId=kept", owner_, json::object()).status, 200);
  emulator::State copy;
  ASSERT_TRUE(copy.load_json(state().to_json()));
  EXPECT_EQ(copy.project("saved-project")->display_name, "Gemini saved-project");
  EXPECT_FALSE(copy.key_by_uid("kept")->create_time.empty());
}

}  // namespace
}  // namespace genai::testing
