// genai doctor's API key checks against the emulator: the key is looked up
// through API Keys v2 as the caller's own OAuth credential (ADC, or
// --admin-credentials): its project, AI Studio or Console, unrestricted
// (warn) or blocked by a restriction (fail, naming it), or skipped with the
// permission it needs. Also: ADC is resolved once, and --lang zh leaves no
// English sentence of genai's own.
#include <nlohmann/json.hpp>

#include "cli/messages.h"
#include "tests/support/doctor_fixture.h"

namespace genai::testing {
namespace {

class DoctorKeyTest : public DoctorScenarioTest {
 protected:
  // doctor on the Developer API with `key`, the owner's file as ADC.
  ProcessResult doctor(const std::string& key, std::vector<std::string> extra_args = {},
                       std::map<std::string, std::string> env = {}) {
    std::vector<std::string> args = {"doctor"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    env.emplace("GEMINI_API_KEY", key);
    env.emplace("GOOGLE_APPLICATION_CREDENTIALS", owner_file_);
    return genai(args, env);
  }
  static nlohmann::json check(const std::string& json_out, const std::string& name) {
    for (const auto& c : nlohmann::json::parse(json_out)) {
      if (c["check"] == name) return c;
    }
    ADD_FAILURE() << "no check " << name << " in " << json_out;
    return nlohmann::json::object();
  }
  static size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
    return n;
  }
  std::string uid(const std::string& key) { return state().key_by_string(key)->uid; }
  // One failing "key restrictions" finding (the call's, with the restriction named in it).
  static void expect_blocked(const ProcessResult& d, const std::string& named) {
    EXPECT_EQ(d.exit_code, 3) << d.out;
    EXPECT_HAS(d.out, "[FAIL] key restrictions");
    EXPECT_HAS(d.out, "the restriction in the way: " + named);
    EXPECT_EQ(count(d.out, "key restrictions:"), 1u) << d.out;
  }
};

TEST_F(DoctorKeyTest, UnrestrictedConsoleKeyWarnsWithTheFixThreeWays) {
  enable("generativelanguage.googleapis.com");
  const std::string key = project_key();
  auto d = doctor(key);
  EXPECT_EQ(d.exit_code, 0) << d.out << d.err;  // a warning is not a failure
  EXPECT_HAS(d.out, "[ ok ] key kind: a Cloud Console key: \"API key\" (keys/" + uid(key) + ") in project scn-project (" +
                        number_ + ")");
  EXPECT_HAS(d.out, "[warn] key restrictions: the key is unrestricted");
  EXPECT_HAS(d.out, "genai setup --project scn-project --api-key --key-name genai-generativelanguage --restrict-api "
                    "generativelanguage.googleapis.com --api-key-file generativelanguage.key");
  EXPECT_HAS(d.out, "gcloud services api-keys update " + uid(key) +
                        " --project scn-project --api-target=service=generativelanguage.googleapis.com");
  EXPECT_HAS(d.out, "https://console.cloud.google.com/apis/credentials/key/" + uid(key) + "?project=scn-project");

  // --json: the key's facts, never its string.
  auto j = doctor(key, {"--json"});
  const auto kind = check(j.out, "key kind");
  EXPECT_EQ(kind["status"], "ok");
  EXPECT_EQ(kind["key"]["kind"], "console");
  EXPECT_EQ(kind["key"]["project"], "scn-project");
  EXPECT_EQ(kind["key"]["project_number"], number_);
  EXPECT_EQ(kind["key"]["uid"], uid(key));
  EXPECT_EQ(kind["key"]["name"], "projects/" + number_ + "/locations/global/keys/" + uid(key));
  const auto restrictions = check(j.out, "key restrictions");
  EXPECT_EQ(restrictions["status"], "warn");
  EXPECT_EQ(restrictions["restrictions"], nlohmann::json::object());
  EXPECT_EQ(restrictions["fix_commands"]["gcloud"], "gcloud services api-keys update " + uid(key) +
                                                        " --project scn-project "
                                                        "--api-target=service=generativelanguage.googleapis.com");

  // --verbose traces the lookup, with the key string masked (TearDown checks every output).
  auto v = genai({"--verbose", "doctor"}, {{"GEMINI_API_KEY", key}, {"GOOGLE_APPLICATION_CREDENTIALS", owner_file_}});
  EXPECT_HAS(v.err, "/v2/keys:lookupKey?keyString=<redacted>");
  EXPECT_HAS(v.err, "/v2/projects/" + number_ + "/locations/global/keys/" + uid(key));

  // The fix: restrict it (what the gcloud line does), and the warning is gone.
  const auto token = state().issue_token("user:owner@example.com", kProject, "https://www.googleapis.com/auth/cloud-platform",
                                         std::chrono::system_clock::now() + std::chrono::hours(1));
  httplib::Client http(base_url());
  auto patched = http.Patch("/v2/projects/scn-project/locations/global/keys/" + uid(key) + "?updateMask=restrictions",
                            httplib::Headers{{"Authorization", "Bearer " + token.token}},
                            R"({"restrictions": {"apiTargets": [{"service": "generativelanguage.googleapis.com"}]}})",
                            "application/json");
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  auto after = doctor(key);
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_HAS(after.out, "[ ok ] key restrictions: restricted: apiTargets: generativelanguage.googleapis.com");
  EXPECT_HAS(after.out, "No problem found");
}

TEST_F(DoctorKeyTest, StudioKeyIsIdentifiedAndNamedWhenUsedForVertex) {
  enable("generativelanguage.googleapis.com");
  enable("aiplatform.googleapis.com");
  const std::string key = project_key({.kind = emulator::ApiKey::Kind::kStudio});
  auto d = doctor(key);
  EXPECT_EQ(d.exit_code, 0) << d.out << d.err;
  EXPECT_HAS(d.out, "[ ok ] key kind: an AI Studio key: \"Gemini API Key\" (keys/" + uid(key) + ") in project scn-project");
  EXPECT_HAS(d.out, "[ ok ] key restrictions: restricted: apiTargets: generativelanguage.googleapis.com");
  EXPECT_EQ(check(doctor(key, {"--json"}).out, "key kind")["key"]["kind"], "studio");

  // The same key for Vertex AI express mode: one failure, Google's words and the restriction named.
  auto express = genai({"--vertex", "doctor"}, {{"GOOGLE_API_KEY", key}, {"GOOGLE_APPLICATION_CREDENTIALS", owner_file_}});
  EXPECT_HAS(express.out, "an AI Studio key");
  expect_blocked(express, "its API restrictions (apiTargets: generativelanguage.googleapis.com) do not include "
                          "aiplatform.googleapis.com");
}

TEST_F(DoctorKeyTest, KeyRestrictedToAnotherApiFailsNamingTheRestriction) {
  enable("generativelanguage.googleapis.com");
  const std::string key = project_key({.display_name = "maps key", .api_targets = {"maps-backend.googleapis.com"}});
  auto d = doctor(key);
  EXPECT_HAS(d.out, "[ ok ] key kind: a Cloud Console key: \"maps key\"");
  expect_blocked(d, "its API restrictions (apiTargets: maps-backend.googleapis.com) do not include "
                    "generativelanguage.googleapis.com");
  const auto j = check(doctor(key, {"--json"}).out, "key restrictions");
  EXPECT_EQ(j["status"], "fail");
  EXPECT_EQ(j["restrictions"]["apiTargets"][0]["service"], "maps-backend.googleapis.com");
}

TEST_F(DoctorKeyTest, IpRestrictedKeyFromTheWrongAddressFailsNamingTheRestriction) {
  enable("generativelanguage.googleapis.com");
  const std::string key =
      project_key({.api_targets = {"generativelanguage.googleapis.com"}, .allowed_ips = {"203.0.113.0/24"}});
  auto d = doctor(key);
  expect_blocked(d, "its IP restrictions (serverKeyRestrictions.allowedIps: 203.0.113.0/24) do not include this "
                    "caller's address 127.0.0.1");
  EXPECT_HAS(d.out, "--allowed-ips=127.0.0.1");  // the call's own fix stays
}

TEST_F(DoctorKeyTest, WithoutACallerCredentialTheLookupIsSkippedNamingThePermission) {
  enable("generativelanguage.googleapis.com");
  const std::string key = project_key();
  const std::string needs = "needs apikeys.keys.lookup permission (roles/serviceusage.apiKeysViewer)";
  auto none = genai({"doctor"}, {{"GEMINI_API_KEY", key}});
  EXPECT_EQ(none.exit_code, 0) << none.out;  // skipped is not failed
  EXPECT_HAS(none.out, "[skip] key kind: " + needs);
  EXPECT_HAS(none.out, "no Application Default Credentials");
  EXPECT_HAS(none.out, "[ ok ] API call");  // the cheap call still runs
  const auto j = check(genai({"doctor", "--json"}, {{"GEMINI_API_KEY", key}}).out, "key kind");
  EXPECT_EQ(j["status"], "skip");
  EXPECT_EQ(j["needs"]["permission"], "apikeys.keys.lookup");
  EXPECT_EQ(j["needs"]["role"], "roles/serviceusage.apiKeysViewer");

  // A caller who may call Gemini but not read keys is refused: skipped, not guessed.
  const std::string user = user_file("dev@example.com", "roles/aiplatform.user");
  auto refused = doctor(key, {"--admin-credentials", user});
  EXPECT_EQ(refused.exit_code, 0) << refused.out;
  EXPECT_HAS(refused.out, "[skip] key kind: " + needs + " on the key's project to look the key up: ");
  EXPECT_HAS(refused.out, "was refused");
  // With API Keys Viewer, the same caller can tell.
  ASSERT_TRUE(state().add_binding(kProject, "roles/serviceusage.apiKeysViewer", "user:dev@example.com"));
  auto viewer = doctor(key, {"--admin-credentials", user});
  EXPECT_HAS(viewer.out, "[ ok ] key kind: a Cloud Console key");
  EXPECT_HAS(viewer.out, "[warn] key restrictions");
}

// Doctor hands the ADC it resolved to the client: one metadata-server probe,
// one token for the token check and the call alike.
TEST_F(DoctorKeyTest, ApplicationDefaultCredentialsAreResolvedOnce) {
  enable("aiplatform.googleapis.com");
  auto sa = state().create_service_account(kProject, "vm-account", "VM account");
  ASSERT_TRUE(sa);
  ASSERT_TRUE(state().add_binding(kProject, "roles/aiplatform.user", emulator::service_account_member(sa->email)));
  state().set_metadata_account(sa->email);
  const std::string host = base_url().substr(base_url().find("://") + 3);
  auto d = genai({"--vertex", "--project", kProject, "--location", "us-central1", "doctor"},
                 {{"GCE_METADATA_HOST", host}, {"NO_GCE_CHECK", "false"}});
  EXPECT_EQ(d.exit_code, 0) << d.out << d.err;
  EXPECT_HAS(d.out, "the metadata server at " + host);
  EXPECT_HAS(d.out, "[ ok ] API call");
  const auto counters = state().counters();
  EXPECT_EQ(counters.at("requests metadata.Probe"), 1);
  EXPECT_EQ(counters.at("requests metadata.Token"), 1);
}

// --lang zh: every sentence genai adds is Chinese. Each English message of
// the catalogue, cut at its placeholders, must be absent (commands, URLs,
// identifiers and Google's own messages may remain).
TEST_F(DoctorKeyTest, ChineseLeavesNoEnglishSentence) {
  enable("generativelanguage.googleapis.com");
  const std::string open_key = project_key();
  const std::string ip_key = project_key({.allowed_ips = {"203.0.113.0/24"}});
  const std::string sa = service_account("zh-reader", "roles/editor");
  enable("aiplatform.googleapis.com");

  std::vector<ProcessResult> outs = {
      doctor(open_key, {}, {{"GENAI_LANG", "zh"}}),
      genai({"--lang", "zh", "doctor"}, {{"GEMINI_API_KEY", ip_key}, {"GOOGLE_APPLICATION_CREDENTIALS", owner_file_}}),
      genai({"--lang", "zh", "doctor"}, {{"GEMINI_API_KEY", open_key}}),
      genai(plus(vertex(sa), {"--lang", "zh", "doctor"})),
      genai({"--lang", "zh", "auth", "explain"}, {{"GEMINI_API_KEY", open_key}}),
      genai({"--lang", "zh", "auth", "explain"}),
      genai({"--lang", "zh", "auth", "explain", sa}),
  };
  std::vector<std::string> english;
  for (size_t i = 0; i < static_cast<size_t>(cli::M::kCount); ++i) {
    const std::string en = cli::tr(cli::Lang::kEn, static_cast<cli::M>(i), {"\x01", "\x01", "\x01", "\x01", "\x01"});
    size_t start = 0;
    for (size_t cut = en.find('\x01'); start <= en.size(); cut = en.find('\x01', start)) {
      std::string piece = en.substr(start, cut == std::string::npos ? std::string::npos : cut - start);
      if (piece.size() >= 12 && piece.find(' ') != std::string::npos) english.push_back(piece);
      if (cut == std::string::npos) break;
      start = cut + 1;
    }
  }
  // libgenai's own words for credentials and where they came from.
  for (const char* phrase : {"environment variable", "API key AIza", " chars)", "service account zh-reader",
                             "Application Default Credentials", "(from ", "impersonated by"}) {
    english.push_back(phrase);
  }
  ASSERT_GT(english.size(), 100u);
  for (const ProcessResult& r : outs) {
    EXPECT_NE(r.out.find("："), std::string::npos) << r.out << r.err;
    for (const std::string& phrase : english) {
      EXPECT_EQ(r.out.find(phrase), std::string::npos) << "English left: \"" << phrase << "\" in\n" << r.out;
    }
  }
  EXPECT_HAS(outs[0].out, "[warn] 密钥限制: 这个密钥没有任何限制");
  EXPECT_HAS(outs[0].out, "[ ok ] 密钥类型: Cloud Console 密钥");
  EXPECT_HAS(outs[1].out, "造成阻止的限制：其 IP 限制");
  EXPECT_HAS(outs[2].out, "[skip] 密钥类型: ");
  EXPECT_HAS(outs[2].out, "没有应用默认凭据");
  EXPECT_HAS(outs[4].out, "环境变量 GEMINI_API_KEY");
}

}  // namespace
}  // namespace genai::testing
