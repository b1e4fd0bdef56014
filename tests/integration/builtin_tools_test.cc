// Google Search grounding, code execution and automatic function calling
// while streaming, against the emulator on both backends.
#include "emulator/backend/builtin_tools.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kModel = "gemini-2.5-flash";

class BuiltinToolsTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  Client backend() { return backend_client(GetParam()); }
};

GenerateContentConfig with_tool(const char* kind) {
  GenerateContentConfig cfg;
  Tool t;
  if (std::string(kind) == "search") {
    t.google_search = Json::object();
  } else {
    t.code_execution = Json::object();
  }
  cfg.tools = {t};
  return cfg;
}

// Every support's segment is the answer's bytes [startIndex, endIndex), and
// points at an existing chunk.
void expect_valid_grounding(const Json& g, const std::string& text) {
  ASSERT_TRUE(g.is_object()) << g.dump();
  ASSERT_EQ(g["webSearchQueries"].size(), 1u);
  EXPECT_NE(g["searchEntryPoint"]["renderedContent"].get<std::string>().find("emulator.invalid"), std::string::npos);
  ASSERT_GE(g["groundingChunks"].size(), 1u);
  for (const Json& c : g["groundingChunks"]) {
    EXPECT_EQ(c["web"]["uri"].get<std::string>().rfind("https://emulator.invalid/search?q=", 0), 0u);
  }
  ASSERT_GE(g["groundingSupports"].size(), 1u);
  size_t covered = 0;
  for (const Json& s : g["groundingSupports"]) {
    const size_t start = s["segment"].value("startIndex", size_t{0});
    const size_t end = s["segment"]["endIndex"].get<size_t>();
    ASSERT_LE(start, end);
    ASSERT_LE(end, text.size());
    EXPECT_EQ(text.substr(start, end - start), s["segment"]["text"].get<std::string>());
    for (const Json& i : s["groundingChunkIndices"]) EXPECT_LT(i.get<size_t>(), g["groundingChunks"].size());
    covered = std::max(covered, end);
  }
  EXPECT_GT(covered, 0u);
}

TEST_P(BuiltinToolsTest, GoogleSearchGroundsTheAnswer) {
  Client c = backend();
  const auto cfg = with_tool("search");
  auto r = c.models().generate_content(kModel, "Who won the 1998 World Cup?", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->candidates[0].grounding_metadata);
  expect_valid_grounding(*r->candidates[0].grounding_metadata, r->text());
  EXPECT_EQ((*r->candidates[0].grounding_metadata)["webSearchQueries"][0], "Who won the 1998 World Cup");

  // Streamed: the metadata comes with the last chunk, its indices into the whole text.
  std::string streamed;
  std::optional<Json> grounding;
  for (auto& chunk : c.models().generate_content_stream(kModel, "Who won the 1998 World Cup?", cfg)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    streamed += chunk->text();
    if (!chunk->candidates.empty() && chunk->candidates[0].grounding_metadata) grounding = chunk->candidates[0].grounding_metadata;
  }
  EXPECT_EQ(streamed, r->text());
  ASSERT_TRUE(grounding);
  expect_valid_grounding(*grounding, streamed);

  // Without the tool: no grounding.
  EXPECT_FALSE(c.models().generate_content(kModel, "Who won the 1998 World Cup?").value().candidates[0].grounding_metadata);
}

TEST_P(BuiltinToolsTest, CodeExecutionComputesTheOutput) {
  Client c = backend();
  const auto cfg = with_tool("code");
  struct Case {
    const char* prompt;
    const char* code;
    const char* output;
  };
  for (const Case& k : {Case{"What is the sum of 1..100?", "print(sum(range(1, 100 + 1)))", "5050\n"},
                        Case{"Evaluate 2**10+3", "print(2**10+3)", "1027\n"},
                        Case{"Compute (7 - 2) * 3 / 4", "print((7 - 2) * 3 / 4)", "3.75\n"},
                        Case{"calculate the sum of the numbers from 10 to 20", "print(sum(range(10, 20 + 1)))", "165\n"}}) {
    auto r = c.models().generate_content(kModel, k.prompt, cfg);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    const auto& parts = r->candidates[0].content->parts;
    ASSERT_EQ(parts.size(), 3u) << k.prompt;
    ASSERT_TRUE(parts[0].executable_code);
    EXPECT_EQ(parts[0].executable_code->language, "PYTHON");
    EXPECT_EQ(r->executable_code(), k.code);
    ASSERT_TRUE(parts[1].code_execution_result);
    EXPECT_EQ(parts[1].code_execution_result->outcome, "OUTCOME_OK");
    EXPECT_EQ(r->code_execution_result(), k.output) << k.prompt;
    EXPECT_NE(r->text().find(std::string(k.output).substr(0, std::string(k.output).size() - 1)), std::string::npos);
  }

  auto failed = c.models().generate_content(kModel, "Compute 1/0", cfg).value();
  EXPECT_EQ(failed.candidates[0].content->parts[1].code_execution_result->outcome, "OUTCOME_FAILED");
  EXPECT_NE(failed.code_execution_result()->find("ZeroDivisionError"), std::string::npos);
  auto syntax = c.models().generate_content(kModel, "Evaluate 3 + (4", cfg).value();
  EXPECT_NE(syntax.code_execution_result()->find("SyntaxError"), std::string::npos);
  // Not a computation: a plain answer.
  EXPECT_FALSE(c.models().generate_content(kModel, "Tell me about rivers", cfg).value().executable_code());

  // Streamed: the code, the result, then the text.
  std::vector<GenerateContentResponse> chunks;
  for (auto& chunk : c.models().generate_content_stream(kModel, "Evaluate 6*7", cfg)) chunks.push_back(chunk.value());
  ASSERT_GE(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].executable_code(), "print(6*7)");
  EXPECT_EQ(chunks[1].code_execution_result(), "42\n");
}

TEST(ExpressionLanguage, FollowsPython) {
  auto eval = [](const char* e) { return emulator::evaluate_expression(e).text; };
  EXPECT_EQ(eval("2**3**2"), "512");
  EXPECT_EQ(eval("-2**2"), "-4");
  EXPECT_EQ(eval("7//2"), "3");
  EXPECT_EQ(eval("-7//2"), "-4");
  EXPECT_EQ(eval("-7 % 3"), "2");
  EXPECT_EQ(eval("8/2"), "4.0");
  EXPECT_EQ(eval("0.1+0.2"), "0.30000000000000004");
  EXPECT_EQ(eval("2**-1"), "0.5");
  EXPECT_EQ(eval("1_000 * 3"), "3000");
  EXPECT_FALSE(emulator::evaluate_expression("2**100").ok);
  EXPECT_FALSE(emulator::evaluate_expression("import os").ok);
  EXPECT_FALSE(emulator::evaluate_expression("5 % 0").ok);
}

TEST_P(BuiltinToolsTest, AutomaticFunctionCallingWhileStreaming) {
  Client c = backend();
  std::vector<std::string> calls;
  FunctionDeclaration lookup{"find_city", "The city of a landmark",
                             json::parse(R"({"type": "OBJECT", "properties": {"landmark": {"type": "STRING"}}})"),
                             std::nullopt};
  FunctionDeclaration weather{"get_weather", "Weather in a city",
                              json::parse(R"({"type": "OBJECT", "properties": {"city": {"type": "STRING"}}})"),
                              std::nullopt};
  GenerateContentConfig cfg;
  cfg.tools = {Tool::from_functions({
      {lookup, [&](const Json&) { calls.push_back("find_city"); return Json{{"city", "Paris"}}; }},
      {weather, [&](const Json&) { calls.push_back("get_weather"); return Json{{"temp_c", 21}}; }},
  })};
  const std::string prompt = "Use find_city for the Eiffel Tower, then get_weather there";
  std::string text;
  int chunks = 0;
  std::vector<Content> afc_history;
  for (auto& chunk : c.models().generate_content_stream(kModel, prompt, cfg)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    ++chunks;
    text += chunk->text();
    if (!chunk->automatic_function_calling_history.empty()) afc_history = chunk->automatic_function_calling_history;
  }
  EXPECT_EQ(calls, (std::vector<std::string>{"find_city", "get_weather"}));
  EXPECT_GT(chunks, 3);  // the two calls' chunks, then the answer in pieces
  EXPECT_NE(text.find(R"(get_weather returned {"temp_c":21})"), std::string::npos) << text;
  // input, call, response, call, response
  ASSERT_EQ(afc_history.size(), 5u);
  EXPECT_EQ(afc_history[1].parts[0].function_call->name, "find_city");
  EXPECT_EQ(afc_history[4].parts[0].function_response->name, "get_weather");
  // The same as the unary loop.
  calls.clear();
  EXPECT_EQ(c.models().generate_content(kModel, prompt, cfg).value().text(), text);

  // A chat records the calls and responses between the question and the answer.
  calls.clear();
  Chat chat = c.chats().create(kModel, cfg);
  for (auto& chunk : chat.send_message_stream(prompt)) ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
  EXPECT_EQ(calls.size(), 2u);
  const auto h = chat.history();
  ASSERT_EQ(h.size(), 6u);
  EXPECT_TRUE(h[1].parts[0].function_call);
  EXPECT_EQ(h[5].role, "model");
  EXPECT_NE(h[5].parts[0].text->find("get_weather returned"), std::string::npos);

  // maximum_remote_calls bounds the loop: one request, its call returned unrun.
  calls.clear();
  cfg.automatic_function_calling = AutomaticFunctionCallingConfig{false, 1};
  std::vector<FunctionCall> returned;
  for (auto& chunk : c.models().generate_content_stream(kModel, prompt, cfg)) {
    for (auto& fc : chunk.value().function_calls()) returned.push_back(fc);
  }
  EXPECT_TRUE(calls.empty());
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(returned[0].name, "find_city");
}

INSTANTIATE_TEST_SUITE_P(Backends, BuiltinToolsTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Vertex" : "Developer"; });

}  // namespace
}  // namespace genai::testing
