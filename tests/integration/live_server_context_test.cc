// The emulator's Live API (docs/live.md) on what a session keeps over time,
// through a real socket: transparent session resumption (Vertex AI), whose
// updates count the connection's client messages, and the context window,
// which ends a session that outgrows it unless contextWindowCompression's
// sliding window drops its oldest turns.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "emulator/common/options.h"
#include "emulator/state/state.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/raw_live_socket.h"

namespace genai::testing {
namespace {

using nlohmann::json;

const std::string kDevPath = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";
const std::string kVertexWsPath = "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent";
constexpr const char* kVertexModel = "projects/test-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash";

bool is_update(const json& m) { return m.contains("sessionResumptionUpdate"); }
bool is_turn_complete(const json& m) {
  return m.contains("serverContent") && m["serverContent"].is_object() && m["serverContent"].contains("turnComplete");
}

json turn_message(const std::string& text, bool complete) {
  return {{"clientContent",
           {{"turns", {{{"role", "user"}, {"parts", {{{"text", text}}}}}}}, {"turnComplete", complete}}}};
}

json silence(int ms) {
  return {{"realtimeInput",
           {{"audio", {{"mimeType", "audio/pcm;rate=16000"}, {"data", internal::base64_encode(std::string(32 * ms, '\0'))}}}}}};
}

class LiveContextTest : public EmulatorTest {
 protected:
  void configure(emulator::ServerOptions& o) override { o.live_context_window_tokens = 200; }

  std::string vertex_token() {
    (void)vertex_client();  // enables Vertex AI; vertex-user holds roles/aiplatform.user
    return state()
        .issue_token(emulator::service_account_member("vertex-user@test-project.iam.gserviceaccount.com"),
                     "test-project", "https://www.googleapis.com/auth/cloud-platform",
                     std::chrono::system_clock::now() + std::chrono::hours(1))
        .token;
  }
  // A Vertex AI session set up with `extra` in its setup; asserts setupComplete.
  void open_vertex(RawLiveSocket& ws, const json& extra) {
    json setup = {{"model", kVertexModel}, {"generationConfig", {{"responseModalities", {"TEXT"}}}}};
    setup.update(extra);
    ASSERT_TRUE(ws.open(server_->port(), kVertexWsPath, {{"Authorization", "Bearer " + token_}}));
    ASSERT_TRUE(ws.send_json({{"setup", setup}}));
    auto m = ws.next();
    ASSERT_TRUE(m.has_value()) << ws.close_code() << " " << ws.close_reason();
    ASSERT_TRUE(m->contains("setupComplete")) << m->dump();
  }
  // The next message, which must be a sessionResumptionUpdate.
  json update(RawLiveSocket& ws) {
    auto m = ws.next();
    EXPECT_TRUE(m.has_value() && is_update(*m)) << (m ? m->dump() : ws.close_reason());
    return m && is_update(*m) ? (*m)["sessionResumptionUpdate"] : json::object();
  }
  json saved(const std::string& handle) {
    auto r = httplib::Client(base_url()).Get(("/emulator/v1/liveHandles/" + handle).c_str());
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r && r->status == 200 ? json::parse(r->body) : json::object();
  }

  void SetUp() override {
    EmulatorTest::SetUp();
    token_ = vertex_token();
  }
  std::string token_;
};

TEST_F(LiveContextTest, TransparentUpdatesCountTheConnectionsClientMessagesAfterTheSetup) {
  RawLiveSocket ws;
  open_vertex(ws, {{"sessionResumption", {{"transparent", true}}}});
  ASSERT_TRUE(ws.send_json(turn_message("one", false)));
  json u = update(ws);  // each message taken while the session can resume gets its update
  EXPECT_EQ(u["lastConsumedClientMessageIndex"], "1");  // an int64: a string, setup is 0
  EXPECT_EQ(u["resumable"], true);
  ASSERT_TRUE(ws.send_json(silence(100)));
  EXPECT_EQ(update(ws)["lastConsumedClientMessageIndex"], "2");
  ASSERT_TRUE(ws.send_json(json::object()));
  EXPECT_EQ(update(ws)["lastConsumedClientMessageIndex"], "3");
  // A completed turn: its answer, then the update of the answered state.
  ASSERT_TRUE(ws.send_json(turn_message("two", true)));
  const auto answer = ws.until(is_update);
  ASSERT_GE(answer.size(), 2u);
  EXPECT_TRUE(is_turn_complete(answer[answer.size() - 2]));
  u = answer.back()["sessionResumptionUpdate"];
  EXPECT_EQ(u["lastConsumedClientMessageIndex"], "4");
  const std::string handle = u["newHandle"];

  // A new connection resuming it counts from its own setup again, and the
  // session's state goes on from the four messages.
  RawLiveSocket resumed;
  open_vertex(resumed, {{"sessionResumption", {{"handle", handle}, {"transparent", true}}}});
  ASSERT_TRUE(resumed.send_json(turn_message("three", false)));
  u = update(resumed);
  EXPECT_EQ(u["lastConsumedClientMessageIndex"], "1");
  const json state = saved(u["newHandle"]);
  EXPECT_EQ(state["clientMessages"], 5);
  EXPECT_EQ(state["lastConsumedClientMessageIndex"], 1);
  ASSERT_EQ(state["history"].size(), 4u);  // one, two, the answer, three
  EXPECT_EQ(state["history"][3]["parts"][0]["text"], "three");
}

TEST_F(LiveContextTest, WithoutTransparentUpdatesComeAfterAnswersAndCarryNoIndex) {
  RawLiveSocket ws;
  open_vertex(ws, {{"sessionResumption", json::object()}});
  ASSERT_TRUE(ws.send_json(turn_message("one", false)));
  ASSERT_TRUE(ws.send_json(turn_message("two", true)));
  const auto messages = ws.until(is_update);
  ASSERT_FALSE(messages.empty());
  for (size_t i = 0; i + 1 < messages.size(); ++i) EXPECT_FALSE(is_update(messages[i])) << messages[i].dump();
  EXPECT_FALSE(messages.back()["sessionResumptionUpdate"].contains("lastConsumedClientMessageIndex"));
}

TEST_F(LiveContextTest, TransparentResumptionBringsBackAHalfSpokenAudioTurn) {
  const json manual = {{"realtimeInputConfig", {{"automaticActivityDetection", {{"disabled", true}}}}},
                       {"inputAudioTranscription", json::object()}};
  json extra = manual;
  extra["sessionResumption"] = {{"transparent", true}};
  RawLiveSocket ws;
  open_vertex(ws, extra);
  ASSERT_TRUE(ws.send_json({{"realtimeInput", {{"activityStart", json::object()}}}}));
  (void)update(ws);
  ASSERT_TRUE(ws.send_json(silence(400)));
  const std::string handle = update(ws)["newHandle"];
  extra["sessionResumption"]["handle"] = handle;
  RawLiveSocket resumed;
  open_vertex(resumed, extra);
  ASSERT_TRUE(resumed.send_json(silence(600)));
  (void)update(resumed);
  ASSERT_TRUE(resumed.send_json({{"realtimeInput", {{"activityEnd", json::object()}}}}));
  auto m = resumed.next();
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ((*m)["serverContent"]["inputTranscription"]["text"], "(1.0 seconds of audio)") << m->dump();
}

TEST_F(LiveContextTest, TheDeveloperApiRefusesTransparent) {
  RawLiveSocket ws;
  ASSERT_TRUE(ws.open(server_->port(), kDevPath + "?key=" + key()));
  ASSERT_TRUE(ws.send_json({{"setup",
                             {{"model", "models/gemini-live-2.5-flash-preview"},
                              {"sessionResumption", {{"transparent", true}}}}}}));
  EXPECT_FALSE(ws.next().has_value());
  EXPECT_EQ(ws.close_code(), 1007);
  EXPECT_EQ(ws.close_reason(),
            "Invalid JSON payload received. Unknown name \"transparent\" at 'setup.session_resumption': Cannot find field.");
}

TEST_F(LiveContextTest, ASessionPastTheContextWindowEndsWithoutCompression) {
  RawLiveSocket ws;
  open_vertex(ws, json::object());
  int answered = 0;
  for (int i = 0; i < 40; ++i) {
    if (!ws.send_json(turn_message("Tell me more about the sea and its tides, please", true))) break;
    const auto messages = ws.until(is_turn_complete);
    if (messages.empty() || !is_turn_complete(messages.back())) break;
    EXPECT_LE(messages.back()["usageMetadata"]["promptTokenCount"].get<int>(), 200);
    ++answered;
  }
  EXPECT_GT(answered, 0);
  EXPECT_LT(answered, 40);
  EXPECT_TRUE(ws.closed());
  EXPECT_EQ(ws.close_code(), 1007);
  EXPECT_NE(ws.close_reason().find("exceeds the maximum number of tokens allowed (200)"), std::string::npos)
      << ws.close_reason();
}

TEST_F(LiveContextTest, TheSlidingWindowDropsTheOldestTurnsFromAUserTurnAndTheSessionGoesOn) {
  RawLiveSocket ws;
  open_vertex(ws, {{"sessionResumption", json::object()},
                   {"contextWindowCompression", {{"triggerTokens", "120"}, {"slidingWindow", {{"targetTokens", 60}}}}}});
  int shrank = 0;
  int before = 0;
  std::string handle;
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(ws.send_json(turn_message("Tell me more about the sea and its tides, please " + std::to_string(i), true)));
    const auto messages = ws.until(is_update);
    ASSERT_GE(messages.size(), 2u) << ws.close_code() << " " << ws.close_reason();
    const json& done = messages[messages.size() - 2];
    ASSERT_TRUE(is_turn_complete(done)) << done.dump();
    const int prompt = done["usageMetadata"]["promptTokenCount"];
    // Cut before the turn runs: what remains is at most the target, or the
    // turn being answered alone.
    EXPECT_LE(prompt, 120);
    if (prompt < before) ++shrank;
    before = prompt;
    handle = messages.back()["sessionResumptionUpdate"]["newHandle"];
  }
  EXPECT_GT(shrank, 3);
  const json history = saved(handle)["history"];
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0]["role"], "user");
  EXPECT_NE(history[0]["parts"][0]["text"], "Tell me more about the sea and its tides, please 0");
}

TEST_F(LiveContextTest, TheDefaultsTriggerAtEightyPercentOfTheWindowAndKeepHalfOfThat) {
  RawLiveSocket ws;
  open_vertex(ws, {{"contextWindowCompression", {{"slidingWindow", json::object()}}}});
  int most = 0;
  int before = 0;
  int cuts = 0;
  int most_after_cut = 0;
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(ws.send_json(turn_message("Tell me more about the sea and its tides, please", true)));
    const auto messages = ws.until(is_turn_complete);
    ASSERT_FALSE(messages.empty()) << ws.close_code() << " " << ws.close_reason();
    ASSERT_TRUE(is_turn_complete(messages.back()));
    const int prompt = messages.back()["usageMetadata"]["promptTokenCount"];
    most = std::max(most, prompt);
    if (prompt < before) {
      ++cuts;
      most_after_cut = std::max(most_after_cut, prompt);
    }
    before = prompt;
  }
  EXPECT_GT(cuts, 3);              // thirty turns are far past the 200-token window
  EXPECT_LE(most, 160);            // 80% of 200: more is cut before the turn runs
  EXPECT_LE(most_after_cut, 80);   // down to half of the trigger
}

}  // namespace
}  // namespace genai::testing
