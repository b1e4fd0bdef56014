// The credential tutorial's failure scenarios, end to end against the
// emulator: set the scenario up, `genai doctor` names the failing check and
// the fix (genai setup / gcloud / Console URL), the fix is applied (through
// `genai setup` as the project's owner, or the emulator's admin API where
// the tutorial clicks in the Console), and the call then works. No output of
// any run may hold a secret.
#include "tests/support/doctor_fixture.h"

namespace genai::testing {
namespace {

// The Vertex AI API is not enabled in the project of a service account.
TEST_F(DoctorScenarioTest, ApiDisabled) {
  const std::string sa = service_account("caller", "roles/aiplatform.user");
  auto doctor = genai(plus(vertex(sa), {"doctor"}));
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out << doctor.err;
  EXPECT_HAS(doctor.out, "[FAIL] API enabled");
  EXPECT_HAS(doctor.out, "genai setup --project scn-project --enable-apis");
  EXPECT_HAS(doctor.out, "gcloud services enable aiplatform.googleapis.com --project scn-project");
  EXPECT_HAS(doctor.out, "https://console.cloud.google.com/apis/library/aiplatform.googleapis.com?project=scn-project");
  // The same three ways for machines.
  const auto checks = nlohmann::json::parse(genai(plus(vertex(sa), {"doctor", "--json"})).out);
  bool found = false;
  for (const auto& c : checks) {
    if (c["check"] != "API enabled") continue;
    found = true;
    EXPECT_EQ(c["status"], "fail");
    EXPECT_EQ(c["fix_commands"]["genai"], "genai setup --project scn-project --enable-apis");
    EXPECT_EQ(c["fix_commands"]["gcloud"], "gcloud services enable aiplatform.googleapis.com --project scn-project");
    EXPECT_EQ(c["fix_commands"]["console"],
              "https://console.cloud.google.com/apis/library/aiplatform.googleapis.com?project=scn-project");
  }
  EXPECT_TRUE(found);

  enable("aiplatform.googleapis.com");  // the Console's Enable button
  auto generate = genai(plus(vertex(sa), {"generate", "Hello"}));
  EXPECT_EQ(generate.exit_code, 0) << generate.err;
  EXPECT_EQ(genai(plus(vertex(sa), {"doctor"})).exit_code, 0);
}

// An API key made in the Console before the Generative Language API was enabled.
TEST_F(DoctorScenarioTest, KeyCreatedBeforeEnablingTheApi) {
  emulator::ApiKey spec;
  spec.project_id = kProject;
  const std::string key = make_key(spec);
  auto doctor = genai({"doctor"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] API enabled");
  EXPECT_HAS(doctor.out, "genai setup --project " + number_ + " --enable-apis");
  EXPECT_HAS(doctor.out, "gcloud services enable generativelanguage.googleapis.com --project " + number_);
  EXPECT_HAS(doctor.out, "apis/library/generativelanguage.googleapis.com?project=" + number_);

  auto setup = owner_setup(number_, {"--enable-apis"});  // exactly the printed command, as the owner
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto generate = genai({"generate", "Hello"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(generate.exit_code, 0) << generate.err;  // the same key now works
}

// The tutorial's "cannot create a key in AI Studio: check you are Owner".
TEST_F(DoctorScenarioTest, NotOwner) {
  enable("aiplatform.googleapis.com");
  const std::string viewer = user_file("viewer@example.com", "roles/viewer");
  const std::vector<std::string> setup_args = {"--credentials", viewer, "setup", "--project", kProject,
                                               "--enable-apis", "--api-key", "--restrict-api",
                                               "generativelanguage.googleapis.com", "--api-key-file",
                                               dir_ + "/gemini.key"};
  auto refused = genai(setup_args);
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  EXPECT_HAS(refused.err, "serviceusage.services.enable");
  EXPECT_HAS(refused.err, "roles/serviceusage.serviceUsageAdmin");

  auto doctor = genai({"--vertex", "--credentials", viewer, "--project", kProject, "doctor"});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] permission");
  EXPECT_HAS(doctor.out, "gcloud projects add-iam-policy-binding scn-project --member=user:viewer@example.com "
                         "--role=roles/aiplatform.user");
  EXPECT_HAS(doctor.out, "https://console.cloud.google.com/iam-admin/iam?project=scn-project");

  // The project's owner makes the viewer an Owner (Console > IAM), and setup goes through.
  admin_post("/emulator/v1/projects/scn-project/members", {{"role", "roles/owner"}, {"member", "user:viewer@example.com"}});
  auto setup = genai(setup_args);
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto generate = genai({"--api-key-file", dir_ + "/gemini.key", "generate", "Hello"});
  EXPECT_EQ(generate.exit_code, 0) << generate.err;
  // Now an Owner calling Gemini with user credentials: a warning that names it.
  auto owner_doctor = genai({"--vertex", "--credentials", viewer, "--project", kProject, "doctor"});
  EXPECT_EQ(owner_doctor.exit_code, 0) << owner_doctor.out;
  EXPECT_HAS(owner_doctor.out, "[warn] owner credentials");
  EXPECT_HAS(owner_doctor.out, "an Owner account is for administration");
  EXPECT_HAS(owner_doctor.out, "genai setup --project scn-project --service-account gemini-backend --role roles/aiplatform.user");
}

// A service account given Editor "for testing", never tightened.
TEST_F(DoctorScenarioTest, EditorServiceAccountIsTightened) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("editor-sa", "roles/editor");
  const std::string email = "editor-sa@scn-project.iam.gserviceaccount.com";
  auto doctor = genai(plus(vertex(sa), {"doctor"}));
  EXPECT_EQ(doctor.exit_code, 0) << doctor.out;  // works, but too broad
  EXPECT_HAS(doctor.out, "[warn] least privilege");
  EXPECT_HAS(doctor.out, "genai setup --project scn-project --service-account " + email + " --role roles/aiplatform.user");
  EXPECT_HAS(doctor.out, "gcloud projects remove-iam-policy-binding scn-project --member=serviceAccount:" + email +
                             " --role=roles/editor");

  auto setup = owner_setup(kProject, {"--service-account", email, "--role", "roles/aiplatform.user"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  admin_post("/emulator/v1/projects/scn-project/members:remove",
             {{"role", "roles/editor"}, {"member", "serviceAccount:" + email}});
  auto tight = genai(plus(vertex(sa), {"doctor"}));
  EXPECT_EQ(tight.exit_code, 0) << tight.out;
  EXPECT_HAS(tight.out, "[ ok ] permissions");
  EXPECT_EQ(tight.out.find("least privilege"), std::string::npos) << tight.out;
  EXPECT_EQ(genai(plus(vertex(sa), {"generate", "Hello"})).exit_code, 0);
}

// An AI Studio key used for Vertex AI (express mode): only the Gemini API is allowed.
TEST_F(DoctorScenarioTest, StudioKeyUsedForAnotherApi) {
  enable("aiplatform.googleapis.com");
  enable("generativelanguage.googleapis.com");
  emulator::ApiKey spec;
  spec.project_id = kProject;
  spec.kind = emulator::ApiKey::Kind::kStudio;
  const std::string studio = make_key(spec);
  auto doctor = genai({"--vertex", "doctor"}, {{"GOOGLE_API_KEY", studio}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out << doctor.err;
  EXPECT_HAS(doctor.out, "[FAIL] key restrictions");
  EXPECT_HAS(doctor.out, "An AI Studio key works only for the Gemini API");
  const std::string fix = "genai setup --project " + number_ +
                          " --enable-apis --api-key --key-name genai-aiplatform --restrict-api aiplatform.googleapis.com "
                          "--api-key-file aiplatform.key";
  EXPECT_HAS(doctor.out, fix);

  auto setup = owner_setup(number_, {"--enable-apis", "--api-key", "--key-name", "genai-aiplatform", "--restrict-api",
                                     "aiplatform.googleapis.com", "--api-key-file", dir_ + "/aiplatform.key"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto express = genai({"--vertex", "--api-key-file", dir_ + "/aiplatform.key", "generate", "Hello"});
  EXPECT_EQ(express.exit_code, 0) << express.err;
  // The Studio key still does what it is for.
  EXPECT_EQ(genai({"generate", "Hello"}, {{"GEMINI_API_KEY", studio}}).exit_code, 0);
}

// A key restricted to an office network, used from elsewhere. The CLI cannot
// pretend to be another address, so the key allows 203.0.113.0/24 and the
// call comes from 127.0.0.1.
TEST_F(DoctorScenarioTest, IpRestrictedKeyFromTheWrongAddress) {
  enable("generativelanguage.googleapis.com");
  emulator::ApiKey spec;
  spec.project_id = kProject;
  spec.allowed_ips = {"203.0.113.0/24"};
  const std::string key = make_key(spec);
  auto doctor = genai({"doctor"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] key restrictions");
  EXPECT_HAS(doctor.out, "this call came from 127.0.0.1");
  EXPECT_HAS(doctor.out, "gcloud services api-keys update KEY_ID --project " + number_ + " --allowed-ips=127.0.0.1");
  EXPECT_HAS(doctor.out, "https://console.cloud.google.com/apis/credentials?project=" + number_);

  // What `gcloud services api-keys update --allowed-ips` sends: API Keys v2 PATCH, as the owner.
  const auto uid = state().key_by_string(key)->uid;
  const auto token = state().issue_token("user:owner@example.com", kProject, "https://www.googleapis.com/auth/cloud-platform",
                                         std::chrono::system_clock::now() + std::chrono::hours(1));
  httplib::Client http(base_url());
  auto patched = http.Patch("/v2/projects/scn-project/locations/global/keys/" + uid + "?updateMask=restrictions",
                            httplib::Headers{{"Authorization", "Bearer " + token.token}},
                            R"({"restrictions": {"serverKeyRestrictions": {"allowedIps": ["203.0.113.0/24", "127.0.0.1"]}}})",
                            "application/json");
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  auto generate = genai({"generate", "Hello"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(generate.exit_code, 0) << generate.err;
}

// doctor asks tokeninfo whom the token speaks for with the token in a POST
// form body, as Google accepts it: never in a URL, which logs and proxies keep.
TEST_F(DoctorScenarioTest, TokeninfoGetsTheTokenInAFormBodyNeverInTheUrl) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("probe-sa", "roles/aiplatform.user");
  auto doctor = genai(plus(plus({"--verbose"}, vertex(sa)), {"doctor"}));
  EXPECT_EQ(doctor.exit_code, 0) << doctor.out << doctor.err;
  EXPECT_HAS(doctor.out, "[ ok ] principal: probe-sa@scn-project.iam.gserviceaccount.com");
  EXPECT_HAS(doctor.err, "> POST " + base_url() + "/tokeninfo\n");
  EXPECT_HAS(doctor.err, "> Content-Type: application/x-www-form-urlencoded");
  EXPECT_EQ(doctor.err.find("tokeninfo?"), std::string::npos) << doctor.err;
  EXPECT_EQ(doctor.err.find("access_token"), std::string::npos) << doctor.err;
}

// A key deleted in the Console (or by a colleague).
TEST_F(DoctorScenarioTest, DeletedKey) {
  enable("generativelanguage.googleapis.com");
  emulator::ApiKey spec;
  spec.project_id = kProject;
  const std::string key = make_key(spec);
  ASSERT_EQ(genai({"generate", "Hello"}, {{"GEMINI_API_KEY", key}}).exit_code, 0);
  admin_delete("/emulator/v1/keys/" + state().key_by_string(key)->uid);
  auto doctor = genai({"doctor"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] key valid");
  EXPECT_HAS(doctor.out, "API key not valid");  // Google's words, untouched
  // A deleted key names no project: doctor says so, and offers no command with a placeholder in it.
  EXPECT_HAS(doctor.out, "genai could not look up which project this is (Google does not know this key, so it names "
                         "no project)");
  EXPECT_EQ(doctor.out.find("PROJECT"), std::string::npos) << doctor.out;
  EXPECT_EQ(doctor.out.find("--project (unknown)"), std::string::npos) << doctor.out;
  EXPECT_HAS(doctor.out, "https://aistudio.google.com/apikey");

  auto setup = owner_setup(kProject, {"--api-key", "--key-name", "genai-new", "--restrict-api",
                                      "generativelanguage.googleapis.com", "--api-key-file", dir_ + "/gemini.key"});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto generate = genai({"--api-key-file", dir_ + "/gemini.key", "generate", "Hello"});
  EXPECT_EQ(generate.exit_code, 0) << generate.err;
}

// A service-account key deleted in the Console: the token endpoint says "Invalid JWT Signature."
TEST_F(DoctorScenarioTest, RevokedServiceAccountKey) {
  enable("aiplatform.googleapis.com");
  std::string key_id;
  const std::string sa = service_account("revoked-sa", "roles/aiplatform.user", &key_id);
  const std::string email = "revoked-sa@scn-project.iam.gserviceaccount.com";
  ASSERT_EQ(genai(plus(vertex(sa), {"generate", "Hello"})).exit_code, 0);
  admin_delete("/emulator/v1/serviceAccounts/" + email + "/keys/" + key_id);
  auto doctor = genai(plus(vertex(sa), {"doctor"}));
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] token");
  EXPECT_HAS(doctor.out, "Invalid JWT Signature.");
  EXPECT_HAS(doctor.out, "genai setup --project scn-project --service-account " + email + " --key-file new-key.json");
  EXPECT_HAS(doctor.out, "gcloud iam service-accounts keys create new-key.json --iam-account=" + email);

  const std::string fresh = dir_ + "/new-key.json";
  auto setup = owner_setup(kProject, {"--service-account", email, "--key-file", fresh});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  auto generate = genai(plus(vertex(fresh), {"generate", "Hello"}));
  EXPECT_EQ(generate.exit_code, 0) << generate.err;
}

// The tutorial's readers: the fix in Chinese, Google's message as Google wrote it.
TEST_F(DoctorScenarioTest, FixesInChinese) {
  emulator::ApiKey spec;
  spec.project_id = kProject;
  const std::string key = make_key(spec);
  auto doctor = genai({"--lang", "zh", "doctor"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "[FAIL] API 是否启用");
  EXPECT_HAS(doctor.out, "修复：在项目 " + number_ + " 中启用 generativelanguage.googleapis.com");
  EXPECT_HAS(doctor.out, "has not been used in project");  // Google's message is not translated
  EXPECT_HAS(doctor.out, "gcloud services enable generativelanguage.googleapis.com --project " + number_);
  auto env_lang = genai({"doctor"}, {{"GEMINI_API_KEY", key}, {"GENAI_LANG", "zh_CN.UTF-8"}});
  EXPECT_HAS(env_lang.out, "发现问题");
}

}  // namespace
}  // namespace genai::testing
