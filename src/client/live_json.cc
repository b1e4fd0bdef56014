#include "client/live_json.h"

#include "core/base64.h"
#include "core/errors.h"
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

json live_tool_response_message(const std::vector<FunctionResponse>& responses) {
  return json{{"toolResponse", {{"functionResponses", responses}}}};
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
