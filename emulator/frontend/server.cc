#include "emulator/server/server.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "emulator/errors.h"
#include "emulator/faults/faults.h"
#include "emulator/routes/routes.h"
#include "emulator/server/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

Error server_error(std::string message) { return internal::local_error("FAILED_PRECONDITION", std::move(message)); }

// The "demo" scenario: a project with the Gemini and Vertex AI APIs enabled,
// an AI Studio key, an owner, and a service account holding Vertex AI User
// that the metadata server speaks for; plus a second project whose API is
// still disabled (the tutorial's first stumbling block).
void bootstrap_demo(State& state) {
  (void)state.create_project("demo-project");
  (void)state.set_service_enabled("demo-project", kGenerativeLanguage, true);
  (void)state.set_service_enabled("demo-project", kAiPlatform, true);
  (void)state.set_service_enabled("demo-project", kIamCredentials, true);
  (void)state.add_binding("demo-project", "roles/owner", user_member("owner@example.com"));
  if (auto sa = state.create_service_account("demo-project", "gemini-backend", "Gemini backend")) {
    (void)state.add_binding("demo-project", "roles/aiplatform.user", service_account_member(sa->email));
    state.set_metadata_account(sa->email);
  }
  ApiKey studio;
  studio.project_id = "demo-project";
  studio.kind = ApiKey::Kind::kStudio;
  (void)state.create_key(studio);
  (void)state.create_project("fresh-project");
  ApiKey console;
  console.project_id = "fresh-project";
  console.display_name = "Key created before enabling the API";
  (void)state.create_key(console);
}

}  // namespace

struct Server::Impl {
  std::unique_ptr<ServerEnv> env;
  httplib::Server http;
  std::thread thread;
  int port = 0;
  bool stopped = false;
};

Result<std::unique_ptr<Server>> Server::start(ServerOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->env = std::make_unique<ServerEnv>(options);
  ServerEnv& env = *impl->env;
  if (!options.state_file.empty()) {
    std::ifstream in(options.state_file);
    if (in) {
      std::stringstream ss;
      ss << in.rdbuf();
      if (auto r = env.state().load_json(ss.str()); !r) return server_error(options.state_file + ": " + r.error().message);
    }
  }
  if (options.bootstrap_demo && !env.state().project("demo-project")) {
    bootstrap_demo(env.state());
    if (!options.state_file.empty()) {
      if (auto r = env.state().save_file(options.state_file); !r) return server_error(r.error().message);
    }
  }

  httplib::Server& http = impl->http;
  http.new_task_queue = [] { return new httplib::ThreadPool(32); };
  // Google's front ends keep a connection for many requests; cpp-httplib's
  // default of 5 per connection would make every client reconnect constantly
  // (and benchmarks measure connects instead of requests).
  http.set_keep_alive_max_count(1000);
  // cpp-httplib writes a response's headers and body separately; with Nagle's
  // algorithm on, the body waits for the client's delayed ACK of the headers,
  // and every such answer took ~40 ms longer on loopback.
  http.set_tcp_nodelay(true);
  // A handler that throws must still answer as Google does, never with
  // cpp-httplib's empty 500. nlohmann's exceptions come from a request field
  // of the wrong JSON type (`"mimeType": 5`), which Google's JSON parser
  // rejects with a 400; anything else is the emulator's own fault.
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const nlohmann::json::exception& e) {
      std::string what = e.what();  // "[json.exception.type_error.302] type must be string, but is number"
      if (const size_t end = what.find("] "); what.rfind("[json.exception.", 0) == 0 && end != std::string::npos) {
        what.erase(0, end + 2);
      }
      send_error(res, invalid_argument("Invalid JSON payload received. A field has the wrong type (" + what + ")."));
    } catch (const std::exception& e) {
      std::cerr << "genai-emulator: internal error in " << req.method << " " << req.path << ": " << e.what() << "\n";
      send_error(res, internal_error());
    } catch (...) {
      std::cerr << "genai-emulator: internal error in " << req.method << " " << req.path << "\n";
      send_error(res, internal_error());
    }
  });
  http.set_pre_routing_handler([&env](const httplib::Request& req, httplib::Response& res) {
    if (env.options().log_requests) std::cerr << "genai-emulator: " << req.method << " " << req.path << "\n";
    return apply_faults(env, req, res) ? httplib::Server::HandlerResponse::Handled
                                       : httplib::Server::HandlerResponse::Unhandled;
  });
  if (!options.state_file.empty()) {
    // Persist after every change made through the API.
    http.set_post_routing_handler([&env](const httplib::Request& req, httplib::Response&) {
      if (req.method != "GET") (void)env.state().save_file(env.options().state_file);
    });
  }
  register_fault_routes(http);
  register_admin_routes(http, env);
  register_generative_language_routes(http, env);
  register_vertex_ai_routes(http, env);
  register_cached_contents_routes(http, env);
  register_oauth_routes(http, env);
  register_metadata_routes(http, env);
  register_iam_credentials_routes(http, env);
  register_resource_manager_routes(http, env);
  register_service_usage_routes(http, env);
  register_api_keys_routes(http, env);
  register_iam_admin_routes(http, env);

  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
    if (port <= 0) return server_error("cannot bind to " + options.host + " on any port");
  } else if (!http.bind_to_port(options.host, port)) {
    return server_error("cannot bind to " + options.host + ":" + std::to_string(port) + " (in use, or not allowed)");
  }
  impl->port = port;
  env.set_base_url("http://" + options.host + ":" + std::to_string(port));
  impl->thread = std::thread([&http] { http.listen_after_bind(); });
  for (int i = 0; i < 500 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  if (!http.is_running()) {
    http.stop();
    impl->thread.join();
    return server_error("the server did not start");
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }

int Server::port() const { return impl_->port; }
std::string Server::base_url() const { return impl_->env->base_url(); }
ServerEnv& Server::env() { return *impl_->env; }

void Server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->http.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (!impl_->env->options().state_file.empty()) (void)impl_->env->state().save_file(impl_->env->options().state_file);
}

}  // namespace genai::emulator
