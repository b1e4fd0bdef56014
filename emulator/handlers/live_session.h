// The Live API's protocol (BidiGenerateContent), Google's side, without a
// socket: one LiveSession per WebSocket connection takes the client's
// messages (setup, clientContent, realtimeInput, toolResponse) and says what
// to send back: messages at once, the model's answer as a stream the
// frontend paces (frontend/live_socket.h), and when to close with which code
// and reason. The first message must be setup: it is where the caller is
// authorized (access.h: the API key or the OAuth token of the upgrade
// request, IAM, API enablement, quota; or an ephemeral token on
// BidiGenerateContentConstrained) and the model checked; a refusal is a close
// frame whose code and reason are Google's (1007 for INVALID_ARGUMENT, 1008
// for a denial, 1011 for the rest). Tests drive it without a network:
//
//   LiveSession s(env, upgrade_request);          // path, query, headers of the upgrade
//   LiveOutput out = s.on_message(R"({"setup":{"model":"models/gemini-live-2.5-flash-preview"}})");
//   // out.now == {R"({"setupComplete":{}})"}
#ifndef GENAI_EMULATOR_HANDLERS_LIVE_SESSION_H_
#define GENAI_EMULATOR_HANDLERS_LIVE_SESSION_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/handlers/http.h"
#include "emulator/handlers/live_context.h"

namespace genai::emulator {

class ServerEnv;

// Which Live endpoint a WebSocket path names; nullopt: none (the upgrade is
// answered 404). Paths: /ws/google.ai.generativelanguage.{v1alpha,v1beta}.
// GenerativeService.BidiGenerateContent[Constrained] and
// /ws/google.cloud.aiplatform.{v1,v1beta1}.LlmBidiService/BidiGenerateContent.
struct LiveEndpoint {
  enum class Kind { kDeveloper, kConstrained, kVertex };
  Kind kind = Kind::kDeveloper;
  std::string version;
};
std::optional<LiveEndpoint> live_endpoint(std::string_view path);

struct LiveClose {
  int code = 1000;
  std::string reason;  // at most 123 bytes (a close frame's limit)
};

struct LiveOutput {
  std::vector<std::string> now;     // sent at once, in order
  // The model's answer, sent after `now` one message per pause
  // (live_chunk_delay_ms); it replaces any answer still being sent.
  std::vector<std::string> stream;
  bool stop_stream = false;         // what is left of the answer being sent is dropped
  std::optional<LiveClose> close;   // after the messages: close the connection
};

// A google.rpc error as a close frame: the code for its status, its message
// cut to 123 bytes.
LiveClose close_for(const GoogleError& e);
// {"goAway":{"timeLeft":"Ns"}}
std::string live_go_away_message(std::chrono::seconds left);

class LiveSession {
 public:
  LiveSession(ServerEnv& env, Request upgrade, LiveEndpoint endpoint);

  // One message from the client (a text or binary frame holding JSON).
  LiveOutput on_message(std::string_view data);
  // The frontend sent the last message of the stream.
  void on_stream_done() { answering_ = false; }

  bool set_up() const { return set_up_; }
  const std::string& model() const { return model_; }
  const std::string& project() const { return project_; }

 private:
  LiveOutput on_setup(const nlohmann::ordered_json& setup);
  LiveOutput on_client_content(const nlohmann::ordered_json& content);
  LiveOutput on_realtime_input(const nlohmann::ordered_json& input);
  LiveOutput on_tool_response(const nlohmann::ordered_json& response);
  // Authorizes the upgrade request for the model; nullopt when admitted.
  std::optional<LiveClose> admit(nlohmann::ordered_json& setup);
  // The user started a turn: the answer being sent (and any tool call
  // waiting for its response) is interrupted.
  void interrupt(LiveOutput& out);
  // The model answers the history: a tool call, or the answer streamed.
  void answer(LiveOutput& out);
  void audio_in(const std::string& pcm, int rate, LiveOutput& out);
  void end_audio_turn(LiveOutput& out);
  std::string message(nlohmann::ordered_json j) const;
  // Saves the session as it stands and returns the sessionResumptionUpdate
  // naming it (with lastConsumedClientMessageIndex when transparent).
  std::string resumption_update();
  // Before the model runs a turn (live_context.cc): the sliding window of
  // contextWindowCompression, or, past the model's context window, the
  // close that ends the session.
  std::optional<LiveClose> fit_context();
  // Reads setup.contextWindowCompression (live_context.cc).
  std::optional<GoogleError> read_compression(const nlohmann::ordered_json& setup);

  ServerEnv& env_;
  Request upgrade_;
  LiveEndpoint endpoint_;
  bool set_up_ = false;
  std::string model_;     // as the setup named it
  std::string model_id_;  // "gemini-live-2.5-flash-preview"
  std::string project_;
  nlohmann::ordered_json setup_;
  LiveHistory history_;
  bool answering_ = false;
  std::vector<std::string> pending_calls_;  // ids of a toolCall waiting for its toolResponse
  std::uint64_t next_call_ = 1;
  bool resumable_ = false;  // setup asked for sessionResumption
  // sessionResumption.transparent (Vertex AI): every update carries
  // lastConsumedClientMessageIndex, the index on this connection of the
  // last client message the handle holds. The setup is message 0, each
  // later client message the next; a new connection counts from 0 again.
  bool transparent_ = false;
  std::int64_t connection_index_ = 0;
  std::int64_t client_messages_ = 0;  // in the session's state, over every connection
  // contextWindowCompression.slidingWindow; nullopt: none, and a context
  // past the model's window ends the session.
  std::optional<std::int64_t> trigger_tokens_;
  std::int64_t target_tokens_ = 0;
  // Audio in: automatic activity detection (an energy threshold over 20 ms
  // frames), or activityStart/activityEnd when it is disabled.
  bool manual_activity_ = false;
  bool in_activity_ = false;
  std::int64_t turn_samples_ = 0;
  int turn_rate_ = 16000;
  std::int64_t silence_samples_ = 0;
  int silence_ms_ = 500;
  int video_frames_ = 0;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_LIVE_SESSION_H_
