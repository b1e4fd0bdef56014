// Test support: a browser's session with genai-emulator's web console
// (/console): the cookie from GET /console, the CSRF token from
// /console/api/session and this server as Origin on every change; and
// ConsoleTest, doctor's scenario (scn-project, owned by owner@example.com,
// the console's signed-in user) with such a session and Google's REST APIs
// called with the owner's token.
#ifndef GENAI_TESTS_SUPPORT_CONSOLE_FIXTURE_H_
#define GENAI_TESTS_SUPPORT_CONSOLE_FIXTURE_H_

#include <httplib.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/doctor_fixture.h"

namespace genai::testing {

using nlohmann::json;

struct ConsoleReply {
  int status = 0;
  json body;
  std::string text;
  httplib::Headers headers;
};

// A browser's session with the console: the cookie from GET /console, the
// CSRF token from /console/api/session, and this server as Origin.
class ConsoleSessionClient {
 public:
  explicit ConsoleSessionClient(const std::string& base_url) : base_url_(base_url), http_(base_url) {}

  bool open(const std::string& query = "") {
    auto page = http_.Get("/console" + query);
    if (!page) return false;
    page_status_ = page->status;
    const std::string set_cookie = page->get_header_value("Set-Cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    if (cookie_.empty()) return false;
    ConsoleReply s = call("GET", "session");
    csrf_ = s.body.value("csrfToken", "");
    return s.status == 200 && !csrf_.empty();
  }

  ConsoleReply call(const std::string& method, const std::string& path, const json& body = json(),
             httplib::Headers headers = {}, bool with_csrf = true, bool with_origin = true) {
    headers.emplace("Cookie", cookie_);
    if (method != "GET") {
      if (with_csrf) headers.emplace("X-Console-Csrf", csrf_);
      if (with_origin) headers.emplace("Origin", base_url_);
    }
    const std::string text = body.is_null() ? "" : body.dump();
    const std::string url = "/console/api/" + path;
    httplib::Result res = method == "GET"      ? http_.Get(url, headers)
                          : method == "DELETE" ? http_.Delete(url, headers)
                          : method == "PATCH"  ? http_.Patch(url, headers, text, "application/json")
                                               : http_.Post(url, headers, text, "application/json");
    if (!res) return {};
    return {res->status, json::parse(res->body, nullptr, false), res->body, res->headers};
  }

  int page_status() const { return page_status_; }
  const std::string& cookie() const { return cookie_; }

 private:
  std::string base_url_;
  httplib::Client http_;
  std::string cookie_, csrf_;
  int page_status_ = 0;
};

class ConsoleTest : public DoctorScenarioTest {
 protected:
  void SetUp() override {
    DoctorScenarioTest::SetUp();
    console_ = std::make_unique<ConsoleSessionClient>(base_url());
    ASSERT_TRUE(console_->open());
  }

  // The owner's OAuth access token, for Google's REST APIs.
  std::string owner_token() {
    auto client = state().create_oauth_client(kProject);
    auto grant = state().create_user_grant(client->client_id, "owner@example.com",
                                           "https://www.googleapis.com/auth/cloud-platform");
    httplib::Client http(base_url());
    auto res = http.Post("/token", httplib::Params{{"grant_type", "refresh_token"},
                                                   {"client_id", client->client_id},
                                                   {"client_secret", client->client_secret},
                                                   {"refresh_token", grant->refresh_token}});
    EXPECT_TRUE(res && res->status == 200);
    return res ? json::parse(res->body).value("access_token", "") : "";
  }

  ConsoleReply rest(const std::string& method, const std::string& path, const std::string& token, const json& body = json()) {
    httplib::Client http(base_url());
    httplib::Headers headers = {{"Authorization", "Bearer " + token}};
    httplib::Result res = method == "GET" ? http.Get(path, headers)
                                          : http.Post(path, headers, body.is_null() ? "" : body.dump(), "application/json");
    if (!res) return {};
    return {res->status, json::parse(res->body, nullptr, false), res->body, res->headers};
  }

  std::unique_ptr<ConsoleSessionClient> console_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_CONSOLE_FIXTURE_H_
