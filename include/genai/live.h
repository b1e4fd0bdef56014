// The Live API: a bidirectional session with a model over one WebSocket, for
// voice and video conversations and low-latency text (python-genai's
// client.aio.live, js-genai's ai.live). Messages are the official SDKs':
// send turns (send_client_content), stream audio/video/text
// (send_realtime_input), answer tool calls (send_tool_response), and read
// what the server says (receive): setupComplete, serverContent (the model's
// turn, transcriptions, turnComplete, interrupted), toolCall, goAway,
// sessionResumptionUpdate, usageMetadata.
//
//   auto client = genai::Client::create().value();
//   genai::LiveConnectConfig cfg;
//   cfg.response_modalities = {"TEXT"};
//   cfg.session_resumption = genai::SessionResumptionConfig{};  // survive drops and goAway
//   auto session = client.live().connect("gemini-live-2.5-flash-preview", cfg).value();
//   session->send_client_content({genai::Content::from_text("Hello!")}).value();
//   while (auto msg = session->receive().value()) {          // nullopt: the session ended
//     if (msg->text()) std::cout << *msg->text() << std::flush;
//     if (msg->server_content && msg->server_content->turn_complete.value_or(false)) break;
//   }
//   session->close();
//
// Credentials are the client's: a Developer API key travels in the
// x-goog-api-key header of the upgrade request (never the URL); Vertex AI
// sends the OAuth token of the client's credential; an ephemeral token
// (client created with api_key "auth_tokens/...", see auth_tokens.h) is sent
// as "Authorization: Token auth_tokens/..." to BidiGenerateContentConstrained.
//
// Session resumption (opt-in, LiveConnectConfig::session_resumption): the
// session keeps the newest resumable handle the server sends, and when the
// connection drops, ends without close() (a normal close too, once in a row
// with no message between: then the session has ended), or the server sends
// goAway and closes it, it reconnects with that handle
// (up to RetryOptions::attempts times, with the retry policy's backoff) and
// sends again what the handle does not cover yet, so the caller loses
// nothing. What is sent again depends on the mode:
//  - default: client turns only (client content, tool responses). A turn
//    counts as covered once the server's answer to it has completed
//    (turnComplete, or its toolCall) AND a resumption update has arrived
//    after that. Realtime input (audio, video, text) is not replayed: it is
//    a live stream, stale once the line was down. The turns kept are
//    bounded by LiveOptions::replay_buffer_bytes too: one that does not fit
//    fails to send (RESOURCE_EXHAUSTED), as with a server that never sends
//    a handle.
//  - transparent (SessionResumptionConfig::transparent, Vertex AI only):
//    every client message, realtime input included. Each update names the
//    last client message its handle holds (lastConsumedClientMessageIndex,
//    counted on the connection: the setup is 0, the next message 1); the
//    messages up to it are forgotten and exactly the ones after it are sent
//    again, in order. They are kept in memory up to
//    LiveOptions::replay_buffer_bytes: past it the oldest audio/video chunks
//    are forgotten first (lost if the line then drops), and a turn that does
//    not fit fails to send (RESOURCE_EXHAUSTED) rather than grow without bound.
#ifndef GENAI_LIVE_H_
#define GENAI_LIVE_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/error.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

namespace internal {
class ApiClient;
}

struct SessionResumptionConfig {
  std::optional<std::string> handle;     // resume an earlier session; empty: a new one
  std::optional<bool> transparent;       // Vertex AI only
  bool operator==(const SessionResumptionConfig&) const = default;
};

struct SlidingWindow {
  std::optional<int64_t> target_tokens;
  bool operator==(const SlidingWindow&) const = default;
};

// Lets a session run past the context window by dropping its oldest turns.
struct ContextWindowCompressionConfig {
  std::optional<int64_t> trigger_tokens;
  std::optional<SlidingWindow> sliding_window;
  bool operator==(const ContextWindowCompressionConfig&) const = default;
};

struct AutomaticActivityDetection {
  std::optional<bool> disabled;  // true: the client sends activity_start/activity_end
  std::optional<std::string> start_of_speech_sensitivity;  // "START_SENSITIVITY_HIGH", "_LOW"
  std::optional<std::string> end_of_speech_sensitivity;    // "END_SENSITIVITY_HIGH", "_LOW"
  std::optional<int> prefix_padding_ms;
  std::optional<int> silence_duration_ms;
  bool operator==(const AutomaticActivityDetection&) const = default;
};

struct RealtimeInputConfig {
  std::optional<AutomaticActivityDetection> automatic_activity_detection;
  std::optional<std::string> activity_handling;  // "START_OF_ACTIVITY_INTERRUPTS", "NO_INTERRUPTION"
  std::optional<std::string> turn_coverage;      // "TURN_INCLUDES_ONLY_ACTIVITY", "TURN_INCLUDES_ALL_INPUT"
  bool operator==(const RealtimeInputConfig&) const = default;
};

struct ProactivityConfig {
  std::optional<bool> proactive_audio;
  bool operator==(const ProactivityConfig&) const = default;
};

// The session's setup (python-genai's LiveConnectConfig). The generation
// fields go to setup.generationConfig through the same serialisation as
// generate_content's; `tools` may hold C++ callables (Tool::from_functions),
// which the session then runs for the model's tool calls by itself.
struct LiveConnectConfig {
  std::vector<std::string> response_modalities;  // {"TEXT"} or {"AUDIO"}; Vertex AI default AUDIO
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<int> top_k;
  std::optional<int> max_output_tokens;
  std::optional<std::string> media_resolution;
  std::optional<int> seed;
  std::optional<SpeechConfig> speech_config;
  std::optional<ThinkingConfig> thinking_config;
  std::optional<bool> enable_affective_dialog;
  std::optional<Content> system_instruction;
  std::vector<Tool> tools;
  std::optional<SessionResumptionConfig> session_resumption;  // set (even empty) to resume automatically
  std::optional<AudioTranscriptionConfig> input_audio_transcription;   // {} turns it on
  std::optional<AudioTranscriptionConfig> output_audio_transcription;  // {} turns it on
  std::optional<RealtimeInputConfig> realtime_input_config;
  std::optional<ContextWindowCompressionConfig> context_window_compression;
  std::optional<ProactivityConfig> proactivity;
  std::vector<SafetySetting> safety_settings;
  // Headers are added to the upgrade request; extra_body is merged into the
  // setup message ({"setup": {...}}) as it is sent.
  RequestOptions http_options;
  bool operator==(const LiveConnectConfig&) const = default;
};

// Client-side settings of a session (never sent).
struct LiveOptions {
  // With no frame from the server for half of this a WebSocket ping is sent;
  // with none for all of it the connection counts as dead (resumed when
  // session resumption is on, else an error from receive()). 0: none.
  std::chrono::milliseconds keepalive_timeout{60'000};
  // The largest message the server may send (an audio chunk is kilobytes).
  std::size_t max_message_bytes = std::size_t{16} << 20;
  // How long connect() waits for setupComplete after the upgrade.
  std::chrono::milliseconds setup_timeout{30'000};
  // Run the C++ callables of LiveConnectConfig::tools for the model's tool
  // calls and send their responses (the toolCall is still delivered).
  bool automatic_function_calling = true;
  // The send_* calls queue their message and return; the queue is written
  // in order, by the calling thread at once when no other thread is running
  // the connection (else by the one that is). With this many bytes queued and not
  // yet written (a server that reads nothing, or audio sent faster than the
  // network takes it) a send waits for room, at most write_timeout (0:
  // forever), then fails. A failed write is reported by the next send, and
  // the connection's end by receive().
  std::size_t send_buffer_bytes = std::size_t{1} << 20;
  std::chrono::milliseconds write_timeout{60'000};
  // Session resumption: the most bytes of client messages kept until a
  // resumption update covers them (8 MiB: about three minutes of 16 kHz
  // audio the server has not confirmed, with transparent resumption; turns
  // only without it). See the rule above.
  std::size_t replay_buffer_bytes = std::size_t{8} << 20;
};

struct LiveServerSetupComplete {
  std::optional<std::string> session_id;
  Json extra = Json::object();
};

struct Transcription {
  std::optional<std::string> text;
  std::optional<bool> finished;
  Json extra = Json::object();
};

struct LiveServerContent {
  std::optional<Content> model_turn;
  std::optional<bool> turn_complete;
  std::optional<bool> interrupted;
  std::optional<bool> generation_complete;
  std::optional<Transcription> input_transcription;
  std::optional<Transcription> output_transcription;
  std::optional<Json> grounding_metadata;
  std::optional<std::string> turn_complete_reason;
  std::optional<bool> waiting_for_input;
  Json extra = Json::object();
};

struct LiveServerToolCall {
  std::vector<FunctionCall> function_calls;
  Json extra = Json::object();
};

struct LiveServerToolCallCancellation {
  std::vector<std::string> ids;
  Json extra = Json::object();
};

struct LiveUsageMetadata {
  std::optional<int64_t> prompt_token_count;
  std::optional<int64_t> cached_content_token_count;
  std::optional<int64_t> response_token_count;
  std::optional<int64_t> tool_use_prompt_token_count;
  std::optional<int64_t> thoughts_token_count;
  std::optional<int64_t> total_token_count;
  std::vector<ModalityTokenCount> prompt_tokens_details;
  std::vector<ModalityTokenCount> response_tokens_details;
  Json extra = Json::object();
};

struct LiveServerGoAway {
  std::optional<std::string> time_left;  // a Duration, e.g. "10s"
  Json extra = Json::object();
};

struct LiveServerSessionResumptionUpdate {
  std::optional<std::string> new_handle;
  std::optional<bool> resumable;
  std::optional<int64_t> last_consumed_client_message_index;
  Json extra = Json::object();
};

// One message from the server; normally one member is set.
struct LiveServerMessage {
  std::optional<LiveServerSetupComplete> setup_complete;
  std::optional<LiveServerContent> server_content;
  std::optional<LiveServerToolCall> tool_call;
  std::optional<LiveServerToolCallCancellation> tool_call_cancellation;
  std::optional<LiveUsageMetadata> usage_metadata;
  std::optional<LiveServerGoAway> go_away;
  std::optional<LiveServerSessionResumptionUpdate> session_resumption_update;
  Json extra = Json::object();  // members not modelled above
  RawJson raw;                  // the message as it came

  // The text parts of the model's turn joined (thoughts left out); nullopt
  // when this message has none.
  std::optional<std::string> text() const;
  // The inline audio of the model's turn, decoded (24 kHz 16-bit PCM).
  std::optional<PcmAudio> audio() const;
};

// What send_realtime_input carries; set one member per call. Blobs hold
// base64 data as Blob always does (Blob from PcmAudio: LiveRealtimeInput::pcm).
struct LiveRealtimeInput {
  std::optional<Blob> audio;   // "audio/pcm;rate=16000"
  std::optional<Blob> video;   // an image frame, "image/jpeg" or "image/png"
  std::optional<std::string> text;
  bool activity_start = false;
  bool activity_end = false;
  bool audio_stream_end = false;
  Json extra = Json::object();

  // A chunk of 16-bit mono PCM at `sample_rate` (16000 for the Live API).
  static LiveRealtimeInput pcm(std::string_view samples, int sample_rate = 16000);
};

class LiveSession {
 public:
  struct Impl;
  explicit LiveSession(std::shared_ptr<Impl> impl);
  ~LiveSession();  // closes
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  // The session id of setupComplete, if the server sent one.
  std::optional<std::string> session_id() const;
  // The newest resumption handle received (to resume in another process).
  std::optional<std::string> resumption_handle() const;

  // Turns added to the conversation in order; turn_complete=false waits for more.
  Result<void> send_client_content(const std::vector<Content>& turns, bool turn_complete = true);
  Result<void> send_realtime_input(const LiveRealtimeInput& input);
  Result<void> send_tool_response(const std::vector<FunctionResponse>& responses);

  // The next message, blocking. nullopt: the session ended normally (the
  // server closed it, or close() was called). An error ends the session.
  // Thread-safe against the send methods; one reader at a time.
  Result<std::optional<LiveServerMessage>> receive();

  // The callback form: a background thread calls on_message for each message
  // and on_end once at the end (nullptr: the session ended normally).
  void start_receiving(std::function<void(const LiveServerMessage&)> on_message,
                       std::function<void(const Error*)> on_end = {});

  // Closes the connection (a close frame) and joins the background thread.
  void close();

 private:
  std::shared_ptr<Impl> impl_;
};

class Live {
 public:
  explicit Live(std::shared_ptr<internal::ApiClient> api);
  // Opens a session: connects, sends the setup and waits for setupComplete.
  Result<std::unique_ptr<LiveSession>> connect(std::string_view model, const LiveConnectConfig& config = {},
                                               const LiveOptions& options = {}) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_LIVE_H_
