// libgenai's credentials against the emulator's token endpoint, metadata
// server and IAM Credentials API, then on real Vertex AI calls; plus
// Application Default Credentials' search order.
#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "emulator/auth/key_files.h"
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/scoped_env.h"
#include "tests/support/test_jwt.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class CredentialsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    dir_ = fs::temp_directory_path() / ("genai-creds-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true));
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kIamCredentials, true));
    email_ = new_account("vertex-caller", "roles/aiplatform.user");
    key_path_ = write_file("sa.json", key_file(email_));
  }
  void TearDown() override {
    fs::remove_all(dir_);
    EmulatorTest::TearDown();
  }

  std::string new_account(const std::string& id, const std::string& role) {
    auto sa = state().create_service_account("test-project", id, id);
    EXPECT_TRUE(sa);
    if (!role.empty()) {
      EXPECT_TRUE(state().add_binding("test-project", role, emulator::service_account_member(sa->email)));
    }
    return sa->email;
  }
  std::string key_file(const std::string& email) {
    auto f = emulator::create_service_account_key_file(server_->env(), email);
    EXPECT_TRUE(f);
    return f->key_file_json;
  }
  std::string write_file(const std::string& name, const std::string& text, mode_t mode = 0600) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
  }

  CredentialsOptions quiet() {
    CredentialsOptions o;
    o.use_environment = false;
    o.on_warning = [this](std::string_view w) { warnings_.emplace_back(w); };
    o.retry.initial_delay = std::chrono::milliseconds(10);
    return o;
  }

  Result<Client> vertex(std::shared_ptr<Credentials> creds, const std::string& project = "test-project") {
    ClientOptions o;
    o.vertexai = true;
    o.project = project;
    o.location = "us-central1";
    o.credentials = std::move(creds);
    o.use_environment = false;
    o.http_options.base_url = base_url();
    o.http_options.retry.attempts = 1;
    return Client::create(o);
  }

  long long counter(const std::string& name) {
    auto c = state().counters();
    return c.count(name) ? c[name] : 0;
  }

  fs::path dir_;
  std::string email_;
  std::string key_path_;
  std::vector<std::string> warnings_;
};

TEST_F(CredentialsTest, ServiceAccountKeyFileCallsVertexAndCachesTheToken) {
  auto creds = load_credentials_file(key_path_, quiet());
  ASSERT_TRUE(creds) << creds.error().to_string();
  EXPECT_EQ((*creds)->kind(), CredentialKind::kServiceAccount);
  EXPECT_EQ((*creds)->describe(), "service account " + email_);
  EXPECT_EQ((*creds)->project_id(), "test-project");
  Client c = vertex(*creds).value();
  for (int i = 0; i < 3; ++i) {
    auto r = c.models().generate_content("gemini-2.5-flash", "hello");
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_FALSE(r->text().empty());
  }
  EXPECT_EQ(counter("requests oauth2.Token"), 1);  // one token for all three calls
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(CredentialsTest, VertexStreamCountTokensAndEmbeddings) {
  Client c = vertex(load_credentials_file(key_path_, quiet()).value()).value();
  std::string streamed;
  int chunks = 0;
  for (auto& chunk : c.models().generate_content_stream("gemini-2.5-flash", "tell me")) {
    ASSERT_TRUE(chunk) << chunk.error().to_string();
    streamed += chunk->text();
    ++chunks;
  }
  EXPECT_GT(chunks, 1);
  EXPECT_EQ(streamed, c.models().generate_content("gemini-2.5-flash", "tell me").value().text());
  auto tokens = c.models().count_tokens("gemini-2.5-flash", "one two three");
  ASSERT_TRUE(tokens) << tokens.error().to_string();
  EXPECT_GT(tokens->total_tokens, 0);
  auto emb = c.models().embed_content("text-embedding-004", std::vector<std::string>{"a", "b"});
  ASSERT_TRUE(emb) << emb.error().to_string();
  ASSERT_EQ(emb->embeddings.size(), 2u);
  EXPECT_EQ(emb->embeddings[0].values.size(), 768u);
}

TEST_F(CredentialsTest, ProjectComesFromTheKeyFile) {
  ClientOptions o;
  o.vertexai = true;
  o.credentials = load_credentials_file(key_path_, quiet()).value();
  o.use_environment = false;
  o.http_options.base_url = base_url();
  Client c = Client::create(o).value();
  EXPECT_EQ(c.config().project, "test-project");
  EXPECT_EQ(c.config().location, "global");
  EXPECT_TRUE(c.models().generate_content("gemini-2.5-flash", "hi"));
}

TEST_F(CredentialsTest, Pkcs1KeysWorkToo) {
  json f = json::parse(key_file(email_));
  f["private_key"] = to_pkcs1(f["private_key"]);
  ASSERT_EQ(f["private_key"].get<std::string>().rfind("-----BEGIN RSA PRIVATE KEY-----", 0), 0u);
  auto creds = make_service_account_credentials(f.dump(), quiet());
  ASSERT_TRUE(creds) << creds.error().to_string();
  EXPECT_TRUE(vertex(*creds).value().models().generate_content("gemini-2.5-flash", "hi"));
}

TEST_F(CredentialsTest, SelfSignedJwtNeedsNoTokenEndpoint) {
  CredentialsOptions o = quiet();
  o.use_self_signed_jwt = true;
  auto creds = load_credentials_file(key_path_, o).value();
  EXPECT_TRUE(vertex(creds).value().models().generate_content("gemini-2.5-flash", "hi"));
  EXPECT_EQ(counter("requests oauth2.Token"), 0);
}

TEST_F(CredentialsTest, MissingRoleIsAClearPermissionError) {
  const std::string path = write_file("norole.json", key_file(new_account("no-role-acct", "")));
  auto r = vertex(load_credentials_file(path, quiet()).value()).value().models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_EQ(r.error().reason(), "IAM_PERMISSION_DENIED");
  EXPECT_NE(r.error().fix.find("roles/aiplatform.user"), std::string::npos) << r.error().fix;
}

TEST_F(CredentialsTest, DeletedKeyFailsWithTheFixAndNoSecret) {
  const json f = json::parse(key_file(email_));
  const std::string path = write_file("deleted.json", f.dump());
  ASSERT_TRUE(state().delete_service_account_key(email_, f["private_key_id"]));
  auto r = vertex(load_credentials_file(path, quiet()).value()).value().models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_EQ(r.error().reason(), "invalid_grant");
  EXPECT_NE(r.error().message.find("Invalid JWT Signature."), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().fix.find("create a new key"), std::string::npos) << r.error().fix;
  const std::string all = r.error().to_string() + r.error().raw_body;
  EXPECT_EQ(all.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(all.find("eyJ"), std::string::npos);  // no JWT assertion
}

TEST_F(CredentialsTest, MalformedFilesNameTheFieldNotTheSecret) {
  json f = json::parse(key_file(email_));
  const std::string secret_line = f["private_key"].get<std::string>().substr(30, 40);
  json no_email = f;
  no_email.erase("client_email");
  auto e1 = load_credentials_file(write_file("a.json", no_email.dump()), quiet());
  ASSERT_FALSE(e1);
  EXPECT_NE(e1.error().message.find("\"client_email\""), std::string::npos) << e1.error().message;
  EXPECT_NE(e1.error().message.find("a.json"), std::string::npos);
  json bad_key = f;
  bad_key["private_key"] = "-----BEGIN PRIVATE KEY-----\nAAAA" + secret_line + "\n-----END PRIVATE KEY-----\n";
  auto e2 = load_credentials_file(write_file("b.json", bad_key.dump()), quiet());
  ASSERT_FALSE(e2);
  EXPECT_NE(e2.error().message.find("private_key"), std::string::npos);
  EXPECT_EQ(e2.error().to_string().find(secret_line), std::string::npos);
  auto e3 = load_credentials_file(write_file("c.json", "{\"type\": \"service_account\", \"private_key\": \"" + secret_line), quiet());
  ASSERT_FALSE(e3);
  EXPECT_NE(e3.error().message.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(e3.error().to_string().find(secret_line), std::string::npos);
  auto e4 = load_credentials_file(write_file("d.json", R"({"type": "external_account"})"), quiet());
  ASSERT_FALSE(e4);
  EXPECT_NE(e4.error().message.find("external_account"), std::string::npos);
  auto e5 = load_credentials_file((dir_ / "missing.json").string(), quiet());
  ASSERT_FALSE(e5);
  EXPECT_NE(e5.error().message.find("No such file"), std::string::npos);
}

// Bad inputs, one test each: every one a clear AuthError naming what is wrong.
TEST_F(CredentialsTest, BadInputEmptyFile) {
  auto r = load_credentials_file(write_file("empty.json", ""), quiet());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_NE(r.error().message.find("empty.json is not a JSON object (0 bytes)"), std::string::npos) << r.error().message;
}

TEST_F(CredentialsTest, BadInputNotJson) {
  auto r = load_credentials_file(write_file("p12.json", std::string("0\x82\x09\xa5\x02\x01\x03", 7)), quiet());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("is not a JSON object"), std::string::npos);
  EXPECT_NE(r.error().fix.find("P12"), std::string::npos);
}

TEST_F(CredentialsTest, BadInputWrongType) {
  json f = json::parse(key_file(email_));
  f["type"] = "authorized_user";
  auto r = load_credentials_file(write_file("wrongtype.json", f.dump()), quiet());
  ASSERT_FALSE(r);
  // Read as the type it claims: a key file has client_id, but no client_secret.
  EXPECT_NE(r.error().message.find("\"client_secret\""), std::string::npos) << r.error().message;
  auto sa = make_service_account_credentials(f.dump(), quiet());
  ASSERT_FALSE(sa);
  EXPECT_NE(sa.error().message.find("expected \"service_account\""), std::string::npos) << sa.error().message;
}

// Found by fuzz_key_file: a "type" that is not a string threw out of the parser.
TEST_F(CredentialsTest, BadInputTypeNotAString) {
  for (const json& type : {json(5), json::array({"service_account"}), json::object(), json(true)}) {
    json f = json::parse(key_file(email_));
    f["type"] = type;
    auto r = load_credentials_file(write_file("t.json", f.dump()), quiet());
    ASSERT_FALSE(r) << type;
    EXPECT_NE(r.error().message.find("t.json's \"type\" field is not a string"), std::string::npos) << r.error().message;
    auto sa = make_service_account_credentials(f.dump(), quiet());
    ASSERT_FALSE(sa) << type;
    EXPECT_NE(sa.error().message.find("\"type\" field is not a string, expected \"service_account\""),
              std::string::npos)
        << sa.error().message;
  }
}

TEST_F(CredentialsTest, BadInputMissingPrivateKey) {
  json f = json::parse(key_file(email_));
  f.erase("private_key");
  auto r = load_credentials_file(write_file("nokey.json", f.dump()), quiet());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nokey.json has no \"private_key\" field"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().fix.find("Add key"), std::string::npos);
}

TEST_F(CredentialsTest, BadInputPemThatIsNotAKey) {
  json f = json::parse(key_file(email_));
  f["private_key"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  auto r = load_credentials_file(write_file("cert.json", f.dump()), quiet());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("the private_key field of"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("could not be read as an RSA private key"), std::string::npos);
}

TEST_F(CredentialsTest, BadInputWrongKeyForTheAccount) {
  json f = json::parse(key_file(email_));
  f["private_key"] = new_pkcs1_private_key();  // a valid key, but not one of this account's
  auto r = vertex(make_service_account_credentials(f.dump(), quiet()).value()).value().models().generate_content(
      "gemini-2.5-flash", "hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_NE(r.error().message.find("Invalid JWT Signature."), std::string::npos);
}

TEST_F(CredentialsTest, BadInputTokenUriUnreachable) {
  json f = json::parse(key_file(email_));
  f["token_uri"] = "http://127.0.0.1:1/token";
  CredentialsOptions o = quiet();
  o.retry.attempts = 2;
  auto r = vertex(make_service_account_credentials(f.dump(), o).value()).value().models().generate_content(
      "gemini-2.5-flash", "hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.error().message.find("the token endpoint http://127.0.0.1:1/token"), std::string::npos)
      << r.error().message;
}

TEST_F(CredentialsTest, BadInputClockSkew) {
  auto creds = load_credentials_file(key_path_, quiet()).value();
  // This machine's clock two hours behind the server's.
  auto r = creds->authorization_headers(std::chrono::system_clock::now() - std::chrono::hours(2));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason(), "invalid_grant");
  EXPECT_NE(r.error().fix.find("clock"), std::string::npos) << r.error().fix;
}

TEST_F(CredentialsTest, SixtyFourThreadsTwoLifetimesTwoTokenRequests) {
  auto creds = load_credentials_file(key_path_, quiet()).value();
  const auto t0 = std::chrono::system_clock::now();
  auto burst = [&](std::chrono::system_clock::time_point now) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int i = 0; i < 64; ++i) {
      threads.emplace_back([&] {
        for (int k = 0; k < 20; ++k) ok += creds->authorization_headers(now + std::chrono::milliseconds(k)).ok();
      });
    }
    for (auto& t : threads) t.join();
    return ok.load();
  };
  EXPECT_EQ(burst(t0), 64 * 20);
  EXPECT_EQ(counter("requests oauth2.Token"), 1);
  // 3400 s later the token is inside its last five minutes: one refresh for all.
  server_->env().clock().advance(std::chrono::seconds(3400));
  EXPECT_EQ(burst(t0 + std::chrono::seconds(3400)), 64 * 20);
  EXPECT_EQ(counter("requests oauth2.Token"), 2);
}

TEST_F(CredentialsTest, LooseFilePermissionsWarn) {
  const std::string path = write_file("loose.json", key_file(email_), 0644);
  ASSERT_TRUE(load_credentials_file(path, quiet()));
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_NE(warnings_[0].find("chmod 600 " + path), std::string::npos) << warnings_[0];
  EXPECT_NE(warnings_[0].find("0644"), std::string::npos);
}

TEST_F(CredentialsTest, AuthorizedUserWithQuotaProject) {
  auto client = state().create_oauth_client("test-project");
  ASSERT_TRUE(client);
  auto grant = state().create_user_grant(client->client_id, "dev@example.com", "https://www.googleapis.com/auth/cloud-platform");
  ASSERT_TRUE(grant);
  ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", "user:dev@example.com"));
  const std::string file = emulator::authorized_user_file(server_->env(), client->client_id, client->client_secret,
                                                          grant->refresh_token, "");
  auto creds = make_authorized_user_credentials(file, quiet());
  ASSERT_TRUE(creds) << creds.error().to_string();
  EXPECT_EQ((*creds)->kind(), CredentialKind::kAuthorizedUser);
  Client c = vertex(*creds).value();
  EXPECT_TRUE(c.models().generate_content("gemini-2.5-flash", "hi"));
  // A quota project the user may not bill: Google's USER_PROJECT_DENIED.
  ASSERT_TRUE(state().create_project("other-project"));
  CredentialsOptions o = quiet();
  o.quota_project_id = "other-project";
  auto r = vertex(make_authorized_user_credentials(file, o).value()).value().models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason(), "USER_PROJECT_DENIED");
  // Revoked: the token endpoint's invalid_grant, as an AuthError.
  ASSERT_TRUE(state().revoke_user_grant(grant->refresh_token));
  auto revoked = vertex(make_authorized_user_credentials(file, quiet()).value()).value().models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().kind, ErrorKind::kAuth);
  EXPECT_NE(revoked.error().message.find("expired or revoked"), std::string::npos);
}

TEST_F(CredentialsTest, MetadataServer) {
  state().set_metadata_account(email_);
  CredentialsOptions o = quiet();
  o.metadata_host = base_url().substr(std::string("http://").size());
  auto creds = make_metadata_server_credentials(o);
  EXPECT_EQ(creds->kind(), CredentialKind::kMetadataServer);
  EXPECT_EQ(creds->project_id(), "test-project");
  EXPECT_TRUE(vertex(creds).value().models().generate_content("gemini-2.5-flash", "hi"));
}

TEST_F(CredentialsTest, Impersonation) {
  const std::string target = new_account("impersonated", "roles/aiplatform.user");
  const std::string caller_path = write_file("caller.json", key_file(new_account("token-creator", "")));
  CredentialsOptions o = quiet();
  o.iam_credentials_endpoint = base_url();
  auto source = load_credentials_file(caller_path, o).value();
  auto creds = make_impersonated_credentials(source, target, {}, o);
  // Without Token Creator: IAM's denial, naming the permission.
  auto denied = vertex(creds).value().models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(denied);
  EXPECT_NE(denied.error().message.find("iam.serviceAccounts.getAccessToken"), std::string::npos)
      << denied.error().message;
  const std::string caller = json::parse(std::ifstream(caller_path))["client_email"];
  ASSERT_TRUE(state().add_binding("test-project", "roles/iam.serviceAccountTokenCreator",
                                  emulator::service_account_member(caller)));
  auto ok = vertex(make_impersonated_credentials(source, target, {}, o)).value().models().generate_content("gemini-2.5-flash", "hi");
  EXPECT_TRUE(ok) << ok.error().to_string();
}

TEST_F(CredentialsTest, SharedClientFetchesOneTokenForManyThreads) {
  Client c = vertex(load_credentials_file(key_path_, quiet()).value()).value();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      if (c.models().count_tokens("gemini-2.5-flash", "x")) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 32);
  EXPECT_EQ(counter("requests oauth2.Token"), 1);
}

// Records every request that reaches it, then hands it to a real transport.
class RecordingTransport final : public HttpTransport {
 public:
  explicit RecordingTransport(std::shared_ptr<HttpTransport> inner) : inner_(std::move(inner)) {}
  Result<HttpResponse> send(const HttpRequest& r) override { return note(r), inner_->send(r); }
  Result<std::unique_ptr<HttpStream>> open_stream(const HttpRequest& r) override {
    return note(r), inner_->open_stream(r);
  }
  void send_async(HttpRequest r, Callback done, std::chrono::milliseconds delay) override {
    note(r);
    inner_->send_async(std::move(r), std::move(done), delay);
  }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  void note(const HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(r.method + " " + r.url);
  }
  std::shared_ptr<HttpTransport> inner_;
  std::mutex mu_;
  std::vector<std::string> lines_;
};

TEST_F(CredentialsTest, AnInjectedTransportSeesEveryRequestOfAVertexCallTokenExchangeIncluded) {
  // The key file is loaded with no transport of its own: its token requests
  // must take the client's, like everything else (a CA bundle, a proxy or
  // --verbose set on the client reaches them too).
  auto creds = load_credentials_file(key_path_, quiet()).value();
  auto recorder = std::make_shared<RecordingTransport>(make_curl_transport({}));
  ClientOptions o;
  o.vertexai = true;
  o.project = "test-project";
  o.location = "us-central1";
  o.credentials = creds;
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.transport = recorder;
  Client c = Client::create(o).value();
  ASSERT_TRUE(c.models().generate_content("gemini-2.5-flash", "hi"));
  const std::vector<std::string> seen = recorder->lines();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], "POST " + base_url() + "/token");
  EXPECT_EQ(seen[1], "POST " + base_url() +
                         "/v1beta1/projects/test-project/locations/us-central1/publishers/google/models/"
                         "gemini-2.5-flash:generateContent");
}

TEST_F(CredentialsTest, ImpersonationSendsBothExchangesThroughTheClientsTransport) {
  const std::string target = new_account("impersonated2", "roles/aiplatform.user");
  const std::string caller_email = new_account("token-creator2", "");
  ASSERT_TRUE(state().add_binding("test-project", "roles/iam.serviceAccountTokenCreator",
                                  emulator::service_account_member(caller_email)));
  CredentialsOptions opts = quiet();
  opts.iam_credentials_endpoint = base_url();
  auto source = load_credentials_file(write_file("caller2.json", key_file(caller_email)), opts).value();
  auto recorder = std::make_shared<RecordingTransport>(make_curl_transport({}));
  ClientOptions o;
  o.vertexai = true;
  o.project = "test-project";
  o.location = "us-central1";
  o.credentials = make_impersonated_credentials(source, target, {}, opts);
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.transport = recorder;
  auto r = Client::create(o).value().models().count_tokens("gemini-2.5-flash", "hi");
  ASSERT_TRUE(r) << r.error().to_string();
  const std::vector<std::string> seen = recorder->lines();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], "POST " + base_url() + "/token");  // the source's token
  EXPECT_NE(seen[1].find(":generateAccessToken"), std::string::npos) << seen[1];
  EXPECT_NE(seen[2].find(":countTokens"), std::string::npos) << seen[2];
}

class ShortTokenTest : public CredentialsTest {
  void configure(emulator::ServerOptions& o) override { o.token_lifetime = std::chrono::seconds(60); }
};

TEST_F(ShortTokenTest, A401RefreshesTheTokenOnce) {
  CredentialsOptions o = quiet();
  o.refresh_before_expiry = std::chrono::seconds(0);  // keep the token until the server says no
  Client c = vertex(load_credentials_file(key_path_, o).value()).value();
  ASSERT_TRUE(c.models().generate_content("gemini-2.5-flash", "hi"));
  // The server's clock runs ahead: it considers the token expired, the client does not.
  server_->env().clock().advance(std::chrono::seconds(61));
  auto r = c.models().generate_content("gemini-2.5-flash", "hi");
  EXPECT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(counter("requests oauth2.Token"), 2);
}

TEST_F(CredentialsTest, DefaultCredentialsOrder) {
  CredentialsOptions o;
  o.on_warning = [](std::string_view) {};
  const std::string gcloud_dir = (dir_ / "gcloud").string();
  fs::create_directories(gcloud_dir);
  auto client = state().create_oauth_client("test-project");
  auto grant = state().create_user_grant(client->client_id, "dev@example.com", "https://www.googleapis.com/auth/cloud-platform");
  std::ofstream(gcloud_dir + "/application_default_credentials.json")
      << emulator::authorized_user_file(server_->env(), client->client_id, client->client_secret, grant->refresh_token, "");
  state().set_metadata_account(email_);
  const std::string mds = base_url().substr(std::string("http://").size());
  {
    ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", key_path_}, {"CLOUDSDK_CONFIG", gcloud_dir},
                   {"GCE_METADATA_HOST", mds}, {"GOOGLE_CLOUD_PROJECT", std::nullopt}, {"GCLOUD_PROJECT", std::nullopt}});
    auto adc = find_default_credentials(o);
    ASSERT_TRUE(adc) << adc.error().to_string();
    EXPECT_EQ(adc->credentials->kind(), CredentialKind::kServiceAccount);
    EXPECT_EQ(adc->project_id, "test-project");
    EXPECT_EQ(adc->source, "GOOGLE_APPLICATION_CREDENTIALS=" + key_path_);
  }
  {
    ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", std::nullopt}, {"CLOUDSDK_CONFIG", gcloud_dir},
                   {"GCE_METADATA_HOST", mds}, {"GOOGLE_CLOUD_PROJECT", "env-project"}});
    auto adc = find_default_credentials(o);
    ASSERT_TRUE(adc) << adc.error().to_string();
    EXPECT_EQ(adc->credentials->kind(), CredentialKind::kAuthorizedUser);
    EXPECT_EQ(adc->project_id, "env-project");
  }
  {
    ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", std::nullopt}, {"CLOUDSDK_CONFIG", (dir_ / "none").string()},
                   {"GCE_METADATA_HOST", mds}, {"GOOGLE_CLOUD_PROJECT", std::nullopt}, {"GCLOUD_PROJECT", std::nullopt}});
    auto adc = find_default_credentials(o);
    ASSERT_TRUE(adc) << adc.error().to_string();
    EXPECT_EQ(adc->credentials->kind(), CredentialKind::kMetadataServer);
    EXPECT_EQ(adc->project_id, "test-project");
  }
  {
    ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", std::nullopt}, {"CLOUDSDK_CONFIG", (dir_ / "none").string()},
                   {"GCE_METADATA_HOST", "127.0.0.1:1"}});
    auto adc = find_default_credentials(o);
    ASSERT_FALSE(adc);
    EXPECT_EQ(adc.error().kind, ErrorKind::kAuth);
    EXPECT_NE(adc.error().fix.find("gcloud auth application-default login"), std::string::npos);
  }
  {
    // An explicit file that is broken is an error, not a fall-through to the next source.
    ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", (dir_ / "nope.json").string()}, {"CLOUDSDK_CONFIG", gcloud_dir}});
    EXPECT_FALSE(find_default_credentials(o));
  }
}

TEST_F(CredentialsTest, VertexClientUsesAdcWhenNoCredentialIsGiven) {
  ScopedEnv env({{"GOOGLE_APPLICATION_CREDENTIALS", key_path_}, {"GOOGLE_GENAI_USE_VERTEXAI", "true"},
                 {"GOOGLE_CLOUD_PROJECT", std::nullopt}, {"GOOGLE_CLOUD_LOCATION", "us-central1"},
                 {"GOOGLE_VERTEX_BASE_URL", base_url()}, {"GOOGLE_API_KEY", std::nullopt},
                 {"GEMINI_API_KEY", std::nullopt}});
  auto c = Client::create();
  ASSERT_TRUE(c) << c.error().to_string();
  EXPECT_TRUE(c->config().vertexai);
  EXPECT_EQ(c->config().project, "test-project");
  EXPECT_EQ(c->config().credential_kind, CredentialKind::kServiceAccount);
  EXPECT_NE(c->config().credential_source.find("GOOGLE_APPLICATION_CREDENTIALS"), std::string::npos);
  EXPECT_TRUE(c->models().generate_content("gemini-2.5-flash", "hi"));
}

}  // namespace
}  // namespace genai::testing
