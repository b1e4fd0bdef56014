// genai chat and generate --schema / --thinking-budget, run as a user would
// (piped stdin) against the in-process emulator.
#include <sys/stat.h>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "genai/schema.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

using nlohmann::json;

class CliChatTest : public EmulatorTest {
 protected:
  ProcessResult genai(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin(), GENAI_CLI_PATH);
    return run_process(args, {{"GOOGLE_GEMINI_BASE_URL", base_url()}, {"GEMINI_API_KEY", key()}}, stdin_text);
  }
  std::string temp(const std::string& name) {
    return ::testing::TempDir() + "/genai-chat-" + std::to_string(::getpid()) + "-" + name;
  }
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_F(CliChatTest, PipedChatAnswersEachLineWithHistory) {
  auto r = genai({"chat"}, "My name is Ada.\nWhat is my name?\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;  // no prompt, no banner on a pipe: only the answers
  // The same conversation through the library gives the same answers.
  Chat chat = client().chats().create("gemini-2.5-flash");
  EXPECT_EQ(out[0], chat.send_message("My name is Ada.")->text());
  EXPECT_EQ(out[1], chat.send_message("What is my name?")->text());
  auto unstreamed = genai({"chat", "--no-stream"}, "My name is Ada.\nWhat is my name?\n");
  EXPECT_EQ(unstreamed.out, r.out);
}

// /save writes atomically: a save that cannot happen says why and leaves the
// chat going; a later /save replaces the file whole, still owner-only. The
// failed save is the user's file, so a piped chat exits 2 (as for a failed
// /load), not 1, which is for genai's own failures.
TEST_F(CliChatTest, SaveThatFailsSaysWhyAndSaveReplacesWhole) {
  const std::string path = temp("replaced.json");
  { std::ofstream(path) << "old contents that are much longer than any history saved over them ..."; }
  ::chmod(path.c_str(), 0644);
  auto r = genai({"chat"},
                 "Hello\n/save " + temp("no-such-dir") + "/h.json\nStill there?\n/save " + path + "\n/exit\n");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot write " + temp("no-such-dir") + "/h.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  fix: Check the path"), std::string::npos) << r.err;
  EXPECT_EQ(lines_of(r.out).size(), 2u) << r.out;  // the message after the failed save was answered
  EXPECT_NE(r.err.find("saved 4 turns"), std::string::npos) << r.err;
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(json::parse(ss.str(), nullptr, false).is_array()) << ss.str();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
}

TEST_F(CliChatTest, SaveResetLoadExit) {
  const std::string path = temp("history.json");
  std::remove(path.c_str());
  auto r = genai({"chat"}, "Hello\n/save " + path + "\n/reset\nFresh start\n/load " + path +
                               "\nAnd now?\n/bogus\n/exit\nnever sent\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_NE(r.err.find("unknown command /bogus"), std::string::npos) << r.err;

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto saved = Chat::history_from_json(json::parse(ss.str()));
  ASSERT_TRUE(saved.ok()) << saved.error().to_string();
  ASSERT_EQ(saved->size(), 2u);
  EXPECT_EQ(*(*saved)[1].parts[0].text, out[0]);

  // After /reset the history is empty; after /load it is the saved one.
  EXPECT_EQ(out[1], client().models().generate_content("gemini-2.5-flash", "Fresh start")->text());
  Chat loaded = client().chats().create("gemini-2.5-flash", {}, *saved);
  EXPECT_EQ(out[2], loaded.send_message("And now?")->text());

  // --history starts from the file.
  auto resumed = genai({"chat", "--history", path}, "And now?\n");
  EXPECT_EQ(lines_of(resumed.out), std::vector<std::string>{out[2]});
  std::remove(path.c_str());
}

TEST_F(CliChatTest, FailedTurnIsReportedAndTheChatGoesOn) {
  set_faults("streamGenerateContent=500#1");
  auto r = genai({"--retries", "1", "chat"}, "First\nSecond\n");
  EXPECT_EQ(r.exit_code, 4) << r.err;  // a piped run fails when a turn failed
  EXPECT_NE(r.err.find("genai: error:"), std::string::npos);
  const auto out = lines_of(r.out);
  ASSERT_EQ(out.size(), 1u) << r.out;
  EXPECT_EQ(out[0], client().models().generate_content("gemini-2.5-flash", "Second")->text());  // "First" was dropped
}

TEST_F(CliChatTest, GenerateWithSchemaPrintsValidatedJson) {
  const json schema = json::parse(R"({"type": "object", "properties": {
      "city": {"type": "string"}, "days": {"type": "array", "items": {"type": "integer"}}},
      "required": ["city", "days"]})");
  const std::string path = temp("schema.json");
  std::ofstream(path) << schema.dump();
  auto r = genai({"generate", "--schema", path, "Plan a trip"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json answer = json::parse(r.out);
  EXPECT_FALSE(validate_json(answer, schema)) << r.out;
  EXPECT_NE(r.out.find("\n  \"city\""), std::string::npos);  // pretty-printed

  std::ofstream(path) << "not json";
  EXPECT_EQ(genai({"generate", "--schema", path, "x"}).exit_code, 2);
  std::remove(path.c_str());
}

TEST_F(CliChatTest, ThinkingBudgetAndShowThoughts) {
  for (const char* mode : {"--no-stream", "--stream"}) {
    auto r = genai({"generate", mode, "--thinking-budget", "64", "--show-thoughts", "Why is the sky blue?"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("thought: **Considering the request**"), std::string::npos) << mode << ": " << r.err;
    EXPECT_EQ(r.out.find("Considering"), std::string::npos);  // thoughts never on stdout
    EXPECT_FALSE(r.out.empty());
  }
  auto hidden = genai({"generate", "--thinking-budget", "64", "Why is the sky blue?"});
  ASSERT_EQ(hidden.exit_code, 0) << hidden.err;
  EXPECT_EQ(hidden.err.find("thought:"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
