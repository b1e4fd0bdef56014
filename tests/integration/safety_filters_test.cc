// Safety: the emulator's filters and libgenai's Block on both backends,
// unary and streamed; thresholds, RECITATION and policy blocks; a blocked
// turn in a chat and under automatic function calling; invalid settings.
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

constexpr const char* kModel = "gemini-2.5-flash";
constexpr const char* kDangerous = "HARM_CATEGORY_DANGEROUS_CONTENT";

class SafetyTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  // One client per test: a Vertex AI client sets up a service account first.
  Client& backend() {
    if (!client_) client_ = backend_client(GetParam());
    return *client_;
  }
  bool vertex() const { return GetParam(); }

 private:
  std::optional<Client> client_;
};

GenerateContentConfig with_threshold(const std::string& category, const std::string& threshold) {
  GenerateContentConfig cfg;
  cfg.safety_settings = {SafetySetting{category, threshold, std::nullopt}};
  return cfg;
}

std::vector<GenerateContentResponse> collect(Stream<GenerateContentResponse> stream) {
  std::vector<GenerateContentResponse> out;
  for (Result<GenerateContentResponse>& chunk : stream) {
    EXPECT_TRUE(chunk.ok()) << chunk.error().to_string();
    if (!chunk) break;
    out.push_back(std::move(*chunk));
  }
  return out;
}

TEST_P(SafetyTest, PromptBlockedBySafetyHasNoCandidatesAndExplainsItself) {
  const std::string prompt = "How do I do emulator-unsafe-dangerous:high things?";
  const auto cfg = with_threshold(kDangerous, "BLOCK_LOW_AND_ABOVE");
  auto r = backend().models().generate_content(kModel, prompt, cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();  // Google answers 200
  EXPECT_TRUE(r->candidates.empty());
  EXPECT_EQ(r->text(), "");
  ASSERT_TRUE(r->prompt_feedback);
  EXPECT_EQ(r->prompt_feedback->block_reason, "SAFETY");
  ASSERT_EQ(r->prompt_feedback->safety_ratings.size(), 4u);
  std::optional<Block> b = r->blocked();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->source, Block::Source::kPrompt);
  EXPECT_EQ(b->reason, "SAFETY");
  ASSERT_EQ(b->ratings.size(), 1u);
  EXPECT_EQ(b->ratings[0].category, kDangerous);
  EXPECT_EQ(b->ratings[0].probability, "HIGH");
  // A refused prompt's ratings carry no `blocked` mark: the most probable one is the cause.
  EXPECT_FALSE(b->ratings[0].blocked.has_value());
  // Vertex AI adds scores and severity; the Developer API shows category and probability only.
  EXPECT_EQ(b->ratings[0].probability_score.has_value(), vertex());
  EXPECT_EQ(b->ratings[0].severity == "HARM_SEVERITY_HIGH", vertex());
  EXPECT_NE(b->explanation().find("HARM_CATEGORY_DANGEROUS_CONTENT with HIGH probability"), std::string::npos);
  EXPECT_NE(b->explanation().find("to BLOCK_NONE or OFF"), std::string::npos) << b->explanation();
  Result<std::string> checked = r->checked_text();
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().kind, ErrorKind::kBlocked);

  // Streamed: one chunk, the same block.
  auto chunks = collect(backend().models().generate_content_stream(kModel, prompt, cfg));
  ASSERT_EQ(chunks.size(), 1u);
  ASSERT_TRUE(chunks[0].blocked());
  EXPECT_EQ(chunks[0].blocked()->source, Block::Source::kPrompt);
  EXPECT_EQ(chunks[0].blocked()->explanation(), b->explanation());
}

TEST_P(SafetyTest, ThresholdsAreHonouredAndTheDefaultIsOff) {
  const std::string prompt = "Say something emulator-unsafe-harassment:medium today";
  const std::string harassment = "HARM_CATEGORY_HARASSMENT";
  auto passes = [&](const GenerateContentConfig& cfg) {
    auto r = backend().models().generate_content(kModel, prompt, cfg);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() && !r->blocked() && !r->text().empty();
  };
  EXPECT_TRUE(passes({}));  // Gemini 2.x default: OFF
  for (const char* t : {"BLOCK_NONE", "OFF", "BLOCK_ONLY_HIGH", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"}) {
    EXPECT_TRUE(passes(with_threshold(harassment, t))) << t;
  }
  for (const char* t : {"BLOCK_MEDIUM_AND_ABOVE", "BLOCK_LOW_AND_ABOVE"}) {
    EXPECT_FALSE(passes(with_threshold(harassment, t))) << t;
  }
  // A threshold on another category does not block this one.
  EXPECT_TRUE(passes(with_threshold(kDangerous, "BLOCK_LOW_AND_ABOVE")));
}

TEST_P(SafetyTest, CandidateStoppedForSafetyUnaryAndStreamed) {
  const std::string prompt = "Write a story with emulator-answer-unsafe-dangerous:medium in it";
  auto blocked = backend().models().generate_content(kModel, prompt, with_threshold(kDangerous, "BLOCK_MEDIUM_AND_ABOVE"));
  ASSERT_TRUE(blocked.ok()) << blocked.error().to_string();
  ASSERT_EQ(blocked->candidates.size(), 1u);
  const Candidate& c = blocked->candidates[0];
  EXPECT_EQ(c.finish_reason, "SAFETY");
  EXPECT_FALSE(c.content);
  EXPECT_EQ(blocked->text(), "");
  std::optional<Block> b = blocked->blocked();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->source, Block::Source::kCandidate);
  ASSERT_EQ(b->ratings.size(), 1u);
  EXPECT_EQ(b->ratings[0].category, kDangerous);
  EXPECT_EQ(b->ratings[0].probability, "MEDIUM");
  EXPECT_NE(b->explanation().find("The answer was stopped"), std::string::npos);
  EXPECT_NE(b->explanation().find("to BLOCK_ONLY_HIGH"), std::string::npos) << b->explanation();

  // Let through: the same answer, rated but not blocked.
  auto passed = backend().models().generate_content(kModel, prompt, with_threshold(kDangerous, "BLOCK_ONLY_HIGH"));
  ASSERT_TRUE(passed.ok());
  EXPECT_FALSE(passed->blocked());
  EXPECT_EQ(passed->candidates[0].finish_reason, "STOP");
  const std::string answer = passed->text();
  EXPECT_NE(answer.find("emulator-unsafe-dangerous:medium"), std::string::npos) << answer;
  ASSERT_EQ(passed->candidates[0].safety_ratings.size(), 4u);
  EXPECT_EQ(passed->candidates[0].safety_ratings[3].probability, "MEDIUM");
  EXPECT_FALSE(passed->candidates[0].safety_ratings[3].blocked.value_or(false));

  // Streamed: the text before the unsafe part arrives, then the last chunk stops it.
  auto chunks = collect(backend().models().generate_content_stream(kModel, prompt,
                                                                   with_threshold(kDangerous, "BLOCK_LOW_AND_ABOVE")));
  ASSERT_GE(chunks.size(), 2u);
  std::string streamed;
  for (size_t i = 0; i + 1 < chunks.size(); ++i) {
    EXPECT_FALSE(chunks[i].blocked());
    streamed += chunks[i].text();
  }
  EXPECT_FALSE(streamed.empty());
  EXPECT_EQ(answer.rfind(streamed, 0), 0u) << streamed << " | " << answer;
  EXPECT_EQ(streamed.find("emulator-unsafe"), std::string::npos);
  ASSERT_TRUE(chunks.back().blocked());
  EXPECT_EQ(chunks.back().blocked()->reason, "SAFETY");
  EXPECT_EQ(chunks.back().blocked()->ratings.at(0).category, kDangerous);
}

TEST_P(SafetyTest, RecitationIsNotChangedBySettings) {
  const std::string prompt = "Recite the poem emulator-finish:recitation";
  auto r = backend().models().generate_content(kModel, prompt, with_threshold(kDangerous, "OFF"));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->blocked());
  EXPECT_EQ(r->candidates.at(0).finish_reason, "RECITATION");
  EXPECT_FALSE(r->candidates[0].content);
  EXPECT_FALSE(r->blocked()->adjustable());
  EXPECT_NE(r->blocked()->explanation().find("Rephrase"), std::string::npos);
  auto chunks = collect(backend().models().generate_content_stream(kModel, prompt));
  ASSERT_EQ(chunks.size(), 1u);
  ASSERT_TRUE(chunks[0].blocked());
  EXPECT_EQ(chunks[0].blocked()->reason, "RECITATION");
}

TEST_P(SafetyTest, PolicyBlocksOfThePrompt) {
  for (const char* reason : {"PROHIBITED_CONTENT", "BLOCKLIST"}) {
    auto r = backend().models().generate_content(kModel, std::string("Hi emulator-block:") + reason,
                                                 with_threshold(kDangerous, "BLOCK_NONE"));
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    ASSERT_TRUE(r->blocked()) << reason;
    EXPECT_EQ(r->blocked()->reason, reason);
    EXPECT_EQ(r->blocked()->source, Block::Source::kPrompt);
    EXPECT_TRUE(r->prompt_feedback->safety_ratings.empty());
    EXPECT_NE(r->blocked()->explanation().find("cannot change"), std::string::npos);
  }
}

TEST_P(SafetyTest, InvalidSettingIsGooglesInvalidArgument) {
  auto r = backend().models().generate_content(kModel, "Hello", with_threshold(kDangerous, "BLOCK_SOMETIMES"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kApi);
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().status, "INVALID_ARGUMENT");
  EXPECT_NE(r.error().message.find("Invalid value at 'safety_settings[0].threshold'"), std::string::npos)
      << r.error().message;
  ASSERT_EQ(r.error().field_violations.size(), 1u);
  EXPECT_EQ(r.error().field_violations[0].field, "safety_settings[0].threshold");
  auto bad_category = backend().models().generate_content(kModel, "Hello", with_threshold("VIOLENCE", "OFF"));
  ASSERT_FALSE(bad_category.ok());
  EXPECT_NE(bad_category.error().message.find("safety_settings[0].category"), std::string::npos);
  // Streamed: the stream's only item is the error.
  auto stream = backend().models().generate_content_stream(kModel, "Hello", with_threshold("VIOLENCE", "OFF"));
  std::optional<Result<GenerateContentResponse>> first = stream.next();
  ASSERT_TRUE(first);
  ASSERT_FALSE(first->ok());
  EXPECT_EQ(first->error().http_status, 400);
}

TEST_P(SafetyTest, ABlockedTurnStaysOutOfTheChatHistory) {
  const auto cfg = with_threshold(kDangerous, "BLOCK_LOW_AND_ABOVE");
  Chat chat = backend().chats().create(kModel, cfg);
  auto first = chat.send_message("My name is Ada.");
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  auto refused = chat.send_message("Tell me emulator-unsafe-dangerous:low");
  ASSERT_TRUE(refused.ok());
  ASSERT_TRUE(refused->blocked());
  // Stopped while streaming, after some text had arrived.
  bool stopped = false;
  for (auto& chunk : chat.send_message_stream("Write emulator-answer-unsafe-dangerous:high")) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    stopped = stopped || chunk->blocked().has_value();
  }
  EXPECT_TRUE(stopped);
  auto third = chat.send_message("What is my name?");
  ASSERT_TRUE(third.ok());

  const std::vector<Content> h = chat.history();
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0].parts[0].text, "My name is Ada.");
  EXPECT_EQ(h[1].parts, first->candidates[0].content->parts);
  EXPECT_EQ(h[2].parts[0].text, "What is my name?");
  EXPECT_EQ(h[3].parts, third->candidates[0].content->parts);
  // The third turn was sent without the blocked ones: a chat that never saw
  // them gets the same answer from the deterministic emulator.
  Chat clean = backend().chats().create(kModel, cfg, {h[0], h[1]});
  EXPECT_EQ(clean.send_message("What is my name?")->text(), third->text());
  // As in python-genai, the comprehensive history records every turn sent.
  EXPECT_EQ(chat.get_history().size(), 8u);
}

TEST_P(SafetyTest, AutomaticFunctionCallingStopsOnABlock) {
  int calls = 0;
  GenerateContentConfig cfg = with_threshold(kDangerous, "BLOCK_LOW_AND_ABOVE");
  cfg.tools = {Tool::from_functions({CallableFunction{
      FunctionDeclaration{"get_weather", "Weather", std::nullopt, std::nullopt}, [&calls](const Json&) {
        ++calls;
        return Json{{"temp_c", 21}};
      }}})};
  // The model's function call turn is stopped by a filter: nothing runs.
  auto r = backend().models().generate_content(kModel, "Use get_weather emulator-finish:prohibited_content", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->blocked());
  EXPECT_EQ(r->blocked()->reason, "PROHIBITED_CONTENT");
  EXPECT_EQ(calls, 0);
  auto streamed = collect(backend().models().generate_content_stream(
      kModel, "Use get_weather emulator-finish:prohibited_content", cfg));
  ASSERT_FALSE(streamed.empty());
  EXPECT_TRUE(streamed.back().blocked());
  EXPECT_EQ(calls, 0);
  // A refused prompt never reaches the model either.
  auto refused = backend().models().generate_content(kModel, "Use get_weather emulator-unsafe-dangerous:low", cfg);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->blocked()->source, Block::Source::kPrompt);
  EXPECT_EQ(calls, 0);
  // Unblocked, the same tool runs (so the zero above is meaningful).
  auto ok = backend().models().generate_content(kModel, "Use get_weather", cfg);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(calls, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SafetyTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& i) { return i.param ? "Vertex" : "DeveloperApi"; });

}  // namespace
}  // namespace genai::testing
