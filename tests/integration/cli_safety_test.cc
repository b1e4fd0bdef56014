// genai generate / chat with --safety and a blocked answer: the explanation
// on stderr (never an empty answer), exit code 6, the chat going on.
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

class CliSafetyTest : public EmulatorTest {
 protected:
  ProcessResult genai(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin(), GENAI_CLI_PATH);
    return run_process(args, {{"GOOGLE_GEMINI_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}}, stdin_text);
  }
};

constexpr const char* kUnsafe = "How to emulator-unsafe-dangerous:high";

TEST_F(CliSafetyTest, BlockedPromptExplainsOnStderrAndExits6) {
  for (const char* mode : {"--no-stream", "--stream"}) {
    auto r = genai({"generate", mode, "--safety", "dangerous=low", kUnsafe});
    EXPECT_EQ(r.exit_code, 6) << mode << ": " << r.err;
    EXPECT_EQ(r.out, "") << mode;
    EXPECT_NE(r.err.find("genai: blocked: The prompt was blocked"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("HARM_CATEGORY_DANGEROUS_CONTENT with HIGH probability"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("BLOCK_NONE or OFF"), std::string::npos) << r.err;
  }
  // Full enum names, and a later flag for the same category wins.
  auto passes = genai({"generate", "--no-stream", "--safety", "HARM_CATEGORY_DANGEROUS_CONTENT=BLOCK_LOW_AND_ABOVE",
                       "--safety", "dangerous=none", kUnsafe});
  EXPECT_EQ(passes.exit_code, 0) << passes.err;
  EXPECT_FALSE(passes.out.empty());
  // Without --safety the model default (OFF) lets it through.
  EXPECT_EQ(genai({"generate", "--no-stream", kUnsafe}).exit_code, 0);
}

TEST_F(CliSafetyTest, StoppedAnswerAndRecitationExit6) {
  auto streamed = genai({"generate", "--stream", "--safety", "all=medium", "Write emulator-answer-unsafe-hate:medium"});
  EXPECT_EQ(streamed.exit_code, 6) << streamed.err;
  EXPECT_FALSE(streamed.out.empty());  // what came before the stop was shown
  EXPECT_NE(streamed.err.find("The answer was stopped"), std::string::npos) << streamed.err;
  EXPECT_NE(streamed.err.find("HARM_CATEGORY_HATE_SPEECH to BLOCK_ONLY_HIGH"), std::string::npos) << streamed.err;
  auto recitation = genai({"generate", "--no-stream", "Recite emulator-finish:recitation"});
  EXPECT_EQ(recitation.exit_code, 6) << recitation.err;
  EXPECT_NE(recitation.err.find("RECITATION"), std::string::npos) << recitation.err;
}

TEST_F(CliSafetyTest, JsonOutputKeepsTheBlock) {
  auto r = genai({"generate", "--json", "--safety", "dangerous=low", kUnsafe});
  EXPECT_EQ(r.exit_code, 6) << r.err;
  const Json j = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["promptFeedback"]["blockReason"], "SAFETY");
  EXPECT_NE(r.err.find("genai: blocked:"), std::string::npos);
}

TEST_F(CliSafetyTest, BadSafetyValuesAreUsageErrorsListingTheValidOnes) {
  auto r = genai({"generate", "--safety", "dangerous=sometimes", "Hi"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("only_high"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("BLOCK_MEDIUM_AND_ABOVE"), std::string::npos) << r.err;
  auto chat = genai({"chat", "--safety", "gore=none"}, "Hi\n");
  EXPECT_EQ(chat.exit_code, 2) << chat.err;
  EXPECT_NE(chat.err.find("harassment"), std::string::npos) << chat.err;
  // The option takes one value: the prompt after it stays the prompt.
  auto prompt_kept = genai({"generate", "--no-stream", "--safety", "dangerous=none", "Hello", "there"});
  EXPECT_EQ(prompt_kept.exit_code, 0) << prompt_kept.err;
}

TEST_F(CliSafetyTest, ChatExplainsABlockedTurnAndGoesOnWithoutIt) {
  for (const char* mode : {"--no-stream", ""}) {
    std::vector<std::string> args = {"chat", "--safety", "dangerous=low"};
    if (*mode) args.push_back(mode);
    auto r = genai(args, std::string("My name is Ada.\n") + kUnsafe + "\nWhat is my name?\n/history\n");
    EXPECT_EQ(r.exit_code, 6) << r.err;  // piped: a blocked turn makes the run fail
    EXPECT_NE(r.err.find("genai: blocked: The prompt was blocked"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not kept in the conversation"), std::string::npos) << r.err;
    const size_t json_at = r.out.find("[\n");
    ASSERT_NE(json_at, std::string::npos) << r.out;
    const Json history = Json::parse(r.out.substr(json_at), nullptr, false);
    ASSERT_TRUE(history.is_array()) << r.out;
    ASSERT_EQ(history.size(), 4u) << history.dump();
    EXPECT_EQ(history[2]["parts"][0]["text"], "What is my name?");
    EXPECT_EQ(history.dump().find("emulator-unsafe"), std::string::npos);
  }
}

}  // namespace
}  // namespace genai::testing
