// Proto names at any depth (emulator/handlers/request_names.h): a body in the
// Python SDK's mixed spelling reads like the camelCase one, user data keeps
// its keys, and unknown or doubled names are the transcoder's 400s.
#include "emulator/handlers/request_names.h"

#include <gtest/gtest.h>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The error's body, or null when the body passes (and is renamed in place).
ojson normalize(ojson& body, const char* method = "generateContent") {
  auto e = normalize_field_names(body, *request_message(method));
  if (!e) return nullptr;
  EXPECT_EQ(e->http_status, 400);
  return ojson::parse(e->body)["error"];
}

TEST(EmulatorRequestNames, PythonSdkBodyReadsAsItsCamelCaseTwin) {
  // What google-genai (Python) sends: camelCase where its converters set a
  // key, snake_case inside the objects it dumps whole.
  ojson snake = ojson::parse(R"({
    "contents": [{"role": "user", "parts": [
        {"text": "Use get_weather"},
        {"inline_data": {"mime_type": "image/png", "data": "iVBO"}},
        {"function_call": {"name": "get_weather", "args": {"city_name": "Paris", "unit_system": "metric"}}},
        {"function_response": {"name": "get_weather", "response": {"temp_c": 21, "is_raining": false}}}]}],
    "system_instruction": {"parts": [{"text": "be brief"}]},
    "tools": [{"function_declarations": [{"name": "get_weather", "description": "w",
        "parameters": {"type": "OBJECT", "properties": {"city_name": {"type": "STRING", "max_length": 40}},
                       "required": ["city_name"], "property_ordering": ["city_name"]},
        "parameters_json_schema": {"type": "object", "additionalProperties": false,
                                   "properties": {"city_name": {"type": "string"}}}}],
               "google_search": {}, "code_execution": {}}],
    "tool_config": {"function_calling_config": {"mode": "ANY", "allowed_function_names": ["get_weather"]}},
    "safety_settings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_NONE"}],
    "generation_config": {"max_output_tokens": 64, "top_p": 0.9, "top_k": 3, "candidate_count": 1,
        "stop_sequences": ["x"], "response_mime_type": "application/json",
        "response_schema": {"type": "OBJECT", "properties": {"snake_key": {"type": "STRING"}}},
        "response_modalities": ["TEXT"], "image_config": {"aspect_ratio": "16:9"},
        "thinking_config": {"include_thoughts": true, "thinking_budget": 0}},
    "cached_content": "cachedContents/abc",
    "labels": {"cost_center": "r_and_d"}})");
  ojson camel = ojson::parse(R"({
    "contents": [{"role": "user", "parts": [
        {"text": "Use get_weather"},
        {"inlineData": {"mimeType": "image/png", "data": "iVBO"}},
        {"functionCall": {"name": "get_weather", "args": {"city_name": "Paris", "unit_system": "metric"}}},
        {"functionResponse": {"name": "get_weather", "response": {"temp_c": 21, "is_raining": false}}}]}],
    "systemInstruction": {"parts": [{"text": "be brief"}]},
    "tools": [{"functionDeclarations": [{"name": "get_weather", "description": "w",
        "parameters": {"type": "OBJECT", "properties": {"city_name": {"type": "STRING", "maxLength": 40}},
                       "required": ["city_name"], "propertyOrdering": ["city_name"]},
        "parametersJsonSchema": {"type": "object", "additionalProperties": false,
                                 "properties": {"city_name": {"type": "string"}}}}],
               "googleSearch": {}, "codeExecution": {}}],
    "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
    "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_NONE"}],
    "generationConfig": {"maxOutputTokens": 64, "topP": 0.9, "topK": 3, "candidateCount": 1,
        "stopSequences": ["x"], "responseMimeType": "application/json",
        "responseSchema": {"type": "OBJECT", "properties": {"snake_key": {"type": "STRING"}}},
        "responseModalities": ["TEXT"], "imageConfig": {"aspectRatio": "16:9"},
        "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 0}},
    "cachedContent": "cachedContents/abc",
    "labels": {"cost_center": "r_and_d"}})");
  const ojson camel_before = camel;
  EXPECT_EQ(normalize(snake), nullptr);
  EXPECT_EQ(snake, camel_before);  // same keys, same order, user data untouched
  EXPECT_EQ(normalize(camel), nullptr);
  EXPECT_EQ(camel, camel_before);  // camelCase is left as it is
}

TEST(EmulatorRequestNames, UserDataKeepsItsKeys) {
  // Keys that look like proto names of the enclosing message are still data.
  ojson body = ojson::parse(R"({"contents": [{"parts": [
      {"functionCall": {"name": "f", "args": {"function_call": {"mime_type": 1}, "inline_data": "x"}}},
      {"functionResponse": {"name": "f", "response": {"system_instruction": "y"}}}]}],
    "tools": [{"functionDeclarations": [{"name": "f", "parameters": {"type": "OBJECT", "properties": {
        "max_items": {"type": "INTEGER"}, "properties": {"type": "OBJECT", "properties": {"any_of": {"type": "STRING"}}}}}}]}]})");
  const ojson before = body;
  EXPECT_EQ(normalize(body), nullptr);
  EXPECT_EQ(body, before);
}

TEST(EmulatorRequestNames, UnknownNamesAreAllListedWithWhereTheyAre) {
  ojson body = ojson::parse(R"({"contents": [{"parts": [{"text": "hi", "colour": "red"}]}],
    "generationConfig": {"thinkingConfig": {"thinking_budgett": 3}}, "tools": [{"functionDeclarations": [{"name": "f",
      "parameters": {"type": "OBJECT", "properties": {"a": {"type": "STRING"}, "b": {"type": "STRING", "x-mcp": 1}}}}]}],
    "generation_confg": {}})");
  const ojson e = normalize(body);
  ASSERT_FALSE(e.is_null());
  EXPECT_EQ(e["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(e["message"],
            "Invalid JSON payload received. Unknown name \"colour\" at 'contents[0].parts[0]': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"thinking_budgett\" at 'generation_config.thinking_config': "
            "Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"x-mcp\" at "
            "'tools[0].function_declarations[0].parameters.properties[1].value': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"generation_confg\": Cannot find field.");
  const ojson& violations = e["details"][0]["fieldViolations"];
  EXPECT_EQ(e["details"][0]["@type"], "type.googleapis.com/google.rpc.BadRequest");
  ASSERT_EQ(violations.size(), 4u);
  EXPECT_EQ(violations[0]["field"], "contents[0].parts[0]");
  EXPECT_EQ(violations[2]["field"], "tools[0].function_declarations[0].parameters.properties[1].value");
  EXPECT_FALSE(violations[3].contains("field"));  // the top level has no path, as in Google's sample
}

TEST(EmulatorRequestNames, BothSpellingsOfOneFieldAreRefused) {
  ojson body = ojson::parse(R"({"contents": [{"parts": [{"text": "hi"}]}],
    "generationConfig": {"maxOutputTokens": 5, "max_output_tokens": 6}})");
  const ojson e = normalize(body);
  ASSERT_FALSE(e.is_null());
  EXPECT_EQ(e["details"][0]["fieldViolations"][0]["field"], "generation_config.max_output_tokens");
  EXPECT_NE(e["message"].get<std::string>().find("\"maxOutputTokens\" and as \"max_output_tokens\""), std::string::npos);
  ojson top = ojson::parse(R"({"system_instruction": {"parts": []}, "systemInstruction": {"parts": []}})");
  EXPECT_FALSE(normalize(top).is_null());
}

TEST(EmulatorRequestNames, OpaqueMessagesAndValuesPassAsSent) {
  ojson body = ojson::parse(R"({"contents": [{"parts": [{"text": "hi"}]}],
    "tools": [{"google_search": {"time_range_filter": {"start_time": "x"}}, "url_context": {}}],
    "generationConfig": {"routing_config": {"auto_mode": {}}}})");
  EXPECT_EQ(normalize(body), nullptr);
  EXPECT_EQ(body["tools"][0]["googleSearch"], ojson::parse(R"({"time_range_filter": {"start_time": "x"}})"));
  EXPECT_TRUE(body["generationConfig"]["routingConfig"].contains("auto_mode"));
}

TEST(EmulatorRequestNames, EachBackendLacksTheOthersFields) {
  const ojson both = ojson::parse(R"({"contents": [{"parts": [{"text": "hi"}]}],
      "tools": [{"url_context": {}}, {"googleMaps": {"enableWidget": true}}, {"computerUse": {}}],
      "serviceTier": "flex", "generationConfig": {"responseLogprobs": true, "speech_config": {"language_code": "en-US"}}})");
  for (Backend b : {Backend::kDeveloper, Backend::kVertex, Backend::kBoth}) {
    ojson body = both;
    EXPECT_FALSE(normalize_field_names(body, *request_message("generateContent"), b).has_value());
  }
  auto unknown = [](const char* json, Backend b) {
    ojson body = ojson::parse(json);
    auto e = normalize_field_names(body, *request_message("generateContent"), b);
    return e ? ojson::parse(e->body)["error"]["message"].get<std::string>() : std::string();
  };
  const char* vertex_only = R"({"labels": {"a": "b"}, "tools": [{"enterpriseWebSearch": {}}],
      "generationConfig": {"audioTimestamp": true, "modelConfig": {}, "imageConfig": {"personGeneration": "ALLOW_ALL"}}})";
  EXPECT_EQ(unknown(vertex_only, Backend::kVertex), "");
  EXPECT_EQ(unknown(vertex_only, Backend::kDeveloper),
            "Invalid JSON payload received. Unknown name \"labels\": Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"enterpriseWebSearch\" at 'tools[0]': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"audioTimestamp\" at 'generation_config': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"modelConfig\" at 'generation_config': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"personGeneration\" at 'generation_config.image_config': "
            "Cannot find field.");
  const char* developer_only = R"({"tools": [{"file_search": {"fileSearchStoreNames": ["s"]}}],
      "generationConfig": {"enableEnhancedCivicAnswers": true}})";
  EXPECT_EQ(unknown(developer_only, Backend::kDeveloper), "");
  EXPECT_EQ(unknown(developer_only, Backend::kVertex),
            "Invalid JSON payload received. Unknown name \"file_search\" at 'tools[0]': Cannot find field.\n"
            "Invalid JSON payload received. Unknown name \"enableEnhancedCivicAnswers\" at 'generation_config': "
            "Cannot find field.");
}

TEST(EmulatorRequestNames, OtherRequestsUseTheirOwnTables) {
  ojson count = ojson::parse(R"({"generate_content_request": {"model": "models/m", "contents": [{"parts": [{"text": "x"}]}],
    "system_instruction": {"parts": [{"text": "s"}]}}})");
  EXPECT_EQ(normalize(count, "countTokens"), nullptr);
  EXPECT_TRUE(count["generateContentRequest"].contains("systemInstruction"));

  ojson batch = ojson::parse(R"({"requests": [{"model": "models/e", "content": {"parts": [{"text": "x"}]},
    "task_type": "RETRIEVAL_QUERY", "output_dimensionality": 8}]})");
  EXPECT_EQ(normalize(batch, "batchEmbedContents"), nullptr);
  EXPECT_EQ(batch["requests"][0]["outputDimensionality"], 8);
  EXPECT_EQ(batch["requests"][0]["taskType"], "RETRIEVAL_QUERY");

  // Imagen's parameters are a google.protobuf.Value: nothing inside is renamed.
  ojson predict = ojson::parse(R"({"instances": [{"prompt": "a cat"}], "parameters": {"sample_count": 2}})");
  EXPECT_EQ(normalize(predict, "predict"), nullptr);
  EXPECT_TRUE(predict["parameters"].contains("sample_count"));
  ojson predict_unknown = ojson::parse(R"({"instances": [], "prompt": "a cat"})");
  EXPECT_EQ(normalize(predict_unknown, "predict")["message"],
            "Invalid JSON payload received. Unknown name \"prompt\": Cannot find field.");

  ojson cache = ojson::parse(R"({"model": "models/m", "display_name": "d", "expire_time": "2030-01-01T00:00:00Z",
    "system_instruction": {"parts": [{"text": "s"}]}, "tool_config": {"function_calling_config": {"mode": "AUTO"}}})");
  EXPECT_EQ(normalize(cache, "createCachedContent"), nullptr);
  EXPECT_EQ(cache, ojson::parse(R"({"model": "models/m", "displayName": "d", "expireTime": "2030-01-01T00:00:00Z",
    "systemInstruction": {"parts": [{"text": "s"}]}, "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}}})"));
}

}  // namespace
}  // namespace genai::emulator
