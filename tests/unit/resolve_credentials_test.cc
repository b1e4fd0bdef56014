// resolve_credentials over a made-up machine: environment variables, files
// and the metadata server all come from the table row, never from the
// process. Each row is one combination a user can have.
#include "genai/auth/resolve.h"

#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "tests/support/test_jwt.h"

namespace genai {
namespace {

using Vars = std::map<std::string, std::string>;

const std::string& sa_key_file() {
  static const std::string text =
      nlohmann::json{{"type", "service_account"},
                     {"client_email", "caller@key-project.iam.gserviceaccount.com"},
                     {"private_key", testing::new_pkcs1_private_key()},
                     {"project_id", "key-project"},
                     {"token_uri", "http://127.0.0.1:1/token"}}
          .dump();
  return text;
}

const std::string kUserFile = R"({"type": "authorized_user", "client_id": "c.apps.googleusercontent.com",
  "client_secret": "s", "refresh_token": "r", "quota_project_id": "quota-proj"})";

struct Machine {
  Vars env;
  std::map<std::string, std::string> files;
  bool metadata = false;
  int probes = 0;

  ResolverEnvironment environment() {
    ResolverEnvironment e;
    e.getenv = [this](std::string_view name) -> std::optional<std::string> {
      auto it = env.find(std::string(name));
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    e.file_exists = [this](const std::string& path) { return files.count(path) > 0; };
    e.read_file = [this](const std::string& path) -> Result<std::string> {
      auto it = files.find(path);
      if (it == files.end()) {
        Error err;
        err.kind = ErrorKind::kAuth;
        err.message = "cannot open " + path;
        return err;
      }
      return it->second;
    };
    e.metadata_server_available = [this](const std::string&) { return ++probes, metadata; };
    return e;
  }
};

struct Row {
  const char* name;
  Vars env;
  std::map<std::string, std::string> files;
  bool metadata;
  bool vertex_option;       // ClientOptions::vertexai = true
  std::string project_option;
  // Expected:
  bool ok;
  CredentialKind kind;
  std::string source;       // substring
  bool vertex;
  bool express;
  std::string project;
  std::string project_source;  // substring
  size_t warnings;
  std::string note;         // substring of a note; "" = no notes
};

const std::string kHome = "/home/u";
const std::string kGcloudFile = kHome + "/.config/gcloud/application_default_credentials.json";

std::vector<Row> rows() {
  return {
      {"GeminiKeyOnly", {{"GEMINI_API_KEY", "AIzaA"}}, {}, false, false, "",
       true, CredentialKind::kApiKey, "environment variable GEMINI_API_KEY", false, false, "", "", 0, ""},
      {"BothKeysGoogleWins", {{"GEMINI_API_KEY", "AIzaA"}, {"GOOGLE_API_KEY", "AIzaB"}}, {}, false, false, "",
       true, CredentialKind::kApiKey, "GOOGLE_API_KEY", false, false, "", "", 1, ""},
      {"EmptyKeyIsUnset", {{"GEMINI_API_KEY", ""}}, {}, false, false, "",
       false, {}, "", false, false, "", "", 0, ""},
      {"NothingOnTheDeveloperApi", {}, {}, true, false, "",
       false, {}, "", false, false, "", "", 0, ""},
      {"VertexFromEnvWithKeyFile",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "env-proj"},
        {"GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json"}},
       {{"/keys/sa.json", sa_key_file()}}, false, false, "",
       true, CredentialKind::kServiceAccount, "GOOGLE_APPLICATION_CREDENTIALS=/keys/sa.json", true, false, "env-proj",
       "GOOGLE_CLOUD_PROJECT", 0, ""},
      {"VertexProjectFromTheKeyFile",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "1"}, {"GOOGLE_APPLICATION_CREDENTIALS", "/keys/sa.json"}},
       {{"/keys/sa.json", sa_key_file()}}, false, false, "",
       true, CredentialKind::kServiceAccount, "GOOGLE_APPLICATION_CREDENTIALS", true, false, "key-project",
       "Application Default Credentials", 0, ""},
      {"VertexMissingKeyFileNamesIt",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_APPLICATION_CREDENTIALS", "/keys/gone.json"}}, {}, true,
       false, "", false, {}, "", true, false, "", "", 0, ""},
      {"VertexGcloudUserFile", {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"HOME", kHome}, {"GOOGLE_CLOUD_PROJECT", "p"}},
       {{kGcloudFile, kUserFile}}, true, false, "",
       true, CredentialKind::kAuthorizedUser, "gcloud application-default credentials", true, false, "p", "", 0, ""},
      {"CloudsdkConfigMovesTheGcloudFile",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"HOME", kHome}, {"CLOUDSDK_CONFIG", "/cfg"},
        {"GOOGLE_CLOUD_PROJECT", "p"}},
       {{kGcloudFile, kUserFile}, {"/cfg/application_default_credentials.json", kUserFile}}, false, false, "",
       true, CredentialKind::kAuthorizedUser, "/cfg/application_default_credentials.json", true, false, "p", "", 0, ""},
      {"VertexMetadataServer", {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "gce-proj"}}, {}, true,
       false, "", true, CredentialKind::kMetadataServer, "the metadata server", true, false, "gce-proj", "", 0, ""},
      {"VertexNoGceCheckSkipsTheProbe",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "p"}, {"NO_GCE_CHECK", "true"}}, {}, true,
       false, "", false, {}, "", true, false, "", "", 0, ""},
      {"VertexNothingAnywhere", {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "p"}}, {}, false,
       false, "", false, {}, "", true, false, "", "", 0, ""},
      {"VertexKeyWithoutProjectIsExpressMode", {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GEMINI_API_KEY", "AIzaA"}},
       {}, true, false, "",
       true, CredentialKind::kApiKey, "GEMINI_API_KEY", true, true, "", "", 0, "express mode"},
      {"VertexKeyIgnoredWhenAProjectIsSet",
       {{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GEMINI_API_KEY", "AIzaA"}, {"GOOGLE_CLOUD_PROJECT", "p"}}, {}, true,
       false, "", true, CredentialKind::kMetadataServer, "metadata server", true, false, "p", "GOOGLE_CLOUD_PROJECT",
       0, "is not used"},
      {"VertexOptionAndProjectOption", {{"GOOGLE_CLOUD_PROJECT", "env-proj"}}, {}, true, true, "opt-proj",
       true, CredentialKind::kMetadataServer, "metadata server", true, false, "opt-proj", "ClientOptions::project", 0,
       ""},
      {"EnterpriseWinsOverVertexWithAWarning",
       {{"GOOGLE_GENAI_USE_ENTERPRISE", "false"}, {"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GEMINI_API_KEY", "AIzaA"}},
       {}, false, false, "", true, CredentialKind::kApiKey, "GEMINI_API_KEY", false, false, "", "", 1, ""},
      {"ProjectWithoutVertexIsAnError", {{"GEMINI_API_KEY", "AIzaA"}}, {}, false, false, "p",
       false, {}, "", false, false, "", "", 0, ""},
  };
}

// A row prints as its name in test output.
void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class ResolveCredentials : public ::testing::TestWithParam<Row> {};

TEST_P(ResolveCredentials, Row) {
  const Row& row = GetParam();
  Machine m{row.env, row.files, row.metadata};
  ClientOptions o;
  if (row.vertex_option) o.vertexai = true;
  o.project = row.project_option;
  std::vector<std::string> printed;
  o.on_warning = [&](std::string_view w) { printed.emplace_back(w); };
  Result<ResolvedCredentials> r = resolve_credentials(o, m.environment());
  ASSERT_EQ(r.ok(), row.ok) << (r.ok() ? to_string(r->kind) : r.error().to_string());
  if (!row.ok) {
    EXPECT_TRUE(r.error().kind == ErrorKind::kAuth || r.error().kind == ErrorKind::kInvalidArgument);
    return;
  }
  EXPECT_EQ(r->kind, row.kind) << to_string(r->kind);
  EXPECT_EQ(r->config.credential_kind, row.kind);
  EXPECT_NE(r->source.find(row.source), std::string::npos) << r->source;
  EXPECT_EQ(r->config.vertexai, row.vertex);
  EXPECT_EQ(r->config.express_mode, row.express);
  if (row.vertex && !row.express) {
    EXPECT_EQ(r->config.project, row.project);
    EXPECT_NE(r->project_source.find(row.project_source), std::string::npos) << r->project_source;
  }
  EXPECT_EQ(r->warnings.size(), row.warnings);
  if (row.note.empty()) {
    EXPECT_TRUE(r->notes.empty()) << r->notes.front().text;
  } else {
    ASSERT_EQ(r->notes.size(), 1u);
    EXPECT_NE(r->notes[0].text.find(row.note), std::string::npos) << r->notes[0].text;
    // A tool words a note from its code and variable, in any language.
    EXPECT_EQ(r->notes[0].code, row.note == "express mode" ? ResolverNote::Code::kExpressMode
                                                           : ResolverNote::Code::kApiKeyIgnored);
    EXPECT_EQ(r->notes[0].variable, "GEMINI_API_KEY");
  }
  EXPECT_TRUE(printed.empty());  // the resolver reports; Client::create prints
  EXPECT_FALSE(r->config.credential_description.empty());
}

INSTANTIATE_TEST_SUITE_P(Table, ResolveCredentials, ::testing::ValuesIn(rows()),
                         [](const ::testing::TestParamInfo<Row>& i) { return std::string(i.param.name); });

TEST(ResolveCredentialsOnce, TheMetadataServerIsProbedOnlyWhenNothingElseIsThere) {
  Machine m{{{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "p"},
             {"GOOGLE_APPLICATION_CREDENTIALS", "/k.json"}},
            {{"/k.json", kUserFile}}};
  ASSERT_TRUE(resolve_credentials({}, m.environment()));
  EXPECT_EQ(m.probes, 0);
}

TEST(ResolveCredentialsOnce, AnExplicitCredentialBeatsEveryVariable) {
  Machine m{{{"GEMINI_API_KEY", "AIzaA"}, {"GOOGLE_APPLICATION_CREDENTIALS", "/k.json"}}};
  ClientOptions o;
  o.credentials = make_access_token_credentials("ya29.token");
  Result<ResolvedCredentials> r = resolve_credentials(o, m.environment());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->kind, CredentialKind::kAccessToken);
  EXPECT_EQ(r->source, "ClientOptions::credentials");
  EXPECT_EQ(r->credentials, o.credentials);
}

TEST(ResolveCredentialsOnce, TheQuotaProjectComesFromTheFileElseTheVariable) {
  Machine m{{{"GOOGLE_GENAI_USE_VERTEXAI", "true"}, {"GOOGLE_CLOUD_PROJECT", "p"},
             {"GOOGLE_APPLICATION_CREDENTIALS", "/k.json"}, {"GOOGLE_CLOUD_QUOTA_PROJECT", "billing-proj"}},
            {{"/k.json", kUserFile}}};
  Result<ResolvedCredentials> r = resolve_credentials({}, m.environment());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->quota_project, "quota-proj");  // the file's quota_project_id wins
  m.files["/k.json"] = sa_key_file();
  r = resolve_credentials({}, m.environment());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->quota_project, "billing-proj");
}

TEST(ResolveCredentialsOnce, AKeyWithAControlCharacterIsRefusedWithoutEchoingIt) {
  for (const std::string bad : {std::string("AIzaSyAbc\r\nX-Injected: yes"), std::string("AIzaSyAbc\tdef"),
                                std::string("AIzaSy\x7f")}) {
    Machine m{{{"GEMINI_API_KEY", bad}}};
    Result<ResolvedCredentials> r = resolve_credentials({}, m.environment());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
    EXPECT_NE(r.error().message.find("the API key in GEMINI_API_KEY contains a control character"), std::string::npos)
        << r.error().message;
    EXPECT_EQ(r.error().to_string().find("AIzaSy"), std::string::npos) << r.error().to_string();
  }
  ClientOptions o;
  o.api_key = "AIza\nkey";
  Machine m;
  Result<ResolvedCredentials> r = resolve_credentials(o, m.environment());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("ClientOptions::api_key contains a control character (byte 4 of 8)"),
            std::string::npos)
      << r.error().message;
}

TEST(ResolveCredentialsOnce, ErrorsNameLibraryOptionsNotCliFlags) {
  Machine m;
  Result<ResolvedCredentials> r = resolve_credentials({}, m.environment());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().fix.find("--"), std::string::npos) << r.error().fix;
  EXPECT_NE(r.error().fix.find("ClientOptions::"), std::string::npos) << r.error().fix;
}

}  // namespace
}  // namespace genai
