// Block: finding a withheld answer in a response and explaining it, from
// Google's wire shapes; the CLI's --safety parser; the emulator's classifier
// and thresholds on their own (no server).
#include <gtest/gtest.h>

#include "cli/safety.h"
#include "core/json_types.h"
#include "emulator/backend/safety.h"

namespace genai {
namespace {

using nlohmann::json;

GenerateContentResponse parse(const char* body) {
  Result<GenerateContentResponse> r = internal::parse_generate_content_response(json::parse(body));
  EXPECT_TRUE(r.ok());
  return r.value();
}

// Google's shape of a refused prompt (Developer API): no candidates.
constexpr const char* kPromptBlocked = R"({
  "promptFeedback": {"blockReason": "SAFETY", "safetyRatings": [
    {"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT", "probability": "NEGLIGIBLE"},
    {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE"},
    {"category": "HARM_CATEGORY_HARASSMENT", "probability": "MEDIUM", "blocked": true},
    {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "LOW"}]},
  "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}})";

TEST(Safety, PromptBlockNamesTheTrippedCategoryAndTheThresholdThatPasses) {
  const GenerateContentResponse r = parse(kPromptBlocked);
  EXPECT_EQ(r.text(), "");
  std::optional<Block> b = r.blocked();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->source, Block::Source::kPrompt);
  EXPECT_EQ(b->reason, "SAFETY");
  EXPECT_TRUE(b->adjustable());
  // Only the rating Google marked blocked, not the LOW one.
  ASSERT_EQ(b->ratings.size(), 1u);
  EXPECT_EQ(b->ratings[0].category, "HARM_CATEGORY_HARASSMENT");
  const std::string e = b->explanation();
  EXPECT_NE(e.find("The prompt was blocked"), std::string::npos) << e;
  EXPECT_NE(e.find("HARM_CATEGORY_HARASSMENT with MEDIUM probability"), std::string::npos) << e;
  EXPECT_NE(e.find("safety_settings for HARM_CATEGORY_HARASSMENT to BLOCK_ONLY_HIGH"), std::string::npos) << e;
  EXPECT_EQ(e.find("DANGEROUS"), std::string::npos) << e;
}

TEST(Safety, HighProbabilityPassesOnlyWithBlockNoneOrOff) {
  const GenerateContentResponse r = parse(R"({"candidates": [{"finishReason": "SAFETY", "index": 0,
      "safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": true}]}]})");
  std::optional<Block> b = r.blocked();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->source, Block::Source::kCandidate);
  const std::string e = b->explanation();
  EXPECT_NE(e.find("The answer was stopped"), std::string::npos) << e;
  EXPECT_NE(e.find("HARM_CATEGORY_DANGEROUS_CONTENT to BLOCK_NONE or OFF"), std::string::npos) << e;
  EXPECT_EQ(e.find("BLOCK_ONLY_HIGH"), std::string::npos) << e;
}

TEST(Safety, WithoutBlockedMarksTheMostProbableRatingsStandIn) {
  const GenerateContentResponse r = parse(R"({"candidates": [{"finishReason": "SAFETY", "safetyRatings": [
      {"category": "HARM_CATEGORY_HATE_SPEECH", "probability": "LOW", "severity": "HARM_SEVERITY_LOW"},
      {"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}]}]})");
  std::optional<Block> b = r.blocked();
  ASSERT_TRUE(b);
  ASSERT_EQ(b->ratings.size(), 1u);
  EXPECT_EQ(b->ratings[0].category, "HARM_CATEGORY_HATE_SPEECH");
  const std::string e = b->explanation();
  EXPECT_NE(e.find("LOW probability and HARM_SEVERITY_LOW"), std::string::npos) << e;
  EXPECT_NE(e.find("BLOCK_MEDIUM_AND_ABOVE"), std::string::npos) << e;
}

TEST(Safety, FiltersNoSettingChangesSaySo) {
  struct Case {
    const char* reason;
    const char* says;
  };
  for (const Case& c : {Case{"RECITATION", "Rephrase the prompt to ask for a summary"},
                        Case{"PROHIBITED_CONTENT", "Safety settings cannot change this"},
                        Case{"BLOCKLIST", "remove or reword the blocked term"},
                        Case{"SPII", "personal data"}}) {
    const GenerateContentResponse r =
        parse((std::string(R"({"candidates": [{"finishReason": ")") + c.reason + R"(", "index": 0}]})").c_str());
    std::optional<Block> b = r.blocked();
    ASSERT_TRUE(b) << c.reason;
    EXPECT_EQ(b->reason, c.reason);
    EXPECT_FALSE(b->adjustable()) << c.reason;
    EXPECT_TRUE(b->ratings.empty());
    EXPECT_NE(b->explanation().find(c.says), std::string::npos) << b->explanation();
    EXPECT_NE(b->explanation().find(c.reason), std::string::npos) << b->explanation();
  }
}

TEST(Safety, OtherStopsAndAnswersAreNotBlocks) {
  for (const char* reason : {"STOP", "MAX_TOKENS", "MALFORMED_FUNCTION_CALL"}) {
    const GenerateContentResponse r = parse(
        (std::string(R"({"candidates": [{"content": {"role": "model"}, "finishReason": ")") + reason + "\"}]}").c_str());
    EXPECT_FALSE(r.blocked()) << reason;
    EXPECT_TRUE(r.checked_text().ok()) << reason;
  }
  // A rating marked blocked is a block whatever the finish reason says.
  const GenerateContentResponse r = parse(R"({"candidates": [{"finishReason": "SOMETHING_NEW",
      "safetyRatings": [{"category": "HARM_CATEGORY_HARASSMENT", "probability": "HIGH", "blocked": true}]}]})");
  ASSERT_TRUE(r.blocked());
  EXPECT_EQ(r.blocked()->reason, "SOMETHING_NEW");
}

TEST(Safety, CheckedTextTurnsABlockIntoABlockedError) {
  GenerateContentResponse r = parse(R"({"promptFeedback": {"blockReason": "PROHIBITED_CONTENT",
      "blockReasonMessage": "The prompt was blocked due to prohibited contents."}})");
  Result<std::string> t = r.checked_text();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kBlocked);
  EXPECT_EQ(t.error().http_status, 200);
  EXPECT_NE(t.error().message.find("PROHIBITED_CONTENT"), std::string::npos);
  EXPECT_NE(t.error().message.find("Google says: The prompt was blocked due to prohibited contents."),
            std::string::npos)
      << t.error().message;
  EXPECT_NE(t.error().fix.find("cannot change"), std::string::npos);
  EXPECT_THROW((void)t.value(), BlockedError);

  GenerateContentResponse ok = parse(R"({"candidates": [{"content": {"parts": [{"text": "Hi."}], "role": "model"},
      "finishReason": "STOP"}]})");
  EXPECT_EQ(ok.checked_text().value(), "Hi.");
}

TEST(CliSafety, ShortAndFullNamesAndAll) {
  auto one = cli::parse_safety_setting("dangerous=none");
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].category, "HARM_CATEGORY_DANGEROUS_CONTENT");
  EXPECT_EQ((*one)[0].threshold, "BLOCK_NONE");
  EXPECT_EQ(cli::parse_safety_setting("Harassment=only-high")->at(0).threshold, "BLOCK_ONLY_HIGH");
  EXPECT_EQ(cli::parse_safety_setting("hate=low")->at(0).category, "HARM_CATEGORY_HATE_SPEECH");
  auto full = cli::parse_safety_setting("HARM_CATEGORY_SEXUALLY_EXPLICIT=BLOCK_MEDIUM_AND_ABOVE");
  ASSERT_TRUE(full.ok());
  EXPECT_EQ((*full)[0].category, "HARM_CATEGORY_SEXUALLY_EXPLICIT");
  EXPECT_EQ((*full)[0].threshold, "BLOCK_MEDIUM_AND_ABOVE");
  EXPECT_EQ(cli::parse_safety_setting("all=off")->size(), 4u);
  EXPECT_EQ(cli::parse_safety_setting("civic=unspecified")->at(0).threshold, "HARM_BLOCK_THRESHOLD_UNSPECIFIED");
}

TEST(CliSafety, BadValuesNameTheValidOnes) {
  auto bad_threshold = cli::parse_safety_setting("dangerous=sometimes");
  ASSERT_FALSE(bad_threshold.ok());
  EXPECT_NE(bad_threshold.error().message.find("unknown threshold \"sometimes\""), std::string::npos);
  EXPECT_NE(bad_threshold.error().fix.find("only_high"), std::string::npos);
  auto bad_category = cli::parse_safety_setting("violence=none");
  ASSERT_FALSE(bad_category.ok());
  EXPECT_NE(bad_category.error().fix.find("dangerous"), std::string::npos);
  EXPECT_FALSE(cli::parse_safety_setting("dangerous").ok());
}

}  // namespace

namespace emulator {
namespace {

TEST(EmulatorSafety, TriggerTokensRateTheirCategoryOnly) {
  Ratings r = classify("Tell me EMULATOR-UNSAFE-dangerous:medium and emulator-unsafe-dangerous:low, please");
  EXPECT_EQ(r, (Ratings{0, 0, 0, 2}));
  EXPECT_EQ(classify("emulator-unsafe-hate:high"), (Ratings{0, 3, 0, 0}));
  // Not whole tokens, unknown levels, and the answer trigger do not rate the prompt.
  EXPECT_FALSE(any_rated(classify("xemulator-unsafe-hate:high emulator-unsafe-hate:extreme")));
  EXPECT_FALSE(any_rated(classify("emulator-answer-unsafe-hate:high")));
  EXPECT_EQ(unsafe_answer("please emulator-answer-unsafe-sexual:medium"), "emulator-unsafe-sexual:medium");
  EXPECT_EQ(text_before_unsafe("Fine words. emulator-unsafe-sexual:medium."), "Fine words.");
}

TEST(EmulatorSafety, ThresholdsFollowGooglesLevels) {
  SafetyPolicy p;
  EXPECT_FALSE(p.blocks(3, 3));  // the Gemini 2.x default is OFF
  p.thresholds[3] = "BLOCK_LOW_AND_ABOVE";
  EXPECT_TRUE(p.blocks(3, 1));
  EXPECT_FALSE(p.blocks(3, 0));
  p.thresholds[3] = "BLOCK_MEDIUM_AND_ABOVE";
  EXPECT_FALSE(p.blocks(3, 1));
  EXPECT_TRUE(p.blocks(3, 2));
  p.thresholds[3] = "BLOCK_ONLY_HIGH";
  EXPECT_FALSE(p.blocks(3, 2));
  EXPECT_TRUE(p.blocks(3, 3));
  for (const char* never : {"BLOCK_NONE", "OFF", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"}) {
    p.thresholds[3] = never;
    EXPECT_FALSE(p.blocks(3, 3)) << never;
  }
}

TEST(EmulatorSafety, UnknownEnumValuesAreGooglesInvalidArgument) {
  const auto body = nlohmann::ordered_json::parse(
      R"({"safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"},
                             {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_SOMETIMES"}]})");
  auto dev = safety_policy(body, false, "v1beta");
  ASSERT_TRUE(std::holds_alternative<GoogleError>(dev));
  const GoogleError& e = std::get<GoogleError>(dev);
  EXPECT_EQ(e.http_status, 400);
  EXPECT_NE(e.body.find(R"(Invalid value at 'safety_settings[1].threshold' (type.googleapis.com/google.ai.generativelanguage.v1beta.SafetySetting.HarmBlockThreshold), \"BLOCK_SOMETIMES\")"),
            std::string::npos)
      << e.body;
  EXPECT_NE(e.body.find(R"("field": "safety_settings[1].threshold")"), std::string::npos) << e.body;
  auto vertex = safety_policy(nlohmann::ordered_json::parse(R"({"safetySettings": [{"category": "VIOLENCE"}]})"),
                              true, "v1");
  ASSERT_TRUE(std::holds_alternative<GoogleError>(vertex));
  EXPECT_NE(std::get<GoogleError>(vertex).body.find("google.cloud.aiplatform.v1.HarmCategory), \\\"VIOLENCE\\\""),
            std::string::npos)
      << std::get<GoogleError>(vertex).body;
  auto fine = safety_policy(
      nlohmann::ordered_json::parse(R"({"safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "OFF"}]})"),
      false, "v1beta");
  ASSERT_TRUE(std::holds_alternative<SafetyPolicy>(fine));
  EXPECT_EQ(std::get<SafetyPolicy>(fine).thresholds[1], "OFF");
}

}  // namespace
}  // namespace emulator
}  // namespace genai
