// The message table of `auth explain` and `doctor`, and the terminal table
// that lays out the credential comparison (CJK text is two columns wide).
#include <gtest/gtest.h>

#include "cli/app.h"
#include "cli/doctor_environment.h"
#include "cli/doctor_keys.h"
#include "cli/error_text.h"
#include "cli/messages.h"
#include "cli/table.h"

namespace genai::cli {
namespace {

TEST(CliFix, LibraryOptionNamesBecomeFlags) {
  EXPECT_EQ(cli_fix("Remove ClientOptions::project/location, or set ClientOptions::vertexai to use Vertex AI."),
            "Remove --project/location, or set --vertex to use Vertex AI.");
  EXPECT_EQ(cli_fix("Retry, or raise the timeout (HttpOptions::timeout)."), "Retry, or raise the timeout (--timeout MS).");
  EXPECT_EQ(cli_fix("raise HttpOptions::deadline"), "raise --deadline SECONDS");
  EXPECT_EQ(cli_fix("check the model name (models().list())"), "check the model name (`genai models list`)");
  EXPECT_EQ(cli_fix("Give the proxy's username and password: HttpOptions::proxy username/password, or x"),
            "Give the proxy's username and password: --proxy-credentials-file FILE, or x");
  EXPECT_EQ(cli_fix("nothing to translate"), "nothing to translate");
}

TEST(CliMessages, EveryMessageHasBothLanguagesAndTheSamePlaceholders) {
  for (int i = 0; i < static_cast<int>(M::kCount); ++i) {
    const M id = static_cast<M>(i);
    const std::string en = tr(Lang::kEn, id, {"<0>", "<1>", "<2>", "<3>"});
    const std::string zh = tr(Lang::kZh, id, {"<0>", "<1>", "<2>", "<3>"});
    EXPECT_FALSE(en.empty()) << i;
    EXPECT_FALSE(zh.empty()) << i;
    for (const char* p : {"<0>", "<1>", "<2>", "<3>"}) {
      EXPECT_EQ(en.find(p) == std::string::npos, zh.find(p) == std::string::npos) << i << " " << en << " / " << zh;
    }
  }
}

TEST(CliMessages, SubstitutesAndParsesLanguageNames) {
  EXPECT_EQ(tr(Lang::kEn, M::kDocFileMode, {"sa.json", "0600"}), "sa.json has mode 0600");
  EXPECT_EQ(tr(Lang::kZh, M::kDocFileMode, {"sa.json", "0600"}), "sa.json 的权限为 0600");
  EXPECT_EQ(parse_lang("zh"), Lang::kZh);
  EXPECT_EQ(parse_lang("zh_CN.UTF-8"), Lang::kZh);
  EXPECT_EQ(parse_lang("en_US"), Lang::kEn);
  EXPECT_EQ(parse_lang(""), Lang::kEn);
}

TEST(CliMessages, CredentialDescriptionsAndSourcesInChinese) {
  EXPECT_EQ(localize_credential_text(Lang::kEn, "API key AIza…x7Qk (39 chars)"), "API key AIza…x7Qk (39 chars)");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "API key AIza…x7Qk (39 chars)"), "API 密钥 AIza…x7Qk（39 个字符）");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "environment variable GEMINI_API_KEY"), "环境变量 GEMINI_API_KEY");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "service account a@p.iam.gserviceaccount.com impersonated by user b@c.d"),
            "服务账号 a@p.iam.gserviceaccount.com，模拟来源：用户 b@c.d");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "Application Default Credentials (the metadata server at 1.2.3.4:80)"),
            "应用默认凭据（元数据服务器 1.2.3.4:80）");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "--impersonate-service-account e@p (source: Application Default Credentials)"),
            "--impersonate-service-account e@p（源凭据：应用默认凭据）");
  EXPECT_EQ(localize_credential_text(Lang::kZh, "user credentials (OAuth client 123.apps)"), "用户凭据（OAuth 客户端 123.apps）");
}

// AI Studio makes its keys with this name and this one API target; anything else is a Console key.
TEST(CliDoctorKeys, AStudioKeyIsKnownByItsNameAndItsSingleTarget) {
  const std::vector<std::string> gemini = {"generativelanguage.googleapis.com"};
  EXPECT_TRUE(made_by_ai_studio("Gemini API Key", gemini));
  EXPECT_TRUE(made_by_ai_studio("Generative Language API Key", gemini));
  EXPECT_FALSE(made_by_ai_studio("Gemini API Key", {}));
  EXPECT_FALSE(made_by_ai_studio("Gemini API Key", {"generativelanguage.googleapis.com", "aiplatform.googleapis.com"}));
  EXPECT_FALSE(made_by_ai_studio("genai-setup", gemini));
}

TEST(CliTable, MeasuresAndWrapsChineseByDisplayColumns) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("服务账号"), 8u);
  EXPECT_EQ(display_width("API 密钥"), 8u);
  const auto lines = wrap("服务账号密钥泄露", 6);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "服务账");
  for (const auto& l : wrap("the quick brown fox jumps", 10)) EXPECT_LE(display_width(l), 10u) << l;
  EXPECT_EQ(wrap("the quick brown fox", 10)[0], "the quick");
  EXPECT_EQ(wrap("abcdefghijkl", 5).size(), 3u);  // an overlong word is cut
}

TEST(CliTable, EveryLineOfATableHasTheSameWidth) {
  const std::string t = render_table({"类型", "risks"}, {{"API 密钥", "Anyone holding the key can call as your project"},
                                                       {"服务账号", "JSON 密钥泄露后，攻击者可按该账号的所有角色行事"}},
                                     40);
  size_t width = 0, lines = 0;
  for (size_t pos = 0, next; (next = t.find('\n', pos)) != std::string::npos; pos = next + 1, ++lines) {
    const size_t w = display_width(std::string_view(t).substr(pos, next - pos));
    if (width == 0) width = w;
    EXPECT_EQ(w, width) << t;
  }
  EXPECT_LE(width, 40u);
  EXPECT_GT(lines, 6u);
}

// libgenai's own errors carry a reason and their facts (ErrorInfo, domain
// genai-cpp); the CLI words them from those in Chinese and leaves English,
// and every error of Google's, as the library words it.
TEST(CliErrors, LibraryErrorsOfAKnownReasonAreWordedFromTheirFacts) {
  Error e;
  e.kind = ErrorKind::kAuth;
  e.message = "the source_credentials of a.json has no \"client_email\" field";
  e.error_info = ErrorInfo{"CREDENTIALS_FIELD_MISSING", "genai-cpp",
                           {{"file", "the source_credentials of a.json"}, {"field", "client_email"},
                            {"type", "service_account"}}};
  std::optional<ErrorText> zh = localized_error(Lang::kZh, e);
  ASSERT_TRUE(zh);
  EXPECT_EQ(zh->message, "a.json 的 source_credentials 缺少 \"client_email\" 字段");
  EXPECT_EQ(zh->fix.rfind("下载一个新的 JSON 密钥", 0), 0u) << zh->fix;
  EXPECT_FALSE(localized_error(Lang::kEn, e));

  e.error_info = ErrorInfo{"CREDENTIALS_FILE_WRONG_TYPE", "genai-cpp",
                           {{"file", "b.json"}, {"type", "authorized_user"}, {"expected", "service_account"}}};
  EXPECT_EQ(localized_error(Lang::kZh, e)->message, "b.json 的 \"type\" 为 \"authorized_user\"，应为 \"service_account\"");

  e.error_info = ErrorInfo{"API_KEY_INVALID", "googleapis.com", {}};  // Google's words are never translated
  EXPECT_FALSE(localized_error(Lang::kZh, e));
  e.error_info = ErrorInfo{"SOMETHING_NEWER", "genai-cpp", {}};
  EXPECT_FALSE(localized_error(Lang::kZh, e));
}

// Every warning and note the resolver can give has doctor's own words in
// Chinese: none falls back to the library's English sentence.
TEST(CliDoctorEnvironment, EveryResolverNoteIsSaidInChinese) {
  ResolvedCredentials r;
  r.source = "environment variable GEMINI_API_KEY";
  r.project_source = "environment variable GOOGLE_CLOUD_PROJECT";
  const std::string english = "ENGLISH SENTENCE";
  for (ResolverNote::Code code : {ResolverNote::Code::kBothApiKeyVariables, ResolverNote::Code::kVertexVariablesDisagree}) {
    r.warnings.push_back({code, "GOOGLE_API_KEY", english});
  }
  for (ResolverNote::Code code : {ResolverNote::Code::kApiKeyIgnored, ResolverNote::Code::kExpressMode}) {
    r.notes.push_back({code, "GEMINI_API_KEY", english});
  }
  Report report(Lang::kZh);
  EnvironmentInput in{Lang::kZh, &r, {english},
                      [](std::string_view name) -> std::optional<std::string> {
                        if (name == "NO_GCE_CHECK") return "true";  // no metadata server probe
                        return std::nullopt;
                      },
                      {}};
  EXPECT_TRUE(report_environment(report, in));  // two key variables, express mode: the environment chose
  ::testing::internal::CaptureStdout();
  report.print(/*json=*/true);
  const nlohmann::json findings = nlohmann::json::parse(::testing::internal::GetCapturedStdout());
  ASSERT_EQ(findings.size(), 4u) << findings.dump(2);
  for (const nlohmann::json& f : findings) {
    EXPECT_EQ(f["check"], "environment");
    const std::string detail = f["detail"].get<std::string>();
    EXPECT_EQ(detail.find(english), std::string::npos) << detail;
    EXPECT_TRUE(std::any_of(detail.begin(), detail.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE4; }))
        << detail;  // Chinese
  }
  EXPECT_NE(findings[3]["detail"].get<std::string>().find("GEMINI_API_KEY 提供了一个 API 密钥"), std::string::npos)
      << findings[3]["detail"];
}

}  // namespace
}  // namespace genai::cli
