#include "tests/support/emulator_fixture.h"

#include "emulator/common/clock.h"
#include "emulator/common/fault_injector.h"
#include "emulator/state/storage.h"

namespace genai::testing {

void EmulatorTest::SetUp() {
  emulator::ServerOptions options;
  configure(options);
  auto server = emulator::Server::start(options);
  ASSERT_TRUE(server.ok()) << server.error().message;
  server_ = std::move(*server);
  ASSERT_TRUE(state().create_project("test-project").ok());
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kGenerativeLanguage, true).ok());
  emulator::ApiKey spec;
  spec.project_id = "test-project";
  spec.kind = emulator::ApiKey::Kind::kStudio;
  key_ = make_key(spec);
}

void EmulatorTest::TearDown() {
  if (server_) server_->stop();
}

std::string EmulatorTest::make_key(emulator::ApiKey spec) {
  auto k = state().create_key(std::move(spec));
  EXPECT_TRUE(k.ok());
  return k.ok() ? k->key_string : std::string();
}

void EmulatorTest::set_faults(const std::string& spec) {
  auto r = server_->env().faults().set_spec(spec);
  ASSERT_TRUE(r.ok()) << r.error().message;
}

Client EmulatorTest::client(const std::string& api_key, int attempts) {
  ClientOptions o;
  o.api_key = api_key;
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.http_options.retry.attempts = attempts;
  o.http_options.retry.initial_delay = std::chrono::milliseconds(10);
  o.http_options.retry.jitter = std::chrono::milliseconds(10);
  // Above the emulator's 1 s RetryInfo / Retry-After, which a call waits in
  // full (a server delay past max_delay is not waited at all).
  o.http_options.retry.max_delay = std::chrono::milliseconds(1500);
  return Client::create(o).value();
}

Client EmulatorTest::vertex_client() {
  EXPECT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true).ok());
  return vertex_client_as("vertex-user", "roles/aiplatform.user");
}

Client EmulatorTest::vertex_client_as(const std::string& account, const std::string& role, int attempts) {
  const std::string email = account + "@test-project.iam.gserviceaccount.com";
  auto sa = state().service_account(email);
  if (!sa) {
    auto created = state().create_service_account("test-project", account, account);
    EXPECT_TRUE(created.ok());
    sa = *created;
    if (!role.empty()) {
      EXPECT_TRUE(state().add_binding("test-project", role, emulator::service_account_member(sa->email)).ok());
    }
  }
  const auto token = state().issue_token(emulator::service_account_member(sa->email), "test-project",
                                         "https://www.googleapis.com/auth/cloud-platform",
                                         std::chrono::system_clock::now() + std::chrono::hours(72));
  ClientOptions o;
  o.vertexai = true;
  o.project = "test-project";
  o.location = "us-central1";
  o.credentials = make_access_token_credentials(token.token);
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.http_options.retry.attempts = attempts;
  o.http_options.retry.initial_delay = std::chrono::milliseconds(10);
  o.http_options.retry.jitter = std::chrono::milliseconds(5);
  return Client::create(o).value();
}

void EmulatorTest::put_gcs_object(const std::string& gs_uri, const std::string& text) {
  auto where = emulator::split_gs_uri(gs_uri);
  ASSERT_TRUE(where) << gs_uri;
  auto& gcs = server_->env().storage();
  if (!gcs.bucket(where->first)) {
    auto project = state().project("test-project");
    ASSERT_TRUE(project);
    ASSERT_TRUE(gcs.create_bucket(where->first, "test-project", project->number, server_->env().clock().now()));
  }
  ASSERT_TRUE(gcs.write_object(where->first, where->second, text, "application/jsonl", server_->env().clock().now()));
}

void EmulatorTest::put_tuning_dataset(const std::string& gs_uri) {
  put_gcs_object(gs_uri,
                 R"({"contents": [{"role": "user", "parts": [{"text": "Hi"}]}, {"role": "model", "parts": [{"text": "Hello!"}]}]})"
                 "\n"
                 R"({"contents": [{"role": "user", "parts": [{"text": "Bye"}]}, {"role": "model", "parts": [{"text": "See you."}]}]})"
                 "\n");
}

}  // namespace genai::testing
