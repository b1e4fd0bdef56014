// client.live(): the Live API session over the transport's WebSocket, with
// the client's credentials, headers, TLS and proxy settings, and session
// resumption across dropped connections and goAway (see genai/live.h for the
// rule of which messages are sent again; transparent resumption's
// bookkeeping is client/live_replay.h).
#include "genai/live.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "client/api_client.h"
#include "client/config.h"
#include "client/function_calling.h"
#include "client/live_json.h"
#include "client/live_replay.h"
#include "core/errors.h"
#include "core/json_dump.h"
#include "core/json_types.h"
#include "core/url.h"
#include "transport/retry_policy.h"
#include "transport/websocket.h"

#ifndef GENAI_VERSION_STRING
#define GENAI_VERSION_STRING "0.0.0"
#endif

namespace genai {

using nlohmann::json;

namespace {

void live_merge(json& into, const json& extra) {
  if (!into.is_object() || !extra.is_object()) {
    into = extra;
    return;
  }
  for (const auto& [key, value] : extra.items()) live_merge(into[key], value);
}

void live_set_header(HttpHeaders& headers, const std::string& name, const std::string& value) {
  for (auto& h : headers) {
    if (internal::equals_ignoring_case(h.first, name)) {
      h.second = value;
      return;
    }
  }
  headers.emplace_back(name, value);
}

// A failure worth a new connection: the line, not the request, was at fault.
bool live_resumable(const Error& e) {
  return e.kind == ErrorKind::kTransport || e.status == "UNAVAILABLE" || e.status == "INTERNAL" ||
         e.status == "DEADLINE_EXCEEDED";
}

Error live_upgrade_refused(const HttpResponse& answer) {
  if (std::optional<Error> e = internal::error_from_response(answer)) return *e;
  return internal::unexpected_response("the server answered the Live API's WebSocket upgrade with HTTP " +
                                       std::to_string(answer.status) + " instead of 101 Switching Protocols");
}

}  // namespace

struct LiveSession::Impl {
  std::shared_ptr<internal::ApiClient> api;
  LiveConnectConfig config;
  LiveOptions options;
  json setup;  // the members of "setup"
  internal::WebSocketOptions socket;
  bool resume = false;
  bool transparent = false;  // SessionResumptionConfig::transparent: every message is replayed

  std::mutex mu;  // guards everything below
  std::condition_variable cv;
  std::shared_ptr<internal::WebSocket> ws;
  // The client messages the newest handle does not cover: every message
  // when transparent, else the turns (client content, tool responses).
  internal::LiveReplay replay;
  // Not transparent: the index of the last turn answered (turnComplete or a
  // toolCall); the next handle covers the turns up to it.
  std::int64_t answered_through = 0;
  std::optional<std::string> handle;
  std::optional<std::string> session_id;
  std::deque<LiveServerMessage> early;  // messages that came before setupComplete
  bool go_away = false;
  bool closed = false;
  // The connection a send failed on: its end is a lost line even when the
  // socket reports it as a normal one (an aborted read after the failed write).
  std::shared_ptr<internal::WebSocket> write_failed;
  // A connection that ended "normally" was resumed and has delivered nothing
  // since: a second such end is the server ending the session.
  bool resumed_quiet_end = false;
  std::thread listener;

  // One connection: upgrade, setup (resuming `handle` if set), setupComplete.
  Result<std::shared_ptr<internal::WebSocket>> connect_once(const std::optional<std::string>& with_handle,
                                                            std::deque<LiveServerMessage>& before_setup) {
    Result<HttpHeaders> auth = api->auth_headers();
    if (!auth) return std::move(auth).error();
    internal::WebSocketOptions o = socket;
    HttpHeaders headers;
    for (auto& [name, value] : *auth) {
      // An ephemeral token is not a key: it goes as "Authorization: Token".
      if (internal::equals_ignoring_case(name, "x-goog-api-key") && value.rfind("auth_tokens/", 0) == 0) {
        headers.emplace_back("Authorization", "Token " + value);
      } else {
        headers.emplace_back(name, value);
      }
    }
    for (auto& h : o.headers) live_set_header(headers, h.first, h.second);
    o.headers = std::move(headers);
    Result<std::unique_ptr<internal::WebSocket>> opened = internal::open_websocket(o, live_upgrade_refused);
    if (!opened) return std::move(opened).error();
    std::shared_ptr<internal::WebSocket> conn(std::move(*opened));
    json message = json{{"setup", setup}};
    if (with_handle) message["setup"]["sessionResumption"]["handle"] = *with_handle;
    if (!config.http_options.extra_body.is_null()) live_merge(message, config.http_options.extra_body);
    Result<std::string> text = internal::dump_request_body(message, "the Live API setup");
    if (!text) return std::move(text).error();
    if (Result<void> sent = conn->send(std::move(*text)); !sent) return std::move(sent).error();
    const auto deadline = std::chrono::steady_clock::now() + options.setup_timeout;
    for (int i = 0; i < 64; ++i) {  // bounded: a server chattering before setupComplete
      Result<std::optional<std::string>> got = conn->receive(deadline);
      if (!got) return std::move(got).error();
      if (!*got) {
        return internal::transport_error("the Live API server closed the connection before setupComplete",
                                         "Check the model name and that it supports the Live API.");
      }
      Result<LiveServerMessage> m = internal::parse_live_server_message(std::move(**got));
      if (!m) return std::move(m).error();
      if (m->setup_complete) {
        std::lock_guard<std::mutex> lock(mu);
        if (m->setup_complete->session_id) session_id = m->setup_complete->session_id;
        return conn;
      }
      before_setup.push_back(std::move(*m));
    }
    return internal::unexpected_response("the Live API server sent 64 messages without setupComplete");
  }

  // Replaces a dead connection: bounded attempts under the retry policy,
  // then the turns the handle does not cover, in order.
  Result<void> reconnect(const Error& why) {
    const RetryOptions retry = config.http_options.retry ? *config.http_options.retry : api->http_options().retry;
    internal::RetryPolicy policy(retry);
    Error last = why;
    const int attempts = std::max(1, retry.attempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      if (attempt > 1) {
        const std::chrono::milliseconds wait =
            policy.next_delay(attempt - 1, last).value_or(retry.initial_delay);
        std::unique_lock<std::mutex> lock(mu);
        if (cv.wait_for(lock, wait, [this] { return closed; })) return internal::cancelled_error();
      }
      std::optional<std::string> with_handle;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (closed) return internal::cancelled_error();
        with_handle = handle;
      }
      std::deque<LiveServerMessage> before;
      Result<std::shared_ptr<internal::WebSocket>> conn = connect_once(with_handle, before);
      if (!conn) {
        last = conn.error();
        if (!live_resumable(last)) return last;
        continue;
      }
      std::lock_guard<std::mutex> lock(mu);
      bool resent = true;
      // The turns answered before the drop stay answered (now renumbered).
      answered_through = static_cast<std::int64_t>(replay.kept_through(answered_through));
      std::vector<std::string> again = replay.restart();
      for (std::string& text : again) {
        if (Result<void> r = (*conn)->send(std::move(text)); !r) {
          last = r.error();
          resent = false;
          break;
        }
      }
      if (!resent) continue;
      if (ws) ws->close();
      ws = *conn;
      go_away = false;
      for (auto& m : before) early.push_back(std::move(m));
      return {};
    }
    Error e = last;
    e.message = "the Live session could not be resumed after " + std::to_string(attempts) +
                " attempt(s): " + last.message;
    return e;
  }

  // Bookkeeping of resumption and automatic tool calls for one message.
  void observe(const LiveServerMessage& m) {
    std::optional<std::vector<FunctionCall>> calls;
    {
      std::lock_guard<std::mutex> lock(mu);
      const bool answered =
          (m.server_content && m.server_content->turn_complete.value_or(false)) || m.tool_call.has_value();
      if (answered) answered_through = replay.next_index() - 1;
      if (const auto& u = m.session_resumption_update; u && u->resumable.value_or(true) && u->new_handle &&
                                                        !u->new_handle->empty()) {
        handle = u->new_handle;
        if (transparent) {
          // Without an index the handle's coverage is unknown: everything stays.
          if (u->last_consumed_client_message_index) replay.covered(*u->last_consumed_client_message_index);
        } else {
          replay.covered(answered_through);
        }
      }
      if (m.go_away) go_away = true;
      if (m.tool_call && options.automatic_function_calling) calls = m.tool_call->function_calls;
    }
    if (calls) {
      std::optional<Result<Content>> ran = internal::run_function_calls(config.tools, *calls);
      if (ran && *ran) {
        std::vector<FunctionResponse> responses;
        for (const Part& p : (*ran)->parts) {
          if (p.function_response) responses.push_back(*p.function_response);
        }
        (void)send(internal::live_tool_response_message(responses), true);
      } else if (ran) {
        // A throwing callable: the model gets the error as the function's answer.
        std::vector<FunctionResponse> responses;
        for (const FunctionCall& c : *calls) {
          responses.push_back(FunctionResponse{c.id, c.name, json{{"error", ran->error().message}}, json::object()});
        }
        (void)send(internal::live_tool_response_message(responses), true);
      }
    }
  }

  // `replayable`: a turn, sent again after a reconnect in either mode;
  // `droppable`: audio/video, which transparent resumption replays but may
  // forget for room (live_replay.h).
  Result<void> send(const json& message, bool replayable, bool droppable = false) {
    Result<std::string> text = internal::dump_request_body(message, "the Live API message");
    if (!text) return std::move(text).error();
    return send_text(std::move(*text), replayable, droppable);
  }
  // The same with the message's bytes already written.
  Result<void> send_text(std::string text, bool replayable, bool droppable) {
    std::lock_guard<std::mutex> lock(mu);
    if (closed || !ws) return internal::invalid_argument("the Live session is closed", "Connect a new session.");
    const bool kept = transparent || (resume && replayable);
    std::optional<std::int64_t> index;
    if (kept) {
      Result<std::int64_t> added = replay.add(text, droppable);
      if (!added) return std::move(added).error();
      index = *added;
    }
    Result<void> r = ws->send(std::move(text));
    if (r) return r;
    write_failed = ws;
    // With resumption the message is kept and sent again by the reconnect
    // that receive() makes when it sees the connection gone. A refusal that
    // is not a lost line is the caller's error: nothing is sent again.
    if (kept && live_resumable(r.error())) return {};
    if (index) replay.withdraw(*index);
    return r;
  }

  Result<std::optional<LiveServerMessage>> receive() {
    for (int round = 0; round < 1000; ++round) {
      std::shared_ptr<internal::WebSocket> conn;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (!early.empty()) {
          LiveServerMessage m = std::move(early.front());
          early.pop_front();
          return std::optional<LiveServerMessage>(std::move(m));
        }
        if (closed) return std::optional<LiveServerMessage>();
        conn = ws;
      }
      Result<std::optional<std::string>> got = conn->receive();
      if (got && *got) {
        Result<LiveServerMessage> m = internal::parse_live_server_message(std::move(**got));
        if (!m) return std::move(m).error();
        {
          std::lock_guard<std::mutex> lock(mu);
          resumed_quiet_end = false;
        }
        observe(*m);
        return std::optional<LiveServerMessage>(std::move(*m));
      }
      bool going_away = false;
      bool lost = false;
      bool quiet_again = false;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (closed) return std::optional<LiveServerMessage>();
        going_away = go_away;
        lost = write_failed && write_failed == conn;
        quiet_again = resumed_quiet_end;
        // A "normal" end the caller did not ask for is resumed like a drop
        // (the socket reports a connection cut under a failed write as one,
        // and clients of the live service resume on a 1000 close), but only
        // once in a row without a message between.
        if (got && resume && !going_away) resumed_quiet_end = true;
      }
      if (got && (!resume || (!going_away && (quiet_again && !lost)))) return std::optional<LiveServerMessage>();
      const Error why = !got        ? got.error()
                        : going_away ? internal::transport_error("the Live API server ended the connection after goAway")
                                     : internal::transport_error("the Live API connection ended without a close from "
                                                                 "the caller or a goAway from the server");
      if (!resume || (!going_away && !live_resumable(why))) return why;
      if (Result<void> r = reconnect(why); !r) return std::move(r).error();
    }
    return internal::unexpected_response("the Live session reconnected 1000 times within one receive()");
  }

  void close() {
    std::shared_ptr<internal::WebSocket> conn;
    {
      std::lock_guard<std::mutex> lock(mu);
      closed = true;
      conn = ws;
    }
    cv.notify_all();
    if (conn) conn->close();
    if (listener.joinable() && listener.get_id() != std::this_thread::get_id()) listener.join();
  }
};

LiveSession::LiveSession(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
LiveSession::~LiveSession() {
  close();
  if (impl_->listener.joinable()) impl_->listener.detach();  // only when destroyed from its own callback
}

std::optional<std::string> LiveSession::session_id() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->session_id;
}

std::optional<std::string> LiveSession::resumption_handle() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->handle;
}

Result<void> LiveSession::send_client_content(const std::vector<Content>& turns, bool turn_complete) {
  return impl_->send(internal::live_client_content_message(turns, turn_complete), true);
}

Result<void> LiveSession::send_realtime_input(const LiveRealtimeInput& input) {
  // Media alone may be forgotten for room; text and activity markers shape turns.
  const bool media_only = (input.audio || input.video) && !input.text && !input.activity_start &&
                          !input.activity_end && !input.audio_stream_end;
  // Written straight to bytes; a string that is not UTF-8 takes the DOM's
  // way, whose error names it.
  if (std::optional<std::string> text = internal::live_realtime_input_text(input)) {
    return impl_->send_text(std::move(*text), false, media_only);
  }
  return impl_->send(internal::live_realtime_input_json(input), false, media_only);
}

Result<void> LiveSession::send_tool_response(const std::vector<FunctionResponse>& responses) {
  if (responses.empty()) {
    return internal::invalid_argument("send_tool_response needs at least one function response");
  }
  return impl_->send(internal::live_tool_response_message(responses), true);
}

Result<std::optional<LiveServerMessage>> LiveSession::receive() { return impl_->receive(); }

void LiveSession::start_receiving(std::function<void(const LiveServerMessage&)> on_message,
                                  std::function<void(const Error*)> on_end) {
  if (impl_->listener.joinable()) return;
  impl_->listener = std::thread([impl = impl_, on_message = std::move(on_message), on_end = std::move(on_end)] {
    for (;;) {
      Result<std::optional<LiveServerMessage>> m = impl->receive();
      if (!m) {
        if (on_end) on_end(&m.error());
        return;
      }
      if (!*m) {
        if (on_end) on_end(nullptr);
        return;
      }
      if (on_message) on_message(**m);
    }
  });
}

void LiveSession::close() { impl_->close(); }

Live::Live(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<std::unique_ptr<LiveSession>> Live::connect(std::string_view model, const LiveConnectConfig& config,
                                                   const LiveOptions& options) const {
  const ClientConfig& cfg = api_->config();
  const HttpOptions& http = api_->http_options();
  if (!config.http_options.base_url.empty()) {
    if (auto bad = internal::base_url_problem(config.http_options.base_url, "LiveConnectConfig.http_options")) {
      return *bad;
    }
  }
  if (!config.http_options.headers.empty()) {
    if (auto bad = internal::header_problem(config.http_options.headers, "LiveConnectConfig.http_options.headers")) {
      return *bad;
    }
  }
  if (!config.http_options.extra_body.is_null() && !config.http_options.extra_body.is_object()) {
    return internal::invalid_argument("LiveConnectConfig.http_options.extra_body must be a JSON object",
                                      "Wrap the fields in an object, e.g. {\"setup\": {\"newField\": 1}}.");
  }
  Result<std::string> resource = internal::model_resource(cfg, model);
  if (!resource) return std::move(resource).error();
  std::string model_name = *resource;
  if (cfg.vertexai && model_name.rfind("publishers/", 0) == 0 && !cfg.project.empty() && !cfg.location.empty()) {
    model_name = internal::vertex_parent(cfg) + model_name;
  }
  auto impl = std::make_shared<LiveSession::Impl>();
  impl->api = api_;
  impl->config = config;
  impl->options = options;
  impl->resume = config.session_resumption.has_value();
  // Only Vertex AI takes it (live_setup_fields refuses it on the Developer API).
  impl->transparent = impl->resume && config.session_resumption->transparent.value_or(false);
  impl->replay = internal::LiveReplay(options.replay_buffer_bytes);
  Result<json> setup = internal::live_setup_fields(cfg.vertexai, model_name, config);
  if (!setup) return std::move(setup).error();
  impl->setup = std::move(*setup);

  // The URL: the client's base URL with ws(s):// for http(s)://.
  Result<HttpHeaders> auth = api_->auth_headers();
  if (!auth) return std::move(auth).error();
  bool ephemeral = false;
  for (const auto& [name, value] : *auth) {
    if (internal::equals_ignoring_case(name, "x-goog-api-key") && value.rfind("auth_tokens/", 0) == 0) ephemeral = true;
  }
  std::string base = config.http_options.base_url.empty() ? cfg.base_url : config.http_options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.rfind("https://", 0) == 0) {
    base = "wss://" + base.substr(8);
  } else if (base.rfind("http://", 0) == 0) {
    base = "ws://" + base.substr(7);
  }
  std::string version = config.http_options.api_version;
  if (version.empty()) version = ephemeral && http.api_version.empty() ? "v1alpha" : cfg.api_version;
  internal::WebSocketOptions& o = impl->socket;
  if (cfg.vertexai) {
    o.url = base + "/ws/google.cloud.aiplatform." + version + ".LlmBidiService/BidiGenerateContent";
  } else {
    o.url = base + "/ws/google.ai.generativelanguage." + version + ".GenerativeService." +
            (ephemeral ? "BidiGenerateContentConstrained" : "BidiGenerateContent");
  }
  o.headers.emplace_back("x-goog-api-client", api_->api_client_header());
  for (const auto& [name, value] : http.headers) live_set_header(o.headers, name, value);
  for (const auto& [name, value] : config.http_options.headers) live_set_header(o.headers, name, value);
  o.user_agent = std::string("genai-cpp/") + GENAI_VERSION_STRING;
  o.connect_timeout = http.connect_timeout;
  o.verify_tls = http.verify_tls;
  o.ca_bundle = http.ca_bundle;
  o.proxy = http.proxy;
  o.max_message_bytes = options.max_message_bytes;
  o.keepalive_timeout = options.keepalive_timeout;
  o.send_buffer_bytes = options.send_buffer_bytes;
  o.write_timeout = options.write_timeout;
  o.trace = http.trace;

  std::deque<LiveServerMessage> before;
  Result<std::shared_ptr<internal::WebSocket>> conn = impl->connect_once(config.session_resumption
                                                                             ? config.session_resumption->handle
                                                                             : std::nullopt,
                                                                         before);
  if (!conn) return std::move(conn).error();
  impl->ws = std::move(*conn);
  impl->early = std::move(before);
  if (config.session_resumption && config.session_resumption->handle) impl->handle = config.session_resumption->handle;
  return std::make_unique<LiveSession>(std::move(impl));
}

}  // namespace genai
