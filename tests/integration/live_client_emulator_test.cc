// client.live() and genai live end to end against the real genai-emulator
// (its Live endpoints on the REST port): text turns on both backends, a
// refused key, an ephemeral token from auth_tokens().create, and resumption
// after the emulator drops the connection (admin API).
#include <gtest/gtest.h>
#include <httplib.h>

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

TEST_F(LiveClientEmulatorTest, TheCliTalksToTheEmulator) {
  auto r = testing::run_process({GENAI_CLI_PATH, "live"}, {{"GOOGLE_GEMINI_BASE_URL", base_url()},
                                                           {"GEMINI_API_KEY", key()}},
                                "Hello\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(r.out.empty());
}

}  // namespace
}  // namespace genai
