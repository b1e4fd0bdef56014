// The Live API's protocol (live_session.h). The model's answers come from
// the same responder as generateContent (backend/responder.h), spoken with
// the TTS voice synthesis (backend/speech_logprobs.h) for AUDIO.
#include "emulator/handlers/live_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

#include "core/base64.h"
#include "emulator/backend/responder.h"
#include "emulator/backend/speech_logprobs.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/common/errors.h"
#include "emulator/handlers/access.h"
#include "emulator/handlers/gemini_methods.h"
#include "emulator/handlers/live_setup.h"
#include "emulator/state/live_store.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// Google's close codes for a google.rpc status, as the Live API sends them.
int live_close_code(const std::string& status) {
  if (status == "INVALID_ARGUMENT" || status == "FAILED_PRECONDITION" || status == "OUT_OF_RANGE") return 1007;
  if (status == "PERMISSION_DENIED" || status == "NOT_FOUND" || status == "UNAUTHENTICATED" ||
      status == "UNIMPLEMENTED") {
    return 1008;
  }
  return 1011;
}

// Cut to a close frame's 123 bytes without splitting a UTF-8 sequence.
std::string close_reason(std::string text) {
  if (text.size() <= 123) return text;
  size_t n = 123;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  text.resize(n);
  return text;
}

// The sample rate of "audio/pcm;rate=16000" (16000 when not said); 0 when
// the type is not PCM.
int pcm_rate(const std::string& mime) {
  const std::string lower = ascii_lower(mime);
  if (lower.rfind("audio/pcm", 0) != 0 && lower.rfind("audio/l16", 0) != 0) return 0;
  const size_t at = lower.find("rate=");
  if (at == std::string::npos) return 16000;
  try {
    const int rate = std::stoi(lower.substr(at + 5));
    return rate >= 8000 && rate <= 48000 ? rate : 0;
  } catch (...) {
    return 0;
  }
}

std::string seconds_text(std::int64_t samples, int rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(samples) / rate);
  return buf;
}

}  // namespace

std::optional<LiveEndpoint> live_endpoint(std::string_view path) {
  static const std::regex developer(
      R"(/ws/google\.ai\.generativelanguage\.(v1alpha|v1beta)\.GenerativeService\.(BidiGenerateContent|BidiGenerateContentConstrained))");
  static const std::regex vertex(R"(/ws/google\.cloud\.aiplatform\.(v1|v1beta1)\.LlmBidiService/BidiGenerateContent)");
  // "//ws/...": the SDKs join a base URL ending in "/" with "/ws/...".
  while (path.size() > 1 && path[0] == '/' && path[1] == '/') path.remove_prefix(1);
  std::cmatch m;
  if (std::regex_match(path.begin(), path.end(), m, developer)) {
    const bool constrained = m[2] == "BidiGenerateContentConstrained";
    return LiveEndpoint{constrained ? LiveEndpoint::Kind::kConstrained : LiveEndpoint::Kind::kDeveloper, m[1]};
  }
  if (std::regex_match(path.begin(), path.end(), m, vertex)) return LiveEndpoint{LiveEndpoint::Kind::kVertex, m[1]};
  return std::nullopt;
}

LiveClose close_for(const GoogleError& e) {
  const ojson body = ojson::parse(e.body, nullptr, false);
  const ojson err = body.is_object() ? body.value("error", ojson::object()) : ojson::object();
  return LiveClose{live_close_code(err.value("status", "INTERNAL")), close_reason(err.value("message", "Internal error"))};
}

std::string live_go_away_message(std::chrono::seconds left) {
  return ojson{{"goAway", {{"timeLeft", std::to_string(left.count()) + "s"}}}}.dump(2) + "\n";
}

LiveSession::LiveSession(ServerEnv& env, Request upgrade, LiveEndpoint endpoint)
    : env_(env), upgrade_(std::move(upgrade)), endpoint_(std::move(endpoint)) {}

// Google writes each message as indented JSON with a trailing newline.
std::string LiveSession::message(ojson j) const { return j.dump(2) + "\n"; }

LiveOutput LiveSession::on_message(std::string_view data) {
  LiveOutput out;
  ojson j = ojson::parse(data.begin(), data.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    out.close = close_for(live_bad_json());
    return out;
  }
  // Field names as the proto JSON parser takes them: lowerCamelCase or the
  // proto's own snake_case.
  static const std::pair<const char*, const char*> kNames[] = {
      {"setup", "setup"},
      {"clientContent", "client_content"},
      {"realtimeInput", "realtime_input"},
      {"toolResponse", "tool_response"}};
  std::string kind;
  ojson value;
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string name;
    for (const auto& [camel, snake] : kNames) {
      if (it.key() == camel || it.key() == snake) name = camel;
    }
    if (name.empty()) {
      out.close = close_for(live_unknown_field(it.key()));
      return out;
    }
    kind = name;
    value = it.value();
  }
  if (kind.empty() && !set_up_) return out;  // {}: nothing to do
  if (!kind.empty() && !value.is_object()) {
    out.close = close_for(live_bad_json());
    return out;
  }
  if (!set_up_) {
    if (kind != "setup") {
      out.close = close_for(live_setup_first());
      return out;
    }
    return on_setup(value);
  }
  if (kind == "setup") {
    out.close = close_for(live_setup_again());
    return out;
  }
  // Every client message after setup has the next index, {} too.
  ++connection_index_;
  ++client_messages_;
  if (kind == "clientContent") {
    out = on_client_content(value);
  } else if (kind == "realtimeInput") {
    out = on_realtime_input(value);
  } else if (kind == "toolResponse") {
    out = on_tool_response(value);
  }
  // Transparent resumption: a handle after each message the session took
  // while it can be resumed (no answer being sent, no tool call waiting;
  // an answer ends with its own update).
  if (transparent_ && !out.close && out.stream.empty() && !answering_ && pending_calls_.empty()) {
    out.now.push_back(resumption_update());
  }
  return out;
}

std::string LiveSession::resumption_update() {
  SavedLiveSession saved{project_, model_, history_.snapshot(), history_.bytes()};
  saved.client_messages = client_messages_;
  saved.connection_index = connection_index_;
  saved.in_activity = in_activity_;
  saved.turn_samples = turn_samples_;
  saved.turn_rate = turn_rate_;
  saved.silence_samples = silence_samples_;
  ojson update = {{"newHandle", env_.live().save(std::move(saved))}, {"resumable", true}};
  // An int64, which proto3's JSON writes as a string.
  if (transparent_) update["lastConsumedClientMessageIndex"] = std::to_string(connection_index_);
  return message({{"sessionResumptionUpdate", std::move(update)}});
}

LiveOutput LiveSession::on_setup(const ojson& setup_in) {
  LiveOutput out;
  ojson setup = setup_in;
  if (endpoint_.kind == LiveEndpoint::Kind::kConstrained) {
    std::string token = upgrade_.get_param_value("access_token");
    const std::string authorization = upgrade_.get_header_value("authorization");
    if (token.empty() && authorization.rfind("Token ", 0) == 0) token = authorization.substr(6);
    const bool resuming =
        !setup.value("sessionResumption", ojson::object()).value("handle", std::string()).empty();
    std::optional<EphemeralToken> t = env_.live().use_token(token, env_.clock().now(), resuming);
    if (!t) {
      out.close = close_for(ephemeral_token_invalid());
      return out;
    }
    setup = constrained_setup(*t, setup);
    project_ = t->project;
  }
  if (!setup.contains("model") || !setup["model"].is_string()) {
    out.close = close_for(invalid_argument("Request contains an invalid argument."));
    return out;
  }
  model_ = setup["model"].get<std::string>();
  if (std::optional<LiveClose> refused = admit(setup)) {
    out.close = std::move(refused);
    return out;
  }
  if (std::optional<GoogleError> bad = check_live_setup(model_id_, setup)) {
    out.close = close_for(*bad);
    return out;
  }
  const ojson aad = setup.value("realtimeInputConfig", ojson::object()).value("automaticActivityDetection", ojson::object());
  manual_activity_ = aad.value("disabled", false);
  silence_ms_ = std::clamp(aad.value("silenceDurationMs", 500), 20, 10000);
  if (setup.contains("sessionResumption") && setup["sessionResumption"].is_object()) {
    const ojson& resumption = setup["sessionResumption"];
    if (resumption.contains("transparent") && endpoint_.kind != LiveEndpoint::Kind::kVertex) {
      // The Gemini API's SessionResumptionConfig has no such field.
      out.close = close_for(live_unknown_field_at("transparent", "setup.session_resumption"));
      return out;
    }
    resumable_ = true;
    transparent_ = resumption.value("transparent", false);
    const std::string handle = resumption.value("handle", "");
    if (!handle.empty()) {
      std::optional<SavedLiveSession> saved = env_.live().resume(handle);
      if (!saved || saved->project != project_) {
        out.close = close_for(live_session_not_found());
        return out;
      }
      history_.assign(*saved->history);
      client_messages_ = saved->client_messages;
      in_activity_ = saved->in_activity;
      turn_samples_ = saved->turn_samples;
      turn_rate_ = saved->turn_rate;
      silence_samples_ = saved->silence_samples;
    }
  }
  if (std::optional<GoogleError> bad = read_compression(setup)) {
    out.close = close_for(*bad);
    return out;
  }
  setup_ = std::move(setup);
  set_up_ = true;
  ojson complete = ojson::object();
  if (endpoint_.kind == LiveEndpoint::Kind::kVertex) complete["sessionId"] = random_session_id();
  out.now.push_back(message({{"setupComplete", complete}}));
  return out;
}

std::optional<LiveClose> LiveSession::admit(ojson& setup) {
  const std::string& v = endpoint_.version;
  if (endpoint_.kind == LiveEndpoint::Kind::kVertex) {
    static const std::regex re(R"(projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/]+))");
    std::smatch m;
    AccessCheck check;
    check.service = kAiPlatform;
    check.api_method = "google.cloud.aiplatform." + v + ".LlmBidiService.BidiGenerateContent";
    check.permission = "aiplatform.endpoints.predict";
    if (std::regex_match(model_, m, re)) {
      const std::optional<Project> project = env_.state().project(m[1]);
      check.resource_project = project ? project->id : m[1].str();
      check.allow_api_key = false;
      model_id_ = m[3];
    } else if (model_.rfind("publishers/google/models/", 0) == 0) {
      check.allow_api_key = true;  // express mode: an API key, no project in the name
      model_id_ = model_.substr(25);
    } else {
      return close_for(invalid_argument("Request contains an invalid argument."));
    }
    check.resource = "//aiplatform.googleapis.com/" + model_;
    check.model = model_id_;
    auto who = authorize(env_, upgrade_, check);
    if (auto* e = std::get_if<GoogleError>(&who)) return close_for(*e);
    project_ = check.resource_project.empty() ? std::get<Caller>(who).project_id : check.resource_project;
    if (!is_live_model(model_id_)) return close_for(vertex_model_not_found(model_));
    return std::nullopt;
  }
  model_id_ = model_.rfind("models/", 0) == 0 ? model_.substr(7) : model_;
  setup["model"] = "models/" + model_id_;
  if (endpoint_.kind == LiveEndpoint::Kind::kDeveloper) {
    AccessCheck check;
    check.service = kGenerativeLanguage;
    check.api_method = "google.ai.generativelanguage." + v + ".GenerativeService.BidiGenerateContent";
    check.model = model_id_;
    auto who = authorize(env_, upgrade_, check);
    if (auto* e = std::get_if<GoogleError>(&who)) return close_for(*e);
    project_ = std::get<Caller>(who).project_id;
  }
  if (!is_live_model(model_id_)) return close_for(model_not_found(model_id_, v, "bidiGenerateContent"));
  return std::nullopt;
}

void LiveSession::interrupt(LiveOutput& out) {
  if (answering_) {
    out.now.push_back(message({{"serverContent", {{"interrupted", true}}}}));
    out.stop_stream = true;
    answering_ = false;
  }
  if (!pending_calls_.empty()) {
    out.now.push_back(message({{"toolCallCancellation", {{"ids", pending_calls_}}}}));
    pending_calls_.clear();
  }
}

LiveOutput LiveSession::on_client_content(const ojson& content) {
  LiveOutput out;
  const ojson turns = content.value("turns", ojson::array());
  if (!turns.is_array()) {
    out.close = close_for(invalid_argument("Request contains an invalid argument."));
    return out;
  }
  for (const ojson& t : turns) {
    if (!t.is_object() || !t.value("parts", ojson()).is_array()) {
      out.close = close_for(invalid_argument("Request contains an invalid argument."));
      return out;
    }
  }
  const bool complete = content.value("turnComplete", false);
  if (!turns.empty() || complete) interrupt(out);
  for (ojson t : turns) {
    if (!t.contains("role")) t["role"] = "user";
    history_.push_back(std::move(t));
  }
  if (complete) answer(out);
  return out;
}

LiveOutput LiveSession::on_realtime_input(const ojson& input) {
  LiveOutput out;
  const auto blob_pcm = [&](const ojson& blob, const char* field) -> std::optional<std::pair<std::string, int>> {
    const std::string mime = blob.value("mimeType", "");
    const int rate = pcm_rate(mime);
    if (rate == 0) {
      out.close = close_for(live_audio_unsupported(mime));
      return std::nullopt;
    }
    const std::string data = blob.value("data", "");
    std::optional<std::string> pcm = internal::base64_decode(data);
    if (!pcm) {
      out.close = close_for(bytes_field_invalid(std::string("realtime_input.") + field + ".data", data.substr(0, 40)));
      return std::nullopt;
    }
    return std::make_pair(std::move(*pcm), rate);
  };
  if (input.contains("activityStart")) {
    if (!manual_activity_) {
      out.close = close_for(live_activity_control_conflict());
      return out;
    }
    const std::string handling = setup_.value("realtimeInputConfig", ojson::object()).value("activityHandling", "");
    if (handling != "NO_INTERRUPTION") interrupt(out);
    in_activity_ = true;
    turn_samples_ = 0;
  }
  if (input.contains("audio") && input["audio"].is_object()) {
    auto pcm = blob_pcm(input["audio"], "audio");
    if (!pcm) return out;
    audio_in(pcm->first, pcm->second, out);
  }
  for (const ojson& chunk : input.value("mediaChunks", ojson::array())) {
    if (!chunk.is_object()) continue;
    if (ascii_lower(chunk.value("mimeType", "")).rfind("audio/", 0) == 0) {
      auto pcm = blob_pcm(chunk, "media_chunks");
      if (!pcm) return out;
      audio_in(pcm->first, pcm->second, out);
    } else {
      ++video_frames_;
    }
  }
  if (input.contains("video")) ++video_frames_;
  if (input.contains("text") && input["text"].is_string()) {
    interrupt(out);
    history_.push_back({{"role", "user"}, {"parts", ojson::array({{{"text", input["text"]}}})}});
    answer(out);
  }
  if (input.contains("activityEnd")) {
    if (!manual_activity_) {
      out.close = close_for(live_activity_control_conflict());
      return out;
    }
    if (in_activity_) end_audio_turn(out);
  }
  if (input.value("audioStreamEnd", false) && in_activity_ && !manual_activity_) end_audio_turn(out);
  return out;
}

// Automatic activity detection: a 20 ms frame whose mean amplitude passes
// 500 (of 32767) is speech; speech followed by silenceDurationMs of
// silence (default 500 ms) ends the user's turn.
void LiveSession::audio_in(const std::string& pcm, int rate, LiveOutput& out) {
  const size_t samples = pcm.size() / 2;
  if (manual_activity_) {
    if (in_activity_) {
      turn_samples_ += static_cast<std::int64_t>(samples);
      turn_rate_ = rate;
    }
    return;
  }
  const size_t frame = static_cast<size_t>(rate / 50);
  for (size_t at = 0; at < samples; at += frame) {
    const size_t n = std::min(frame, samples - at);
    double sum = 0;
    for (size_t i = at; i < at + n; ++i) {
      const auto lo = static_cast<unsigned char>(pcm[2 * i]);
      const auto hi = static_cast<unsigned char>(pcm[2 * i + 1]);
      sum += std::abs(static_cast<int>(static_cast<std::int16_t>(lo | (hi << 8))));
    }
    const bool speech = n > 0 && sum / static_cast<double>(n) > 500;
    if (speech) {
      if (!in_activity_) {
        interrupt(out);
        in_activity_ = true;
        turn_samples_ = 0;
      }
      silence_samples_ = 0;
    } else if (in_activity_) {
      silence_samples_ += static_cast<std::int64_t>(n);
    }
    if (in_activity_) {
      turn_samples_ += static_cast<std::int64_t>(n);
      turn_rate_ = rate;
      if (silence_samples_ * 1000 >= static_cast<std::int64_t>(silence_ms_) * rate) end_audio_turn(out);
    }
  }
}

void LiveSession::end_audio_turn(LiveOutput& out) {
  in_activity_ = false;
  silence_samples_ = 0;
  if (turn_samples_ == 0) return;
  // What the emulated recognizer hears: how long the user spoke.
  const std::string heard = "(" + seconds_text(turn_samples_, turn_rate_) + " seconds of audio)";
  turn_samples_ = 0;
  if (setup_.contains("inputAudioTranscription")) {
    out.now.push_back(message({{"serverContent", {{"inputTranscription", {{"text", heard}}}}}}));
  }
  history_.push_back({{"role", "user"}, {"parts", ojson::array({{{"text", heard}}})}});
  answer(out);
}

LiveOutput LiveSession::on_tool_response(const ojson& response) {
  LiveOutput out;
  const ojson responses = response.value("functionResponses", ojson::array());
  if (!responses.is_array() || responses.empty()) {
    out.close = close_for(invalid_argument("Request contains an invalid argument."));
    return out;
  }
  ojson parts = ojson::array();
  bool matched = false;
  for (const ojson& r : responses) {
    if (!r.is_object()) continue;
    ojson fr = {{"name", r.value("name", "")}, {"response", r.value("response", ojson::object())}};
    parts.push_back({{"functionResponse", std::move(fr)}});
    const std::string id = r.value("id", "");
    auto it = std::find(pending_calls_.begin(), pending_calls_.end(), id);
    if (it != pending_calls_.end()) {
      pending_calls_.erase(it);
      matched = true;
    } else if (id.empty() && endpoint_.kind == LiveEndpoint::Kind::kVertex && !pending_calls_.empty()) {
      pending_calls_.erase(pending_calls_.begin());  // Vertex AI does not require ids
      matched = true;
    }
  }
  history_.push_back({{"role", "user"}, {"parts", std::move(parts)}});
  if (matched && pending_calls_.empty()) answer(out);
  return out;
}

}  // namespace genai::emulator
