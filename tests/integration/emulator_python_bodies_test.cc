// Requests in the Python SDK's spelling (camelCase at the top, snake_case
// inside the objects it passes through) against the emulator over loopback:
// each answer must be the one the camelCase request gets. Also how the
// models think by default, and image sizes that follow imageConfig. Sent with
// cpp-httplib's client, as plain JSON, so no libgenai code shapes the body.
#include <httplib.h>

#include "emulator/auth/crypto.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/png_reader.h"

namespace genai::testing {
namespace {

using ojson = nlohmann::ordered_json;

class PythonBodiesTest : public EmulatorTest {
 protected:
  // The answer's JSON (or the error body) and the HTTP status.
  std::pair<int, ojson> post(const std::string& model, const std::string& body,
                             const std::string& method = "generateContent") {
    httplib::Client http(base_url());
    auto r = http.Post("/v1beta/models/" + model + ":" + method, {{"x-goog-api-key", key()}}, body, "application/json");
    if (!r) return {0, nullptr};
    return {r->status, ojson::parse(r->body, nullptr, false)};
  }
  ojson ok(const std::string& model, const std::string& body) {
    auto [status, j] = post(model, body);
    EXPECT_EQ(status, 200) << j.dump();
    return j;
  }
};

TEST_F(PythonBodiesTest, FunctionCallingWithSnakeCaseArgsAndResponses) {
  const std::string tools_snake = R"("tools": [{"function_declarations": [{"name": "get_weather", "description": "w",
      "parameters": {"type": "OBJECT", "properties": {"city_name": {"type": "STRING"}, "days": {"type": "INTEGER",
      "minimum": 1, "maximum": 3}}, "required": ["city_name"]}}]}],
      "tool_config": {"function_calling_config": {"mode": "ANY", "allowed_function_names": ["get_weather"]}})";
  const std::string tools_camel = R"("tools": [{"functionDeclarations": [{"name": "get_weather", "description": "w",
      "parameters": {"type": "OBJECT", "properties": {"city_name": {"type": "STRING"}, "days": {"type": "INTEGER",
      "minimum": 1, "maximum": 3}}, "required": ["city_name"]}}]}],
      "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}})";
  const ojson snake = ok("gemini-2.5-flash", R"({"contents": [{"role": "user", "parts": [{"text": "Weather?"}]}],)" + tools_snake + "}");
  const ojson camel = ok("gemini-2.5-flash", R"({"contents": [{"role": "user", "parts": [{"text": "Weather?"}]}],)" + tools_camel + "}");
  EXPECT_EQ(snake, camel);
  const ojson call = snake["candidates"][0]["content"]["parts"][0]["functionCall"];
  ASSERT_TRUE(call.is_object()) << snake.dump();
  EXPECT_EQ(call["name"], "get_weather");
  EXPECT_TRUE(call["args"]["city_name"].is_string()) << call.dump();  // args from the schema, not empty
  EXPECT_GE(call["args"]["days"].get<int>(), 1);

  // The call and its response sent back the Python way: the answer reports the result.
  const std::string history = R"({"contents": [{"role": "user", "parts": [{"text": "Use get_weather for Paris"}]},
      {"role": "model", "parts": [{"function_call": {"name": "get_weather", "args": {"city_name": "Paris"}}}]},
      {"role": "user", "parts": [{"function_response": {"name": "get_weather",
          "response": {"temp_c": 21, "sky_state": "clear"}}}]}],)" + tools_snake.substr(0, tools_snake.find(",\n      \"tool_config\"")) + "}";
  const ojson answer = ok("gemini-2.5-flash", history);
  const std::string text = answer["candidates"][0]["content"]["parts"].back()["text"];
  EXPECT_NE(text.find(R"(get_weather returned {"temp_c":21,"sky_state":"clear"})"), std::string::npos) << text;
}

TEST_F(PythonBodiesTest, ThinkingConfigSystemInstructionAndJsonOutput) {
  const ojson shown = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "Why is the sky blue?"}]}],
      "system_instruction": {"parts": [{"text": "Answer as a pirate."}]},
      "generation_config": {"thinking_config": {"include_thoughts": true, "thinking_budget": 48}}})");
  const ojson same = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "Why is the sky blue?"}]}],
      "systemInstruction": {"parts": [{"text": "Answer as a pirate."}]},
      "generationConfig": {"thinkingConfig": {"includeThoughts": true, "thinkingBudget": 48}}})");
  EXPECT_EQ(shown, same);
  EXPECT_EQ(shown["candidates"][0]["content"]["parts"][0]["thought"], true);
  EXPECT_LE(shown["usageMetadata"]["thoughtsTokenCount"].get<int>(), 48);
  // The system instruction is read: its tokens are in the prompt count.
  const ojson without = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "Why is the sky blue?"}]}]})");
  EXPECT_GT(shown["usageMetadata"]["promptTokenCount"], without["usageMetadata"]["promptTokenCount"]);

  // thinking_budget 0 turns thinking off (it is not ignored).
  const ojson off = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "Hi"}]}],
      "generation_config": {"thinking_config": {"thinking_budget": 0}}})");
  EXPECT_FALSE(off["usageMetadata"].contains("thoughtsTokenCount")) << off.dump();

  // response_mime_type + response_schema: JSON that follows the schema.
  const ojson json = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "A film"}]}],
      "generation_config": {"response_mime_type": "application/json", "response_schema": {"type": "OBJECT",
        "properties": {"film_title": {"type": "STRING"}, "release_year": {"type": "INTEGER"}},
        "property_ordering": ["release_year", "film_title"]}}})");
  const ojson film = ojson::parse(json["candidates"][0]["content"]["parts"].back()["text"].get<std::string>());
  ASSERT_TRUE(film.is_object());
  EXPECT_EQ(film.begin().key(), "release_year");  // property_ordering was read too
  EXPECT_TRUE(film["film_title"].is_string());
}

TEST_F(PythonBodiesTest, TranscoderErrorsForNamesAtDepth) {
  auto [status, e] = post("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "x"}]}],
      "generation_config": {"thinking_config": {"thinkingBudget": 1, "thinking_budget": 2}}})");
  EXPECT_EQ(status, 400);
  EXPECT_EQ(e["error"]["details"][0]["fieldViolations"][0]["field"], "generation_config.thinking_config.thinking_budget");
  auto [status2, e2] = post("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "x"}]}],
      "generation_config": {"response_mime_typ": "text/plain"}})");
  EXPECT_EQ(status2, 400);
  EXPECT_EQ(e2["error"]["message"],
            "Invalid JSON payload received. Unknown name \"response_mime_typ\" at 'generation_config': Cannot find field.");
  auto [status3, e3] = post("text-embedding-004", R"({"content": {"parts": [{"text": "x"}]}, "output_dimensionality": 8})",
                            "embedContent");
  EXPECT_EQ(status3, 200);
  EXPECT_EQ(e3["embedding"]["values"].size(), 8u);
}

TEST_F(PythonBodiesTest, ModelsThinkAsTheRealOnesDo) {
  const std::string plain = R"({"contents": [{"parts": [{"text": "Why is the sky blue?"}]}]})";
  // 2.5 Flash and Pro think by default (counted, not shown); Flash-Lite and 2.0 do not.
  for (const char* model : {"gemini-2.5-flash", "gemini-2.5-pro"}) {
    const ojson r = ok(model, plain);
    ASSERT_TRUE(r["usageMetadata"].contains("thoughtsTokenCount")) << model;
    EXPECT_GT(r["usageMetadata"]["thoughtsTokenCount"].get<int>(), 0);
    EXPECT_EQ(r["usageMetadata"]["totalTokenCount"].get<int>(),
              r["usageMetadata"]["promptTokenCount"].get<int>() + r["usageMetadata"]["candidatesTokenCount"].get<int>() +
                  r["usageMetadata"]["thoughtsTokenCount"].get<int>());
    for (const ojson& p : r["candidates"][0]["content"]["parts"]) EXPECT_FALSE(p.contains("thought")) << model;
  }
  for (const char* model : {"gemini-2.5-flash-lite", "gemini-2.0-flash"}) {
    EXPECT_FALSE(ok(model, plain)["usageMetadata"].contains("thoughtsTokenCount")) << model;
  }
  EXPECT_TRUE(ok("gemini-2.5-flash-lite", R"({"contents": [{"parts": [{"text": "x"}]}],
      "generationConfig": {"thinkingConfig": {"thinkingBudget": 512}}})")["usageMetadata"].contains("thoughtsTokenCount"));

  // Google's 400s: Pro cannot stop thinking; 2.0 cannot think.
  auto [pro_status, pro] = post("gemini-2.5-pro", R"({"contents": [{"parts": [{"text": "x"}]}],
      "generationConfig": {"thinkingConfig": {"thinkingBudget": 0}}})");
  EXPECT_EQ(pro_status, 400);
  EXPECT_EQ(pro["error"]["message"], "Budget 0 is invalid. This model only works in thinking mode.");
  auto [old_status, old] = post("gemini-2.0-flash", R"({"contents": [{"parts": [{"text": "x"}]}],
      "generationConfig": {"thinkingConfig": {"includeThoughts": true}}})");
  EXPECT_EQ(old_status, 400);
  EXPECT_EQ(old["error"]["message"], "thinking_config is not supported.");
}

TEST_F(PythonBodiesTest, GeminiImagesFollowAspectRatioAndCandidateCount) {
  const ojson r = ok("gemini-2.5-flash-image", R"({"contents": [{"parts": [{"text": "A lighthouse"}]}],
      "generation_config": {"response_modalities": ["IMAGE"], "candidate_count": 2,
                            "image_config": {"aspect_ratio": "16:9"}}})");
  ASSERT_EQ(r["candidates"].size(), 2u) << r.dump().substr(0, 300);
  std::string previous;
  for (const ojson& c : r["candidates"]) {
    const ojson& part = c["content"]["parts"].back();
    ASSERT_TRUE(part.contains("inlineData")) << part.dump().substr(0, 200);
    const std::optional<std::string> png = emulator::base64_decode(part["inlineData"]["data"].get<std::string>());
    ASSERT_TRUE(png);
    const std::optional<DecodedPng> decoded = decode_png(*png);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->width, 1344);
    EXPECT_EQ(decoded->height, 768);
    EXPECT_NE(*png, previous);  // each candidate draws its own image
    previous = *png;
  }
  for (const auto& [ratio, w, h] : {std::tuple{"9:16", 768, 1344}, std::tuple{"21:9", 1536, 672}, std::tuple{"1:1", 1024, 1024}}) {
    const ojson one = ok("gemini-2.5-flash-image", std::string(R"({"contents": [{"parts": [{"text": "A cat"}]}],
        "generationConfig": {"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio": ")") + ratio + R"("}}})");
    const auto png = decode_png(*emulator::base64_decode(
        one["candidates"][0]["content"]["parts"].back()["inlineData"]["data"].get<std::string>()));
    ASSERT_TRUE(png) << ratio;
    EXPECT_EQ(png->width, w) << ratio;
    EXPECT_EQ(png->height, h) << ratio;
  }
  auto [status, e] = post("gemini-2.5-flash-image", R"({"contents": [{"parts": [{"text": "A cat"}]}],
      "generationConfig": {"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio": "7:3"}}})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(e["error"]["message"].get<std::string>().find("`7:3`"), std::string::npos);
}

TEST_F(PythonBodiesTest, StreamsCachesAndVertexReadProtoNamesToo) {
  // streamGenerateContent: the thought streams first, as with includeThoughts.
  httplib::Client http(base_url());
  auto stream = http.Post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", {{"x-goog-api-key", key()}},
                          R"({"contents": [{"parts": [{"text": "Why?"}]}],
                              "generation_config": {"thinking_config": {"include_thoughts": true}}})",
                          "application/json");
  ASSERT_TRUE(stream);
  ASSERT_EQ(stream->status, 200) << stream->body;
  const ojson first = ojson::parse(stream->body.substr(6, stream->body.find("\r\n") - 6));
  EXPECT_EQ(first["candidates"][0]["content"]["parts"][0]["thought"], true) << stream->body.substr(0, 300);

  // cachedContents: a snake_case cache, then a generateContent that uses it.
  auto cache = http.Post("/v1beta/cachedContents", {{"x-goog-api-key", key()}},
                         R"({"model": "models/gemini-2.5-flash", "display_name": "notes", "ttl": "300s",
                             "system_instruction": {"parts": [{"text": "Be brief."}]},
                             "contents": [{"role": "user", "parts": [{"text": "The lighthouse keeper's notes."}]}]})",
                         "application/json");
  ASSERT_TRUE(cache);
  ASSERT_EQ(cache->status, 200) << cache->body;
  const ojson created = ojson::parse(cache->body);
  EXPECT_EQ(created["displayName"], "notes");
  const ojson used = ok("gemini-2.5-flash", R"({"contents": [{"parts": [{"text": "Summarise"}]}],
      "cached_content": ")" + created["name"].get<std::string>() + R"("})");
  EXPECT_GT(used["usageMetadata"]["cachedContentTokenCount"].get<int>(), 0) << used.dump();

  // Vertex AI (express mode, an API key): the same reading, Vertex's wording.
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true).ok());
  emulator::ApiKey console;  // an AI Studio key is bound to the Gemini API only
  console.project_id = "test-project";
  const std::string console_key = make_key(console);
  auto vertex = [&](const std::string& model, const std::string& body) {
    auto r = http.Post("/v1/publishers/google/models/" + model + ":generateContent", {{"x-goog-api-key", console_key}}, body,
                       "application/json");
    return std::pair{r ? r->status : 0, r ? ojson::parse(r->body, nullptr, false) : ojson()};
  };
  auto [status, call] = vertex("gemini-2.5-flash", R"({"contents": [{"role": "user", "parts": [{"text": "Use get_time"}]}],
      "tools": [{"function_declarations": [{"name": "get_time", "description": "t",
          "parameters": {"type": "OBJECT", "properties": {"time_zone": {"type": "STRING"}}}}]}]})");
  ASSERT_EQ(status, 200) << call.dump();
  EXPECT_TRUE(call["candidates"][0]["content"]["parts"][0]["functionCall"]["args"]["time_zone"].is_string()) << call.dump();
  auto [old_status, old] = vertex("gemini-2.0-flash", R"({"contents": [{"role": "user", "parts": [{"text": "x"}]}],
      "generation_config": {"thinking_config": {"thinking_budget": 5}}})");
  EXPECT_EQ(old_status, 400);
  EXPECT_NE(old["error"]["message"].get<std::string>().find("thinking is not supported by this model"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
