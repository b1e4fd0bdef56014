// Function calling, structured output, thinking, chats and automatic function
// calling: libgenai against the real emulator over loopback.
#include <stdexcept>

#include "genai/schema.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kModel = "gemini-2.5-flash";

class GenerationTest : public EmulatorTest {};

FunctionDeclaration weather_decl() {
  return FunctionDeclaration{"get_weather", "Current weather in a city", json::parse(R"({
      "type": "OBJECT",
      "properties": {"city": {"type": "STRING"}, "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]},
                     "days": {"type": "INTEGER", "minimum": 1, "maximum": 7}, "alerts": {"type": "BOOLEAN"}},
      "required": ["city"]})"),
                             std::nullopt};
}

GenerateContentConfig with_weather_tool(std::optional<std::string> mode = std::nullopt) {
  GenerateContentConfig cfg;
  cfg.tools = {Tool{{weather_decl(), FunctionDeclaration{"get_time", "Local time", std::nullopt, std::nullopt}},
                    std::nullopt, std::nullopt, {}}};
  if (mode) cfg.tool_config = ToolConfig{FunctionCallingConfig{mode, {}}, std::nullopt};
  return cfg;
}

TEST_F(GenerationTest, NamedFunctionIsCalledWithArgsFromItsSchema) {
  const auto cfg = with_weather_tool();
  auto r = client().models().generate_content(kModel, "Use get_weather for Paris", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->function_calls().size(), 1u);
  const FunctionCall call = r->function_calls()[0];
  EXPECT_EQ(call.name, "get_weather");
  EXPECT_FALSE(validate_json(call.args, *weather_decl().parameters)) << call.args.dump();
  EXPECT_TRUE(call.args["city"].is_string());
  EXPECT_EQ(r->text(), "");
  // Deterministic.
  EXPECT_EQ(client().models().generate_content(kModel, "Use get_weather for Paris", cfg)->function_calls()[0], call);

  // Not named: a plain answer; mode NONE: never a call; mode ANY: always one.
  EXPECT_TRUE(client().models().generate_content(kModel, "Hello there", cfg)->function_calls().empty());
  EXPECT_TRUE(client().models().generate_content(kModel, "Use get_weather", with_weather_tool("NONE"))
                  ->function_calls().empty());
  auto any = client().models().generate_content(kModel, "Hello there", with_weather_tool("ANY"));
  ASSERT_EQ(any->function_calls().size(), 1u);
  GenerateContentConfig allowed = with_weather_tool("ANY");
  allowed.tool_config->function_calling_config->allowed_function_names = {"get_time"};
  EXPECT_EQ(client().models().generate_content(kModel, "Hello", allowed)->function_calls()[0].name, "get_time");
}

TEST_F(GenerationTest, FunctionResponseIsReportedInTheAnswer) {
  const auto cfg = with_weather_tool();
  std::vector<Content> contents = {Content::from_text("Use get_weather for Paris")};
  auto first = client().models().generate_content(kModel, contents, cfg).value();
  contents.push_back(*first.candidates[0].content);
  contents.push_back(Content{"user", {Part::from_function_response("get_weather", json{{"temp_c", 21}})}});
  auto r = client().models().generate_content(kModel, contents, cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_TRUE(r->function_calls().empty());
  EXPECT_NE(r->text().find(R"(get_weather returned {"temp_c":21})"), std::string::npos) << r->text();
}

TEST_F(GenerationTest, JsonAnswersFitTheirSchema) {
  const json openapi = json::parse(R"({"type": "OBJECT", "properties": {
      "title": {"type": "STRING"}, "rating": {"type": "NUMBER", "minimum": 0, "maximum": 5},
      "genre": {"type": "STRING", "enum": ["drama", "comedy"]},
      "cast": {"type": "ARRAY", "items": {"type": "OBJECT", "properties": {"name": {"type": "STRING"},
                                                                         "age": {"type": "INTEGER"}}}}},
      "required": ["title", "cast"], "propertyOrdering": ["title", "genre", "rating", "cast"]})");
  const json json_schema = json::parse(R"({"type": "object", "properties": {
      "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
      "score": {"type": ["integer", "null"]}, "ok": {"type": "boolean"}},
      "required": ["tags", "score", "ok"], "additionalProperties": false})");
  for (bool use_json_schema : {false, true}) {
    GenerateContentConfig cfg;
    cfg.response_mime_type = "application/json";
    const json& schema = use_json_schema ? json_schema : openapi;
    if (use_json_schema) {
      cfg.response_json_schema = schema;
    } else {
      cfg.response_schema = schema;
    }
    auto r = client().models().generate_content(kModel, "Describe a film", cfg);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    auto parsed = parse_json_response(*r, schema);
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string() << "\n" << r->text();
    if (use_json_schema) {
      EXPECT_EQ((*parsed)["tags"].size(), 2u);
    } else {
      EXPECT_EQ(r->text().rfind("{\"title\":", 0), 0u) << r->text();  // propertyOrdering kept
      EXPECT_GE((*parsed)["cast"].size(), 1u);
      EXPECT_LE((*parsed)["cast"].size(), 3u);
    }
    // The stream carries the same JSON.
    std::string streamed;
    for (auto& chunk : client().models().generate_content_stream(kModel, "Describe a film", cfg)) {
      ASSERT_TRUE(chunk.ok());
      streamed += chunk->text();
    }
    EXPECT_EQ(streamed, r->text());
  }
}

TEST_F(GenerationTest, ThoughtsComeFirstAndAreCounted) {
  GenerateContentConfig cfg;
  cfg.thinking_config = ThinkingConfig{64, true};
  auto r = client().models().generate_content(kModel, "Why is the sky blue?", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& parts = r->candidates[0].content->parts;
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[0].thought.value_or(false));
  EXPECT_FALSE(r->thoughts().empty());
  EXPECT_FALSE(r->text().empty());
  const UsageMetadata& u = *r->usage_metadata;
  ASSERT_TRUE(u.thoughts_token_count);
  EXPECT_GT(*u.thoughts_token_count, 0);
  EXPECT_LE(*u.thoughts_token_count, 64);
  EXPECT_EQ(*u.total_token_count, *u.prompt_token_count + *u.candidates_token_count + *u.thoughts_token_count);

  // Thinking without includeThoughts is counted but not shown; budget 0 turns it off.
  cfg.thinking_config = ThinkingConfig{64, false};
  auto hidden = client().models().generate_content(kModel, "Why is the sky blue?", cfg).value();
  EXPECT_TRUE(hidden.thoughts().empty());
  EXPECT_TRUE(hidden.usage_metadata->thoughts_token_count);
  cfg.thinking_config = ThinkingConfig{0, std::nullopt};
  EXPECT_FALSE(client().models().generate_content(kModel, "x", cfg)->usage_metadata->thoughts_token_count);

  cfg.thinking_config = ThinkingConfig{std::nullopt, true};
  auto stream = client().models().generate_content_stream(kModel, "Why is the sky blue?", cfg);
  std::vector<GenerateContentResponse> chunks;
  for (auto& chunk : stream) chunks.push_back(chunk.value());
  ASSERT_GE(chunks.size(), 2u);
  EXPECT_FALSE(chunks[0].thoughts().empty());
  EXPECT_TRUE(chunks[0].text().empty());
}

// ---- chats -------------------------------------------------------------------

TEST_F(GenerationTest, ChatOfTwentyTurnsSendsExactlyItsHistory) {
  Chat chat = client().chats().create(kModel);
  std::vector<Content> expected;
  for (int i = 0; i < 20; ++i) {
    const std::string message = "Turn " + std::to_string(i) + ": tell me more";
    std::string answer;
    if (i % 5 == 4) {
      for (auto& chunk : chat.send_message_stream(message)) {
        ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
        answer += chunk->text();
      }
    } else if (i % 5 == 3) {
      // On the event loop; the turn is recorded before the future is ready.
      Result<void> end = chat.send_message_stream_async(message, [&answer](GenerateContentResponse chunk) {
                               answer += chunk.text();
                               return true;
                             }).get();
      ASSERT_TRUE(end.ok()) << end.error().to_string();
    } else if (i % 5 == 2) {
      auto r = chat.send_message_async(message).get();
      ASSERT_TRUE(r.ok()) << r.error().to_string();
      answer = r->text();
    } else {
      auto r = chat.send_message(message);
      ASSERT_TRUE(r.ok()) << r.error().to_string();
      answer = r->text();
    }
    // The emulator's answer depends on every byte of the request, so the same
    // answer to a replay of the expected history proves the chat sent it.
    expected.push_back(Content::from_text(message));
    auto replay = client().models().generate_content(kModel, expected).value();
    EXPECT_EQ(answer, replay.text()) << "turn " << i;
    expected.push_back(*replay.candidates[0].content);
  }
  EXPECT_EQ(chat.history().size(), 40u);
  EXPECT_EQ(chat.history(), expected);
  EXPECT_EQ(chat.get_history(), expected);  // nothing invalid, so both histories agree
}

TEST_F(GenerationTest, FailedTurnsLeaveHistoryUnchanged) {
  Chat chat = client().chats().create(kModel);
  ASSERT_TRUE(chat.send_message("Hello").ok());
  const auto before = chat.history();
  set_faults("generateContent=500#1");
  auto failed = chat.send_message("This one fails");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().http_status, 500);
  EXPECT_EQ(chat.history(), before);
  EXPECT_EQ(chat.get_history(), before);

  set_faults("streamGenerateContent=cut");
  bool saw_error = false;
  for (auto& chunk : chat.send_message_stream("This stream breaks")) saw_error = saw_error || !chunk.ok();
  EXPECT_TRUE(saw_error);
  EXPECT_EQ(chat.history(), before);
  Result<void> cut = chat.send_message_stream_async("This one breaks too", [](GenerateContentResponse) { return true; })
                         .get();
  EXPECT_FALSE(cut.ok());
  EXPECT_EQ(chat.history(), before);
  set_faults("");

  auto next = chat.send_message("Now it works");
  ASSERT_TRUE(next.ok()) << next.error().to_string();
  std::vector<Content> expected = before;
  expected.push_back(Content::from_text("Now it works"));
  EXPECT_EQ(next->text(), client().models().generate_content(kModel, expected)->text());
  EXPECT_EQ(chat.history().size(), 4u);
}

TEST_F(GenerationTest, ChatHistorySavesAndLoads) {
  Chat chat = client().chats().create(kModel, {}, {Content::from_text("I'm Ada."), Content::from_text("Hi Ada.", "model")});
  ASSERT_TRUE(chat.send_message("What's my name?").ok());
  const json saved = chat.history_json();
  EXPECT_EQ(saved[0]["parts"][0]["text"], "I'm Ada.");
  auto loaded = Chat::history_from_json(json::parse(saved.dump()));
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  Chat again = client().chats().create(kModel, {}, *loaded);
  EXPECT_EQ(again.history(), chat.history());
  EXPECT_EQ(again.send_message("And again?")->text(), chat.send_message("And again?")->text());
  EXPECT_FALSE(Chat::history_from_json(json::parse(R"([{"role": "system", "parts": []}])")).ok());
  EXPECT_FALSE(Chat::history_from_json(json::object()).ok());
  // An invalid model turn in a loaded history drops itself and its question.
  Chat curated = client().chats().create(
      kModel, {}, {Content::from_text("q1"), Content{"model", {}}, Content::from_text("q2"), Content::from_text("a2", "model")});
  EXPECT_EQ(curated.history().size(), 2u);
  EXPECT_EQ(curated.get_history().size(), 4u);
}

// ---- automatic function calling ---------------------------------------------

struct Calls {
  std::vector<std::string> names;
};

Tool location_and_weather(Calls& calls) {
  return Tool::from_functions({
      CallableFunction{FunctionDeclaration{"get_location", "Where the user is", std::nullopt, std::nullopt},
                       [&calls](const json&) {
                         calls.names.push_back("get_location");
                         return json{{"city", "Paris"}};
                       }},
      CallableFunction{weather_decl(),
                       [&calls](const json& args) {
                         calls.names.push_back("get_weather");
                         EXPECT_TRUE(args.contains("city"));
                         return json(21);  // not an object: sent as {"result": 21}
                       }},
  });
}

TEST_F(GenerationTest, AutomaticFunctionCallingChainsCalls) {
  Calls calls;
  GenerateContentConfig cfg;
  cfg.tools = {location_and_weather(calls)};
  auto r = client().models().generate_content(kModel, "Call get_location, then get_weather there.", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(calls.names, (std::vector<std::string>{"get_location", "get_weather"}));
  EXPECT_TRUE(r->function_calls().empty());
  EXPECT_NE(r->text().find(R"(get_location returned {"city":"Paris"})"), std::string::npos) << r->text();
  EXPECT_NE(r->text().find(R"(get_weather returned {"result":21})"), std::string::npos) << r->text();
  const auto& h = r->automatic_function_calling_history;
  ASSERT_EQ(h.size(), 5u);  // input, call, response, call, response
  EXPECT_EQ(h[1].parts[0].function_call->name, "get_location");
  EXPECT_EQ(h[4].parts[0].function_response->name, "get_weather");

  // A chat records the calls and responses as part of the conversation.
  calls.names.clear();
  Chat chat = client().chats().create(kModel, cfg);
  ASSERT_TRUE(chat.send_message("Call get_location, then get_weather there.").ok());
  EXPECT_EQ(calls.names.size(), 2u);
  EXPECT_EQ(chat.history().size(), 6u);
  EXPECT_EQ(chat.history().back().role, "model");

  // maximum_remote_calls bounds the model requests; the last calls are returned, not run.
  calls.names.clear();
  cfg.automatic_function_calling = AutomaticFunctionCallingConfig{false, 2};
  auto bounded = client().models().generate_content(kModel, "Call get_location, then get_weather there.", cfg);
  ASSERT_TRUE(bounded.ok());
  EXPECT_EQ(calls.names, std::vector<std::string>{"get_location"});
  ASSERT_EQ(bounded->function_calls().size(), 1u);
  EXPECT_EQ(bounded->function_calls()[0].name, "get_weather");

  // Disabled: the call comes back to the caller.
  calls.names.clear();
  cfg.automatic_function_calling = AutomaticFunctionCallingConfig{true, 10};
  auto manual = client().models().generate_content(kModel, "Call get_location, then get_weather there.", cfg);
  EXPECT_TRUE(calls.names.empty());
  EXPECT_EQ(manual->function_calls().at(0).name, "get_location");
}

TEST_F(GenerationTest, ThrowingFunctionIsAClearError) {
  GenerateContentConfig cfg;
  cfg.tools = {Tool::from_functions({CallableFunction{
      weather_decl(), [](const json&) -> json { throw std::runtime_error("weather service unreachable"); }}})};
  auto r = client().models().generate_content(kModel, "Use get_weather please", cfg);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message.find("get_weather"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("weather service unreachable"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
