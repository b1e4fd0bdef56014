#include "client/live_json.h"

#include "core/base64.h"
#include "core/errors.h"
#include "core/json_parse.h"
#include "core/json_types.h"

namespace genai::internal {

using nlohmann::json;

namespace {

template <typename T>
void live_put(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

json live_session_resumption_json(const SessionResumptionConfig& v) {
  json j = json::object();
  live_put(j, "handle", v.handle);
  live_put(j, "transparent", v.transparent);
  return j;
}

json live_compression_json(const ContextWindowCompressionConfig& v) {
  json j = json::object();
  // Numbers, as the SDKs send them (protobuf's JSON takes int64 as a number or a string).
  if (v.trigger_tokens) j["triggerTokens"] = *v.trigger_tokens;
  if (v.sliding_window) {
    json w = json::object();
    if (v.sliding_window->target_tokens) w["targetTokens"] = *v.sliding_window->target_tokens;
    j["slidingWindow"] = std::move(w);
  }
  return j;
}

json live_realtime_config_json(const RealtimeInputConfig& v) {
  json j = json::object();
  if (v.automatic_activity_detection) {
    const AutomaticActivityDetection& a = *v.automatic_activity_detection;
    json d = json::object();
    live_put(d, "disabled", a.disabled);
    live_put(d, "startOfSpeechSensitivity", a.start_of_speech_sensitivity);
    live_put(d, "endOfSpeechSensitivity", a.end_of_speech_sensitivity);
    live_put(d, "prefixPaddingMs", a.prefix_padding_ms);
    live_put(d, "silenceDurationMs", a.silence_duration_ms);
    j["automaticActivityDetection"] = std::move(d);
  }
  live_put(j, "activityHandling", v.activity_handling);
  live_put(j, "turnCoverage", v.turn_coverage);
  return j;
}

std::optional<bool> live_bool(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<bool>();
}

Transcription live_transcription(const json& j) {
  Transcription t;
  t.text = optional_string(j, "text");
  t.finished = live_bool(j, "finished");
  collect_extra(j, {"text", "finished"}, t.extra);
  return t;
}

LiveServerContent live_server_content(const json& j) {
  LiveServerContent c;
  if (const auto it = j.find("modelTurn"); it != j.end() && !it->is_null()) c.model_turn = it->get<Content>();
  c.turn_complete = live_bool(j, "turnComplete");
  c.interrupted = live_bool(j, "interrupted");
  c.generation_complete = live_bool(j, "generationComplete");
  if (const auto it = j.find("inputTranscription"); it != j.end() && it->is_object()) {
    c.input_transcription = live_transcription(*it);
  }
  if (const auto it = j.find("outputTranscription"); it != j.end() && it->is_object()) {
    c.output_transcription = live_transcription(*it);
  }
  if (const auto it = j.find("groundingMetadata"); it != j.end() && !it->is_null()) c.grounding_metadata = *it;
  c.turn_complete_reason = optional_string(j, "turnCompleteReason");
  c.waiting_for_input = live_bool(j, "waitingForInput");
  collect_extra(j,
                {"modelTurn", "turnComplete", "interrupted", "generationComplete", "inputTranscription",
                 "outputTranscription", "groundingMetadata", "turnCompleteReason", "waitingForInput"},
                c.extra);
  return c;
}

LiveUsageMetadata live_usage(const json& j) {
  LiveUsageMetadata u;
  u.prompt_token_count = optional_int64(j, "promptTokenCount");
  u.cached_content_token_count = optional_int64(j, "cachedContentTokenCount");
  u.response_token_count = optional_int64(j, "responseTokenCount");
  u.tool_use_prompt_token_count = optional_int64(j, "toolUsePromptTokenCount");
  u.thoughts_token_count = optional_int64(j, "thoughtsTokenCount");
  u.total_token_count = optional_int64(j, "totalTokenCount");
  if (const auto it = j.find("promptTokensDetails"); it != j.end() && it->is_array()) {
    u.prompt_tokens_details = it->get<std::vector<ModalityTokenCount>>();
  }
  if (const auto it = j.find("responseTokensDetails"); it != j.end() && it->is_array()) {
    u.response_tokens_details = it->get<std::vector<ModalityTokenCount>>();
  }
  collect_extra(j,
                {"promptTokenCount", "cachedContentTokenCount", "responseTokenCount", "toolUsePromptTokenCount",
                 "thoughtsTokenCount", "totalTokenCount", "promptTokensDetails", "responseTokensDetails"},
                u.extra);
  return u;
}

}  // namespace

Result<json> live_setup_fields(bool vertexai, const std::string& model_resource, const LiveConnectConfig& c) {
  // The generation fields through generate_content's serialisation.
  GenerateContentConfig g;
  g.response_modalities = c.response_modalities;
  if (vertexai && g.response_modalities.empty()) g.response_modalities = {"AUDIO"};
  g.temperature = c.temperature;
  g.top_p = c.top_p;
  g.top_k = c.top_k;
  g.max_output_tokens = c.max_output_tokens;
  g.media_resolution = c.media_resolution;
  g.seed = c.seed;
  g.speech_config = c.speech_config;
  g.thinking_config = c.thinking_config;
  g.tools = c.tools;
  if (std::optional<Error> bad = unsupported_generate_config(vertexai, g)) return *bad;
  if (!vertexai && c.session_resumption && c.session_resumption->transparent) {
    return backend_only_field("session_resumption.transparent", true);
  }
  json setup = json::object();
  setup["model"] = model_resource;
  json generation = generation_config_json(g);
  if (c.enable_affective_dialog) generation["enableAffectiveDialog"] = *c.enable_affective_dialog;
  if (!generation.empty()) setup["generationConfig"] = std::move(generation);
  if (c.system_instruction) setup["systemInstruction"] = *c.system_instruction;
  if (!c.tools.empty()) setup["tools"] = c.tools;
  if (c.session_resumption) setup["sessionResumption"] = live_session_resumption_json(*c.session_resumption);
  if (c.input_audio_transcription) setup["inputAudioTranscription"] = *c.input_audio_transcription;
  if (c.output_audio_transcription) setup["outputAudioTranscription"] = *c.output_audio_transcription;
  if (c.realtime_input_config) setup["realtimeInputConfig"] = live_realtime_config_json(*c.realtime_input_config);
  if (c.context_window_compression) {
    setup["contextWindowCompression"] = live_compression_json(*c.context_window_compression);
  }
  if (c.proactivity) {
    json p = json::object();
    live_put(p, "proactiveAudio", c.proactivity->proactive_audio);
    setup["proactivity"] = std::move(p);
  }
  if (!c.safety_settings.empty()) setup["safetySettings"] = c.safety_settings;
  return setup;
}

json live_client_content_message(const std::vector<Content>& turns, bool turn_complete) {
  json content = json::object();
  if (!turns.empty()) content["turns"] = turns;
  content["turnComplete"] = turn_complete;
  return json{{"clientContent", std::move(content)}};
}

json live_realtime_input_message(const LiveRealtimeInput& in) {
  json r = in.extra.is_object() ? in.extra : json::object();
  if (in.audio) r["audio"] = *in.audio;
  if (in.video) r["video"] = *in.video;
  if (in.text) r["text"] = *in.text;
  if (in.activity_start) r["activityStart"] = json::object();
  if (in.activity_end) r["activityEnd"] = json::object();
  if (in.audio_stream_end) r["audioStreamEnd"] = true;
  return json{{"realtimeInput", std::move(r)}};
}

json live_tool_response_message(const std::vector<FunctionResponse>& responses) {
  return json{{"toolResponse", {{"functionResponses", responses}}}};
}

Result<LiveServerMessage> parse_live_server_message(std::string_view text) {
  JsonParseFailure failure = JsonParseFailure::kNone;
  json j = parse_json(text, &failure);
  if (failure == JsonParseFailure::kTooDeep) return json_too_deep("a Live API message", text.size());
  if (failure != JsonParseFailure::kNone || !j.is_object()) {
    return unexpected_response("the Live API server sent a message that is not a JSON object (" +
                               std::to_string(text.size()) + " bytes: " +
                               std::string(text.substr(0, 80)) + (text.size() > 80 ? "..." : "") + ")");
  }
  return parse_guarded<LiveServerMessage>("Live API message", j, [&] {
    LiveServerMessage m;
    if (const auto it = j.find("setupComplete"); it != j.end() && it->is_object()) {
      LiveServerSetupComplete s;
      s.session_id = optional_string(*it, "sessionId");
      collect_extra(*it, {"sessionId"}, s.extra);
      m.setup_complete = std::move(s);
    }
    if (const auto it = j.find("serverContent"); it != j.end() && it->is_object()) {
      m.server_content = live_server_content(*it);
    }
    if (const auto it = j.find("toolCall"); it != j.end() && it->is_object()) {
      LiveServerToolCall t;
      if (const auto calls = it->find("functionCalls"); calls != it->end() && calls->is_array()) {
        t.function_calls = calls->get<std::vector<FunctionCall>>();
      }
      collect_extra(*it, {"functionCalls"}, t.extra);
      m.tool_call = std::move(t);
    }
    if (const auto it = j.find("toolCallCancellation"); it != j.end() && it->is_object()) {
      LiveServerToolCallCancellation t;
      if (const auto ids = it->find("ids"); ids != it->end() && ids->is_array()) {
        t.ids = ids->get<std::vector<std::string>>();
      }
      collect_extra(*it, {"ids"}, t.extra);
      m.tool_call_cancellation = std::move(t);
    }
    if (const auto it = j.find("usageMetadata"); it != j.end() && it->is_object()) m.usage_metadata = live_usage(*it);
    if (const auto it = j.find("goAway"); it != j.end() && it->is_object()) {
      LiveServerGoAway g;
      g.time_left = optional_string(*it, "timeLeft");
      collect_extra(*it, {"timeLeft"}, g.extra);
      m.go_away = std::move(g);
    }
    if (const auto it = j.find("sessionResumptionUpdate"); it != j.end() && it->is_object()) {
      LiveServerSessionResumptionUpdate u;
      u.new_handle = optional_string(*it, "newHandle");
      u.resumable = live_bool(*it, "resumable");
      u.last_consumed_client_message_index = optional_int64(*it, "lastConsumedClientMessageIndex");
      collect_extra(*it, {"newHandle", "resumable", "lastConsumedClientMessageIndex"}, u.extra);
      m.session_resumption_update = std::move(u);
    }
    collect_extra(j,
                  {"setupComplete", "serverContent", "toolCall", "toolCallCancellation", "usageMetadata", "goAway",
                   "sessionResumptionUpdate"},
                  m.extra);
    m.raw = std::move(j);
    return m;
  });
}

}  // namespace genai::internal

namespace genai {

std::optional<std::string> LiveServerMessage::text() const {
  if (!server_content || !server_content->model_turn) return std::nullopt;
  std::optional<std::string> out;
  for (const Part& p : server_content->model_turn->parts) {
    if (!p.text || p.thought.value_or(false)) continue;
    if (!out) out.emplace();
    *out += *p.text;
  }
  return out;
}

std::optional<PcmAudio> LiveServerMessage::audio() const {
  if (!server_content || !server_content->model_turn) return std::nullopt;
  std::optional<PcmAudio> out;
  for (const Part& p : server_content->model_turn->parts) {
    if (!p.inline_data || p.inline_data->mime_type.rfind("audio/", 0) != 0) continue;
    const bool first = !out;
    if (first) {
      out.emplace();
      out->sample_rate = pcm_sample_rate(p.inline_data->mime_type).value_or(24000);
    }
    // Decoded straight into the samples; a part that is not base64 is skipped.
    if (!internal::base64_decode_append(p.inline_data->data, out->samples) && first) out.reset();
  }
  return out;
}

LiveRealtimeInput LiveRealtimeInput::pcm(std::string_view samples, int sample_rate) {
  LiveRealtimeInput in;
  in.audio = Blob{"audio/pcm;rate=" + std::to_string(sample_rate), internal::base64_encode(samples), Json::object()};
  return in;
}

}  // namespace genai
