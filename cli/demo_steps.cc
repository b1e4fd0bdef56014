// The steps of `genai demo`, in the tutorial's order. Each says why, runs
// the commands a user would, and returns false if one did not behave as
// narrated. They build on each other: step N needs the state steps 1..N-1
// left (the demo runs them quietly for `--step N`).
#include <nlohmann/json.hpp>

#include "cli/demo.h"
#include "cli/messages.h"
#include "cli/table.h"
#include "emulator/auth/key_files.h"
#include "emulator/common/errors.h"
#include "emulator/state/state.h"

namespace genai::cli {
namespace {

// Vertex AI as a credential file: the project and region the tutorial uses.
std::vector<std::string> vertex_as(const std::string& credentials_file, std::vector<std::string> rest) {
  std::vector<std::string> args = {"--vertex", "--project", "demo-project", "--location", "us-central1", "--credentials",
                                   credentials_file};
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

std::vector<std::string> as_owner(std::vector<std::string> rest) {
  std::vector<std::string> args = {"--credentials", "owner.json"};
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

bool key_before_api(Demo& d) {
  d.say(D::kKeyBeforeApiWhy);
  if (!d.genai({"--api-key-file", "console.key", "generate", "Hello"}, {false, "SERVICE_DISABLED"})) return false;
  d.say(D::kKeyBeforeApiDoctor);
  if (!d.genai({"--api-key-file", "console.key", "doctor"}, {false, "--enable-apis"})) return false;
  d.say(D::kStudioBeforeApi);
  return d.ai_studio_get_key("fresh-project", {false, emulator::kAiStudioKeyDenied}, "studio.key");
}

bool enable_api(Demo& d) {
  d.say(D::kEnableApiWhy);
  if (!d.genai(as_owner({"setup", "--project", "fresh-project", "--enable-apis"}), {true, "generativelanguage"})) {
    return false;
  }
  d.say(D::kEnableApiNowWorks);
  if (!d.genai({"--api-key-file", "console.key", "generate", "--max-tokens", "30", "Hello"}, {true, ""},
               Credential::kConsoleKey, Ability::kGeminiApi)) {
    return false;
  }
  d.say(D::kStudioAfterApi);
  return d.ai_studio_get_key("fresh-project", {true, ""}, "studio.key");
}

bool studio_key(Demo& d) {
  d.say(D::kStudioKeyWhy);
  if (!d.genai({"--api-key-file", "studio.key", "generate", "--max-tokens", "40", "Why is the sky blue?"}, {true, ""},
               Credential::kStudioKey, Ability::kGeminiApi) ||
      !d.genai({"--api-key-file", "studio.key", "tokens", "How many tokens is this sentence?"}, {true, ""})) {
    return false;
  }
  d.say(D::kStudioKeyOtherApi);
  if (!d.genai({"--vertex", "--api-key-file", "studio.key", "generate", "Hello"}, {false, "API_KEY_SERVICE_BLOCKED"},
               Credential::kStudioKey, Ability::kVertexAi)) {
    return false;
  }
  d.say(D::kStudioKeyConsoleMay);
  return d.genai({"--vertex", "--api-key-file", "console.key", "generate", "--max-tokens", "30", "Hello"}, {true, ""},
                 Credential::kConsoleKey, Ability::kVertexAi);
}

bool restrict_key(Demo& d) {
  d.say(D::kRestrictWhy);
  if (!d.genai(as_owner({"setup", "--project", "fresh-project", "--api-key", "--key-name", "gemini-servers",
                         "--restrict-api", "generativelanguage.googleapis.com", "--restrict-ip", "203.0.113.0/24",
                         "--api-key-file", "servers.key"}),
               {true, "servers.key"})) {
    return false;
  }
  d.say(D::kRestrictOutside);
  if (!d.genai({"--api-key-file", "servers.key", "generate", "Hello"}, {false, "API_KEY_IP_ADDRESS_BLOCKED"})) {
    return false;
  }
  d.say(D::kRestrictDoctor);
  if (!d.genai({"--api-key-file", "servers.key", "doctor", "--admin-credentials", "owner.json"},
               {false, "203.0.113.0/24"})) {
    return false;
  }
  d.say(D::kRestrictInside);
  if (!d.genai(as_owner({"setup", "--project", "fresh-project", "--api-key", "--key-name", "gemini-this-machine",
                         "--restrict-api", "generativelanguage.googleapis.com", "--restrict-ip", "127.0.0.1/32",
                         "--api-key-file", "local.key"}),
               {true, "local.key"}) ||
      !d.genai({"--api-key-file", "local.key", "generate", "--max-tokens", "30", "Hello"}, {true, ""}) ||
      !d.genai({"--vertex", "--api-key-file", "local.key", "generate", "Hello"}, {false, "API_KEY_SERVICE_BLOCKED"})) {
    return false;
  }
  d.say(D::kRestrictTypo);
  if (!d.write_secret("typo.key", "AIza" + std::string(35, 'x') + "\n")) return d.fail("typo.key");
  return d.genai({"--api-key-file", "typo.key", "generate", "Hello"}, {false, "API_KEY_INVALID"});
}

bool service_account_editor(Demo& d) {
  d.say(D::kEditorWhy);
  if (!d.genai(as_owner({"setup", "--project", "demo-project", "--service-account", "app-backend", "--role",
                         "roles/editor", "--allow-broad-role", "--key-file", "sa.json"}),
               {true, "sa.json"})) {
    return false;
  }
  d.say(D::kEditorCalls);
  if (!d.genai(vertex_as("sa.json", {"generate", "--max-tokens", "30", "Hello from a service account"}), {true, ""})) {
    return false;
  }
  d.say(D::kEditorDoctor);
  return d.genai(vertex_as("sa.json", {"doctor"}), {true, "--revoke-role roles/editor"});
}

bool tighten(Demo& d) {
  d.say(D::kTightenWhy);
  if (!d.genai(as_owner({"setup", "--project", "demo-project", "--service-account", "app-backend", "--role",
                         "roles/aiplatform.user", "--revoke-role", "roles/editor"}),
               {true, tr(d.out().lang(), M::kSetupRevoked, {"roles/editor"})})) {
    return false;
  }
  d.say(D::kTightenCalls);
  if (!d.genai(vertex_as("sa.json", {"generate", "--max-tokens", "30", "Hello again"}), {true, ""},
               Credential::kServiceAccount, Ability::kVertexAi) ||
      !d.genai(vertex_as("sa.json", {"doctor"}), {true, "aiplatform.endpoints.predict"})) {
    return false;
  }
  d.say(D::kTightenNoAdmin);
  return d.genai({"--credentials", "sa.json", "setup", "--project", "demo-project", "--enable-apis"},
                 {false, "PERMISSION_DENIED"}, Credential::kServiceAccount, Ability::kAdminister);
}

bool user_data(Demo& d) {
  emulator::State& state = d.env().state();
  d.say(D::kUserDataWhy);
  auto client = state.create_oauth_client("demo-project");
  if (!client) return d.fail(client.error().message);
  const nlohmann::json client_secret = {{"installed",
                                         {{"client_id", client->client_id},
                                          {"client_secret", client->client_secret},
                                          {"auth_uri", "https://accounts.google.com/o/oauth2/auth"},
                                          {"token_uri", d.url() + "/token"},
                                          {"redirect_uris", {"http://localhost"}}}}};
  if (!d.write_secret("client_secret.json", client_secret.dump(2) + "\n")) return d.fail("client_secret.json");
  d.say(D::kUserDataClient, {client->client_id});
  auto grant = state.create_user_grant(client->client_id, "owner@example.com",
                                       "https://www.googleapis.com/auth/cloud-platform");
  if (!grant) return d.fail(grant.error().message);
  if (!d.write_secret("user.json", emulator::authorized_user_file(d.env(), client->client_id, client->client_secret,
                                                                  grant->refresh_token, ""))) {
    return d.fail("user.json");
  }
  d.say(D::kUserDataConsent);
  if (!d.genai({"--credentials", "user.json", "setup", "--project", "demo-project", "--enable-apis"},
               {true, tr(d.out().lang(), M::kSetupAlreadyEnabled)}, Credential::kOwner, Ability::kAdminister)) {
    return false;
  }
  d.say(D::kUserDataCalls);
  if (!d.genai(vertex_as("user.json", {"generate", "--max-tokens", "30", "Hello from the owner"}), {true, ""},
               Credential::kOwner, Ability::kVertexAi)) {
    return false;
  }
  d.say(D::kUserDataDoctor);
  return d.genai(vertex_as("user.json", {"doctor"}), {true, "--service-account gemini-backend"});
}

std::string cell(Seen s) { return s == Seen::kYes ? "✓" : s == Seen::kNo ? "✗" : "–"; }

bool compare(Demo& d) {
  d.say(D::kCompareWhy);
  const Lang lang = d.out().lang();
  const std::vector<std::string> header = {d.text(D::kCompareColCredential), d.text(D::kCompareColGemini),
                                           d.text(D::kCompareColVertex), d.text(D::kCompareColAdmin),
                                           tr(lang, M::kExplainColAdvice)};
  struct Row {
    Credential who;
    M name;
    M advice;
  };
  const Row rows[] = {{Credential::kConsoleKey, M::kKindConsoleKey, M::kKindConsoleKeyAdvice},
                      {Credential::kStudioKey, M::kKindStudioKey, M::kKindStudioKeyAdvice},
                      {Credential::kServiceAccount, M::kKindServiceAccount, M::kKindServiceAccountAdvice},
                      {Credential::kOwner, M::kKindOwner, M::kKindOwnerAdvice}};
  std::vector<std::vector<std::string>> cells;
  for (const Row& r : rows) {
    cells.push_back({tr(lang, r.name), cell(d.seen(r.who, Ability::kGeminiApi)), cell(d.seen(r.who, Ability::kVertexAi)),
                     cell(d.seen(r.who, Ability::kAdminister)), tr(lang, r.advice)});
  }
  d.out().plain(render_table(header, cells, std::min<size_t>(terminal_width(), 140)));
  d.say(D::kCompareLegend);
  // The table is the tutorial's claims as observed: each must have been seen.
  const bool as_told = d.seen(Credential::kStudioKey, Ability::kVertexAi) == Seen::kNo &&
                       d.seen(Credential::kConsoleKey, Ability::kVertexAi) == Seen::kYes &&
                       d.seen(Credential::kServiceAccount, Ability::kAdminister) == Seen::kNo &&
                       d.seen(Credential::kOwner, Ability::kAdminister) == Seen::kYes;
  return as_told || d.fail(d.text(D::kCompareWhy));
}

constexpr DemoStep kSteps[] = {
    {D::kStepKeyBeforeApi, key_before_api},    {D::kStepEnableApi, enable_api},
    {D::kStepStudioKey, studio_key},           {D::kStepRestrict, restrict_key},
    {D::kStepEditor, service_account_editor},  {D::kStepTighten, tighten},
    {D::kStepUserData, user_data},             {D::kStepCompare, compare},
};

}  // namespace

std::span<const DemoStep> demo_steps() { return kSteps; }

}  // namespace genai::cli
