// genai-emulator's web console acts as its signed-in user, as the Cloud
// Console does: each change needs the IAM permission Google's REST API would
// ask of that user, refused with the REST API's own 403. And the admin API
// and the console show an API key through one builder.
#include <httplib.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"
#include "tests/support/console_fixture.h"

namespace genai::testing {
namespace {

// The console acts as its signed-in user, as the real Console does: each
// change needs the permission Google's REST API would ask of that user, and a
// refusal is Google's own 403.
TEST_F(ConsoleTest, ConsoleChangesNeedTheSignedInUsersIamPermissions) {
  const std::string token = owner_token();
  const std::string p = "projects/" + std::string(kProject);
  const std::string enable = p + "/services/aiplatform.googleapis.com:enable";
  ASSERT_EQ(console_->call("POST", enable).status, 200);
  // AI Studio checks the API before the user's rights: have it on.
  ASSERT_EQ(console_->call("POST", p + "/services/generativelanguage.googleapis.com:enable").status, 200);

  // The owner takes their own Owner role away through the IAM API, keeping Viewer.
  ConsoleReply policy = rest("POST", "/v1/projects/" + std::string(kProject) + ":getIamPolicy", token, json::object());
  ASSERT_EQ(policy.status, 200) << policy.text;
  json bindings = json::array();
  for (const json& b : policy.body["bindings"]) {
    if (b["role"] != "roles/owner") bindings.push_back(b);
  }
  bindings.push_back({{"role", "roles/viewer"}, {"members", {"user:owner@example.com"}}});
  ConsoleReply set = rest("POST", "/v1/projects/" + std::string(kProject) + ":setIamPolicy", token,
                   {{"policy", {{"bindings", bindings}, {"etag", policy.body["etag"]}}}});
  ASSERT_EQ(set.status, 200) << set.text;

  // Service Usage's refusal, word for word, for the REST API and the console alike.
  ConsoleReply rest_denied = rest("POST", "/v1/" + enable, token, json::object());
  ASSERT_EQ(rest_denied.status, 403) << rest_denied.text;
  ConsoleReply denied = console_->call("POST", enable);
  ASSERT_EQ(denied.status, 403) << denied.text;
  EXPECT_EQ(denied.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(denied.body["error"]["message"], rest_denied.body["error"]["message"]);
  EXPECT_NE(denied.text.find("serviceusage.services.enable"), std::string::npos) << denied.text;
  // Every other change is refused too: keys, service accounts, IAM, AI Studio.
  ConsoleReply key = console_->call("POST", p + "/keys", {{"displayName", "k"}});
  EXPECT_EQ(key.status, 403) << key.text;
  EXPECT_NE(key.text.find("apikeys.keys.create"), std::string::npos) << key.text;
  ConsoleReply sa = console_->call("POST", p + "/serviceAccounts", {{"accountId", "no-rights"}, {"roles", json::array()}});
  EXPECT_EQ(sa.status, 403) << sa.text;
  EXPECT_FALSE(state().service_account("no-rights@" + std::string(kProject) + ".iam.gserviceaccount.com"));
  ConsoleReply grant = console_->call("POST", p + "/iam:setMemberRoles",
                               {{"member", "user:owner@example.com"}, {"roles", {"roles/owner"}}, {"version", 0}});
  EXPECT_EQ(grant.status, 403) << grant.text;
  ConsoleReply studio = console_->call("POST", p + "/aiStudioKeys", json::object());
  EXPECT_EQ(studio.status, 403) << studio.text;
  EXPECT_EQ(studio.body["error"]["message"], emulator::kAiStudioKeyDenied);
  EXPECT_EQ(studio.body["error"]["details"][0]["reason"], "IAM_PERMISSION_DENIED");
  // Creating a project needs no role: any signed-in user may.
  EXPECT_EQ(console_->call("POST", "projects", {{"projectId", "anyone-may"}}).status, 200);
  // The picker lists what the user may see: the project they are Viewer of
  // and the one they just made, not one where they hold no role.
  ASSERT_TRUE(state().create_project("not-theirs"));
  std::vector<std::string> listed;
  const ConsoleReply projects = console_->call("GET", "projects");
  for (const json& pr : projects.body["projects"]) listed.push_back(pr["projectId"]);
  EXPECT_NE(std::find(listed.begin(), listed.end(), kProject), listed.end());
  EXPECT_NE(std::find(listed.begin(), listed.end(), "anyone-may"), listed.end());
  EXPECT_EQ(std::find(listed.begin(), listed.end(), "not-theirs"), listed.end());

  // Service Usage Admin, granted through the admin API, is enough to enable an API.
  httplib::Client http(base_url());
  auto granted = http.Post("/emulator/v1/projects/" + std::string(kProject) + "/members",
                           R"({"role": "roles/serviceusage.serviceUsageAdmin", "member": "user:owner@example.com"})",
                           "application/json");
  ASSERT_TRUE(granted && granted->status == 200);
  ConsoleReply allowed = console_->call("POST", enable);
  EXPECT_EQ(allowed.status, 200) << allowed.text;
  EXPECT_EQ(console_->call("POST", p + "/keys", {{"displayName", "k"}}).status, 403);  // still no key rights
  // Owner again: everything works.
  auto owner = http.Post("/emulator/v1/projects/" + std::string(kProject) + "/members",
                         R"({"role": "roles/owner", "member": "user:owner@example.com"})", "application/json");
  ASSERT_TRUE(owner && owner->status == 200);
  EXPECT_EQ(console_->call("POST", p + "/keys", {{"displayName", "k"}}).status, 200);
  EXPECT_EQ(console_->call("POST", p + "/services/aiplatform.googleapis.com:disable").status, 200);
}

// Reading a page needs the permission its REST API's list or get needs, and
// the OAuth pages (consent screen, clients) need Google's clientauthconfig.*
// permissions: a Vertex AI User sees the project in the picker but none of
// its pages; OAuth Config Editor is enough for the OAuth pages alone.
TEST_F(ConsoleTest, ConsolePagesNeedTheRightsTheirRestApisAsk) {
  const std::string p = "projects/" + std::string(kProject);
  const std::string me = "user:owner@example.com";
  ASSERT_TRUE(state().remove_binding(kProject, "roles/owner", me));
  ASSERT_TRUE(state().add_binding(kProject, "roles/aiplatform.user", me));

  const ConsoleReply projects = console_->call("GET", "projects");
  ASSERT_EQ(projects.status, 200) << projects.text;
  bool listed = false;
  for (const json& pr : projects.body["projects"]) listed = listed || pr["projectId"] == kProject;
  EXPECT_TRUE(listed) << "Vertex AI User holds resourcemanager.projects.get";

  // Each page is refused with the REST API's own words, naming the permission.
  const std::string token = owner_token();  // makes an OAuth client of its own
  const size_t clients = state().oauth_clients(kProject).size();
  struct Page {
    std::string console_path, permission, rest_method, rest_path;
  };
  const std::vector<Page> pages = {
      {p + "/services", "serviceusage.services.list", "GET", "/v1/" + p + "/services"},
      {p + "/keys", "apikeys.keys.list", "GET", "/v2/" + p + "/locations/global/keys"},
      {p + "/serviceAccounts", "iam.serviceAccounts.list", "GET", "/v1/" + p + "/serviceAccounts"},
      {p + "/iam", "resourcemanager.projects.getIamPolicy", "POST", "/v3/" + p + ":getIamPolicy"},
      {p + "/oauth", "clientauthconfig.clients.list", "", ""},
  };
  for (const Page& page : pages) {
    SCOPED_TRACE(page.console_path);
    const ConsoleReply denied = console_->call("GET", page.console_path);
    EXPECT_EQ(denied.status, 403) << denied.text;
    EXPECT_EQ(denied.body["error"]["status"], "PERMISSION_DENIED");
    EXPECT_NE(denied.text.find(page.permission), std::string::npos) << denied.text;
    if (page.rest_path.empty()) continue;
    const ConsoleReply rest_denied = rest(page.rest_method, page.rest_path, token,
                                          page.rest_method == "GET" ? json() : json::object());
    EXPECT_EQ(rest_denied.status, 403) << rest_denied.text;
    EXPECT_EQ(denied.body["error"]["message"], rest_denied.body["error"]["message"]);
  }
  // The OAuth changes too: the consent screen and a client.
  const ConsoleReply consent = console_->call("POST", p + "/oauth/consent",
                                              {{"appName", "Demo"}, {"supportEmail", "owner@example.com"}});
  EXPECT_EQ(consent.status, 403) << consent.text;
  EXPECT_NE(consent.text.find("clientauthconfig.brands.create"), std::string::npos) << consent.text;
  const ConsoleReply client = console_->call("POST", p + "/oauth/clients", {{"displayName", "Desktop"}});
  EXPECT_EQ(client.status, 403) << client.text;
  EXPECT_NE(client.text.find("clientauthconfig.clients.create"), std::string::npos) << client.text;
  EXPECT_EQ(state().oauth_clients(kProject).size(), clients);

  // OAuth Config Editor opens the OAuth pages, and only them.
  ASSERT_TRUE(state().add_binding(kProject, "roles/oauthconfig.editor", me));
  EXPECT_EQ(console_->call("GET", p + "/oauth").status, 200);
  EXPECT_EQ(console_->call("POST", p + "/oauth/consent", {{"appName", "Demo"}, {"supportEmail", "owner@example.com"}})
                .status,
            200);
  const ConsoleReply made = console_->call("POST", p + "/oauth/clients", {{"displayName", "Desktop"}});
  EXPECT_EQ(made.status, 200) << made.text;
  EXPECT_EQ(state().oauth_clients(kProject).size(), clients + 1);
  EXPECT_EQ(console_->call("GET", p + "/keys").status, 403);

  // Viewer reads every page and changes none.
  ASSERT_TRUE(state().remove_binding(kProject, "roles/oauthconfig.editor", me));
  ASSERT_TRUE(state().add_binding(kProject, "roles/viewer", me));
  for (const Page& page : pages) EXPECT_EQ(console_->call("GET", page.console_path).status, 200) << page.console_path;
  const ConsoleReply edit = console_->call("POST", p + "/oauth/consent",
                                           {{"appName", "Renamed"}, {"supportEmail", "owner@example.com"}});
  EXPECT_EQ(edit.status, 403) << edit.text;
  EXPECT_NE(edit.text.find("clientauthconfig.brands.update"), std::string::npos) << edit.text;
}

// Editing and deleting an OAuth client need clientauthconfig.clients.update
// and .delete: a Viewer gets IAM's 403 naming the permission and the client
// is left as it was; Editor may rename it, OAuth Config Editor delete it.
TEST_F(ConsoleTest, OAuthClientEditAndDeleteNeedTheirPermissions) {
  const std::string p = "projects/" + std::string(kProject);
  const std::string me = "user:owner@example.com";
  ASSERT_EQ(console_->call("POST", p + "/oauth/consent", {{"appName", "Demo"}, {"supportEmail", "owner@example.com"}})
                .status,
            200);
  const ConsoleReply made = console_->call("POST", p + "/oauth/clients", {{"displayName", "Desktop"}});
  ASSERT_EQ(made.status, 200) << made.text;
  const std::string id = made.body["clientId"];
  const std::string path = p + "/oauth/clients/" + id;

  ASSERT_TRUE(state().remove_binding(kProject, "roles/owner", me));
  ASSERT_TRUE(state().add_binding(kProject, "roles/viewer", me));
  const ConsoleReply rename = console_->call("PATCH", path, {{"displayName", "Renamed"}});
  EXPECT_EQ(rename.status, 403) << rename.text;
  EXPECT_EQ(rename.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_NE(rename.text.find("clientauthconfig.clients.update"), std::string::npos) << rename.text;
  const ConsoleReply remove = console_->call("DELETE", path);
  EXPECT_EQ(remove.status, 403) << remove.text;
  EXPECT_NE(remove.text.find("clientauthconfig.clients.delete"), std::string::npos) << remove.text;
  ASSERT_TRUE(state().oauth_client(id));
  EXPECT_EQ(state().oauth_client(id)->display_name, "Desktop");
  EXPECT_FALSE(state().oauth_client(id)->deleted);

  ASSERT_TRUE(state().add_binding(kProject, "roles/editor", me));
  const ConsoleReply renamed = console_->call("PATCH", path, {{"displayName", "Renamed"}});
  EXPECT_EQ(renamed.status, 200) << renamed.text;
  EXPECT_EQ(state().oauth_client(id)->display_name, "Renamed");

  ASSERT_TRUE(state().remove_binding(kProject, "roles/editor", me));
  EXPECT_EQ(console_->call("DELETE", path).status, 403);
  ASSERT_TRUE(state().add_binding(kProject, "roles/oauthconfig.editor", me));
  const ConsoleReply deleted = console_->call("DELETE", path);
  EXPECT_EQ(deleted.status, 200) << deleted.text;
  EXPECT_TRUE(state().oauth_client(id)->deleted);
}

// The admin API and the console show a key through one builder
// (handlers/key_view.h): the same fields with the same values, and the key
// string only in the answer that created it.
TEST_F(ConsoleTest, AdminApiAndConsoleShowAKeyAlike) {
  const std::string p = "projects/" + std::string(kProject);
  ConsoleReply made = console_->call("POST", p + "/keys", {{"displayName", "Shared view"},
                                                    {"allowedIps", {"203.0.113.0/24"}},
                                                    {"apiTargets", {"generativelanguage.googleapis.com"}}});
  ASSERT_EQ(made.status, 200) << made.text;
  const std::string uid = made.body["uid"];
  auto find = [&](const json& keys) {
    for (const json& k : keys) {
      if (k.value("uid", "") == uid) return k;
    }
    return json();
  };
  httplib::Client http(base_url());
  auto admin = http.Get("/emulator/v1/keys");
  ASSERT_TRUE(admin && admin->status == 200);
  const json admin_key = find(json::parse(admin->body)["keys"]);
  const json console_key = find(console_->call("GET", p + "/keys").body["keys"]);
  ASSERT_FALSE(console_key.is_null());
  EXPECT_EQ(admin_key, console_key);
  EXPECT_FALSE(console_key.contains("keyString"));
  json created = made.body;
  EXPECT_EQ(created["keyString"].get<std::string>().rfind("AIza", 0), 0u);
  created.erase("keyString");
  EXPECT_EQ(created, console_key);
  EXPECT_EQ(console_key["name"], "projects/" + std::string(kProject) + "/locations/global/keys/" + uid);
  EXPECT_EQ(console_key["allowedIps"], json::array({"203.0.113.0/24"}));
  EXPECT_EQ(console_key["kind"], "console");
  EXPECT_FALSE(console_key["createTime"].get<std::string>().empty());
}

}  // namespace
}  // namespace genai::testing
