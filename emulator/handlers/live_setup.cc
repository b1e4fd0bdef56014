// The Live API's setup rules and ephemeral tokens (live_setup.h).
#include "emulator/handlers/live_setup.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include "emulator/auth/crypto.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/access.h"
#include "emulator/state/live_store.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
using std::chrono::system_clock;

constexpr const char* kLiveModels[] = {
    "gemini-live-2.5-flash-preview",
    "gemini-2.0-flash-live-001",
    "gemini-2.0-flash-live-preview-04-09",
    "gemini-live-2.5-flash",
    "gemini-2.5-flash-native-audio-preview-09-2025",
};

bool native_audio(const std::string& id) { return id.find("native-audio") != std::string::npos; }

// Sets (or, when `from` lacks it, removes) the dotted `path` of `to`.
void copy_path(const ojson& from, ojson& to, const std::string& path) {
  const size_t dot = path.find('.');
  const std::string head = path.substr(0, dot);
  if (dot == std::string::npos) {
    if (from.is_object() && from.contains(head)) {
      to[head] = from[head];
    } else if (to.is_object()) {
      to.erase(head);
    }
    return;
  }
  const ojson sub = from.is_object() ? from.value(head, ojson::object()) : ojson::object();
  if (!to.contains(head) || !to[head].is_object()) to[head] = ojson::object();
  copy_path(sub, to[head], path.substr(dot + 1));
}

void live_reply_json(Response& res, const ojson& j) {
  res.status = 200;
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

void create_token(ServerEnv& env, const Request& req, Response& res) {
  AccessCheck check;
  check.service = kGenerativeLanguage;
  check.api_method = "google.ai.generativelanguage.v1alpha.AuthTokenService.CreateToken";
  auto who = authorize(env, req, check);
  if (auto* e = std::get_if<GoogleError>(&who)) return send_error(res, *e);
  const ojson body = req.body.empty() ? ojson::object() : ojson::parse(req.body, nullptr, false);
  if (!body.is_object()) return send_error(res, json_payload_invalid());
  static const char* kFields[] = {"uses", "expireTime", "newSessionExpireTime", "bidiGenerateContentSetup", "fieldMask",
                                  "name"};
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::find_if(std::begin(kFields), std::end(kFields), [&](const char* f) { return it.key() == f; }) ==
        std::end(kFields)) {
      return send_error(res, live_unknown_field(it.key()));
    }
  }
  const system_clock::time_point now = env.clock().now();
  EphemeralToken t;
  t.name = "auth_tokens/" + random_hex(40);
  t.project = std::get<Caller>(who).project_id;
  if (body.contains("uses")) {
    if (!body["uses"].is_number_integer() || body["uses"].get<long long>() < 0 || body["uses"].get<long long>() > 1000000) {
      return send_error(res, auth_token_invalid("uses must be a non-negative integer."));
    }
    t.uses = body["uses"].get<int>();
  }
  // Google: at most 20 hours ahead; by default 30 minutes (the token) and
  // 60 seconds (starting a session with it).
  const auto when = [&](const char* field, system_clock::duration fallback,
                        system_clock::time_point& out) -> std::optional<GoogleError> {
    if (!body.contains(field)) {
      out = now + fallback;
      return std::nullopt;
    }
    const std::string v = body[field].is_string() ? body[field].get<std::string>() : body[field].dump();
    const auto parsed = parse_rfc3339(v);
    if (!parsed) {
      return invalid_field_value(field, "type.googleapis.com/google.protobuf.Timestamp", v);
    }
    if (*parsed > now + std::chrono::hours(20)) {
      return auth_token_invalid(std::string(field) + " must be less than 20 hours in the future.");
    }
    out = *parsed;
    return std::nullopt;
  };
  if (auto e = when("expireTime", std::chrono::minutes(30), t.expire_time)) return send_error(res, *e);
  if (auto e = when("newSessionExpireTime", std::chrono::seconds(60), t.new_session_expire_time)) {
    return send_error(res, *e);
  }
  if (body.contains("bidiGenerateContentSetup")) {
    if (!body["bidiGenerateContentSetup"].is_object()) return send_error(res, json_payload_invalid());
    t.setup = body["bidiGenerateContentSetup"];
  }
  if (body.contains("fieldMask")) {
    if (!body["fieldMask"].is_string()) return send_error(res, json_payload_invalid());
    std::stringstream paths(body["fieldMask"].get<std::string>());
    for (std::string p; std::getline(paths, p, ',');) {
      if (!p.empty()) t.field_mask.push_back(p);
    }
    t.has_field_mask = true;
  }
  ojson out = {{"name", t.name}};
  env.live().put_token(std::move(t));
  live_reply_json(res, out);
}

}  // namespace

bool is_live_model(const std::string& id) {
  return std::any_of(std::begin(kLiveModels), std::end(kLiveModels), [&](const char* m) { return id == m; });
}

bool live_wants_audio(const ojson& setup) {
  const ojson modalities = setup.value("generationConfig", ojson::object()).value("responseModalities", ojson());
  if (!modalities.is_array() || modalities.empty()) return true;  // Google's default is AUDIO
  return modalities[0] == "AUDIO";
}

std::optional<GoogleError> check_live_setup(const std::string& model_id, const ojson& setup) {
  const ojson gc = setup.value("generationConfig", ojson::object());
  if (!gc.is_object()) return invalid_argument("Request contains an invalid argument.");
  const ojson modalities = gc.value("responseModalities", ojson());
  if (modalities.is_null()) return std::nullopt;
  if (!modalities.is_array() || modalities.size() > 1) return live_modality_invalid(model_id, modalities.dump());
  for (const ojson& m : modalities) {
    if (m != "TEXT" && m != "AUDIO") return live_modality_invalid(model_id, modalities.dump());
    if (m == "TEXT" && native_audio(model_id)) return live_modality_invalid(model_id, modalities.dump());
  }
  return std::nullopt;
}

ojson constrained_setup(const EphemeralToken& token, const ojson& client_setup) {
  if (!token.setup.is_object()) return client_setup;
  if (!token.has_field_mask) {
    ojson s = token.setup;
    if (!s.contains("model") && client_setup.contains("model")) s["model"] = client_setup["model"];
    // A resumption handle belongs to the connection, not to the locked setup.
    if (client_setup.contains("sessionResumption") && !s.contains("sessionResumption")) {
      s["sessionResumption"] = client_setup["sessionResumption"];
    }
    return s;
  }
  ojson s = client_setup;
  for (const std::string& path : token.field_mask) copy_path(token.setup, s, path);
  if (token.setup.contains("model")) s["model"] = token.setup["model"];
  return s;
}

std::string random_session_id() { return random_hex(32); }

void register_auth_token_routes(Router& router, ServerEnv& env) {
  router.post("/v1alpha/auth_tokens", [&env](const Request& req, Response& res) { create_token(env, req, res); });
}

}  // namespace genai::emulator
