// client.auth_tokens(): POST auth_tokens, with the body python-genai's
// tokens.py builds (bidiGenerateContentSetup = the Live setup without its
// "setup" wrapper, fieldMask from lock_additional_fields).
#include "genai/auth_tokens.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <vector>

#include "client/api_client.h"
#include "client/config.h"
#include "client/live_json.h"
#include "core/errors.h"
#include "core/json_types.h"

namespace genai {

using nlohmann::json;

namespace {

// python-genai's GenerationConfig field names: a locked name among them is
// sent as "generationConfig.<name>".
bool token_generation_field(const std::string& name) {
  static const std::set<std::string> fields = {
      "model_selection_config", "response_json_schema", "audio_timestamp", "candidate_count",
      "enable_affective_dialog", "frequency_penalty", "logprobs", "max_output_tokens", "media_resolution",
      "presence_penalty", "response_logprobs", "response_mime_type", "response_modalities", "response_schema",
      "routing_config", "seed", "speech_config", "stop_sequences", "temperature", "thinking_config", "top_k",
      "top_p", "enable_enhanced_civic_answers", "response_format", "translation_config",
      "audio_transcription_config"};
  return fields.count(name) > 0;
}

// The keys of `j` in the order python-genai's converters insert them (its
// field mask follows dict order), others after them.
std::vector<std::string> token_ordered_keys(const json& j, std::initializer_list<const char*> order) {
  std::vector<std::string> keys;
  for (const char* k : order) {
    if (j.contains(k)) keys.emplace_back(k);
  }
  for (const auto& [k, unused] : j.items()) {
    (void)unused;
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  }
  return keys;
}

// python-genai's _get_field_masks: "k.kk" for each member of a non-empty
// object member, else "k".
std::string token_field_mask(const json& setup) {
  std::string out;
  const auto add = [&out](const std::string& f) {
    if (!out.empty()) out += ',';
    out += f;
  };
  for (const std::string& k : token_ordered_keys(
           setup, {"model", "generationConfig", "systemInstruction", "tools", "sessionResumption",
                   "inputAudioTranscription", "outputAudioTranscription", "realtimeInputConfig",
                   "contextWindowCompression", "proactivity", "safetySettings"})) {
    const json& v = setup[k];
    if (v.is_object() && !v.empty()) {
      for (const std::string& kk :
           token_ordered_keys(v, {"responseModalities", "temperature", "topP", "topK", "maxOutputTokens",
                                  "mediaResolution", "seed", "speechConfig", "thinkingConfig",
                                  "enableAffectiveDialog"})) {
        add(k + "." + kk);
      }
    } else {
      add(k);
    }
  }
  return out;
}

}  // namespace

namespace internal {

Result<json> create_auth_token_body(const ApiClient& api, const CreateAuthTokenConfig& c) {
  json body = json::object();
  if (c.expire_time) body["expireTime"] = *c.expire_time;
  if (c.new_session_expire_time) body["newSessionExpireTime"] = *c.new_session_expire_time;
  if (c.uses) body["uses"] = *c.uses;
  const std::vector<std::string> locked = c.lock_additional_fields.value_or(std::vector<std::string>{});
  if (c.live_connect_constraints) {
    json setup = json::object();
    if (c.live_connect_constraints->config) {
      Result<json> fields = live_setup_fields(false, "", *c.live_connect_constraints->config);
      if (!fields) return std::move(fields).error();
      setup = std::move(*fields);
      setup.erase("model");
    }
    if (c.live_connect_constraints->model) {
      Result<std::string> model = model_resource(api.config(), *c.live_connect_constraints->model);
      if (!model) return std::move(model).error();
      setup["model"] = *model;
    }
    if (!setup.empty()) {
      if (c.lock_additional_fields) {
        std::string mask = token_field_mask(setup);
        for (const std::string& f : locked) {
          mask += ',';
          mask += token_generation_field(f) ? "generationConfig." + f : f;
        }
        body["fieldMask"] = mask;
      }
      body["bidiGenerateContentSetup"] = std::move(setup);
    }
  } else if (!locked.empty()) {
    std::string mask;
    for (const std::string& f : locked) mask += (mask.empty() ? "" : ",") + f;
    body["fieldMask"] = mask;
  }
  return body;
}

}  // namespace internal

AuthTokens::AuthTokens(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

namespace internal {
namespace {

// POST auth_tokens (v1alpha unless the call names a version), described once
// for create() and create_async().
Result<Request<AuthToken>> auth_token_request(const ApiClient& api, const CreateAuthTokenConfig& config) {
  if (api.config().vertexai) {
    return invalid_argument("auth_tokens().create is only supported by the Gemini Developer API",
                            "Use a Developer API client (an API key, without vertexai).");
  }
  Result<json> body = create_auth_token_body(api, config);
  if (!body) return std::move(body).error();
  return Request<AuthToken>{"POST", "auth_tokens", std::move(*body), [](json answer) {
                              return parse_guarded<AuthToken>("auth token", answer, [&] {
                                AuthToken t;
                                t.name = optional_string(answer, "name");
                                t.expire_time = optional_string(answer, "expireTime");
                                t.new_session_expire_time = optional_string(answer, "newSessionExpireTime");
                                if (const auto it = answer.find("uses");
                                    it != answer.end() && it->is_number_integer()) {
                                  t.uses = it->get<int>();
                                }
                                collect_extra(answer, {"name", "expireTime", "newSessionExpireTime", "uses"}, t.extra);
                                if (!t.name) throw std::runtime_error("no name (the token) in the answer");
                                return t;
                              });
                            }};
}

RequestOptions auth_token_options(const CreateAuthTokenConfig& config) {
  RequestOptions options = config.http_options;
  if (options.api_version.empty()) options.api_version = "v1alpha";
  return options;
}

}  // namespace
}  // namespace internal

Result<AuthToken> AuthTokens::create(const CreateAuthTokenConfig& config) const {
  return internal::run(*api_, internal::auth_token_request(*api_, config), internal::auth_token_options(config));
}

std::future<Result<AuthToken>> AuthTokens::create_async(const CreateAuthTokenConfig& config) const {
  return internal::future_of<AuthToken>([&](Callback<AuthToken> done) { create_async(config, std::move(done)); });
}

void AuthTokens::create_async(const CreateAuthTokenConfig& config, Callback<AuthToken> on_done) const {
  internal::run_async(*api_, internal::auth_token_request(*api_, config), internal::auth_token_options(config),
                      std::move(on_done));
}

}  // namespace genai
