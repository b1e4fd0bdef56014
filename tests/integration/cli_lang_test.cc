// `genai --lang zh` for the errors of genai's own that come before any call:
// a credentials file that cannot be used (missing, unreadable, not JSON, of
// the wrong type, without a field, with a broken private key) and options
// that cannot go together. Each is said in Chinese with the facts it names
// (the file, the field), and in English exactly as the library words it.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

#define EXPECT_HAS(text, what) EXPECT_NE((text).find(what), std::string::npos) << (text)
#define EXPECT_LACKS(text, what) EXPECT_EQ((text).find(what), std::string::npos) << (text)

class CliLangTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("genai-lang-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string file(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    ::chmod(path.c_str(), 0600);
    return path;
  }
  // genai with no credential in the environment and nothing reachable.
  static ProcessResult genai(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), GENAI_CLI_PATH);
    env.emplace("NO_GCE_CHECK", "true");
    env.emplace("CLOUDSDK_CONFIG", "/nonexistent");
    env.emplace("GOOGLE_VERTEX_BASE_URL", "http://127.0.0.1:9");
    return run_process(args, env, "", std::chrono::seconds(20));
  }
  // `generate` on Vertex AI with --credentials `path`, in `lang`.
  static ProcessResult load(const std::string& lang, const std::string& path) {
    return genai({"--lang", lang, "--vertex", "--project", "p", "--credentials", path, "generate", "hi"});
  }
  // No English sentence of genai's own in a Chinese error.
  static void expect_chinese(const ProcessResult& r) {
    EXPECT_HAS(r.err, "genai：错误：");
    EXPECT_HAS(r.err, "修复：");
    for (const char* english : {"error:", "fix:", " has no ", " field of ", " is not ", "Download", "Check the",
                                "Run `", "expected", "cannot"}) {
      EXPECT_LACKS(r.err, english);
    }
  }

  std::filesystem::path dir_;
};

TEST_F(CliLangTest, ACredentialsFileThatCannotBeUsedIsToldInChinese) {
  struct Case {
    std::string name, text, zh, en;
    bool explain_refuses = true;  // auth explain FILE describes a file of another type instead
  };
  const std::vector<Case> cases = {
      {"not-json.json", "hello", "不是 JSON 对象（5 字节）", "is not a JSON object (5 bytes)"},
      {"no-type.json", "{}", "没有字符串类型的 \"type\" 字段，应为 service_account、authorized_user 或 "
                             "impersonated_service_account", "has no \"type\" field", false},
      {"external.json", R"({"type": "external_account"})", "类型为 “external_account” 的凭据文件，genai 不支持",
       "unsupported credentials type \"external_account\"", false},
      {"no-email.json", R"({"type": "service_account"})", "缺少 \"client_email\" 字段", "has no \"client_email\" field"},
      {"number.json", R"({"type": "service_account", "client_email": 5, "private_key": "x"})",
       "的 \"client_email\" 字段不是字符串", "the \"client_email\" field of"},
      {"bad-pem.json", R"({"type": "service_account", "client_email": "a@p.iam.gserviceaccount.com", "private_key": "x"})",
       "的 private_key 字段 不是可用的 RSA 私钥", "is not a PEM private key", false},
      {"user.json", R"({"type": "authorized_user", "client_id": "c", "client_secret": "s", "refresh_token": ""})",
       "的 \"refresh_token\" 字段为空", "the \"refresh_token\" field of"},
      {"imp.json",
       R"({"type": "impersonated_service_account", "service_account_impersonation_url": "https://x/v1/projects/-/serviceAccounts/t@p.iam.gserviceaccount.com:generateAccessToken"})",
       "缺少 \"source_credentials\" 字段", "has no \"source_credentials\" object"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = file(c.name, c.text);
    const ProcessResult zh = load("zh", path);
    EXPECT_EQ(zh.exit_code, 3) << zh.err;
    EXPECT_HAS(zh.err, path);
    EXPECT_HAS(zh.err, c.zh);
    expect_chinese(zh);
    const ProcessResult en = load("en", path);
    EXPECT_EQ(en.exit_code, 3) << en.err;
    EXPECT_HAS(en.err, "genai: error: auth error: ");
    EXPECT_HAS(en.err, c.en);
    EXPECT_HAS(en.err, "\n  fix: ");
    // auth explain FILE says the same.
    if (!c.explain_refuses) continue;
    const ProcessResult explain = genai({"--lang", "zh", "auth", "explain", path});
    EXPECT_EQ(explain.exit_code, 3) << explain.err;
    EXPECT_HAS(explain.err, c.zh);
    expect_chinese(explain);
  }
  // Which fix: each kind of file is written again its own way.
  EXPECT_HAS(load("zh", file("a.json", R"({"type": "service_account"})")).err, "下载一个新的 JSON 密钥");
  EXPECT_HAS(load("zh", file("b.json", R"({"type": "authorized_user"})")).err,
             "运行 `gcloud auth application-default login` 重新生成该文件");
}

TEST_F(CliLangTest, AMissingFileIsToldInChinese) {
  const std::string missing = (dir_ / "missing.json").string();
  const ProcessResult zh = genai({"--lang", "zh", "--vertex", "--project", "p", "generate", "hi"},
                                 {{"GOOGLE_APPLICATION_CREDENTIALS", missing}});
  EXPECT_EQ(zh.exit_code, 3) << zh.err;
  EXPECT_HAS(zh.err, "凭据文件 " + missing + " 不存在");
  EXPECT_HAS(zh.err, "请检查路径");
  expect_chinese(zh);
  // $GENAI_LANG does what --lang does; doctor says it the same way.
  const ProcessResult doctor = genai({"--vertex", "--project", "p", "doctor"},
                                     {{"GOOGLE_APPLICATION_CREDENTIALS", missing}, {"GENAI_LANG", "zh"}});
  EXPECT_EQ(doctor.exit_code, 3) << doctor.out;
  EXPECT_HAS(doctor.out, "凭据文件 " + missing + " 不存在");
  EXPECT_LACKS(doctor.out, "cannot open");
}

TEST_F(CliLangTest, AnUnreadableFileIsToldInChinese) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const std::string locked = file("locked.json", "{}");
  ::chmod(locked.c_str(), 0);
  const ProcessResult unreadable = load("zh", locked);
  EXPECT_EQ(unreadable.exit_code, 3) << unreadable.err;
  EXPECT_HAS(unreadable.err, "无法读取凭据文件 " + locked);
  EXPECT_HAS(unreadable.err, "请检查文件权限");
}

TEST_F(CliLangTest, OptionsThatCannotGoTogetherAreToldInChinese) {
  const std::string key = file("key", "AIza" + std::string(35, 'x'));
  const std::string creds = file("sa.json", "{}");
  const ProcessResult two = genai({"--lang", "zh", "--api-key-file", key, "--credentials", creds, "generate", "hi"});
  EXPECT_EQ(two.exit_code, 2) << two.err;
  EXPECT_HAS(two.err, "--api-key-file 和 --credentials 指定了两个不同的凭据；只能给一个");
  expect_chinese(two);

  const ProcessResult cached = genai({"--lang", "zh", "generate", "--cached-content", "c", "--system", "s", "hi"},
                                     {{"GEMINI_API_KEY", "AIza" + std::string(35, 'x')}});
  EXPECT_EQ(cached.exit_code, 2) << cached.err;
  EXPECT_HAS(cached.err, "不能同时使用");
  EXPECT_HAS(cached.err, "--cached-content");
  EXPECT_HAS(cached.err, "--system");
  expect_chinese(cached);
  const ProcessResult en = genai({"generate", "--cached-content", "c", "--system", "s", "hi"},
                                 {{"GEMINI_API_KEY", "AIza" + std::string(35, 'x')}});
  EXPECT_EQ(en.exit_code, 2) << en.err;
  EXPECT_HAS(en.err, "cannot be used together");

  const ProcessResult ttl = genai({"--lang", "zh", "caches", "create", "-m", "gemini-2.5-flash", "--ttl", "1h", "--expire-time",
                                   "2030-01-01T00:00:00Z", "--text", "x"});
  EXPECT_EQ(ttl.exit_code, 2) << ttl.err;
  EXPECT_HAS(ttl.err, "不能同时使用");
  expect_chinese(ttl);

  const ProcessResult absent = genai({"--lang", "zh", "--credentials", (dir_ / "absent.json").string(), "generate", "hi"});
  EXPECT_EQ(absent.exit_code, 2) << absent.err;
  EXPECT_HAS(absent.err, "--credentials：文件 " + (dir_ / "absent.json").string() + " 不存在");
  expect_chinese(absent);
  const ProcessResult empty_key = genai({"--lang", "zh", "--api-key-file", file("empty.key", "\n"), "generate", "hi"});
  EXPECT_EQ(empty_key.exit_code, 3) << empty_key.err;
  EXPECT_HAS(empty_key.err, "genai：错误：API 密钥文件 " + (dir_ / "empty.key").string() + " 为空");

  const ProcessResult setup = genai({"--lang", "zh", "setup", "--project", "p", "--key-file", "k.json"});
  EXPECT_EQ(setup.exit_code, 2) << setup.err;
  EXPECT_HAS(setup.err, "--key-file 需要同时指定 --service-account");
}

TEST_F(CliLangTest, WarningsAndPrintIdentityAreSaidInChinese) {
  // A key file others can read, both key variables set: warnings on stderr.
  const std::string key = file("key.txt", "AIzaSyTestKeyTestKeyTestKeyTestKey00000");
  ::chmod(key.c_str(), 0644);
  ProcessResult r = genai({"--lang", "zh", "--api-key-file", key, "auth", "print-identity"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_HAS(r.err, "genai：警告：");
  EXPECT_HAS(r.err, "chmod 600 " + key);
  EXPECT_LACKS(r.err, "readable by other users");
  EXPECT_HAS(r.out, "后端：");
  EXPECT_HAS(r.out, "凭据：");
  EXPECT_LACKS(r.out, "backend:");
  ProcessResult both = genai({"--lang", "zh", "auth", "print-identity"},
                             {{"GOOGLE_API_KEY", "AIzaSyTestKeyTestKeyTestKeyTestKey00001"},
                              {"GEMINI_API_KEY", "AIzaSyTestKeyTestKeyTestKeyTestKey00002"}});
  EXPECT_EQ(both.exit_code, 0) << both.err;
  EXPECT_HAS(both.err, "GOOGLE_API_KEY 和 GEMINI_API_KEY 都已设置");
  EXPECT_LACKS(both.err, "are set");
  // Express mode's note, in Chinese.
  ProcessResult express = genai({"--lang", "zh", "--vertex", "auth", "print-identity"},
                                {{"GEMINI_API_KEY", "AIzaSyTestKeyTestKeyTestKeyTestKey00003"}});
  EXPECT_EQ(express.exit_code, 0) << express.err;
  EXPECT_HAS(express.out, "快速模式");
  EXPECT_LACKS(express.out, "is used because");
  // English stays as it was.
  ProcessResult en = genai({"--api-key-file", key, "auth", "print-identity"});
  EXPECT_HAS(en.err, "genai: warning: the API key file " + key + " is readable by other users");
  EXPECT_HAS(en.out, "backend:     Gemini Developer API");
}

}  // namespace
}  // namespace genai::testing
