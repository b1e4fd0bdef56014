// JsonWriter and DomWriter (core/json_writer.h), and the generateContent
// body written without a DOM (write_generate_content_request): the same JSON
// as the DOM built from the same structs, and no body at all for text that
// is not UTF-8 (the DOM's way then names the field).
#include "core/json_writer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/json_parse.h"
#include "core/json_types.h"

namespace genai::internal {
namespace {

using nlohmann::json;

// Both writers given the same calls: the text, and the DOM's dump.
template <typename Write>
std::pair<std::string, json> both(Write write) {
  std::string text;
  JsonWriter bytes(text);
  write(bytes);
  json dom;
  DomWriter tree(dom);
  write(tree);
  return {text, dom};
}

TEST(JsonWriter, WritesWhatTheDomDumpsInTheOrderWritten) {
  const auto [text, dom] = both([](auto& w) {
    w.begin_object();
    w.key("b");
    w.string("quote \" backslash \\ newline \n tab \t bell \x07 caf\xc3\xa9");
    w.key("a");
    w.begin_array();
    w.boolean(true);
    w.value(json(-3));
    w.value(json(0.5));
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.value(json::parse(R"J({"z":[1,{"y":null}]})J"));
    w.end_array();
    w.key("c");
    w.begin_object();
    w.key("d");
    w.boolean(false);
    w.end_object();
    w.end_object();
  });
  EXPECT_EQ(text,
            "{\"b\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 caf\xc3\xa9\","
            "\"a\":[true,-3,0.5,{},[],{\"z\":[1,{\"y\":null}]}],\"c\":{\"d\":false}}");
  EXPECT_EQ(parse_json(text), dom);
  EXPECT_EQ(dom.dump(), dump_json(dom));
}

TEST(JsonWriter, AnEmptyMemberObjectCanBeTakenBackWithItsKey) {
  const auto [text, dom] = both([](auto& w) {
    w.begin_object();
    w.key("empty_first");
    w.begin_object();
    w.end_object_or_drop();
    w.key("a");
    w.value(json(1));
    w.key("kept");
    w.begin_object();
    w.key("x");
    w.boolean(true);
    w.end_object_or_drop();
    w.key("empty_last");
    w.begin_object();
    w.end_object_or_drop();
    w.key("list");
    w.begin_array();
    w.begin_object();
    w.end_object_or_drop();  // an element stays
    w.end_array();
    w.key("empty_at_end");
    w.begin_object();
    w.end_object_or_drop();
    w.end_object();
  });
  EXPECT_EQ(text, R"J({"a":1,"kept":{"x":true},"list":[{}]})J");
  EXPECT_EQ(parse_json(text), dom);

  // Nothing at all: the root stays.
  const auto [root, root_dom] = both([](auto& w) {
    w.begin_object();
    w.end_object_or_drop();
  });
  EXPECT_EQ(root, "{}");
  EXPECT_EQ(root_dom, json::object());
}

TEST(JsonWriter, ManyNamesAndDeepObjectsGoPastTheInlineStacks) {
  const auto [text, dom] = both([](auto& w) {
    for (int depth = 0; depth < 20; ++depth) {
      w.begin_object();
      for (int i = 0; i < 5; ++i) {
        w.key(i == 0 ? "a" : i == 1 ? "b" : i == 2 ? "c" : i == 3 ? "d" : "e");
        w.value(json(i));
      }
      EXPECT_TRUE(w.has_key("e"));
      w.key("next");
    }
    w.boolean(true);
    for (int depth = 0; depth < 20; ++depth) {
      EXPECT_TRUE(w.has_key("next"));
      EXPECT_TRUE(w.has_key("a"));
      w.end_object();
    }
  });
  EXPECT_EQ(parse_json(text), dom);
  EXPECT_EQ(dom["next"]["next"]["e"], 4);
}

TEST(JsonWriter, HasKeyLooksOnlyAtTheInnermostOpenObject) {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  w.key("outer");
  w.begin_object();
  w.key("inner");
  w.boolean(true);
  EXPECT_TRUE(w.has_key("inner"));
  EXPECT_FALSE(w.has_key("outer"));
  w.end_object();
  EXPECT_TRUE(w.has_key("outer"));
  EXPECT_FALSE(w.has_key("inner"));
  w.end_object();
}

TEST(JsonWriter, TextThatIsNotUtf8ThrowsAsDumpDoes) {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  w.key("text");
  EXPECT_THROW(w.string("bad \xff byte"), json::type_error);
}

// Every kind of part, extra members (one shadowed by a modelled field), a
// system instruction, tools, safety settings and a generation config.
GenerateContentConfig full_config() {
  GenerateContentConfig c;
  c.system_instruction = Content::from_text("Be brief.");
  c.system_instruction->role = "system";
  c.temperature = 0.25;
  c.max_output_tokens = 64;
  c.stop_sequences = {"END"};
  c.response_mime_type = "application/json";
  ThinkingConfig thinking;
  thinking.thinking_budget = 0;
  c.thinking_config = thinking;
  SafetySetting safety;
  safety.category = "HARM_CATEGORY_HATE_SPEECH";
  safety.threshold = "BLOCK_NONE";
  c.safety_settings = {safety};
  Tool tool;
  FunctionDeclaration f;
  f.name = "get_weather";
  f.description = "The weather in a city.";
  tool.function_declarations = {f};
  c.tools = {tool};
  c.labels = json{{"team", "genai"}};
  c.service_tier = "standard";
  return c;
}

std::vector<Content> full_contents() {
  Content user = Content::from_text("Hello \"world\"\n\xe2\x82\xac \x01");
  user.parts.push_back(Part::from_bytes(std::string("\x89PNG\0\x01", 6), "image/png"));
  Part file;
  file.file_data = FileData{"video/mp4", "https://generativelanguage.googleapis.com/v1beta/files/abc", {}};
  user.parts.push_back(file);
  Part with_extra = Part::from_text("modelled wins");
  with_extra.extra = json{{"text", "shadowed"}, {"mediaResolution", {{"level", "MEDIA_RESOLUTION_LOW"}}}};
  user.parts.push_back(with_extra);
  user.extra = json{{"futureField", 1}};

  Content model;
  model.role = "model";
  Part call;
  call.function_call = FunctionCall{};
  call.function_call->id = "call-1";
  call.function_call->name = "get_weather";
  call.function_call->args = json{{"city", "Paris"}, {"days", json::array({1, 2})}};
  call.thought_signature = "c2lnbmF0dXJl";
  model.parts.push_back(call);
  Part code;
  code.executable_code = ExecutableCode{"PYTHON", "print(1)", {}};
  model.parts.push_back(code);
  Part result;
  result.code_execution_result = CodeExecutionResult{"OUTCOME_OK", "1\n", {}};
  model.parts.push_back(result);
  Part thought = Part::from_text("thinking...");
  thought.thought = true;
  model.parts.push_back(thought);

  Content reply;
  reply.role = "user";
  Part response;
  response.function_response = FunctionResponse{};
  response.function_response->name = "get_weather";
  response.function_response->response = json{{"temperature", 21.5}};
  reply.parts.push_back(response);
  Content empty;  // "parts": [] all the same
  return {user, model, reply, empty};
}

TEST(GenerateRequestWriter, WritesTheBodyTheDomHolds) {
  const std::vector<Content> contents = full_contents();
  const GenerateContentConfig config = full_config();
  const json dom = generate_content_request_body(contents, config);
  const std::optional<std::string> text = write_generate_content_request(contents, config, config.cached_content);
  ASSERT_TRUE(text);
  EXPECT_EQ(parse_json(*text), dom) << *text;
  EXPECT_EQ(dom["contents"][0]["parts"][3]["text"], "modelled wins");
  EXPECT_EQ(dom["contents"][0]["parts"][3]["mediaResolution"]["level"], "MEDIA_RESOLUTION_LOW");
  EXPECT_EQ(dom["contents"][3], json::parse(R"J({"parts":[]})J"));

  // Nothing set: the contents alone, members in the order written.
  EXPECT_EQ(*write_generate_content_request({Content::from_text("Hi")}, {}, std::nullopt),
            R"J({"contents":[{"role":"user","parts":[{"text":"Hi"}]}]})J");
}

TEST(GenerateRequestWriter, TheCachedContentNameIsTheOneGiven) {
  GenerateContentConfig config;
  config.cached_content = "abc";
  const std::optional<std::string> text =
      write_generate_content_request({Content::from_text("Hi")}, config, std::string("cachedContents/abc"));
  ASSERT_TRUE(text);
  EXPECT_EQ(parse_json(*text)["cachedContent"], "cachedContents/abc");
}

TEST(GenerateRequestWriter, TextThatIsNotUtf8WritesNothing) {
  EXPECT_FALSE(write_generate_content_request({Content::from_text("caf\xe9")}, {}, std::nullopt));
  GenerateContentConfig config;
  config.system_instruction = Content::from_text("\xc3");
  EXPECT_FALSE(write_generate_content_request({Content::from_text("ok")}, config, std::nullopt));
}

}  // namespace
}  // namespace genai::internal
