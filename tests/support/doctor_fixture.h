// Test support: genai doctor's scenarios against the emulator. A project
// (scn-project) with an Owner's authorized_user file, helpers to make users,
// service accounts and keys, and `genai` run as a subprocess pointed at the
// emulator, with every output checked for secrets at the end of the test.
#ifndef GENAI_TESTS_SUPPORT_DOCTOR_FIXTURE_H_
#define GENAI_TESTS_SUPPORT_DOCTOR_FIXTURE_H_

#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "emulator/auth/key_files.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {

inline constexpr const char* kProject = "scn-project";

class DoctorScenarioTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    ASSERT_TRUE(state().create_project(kProject));
    number_ = state().project(kProject)->number;
    dir_ = ::testing::TempDir() + "genai-scenarios-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
    owner_file_ = user_file("owner@example.com", "roles/owner");
  }
  void TearDown() override {
    // Secrets: an API key (AIza + 35), an access token, a private key.
    const std::regex api_key("AIza[0-9A-Za-z_-]{35}");
    for (const ProcessResult& r : runs_) {
      for (const std::string* text : {&r.out, &r.err}) {
        EXPECT_FALSE(std::regex_search(*text, api_key)) << *text;
        EXPECT_EQ(text->find("ya29."), std::string::npos) << *text;
        EXPECT_EQ(text->find("PRIVATE KEY"), std::string::npos) << *text;
      }
    }
    std::filesystem::remove_all(dir_);
    EmulatorTest::TearDown();
  }

  ProcessResult genai(std::vector<std::string> args, std::map<std::string, std::string> extra = {}) {
    args.insert(args.begin(), GENAI_CLI_PATH);
    std::map<std::string, std::string> env = {
        {"GENAI_CLOUD_BASE_URL", base_url()}, {"GOOGLE_GEMINI_BASE_URL", base_url()},
        {"GOOGLE_VERTEX_BASE_URL", base_url()}, {"NO_GCE_CHECK", "true"}, {"CLOUDSDK_CONFIG", "/nonexistent"}};
    for (auto& [k, v] : extra) env[k] = v;
    runs_.push_back(run_process(args, env));
    return runs_.back();
  }

  std::string user_file(const std::string& email, const std::string& role) {
    auto client = state().create_oauth_client(kProject);
    auto grant = state().create_user_grant(client->client_id, email, "https://www.googleapis.com/auth/cloud-platform");
    EXPECT_TRUE(state().add_binding(kProject, role, "user:" + email));
    const std::string path = dir_ + "/" + email + ".json";
    std::ofstream(path) << emulator::authorized_user_file(server_->env(), client->client_id, client->client_secret,
                                                          grant->refresh_token, "");
    ::chmod(path.c_str(), 0600);
    return path;
  }

  // A service account holding `role`, and a key file for it.
  std::string service_account(const std::string& id, const std::string& role, std::string* key_id = nullptr) {
    auto sa = state().create_service_account(kProject, id, id);
    EXPECT_TRUE(sa);
    EXPECT_TRUE(state().add_binding(kProject, role, emulator::service_account_member(sa->email)));
    auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
    EXPECT_TRUE(file);
    if (key_id) *key_id = file->key_id;
    const std::string path = dir_ + "/" + id + ".json";
    std::ofstream(path) << file->key_file_json;
    ::chmod(path.c_str(), 0600);
    return path;
  }

  // A key in scn-project; `spec` sets its kind, display name and restrictions.
  std::string project_key(emulator::ApiKey spec = {}) {
    spec.project_id = kProject;
    return make_key(std::move(spec));
  }

  void enable(const std::string& service) {
    httplib::Client http(base_url());
    auto r = http.Post("/emulator/v1/projects/" + std::string(kProject) + "/services/" + service + ":enable", "{}",
                       "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }

  void admin_post(const std::string& path, const nlohmann::json& body) {
    httplib::Client http(base_url());
    auto r = http.Post(path, body.dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }

  void admin_delete(const std::string& path) {
    httplib::Client http(base_url());
    auto r = http.Delete(path);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }

  // The owner runs genai setup with these arguments after --project.
  ProcessResult owner_setup(const std::string& project, std::vector<std::string> args) {
    args.insert(args.begin(), {"--credentials", owner_file_, "setup", "--project", project});
    return genai(args);
  }

  std::vector<std::string> vertex(const std::string& creds) {
    return {"--vertex", "--credentials", creds, "--project", kProject, "--location", "us-central1"};
  }
  static std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  }

  std::string number_;
  std::string dir_;
  std::string owner_file_;
  std::vector<ProcessResult> runs_;
};

#define EXPECT_HAS(text, what) EXPECT_NE((text).find(what), std::string::npos) << (text)

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_DOCTOR_FIXTURE_H_
