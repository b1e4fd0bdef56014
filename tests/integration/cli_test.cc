// The genai binary, run as a user would, against the in-process emulator.
#include <sys/stat.h>

#include <unistd.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "emulator/auth/key_files.h"
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

class CliTest : public EmulatorTest {
 protected:
  ProcessResult genai(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                      const std::string& stdin_text = "") {
    args.insert(args.begin(), GENAI_CLI_PATH);
    if (!env.count("GOOGLE_GEMINI_BASE_URL")) env["GOOGLE_GEMINI_BASE_URL"] = base_url();
    return run_process(args, env, stdin_text);
  }
  std::map<std::string, std::string> with_key() { return {{"GEMINI_API_KEY", key()}}; }
};

TEST_F(CliTest, GenerateFromArgumentsAndStdin) {
  auto r = genai({"generate", "Why", "is", "the", "sky", "blue?"}, with_key());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(r.out.size(), 10u);
  auto piped = genai({"generate", "--no-stream"}, with_key(), "Why is the sky blue?");
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, r.out);  // same prompt, same deterministic answer
}

TEST_F(CliTest, ExtraBodySendsAFieldWithNoFlag) {
  auto known = genai({"generate", "--no-stream", "--extra-body",
                      R"({"generationConfig": {"enableEnhancedCivicAnswers": true}})", "Hello"},
                     with_key());
  EXPECT_EQ(known.exit_code, 0) << known.err;
  EXPECT_FALSE(known.out.empty());
  // Sent as given: an unknown field is the server's 400, naming it (exit 4).
  auto unknown = genai({"generate", "--no-stream", "--extra-body", R"({"generationConfig": {"noSuchKnob": 1}})", "Hi"},
                       with_key());
  EXPECT_EQ(unknown.exit_code, 4) << unknown.err;
  EXPECT_NE(unknown.err.find("noSuchKnob"), std::string::npos) << unknown.err;
  // Not an object, not JSON, a missing file: usage errors, nothing sent.
  for (const char* bad : {"[1,2]", "{not json", "@/nonexistent/extra.json"}) {
    auto r = genai({"generate", "--no-stream", "--extra-body", bad, "Hi"}, with_key());
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("--extra-body"), std::string::npos) << r.err;
  }
}

TEST_F(CliTest, AKeyWithALineBreakIsRefusedAndNotEchoed) {
  auto env = with_key();
  env["GEMINI_API_KEY"] = key() + "\r\nX-Injected: yes";
  auto r = genai({"generate", "--no-stream", "Hi"}, env);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("the API key in GEMINI_API_KEY contains a control character"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(key().substr(4, 20)), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("X-Injected"), std::string::npos) << r.err;
}

// A repeatable option takes one value per flag: the words after it stay the
// prompt (CLI11 would otherwise let --stop swallow them).
TEST_F(CliTest, RepeatableOptionsDoNotSwallowThePrompt) {
  auto r = genai({"generate", "--stop", "zzz", "--stop", "yyy", "Why", "is", "the", "sky", "blue?"}, with_key());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
  // The same request written with "=" (which never swallowed anything): the
  // emulator's answer depends on the whole request, so equal answers mean
  // equal prompts and stop sequences.
  auto same = genai({"generate", "--stop=zzz", "--stop=yyy", "Why is the sky blue?"}, with_key());
  EXPECT_EQ(r.out, same.out);
}

TEST_F(CliTest, AKeyFileAndACredentialsFileTogetherAreAUsageError) {
  auto r = genai({"--api-key-file", "/dev/null", "--credentials", "/dev/null", "generate", "hi"}, with_key());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("give one"), std::string::npos) << r.err;
}

TEST_F(CliTest, GenerateJsonAndStreamJson) {
  auto r = genai({"generate", "--json", "Hello"}, with_key());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.contains("candidates"));
  auto s = genai({"generate", "--stream", "--json", "Tell me a story"}, with_key());
  ASSERT_EQ(s.exit_code, 0) << s.err;
  int lines = 0;
  std::istringstream in(s.out);
  for (std::string line; std::getline(in, line);) {
    EXPECT_TRUE(nlohmann::json::parse(line).contains("candidates"));
    ++lines;
  }
  EXPECT_GE(lines, 3);
}

TEST_F(CliTest, StreamedTextEqualsUnaryText) {
  auto streamed = genai({"generate", "--stream", "A story about rivers"}, with_key());
  auto unary = genai({"generate", "--no-stream", "A story about rivers"}, with_key());
  ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
  EXPECT_EQ(streamed.out, unary.out);
}

TEST_F(CliTest, UsageErrorsExit2) {
  EXPECT_EQ(genai({"generate", "--temperature", "9", "x"}, with_key()).exit_code, 2);
  EXPECT_EQ(genai({"generate", "--max-tokens", "abc", "x"}, with_key()).exit_code, 2);
  EXPECT_EQ(genai({"frobnicate"}, with_key()).exit_code, 2);
  EXPECT_EQ(genai({}, with_key()).exit_code, 2);
  auto empty = genai({"generate"}, with_key(), "   \n");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("empty"), std::string::npos);
}

TEST_F(CliTest, MissingKeyExit3WithFix) {
  auto r = genai({"generate", "Hello"}, {});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("GEMINI_API_KEY"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fix:"), std::string::npos);
}

TEST_F(CliTest, InvalidKeyExit3) {
  auto r = genai({"generate", "Hello"}, {{"GEMINI_API_KEY", "AIza" + std::string(35, 'z')}});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("API_KEY_INVALID"), std::string::npos) << r.err;
}

TEST_F(CliTest, DisabledApiExit3WithEnableCommand) {
  ASSERT_TRUE(state().create_project("off-project").ok());
  emulator::ApiKey spec;
  spec.project_id = "off-project";
  auto r = genai({"generate", "Hello"}, {{"GEMINI_API_KEY", make_key(spec)}});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("gcloud services enable generativelanguage.googleapis.com"), std::string::npos) << r.err;
}

TEST_F(CliTest, UnknownModelExit4) {
  auto r = genai({"generate", "--model", "gemini-0-nope", "Hello"}, with_key());
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("not found"), std::string::npos) << r.err;
}

TEST_F(CliTest, NetworkErrorExit5) {
  const std::string url = base_url();
  server_->stop();
  auto r = genai({"--retries", "1", "generate", "Hello"}, {{"GEMINI_API_KEY", key()}, {"GOOGLE_GEMINI_BASE_URL", url}});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_NE(r.err.find("could not connect"), std::string::npos) << r.err;
}

TEST_F(CliTest, BothKeyVariablesWarnAndGoogleWins) {
  auto r = genai({"generate", "Hello"}, {{"GOOGLE_API_KEY", key()}, {"GEMINI_API_KEY", "AIza" + std::string(35, 'z')}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY."), std::string::npos);
}

TEST_F(CliTest, ApiKeyFileAndLoosePermissionWarning) {
  const std::string path = ::testing::TempDir() + "/genai-key-" + std::to_string(getpid());
  std::ofstream(path) << key() << "\n";
  chmod(path.c_str(), 0600);
  auto tight = genai({"--api-key-file", path, "generate", "Hello"}, {});
  EXPECT_EQ(tight.exit_code, 0) << tight.err;
  EXPECT_EQ(tight.err.find("readable by other users"), std::string::npos);
  chmod(path.c_str(), 0644);
  auto loose = genai({"--api-key-file", path, "generate", "Hello"}, {});
  EXPECT_EQ(loose.exit_code, 0) << loose.err;
  EXPECT_NE(loose.err.find("readable by other users"), std::string::npos);
  std::remove(path.c_str());
}

TEST_F(CliTest, VerboseNeverShowsTheKey) {
  const std::string bad_key = "AIza" + std::string(34, 'k') + "Q";
  std::vector<ProcessResult> runs = {
      genai({"-v", "generate", "Hello"}, with_key()),
      genai({"-v", "generate", "--stream", "Hello"}, with_key()),
      genai({"-v", "tokens", "Hello"}, with_key()),
      genai({"-v", "embed", "a", "b"}, with_key()),
      genai({"-v", "models", "list"}, with_key()),
      genai({"-v", "generate", "--model", "nope", "Hello"}, with_key()),
      genai({"-v", "generate", "Hello"}, {{"GEMINI_API_KEY", bad_key}}),
  };
  bool traced = false;
  for (const ProcessResult& r : runs) {
    for (const std::string& secret : {key(), bad_key}) {
      EXPECT_EQ(r.out.find(secret), std::string::npos);
      EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
    }
    EXPECT_EQ(r.err.find("key="), std::string::npos) << r.err;
    traced = traced || r.err.find("x-goog-api-key: <redacted>") != std::string::npos;
  }
  EXPECT_TRUE(traced);
}

TEST_F(CliTest, TokensEmbedModels) {
  auto t = genai({"tokens", "How many tokens is this?"}, with_key());
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_GT(std::stoi(t.out), 0);
  // $GENAI_MODEL is the default model for tokens, as for generate and chat.
  auto env = with_key();
  env["GENAI_MODEL"] = "gemini-no-such-model";
  auto missing = genai({"tokens", "x"}, env);
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("gemini-no-such-model"), std::string::npos) << missing.err;
  EXPECT_EQ(genai({"tokens", "-m", "gemini-2.5-flash", "x"}, env).exit_code, 0);
  auto e = genai({"embed", "--dimensions", "8", "one", "two"}, with_key());
  ASSERT_EQ(e.exit_code, 0) << e.err;
  EXPECT_NE(e.out.find("0: 8 dimensions"), std::string::npos) << e.out;
  EXPECT_NE(e.out.find("1: 8 dimensions"), std::string::npos);
  auto l = genai({"models", "list", "--page-size", "2"}, with_key());
  ASSERT_EQ(l.exit_code, 0) << l.err;
  EXPECT_NE(l.out.find("models/gemini-embedding-001"), std::string::npos);  // last page
  auto g = genai({"models", "get", "gemini-2.5-flash"}, with_key());
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_NE(g.out.find("generateContent"), std::string::npos);
}

TEST_F(CliTest, HelpOnEveryCommand) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"--help"}, {"generate", "--help"}, {"tokens", "--help"}, {"embed", "--help"},
           {"models", "--help"}, {"models", "list", "--help"}, {"demo", "--help"}, {"auth", "--help"},
           {"auth", "print-access-token", "--help"}, {"auth", "print-identity", "--help"}, {"auth", "explain", "--help"}, {"doctor", "--help"}, {"setup", "--help"}}) {
    auto r = genai(args, {});
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args[0];
  }
  EXPECT_NE(genai({"--help"}, {}).out.find("Exit codes"), std::string::npos);
}

// The whole tutorial, each step a genai command run against the demo's own
// emulator and checked by the demo itself (exit 1 if one misbehaves).
TEST_F(CliTest, DemoRunsOffline) {
  auto r = genai({"demo"}, {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* seen : {"[1/8]", "[8/8]", "SERVICE_DISABLED",
                           "Failed to generate API key: permission denied. Please try again.", "API_KEY_SERVICE_BLOCKED", "API_KEY_IP_ADDRESS_BLOCKED",
                           "API_KEY_INVALID", "serverKeyRestrictions.allowedIps: 203.0.113.0/24",
                           "revoked roles/editor", "owner credentials", "every step behaved as narrated"}) {
    EXPECT_NE(r.out.find(seen), std::string::npos) << seen << "\n" << r.out;
  }
  EXPECT_EQ(r.out.find("\n    ✗"), std::string::npos) << r.out;  // no check failed
  // No secret reaches the screen: keys are masked, key files never printed.
  EXPECT_EQ(r.out.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(r.out.find("refresh_token"), std::string::npos);
  EXPECT_FALSE(std::regex_search(r.out, std::regex("AIza[0-9A-Za-z_-]{35}"))) << r.out;
  // Not a terminal: no colour codes.
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos);
}

TEST_F(CliTest, DemoNarratesInChineseAndRunsOneStep) {
  auto whole = genai({"--lang", "zh", "demo"}, {});
  EXPECT_EQ(whole.exit_code, 0) << whole.out << whole.err;
  EXPECT_NE(whole.out.find("[8/8] 四类凭据对比"), std::string::npos) << whole.out;
  EXPECT_NE(whole.out.find("Failed to generate API key: permission denied. Please try again."), std::string::npos);
  EXPECT_EQ(whole.out.find("\n    ✗"), std::string::npos) << whole.out;  // no check failed
  auto r = genai({"--lang", "zh", "demo", "--step", "4"}, {});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("[4/8] 限制 Console 密钥"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("与所述一致"), std::string::npos);
  EXPECT_NE(r.out.find("修复："), std::string::npos);  // doctor speaks the demo's language
  EXPECT_EQ(r.out.find("[3/8]"), std::string::npos);  // earlier steps ran quietly
  EXPECT_EQ(r.out.find("[5/8]"), std::string::npos);
  EXPECT_EQ(genai({"demo", "--step", "9"}, {}).exit_code, 2);
}

// A step that does not behave as narrated fails the demo, with the reason.
TEST_F(CliTest, DemoFailsWhenAStepMisbehaves) {
  auto r = genai({"demo", "--model", "no-such-model"}, {});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("-m no-such-model"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("✗ step 2 did not behave as the tutorial says"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[3/8]"), std::string::npos);
}

// Vertex AI from the terminal with each way of holding a credential.
class CliVertexTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    for (const char* api : {emulator::kAiPlatform, emulator::kIamCredentials}) {
      ASSERT_TRUE(state().set_service_enabled("test-project", api, true));
    }
    auto sa = state().create_service_account("test-project", "cli-caller", "CLI caller");
    ASSERT_TRUE(sa);
    email_ = sa->email;
    ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(email_)));
    auto file = emulator::create_service_account_key_file(server_->env(), email_);
    ASSERT_TRUE(file);
    key_json_ = nlohmann::json::parse(file->key_file_json);
    key_path_ = ::testing::TempDir() + "genai-cli-sa-" + std::to_string(::getpid()) + ".json";
    std::ofstream(key_path_) << file->key_file_json;
    ::chmod(key_path_.c_str(), 0600);
  }
  void TearDown() override {
    std::remove(key_path_.c_str());
    CliTest::TearDown();
  }
  std::map<std::string, std::string> vertex_env() {
    return {{"GOOGLE_VERTEX_BASE_URL", base_url()}, {"NO_GCE_CHECK", "true"}, {"CLOUDSDK_CONFIG", "/nonexistent"}};
  }

  std::string email_;
  nlohmann::json key_json_;
  std::string key_path_;
};

TEST_F(CliVertexTest, GenerateWithAKeyFile) {
  auto r = genai({"--vertex", "--credentials", key_path_, "--location", "us-central1", "generate", "Hello"}, vertex_env());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(r.out.size(), 10u);
}

// genai tunings create | get | list | cancel and models list --tuned | update | delete,
// through a job's whole life on the emulator's clock.
TEST_F(CliVertexTest, TuningsAndTunedModels) {
  const std::vector<std::string> v = {"--vertex", "--credentials", key_path_, "--location", "us-central1"};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), v.begin(), v.end());
    return genai(args, vertex_env());
  };
  put_tuning_dataset("gs://tuning-data/t.jsonl");
  // Tuning exists only on Vertex AI: without --vertex the commands use it anyway.
  auto implied = genai({"--credentials", key_path_, "--location", "us-central1", "tunings", "list"}, vertex_env());
  EXPECT_EQ(implied.exit_code, 0) << implied.err;
  EXPECT_EQ(implied.err.find("API key"), std::string::npos) << implied.err;
  auto bad_adapter = run({"tunings", "create", "--model", "gemini-2.5-flash", "--training", "gs://tuning-data/t.jsonl",
                          "--adapter-size", "3"});
  EXPECT_EQ(bad_adapter.exit_code, 2) << bad_adapter.err;
  auto created = run({"tunings", "create", "--model", "gemini-2.5-flash", "--training", "gs://tuning-data/t.jsonl", "--epochs",
                      "1", "--display-name", "cli-tuned"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string job = created.out.substr(0, created.out.find('\n'));
  ASSERT_NE(job.find("/tuningJobs/"), std::string::npos) << job;
  auto pending = run({"tunings", "get", job});
  ASSERT_EQ(pending.exit_code, 0) << pending.err;
  EXPECT_NE(pending.out.find("JOB_STATE_PENDING"), std::string::npos) << pending.out;

  server_->env().clock().advance(std::chrono::seconds(60));
  auto done = run({"tunings", "get", job});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_NE(done.out.find("JOB_STATE_SUCCEEDED"), std::string::npos) << done.out;
  std::smatch endpoint;
  ASSERT_TRUE(std::regex_search(done.out, endpoint, std::regex(R"(endpoint: +(\S+))"))) << done.out;
  auto listed = run({"tunings", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("JOB_STATE_SUCCEEDED"), std::string::npos) << listed.out;

  auto answer = run({"generate", "--model", endpoint[1], "Hello"});
  EXPECT_EQ(answer.exit_code, 0) << answer.err;
  auto models = run({"models", "list", "--tuned"});
  ASSERT_EQ(models.exit_code, 0) << models.err;
  EXPECT_NE(models.out.find("cli-tuned"), std::string::npos) << models.out;
  const std::string model = models.out.substr(0, models.out.find(' '));
  EXPECT_EQ(run({"models", "update", model}).exit_code, 2);  // nothing to update
  auto renamed = run({"models", "update", model, "--display-name", "renamed"});
  ASSERT_EQ(renamed.exit_code, 0) << renamed.err;
  EXPECT_NE(renamed.out.find("renamed"), std::string::npos) << renamed.out;
  ASSERT_EQ(run({"models", "delete", model}).exit_code, 0);
  EXPECT_EQ(run({"models", "list", "--tuned"}).out, "");

  auto cancel_done = run({"tunings", "cancel", job});
  EXPECT_NE(cancel_done.exit_code, 0);
  EXPECT_NE(cancel_done.err.find("JOB_STATE_SUCCEEDED"), std::string::npos) << cancel_done.err;
  // An API key alone cannot tune (no project): refused before anything is sent.
  auto dev = genai({"tunings", "list"}, {{"GOOGLE_VERTEX_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}});
  EXPECT_EQ(dev.exit_code, 2) << dev.err;
  EXPECT_NE(dev.err.find("tuning needs a Vertex AI project"), std::string::npos) << dev.err;
}

TEST_F(CliVertexTest, GenerateWithApplicationDefaultCredentials) {
  auto env = vertex_env();
  env["GOOGLE_APPLICATION_CREDENTIALS"] = key_path_;
  env["GOOGLE_GENAI_USE_VERTEXAI"] = "true";
  auto r = genai({"generate", "Hello"}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto id = genai({"auth", "print-identity"}, env);
  ASSERT_EQ(id.exit_code, 0) << id.err;
  EXPECT_NE(id.out.find("service account " + email_), std::string::npos) << id.out;
  EXPECT_NE(id.out.find("GOOGLE_APPLICATION_CREDENTIALS=" + key_path_), std::string::npos) << id.out;
  EXPECT_NE(id.out.find("project:     test-project (from Application Default Credentials"), std::string::npos)
      << id.out;
  // A key variable turns this ADC setup (no GOOGLE_CLOUD_PROJECT) into
  // express mode without a word from the official SDKs: print-identity says so.
  env["GEMINI_API_KEY"] = "AIzaSyUnusedKeyUnusedKeyUnusedKey12345";
  auto noted = genai({"auth", "print-identity"}, env);
  ASSERT_EQ(noted.exit_code, 0) << noted.err;
  EXPECT_NE(noted.out.find("note:        Vertex AI express mode: the API key in GEMINI_API_KEY is used because no "
                           "project is set"),
            std::string::npos)
      << noted.out;
  // With the project named, the key is set aside, and that is said too.
  env["GOOGLE_CLOUD_PROJECT"] = "test-project";
  noted = genai({"auth", "print-identity"}, env);
  EXPECT_NE(noted.out.find("project:     test-project (from environment variable GOOGLE_CLOUD_PROJECT)"),
            std::string::npos)
      << noted.out;
  EXPECT_NE(noted.out.find("note:        The API key in GEMINI_API_KEY is not used"), std::string::npos) << noted.out;
}

TEST_F(CliVertexTest, VerboseTracesTheTokenExchangeToo) {
  // The token request goes through the client's transport: --verbose shows it.
  auto r = genai({"-v", "--vertex", "--credentials", key_path_, "generate", "Hello"}, vertex_env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("> POST " + base_url() + "/token"), std::string::npos) << r.err;
}

TEST_F(CliVertexTest, NoCredentialsAnywhereIsExit3WithTheFix) {
  auto r = genai({"--vertex", "--project", "test-project", "generate", "Hello"}, vertex_env());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("gcloud auth application-default login"), std::string::npos) << r.err;
}

TEST_F(CliVertexTest, PrintAccessTokenWorksOnVertex) {
  auto t = genai({"--credentials", key_path_, "auth", "print-access-token"}, vertex_env());
  ASSERT_EQ(t.exit_code, 0) << t.err;
  const std::string token = t.out.substr(0, t.out.find('\n'));
  EXPECT_EQ(token.rfind("ya29.", 0), 0u);
  httplib::Client http(base_url());
  auto res = http.Post("/v1/projects/test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:countTokens",
                       httplib::Headers{{"Authorization", "Bearer " + token}},
                       R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
}

TEST_F(CliVertexTest, ImpersonationFlag) {
  auto target = state().create_service_account("test-project", "impersonated-sa", "Target");
  ASSERT_TRUE(target);
  ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(target->email)));
  auto env = vertex_env();
  env["GENAI_IAM_CREDENTIALS_ENDPOINT"] = base_url();
  const std::vector<std::string> args = {"--vertex", "--credentials", key_path_, "--impersonate-service-account",
                                         target->email, "generate", "Hello"};
  auto denied = genai(args, env);
  EXPECT_EQ(denied.exit_code, 3) << denied.err;
  EXPECT_NE(denied.err.find("iam.serviceAccounts.getAccessToken"), std::string::npos) << denied.err;
  ASSERT_TRUE(state().add_binding("test-project", "roles/iam.serviceAccountTokenCreator",
                                  emulator::service_account_member(email_)));
  auto ok = genai(args, env);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(CliVertexTest, VerboseNeverShowsTokensOrKeyMaterial) {
  auto env = vertex_env();
  std::vector<ProcessResult> runs = {
      genai({"-v", "--vertex", "--credentials", key_path_, "generate", "Hello"}, env),
      genai({"-v", "--vertex", "--credentials", key_path_, "generate", "--stream", "Hello"}, env),
      genai({"-v", "--vertex", "--credentials", key_path_, "--project", "missing-project", "generate", "Hello"}, env),
      genai({"-v", "--vertex", "--credentials", key_path_, "auth", "print-identity"}, env),
  };
  const std::string key_fragment = key_json_["private_key"].get<std::string>().substr(100, 40);
  bool traced = false;
  for (const ProcessResult& r : runs) {
    for (const std::string* text : {&r.out, &r.err}) {
      EXPECT_EQ(text->find("ya29."), std::string::npos) << *text;
      EXPECT_EQ(text->find(key_fragment), std::string::npos);
      EXPECT_EQ(text->find("eyJ"), std::string::npos) << *text;  // no JWT assertion
    }
    traced = traced || r.err.find("Authorization: <redacted>") != std::string::npos ||
             r.err.find("Authorization: Bearer <redacted>") != std::string::npos;
  }
  EXPECT_TRUE(traced) << runs[0].err;
}

TEST_F(CliVertexTest, DoctorFindsNoProblemWithAGoodServiceAccount) {
  auto env = vertex_env();
  env["GENAI_CLOUD_BASE_URL"] = base_url();
  auto r = genai({"--vertex", "--credentials", key_path_, "doctor"}, env);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("[ ok ] token"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[ ok ] principal: " + email_), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[ ok ] API call"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[FAIL]"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ya29."), std::string::npos);
}

TEST_F(CliVertexTest, DoctorNamesTheMissingPermissionAndTheDisabledApi) {
  auto env = vertex_env();
  env["GENAI_CLOUD_BASE_URL"] = base_url();
  ASSERT_TRUE(state().remove_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(email_)));
  auto denied = genai({"--vertex", "--credentials", key_path_, "doctor"}, env);
  EXPECT_EQ(denied.exit_code, 3) << denied.out;
  EXPECT_NE(denied.out.find("[FAIL] permission"), std::string::npos) << denied.out;
  EXPECT_NE(denied.out.find("roles/aiplatform.user"), std::string::npos) << denied.out;
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, false));
  auto disabled = genai({"--vertex", "--credentials", key_path_, "doctor", "--json"}, env);
  EXPECT_EQ(disabled.exit_code, 3);
  const auto checks = nlohmann::json::parse(disabled.out);
  bool found = false;
  for (const auto& c : checks) found = found || (c["check"] == "API enabled" && c["status"] == "fail");
  EXPECT_TRUE(found) << disabled.out;
}

TEST_F(CliTest, DoctorOnTheDeveloperApi) {
  auto ok = genai({"doctor"}, with_key());
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("[ ok ] key format"), std::string::npos);
  auto token_as_key = genai({"doctor"}, {{"GEMINI_API_KEY", "ya29.a0AfH6SMBx"}});
  EXPECT_EQ(token_as_key.exit_code, 3);
  EXPECT_NE(token_as_key.out.find("OAuth access token, not an API key"), std::string::npos) << token_as_key.out;
  emulator::ApiKey blocked;
  blocked.project_id = "test-project";
  blocked.api_targets = {"translate.googleapis.com"};
  auto restricted = genai({"doctor"}, {{"GEMINI_API_KEY", make_key(blocked)}});
  EXPECT_EQ(restricted.exit_code, 3);
  EXPECT_NE(restricted.out.find("[FAIL] key restrictions"), std::string::npos) << restricted.out;
}

TEST_F(CliVertexTest, AuthExplainSaysWhatAFileIsWithoutSecrets) {
  auto r = genai({"auth", "explain", key_path_}, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("a service-account key"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(email_), std::string::npos);
  EXPECT_NE(r.out.find("roles/aiplatform.user"), std::string::npos);
  EXPECT_EQ(r.out.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(r.out.find(key_json_["private_key"].get<std::string>().substr(100, 30)), std::string::npos);
  EXPECT_EQ(r.out.find("WARNING"), std::string::npos);  // mode 0600
  const std::string key_file = key_path_ + ".key";
  std::ofstream(key_file) << key() << "\n";
  ::chmod(key_file.c_str(), 0644);
  auto k = genai({"auth", "explain", key_file}, {});
  EXPECT_EQ(k.exit_code, 0);
  EXPECT_NE(k.out.find("a Google API key"), std::string::npos);
  EXPECT_EQ(k.out.find(key()), std::string::npos);
  EXPECT_NE(k.out.find("chmod 600"), std::string::npos);
  std::remove(key_file.c_str());
  const std::string other = key_path_ + ".ext";
  std::ofstream(other) << R"({"type": "external_account"})";
  EXPECT_EQ(genai({"auth", "explain", other}, {}).exit_code, 3);
  std::remove(other.c_str());
}

// The tutorial's comparison of credential kinds, the one in use marked.
TEST_F(CliVertexTest, AuthExplainComparesTheKindsAndMarksTheOneInUse) {
  auto env = vertex_env();
  env["GOOGLE_APPLICATION_CREDENTIALS"] = key_path_;
  env["COLUMNS"] = "400";  // wide enough that no cell wraps
  auto table = genai({"auth", "explain"}, env);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  for (const char* kind : {"Cloud Console API key", "AI Studio API key", "* Service account key", "OAuth user",
                           "Metadata server", "Project Owner's account", "recommendation", "risks"}) {
    EXPECT_NE(table.out.find(kind), std::string::npos) << kind << "\n" << table.out;
  }
  EXPECT_NE(table.out.find("Credential in use: service_account (service account " + email_), std::string::npos)
      << table.out;
  EXPECT_EQ(table.out.find("* Cloud Console"), std::string::npos);

  auto json = genai({"auth", "explain", "--json"}, env);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  ASSERT_EQ(j["kinds"].size(), 6u);
  for (const auto& k : j["kinds"]) {
    EXPECT_EQ(k["in_use"].get<bool>(), k["id"] == "service_account") << k.dump();
    for (const char* f : {"kind", "what", "can_call", "risks", "recommendation"}) EXPECT_FALSE(k[f].get<std::string>().empty());
  }
  EXPECT_EQ(j["credential_in_use"]["kind"], "service_account");

  // An API key: both key rows, since the key alone does not say where it was made.
  const auto k = nlohmann::json::parse(genai({"auth", "explain", "--json"}, with_key()).out);
  for (const auto& row : k["kinds"]) {
    EXPECT_EQ(row["in_use"].get<bool>(), row["id"] == "console_api_key" || row["id"] == "studio_api_key") << row.dump();
  }
  for (const std::string& text : {json.out, table.out, genai({"auth", "explain"}, with_key()).out}) {
    EXPECT_EQ(text.find(key()), std::string::npos);
  }

  // Nothing found is an answer, not an error.
  auto none = genai({"auth", "explain"}, vertex_env());
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_NE(none.out.find("No credential found"), std::string::npos) << none.out;
  const auto n = nlohmann::json::parse(genai({"auth", "explain", "--json"}, vertex_env()).out);
  EXPECT_TRUE(n["credential_in_use"]["kind"].is_null());

  // In the tutorial's language, from the flag or GENAI_LANG.
  auto zh = genai({"--lang", "zh", "auth", "explain"}, env);
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  for (const char* word : {"服务账号", "项目所有者", "AI Studio API 密钥", "安全风险", "Vertex AI 用户"}) {
    EXPECT_NE(zh.out.find(word), std::string::npos) << word << "\n" << zh.out;
  }
  auto zh_env = env;
  zh_env["GENAI_LANG"] = "zh_CN.UTF-8";
  EXPECT_NE(genai({"auth", "explain"}, zh_env).out.find("当前使用的凭据"), std::string::npos);
  EXPECT_EQ(genai({"--lang", "fr", "auth", "explain"}, env).exit_code, 2);
}

TEST_F(CliVertexTest, AuthExplainFileAsJson) {
  auto r = genai({"auth", "explain", key_path_, "--json"}, {});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["type"], "service_account");
  EXPECT_EQ(j["account"], email_);
  EXPECT_FALSE(j.contains("warning"));
  EXPECT_EQ(r.out.find("PRIVATE KEY"), std::string::npos);
  auto zh = genai({"--lang", "zh", "auth", "explain", key_path_}, {});
  EXPECT_NE(zh.out.find("服务账号密钥"), std::string::npos) << zh.out;
}

// genai setup, as the tutorial's project owner, against the emulator's Cloud APIs.
class CliSetupTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_TRUE(state().create_project("setup-project"));
    dir_ = ::testing::TempDir() + "genai-setup-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
    owner_file_ = user_file("owner@example.com", "roles/owner");
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    CliTest::TearDown();
  }
  std::string user_file(const std::string& email, const std::string& role) {
    auto client = state().create_oauth_client("setup-project");
    auto grant = state().create_user_grant(client->client_id, email, "https://www.googleapis.com/auth/cloud-platform");
    EXPECT_TRUE(state().add_binding("setup-project", role, "user:" + email));
    const std::string path = dir_ + "/" + email + ".json";
    std::ofstream(path) << emulator::authorized_user_file(server_->env(), client->client_id, client->client_secret,
                                                          grant->refresh_token, "");
    ::chmod(path.c_str(), 0600);
    return path;
  }
  std::map<std::string, std::string> env() {
    return {{"GENAI_CLOUD_BASE_URL", base_url()}, {"GOOGLE_GEMINI_BASE_URL", base_url()},
            {"GOOGLE_VERTEX_BASE_URL", base_url()}, {"NO_GCE_CHECK", "true"}, {"CLOUDSDK_CONFIG", "/nonexistent"}};
  }
  std::vector<std::string> full_setup(const std::string& creds) {
    return {"--credentials", creds, "setup", "--project", "setup-project", "--enable-apis", "--api-key",
            "--restrict-api", "generativelanguage.googleapis.com", "--restrict-ip", "127.0.0.1/32",
            "--api-key-file", dir_ + "/gemini.key", "--service-account", "gemini-backend",
            "--key-file", dir_ + "/sa.json"};
  }
  static unsigned mode_of(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
  }

  std::string dir_;
  std::string owner_file_;
};

TEST_F(CliSetupTest, DoesTheTutorialThenChangesNothingTheSecondTime) {
  auto dry = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--enable-apis", "--dry-run"}, env());
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("nothing was changed"), std::string::npos);
  EXPECT_FALSE(state().project("setup-project")->enabled_services.count(emulator::kGenerativeLanguage));

  auto first = genai(full_setup(owner_file_), env());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("enable generativelanguage.googleapis.com: .enabled"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("role roles/aiplatform.user: granted"), std::string::npos);
  EXPECT_EQ(mode_of(dir_ + "/gemini.key"), 0600u);
  EXPECT_EQ(mode_of(dir_ + "/sa.json"), 0600u);
  std::string key;
  std::getline(std::ifstream(dir_ + "/gemini.key"), key);
  EXPECT_EQ(first.out.find(key), std::string::npos);  // written to the file, never printed
  EXPECT_EQ(first.err.find(key), std::string::npos);

  // The key and the key file work, each where it should.
  EXPECT_EQ(genai({"--api-key-file", dir_ + "/gemini.key", "generate", "hi"}, env()).exit_code, 0);
  auto vertex = genai({"--vertex", "--credentials", dir_ + "/sa.json", "generate", "hi"}, env());
  EXPECT_EQ(vertex.exit_code, 0) << vertex.err;

  auto second = genai(full_setup(owner_file_), env());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("Nothing to change"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("already enabled"), std::string::npos);
  EXPECT_NE(second.out.find("already granted"), std::string::npos);
  EXPECT_EQ(state().service_account("gemini-backend@setup-project.iam.gserviceaccount.com")->keys.size(), 1u);

  // In Chinese: the plan, each step and the outcome; the names stay as they are.
  std::vector<std::string> zh_args = full_setup(owner_file_);
  zh_args.insert(zh_args.begin(), {"--lang", "zh"});
  auto third = genai(zh_args, env());
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_NE(third.out.find("genai setup：项目 setup-project"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("启用 generativelanguage.googleapis.com: 已经启用"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("角色 roles/aiplatform.user: 已经授予"), std::string::npos) << third.out;
  EXPECT_NE(third.out.find("无需更改"), std::string::npos) << third.out;
  EXPECT_EQ(third.out.find("Nothing to change"), std::string::npos) << third.out;
}

// --verbose shows every Cloud API call setup makes, and still no secret: not
// the new API key (its getKeyString answer), the service-account key or the
// caller's token.
TEST_F(CliSetupTest, VerboseTracesTheCloudCallsWithoutSecrets) {
  std::vector<std::string> args = full_setup(owner_file_);
  args.insert(args.begin(), "--verbose");
  auto r = genai(args, env());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("> POST "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/services/generativelanguage.googleapis.com:enable"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/locations/global/keys"), std::string::npos) << r.err;
  std::string key;
  std::getline(std::ifstream(dir_ + "/gemini.key"), key);
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(r.err.find(key), std::string::npos);
  EXPECT_EQ(r.out.find(key), std::string::npos);
  EXPECT_FALSE(std::regex_search(r.err, std::regex("ya29\\.[A-Za-z0-9_-]{8}"))) << r.err;  // only "ya29.<mask>"
  EXPECT_EQ(r.err.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(CliSetupTest, AViewerIsToldWhichPermissionAndRoleAreMissing) {
  const std::string viewer = user_file("viewer@example.com", "roles/viewer");
  auto r = genai(full_setup(viewer), env());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("serviceusage.services.enable"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("roles/serviceusage.serviceUsageAdmin"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("done before it: [project]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run the same command again"), std::string::npos);
}

TEST_F(CliSetupTest, BroadRolesNeedAnExplicitFlag) {
  auto refused = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--service-account",
                        "broad-sa", "--role", "roles/editor"}, env());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--allow-broad-role"), std::string::npos);
  auto allowed = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--service-account",
                        "broad-sa", "--role", "roles/editor", "--allow-broad-role"}, env());
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  // doctor then flags the over-privilege of that account.
  auto file = emulator::create_service_account_key_file(server_->env(), "broad-sa@setup-project.iam.gserviceaccount.com");
  ASSERT_TRUE(file);
  const std::string path = dir_ + "/broad.json";
  std::ofstream(path) << file->key_file_json;
  ::chmod(path.c_str(), 0600);
  ASSERT_TRUE(state().set_service_enabled("setup-project", emulator::kAiPlatform, true));
  auto doctor = genai({"--vertex", "--credentials", path, "doctor"}, env());
  EXPECT_EQ(doctor.exit_code, 0) << doctor.out;
  EXPECT_NE(doctor.out.find("[warn] least privilege"), std::string::npos) << doctor.out;
  EXPECT_NE(doctor.out.find("--role roles/aiplatform.user --revoke-role roles/editor"), std::string::npos) << doctor.out;

  // Tightening: the new role granted and Editor taken back in one policy write.
  auto tighten = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--service-account",
                        "broad-sa", "--role", "roles/aiplatform.user", "--revoke-role", "roles/editor"}, env());
  EXPECT_EQ(tighten.exit_code, 0) << tighten.err;
  EXPECT_NE(tighten.out.find("granted, revoked roles/editor"), std::string::npos) << tighten.out;
  const std::string member = "serviceAccount:broad-sa@setup-project.iam.gserviceaccount.com";
  EXPECT_EQ(state().permissions("setup-project", member).count("storage.buckets.delete"), 0u);
  EXPECT_EQ(state().permissions("setup-project", member).count("aiplatform.endpoints.predict"), 1u);
  auto again = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--service-account",
                      "broad-sa", "--revoke-role", "roles/editor"}, env());
  EXPECT_NE(again.out.find("already granted"), std::string::npos) << again.out;
  auto contradiction = genai({"--credentials", owner_file_, "setup", "--project", "setup-project", "--service-account",
                              "broad-sa", "--revoke-role", "roles/aiplatform.user"}, env());
  EXPECT_EQ(contradiction.exit_code, 2);
}

}  // namespace
}  // namespace genai::testing
