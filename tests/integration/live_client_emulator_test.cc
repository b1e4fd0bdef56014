// client.live() and genai live end to end against the real genai-emulator
// (its Live endpoints on the REST port): text turns on both backends, a
// refused key, an ephemeral token from auth_tokens().create, and resumption
// after the emulator drops the connection or sends goAway (admin API), two
// drops and a goAway in one session on both backends and transparent
// resumption on Vertex AI included.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "genai/genai.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai {
namespace {

class LiveClientEmulatorTest : public testing::EmulatorTest {
 protected:
  // The model's text until turnComplete.
  static std::string turn(LiveSession& s) {
    std::string text;
    for (int i = 0; i < 500; ++i) {
      auto m = s.receive();
      EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().to_string());
      if (!m.ok() || !*m) break;
      if ((*m)->text()) text += *(*m)->text();
      if ((*m)->server_content && (*m)->server_content->turn_complete.value_or(false)) break;
    }
    return text;
  }
  static LiveConnectConfig text_config() {
    LiveConnectConfig c;
    c.response_modalities = {"TEXT"};
    return c;
  }
};

TEST_F(LiveClientEmulatorTest, ATextTurnOnTheDeveloperApi) {
  auto s = client().live().connect("gemini-live-2.5-flash-preview", text_config());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_TRUE((*s)->send_client_content({Content::from_text("Hello there")}).ok());
  EXPECT_FALSE(turn(**s).empty());
}

TEST_F(LiveClientEmulatorTest, ATextTurnOnVertexAi) {
  auto s = vertex_client().live().connect("gemini-live-2.5-flash", text_config());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_TRUE((*s)->send_client_content({Content::from_text("Hello there")}).ok());
  EXPECT_FALSE(turn(**s).empty());
}

TEST_F(LiveClientEmulatorTest, AnInvalidKeyIsRefused) {
  auto s = client("AIzaSyInvalidLiveKey0000000000000000000").live().connect("gemini-live-2.5-flash-preview",
                                                                           text_config());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().kind, ErrorKind::kTransport) << s.error().to_string();
}

TEST_F(LiveClientEmulatorTest, AnEphemeralTokenOpensASession) {
  CreateAuthTokenConfig t;
  t.uses = 1;
  auto token = client().auth_tokens().create(t);
  ASSERT_TRUE(token.ok()) << token.error().to_string();
  ASSERT_TRUE(token->name && token->name->rfind("auth_tokens/", 0) == 0);
  auto s = client(*token->name).live().connect("gemini-live-2.5-flash-preview", text_config());
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_TRUE((*s)->send_client_content({Content::from_text("Hi")}).ok());
  EXPECT_FALSE(turn(**s).empty());
}

TEST_F(LiveClientEmulatorTest, ResumesAfterTheEmulatorDropsTheConnectionWithoutLosingTheTurn) {
  LiveConnectConfig cfg = text_config();
  cfg.session_resumption = SessionResumptionConfig{};
  auto s = client().live().connect("gemini-live-2.5-flash-preview", cfg);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_TRUE((*s)->send_client_content({Content::from_text("First question")}).ok());
  EXPECT_FALSE(turn(**s).empty());
  // The update with the handle comes after turnComplete.
  for (int i = 0; i < 10 && !(*s)->resumption_handle(); ++i) ASSERT_TRUE((*s)->receive().ok());
  ASSERT_TRUE((*s)->resumption_handle());
  httplib::Client admin(base_url());
  auto dropped = admin.Post("/emulator/v1/liveSessions:drop", "{}", "application/json");
  ASSERT_TRUE(dropped);
  ASSERT_EQ(dropped->status, 200) << dropped->body;
  ASSERT_TRUE((*s)->send_client_content({Content::from_text("Second question")}).ok());
  EXPECT_FALSE(turn(**s).empty());
}

// Closes the session after `limit` so a receive() that waits for what never
// comes returns (nullopt) instead of hanging the test.
class Watchdog {
 public:
  Watchdog(LiveSession& s, std::chrono::seconds limit)
      : thread_([this, &s, limit] {
          std::unique_lock<std::mutex> lock(mu_);
          if (!cv_.wait_for(lock, limit, [this] { return done_; })) s.close();
        }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// The issue's promise, on both backends: one session survives two dropped
// connections and a goAway, and the server's newest handle holds each user
// turn exactly once, in order, each with its answer.
TEST_F(LiveClientEmulatorTest, TwoDropsAndAGoAwayLoseAndRepeatNoTurnOnBothBackends) {
  for (const bool vertex : {false, true}) {
    SCOPED_TRACE(vertex ? "Vertex AI" : "Developer API");
    LiveConnectConfig cfg = text_config();
    cfg.session_resumption = SessionResumptionConfig{};
    Client c = vertex ? vertex_client() : client();
    const std::string model = vertex ? "gemini-live-2.5-flash" : "gemini-live-2.5-flash-preview";
    auto s = c.live().connect(model, cfg);
    ASSERT_TRUE(s.ok()) << s.error().to_string();
    LiveSession& session = **s;
    Watchdog watchdog(session, std::chrono::seconds(30));  // a lost turn fails, not hangs
    httplib::Client admin(base_url());
    const auto admin_post = [&](const char* path, const char* body) {
      auto r = admin.Post(path, body, "application/json");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body;
    };
    std::set<std::string> connections;
    std::optional<std::string> handle;  // the newest, which follows each answer
    const auto ask = [&](const std::string& question) {
      ASSERT_TRUE(session.send_client_content({Content::from_text(question)}).ok()) << question;
      EXPECT_FALSE(turn(session).empty()) << question;
      // The emulator's id of the connection that answered (the Developer
      // API's setupComplete carries no session id).
      auto open = admin.Get("/emulator/v1/liveSessions");
      ASSERT_TRUE(open && open->status == 200);
      const nlohmann::json listed = nlohmann::json::parse(open->body);
      for (const auto& o : listed["sessions"]) {
        const std::string m = o.value("model", "");
        if (m.size() >= model.size() && m.compare(m.size() - model.size(), model.size(), model) == 0) {
          connections.insert(o.value("id", ""));
        }
      }
      handle.reset();
      for (int i = 0; i < 20 && !handle; ++i) {
        auto m = session.receive();
        ASSERT_TRUE(m.ok() && *m) << (m.ok() ? "the session ended" : m.error().to_string());
        if (const auto& u = (*m)->session_resumption_update; u && u->new_handle) handle = u->new_handle;
      }
      ASSERT_TRUE(handle) << "no handle after the answer to " << question;
    };
    ask("q1");
    admin_post("/emulator/v1/liveSessions:drop", "{}");
    ask("q2");
    admin_post("/emulator/v1/liveSessions:goAway", R"({"timeLeft": "0s"})");
    // The goAway is read before the next turn goes out.
    for (int i = 0; i < 20; ++i) {
      auto m = session.receive();
      ASSERT_TRUE(m.ok() && *m) << (m.ok() ? "the session ended" : m.error().to_string());
      if ((*m)->go_away) break;
    }
    ask("q3");
    admin_post("/emulator/v1/liveSessions:drop", "{}");
    ask("q4");
    ASSERT_TRUE(handle);
    auto got = admin.Get(("/emulator/v1/liveHandles/" + *handle).c_str());
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    const nlohmann::json history = nlohmann::json::parse(got->body)["history"];
    std::vector<std::string> turns;
    for (const auto& t : history) {
      const std::string role = t.value("role", "");
      turns.push_back(role == "user" ? t["parts"][0].value("text", "") : role);
    }
    EXPECT_EQ(turns, (std::vector<std::string>{"q1", "model", "q2", "model", "q3", "model", "q4", "model"}))
        << history.dump();
    // Four connections: the first, and one after each drop and the goAway.
    EXPECT_EQ(connections.size(), 4U);
    session.close();
  }
}

TEST_F(LiveClientEmulatorTest, TransparentResumptionOnVertexLosesAndRepeatsNoMessageAcrossADrop) {
  LiveConnectConfig cfg = text_config();
  cfg.session_resumption = SessionResumptionConfig{std::nullopt, true};
  AutomaticActivityDetection manual;
  manual.disabled = true;  // activityStart/activityEnd delimit the audio turn
  cfg.realtime_input_config = RealtimeInputConfig{manual, std::nullopt, std::nullopt};
  RetryOptions retry;
  retry.attempts = 3;
  retry.initial_delay = std::chrono::milliseconds(10);
  retry.jitter = std::chrono::milliseconds(0);
  cfg.http_options.retry = retry;
  auto s = vertex_client().live().connect("gemini-live-2.5-flash", cfg);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  LiveSession& session = **s;
  Watchdog watchdog(session, std::chrono::seconds(60));
  const std::optional<std::string> first_connection = session.session_id();
  ASSERT_TRUE(first_connection);

  int sent = 0;
  const auto turn = [&](const std::string& text, bool complete) {
    ASSERT_TRUE(session.send_client_content({Content::from_text(text)}, complete).ok());
    ++sent;
  };
  const auto realtime = [&](const LiveRealtimeInput& in) {
    ASSERT_TRUE(session.send_realtime_input(in).ok());
    ++sent;
  };
  LiveRealtimeInput start;
  start.activity_start = true;
  LiveRealtimeInput end;
  end.activity_end = true;
  const LiveRealtimeInput chunk = LiveRealtimeInput::pcm(std::string(3200, '\0'));  // 0.1 s at 16 kHz

  // Three turns the server confirms: the handle covers message 3.
  for (const char* t : {"m1", "m2", "m3"}) turn(t, false);
  bool confirmed = false;
  for (int i = 0; i < 50 && !confirmed; ++i) {
    auto m = session.receive();
    ASSERT_TRUE(m.ok() && *m) << (m.ok() ? "ended" : m.error().to_string());
    const auto& u = (*m)->session_resumption_update;
    confirmed = u && u->last_consumed_client_message_index == 3;
  }
  ASSERT_TRUE(confirmed);

  // Mid-stream, the connection is cut; the rest is sent while it is down.
  realtime(start);
  for (int i = 0; i < 5; ++i) realtime(chunk);
  httplib::Client admin(base_url());
  auto dropped = admin.Post("/emulator/v1/liveSessions:drop", "{}", "application/json");
  ASSERT_TRUE(dropped);
  ASSERT_EQ(dropped->status, 200) << dropped->body;
  for (int i = 0; i < 5; ++i) realtime(chunk);
  realtime(end);
  turn("m4", false);
  turn("m5", true);

  // Until the server's newest handle holds every message sent.
  nlohmann::json state;
  for (int i = 0; i < 3000; ++i) {
    auto m = session.receive();
    ASSERT_TRUE(m.ok()) << m.error().to_string();
    ASSERT_TRUE(*m) << "the session ended before the server held all " << sent << " messages: " << state.dump();
    const auto& u = (*m)->session_resumption_update;
    if (!u || !u->new_handle) continue;
    auto got = admin.Get(("/emulator/v1/liveHandles/" + *u->new_handle).c_str());
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    state = nlohmann::json::parse(got->body);
    if (state["clientMessages"].get<int>() >= sent) break;
  }
  EXPECT_NE(session.session_id(), first_connection) << "the drop did not cause a new connection";
  // Each message exactly once: as many as were sent, and the user's turns in
  // order, the audio turn with all ten chunks (a lost or repeated one changes its length).
  EXPECT_EQ(state["clientMessages"].get<int>(), sent);
  std::vector<std::string> user;
  for (const auto& t : state["history"]) {
    if (t.value("role", "") == "user") user.push_back(t["parts"][0].value("text", ""));
  }
  EXPECT_EQ(user, (std::vector<std::string>{"m1", "m2", "m3", "(1.0 seconds of audio)", "m4", "m5"}))
      << state["history"].dump();
}

TEST_F(LiveClientEmulatorTest, TheCliTalksToTheEmulator) {
  auto r = testing::run_process({GENAI_CLI_PATH, "live"}, {{"GOOGLE_GEMINI_BASE_URL", base_url()},
                                                           {"GEMINI_API_KEY", key()}},
                                "Hello\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
}

}  // namespace
}  // namespace genai
