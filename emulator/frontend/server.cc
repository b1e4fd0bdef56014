#include "emulator/frontend/server.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "emulator/auth/crypto.h"
#include "emulator/common/env.h"
#include "emulator/common/errors.h"
#include "emulator/frontend/connection.h"
#include "emulator/handlers/service.h"
#include "emulator/state/live_store.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

Error server_error(std::string message) { return internal::local_error("FAILED_PRECONDITION", std::move(message)); }

// The "demo" scenario: a project with the Gemini and Vertex AI APIs enabled,
// an AI Studio key, an owner, and a service account holding Vertex AI User
// that the metadata server speaks for; plus a second project of the same
// owner whose API is still disabled (the tutorial's first stumbling block).
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
  (void)state.add_binding("fresh-project", "roles/owner", user_member("owner@example.com"));
  ApiKey console;
  console.project_id = "fresh-project";
  console.display_name = "Key created before enabling the API";
  (void)state.create_key(console);
}

// One thread per open connection, started when a connection needs one and
// kept for the next, up to a cap. cpp-httplib's fixed pool of 32 let 32 slow
// clients (a header line every few seconds, each within the read timeout)
// stall everyone else; here each holds only its own thread.
class ConnectionThreads : public httplib::TaskQueue {
 public:
  explicit ConnectionThreads(size_t max_threads) : max_threads_(max_threads) {}
  ~ConnectionThreads() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(fn));
    // Each idle thread takes one job; start one for every job beyond them.
    if (jobs_.size() > idle_ && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { work(); });
    } else {
      ready_.notify_one();
    }
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

 private:
  void work() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, and nothing left to serve
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }

  const size_t max_threads_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

Request request_from(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  out.params.insert(in.params.begin(), in.params.end());  // the query, and a form-encoded body's fields
  out.headers.insert(in.headers.begin(), in.headers.end());
  out.body = in.body;
  out.remote_addr = in.remote_addr;
  return out;
}

void write_response(Response&& in, httplib::Response& out) {
  out.status = in.status;
  for (auto& [name, value] : in.headers) out.set_header(name, value);
  if (in.body_stream) {
    // Pieces of at most 256 KiB, so a large object never sits in memory.
    out.set_content_provider(
        static_cast<size_t>(in.body_stream_length), in.content_type.c_str(),
        [stream = std::move(in.body_stream), cut = in.body_stream_cut_at](size_t offset, size_t length,
                                                                          httplib::DataSink& sink) {
          if (cut > 0) {
            if (offset >= cut) return false;  // the fault: the connection drops here
            length = std::min<size_t>(length, static_cast<size_t>(cut - offset));
          }
          std::vector<char> buf(std::min<size_t>(length, 256 * 1024));
          stream->read(buf.data(), static_cast<std::streamsize>(buf.size()));
          const std::streamsize n = stream->gcount();
          return n > 0 && sink.write(buf.data(), static_cast<size_t>(n));
        });
    return;
  }
  if (!in.body_path.empty() && !in.drop_connection) {
    // Read from disk piece by piece as the socket takes it.
    auto file = std::make_shared<std::ifstream>(in.body_path, std::ios::binary);
    out.set_content_provider(
        static_cast<size_t>(in.body_path_size), in.content_type.c_str(),
        [file](size_t offset, size_t length, httplib::DataSink& sink) {
          std::string buf(std::min<size_t>(length, 1u << 20), '\0');
          file->clear();
          file->seekg(static_cast<std::streamoff>(offset));
          file->read(buf.data(), static_cast<std::streamsize>(buf.size()));
          const auto got = static_cast<size_t>(file->gcount());
          return got > 0 && sink.write(buf.data(), got);
        });
    return;
  }
  if (!in.streamed && !in.drop_connection) {
    out.set_content(std::move(in.body), in.content_type.c_str());
    return;
  }
  if (!in.streamed) {
    // A declared body that never comes: the connection drops after the headers.
    out.set_content_provider(1024, in.content_type.c_str(), [](size_t, size_t, httplib::DataSink&) { return false; });
    return;
  }
  struct Pending {
    std::vector<std::string> chunks;
    size_t next = 0;
  };
  auto pending = std::make_shared<Pending>(Pending{std::move(in.chunks)});
  out.set_chunked_content_provider(
      in.content_type.c_str(),
      [pending, delay = in.chunk_delay, drop = in.drop_connection](size_t, httplib::DataSink& sink) {
        if (pending->next < pending->chunks.size()) {
          if (pending->next > 0 && delay.count() > 0) std::this_thread::sleep_for(delay);
          const std::string& chunk = pending->chunks[pending->next++];
          return sink.write(chunk.data(), chunk.size());
        }
        if (drop) return false;  // the answer stays unfinished
        sink.done();
        return true;
      });
}

}  // namespace

struct Server::Impl {
  std::unique_ptr<ServerEnv> env;
  std::unique_ptr<Service> service;
  // Constructed once env is: it serves the Live API's WebSocket too.
  std::unique_ptr<FrontDoorServer> http;
  std::thread thread;
  int port = 0;
  bool stopped = false;
};

Result<std::unique_ptr<Server>> Server::start(ServerOptions options) {
  if (options.max_connections < 1) return server_error("max_connections must be at least 1");
  // Reachable from other machines: the admin API must not be open to them.
  if (options.admin_token.empty() && !is_loopback_host(options.host)) options.admin_token = random_hex(32);
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

  impl->http = std::make_unique<FrontDoorServer>(env);
  httplib::Server& http = *impl->http;
  http.new_task_queue = [max = static_cast<size_t>(options.max_connections)] { return new ConnectionThreads(max); };
  // Google's limit on a request body. cpp-httplib reads a larger one to its
  // end without keeping it (the connection stays in step) and answers 413;
  // the error handler below words that as Google does.
  http.set_payload_max_length(options.max_request_bytes);
  http.set_read_timeout(options.read_timeout.count(), 0);
  http.set_keep_alive_timeout(options.read_timeout.count());
  const auto words_413_as_google = [limit = options.max_request_bytes](const httplib::Request&,
                                                                      httplib::Response& res) {
    if (res.status != 413) return httplib::Server::HandlerResponse::Unhandled;
    const GoogleError e = payload_too_large(limit);
    res.status = e.http_status;
    res.set_content(e.body, e.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  };
  http.set_error_handler(httplib::Server::HandlerWithResponse(words_413_as_google));
  // Google's front ends keep a connection for many requests; cpp-httplib's
  // default of 5 per connection would make every client reconnect constantly
  // (and benchmarks measure connects instead of requests).
  http.set_keep_alive_max_count(1000);
  // cpp-httplib writes a response's headers and body separately; with Nagle's
  // algorithm on, the body waits for the client's delayed ACK of the headers,
  // and every such answer took ~40 ms longer on loopback.
  http.set_tcp_nodelay(true);
  // Every request, whatever its method and path, goes to the one Service
  // once cpp-httplib has read all of it (the body too: a request answered
  // before its body was read would leave the body on a kept-alive
  // connection, to be parsed as the next request).
  impl->service = std::make_unique<Service>(env);
  const auto serve = [service = impl->service.get()](const httplib::Request& req, httplib::Response& res) {
    write_response(service->handle(request_from(req)), res);
    // The handlers answer a Range header themselves (Cloud Storage's media
    // downloads: 206 with the range, or 416), and everything else ignores
    // it, as Google does. cpp-httplib would apply the range a second time,
    // to the answer already cut (or to an error's JSON), so it is not told
    // of it. (The Request is httplib's own, non-const object: it hands
    // handlers a const view of it.)
    const_cast<httplib::Request&>(req).ranges.clear();
  };
  // Any path: a decoded one may hold a newline (an object name with %0A), which "." does not match.
  constexpr const char* kAnyPath = R"([\s\S]*)";
  http.Get(kAnyPath, serve);
  http.Post(kAnyPath, serve);
  http.Put(kAnyPath, serve);
  http.Patch(kAnyPath, serve);
  http.Delete(kAnyPath, serve);
  http.Options(kAnyPath, serve);

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
const std::string& Server::admin_token() const { return impl_->env->options().admin_token; }

void Server::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->http->stop();
  // Live sessions hold their connection threads until they close.
  impl_->env->live().shutdown_all();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (!impl_->env->options().state_file.empty()) (void)impl_->env->state().save_file(impl_->env->options().state_file);
}

}  // namespace genai::emulator
