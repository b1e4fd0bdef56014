// The emulator's Live API (BidiGenerateContent over WebSocket, docs/live.md)
// through a real socket on the REST port, with a Beast client of the test's
// own (tests/support/raw_live_socket.h): setup, text and audio turns, tool
// calls, interruption, audio input, resumption, goAway and drops, the same
// access checks as REST, ephemeral tokens, and hostile frames.
#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/raw_live_socket.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kModel = "models/gemini-live-2.5-flash-preview";
const std::string kDeveloperPath = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
const std::string kConstrainedPath =
    "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained";
const std::string kVertexPath = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent";

bool has(const json& m, const char* a, const char* b = nullptr) {
  if (!m.contains(a)) return false;
  return b == nullptr || (m[a].is_object() && m[a].contains(b));
}
bool turn_complete(const json& m) { return has(m, "serverContent", "turnComplete"); }

std::string text_of(const std::vector<json>& messages) {
  std::string out;
  for (const json& m : messages) {
    if (!has(m, "serverContent", "modelTurn")) continue;
    for (const json& p : m["serverContent"]["modelTurn"]["parts"]) out += p.value("text", "");
  }
  return out;
}

// 16-bit PCM at `rate`: `tone_s` seconds of a loud 440 Hz tone, then `silence_s` of silence.
std::string pcm(double tone_s, double silence_s, int rate = 16000) {
  std::string out;
  const int n = static_cast<int>((tone_s + silence_s) * rate);
  for (int i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / rate;
    const auto v = static_cast<int16_t>(t < tone_s ? 8000 * std::sin(2 * M_PI * 440 * t) : 0);
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
  }
  return out;
}

json setup(json extra = json::object()) {
  json s = {{"model", kModel}, {"generationConfig", {{"responseModalities", {"TEXT"}}}}};
  s.update(extra);
  return {{"setup", s}};
}

json user_turn(const std::string& text) {
  return {{"clientContent", {{"turns", {{{"role", "user"}, {"parts", {{{"text", text}}}}}}}, {"turnComplete", true}}}};
}

class LiveServerTest : public EmulatorTest {
 protected:
  int port() const { return server_->port(); }

  // A session on the Developer API set up with `s`; asserts setupComplete.
  void open_session(RawLiveSocket& ws, const json& s = setup()) {
    ASSERT_TRUE(ws.open(port(), kDeveloperPath + "?key=" + key()));
    ASSERT_TRUE(ws.send_json(s));
    auto m = ws.next();
    ASSERT_TRUE(m.has_value()) << ws.close_code() << " " << ws.close_reason();
    ASSERT_TRUE(m->contains("setupComplete")) << m->dump();
  }

  // The close a session gets for `s` on `target` with `headers`.
  std::pair<int, std::string> refusal(const std::string& target, const json& s,
                                      const std::map<std::string, std::string>& headers = {}) {
    RawLiveSocket ws;
    EXPECT_TRUE(ws.open(port(), target, headers));
    EXPECT_TRUE(ws.send_json(s));
    auto m = ws.next();
    EXPECT_FALSE(m.has_value()) << m->dump();
    EXPECT_TRUE(ws.closed());
    return {ws.close_code(), ws.close_reason()};
  }

  httplib::Result admin_post(const std::string& path, const json& body) {
    httplib::Client http(base_url());
    return http.Post(path.c_str(), body.dump(), "application/json");
  }
};

TEST_F(LiveServerTest, SetupCompletesWithTheKeyInTheQueryOrTheHeaderInBinaryFrames) {
  RawLiveSocket query;
  open_session(query);
  EXPECT_TRUE(query.last_was_binary());  // Google sends JSON in binary frames
  RawLiveSocket header;
  ASSERT_TRUE(header.open(port(), kDeveloperPath, {{"x-goog-api-key", key()}}));
  ASSERT_TRUE(header.send_json(setup()));
  auto m = header.next();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(*m, json({{"setupComplete", json::object()}}));
  // The SDKs join a base URL ending in "/" with "/ws/...".
  RawLiveSocket slashes;
  ASSERT_TRUE(slashes.open(port(), "/" + kDeveloperPath + "?key=" + key()));
  ASSERT_TRUE(slashes.send_json(setup()));
  EXPECT_TRUE(slashes.next().has_value());
}

TEST_F(LiveServerTest, ATextTurnStreamsSeveralMessagesThenTurnCompleteWithUsage) {
  RawLiveSocket ws;
  open_session(ws);
  ASSERT_TRUE(ws.send_json(user_turn("Tell me about the sea")));
  const auto messages = ws.until(turn_complete);
  ASSERT_GE(messages.size(), 4u);
  int pieces = 0;
  for (const json& m : messages) pieces += has(m, "serverContent", "modelTurn") ? 1 : 0;
  EXPECT_GE(pieces, 2);
  EXPECT_TRUE(has(messages[messages.size() - 2], "serverContent", "generationComplete"));
  const json& last = messages.back();
  ASSERT_TRUE(turn_complete(last));
  EXPECT_GT(last["usageMetadata"]["responseTokenCount"].get<int>(), 0);
  EXPECT_EQ(last["usageMetadata"]["responseTokensDetails"][0]["modality"], "TEXT");
  // Deterministic: the same prompt in a new session gives the same answer.
  RawLiveSocket again;
  open_session(again);
  ASSERT_TRUE(again.send_json(user_turn("Tell me about the sea")));
  EXPECT_EQ(text_of(again.until(turn_complete)), text_of(messages));
  EXPECT_FALSE(text_of(messages).empty());
}

TEST_F(LiveServerTest, AudioOutIsPcmAt24kHzWithItsTranscription) {
  RawLiveSocket ws;
  open_session(ws, setup({{"generationConfig", {{"responseModalities", {"AUDIO"}}}}, {"outputAudioTranscription", json::object()}}));
  ASSERT_TRUE(ws.send_json(user_turn("Say something")));
  std::string audio;
  std::string said;
  for (const json& m : ws.until(turn_complete)) {
    if (has(m, "serverContent", "outputTranscription")) said += m["serverContent"]["outputTranscription"]["text"];
    if (!has(m, "serverContent", "modelTurn")) continue;
    const json& d = m["serverContent"]["modelTurn"]["parts"][0]["inlineData"];
    EXPECT_EQ(d["mimeType"], "audio/pcm;rate=24000");
    auto bytes = internal::base64_decode(d["data"].get<std::string>());
    ASSERT_TRUE(bytes.has_value());
    audio += *bytes;
  }
  ASSERT_FALSE(audio.empty());
  EXPECT_EQ(audio.size() % 2, 0u);
  int peak = 0;
  for (size_t i = 0; i + 1 < audio.size(); i += 2) {
    const auto v = static_cast<int16_t>(static_cast<unsigned char>(audio[i]) | (static_cast<unsigned char>(audio[i + 1]) << 8));
    peak = std::max(peak, std::abs(static_cast<int>(v)));
  }
  EXPECT_GT(peak, 1000);  // a tone, not silence
  // One 0.15 s tone per spoken word.
  int words = 0;
  for (size_t i = 0; i < said.size(); ++i) words += (said[i] != ' ' && (i == 0 || said[i - 1] == ' ')) ? 1 : 0;
  EXPECT_EQ(audio.size(), static_cast<size_t>(std::min(words, 80)) * 3600 * 2);
}

TEST_F(LiveServerTest, AToolCallRoundTripContinuesTheAnswer) {
  RawLiveSocket ws;
  const json tools = {{{"functionDeclarations",
                        {{{"name", "get_weather"},
                          {"parameters", {{"type", "OBJECT"}, {"properties", {{"city", {{"type", "STRING"}}}}}}}}}}}};
  open_session(ws, setup({{"tools", tools}}));
  ASSERT_TRUE(ws.send_json(user_turn("Use get_weather for Paris")));
  auto call = ws.next();
  ASSERT_TRUE(call.has_value());
  ASSERT_TRUE(has(*call, "toolCall", "functionCalls")) << call->dump();
  const json& fc = (*call)["toolCall"]["functionCalls"][0];
  EXPECT_EQ(fc["name"], "get_weather");
  ASSERT_TRUE(fc["id"].is_string());
  ASSERT_TRUE(ws.send_json({{"toolResponse",
                             {{"functionResponses", {{{"id", fc["id"]}, {"name", "get_weather"}, {"response", {{"temp", 21}}}}}}}}}));
  const std::string answer = text_of(ws.until(turn_complete));
  EXPECT_NE(answer.find("get_weather returned"), std::string::npos) << answer;
}

// Answers paced slowly enough to speak over.
class LiveSlowAnswerTest : public LiveServerTest {
 protected:
  void configure(emulator::ServerOptions& o) override { o.live_chunk_delay_ms = 300; }
};

TEST_F(LiveSlowAnswerTest, ANewTurnInterruptsTheAnswerBeingSent) {
  RawLiveSocket ws;
  open_session(ws);
  ASSERT_TRUE(ws.send_json(user_turn("Tell me a long story")));
  auto first = ws.next();
  ASSERT_TRUE(first.has_value() && has(*first, "serverContent", "modelTurn"));
  ASSERT_TRUE(ws.send_json(user_turn("Stop, something else")));
  const auto rest = ws.until(turn_complete);
  bool interrupted = false;
  for (const json& m : rest) interrupted = interrupted || has(m, "serverContent", "interrupted");
  EXPECT_TRUE(interrupted);
  ASSERT_FALSE(rest.empty());
  EXPECT_TRUE(turn_complete(rest.back()));
}

TEST_F(LiveServerTest, SpeechThenSilenceIsATurnWithItsTranscription) {
  RawLiveSocket ws;
  open_session(ws, setup({{"inputAudioTranscription", json::object()}}));
  const std::string audio = internal::base64_encode(pcm(1.0, 0.6));
  ASSERT_TRUE(ws.send_json({{"realtimeInput", {{"audio", {{"mimeType", "audio/pcm;rate=16000"}, {"data", audio}}}}}}));
  const auto messages = ws.until(turn_complete);
  ASSERT_FALSE(messages.empty());
  ASSERT_TRUE(has(messages[0], "serverContent", "inputTranscription")) << messages[0].dump();
  EXPECT_EQ(messages[0]["serverContent"]["inputTranscription"]["text"], "(1.5 seconds of audio)");
  EXPECT_TRUE(turn_complete(messages.back()));
}

TEST_F(LiveServerTest, ManualActivityDelimitsTheTurnAndIsRefusedUnderAutomaticDetection) {
  RawLiveSocket ws;
  open_session(ws, setup({{"realtimeInputConfig", {{"automaticActivityDetection", {{"disabled", true}}}}}}));
  ASSERT_TRUE(ws.send_json({{"realtimeInput", {{"activityStart", json::object()}}}}));
  ASSERT_TRUE(ws.send_json({{"realtimeInput",
                             {{"audio", {{"mimeType", "audio/pcm;rate=16000"}, {"data", internal::base64_encode(pcm(0.5, 0))}}}}}}));
  ASSERT_TRUE(ws.send_json({{"realtimeInput", {{"activityEnd", json::object()}}}}));
  const auto messages = ws.until(turn_complete);
  ASSERT_FALSE(messages.empty());
  EXPECT_TRUE(turn_complete(messages.back()));

  auto [code, reason] = [&] {
    RawLiveSocket automatic;
    open_session(automatic);
    EXPECT_TRUE(automatic.send_json({{"realtimeInput", {{"activityStart", json::object()}}}}));
    EXPECT_FALSE(automatic.next().has_value());
    return std::make_pair(automatic.close_code(), automatic.close_reason());
  }();
  EXPECT_EQ(code, 1007);
  EXPECT_NE(reason.find("automatic activity detection"), std::string::npos) << reason;
}

TEST_F(LiveServerTest, AResumptionHandleBringsTheHistoryBackAndAnUnknownOneIsRefused) {
  RawLiveSocket first;
  open_session(first, setup({{"sessionResumption", json::object()}}));
  ASSERT_TRUE(first.send_json(user_turn("Remember the word lantern")));
  const auto messages = first.until([](const json& m) { return has(m, "sessionResumptionUpdate"); });
  ASSERT_FALSE(messages.empty());
  const json& update = messages.back()["sessionResumptionUpdate"];
  ASSERT_TRUE(update["resumable"].get<bool>());
  const std::string handle = update["newHandle"];

  RawLiveSocket resumed;
  open_session(resumed, setup({{"sessionResumption", {{"handle", handle}}}}));
  ASSERT_TRUE(resumed.send_json(user_turn("What was the word?")));
  const std::string with_history = text_of(resumed.until(turn_complete));
  RawLiveSocket fresh;
  open_session(fresh);
  ASSERT_TRUE(fresh.send_json(user_turn("What was the word?")));
  // The answer depends on the whole history: the resumed session's differs.
  EXPECT_NE(with_history, text_of(fresh.until(turn_complete)));

  auto [code, reason] = refusal(kDeveloperPath + "?key=" + key(), setup({{"sessionResumption", {{"handle", "nope"}}}}));
  EXPECT_EQ(code, 1008);
  EXPECT_EQ(reason, "BidiGenerateContent session not found");
}

TEST_F(LiveServerTest, TheAdminApiSendsGoAwayAndDropsSessions) {
  RawLiveSocket ws;
  open_session(ws);
  auto listed = httplib::Client(base_url()).Get("/emulator/v1/liveSessions");
  ASSERT_TRUE(listed);
  const json sessions = json::parse(listed->body)["sessions"];
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0]["model"], kModel);
  auto r = admin_post("/emulator/v1/liveSessions:goAway", {{"timeLeft", "0s"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  auto m = ws.next();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(*m, json({{"goAway", {{"timeLeft", "0s"}}}}));
  EXPECT_FALSE(ws.next().has_value());
  EXPECT_EQ(ws.close_code(), 1011);

  RawLiveSocket dropped;
  open_session(dropped);
  r = admin_post("/emulator/v1/liveSessions:drop", json::object());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(dropped.next().has_value());
  EXPECT_TRUE(dropped.broken());  // no close frame: a network cut
}

TEST_F(LiveServerTest, TheLivedropFaultCutsTheConnectionAfterSomeMessages) {
  set_faults("BidiGenerateContent=livedrop:2#1");
  RawLiveSocket ws;
  open_session(ws);
  ASSERT_TRUE(ws.send_json(user_turn("Hello")));
  EXPECT_TRUE(ws.next().has_value());   // the second message
  EXPECT_FALSE(ws.next().has_value());  // then the cut
  EXPECT_TRUE(ws.broken());
}

TEST_F(LiveServerTest, RefusedAsGoogleRefusesWithCloseCodes) {
  auto [code, reason] = refusal(kDeveloperPath + "?key=AIzaNotAKey", setup());
  EXPECT_EQ(code, 1007);
  EXPECT_EQ(reason, "API key not valid. Please pass a valid API key.");

  // A key of a project whose Generative Language API is off.
  ASSERT_TRUE(state().create_project("off-project").ok());
  emulator::ApiKey spec;
  spec.project_id = "off-project";
  const std::string off = make_key(spec);
  std::tie(code, reason) = refusal(kDeveloperPath + "?key=" + off, setup());
  EXPECT_EQ(code, 1008);
  EXPECT_NE(reason.find("Generative Language API"), std::string::npos) << reason;

  std::tie(code, reason) = refusal(kDeveloperPath + "?key=" + key(), setup({{"model", "models/gemini-2.5-flash"}}));
  EXPECT_EQ(code, 1008);
  EXPECT_EQ(reason.rfind("models/gemini-2.5-flash is not found for API version v1beta, or is not supported for bidiGenerateContent", 0), 0u)
      << reason;
  EXPECT_LE(reason.size(), 123u);

  std::tie(code, reason) = refusal(kDeveloperPath + "?key=" + key(),
                                   setup({{"model", "models/gemini-2.5-flash-native-audio-preview-09-2025"}}));
  EXPECT_EQ(code, 1007);  // TEXT on a native-audio model
}

TEST_F(LiveServerTest, VertexAiNeedsThePredictPermission) {
  (void)vertex_client();  // enables Vertex AI; vertex-user holds roles/aiplatform.user
  const auto token_of = [&](const std::string& account) {
    return state()
        .issue_token(emulator::service_account_member(account + "@test-project.iam.gserviceaccount.com"), "test-project",
                     "https://www.googleapis.com/auth/cloud-platform", std::chrono::system_clock::now() + std::chrono::hours(1))
        .token;
  };
  const json vsetup = setup({{"model", "projects/test-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash"}});
  RawLiveSocket ws;
  ASSERT_TRUE(ws.open(port(), kVertexPath, {{"Authorization", "Bearer " + token_of("vertex-user")}}));
  ASSERT_TRUE(ws.send_json(vsetup));
  auto m = ws.next();
  ASSERT_TRUE(m.has_value()) << ws.close_reason();
  EXPECT_TRUE((*m)["setupComplete"]["sessionId"].is_string());
  ASSERT_TRUE(ws.send_json(user_turn("Hi")));
  const auto messages = ws.until(turn_complete);
  ASSERT_FALSE(messages.empty());
  EXPECT_GT(messages.back()["usageMetadata"]["candidatesTokenCount"].get<int>(), 0);  // Vertex AI's name

  (void)vertex_client_as("no-role", "");
  auto [code, reason] = refusal(kVertexPath, vsetup, {{"Authorization", "Bearer " + token_of("no-role")}});
  EXPECT_EQ(code, 1008);
  EXPECT_NE(reason.find("aiplatform.endpoints.predict"), std::string::npos) << reason;
}

TEST_F(LiveServerTest, AnEphemeralTokenOpensOneSessionWithItsLockedSetup) {
  httplib::Client http(base_url());
  const json body = {{"uses", 1},
                     {"bidiGenerateContentSetup",
                      {{"model", kModel}, {"generationConfig", {{"responseModalities", {"TEXT"}}}}}}};
  auto r = http.Post("/v1alpha/auth_tokens", {{"x-goog-api-key", key()}}, body.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string name = json::parse(r->body)["name"];
  ASSERT_EQ(name.rfind("auth_tokens/", 0), 0u);

  // The token's setup is locked: the client's AUDIO is not what it gets.
  RawLiveSocket ws;
  ASSERT_TRUE(ws.open(port(), kConstrainedPath + "?access_token=" + name));
  ASSERT_TRUE(ws.send_json({{"setup", {{"model", kModel}, {"generationConfig", {{"responseModalities", {"AUDIO"}}}}}}}));
  ASSERT_TRUE(ws.next().has_value()) << ws.close_reason();
  ASSERT_TRUE(ws.send_json(user_turn("Hi")));
  EXPECT_FALSE(text_of(ws.until(turn_complete)).empty());

  // One use only; the header form is refused the same way.
  auto [code, reason] = refusal(kConstrainedPath, setup(), {{"Authorization", "Token " + name}});
  EXPECT_EQ(code, 1008);
  EXPECT_NE(reason.find("invalid authentication credentials"), std::string::npos) << reason;

  // Expiry follows the emulator's clock.
  r = http.Post("/v1alpha/auth_tokens", {{"x-goog-api-key", key()}}, R"({"uses": 0})", "application/json");
  ASSERT_TRUE(r && r->status == 200);
  const std::string unlimited = json::parse(r->body)["name"];
  RawLiveSocket ok;
  ASSERT_TRUE(ok.open(port(), kConstrainedPath, {{"Authorization", "Token " + unlimited}}));
  ASSERT_TRUE(ok.send_json(setup()));
  EXPECT_TRUE(ok.next().has_value()) << ok.close_reason();
  server_->env().clock().advance(std::chrono::minutes(2));  // past newSessionExpireTime (60 s)
  std::tie(code, reason) = refusal(kConstrainedPath + "?access_token=" + unlimited, setup());
  EXPECT_EQ(code, 1008);

  // A plain key on the constrained endpoint is not a token.
  std::tie(code, reason) = refusal(kConstrainedPath + "?access_token=" + key(), setup());
  EXPECT_EQ(code, 1008);
  r = http.Post("/v1alpha/auth_tokens", {{"x-goog-api-key", key()}}, R"({"expireTime": "soon"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

// A token that expires: after newSessionExpireTime it still resumes its
// session (a resumption spends no use), after expireTime nothing at all.
TEST_F(LiveServerTest, AnExpiredEphemeralTokenNoLongerResumesItsSession) {
  httplib::Client http(base_url());
  auto r = http.Post("/v1alpha/auth_tokens", {{"x-goog-api-key", key()}}, R"({"uses": 1})", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string token = json::parse(r->body)["name"];  // expires in 30 min, new sessions for 60 s
  const std::string target = kConstrainedPath + "?access_token=" + token;
  std::string handle;
  {
    RawLiveSocket ws;
    ASSERT_TRUE(ws.open(port(), target));
    ASSERT_TRUE(ws.send_json(setup({{"sessionResumption", json::object()}})));
    ASSERT_TRUE(ws.next().has_value()) << ws.close_reason();
    ASSERT_TRUE(ws.send_json(user_turn("Hi")));
    const auto messages = ws.until([](const json& m) { return has(m, "sessionResumptionUpdate"); });
    ASSERT_FALSE(messages.empty());
    handle = messages.back()["sessionResumptionUpdate"]["newHandle"];
  }
  const json resume = setup({{"sessionResumption", {{"handle", handle}}}});
  server_->env().clock().advance(std::chrono::minutes(5));  // past newSessionExpireTime, its one use spent
  {
    RawLiveSocket ws;
    ASSERT_TRUE(ws.open(port(), target));
    ASSERT_TRUE(ws.send_json(resume));
    auto m = ws.next();
    ASSERT_TRUE(m.has_value()) << ws.close_code() << " " << ws.close_reason();
    EXPECT_TRUE(m->contains("setupComplete")) << m->dump();
  }
  server_->env().clock().advance(std::chrono::minutes(30));  // past expireTime
  auto [code, reason] = refusal(target, resume);
  EXPECT_EQ(code, 1008);
  EXPECT_NE(reason.find("invalid authentication credentials"), std::string::npos) << reason;
}

TEST_F(LiveServerTest, MalformedFramesCloseWithAClearReason) {
  const auto close_after = [&](const std::string& frame, bool set_up) {
    RawLiveSocket ws;
    if (set_up) {
      open_session(ws);
    } else {
      EXPECT_TRUE(ws.open(port(), kDeveloperPath + "?key=" + key()));
    }
    EXPECT_TRUE(ws.send_text(frame));
    EXPECT_FALSE(ws.next().has_value());
    return std::make_pair(ws.close_code(), ws.close_reason());
  };
  auto [code, reason] = close_after("not json", false);
  EXPECT_EQ(code, 1007);
  EXPECT_EQ(reason, "Invalid JSON payload received. Unexpected token.");
  std::tie(code, reason) = close_after(R"({"bogus": {}})", true);
  EXPECT_EQ(code, 1007);
  EXPECT_EQ(reason, R"(Invalid JSON payload received. Unknown name "bogus": Cannot find field.)");
  std::tie(code, reason) = close_after(user_turn("hi").dump(), false);
  EXPECT_EQ(code, 1007);
  EXPECT_NE(reason.find("setup"), std::string::npos);
  std::tie(code, reason) = close_after(
      R"({"realtimeInput": {"audio": {"mimeType": "audio/mp3", "data": ""}}})", true);
  EXPECT_EQ(code, 1007);
}

class LiveLimitsTest : public LiveServerTest {
 protected:
  void configure(emulator::ServerOptions& o) override {
    o.live_max_message_bytes = 4096;
    o.live_max_sessions = 1;
  }
};

TEST_F(LiveLimitsTest, OversizedMessagesAndTooManySessionsAreRefused) {
  RawLiveSocket ws;
  open_session(ws);
  RawLiveSocket second;
  ASSERT_TRUE(second.open(port(), kDeveloperPath + "?key=" + key()));
  EXPECT_FALSE(second.next().has_value());
  EXPECT_EQ(second.close_code(), 1011);
  ASSERT_TRUE(ws.send_json(user_turn(std::string(8000, 'a'))));
  EXPECT_FALSE(ws.next().has_value());
  EXPECT_EQ(ws.close_code(), 1009) << ws.error();  // message too big
}

TEST_F(LiveServerTest, UnknownWebSocketPathsGetGoogles404AndStopDoesNotWaitForSessions) {
  RawLiveSocket ws;
  EXPECT_FALSE(ws.open(port(), "/ws/google.ai.generativelanguage.v1beta.GenerativeService.Nope"));
  EXPECT_EQ(ws.handshake_status(), 404);

  RawLiveSocket open;
  open_session(open);
  const auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_FALSE(open.next().has_value());
  EXPECT_TRUE(open.closed() || open.broken());
}

}  // namespace
}  // namespace genai::testing
