// genai doctor against the credential failures beyond the tutorial's (issue
// 13's "Diagnosis"): an expired key, billing off, a country the Developer
// API does not serve, a project id that does not exist, the user's own
// environment choosing the credential, a quota with Google's details, and a
// role the caller cannot grant itself. Each in English and in Chinese, where
// no English sentence of genai's own may remain, stderr included.
#include "tests/support/doctor_fixture.h"

namespace genai::testing {
namespace {

#define EXPECT_LACKS(text, what) EXPECT_EQ((text).find(what), std::string::npos) << (text)

class DoctorDiagnosisTest : public DoctorScenarioTest {
 protected:
  // doctor in `lang`, with the owner's credential for the API key lookups.
  ProcessResult doctor(const std::string& lang, std::vector<std::string> args,
                       std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), {"--lang", lang});
    args.push_back("doctor");
    env.emplace("GOOGLE_APPLICATION_CREDENTIALS", owner_file_);
    return genai(std::move(args), std::move(env));
  }
  // A key of scn-project restricted to the Gemini API, which is enabled.
  std::string gemini_key(const std::string& uid = "") {
    enable("generativelanguage.googleapis.com");
    emulator::ApiKey spec;
    spec.uid = uid;
    spec.display_name = "Gemini API Key";
    spec.api_targets = {"generativelanguage.googleapis.com"};
    return project_key(spec);
  }
};

TEST_F(DoctorDiagnosisTest, ExpiredKeyIsToldApartFromAnInvalidOne) {
  const std::string key = gemini_key("expiring");
  ASSERT_TRUE(state().set_key_expired("expiring", true));
  auto en = doctor("en", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(en.exit_code, 3) << en.out << en.err;
  EXPECT_HAS(en.out, "[FAIL] key valid: API key expired. Please renew the API key.");
  EXPECT_HAS(en.out, "The API key has expired (Google knows the key, so it is not mistyped)");
  EXPECT_HAS(en.out, "Cloud Console > APIs & Services > Credentials, or genai setup");
  // The lookup still finds an expired key: the new one is made in its project, not a placeholder.
  EXPECT_HAS(en.out, "genai setup --project scn-project --api-key --key-name genai-new");
  EXPECT_LACKS(en.out, "not valid (mistyped");

  auto zh = doctor("zh", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_HAS(zh.out, "[FAIL] 密钥有效: API key expired. Please renew the API key.");  // Google's words stay
  EXPECT_HAS(zh.out, "API 密钥已过期（Google 认得这个密钥，所以不是输错了）");
  EXPECT_LACKS(zh.out, "has expired");

  ASSERT_TRUE(state().set_key_expired("expiring", false));
  auto renewed = genai({"generate", "Hello"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(renewed.exit_code, 0) << renewed.err;

  // An unknown key is "not valid", never "expired".
  auto invalid = doctor("en", {}, {{"GEMINI_API_KEY", "AIza" + std::string(35, 'x')}});
  EXPECT_HAS(invalid.out, "The API key is not valid (mistyped, deleted, or from another project)");
  EXPECT_LACKS(invalid.out, "expired");
}

TEST_F(DoctorDiagnosisTest, BillingDisabledNamesTheProjectNumberGooglesLinkAndTheFreeTier) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("caller", "roles/aiplatform.user");
  admin_post("/emulator/v1/projects/scn-project/billing:disable", nlohmann::json::object());
  auto en = doctor("en", vertex(sa));
  EXPECT_EQ(en.exit_code, 3) << en.out << en.err;
  EXPECT_HAS(en.out, "[FAIL] billing: This API method requires billing to be enabled");
  EXPECT_HAS(en.out, "Billing is off on project #" + number_ + ": link a billing account (https://console.developers."
                     "google.com/billing/enable?project=" + number_ + ")");
  EXPECT_HAS(en.out, "an API key on the Gemini Developer API's free tier works without billing");
  EXPECT_HAS(en.out, "genai setup --project scn-project --enable-apis --api-key --key-name genai-free-tier");
  EXPECT_HAS(en.out, "gcloud billing projects link scn-project --billing-account=BILLING_ACCOUNT_ID");
  EXPECT_LACKS(en.out, "add-iam-policy-binding");

  auto zh = doctor("zh", vertex(sa));
  EXPECT_HAS(zh.out, "[FAIL] 结算:");
  EXPECT_HAS(zh.out, "项目 #" + number_ + " 未启用结算");
  EXPECT_HAS(zh.out, "免费层级");
  EXPECT_LACKS(zh.out, "Billing is off");

  admin_post("/emulator/v1/projects/scn-project/billing:enable", nlohmann::json::object());
  EXPECT_EQ(doctor("en", vertex(sa)).exit_code, 0);
}

TEST_F(DoctorDiagnosisTest, UnsupportedLocationIsNotACredentialProblem) {
  const std::string key = gemini_key();
  admin_post("/emulator/v1/callerRegion", {{"regionCode", "CN"}});
  auto en = doctor("en", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(en.exit_code, 4) << en.out << en.err;  // an API error, not a credential one
  EXPECT_HAS(en.out, "[FAIL] caller location: User location is not supported for the API use.");
  EXPECT_HAS(en.out, "The Gemini Developer API does not serve the country this call comes from. This is not a "
                     "credential problem");
  EXPECT_HAS(en.out, "genai --vertex --project scn-project --location us-central1 doctor");

  auto zh = doctor("zh", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_HAS(zh.out, "[FAIL] 调用方所在地: User location is not supported for the API use.");
  EXPECT_HAS(zh.out, "这不是凭据问题");
  EXPECT_LACKS(zh.out, "not a credential problem");

  admin_post("/emulator/v1/callerRegion", {{"regionCode", ""}});
  EXPECT_EQ(genai({"generate", "Hello"}, {{"GEMINI_API_KEY", key}}).exit_code, 0);
}

TEST_F(DoctorDiagnosisTest, MistypedProjectIsNeverAMissingRoleAndNamesWhereItCameFrom) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("caller", "roles/aiplatform.user");
  const std::vector<std::string> typo_flag = {"--vertex", "--credentials", sa, "--project", "scn-projcet",
                                              "--location", "us-central1"};
  auto flag = doctor("en", typo_flag);
  EXPECT_EQ(flag.exit_code, 3) << flag.out << flag.err;
  EXPECT_HAS(flag.out, "[FAIL] project: Permission denied on resource project scn-projcet.");
  EXPECT_HAS(flag.out, "Project scn-projcet does not exist (or you cannot see it): the id looks mistyped");
  EXPECT_HAS(flag.out, "It came from the --project option");
  EXPECT_HAS(flag.out, "gcloud projects list");
  EXPECT_LACKS(flag.out, "add-iam-policy-binding");
  EXPECT_LACKS(flag.out, "roles/aiplatform.user");
  EXPECT_LACKS(flag.out, "] permissions:");

  // From the environment: the variable, and the command that sets it right.
  const std::vector<std::string> from_env = {"--vertex", "--credentials", sa, "--location", "us-central1"};
  auto env = doctor("en", from_env, {{"GOOGLE_CLOUD_PROJECT", "scn-projcet"}});
  EXPECT_HAS(env.out, "It came from environment variable GOOGLE_CLOUD_PROJECT");
  EXPECT_HAS(env.out, "export GOOGLE_CLOUD_PROJECT=PROJECT_ID");
  EXPECT_LACKS(env.out, "add-iam-policy-binding");

  auto zh = doctor("zh", from_env, {{"GOOGLE_CLOUD_PROJECT", "scn-projcet"}});
  EXPECT_HAS(zh.out, "[FAIL] 项目: Permission denied on resource project scn-projcet.");
  EXPECT_HAS(zh.out, "项目 scn-projcet 不存在");
  EXPECT_HAS(zh.out, "它来自 环境变量 GOOGLE_CLOUD_PROJECT");
  EXPECT_LACKS(zh.out, "does not exist");

  // The same file with the project as the Console shows it works.
  EXPECT_EQ(doctor("en", from_env, {{"GOOGLE_CLOUD_PROJECT", kProject}}).exit_code, 0);
}

// GOOGLE_GENAI_USE_VERTEXAI and a service account in GOOGLE_APPLICATION_CREDENTIALS,
// plus a GEMINI_API_KEY left over from another project: the key wins (express mode).
TEST_F(DoctorDiagnosisTest, AKeyVariableThatTurnedVertexAdcIntoExpressModeIsNamed) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("backend", "roles/aiplatform.user");
  const std::string key = gemini_key();
  const std::map<std::string, std::string> env = {{"GOOGLE_GENAI_USE_VERTEXAI", "true"},
                                                  {"GOOGLE_APPLICATION_CREDENTIALS", sa},
                                                  {"GEMINI_API_KEY", key}};
  auto en = genai({"doctor"}, env);
  EXPECT_HAS(en.out, "[warn] environment: GEMINI_API_KEY supplied an API key and no project is set, so on Vertex AI "
                     "the key wins over Application Default Credentials: calls run in express mode with that key; "
                     "Application Default Credentials (GOOGLE_APPLICATION_CREDENTIALS=" + sa +
                     "), with project scn-project, is not used");
  EXPECT_HAS(en.out, "         unset GEMINI_API_KEY\n");
  // The key is restricted to the Gemini API: the failure says the environment chose it.
  EXPECT_HAS(en.out, "The credential of this call was chosen by your environment");

  auto zh = genai({"--lang", "zh", "doctor"}, env);
  EXPECT_HAS(zh.out, "[warn] 环境: GEMINI_API_KEY 提供了一个 API 密钥");
  EXPECT_HAS(zh.out, "应用默认凭据（GOOGLE_APPLICATION_CREDENTIALS=" + sa + "）（项目 scn-project）没有被使用");
  EXPECT_LACKS(zh.out, "supplied");
  EXPECT_LACKS(zh.out, "express mode");

  // The printed command: the service account is used, and the call works.
  auto fixed = genai({"doctor"}, {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_APPLICATION_CREDENTIALS", sa}});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out;
  EXPECT_LACKS(fixed.out, "[warn] environment");
}

TEST_F(DoctorDiagnosisTest, AKeyVariableIgnoredBecauseOfAProjectIsNamed) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("backend", "roles/aiplatform.user");
  auto en = genai({"--vertex", "--location", "us-central1", "doctor"},
                  {{"GOOGLE_APPLICATION_CREDENTIALS", sa}, {"GOOGLE_CLOUD_PROJECT", kProject},
                   {"GEMINI_API_KEY", gemini_key()}});
  EXPECT_EQ(en.exit_code, 0) << en.out;
  EXPECT_HAS(en.out, "[warn] environment: GEMINI_API_KEY holds an API key, but it is not used: Vertex AI with a "
                     "project (from environment variable GOOGLE_CLOUD_PROJECT) calls with OAuth credentials");
  EXPECT_HAS(en.out, "unset GEMINI_API_KEY");
}

TEST_F(DoctorDiagnosisTest, TwoKeyVariablesSayWhichWonInEveryLanguageStderrIncluded) {
  const std::string key = gemini_key();
  const std::map<std::string, std::string> env = {{"GOOGLE_API_KEY", "AIza" + std::string(35, 'y')},
                                                  {"GEMINI_API_KEY", key}};
  auto en = doctor("en", {}, env);
  EXPECT_EQ(en.exit_code, 3) << en.out;
  EXPECT_HAS(en.out, "[warn] environment: GOOGLE_API_KEY and GEMINI_API_KEY are both set: GOOGLE_API_KEY wins");
  EXPECT_HAS(en.out, "unset GOOGLE_API_KEY");
  EXPECT_HAS(en.out, "The credential of this call was chosen by your environment");

  auto zh = doctor("zh", {}, env);
  EXPECT_HAS(zh.out, "GOOGLE_API_KEY 和 GEMINI_API_KEY 都已设置");
  EXPECT_LACKS(zh.out, "are both set");
  // The library's English warning is reported as a finding, not printed on stderr.
  EXPECT_LACKS(zh.err, "warning");
  EXPECT_LACKS(zh.err, "Both GOOGLE_API_KEY");
}

TEST_F(DoctorDiagnosisTest, LooseCredentialFileWarnsOnlyInTheUsersLanguage) {
  enable("aiplatform.googleapis.com");
  const std::string sa = service_account("caller", "roles/aiplatform.user");
  ::chmod(sa.c_str(), 0644);
  for (const auto& args : {vertex(sa), std::vector<std::string>{"--vertex", "--location", "us-central1"}}) {
    auto zh = doctor("zh", args, {{"GOOGLE_APPLICATION_CREDENTIALS", sa}});
    EXPECT_HAS(zh.out, "[warn] 文件权限: " + sa + " 的权限为 0644");
    EXPECT_HAS(zh.out, "chmod 600 " + sa);
    EXPECT_LACKS(zh.err, "warning");
    EXPECT_LACKS(zh.out, "accessible by other users");
  }
  // The CLI's own warning for an API key file, too.
  const std::string key_file = dir_ + "/gemini.key";
  std::ofstream(key_file) << gemini_key();
  ::chmod(key_file.c_str(), 0644);
  auto key = doctor("zh", {"--api-key-file", key_file});
  EXPECT_HAS(key.out, "[warn] 文件权限: " + key_file + " 的权限为 0644");
  EXPECT_LACKS(key.err, "readable by other users");
}

TEST_F(DoctorDiagnosisTest, QuotaKeepsEveryDetailGoogleSent) {
  const std::string key = gemini_key();
  set_faults("countTokens=429:37");
  auto en = doctor("en", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(en.exit_code, 4) << en.out << en.err;
  EXPECT_HAS(en.out, "[FAIL] quota: You exceeded your current quota");
  EXPECT_HAS(en.out, "quota GenerateRequestsPerMinutePerProjectPerModel-FreeTier "
                     "(generativelanguage.googleapis.com/generate_content_free_tier_requests, location global, model "
                     "gemini-2.5-flash), limit 0; Google asks to retry in 37 s");
  // The key's real project, from its lookup, and what would lift the limit.
  EXPECT_HAS(en.out, "enable billing on project scn-project: a paid tier has higher limits");
  EXPECT_HAS(en.out, "https://console.cloud.google.com/billing/linkedaccount?project=scn-project");
  EXPECT_LACKS(en.out, "PROJECT");

  auto zh = doctor("zh", {}, {{"GEMINI_API_KEY", key}});
  EXPECT_HAS(zh.out, "配额 GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
  EXPECT_HAS(zh.out, "上限 0；");
  EXPECT_HAS(zh.out, "Google 要求 37 秒后重试");
  EXPECT_HAS(zh.out, "为项目 scn-project 启用结算");
}

// Without a credential to look the key up with, the key's project is not
// known: the fix says so and why, in both languages, and gives no command
// with a PROJECT placeholder to fill in.
TEST_F(DoctorDiagnosisTest, AProjectThatCouldNotBeLookedUpIsSaidSoWithoutAPlaceholder) {
  const std::string key = gemini_key();
  set_faults("countTokens=429:37");
  struct Expected {
    const char* lang;
    const char* unknown_project;  // the sentence names the project as unknown
    const char* why;              // and says why, in the user's language
    const char* other_language;
  };
  for (const Expected& x :
       {Expected{"en", "enable billing on project (unknown)",
                 "genai could not look up which project this is (needs apikeys.keys.lookup permission", "无法查到"},
        Expected{"zh", "为项目 （未知） 启用结算",
                 "genai 无法查到这是哪个项目（以你自己的账号查询此密钥需要 apikeys.keys.lookup 权限",
                 "could not look up"}}) {
    SCOPED_TRACE(x.lang);
    auto r = genai({"--lang", x.lang, "doctor"}, {{"GEMINI_API_KEY", key}});
    EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
    EXPECT_HAS(r.out, "You exceeded your current quota");  // Google's words, in every language
    EXPECT_HAS(r.out, x.unknown_project);
    EXPECT_HAS(r.out, x.why);
    EXPECT_LACKS(r.out, x.other_language);
    EXPECT_LACKS(r.out, "PROJECT");
    EXPECT_LACKS(r.out, "gcloud billing");  // a command that would need the project
  }
}

TEST_F(DoctorDiagnosisTest, AMissingRoleSaysWhoCanGrantIt) {
  enable("aiplatform.googleapis.com");
  const std::string viewer = user_file("viewer@example.com", "roles/viewer");
  auto en = doctor("en", {"--vertex", "--credentials", viewer, "--project", kProject});
  EXPECT_EQ(en.exit_code, 3) << en.out;
  EXPECT_HAS(en.out, "user:viewer@example.com needs the Vertex AI User role (roles/aiplatform.user) on project "
                     "scn-project. Only a project Owner or an IAM admin (roles/resourcemanager.projectIamAdmin) can "
                     "grant it: if that is not you, ask one of them to do it.");
  auto zh = doctor("zh", {"--vertex", "--credentials", viewer, "--project", kProject});
  EXPECT_HAS(zh.out, "只有项目所有者（Owner）或 IAM 管理员（roles/resourcemanager.projectIamAdmin）才能授予此角色");
  EXPECT_LACKS(zh.out, "can grant it");
}

}  // namespace
}  // namespace genai::testing
