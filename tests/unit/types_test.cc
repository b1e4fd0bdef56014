#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/json_types.h"
#include "transport/sse_parser.h"

namespace genai::internal {
namespace {

using nlohmann::json;

std::string wire(const std::string& name) {
  std::ifstream in(std::string(GENAI_WIRE_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Types, ParsesRealResponseAndExcludesThoughtsFromText) {
  auto r = parse_generate_content_response(json::parse(wire("generate-content-response-raw.json")));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->text(), "We are looking");
  EXPECT_NE(r->thoughts().find("Diophantine"), std::string::npos);
  EXPECT_EQ(r->candidates[0].finish_reason, "MAX_TOKENS");
  EXPECT_EQ(*r->usage_metadata->thoughts_token_count, 57);
  EXPECT_EQ(r->usage_metadata->prompt_tokens_details[0].modality, "TEXT");
  EXPECT_EQ(r->model_version, "gemini-2.5-flash");
  EXPECT_EQ(r->raw->at("usageMetadata").at("serviceTier"), "standard");  // unmodelled field kept
}

TEST(Types, ToleratesMissingPartsAndContent) {
  for (const char* name : {"generate-content-response-max-tokens-no-parts.json",
                           "generate-content-malformed-function-call-raw.json", "vertex-generate-response.json",
                           "image-inline-data-response.json", "generate-content-response.json"}) {
    auto r = parse_generate_content_response(json::parse(wire(name)));
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().to_string();
  }
  auto m = parse_generate_content_response(json::parse(wire("generate-content-malformed-function-call-raw.json")));
  EXPECT_EQ(m->candidates[0].finish_reason, "MALFORMED_FUNCTION_CALL");
  EXPECT_FALSE(m->candidates[0].content);
  EXPECT_EQ(m->text(), "");
  auto img = parse_generate_content_response(json::parse(wire("image-inline-data-response.json")));
  bool has_image = false;
  for (const Part& p : img->candidates[0].content->parts) has_image = has_image || p.inline_data.has_value();
  EXPECT_TRUE(has_image);
}

TEST(Types, StreamEventsParse) {
  SseParser parser;
  std::vector<std::string> texts;
  parser.feed(wire("stream-sse.txt"), [&](SseEvent&& e) {
    auto r = parse_generate_content_response(json::parse(e.data));
    EXPECT_TRUE(r.ok());
    texts.push_back(r->text());
    return true;
  });
  EXPECT_EQ(texts.size(), 2u);
}

TEST(Types, WrongShapesAreErrorsNotExceptions) {
  EXPECT_FALSE(parse_generate_content_response(json::array()).ok());
  EXPECT_TRUE(parse_generate_content_response(json{{"candidates", "nope"}}).ok());  // ignored, not fatal
  auto bad = parse_generate_content_response(json{{"candidates", json::array({json{{"index", "zero"}}})}});
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(parse_count_tokens_response(json{{"totalTokens", "x"}}).ok());
}

TEST(Types, OtherResponses) {
  auto tokens = parse_count_tokens_response(json::parse(wire("vertex-count-tokens-response.json")));
  ASSERT_TRUE(tokens.ok());
  EXPECT_GT(tokens->total_tokens, 0);
  EXPECT_TRUE(tokens->total_billable_characters);
  auto emb = parse_embed_content_response(json::parse(wire("embed-response.json")));
  ASSERT_TRUE(emb.ok());
  EXPECT_EQ(emb->embeddings.size(), 1u);
  EXPECT_EQ(emb->embeddings[0].values.size(), 3u);
  json vertex = json::parse(wire("vertex-embed-predict-response.json"));
  json& values = vertex["predictions"][0]["embeddings"]["values"];
  values.erase(values.size() - 1);  // the sample's "...TRUNCATED" marker
  auto vemb = parse_vertex_embed_response(vertex);
  ASSERT_TRUE(vemb.ok());
  ASSERT_EQ(vemb->embeddings.size(), 1u);
  EXPECT_TRUE(vemb->embeddings[0].statistics->token_count);
  auto models = parse_list_models_response(json::parse(wire("models-list.json")));
  ASSERT_TRUE(models.ok());
  EXPECT_EQ(models->items[0].name, "models/gemini-2.5-pro");
  EXPECT_EQ(models->next_page_token, "RECONSTRUCTED-opaque-token");
  EXPECT_EQ(models->items[0].supported_actions[0], "generateContent");
}

TEST(Types, ContentRoundTrip) {
  Content c{"user",
            {Part::from_text("hi"), Part::from_bytes("\x89PNG", "image/png"), Part::from_uri("gs://b/f", "text/plain"),
             Part::from_function_response("get_weather", json{{"temp", 21}})}};
  c.parts[0].thought = false;
  const json j = c;
  EXPECT_EQ(j["parts"][1]["inlineData"]["mimeType"], "image/png");
  EXPECT_EQ(j["parts"][2]["fileData"]["fileUri"], "gs://b/f");
  EXPECT_EQ(j["parts"][3]["functionResponse"]["name"], "get_weather");
  EXPECT_EQ(j.get<Content>(), c);
}

TEST(Types, GenerateContentRequestBodyGolden) {
  GenerateContentConfig cfg;
  cfg.system_instruction = Content::from_text("Be brief.");
  cfg.temperature = 0.5;
  cfg.top_p = 0.9;
  cfg.top_k = 40;
  cfg.candidate_count = 1;
  cfg.max_output_tokens = 100;
  cfg.stop_sequences = {"END"};
  cfg.response_mime_type = "application/json";
  cfg.response_schema = json{{"type", "OBJECT"}};
  cfg.safety_settings = {{"HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH", std::nullopt}};
  cfg.tools = {Tool{{FunctionDeclaration{"f", "does f", json{{"type", "OBJECT"}}, std::nullopt}}, std::nullopt, std::nullopt, {}}};
  cfg.thinking_config = ThinkingConfig{128, true};
  const json body = generate_content_request_body({Content::from_text("Hello")}, cfg);
  const json expected = json::parse(R"({
    "contents": [{"role": "user", "parts": [{"text": "Hello"}]}],
    "systemInstruction": {"role": "user", "parts": [{"text": "Be brief."}]},
    "tools": [{"functionDeclarations": [{"name": "f", "description": "does f", "parameters": {"type": "OBJECT"}}]}],
    "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}],
    "generationConfig": {"temperature": 0.5, "topP": 0.9, "topK": 40, "candidateCount": 1, "maxOutputTokens": 100,
                         "stopSequences": ["END"], "responseMimeType": "application/json",
                         "responseSchema": {"type": "OBJECT"},
                         "thinkingConfig": {"thinkingBudget": 128, "includeThoughts": true}}})");
  EXPECT_EQ(body, expected) << body.dump(2);
  EXPECT_FALSE(generate_content_request_body({Content::from_text("x")}, {}).contains("generationConfig"));
}

TEST(Types, ToolsAndToolConfigRoundTrip) {
  const json wire_tools = json::parse(R"([
    {"functionDeclarations": [{"name": "get_weather", "description": "Weather in a city",
                               "parameters": {"type": "OBJECT", "properties": {"city": {"type": "STRING"}},
                                              "required": ["city"]}},
                              {"name": "lookup", "parametersJsonSchema": {"type": "object"}}]},
    {"googleSearch": {}},
    {"codeExecution": {}}])");
  const auto tools = wire_tools.get<std::vector<Tool>>();
  ASSERT_EQ(tools.size(), 3u);
  EXPECT_EQ(tools[0].function_declarations[1].parameters_json_schema, json({{"type", "object"}}));
  EXPECT_TRUE(tools[1].google_search);
  EXPECT_TRUE(tools[2].code_execution);
  EXPECT_EQ(json(tools), wire_tools);

  const json wire_config = json::parse(
      R"({"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}})");
  const auto tc = wire_config.get<ToolConfig>();
  EXPECT_EQ(tc.function_calling_config->mode, "ANY");
  EXPECT_EQ(tc.function_calling_config->allowed_function_names, std::vector<std::string>{"get_weather"});
  EXPECT_EQ(json(tc), wire_config);

  const json thinking = json{{"thinkingBudget", 1024}, {"includeThoughts", true}};
  EXPECT_EQ(json(thinking.get<ThinkingConfig>()), thinking);
}

TEST(Types, CallablesAreSentAsDeclarations) {
  GenerateContentConfig cfg;
  cfg.tools.push_back(Tool::from_functions(
      {CallableFunction{FunctionDeclaration{"add", "adds", json{{"type", "OBJECT"}}, std::nullopt},
                        [](const json& a) { return json(a["x"].get<int>() + 1); }}}));
  cfg.tool_config = ToolConfig{FunctionCallingConfig{"AUTO", {}}, std::nullopt};
  cfg.automatic_function_calling = AutomaticFunctionCallingConfig{};
  const json body = generate_content_request_body({Content::from_text("x")}, cfg);
  EXPECT_EQ(body["tools"], json::parse(R"([{"functionDeclarations": [{"name": "add", "description": "adds",
                                                                      "parameters": {"type": "OBJECT"}}]}])"));
  EXPECT_EQ(body["toolConfig"], json::parse(R"({"functionCallingConfig": {"mode": "AUTO"}})"));
  EXPECT_FALSE(body.dump().find("automatic") != std::string::npos);  // client-side only
  EXPECT_EQ(cfg.automatic_function_calling->maximum_remote_calls, 10);  // python-genai's default
}

TEST(Types, FunctionCallCodeAndThoughtPartsRoundTrip) {
  const json wire_response = json::parse(R"J({
    "candidates": [{"content": {"role": "model", "parts": [
        {"text": "Let me think.", "thought": true},
        {"functionCall": {"id": "c1", "name": "get_weather", "args": {"city": "Paris"}}},
        {"executableCode": {"language": "PYTHON", "code": "print(1+1)"}},
        {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "2\n"}},
        {"text": "Done."}]},
      "groundingMetadata": {"webSearchQueries": ["paris weather"], "futureField": 1}}],
    "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 5, "thoughtsTokenCount": 7,
                      "totalTokenCount": 15}})J");
  auto r = parse_generate_content_response(wire_response);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& parts = r->candidates[0].content->parts;
  ASSERT_EQ(parts.size(), 5u);
  EXPECT_EQ(r->function_calls().at(0).args["city"], "Paris");
  EXPECT_EQ(r->function_calls().at(0).id, "c1");
  EXPECT_EQ(parts[2].executable_code->code, "print(1+1)");
  EXPECT_EQ(parts[3].code_execution_result->outcome, "OUTCOME_OK");
  EXPECT_EQ(r->text(), "Done.");
  EXPECT_EQ(r->thoughts(), "Let me think.");
  EXPECT_EQ(*r->usage_metadata->thoughts_token_count, 7);
  EXPECT_EQ((*r->candidates[0].grounding_metadata)["futureField"], 1);  // kept raw, nothing lost
  EXPECT_EQ(json(*r->candidates[0].content), wire_response["candidates"][0]["content"]);
  const json fr = Part::from_function_response("get_weather", json{{"temp", 21}});
  EXPECT_EQ(fr.get<Part>().function_response->response["temp"], 21);
}

TEST(Base64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(plain), encoded);
    EXPECT_EQ(base64_decode(encoded), plain);
  }
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64_decode("-_8"), "\xfb\xff");
  EXPECT_FALSE(base64_decode("Zm9v!"));
}

// Every GenerateContentConfig field beyond the basics, with python-genai's
// wire names and placement (_GenerateContentConfig_to_vertex).
TEST(Types, GenerationConfigFieldsGolden) {
  GenerateContentConfig cfg;
  cfg.seed = 7;
  cfg.presence_penalty = 0.5;
  cfg.frequency_penalty = 0.25;
  cfg.response_logprobs = true;
  cfg.logprobs = 3;
  cfg.media_resolution = "MEDIA_RESOLUTION_LOW";
  cfg.response_modalities = {"AUDIO"};
  SpeechConfig speech;
  speech.multi_speaker_voice_config = MultiSpeakerVoiceConfig{
      {SpeakerVoiceConfig{"Joe", VoiceConfig::prebuilt("Kore")}, SpeakerVoiceConfig{"Jane", VoiceConfig::prebuilt("Puck")}}};
  speech.language_code = "en-US";
  cfg.speech_config = speech;
  cfg.audio_timestamp = true;
  cfg.image_config = ImageConfig{"16:9", "2K", "ALLOW_ADULT", "image/jpeg", 80};
  cfg.routing_config = RoutingConfig{RoutingConfig::AutoMode{"PRIORITIZE_COST"}, std::nullopt};
  cfg.model_selection_config = ModelSelectionConfig{"BALANCED"};
  cfg.thinking_config = ThinkingConfig{std::nullopt, true, "LOW"};
  cfg.service_tier = "flex";
  cfg.labels = json{{"team", "audio"}};
  cfg.model_armor_config = ModelArmorConfig{"projects/p/locations/l/templates/in", std::nullopt};
  cfg.audio_transcription_config = AudioTranscriptionConfig{{"en-US"}, {}, {}, true, std::nullopt};
  const json body = generate_content_request_body({Content::from_text("Hi")}, cfg);
  const json expected = json::parse(R"({
    "contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
    "labels": {"team": "audio"},
    "serviceTier": "flex",
    "modelArmorConfig": {"promptTemplateName": "projects/p/locations/l/templates/in"},
    "generationConfig": {
      "presencePenalty": 0.5, "frequencyPenalty": 0.25, "seed": 7, "responseModalities": ["AUDIO"],
      "thinkingConfig": {"includeThoughts": true, "thinkingLevel": "LOW"},
      "responseLogprobs": true, "logprobs": 3, "mediaResolution": "MEDIA_RESOLUTION_LOW",
      "speechConfig": {"multiSpeakerVoiceConfig": {"speakerVoiceConfigs": [
                         {"speaker": "Joe", "voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Kore"}}},
                         {"speaker": "Jane", "voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Puck"}}}]},
                       "languageCode": "en-US"},
      "audioTimestamp": true,
      "imageConfig": {"aspectRatio": "16:9", "imageSize": "2K", "personGeneration": "ALLOW_ADULT",
                      "imageOutputOptions": {"mimeType": "image/jpeg", "compressionQuality": 80}},
      "routingConfig": {"autoMode": {"modelRoutingPreference": "PRIORITIZE_COST"}},
      "modelConfig": {"featureSelectionPreference": "BALANCED"},
      "audioTranscriptionConfig": {"languageCodes": ["en-US"], "wordTimestamp": true}}})");
  EXPECT_EQ(body, expected) << body.dump(2);
  EXPECT_FALSE(unsupported_generate_config(true, cfg));

  // The Developer API takes none of the Vertex AI fields: each is named.
  const std::optional<Error> labels = unsupported_generate_config(false, cfg);
  ASSERT_TRUE(labels);
  EXPECT_EQ(labels->kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(labels->message, "labels is only supported on Vertex AI, not on the Gemini Developer API");
  cfg.labels.reset();
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("model_armor_config"), std::string::npos);
  cfg.model_armor_config.reset();
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("audio_timestamp"), std::string::npos);
  cfg.audio_timestamp.reset();
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("routing_config"), std::string::npos);
  cfg.routing_config.reset();
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("model_selection_config"), std::string::npos);
  cfg.model_selection_config.reset();
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("image_config.person_generation"), std::string::npos);
  cfg.image_config = ImageConfig{"16:9", "2K"};
  EXPECT_FALSE(unsupported_generate_config(false, cfg));
  cfg.enable_enhanced_civic_answers = true;
  EXPECT_FALSE(unsupported_generate_config(false, cfg));
  EXPECT_EQ(unsupported_generate_config(true, cfg)->message,
            "enable_enhanced_civic_answers is only supported on the Gemini Developer API, not on Vertex AI");
}

TEST(Types, ToolKindsRoundTrip) {
  const json wire_tools = json::parse(R"([
    {"urlContext": {}},
    {"googleMaps": {"enableWidget": true}},
    {"retrieval": {"vertexAiSearch": {"datastore": "projects/p/locations/global/collections/c/dataStores/d"}}},
    {"retrieval": {"vertexRagStore": {"ragResources": [{"ragCorpus": "projects/p/locations/l/ragCorpora/1"}],
                                      "similarityTopK": 5}}},
    {"enterpriseWebSearch": {"excludeDomains": ["example.com"]}},
    {"fileSearch": {"fileSearchStoreNames": ["fileSearchStores/s1"], "topK": 4}},
    {"computerUse": {"environment": "ENVIRONMENT_BROWSER", "excludedPredefinedFunctions": ["drag_and_drop"]}},
    {"googleSearchRetrieval": {"dynamicRetrievalConfig": {"mode": "MODE_DYNAMIC", "dynamicThreshold": 0.3}}},
    {"mcpServers": [{"name": "docs", "streamableHttpTransport": {"url": "https://mcp.example.com/mcp",
                                                                 "headers": {"Authorization": "Bearer t"},
                                                                 "timeout": "30s"}}]}])");
  const auto tools = wire_tools.get<std::vector<Tool>>();
  ASSERT_EQ(tools.size(), 9u);
  EXPECT_EQ(tools[8].mcp_servers[0].streamable_http_transport->headers.at("Authorization"), "Bearer t");
  EXPECT_TRUE(tools[0].url_context);
  EXPECT_EQ(tools[1].google_maps->enable_widget, true);
  EXPECT_EQ(tools[2].retrieval->vertex_ai_search->datastore, "projects/p/locations/global/collections/c/dataStores/d");
  EXPECT_EQ(tools[3].retrieval->vertex_rag_store->similarity_top_k, 5);
  EXPECT_EQ(tools[4].enterprise_web_search->exclude_domains, std::vector<std::string>{"example.com"});
  EXPECT_EQ(tools[5].file_search->file_search_store_names, std::vector<std::string>{"fileSearchStores/s1"});
  EXPECT_EQ(tools[6].computer_use->excluded_predefined_functions, std::vector<std::string>{"drag_and_drop"});
  EXPECT_EQ(tools[7].google_search_retrieval->dynamic_retrieval_config->dynamic_threshold, 0.3);
  EXPECT_EQ(json(tools), wire_tools);

  GenerateContentConfig cfg;
  cfg.tools = {tools[2]};
  EXPECT_EQ(unsupported_generate_config(false, cfg)->message,
            "the retrieval tool is only supported on Vertex AI, not on the Gemini Developer API");
  cfg.tools = {tools[4]};
  EXPECT_NE(unsupported_generate_config(false, cfg)->message.find("enterprise_web_search"), std::string::npos);
  cfg.tools = {tools[5]};
  EXPECT_FALSE(unsupported_generate_config(false, cfg));
  EXPECT_NE(unsupported_generate_config(true, cfg)->message.find("file_search"), std::string::npos);
  cfg.tools = {tools[8]};
  EXPECT_FALSE(unsupported_generate_config(false, cfg));
  EXPECT_EQ(unsupported_generate_config(true, cfg)->message,
            "mcp_servers is only supported on the Gemini Developer API, not on Vertex AI");
}

TEST(Types, CandidateLogprobsUrlContextAndMapsResults) {
  const json wire = json::parse(R"({"candidates": [{
    "content": {"role": "model", "parts": [{"text": "Hi there"}]},
    "avgLogprobs": -0.2,
    "logprobsResult": {
      "topCandidates": [{"candidates": [{"token": "Hi", "tokenId": 12, "logProbability": -0.1},
                                        {"token": " the", "tokenId": 5, "logProbability": -2.5}]}],
      "chosenCandidates": [{"token": "Hi", "tokenId": 12, "logProbability": -0.1},
                           {"token": " there", "logProbability": -0.3}],
      "logProbabilitySum": -0.4},
    "urlContextMetadata": {"urlMetadata": [
      {"retrievedUrl": "https://example.com/", "urlRetrievalStatus": "URL_RETRIEVAL_STATUS_SUCCESS"}]},
    "groundingMetadata": {"googleMapsWidgetContextToken": "widgetcontent/abc",
      "groundingChunks": [{"web": {"uri": "https://w"}},
                          {"maps": {"uri": "https://maps.google.com/?cid=1", "title": "Cafe", "placeId": "places/ChIJ1"}}]}
  }]})");
  const GenerateContentResponse r = parse_generate_content_response(wire).value();
  const Candidate& c = r.candidates[0];
  ASSERT_TRUE(c.logprobs_result);
  ASSERT_EQ(c.logprobs_result->chosen_candidates.size(), 2u);
  EXPECT_EQ(c.logprobs_result->chosen_candidates[0].token_id, 12);
  EXPECT_EQ(c.logprobs_result->chosen_candidates[1].token, " there");
  EXPECT_FALSE(c.logprobs_result->chosen_candidates[1].token_id);
  ASSERT_EQ(c.logprobs_result->top_candidates.size(), 1u);
  EXPECT_EQ(c.logprobs_result->top_candidates[0].candidates[1].log_probability, -2.5);
  EXPECT_EQ(c.logprobs_result->log_probability_sum, -0.4);
  ASSERT_TRUE(c.url_context_metadata);
  EXPECT_EQ(c.url_context_metadata->url_metadata[0].url_retrieval_status, "URL_RETRIEVAL_STATUS_SUCCESS");
  EXPECT_EQ(c.google_maps_widget_context_token(), "widgetcontent/abc");
  const std::vector<GroundingChunkMaps> places = c.maps_places();
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0].place_id, "places/ChIJ1");
  EXPECT_EQ(places[0].title, "Cafe");
  EXPECT_TRUE(Candidate{}.maps_places().empty());
  EXPECT_FALSE(Candidate{}.google_maps_widget_context_token());
}

TEST(Types, AudioPartsJoinedAndSavedAsWav) {
  const std::string pcm1("\x01\x00\xff\x7f", 4);
  const std::string pcm2("\x00\x80\x02\x00", 4);
  const json wire = json{{"candidates", json::array({json{{"content", json{{"parts", json::array({
      json{{"inlineData", json{{"mimeType", "audio/L16;codec=pcm;rate=16000"}, {"data", base64_encode(pcm1)}}}},
      json{{"text", "and"}},
      json{{"inlineData", json{{"mimeType", "audio/L16;codec=pcm;rate=16000"}, {"data", base64_encode(pcm2)}}}}})}}}}})}};
  const GenerateContentResponse r = parse_generate_content_response(wire).value();
  EXPECT_EQ(r.audio_parts().size(), 2u);
  const std::optional<PcmAudio> audio = r.audio();
  ASSERT_TRUE(audio);
  EXPECT_EQ(audio->samples, pcm1 + pcm2);
  EXPECT_EQ(audio->sample_rate, 16000);
  EXPECT_FALSE(GenerateContentResponse{}.audio());

  const std::string wav = audio->to_wav();
  ASSERT_EQ(wav.size(), 44u + 8u);
  auto u32 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(wav[at])) |
           static_cast<uint32_t>(static_cast<unsigned char>(wav[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(wav[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(wav[at + 3])) << 24;
  };
  EXPECT_EQ(wav.substr(0, 4), "RIFF");
  EXPECT_EQ(u32(4), 44u + 8u - 8u);
  EXPECT_EQ(wav.substr(8, 8), "WAVEfmt ");
  EXPECT_EQ(u32(16), 16u);
  EXPECT_EQ(u32(20) & 0xffff, 1u);       // PCM
  EXPECT_EQ(u32(22) & 0xffff, 1u);       // mono
  EXPECT_EQ(u32(24), 16000u);            // sample rate
  EXPECT_EQ(u32(28), 32000u);            // bytes per second
  EXPECT_EQ(u32(32) & 0xffff, 2u);       // block align
  EXPECT_EQ(u32(34) & 0xffff, 16u);      // bits per sample
  EXPECT_EQ(wav.substr(36, 4), "data");
  EXPECT_EQ(u32(40), 8u);
  EXPECT_EQ(wav.substr(44), pcm1 + pcm2);
  EXPECT_EQ(detect_mime_type(wav), "audio/wav");

  EXPECT_EQ(pcm_sample_rate("audio/L16;codec=pcm;rate=24000"), 24000);
  EXPECT_EQ(pcm_sample_rate("audio/pcm; rate=16000"), 16000);
  EXPECT_FALSE(pcm_sample_rate("audio/pcm"));
  EXPECT_FALSE(pcm_sample_rate("audio/pcm;bitrate=5"));
  // Half a sample is not audio.
  const PcmAudio half{"\x01", 24000, 1};
  EXPECT_FALSE(half.save_wav("/nonexistent/x.wav").ok());
}

}  // namespace
}  // namespace genai::internal
