// Test support: an in-process genai-emulator on an ephemeral port with a
// ready project and key, and a Client pointed at it.
#ifndef GENAI_TESTS_SUPPORT_EMULATOR_FIXTURE_H_
#define GENAI_TESTS_SUPPORT_EMULATOR_FIXTURE_H_

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "emulator/common/env.h"
#include "emulator/frontend/server.h"
#include "emulator/state/state.h"
#include "genai/genai.h"

namespace genai::testing {

class EmulatorTest : public ::testing::Test {
 protected:
  // Override to change the emulator's options before it starts.
  virtual void configure(emulator::ServerOptions&) {}

  void SetUp() override;
  void TearDown() override;

  emulator::State& state() { return server_->env().state(); }
  std::string base_url() const { return server_->base_url(); }
  // A key in a project with the Gemini API enabled.
  const std::string& key() const { return key_; }
  std::string make_key(emulator::ApiKey spec);
  void set_faults(const std::string& spec);

  // A client on the Developer API with `key`, fast retries (10 ms base).
  Client client(const std::string& api_key, int attempts = 1);
  Client client() { return client(key_); }
  // A client on Vertex AI (test-project, us-central1) with the access token of
  // a service account holding roles/aiplatform.user; the token outlives any
  // clock:advance a test makes (72 h). Enables the Vertex AI API.
  Client vertex_client();
  // A Vertex AI client (test-project, us-central1) acting as a new service
  // account `account` that holds `role` on the project ("" for none), with
  // its access token (valid for 72 h) and `attempts` tries per call (10 ms
  // apart). Does not enable any API.
  Client vertex_client_as(const std::string& account, const std::string& role, int attempts = 1);
  // client() or vertex_client().
  Client backend_client(bool vertex) { return vertex ? vertex_client() : client(); }
  // Writes `text` to the emulator's Cloud Storage at gs://BUCKET/OBJECT,
  // creating the bucket (in test-project) if needed.
  void put_gcs_object(const std::string& gs_uri, const std::string& text);
  // put_gcs_object of a small supervised tuning set ({"contents": [...]} per line).
  void put_tuning_dataset(const std::string& gs_uri);

  std::unique_ptr<emulator::Server> server_;
  std::string key_;
};

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_EMULATOR_FIXTURE_H_
