// genai-emulator's web console (/console): its JSON API changes the same
// state as Google's REST APIs (a change on one side is seen on the other at
// once, and by `genai doctor`), its gate refuses cross-site and unauthenticated
// requests, and AI Studio's "Get API key" fails and succeeds exactly as the
// tutorial says. The pages themselves are driven in a real browser by
// tests/browser/console_walkthrough.mjs.
#include <httplib.h>

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "tests/support/console_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

TEST_F(ConsoleTest, PageAndFilesAreServedWithAStrictContentSecurityPolicy) {
  httplib::Client http(base_url());
  auto page = http.Get("/console");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=UTF-8");
  const std::string csp = page->get_header_value("Content-Security-Policy");
  EXPECT_HAS(csp, "default-src 'none'");
  EXPECT_HAS(csp, "script-src 'self'");
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
  const std::string cookie = page->get_header_value("Set-Cookie");
  EXPECT_HAS(cookie, "HttpOnly");
  EXPECT_HAS(cookie, "SameSite=Strict");
  // No inline script, and nothing from another site.
  EXPECT_EQ(page->body.find("<script>"), std::string::npos);
  EXPECT_EQ(page->body.find("http"), std::string::npos) << page->body;

  auto script = http.Get("/console/static/core.js", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=UTF-8");
  EXPECT_HAS(script->body, "textContent");
  // Without the session cookie, nothing but the page itself.
  auto anonymous = http.Get("/console/static/core.js");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  auto api = http.Get("/console/api/projects");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 401);
  EXPECT_HAS(api->body, "\"status\": \"UNAUTHENTICATED\"");
}

TEST_F(ConsoleTest, ChangesWithoutTheCsrfTokenOrFromAnotherSiteAreRefused) {
  const json body = {{"projectId", "csrf-victim"}};
  ConsoleReply no_token = console_->call("POST", "projects", body, {}, /*with_csrf=*/false);
  EXPECT_EQ(no_token.status, 403) << no_token.text;
  EXPECT_HAS(no_token.text, "X-Console-Csrf");
  ConsoleReply wrong_token = console_->call("POST", "projects", body, {{"X-Console-Csrf", "0123"}}, false);
  EXPECT_EQ(wrong_token.status, 403);
  ConsoleReply other_site = console_->call("POST", "projects", body, {{"Origin", "https://evil.example"}}, true, false);
  EXPECT_EQ(other_site.status, 403);
  EXPECT_HAS(other_site.text, "another site");
  ConsoleReply no_origin = console_->call("POST", "projects", body, {}, true, false);
  EXPECT_EQ(no_origin.status, 403);
  ConsoleReply fetch_metadata = console_->call("POST", "projects", body, {{"Sec-Fetch-Site", "cross-site"}});
  EXPECT_EQ(fetch_metadata.status, 403);

  // A cross-site HTML form: text/plain or form-encoded body, no custom header.
  httplib::Client http(base_url());
  auto form = http.Post("/console/api/projects",
                        {{"Cookie", console_->cookie()}, {"Origin", base_url()}, {"X-Console-Csrf", "x"}},
                        "projectId=csrf-victim", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 403);
  // A DNS name rebound to 127.0.0.1: refused by its Host.
  auto rebound = http.Get("/console", {{"Host", "evil.example:80"}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 403);
  EXPECT_FALSE(state().project("csrf-victim"));

  // The same request from the console's own page goes through.
  ConsoleReply ok = console_->call("POST", "projects", body);
  EXPECT_EQ(ok.status, 200) << ok.text;
  EXPECT_TRUE(state().project("csrf-victim"));
}

TEST_F(ConsoleTest, RefusalPagesEscapeWhatTheRequestSaid) {
  httplib::Client http(base_url());
  auto page = http.Get("/console", {{"Origin", "http://<script>alert(1)</script>"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 403);
  EXPECT_EQ(page->body.find("<script>"), std::string::npos) << page->body;
  EXPECT_HAS(page->body, "&lt;script&gt;");
}

TEST_F(ConsoleTest, ProjectsAndApisAreTheRestApisState) {
  const std::string token = owner_token();
  ConsoleReply made = console_->call("POST", "projects", {{"projectId", "console-made"}, {"displayName", "Console made"}});
  ASSERT_EQ(made.status, 200) << made.text;
  // Resource Manager sees it, with the console's user as its Owner.
  ConsoleReply got = rest("GET", "/v3/projects/console-made", token);
  ASSERT_EQ(got.status, 200) << got.text;
  EXPECT_EQ(got.body["displayName"], "Console made");
  ConsoleReply policy = rest("POST", "/v1/projects/console-made:getIamPolicy", token, json::object());
  ASSERT_EQ(policy.status, 200) << policy.text;
  EXPECT_EQ(policy.body["bindings"][0]["role"], "roles/owner");
  EXPECT_EQ(policy.body["bindings"][0]["members"][0], "user:owner@example.com");
  ConsoleReply taken = console_->call("POST", "projects", {{"projectId", "console-made"}});
  EXPECT_EQ(taken.status, 409);

  // Enabled in the console: Service Usage says ENABLED.
  ConsoleReply on = console_->call("POST", "projects/console-made/services/generativelanguage.googleapis.com:enable");
  ASSERT_EQ(on.status, 200) << on.text;
  ConsoleReply svc = rest("GET", "/v1/projects/console-made/services/generativelanguage.googleapis.com", token);
  EXPECT_EQ(svc.body["state"], "ENABLED") << svc.text;
  // Enabled through Service Usage: the console's library says so.
  ConsoleReply rest_on = rest("POST", "/v1/projects/console-made/services/aiplatform.googleapis.com:enable", token, json::object());
  ASSERT_EQ(rest_on.status, 200) << rest_on.text;
  ConsoleReply library = console_->call("GET", "projects/console-made/services");
  bool vertex_on = false;
  for (const json& s : library.body["services"]) {
    if (s["name"] == "aiplatform.googleapis.com") vertex_on = s["enabled"];
  }
  EXPECT_TRUE(vertex_on) << library.text;
  ConsoleReply off = console_->call("POST", "projects/console-made/services/aiplatform.googleapis.com:disable");
  ASSERT_EQ(off.status, 200);
  EXPECT_EQ(rest("GET", "/v1/projects/console-made/services/aiplatform.googleapis.com", token).body["state"], "DISABLED");
  EXPECT_EQ(console_->call("POST", "projects/console-made/services/serviceusage.googleapis.com:disable").status, 400);
}

TEST_F(ConsoleTest, AiStudioKeyFailsUntilTheGenerativeLanguageApiIsEnabled) {
  ASSERT_TRUE(state().create_project("studio-project"));
  ASSERT_TRUE(state().add_binding("studio-project", "roles/owner", "user:owner@example.com"));
  ConsoleReply denied = console_->call("POST", "projects/studio-project/aiStudioKeys", json::object());
  EXPECT_EQ(denied.status, 403) << denied.text;
  EXPECT_EQ(denied.body["error"]["message"], "Failed to generate API key: permission denied. Please try again.");
  EXPECT_EQ(denied.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(denied.body["error"]["details"][0]["reason"], "SERVICE_DISABLED");
  EXPECT_EQ(denied.body["error"]["details"][0]["metadata"]["service"], "generativelanguage.googleapis.com");
  // The admin API's endpoint for tools (genai demo) is the same function.
  httplib::Client http(base_url());
  auto admin = http.Post("/emulator/v1/projects/studio-project/aiStudioKeys", "{}", "application/json");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->status, 403);
  EXPECT_EQ(json::parse(admin->body)["error"]["message"], emulator::kAiStudioKeyDenied);
  EXPECT_TRUE(state().keys().size() == 1);  // only the fixture's key

  ASSERT_EQ(console_->call("POST", "projects/studio-project/services/generativelanguage.googleapis.com:enable").status, 200);
  ConsoleReply made = console_->call("POST", "projects/studio-project/aiStudioKeys", json::object());
  ASSERT_EQ(made.status, 200) << made.text;
  EXPECT_EQ(made.body["kind"], "studio");
  EXPECT_EQ(made.body["displayName"], "Gemini API Key");
  EXPECT_EQ(made.body["apiTargets"], json::array({"generativelanguage.googleapis.com"}));
  const std::string key = made.body["keyString"];
  EXPECT_TRUE(std::regex_match(key, std::regex("AIza[0-9A-Za-z_-]{35}")));
  // The key works for Gemini at once.
  auto answer = client(key).models().generate_content("gemini-2.5-flash", "Hello");
  EXPECT_TRUE(answer.ok()) << (answer.ok() ? "" : answer.error().message);
  // Shown once: no list carries the key string again.
  EXPECT_EQ(console_->call("GET", "aiStudioKeys").text.find(key), std::string::npos);
  EXPECT_EQ(console_->call("GET", "projects/studio-project/keys").text.find(key), std::string::npos);

  auto admin_made = http.Post("/emulator/v1/projects/studio-project/aiStudioKeys", R"({"displayName": "CLI key"})",
                              "application/json");
  ASSERT_TRUE(admin_made);
  ASSERT_EQ(admin_made->status, 200) << admin_made->body;
  EXPECT_EQ(json::parse(admin_made->body)["kind"], "studio");
  EXPECT_EQ(json::parse(admin_made->body)["displayName"], "CLI key");
  auto missing = http.Post("/emulator/v1/projects/no-such-project/aiStudioKeys", "{}", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(ConsoleTest, DoctorSeesTheConsolesKeysAndRestrictionsAtOnce) {
  enable("generativelanguage.googleapis.com");
  ConsoleReply studio = console_->call("POST", std::string("projects/") + kProject + "/aiStudioKeys", json::object());
  ASSERT_EQ(studio.status, 200) << studio.text;
  auto d = genai({"doctor"}, {{"GEMINI_API_KEY", studio.body["keyString"]}, {"GOOGLE_APPLICATION_CREDENTIALS", owner_file_}});
  EXPECT_EQ(d.exit_code, 0) << d.out << d.err;
  EXPECT_HAS(d.out, "an AI Studio key");

  ConsoleReply console_key = console_->call("POST", std::string("projects/") + kProject + "/keys",
                                     {{"displayName", "backend"}, {"apiTargets", {"generativelanguage.googleapis.com"}}});
  ASSERT_EQ(console_key.status, 200) << console_key.text;
  const std::string key = console_key.body["keyString"];
  // Restricted in the console to an address the caller is not at: doctor names it.
  ConsoleReply patched = console_->call("PATCH", std::string("projects/") + kProject + "/keys/" + console_key.body["uid"].get<std::string>(),
                                 {{"displayName", "backend"}, {"allowedIps", {"192.0.2.7"}}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  EXPECT_EQ(state().key_by_string(key)->allowed_ips, std::vector<std::string>{"192.0.2.7"});
  auto blocked = genai({"doctor"}, {{"GEMINI_API_KEY", key}, {"GOOGLE_APPLICATION_CREDENTIALS", owner_file_}});
  EXPECT_EQ(blocked.exit_code, 3) << blocked.out;
  EXPECT_HAS(blocked.out, "192.0.2.7");
  ConsoleReply both = console_->call("PATCH", std::string("projects/") + kProject + "/keys/" + console_key.body["uid"].get<std::string>(),
                              {{"allowedIps", {"192.0.2.7"}}, {"allowedReferrers", {"https://example.com/*"}}});
  EXPECT_EQ(both.status, 400);
}

TEST_F(ConsoleTest, ServiceAccountWithEditorThenVertexAiUserAndAKeyTheEmulatorAccepts) {
  enable("aiplatform.googleapis.com");
  const std::string token = owner_token();
  ConsoleReply sa = console_->call("POST", std::string("projects/") + kProject + "/serviceAccounts",
                            {{"accountId", "gemini-caller"}, {"displayName", "Gemini caller"}, {"roles", {"roles/editor"}}});
  ASSERT_EQ(sa.status, 200) << sa.text;
  const std::string email = sa.body["email"];
  EXPECT_EQ(email, std::string("gemini-caller@") + kProject + ".iam.gserviceaccount.com");
  // IAM's REST API sees the account and the binding.
  EXPECT_EQ(rest("GET", std::string("/v1/projects/") + kProject + "/serviceAccounts/" + email, token).status, 200);
  ConsoleReply policy = rest("POST", std::string("/v1/projects/") + kProject + ":getIamPolicy", token, json::object());
  EXPECT_HAS(policy.text, "serviceAccount:" + email);
  EXPECT_EQ(console_->call("POST", std::string("projects/") + kProject + "/serviceAccounts",
                           {{"accountId", "bad-role-acct"}, {"roles", {"roles/nope"}}}).status, 400);

  // The JSON key: made by IAM's own key maker, so the token endpoint takes it.
  ConsoleReply key = console_->call("POST", std::string("projects/") + kProject + "/serviceAccounts/" + email + "/keys");
  ASSERT_EQ(key.status, 200) << key.text;
  const json file = json::parse(key.body["keyFile"].get<std::string>());
  EXPECT_EQ(file["type"], "service_account");
  EXPECT_EQ(file["client_email"], email);
  EXPECT_EQ(file["token_uri"], base_url() + "/token");
  ConsoleReply keys = rest("GET", std::string("/v1/projects/") + kProject + "/serviceAccounts/" + email + "/keys", token);
  EXPECT_HAS(keys.text, key.body["keyId"].get<std::string>());
  EXPECT_EQ(console_->call("GET", std::string("projects/") + kProject + "/serviceAccounts").text.find("PRIVATE KEY"),
            std::string::npos);
  const std::string path = dir_ + "/console-key.json";
  std::ofstream(path) << file.dump();
  auto call = genai(plus(vertex(path), {"generate", "Hello"}));
  EXPECT_EQ(call.exit_code, 0) << call.out << call.err;

  // Editor → Vertex AI User, as the tutorial advises: IAM's REST API sees it.
  ConsoleReply iam = console_->call("GET", std::string("projects/") + kProject + "/iam");
  ConsoleReply tightened = console_->call("POST", std::string("projects/") + kProject + "/iam:setMemberRoles",
                                   {{"member", "serviceAccount:" + email}, {"roles", {"roles/aiplatform.user"}},
                                    {"version", iam.body["version"]}});
  ASSERT_EQ(tightened.status, 200) << tightened.text;
  policy = rest("POST", std::string("/v1/projects/") + kProject + ":getIamPolicy", token, json::object());
  for (const json& b : policy.body["bindings"]) {
    const bool has = b["members"].dump().find(email) != std::string::npos;
    EXPECT_EQ(has, b["role"] == "roles/aiplatform.user") << b.dump();
  }
  EXPECT_EQ(genai(plus(vertex(path), {"generate", "Hello"})).exit_code, 0);
  // A policy changed meanwhile through setIamPolicy: the console's stale version is refused.
  ConsoleReply stale = console_->call("POST", std::string("projects/") + kProject + "/iam:setMemberRoles",
                               {{"member", "user:someone@example.com"}, {"roles", {"roles/viewer"}},
                                {"version", iam.body["version"]}});
  EXPECT_EQ(stale.status, 409) << stale.text;
  // And the other way round: a binding made through the REST API shows in the console.
  ASSERT_TRUE(state().add_binding(kProject, "roles/viewer", "user:rest@example.com"));
  EXPECT_HAS(console_->call("GET", std::string("projects/") + kProject + "/iam").text, "user:rest@example.com");
}

TEST_F(ConsoleTest, OAuthClientNeedsTheConsentScreenAndDownloadsClientSecretJson) {
  const std::string base = std::string("projects/") + kProject + "/oauth";
  ConsoleReply early = console_->call("POST", base + "/clients", {{"applicationType", "installed"}});
  EXPECT_EQ(early.status, 400) << early.text;
  EXPECT_HAS(early.text, "configure your consent screen");
  ASSERT_EQ(console_->call("POST", base + "/consent", {{"appName", "Gemini app"}, {"supportEmail", "owner@example.com"}}).status, 200);
  ConsoleReply made = console_->call("POST", base + "/clients", {{"displayName", "Desktop client 1"}, {"applicationType", "installed"}});
  ASSERT_EQ(made.status, 200) << made.text;
  const json file = json::parse(made.body["clientSecretFile"].get<std::string>());
  EXPECT_EQ(file["installed"]["client_id"], made.body["clientId"]);
  EXPECT_EQ(file["installed"]["client_secret"], made.body["clientSecret"]);
  EXPECT_EQ(file["installed"]["token_uri"], base_url() + "/token");
  EXPECT_EQ(made.body["fileName"], "client_secret_" + made.body["clientId"].get<std::string>() + ".json");
  // The token endpoint knows the client; the list does not show its secret again.
  EXPECT_TRUE(state().oauth_client(made.body["clientId"]));
  ConsoleReply list = console_->call("GET", base);
  EXPECT_EQ(list.body["consent"]["appName"], "Gemini app");
  EXPECT_EQ(list.text.find(made.body["clientSecret"].get<std::string>()), std::string::npos);
  // The consent screen and the client's name and type survive the state file.
  emulator::State reloaded;
  ASSERT_TRUE(reloaded.load_json(state().to_json()));
  EXPECT_EQ(reloaded.project(kProject)->oauth_app_name, "Gemini app");
  EXPECT_EQ(reloaded.project(kProject)->oauth_support_email, "owner@example.com");
  const auto clients = reloaded.oauth_clients(kProject);
  const auto it = std::find_if(clients.begin(), clients.end(),
                               [&](const emulator::OAuthClient& c) { return c.client_id == made.body["clientId"]; });
  ASSERT_NE(it, clients.end());
  EXPECT_EQ(it->display_name, "Desktop client 1");
  EXPECT_EQ(it->application_type, "installed");
}

// The Console's Edit renames an OAuth client; Delete takes it off the lists,
// and its users' refresh tokens then get the token endpoint's deleted_client,
// also after the state file is reloaded.
TEST_F(ConsoleTest, OAuthClientIsRenamedAndDeletedAndItsTokensStop) {
  const std::string base = std::string("projects/") + kProject + "/oauth";
  ASSERT_EQ(console_->call("POST", base + "/consent", {{"appName", "Gemini app"}, {"supportEmail", "owner@example.com"}}).status, 200);
  ConsoleReply made = console_->call("POST", base + "/clients", {{"displayName", "Desktop client 1"}, {"applicationType", "installed"}});
  ASSERT_EQ(made.status, 200) << made.text;
  const std::string id = made.body["clientId"];
  const std::string path = base + "/clients/" + id;

  ConsoleReply renamed = console_->call("PATCH", path, {{"displayName", "Laptop"}});
  ASSERT_EQ(renamed.status, 200) << renamed.text;
  EXPECT_EQ(renamed.body["displayName"], "Laptop");
  EXPECT_FALSE(renamed.body.contains("clientSecret"));
  EXPECT_EQ(state().oauth_client(id)->display_name, "Laptop");
  EXPECT_EQ(console_->call("PATCH", path, {{"displayName", ""}}).status, 400);
  EXPECT_EQ(console_->call("PATCH", base + "/clients/no-such-client", {{"displayName", "x"}}).status, 404);

  auto grant = state().create_user_grant(id, "owner@example.com", "https://www.googleapis.com/auth/cloud-platform");
  ASSERT_TRUE(grant);
  httplib::Client http(base_url());
  const httplib::Params refresh{{"grant_type", "refresh_token"}, {"client_id", id},
                                {"client_secret", made.body["clientSecret"].get<std::string>()},
                                {"refresh_token", grant->refresh_token}};
  auto before = http.Post("/token", refresh);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->status, 200) << before->body;

  ConsoleReply deleted = console_->call("DELETE", path);
  ASSERT_EQ(deleted.status, 200) << deleted.text;
  EXPECT_EQ(console_->call("GET", base).text.find(id), std::string::npos);
  EXPECT_EQ(console_->call("DELETE", path).status, 404);
  EXPECT_EQ(console_->call("PATCH", path, {{"displayName", "again"}}).status, 404);
  auto after = http.Post("/token", refresh);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  const json body = json::parse(after->body, nullptr, false);
  EXPECT_EQ(body.value("error", ""), "deleted_client") << after->body;
  EXPECT_EQ(body.value("error_description", ""), "The OAuth client was deleted.");
  EXPECT_FALSE(state().create_user_grant(id, "owner@example.com", "https://www.googleapis.com/auth/cloud-platform"));

  emulator::State reloaded;
  ASSERT_TRUE(reloaded.load_json(state().to_json()));
  ASSERT_TRUE(reloaded.oauth_client(id));
  EXPECT_TRUE(reloaded.oauth_client(id)->deleted);
  const auto listed = reloaded.oauth_clients(kProject);
  EXPECT_TRUE(std::none_of(listed.begin(), listed.end(),
                           [&](const emulator::OAuthClient& c) { return c.client_id == id; }));
}

class ConsoleOnAllInterfacesTest : public EmulatorTest {
 protected:
  // The network here is loopback only; the test reaches it at 127.0.0.1.
  void configure(emulator::ServerOptions& o) override { o.host = "0.0.0.0"; }
};

TEST_F(ConsoleOnAllInterfacesTest, ConsoleNeedsTheAdminTokenAndTradesItForASessionCookie) {
  httplib::Client http("127.0.0.1", server_->port());
  auto bare = http.Get("/console");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 401);
  EXPECT_HAS(bare->body, "admin token");
  EXPECT_TRUE(bare->get_header_value("Set-Cookie").empty());
  auto wrong = http.Get("/console?token=not-the-token");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);

  auto right = http.Get("/console?token=" + server_->admin_token());
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 303);
  EXPECT_EQ(right->get_header_value("Location"), "/console");  // the token leaves the address bar
  const std::string set_cookie = right->get_header_value("Set-Cookie");
  ASSERT_FALSE(set_cookie.empty());
  EXPECT_EQ(set_cookie.find(server_->admin_token()), std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  auto page = http.Get("/console", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  auto session = http.Get("/console/api/session", {{"Cookie", cookie}});
  ASSERT_TRUE(session);
  ASSERT_EQ(session->status, 200);
  EXPECT_EQ(json::parse(session->body)["adminTokenRequired"], true);
  // A made-up cookie is no session.
  auto forged = http.Get("/console/api/projects", {{"Cookie", "genai_console=0000"}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
}

}  // namespace
}  // namespace genai::testing
