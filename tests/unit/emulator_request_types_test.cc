// The emulator's transcoder-style type checks on request bodies
// (emulator/handlers/request_types.h).
#include "emulator/handlers/request_types.h"

#include <gtest/gtest.h>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
constexpr const char* kDeveloper = "google.ai.generativelanguage.v1beta";

// The error's message, or "" when the body passes.
std::string check(ojson& body, const std::string& package = kDeveloper, const char* method = "generateContent") {
  auto e = check_request_types(body, *request_message(method), package);
  if (!e) return "";
  EXPECT_EQ(e->http_status, 400);
  const ojson j = ojson::parse(e->body);
  EXPECT_EQ(j["error"]["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(j["error"]["details"][0]["@type"], "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(j["error"]["details"][0]["fieldViolations"][0]["description"], j["error"]["message"]);
  return j["error"]["message"];
}

ojson with_text(const ojson& text) { return ojson{{"contents", {{{"parts", {{{"text", text}}}}}}}}; }

TEST(EmulatorRequestTypes, ValidRequestsPass) {
  ojson body = ojson::parse(R"({
    "contents": [{"role": "user", "parts": [{"text": "hi"}, {"inlineData": {"mimeType": "image/png", "data": "iVBO"}},
                                           {"functionCall": {"name": "f", "args": {"a": 1}}}, {"thought": true}]}],
    "systemInstruction": {"parts": [{"text": "be brief"}]},
    "generationConfig": {"temperature": 0.2, "topK": 40, "maxOutputTokens": 100, "stopSequences": ["x"],
                         "thinkingConfig": {"thinkingBudget": -1, "includeThoughts": false}},
    "tools": [{"anything": "is request_names' to refuse"}], "cachedContent": "cachedContents/abc"})");
  const ojson before = body;
  EXPECT_EQ(check(body), "");
  EXPECT_EQ(body, before);
}

TEST(EmulatorRequestTypes, ScalarsOfTheWrongTypeNameTheProtoPath) {
  ojson text = with_text(5);
  EXPECT_EQ(check(text), "Invalid value at 'contents[0].parts[0].text' (TYPE_STRING), 5");
  ojson temperature = with_text("hi");
  temperature["generationConfig"] = {{"temperature", "hot"}};
  EXPECT_EQ(check(temperature), "Invalid value at 'generation_config.temperature' (TYPE_FLOAT), \"hot\"");
  ojson count = with_text("hi");
  count["generationConfig"] = {{"candidateCount", 1.5}};
  EXPECT_EQ(check(count), "Invalid value at 'generation_config.candidate_count' (TYPE_INT32), 1.5");
  ojson huge = with_text("hi");
  huge["generationConfig"] = {{"maxOutputTokens", 3000000000LL}};
  EXPECT_EQ(check(huge), "Invalid value at 'generation_config.max_output_tokens' (TYPE_INT32), 3000000000");
  ojson thought = with_text("hi");
  thought["contents"][0]["parts"][0]["thought"] = "yes";
  EXPECT_EQ(check(thought), "Invalid value at 'contents[0].parts[0].thought' (TYPE_BOOL), \"yes\"");
  ojson nan_k = with_text("hi");
  nan_k["generationConfig"] = {{"topK", "NaN"}};
  EXPECT_EQ(check(nan_k), "Invalid value at 'generation_config.top_k' (TYPE_INT32), \"NaN\"");
}

TEST(EmulatorRequestTypes, MessagesAndListsOfTheWrongShape) {
  ojson contents{{"contents", "x"}};
  EXPECT_EQ(check(contents),
            "Invalid value at 'contents' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), \"x\"");
  ojson parts{{"contents", {{{"parts", {{"text", "hi"}}}}}}};
  EXPECT_EQ(check(parts, "google.cloud.aiplatform.v1"),
            "Invalid value at 'contents[0].parts' (type.googleapis.com/google.cloud.aiplatform.v1.Part), "
            "{\"text\":\"hi\"}");
  ojson args = with_text("hi");
  args["contents"][0]["parts"][0] = {{"functionCall", {{"name", "f"}, {"args", {1}}}}};
  EXPECT_EQ(check(args),
            "Invalid value at 'contents[0].parts[0].function_call.args' (type.googleapis.com/google.protobuf.Struct), "
            "[1]");
}

TEST(EmulatorRequestTypes, NumbersAsStringsAreParsedAsTheTranscoderDoes) {
  ojson body = with_text("hi");
  body["generationConfig"] = {{"temperature", "0.5"}, {"topK", "3"}, {"topP", "Infinity"}, {"seed", nullptr}};
  EXPECT_EQ(check(body), "");
  EXPECT_EQ(body["generationConfig"]["temperature"], 0.5);
  EXPECT_EQ(body["generationConfig"]["topK"], 3);
  EXPECT_TRUE(body["generationConfig"]["topK"].is_number_integer());
  EXPECT_TRUE(body["generationConfig"]["seed"].is_null());  // null is "not set"
}

TEST(EmulatorRequestTypes, ToolsAndToolConfig) {
  ojson name = with_text("hi");
  name["tools"] = {{{"functionDeclarations", {{{"name", 7}}}}}};
  EXPECT_EQ(check(name), "Invalid value at 'tools[0].function_declarations[0].name' (TYPE_STRING), 7");
  ojson params = with_text("hi");
  params["tools"] = {{{"functionDeclarations", {{{"name", "f"}, {"parameters", "object"}}}}}};
  EXPECT_EQ(check(params),
            "Invalid value at 'tools[0].function_declarations[0].parameters' "
            "(type.googleapis.com/google.ai.generativelanguage.v1beta.Schema), \"object\"");
  ojson mode = with_text("hi");
  mode["toolConfig"] = {{"functionCallingConfig", {{"mode", "SOMETIMES"}}}};
  EXPECT_EQ(check(mode),
            "Invalid value at 'tool_config.function_calling_config.mode' "
            "(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), \"SOMETIMES\"");
  ojson names = with_text("hi");
  names["toolConfig"] = {{"functionCallingConfig", {{"mode", "ANY"}, {"allowedFunctionNames", "f"}}}};
  EXPECT_EQ(check(names),
            "Invalid value at 'tool_config.function_calling_config.allowed_function_names' (TYPE_STRING), \"f\"");
  // An enum by number is read as its name; tools the emulator does not model pass.
  ojson by_number = with_text("hi");
  by_number["toolConfig"] = {{"functionCallingConfig", {{"mode", 2}}}};
  by_number["tools"] = {{{"googleSearch", ojson::object()}}, {{"someFutureTool", {{"x", 1}}}}};
  EXPECT_EQ(check(by_number), "");
  EXPECT_EQ(by_number["toolConfig"]["functionCallingConfig"]["mode"], "ANY");
}

TEST(EmulatorRequestTypes, CountTokensChecksItsGenerateContentRequest) {
  ojson body{{"generateContentRequest", {{"model", "models/x"}, {"contents", {{{"parts", {{{"text", 1}}}}}}}}}};
  EXPECT_EQ(check(body, kDeveloper, "countTokens"),
            "Invalid value at 'generate_content_request.contents[0].parts[0].text' (TYPE_STRING), 1");
}

TEST(EmulatorRequestTypes, SchemaPropertiesAreCheckedByTheirPositionInTheMap) {
  ojson body = with_text("hi");
  body["tools"] = ojson::parse(R"([{"functionDeclarations": [{"name": "f", "parameters": {"type": "OBJECT",
      "properties": {"city": {"type": "STRING"}, "days": {"type": "INTEGER", "minimum": "one"}}}}]}])");
  EXPECT_EQ(check(body), "Invalid value at 'tools[0].function_declarations[0].parameters.properties[1].value.minimum' "
                         "(TYPE_DOUBLE), \"one\"");
  ojson max_items = with_text("hi");
  max_items["generationConfig"] = {{"responseSchema", {{"type", "ARRAY"}, {"maxItems", "3"}}}};
  EXPECT_EQ(check(max_items), "");
  EXPECT_EQ(max_items["generationConfig"]["responseSchema"]["maxItems"], 3);  // int64 as a string, as proto3 JSON sends it
}

TEST(EmulatorRequestTypes, EveryModelledRequestHasATable) {
  for (const char* method : {"generateContent", "streamGenerateContent", "countTokens", "embedContent",
                             "batchEmbedContents", "predict", "createCachedContent", "updateCachedContent"}) {
    EXPECT_NE(request_message(method), nullptr) << method;
  }
  EXPECT_EQ(request_message("listModels"), nullptr);
  ojson embed{{"content", {{"parts", {{{"text", "x"}}}}}}, {"outputDimensionality", "many"}};
  EXPECT_EQ(check(embed, kDeveloper, "embedContent"),
            "Invalid value at 'output_dimensionality' (TYPE_INT32), \"many\"");
  ojson labels = with_text("hi");
  labels["labels"] = {{"team", 5}};
  EXPECT_EQ(check(labels, "google.cloud.aiplatform.v1"), "Invalid value at 'labels' (TYPE_STRING), {\"team\":5}");
}

}  // namespace
}  // namespace genai::emulator
