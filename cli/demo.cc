// genai demo: the tutorial's credential flow, run end to end against the
// embedded emulator, offline. Each step says what it does and why, and the
// failures are the real errors a user meets, with their fixes.
#include <iostream>

#include "cli/app.h"
#include "emulator/auth/key_files.h"
#include "emulator/common/env.h"
#include "emulator/frontend/server.h"
#include "emulator/state/iam_roles.h"
#include "emulator/state/state.h"

namespace genai::cli {
namespace {

void step(int n, const std::string& title) { std::cout << "\n[" << n << "] " << title << "\n"; }

// An expected failure, indented under its step, secrets redacted.
void show(const Error& e) {
  std::string text = redact(e.to_string());
  for (size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; pos += 5) text.replace(pos, 1, "\n    ");
  std::cout << "    -> " << text << "\n";
}

std::optional<Client> demo_client(const std::string& base_url, const std::string& key) {
  ClientOptions o;
  o.api_key = key;
  o.use_environment = false;
  o.http_options.base_url = base_url;
  o.http_options.retry.attempts = 1;  // show errors as they are
  Result<Client> c = Client::create(o);
  if (!c) {
    report(c.error());
    return std::nullopt;
  }
  return std::move(*c);
}

std::string key_of(emulator::State& state, const std::string& project, emulator::ApiKey::Kind kind) {
  for (const emulator::ApiKey& k : state.keys()) {
    if (k.project_id == project && k.kind == kind && !k.deleted) return k.key_string;
  }
  return {};
}

// A Vertex AI call made with `creds` in demo-project; prints the outcome.
bool vertex_call(const std::string& url, std::shared_ptr<Credentials> creds, const std::string& model) {
  ClientOptions o;
  o.vertexai = true;
  o.project = "demo-project";
  o.location = "us-central1";
  o.credentials = std::move(creds);
  o.use_environment = false;
  o.http_options.base_url = url;
  o.http_options.retry.attempts = 1;
  Result<Client> c = Client::create(o);
  if (!c) {
    show(c.error());
    return false;
  }
  auto r = c->models().generate_content(model, "Hello from a service account");
  if (!r) {
    show(r.error());
    return false;
  }
  std::cout << "    -> Vertex AI answered: \"" << r->text().substr(0, 50) << "...\"\n";
  return true;
}

// The tutorial's "Application data" path: a service account, a role to test
// with, then the least privilege it actually needs.
int service_account_steps(const std::string& url, emulator::ServerEnv& env, const std::string& model) {
  emulator::State& state = env.state();
  step(5, "Application data: a service account and its JSON key (Vertex AI, OAuth)");
  auto sa = state.create_service_account("demo-project", "app-backend", "Application backend");
  if (!sa) return report(sa.error());
  auto file = emulator::create_service_account_key_file(env, sa->email);
  if (!file) return report(file.error());
  std::cout << "    account " << sa->email << ", key " << file->key_id.substr(0, 8)
            << "... (the key file holds a private key: store it with mode 600, never in git)\n";
  CredentialsOptions copts;
  copts.use_environment = false;
  auto creds = make_service_account_credentials(file->key_file_json, copts);
  if (!creds) return report(creds.error());
  std::cout << "    no role yet:\n";
  if (vertex_call(url, *creds, model)) return kExitUnexpected;

  step(6, "Grant Editor \"to test\" (the tutorial's shortcut)");
  const std::string member = emulator::service_account_member(sa->email);
  (void)state.add_binding("demo-project", "roles/editor", member);
  if (!vertex_call(url, *creds, model)) return kExitUnexpected;
  std::cout << "    but Editor holds " << emulator::role_permissions("roles/editor").size()
            << " of the permissions the emulator models (at Google: thousands), e.g. deleting storage buckets\n"
            << "    and creating service-account keys. An application that calls Gemini needs one:\n"
            << "    aiplatform.endpoints.predict.\n";

  step(7, "Tighten to Vertex AI User (roles/aiplatform.user), remove Editor");
  (void)state.add_binding("demo-project", "roles/aiplatform.user", member);
  (void)state.remove_binding("demo-project", "roles/editor", member);
  if (!vertex_call(url, *creds, model)) return kExitUnexpected;
  std::cout << "    the same calls work with " << emulator::role_permissions("roles/aiplatform.user").size()
            << " permissions. (A Project Owner is for administration, not for calling APIs.)\n";
  return kExitOk;
}

int run_demo(const std::string& model) {
  std::cout << "genai demo: the Gemini credential flow, offline, against the embedded genai-emulator.\n";
  emulator::ServerOptions options;
  options.bootstrap_demo = true;
  auto server = emulator::Server::start(options);
  if (!server) {
    std::cerr << "genai: error: cannot start the emulator: " << server.error().message << "\n";
    return kExitUnexpected;
  }
  const std::string url = (*server)->base_url();
  emulator::State& state = (*server)->env().state();
  std::cout << "Emulator listening on " << url
            << " (projects, API enablement, API keys, service accounts, OAuth, IAM, the Gemini APIs).\n";

  step(1, "A Cloud Console key in a new project, before the Generative Language API is enabled");
  const std::string console_key = key_of(state, "fresh-project", emulator::ApiKey::Kind::kConsole);
  std::cout << "    key " << mask_secret(console_key) << " (project fresh-project)\n";
  auto fresh = demo_client(url, console_key);
  if (!fresh) return kExitUnexpected;
  auto denied = fresh->models().generate_content(model, "Hello");
  if (denied) {
    std::cerr << "genai: the call should have been refused: the API is not enabled\n";
    return kExitUnexpected;
  }
  show(denied.error());

  step(2, "Enable generativelanguage.googleapis.com in fresh-project (what `genai setup --enable-apis` does)");
  if (auto r = state.set_service_enabled("fresh-project", emulator::kGenerativeLanguage, true); !r) {
    std::cerr << "genai: " << r.error().message << "\n";
    return kExitUnexpected;
  }
  auto allowed = fresh->models().generate_content(model, "Hello");
  if (!allowed) return report(allowed.error());
  std::cout << "    -> the same key now works: \"" << allowed->text().substr(0, 60) << "...\"\n";

  step(3, "An AI Studio key (bound to the Gemini API only) in demo-project");
  const std::string studio_key = key_of(state, "demo-project", emulator::ApiKey::Kind::kStudio);
  std::cout << "    key " << mask_secret(studio_key) << " (sent only in the x-goog-api-key header)\n";
  auto client = demo_client(url, studio_key);
  if (!client) return kExitUnexpected;
  GenerateContentConfig cfg;
  cfg.max_output_tokens = 60;
  auto answer = client->models().generate_content(model, "Why is the sky blue?", cfg);
  if (!answer) return report(answer.error());
  std::cout << "    generate: " << answer->text() << "\n";
  std::cout << "    stream:   ";
  int chunks = 0;
  for (auto& chunk : client->models().generate_content_stream(model, "Tell me a short story")) {
    if (!chunk) return report(chunk.error());
    std::cout << chunk->text() << std::flush;
    ++chunks;
  }
  std::cout << "\n              (" << chunks << " chunks, printed as they arrived)\n";
  auto tokens = client->models().count_tokens(model, "How many tokens is this sentence?");
  if (!tokens) return report(tokens.error());
  std::cout << "    tokens:   \"How many tokens is this sentence?\" = " << tokens->total_tokens << " tokens\n";
  auto emb = client->models().embed_content("gemini-embedding-001", std::vector<std::string>{"sky", "ocean"});
  if (!emb) return report(emb.error());
  std::cout << "    embed:    2 texts -> " << emb->embeddings.size() << " vectors of "
            << (emb->embeddings.empty() ? 0 : emb->embeddings[0].values.size()) << " dimensions\n";

  step(4, "A mistyped key");
  auto bad = demo_client(url, "AIza" + std::string(35, 'x'));
  if (!bad) return kExitUnexpected;
  auto invalid = bad->models().generate_content(model, "Hello");
  if (invalid) {
    std::cerr << "genai: a mistyped key should be refused\n";
    return kExitUnexpected;
  }
  show(invalid.error());

  if (int code = service_account_steps(url, (*server)->env(), model); code != kExitOk) return code;

  std::cout << "\nDone: every step ran against " << url << " with no network access.\n"
            << "Next: export GEMINI_API_KEY=... (https://aistudio.google.com/apikey) and run `genai generate \"Hi\"`.\n";
  (*server)->stop();
  return kExitOk;
}

}  // namespace

void add_demo_command(CLI::App& app, AppContext& ctx) {
  auto model = std::make_shared<std::string>("gemini-2.5-flash");
  CLI::App* cmd = app.add_subcommand("demo", "Run the whole credential-and-call flow offline against the built-in emulator");
  cmd->add_option("-m,--model", *model, "Model to use");
  cmd->callback([&ctx, model] { ctx.action = [model] { return run_demo(*model); }; });
}

}  // namespace genai::cli
