// The generation config and tools of issue #14 against the emulator on both
// backends: log probabilities, speech output saved as WAV, thinking levels,
// URL context, Google Maps grounding, the retrieval tools, and the fields one
// backend refuses (by the library before sending, and by the emulator with
// Google's unknown-name 400 for a client that sends them anyway).
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <httplib.h>

#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kModel = "gemini-2.5-flash";
constexpr const char* kTts = "gemini-2.5-flash-preview-tts";

class GenerationConfigTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  Client backend() { return backend_client(GetParam()); }
  bool vertex() const { return GetParam(); }
};

GenerateContentConfig with(Tool tool) {
  GenerateContentConfig cfg;
  cfg.tools = {std::move(tool)};
  return cfg;
}

TEST_P(GenerationConfigTest, LogprobsOfTheChosenAndTopTokens) {
  Client c = backend();
  GenerateContentConfig cfg;
  cfg.response_logprobs = true;
  cfg.logprobs = 3;
  auto r = c.models().generate_content(kModel, "Name a colour", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Candidate& cand = r->candidates[0];
  ASSERT_TRUE(cand.logprobs_result);
  const LogprobsResult& lp = *cand.logprobs_result;
  std::string joined;
  double sum = 0;
  for (const LogprobsCandidate& t : lp.chosen_candidates) {
    joined += t.token.value();
    sum += t.log_probability.value();
    EXPECT_LE(*t.log_probability, 0.0);
    EXPECT_TRUE(t.token_id);
  }
  EXPECT_EQ(joined, r->text());  // the tokens are the answer
  ASSERT_EQ(lp.top_candidates.size(), lp.chosen_candidates.size());
  for (size_t i = 0; i < lp.top_candidates.size(); ++i) {
    const auto& step = lp.top_candidates[i].candidates;
    ASSERT_EQ(step.size(), 3u);
    EXPECT_EQ(step[0].token, lp.chosen_candidates[i].token);  // the chosen token is the most likely
    EXPECT_GT(*step[0].log_probability, *step[1].log_probability);
  }
  EXPECT_NEAR(lp.log_probability_sum.value(), sum, 1e-9);
  ASSERT_TRUE(cand.avg_logprobs);
  EXPECT_NEAR(*cand.avg_logprobs, sum / static_cast<double>(lp.chosen_candidates.size()), 1e-9);

  // Without logprobs: chosen tokens only. Without response_logprobs: nothing.
  cfg.logprobs.reset();
  auto chosen_only = c.models().generate_content(kModel, "Name a colour", cfg).value();
  EXPECT_TRUE(chosen_only.candidates[0].logprobs_result->top_candidates.empty());
  EXPECT_FALSE(c.models().generate_content(kModel, "Name a colour").value().candidates[0].logprobs_result);

  // Streamed: the last chunk carries them.
  std::optional<LogprobsResult> streamed;
  for (auto& chunk : c.models().generate_content_stream(kModel, "Name a colour", cfg)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    if (chunk->candidates[0].logprobs_result) streamed = chunk->candidates[0].logprobs_result;
  }
  ASSERT_TRUE(streamed);
  EXPECT_EQ(streamed->chosen_candidates.size(), chosen_only.candidates[0].logprobs_result->chosen_candidates.size());

  // A model without logprobs says so, in each backend's words.
  auto refused = c.models().generate_content("gemini-2.5-pro", "Name a colour", cfg);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_NE(refused.error().message.find("Logprobs is not"), std::string::npos) << refused.error().message;
}

TEST_P(GenerationConfigTest, SpeechIsReturnedAsPcmAndSavedAsWav) {
  Client c = backend();
  GenerateContentConfig cfg;
  cfg.response_modalities = {"AUDIO"};
  cfg.speech_config = SpeechConfig{VoiceConfig::prebuilt("Kore")};
  auto r = c.models().generate_content(kTts, "Say cheerfully: have a wonderful day!", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->audio_parts().size(), 1u);
  EXPECT_EQ(r->audio_parts()[0].mime_type, "audio/L16;codec=pcm;rate=24000");
  EXPECT_EQ(r->text(), "");
  std::optional<PcmAudio> audio = r->audio();
  ASSERT_TRUE(audio);
  EXPECT_EQ(audio->sample_rate, 24000);
  // Six words, 0.15 s each, 16-bit mono.
  EXPECT_EQ(audio->samples.size(), 6u * 3600u * 2u);
  int16_t peak = 0;
  for (size_t i = 0; i + 1 < audio->samples.size(); i += 2) {
    const auto s = static_cast<int16_t>(static_cast<uint8_t>(audio->samples[i]) |
                                        static_cast<uint8_t>(audio->samples[i + 1]) << 8);
    peak = std::max<int16_t>(peak, static_cast<int16_t>(std::abs(s)));
  }
  EXPECT_GT(peak, 8000);  // a tone, not silence
  ASSERT_TRUE(r->usage_metadata);
  ASSERT_EQ(r->usage_metadata->candidates_tokens_details.size(), 1u);
  EXPECT_EQ(r->usage_metadata->candidates_tokens_details[0].modality, "AUDIO");

  const std::string path = ::testing::TempDir() + "genai-speech-" + std::to_string(::getpid()) + ".wav";
  ASSERT_TRUE(audio->save_wav(path).ok());
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(), audio->to_wav());
  EXPECT_EQ(detect_mime_type(bytes.str()), "audio/wav");
  ::unlink(path.c_str());

  // Another voice, another sound; two speakers work too.
  cfg.speech_config = SpeechConfig{VoiceConfig::prebuilt("Puck")};
  EXPECT_NE(c.models().generate_content(kTts, "Say cheerfully: have a wonderful day!", cfg).value().audio()->samples,
            audio->samples);
  SpeechConfig two;
  two.multi_speaker_voice_config = MultiSpeakerVoiceConfig{
      {SpeakerVoiceConfig{"Joe", VoiceConfig::prebuilt("Kore")}, SpeakerVoiceConfig{"Jane", VoiceConfig::prebuilt("Puck")}}};
  cfg.speech_config = two;
  EXPECT_TRUE(c.models().generate_content(kTts, "Joe: Hi Jane! Jane: Hello Joe.", cfg).value().audio());

  // Streamed: the audio in one chunk.
  std::string streamed;
  for (auto& chunk : c.models().generate_content_stream(kTts, "Say cheerfully: have a wonderful day!",
                                                         GenerateContentConfig{.response_modalities = {"AUDIO"}})) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    if (auto a = chunk->audio()) streamed += a->samples;
  }
  EXPECT_EQ(streamed.size(), audio->samples.size());

  // A text model has no voice; a TTS model has nothing but.
  auto text_model = c.models().generate_content(kModel, "Hello", GenerateContentConfig{.response_modalities = {"AUDIO"}});
  ASSERT_FALSE(text_model.ok());
  EXPECT_NE(text_model.error().message.find("response modalities"), std::string::npos) << text_model.error().message;
  EXPECT_FALSE(c.models().generate_content(kTts, "Hello").ok());
}

TEST_P(GenerationConfigTest, ThinkingLevelOnGemini3) {
  Client c = backend();
  GenerateContentConfig cfg;
  cfg.thinking_config = ThinkingConfig{std::nullopt, true, "LOW"};
  auto low = c.models().generate_content("gemini-3-pro-preview", "Why is the sea salty?", cfg);
  ASSERT_TRUE(low.ok()) << low.error().to_string();
  EXPECT_FALSE(low->thoughts().empty());
  EXPECT_LE(low->usage_metadata->thoughts_token_count.value(), 1024);

  cfg.thinking_config->thinking_budget = 512;
  auto both = c.models().generate_content("gemini-3-pro-preview", "Why is the sea salty?", cfg);
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().message, "You can only set only one of thinking budget and thinking level.");

  cfg.thinking_config = ThinkingConfig{std::nullopt, std::nullopt, "HIGH"};
  auto old_model = c.models().generate_content(kModel, "Why is the sea salty?", cfg);
  ASSERT_FALSE(old_model.ok());
  EXPECT_EQ(old_model.error().http_status, 400);
}

TEST_P(GenerationConfigTest, UrlContextReportsTheUrlsItRead) {
  Client c = backend();
  const GenerateContentConfig cfg = with(Tool{.url_context = UrlContext{}});
  auto r = c.models().generate_content(
      kModel, "Compare https://example.com/a and https://docs.example.org/b?x=1, then https://gone.invalid/c.", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->candidates[0].url_context_metadata);
  const auto& urls = r->candidates[0].url_context_metadata->url_metadata;
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_EQ(urls[0].retrieved_url, "https://example.com/a");
  EXPECT_EQ(urls[0].url_retrieval_status, "URL_RETRIEVAL_STATUS_SUCCESS");
  EXPECT_EQ(urls[1].retrieved_url, "https://docs.example.org/b?x=1");
  EXPECT_EQ(urls[2].retrieved_url, "https://gone.invalid/c");
  EXPECT_EQ(urls[2].url_retrieval_status, "URL_RETRIEVAL_STATUS_ERROR");
  // No URL in the prompt, nothing read.
  EXPECT_FALSE(c.models().generate_content(kModel, "Hello", cfg).value().candidates[0].url_context_metadata);
}

TEST_P(GenerationConfigTest, GoogleMapsGroundsInPlaces) {
  Client c = backend();
  GenerateContentConfig cfg = with(Tool{.google_maps = GoogleMaps{true}});
  cfg.tool_config = ToolConfig{std::nullopt, json{{"latLng", {{"latitude", 48.85}, {"longitude", 2.35}}}}};
  auto r = c.models().generate_content(kModel, "Good cafes near the Louvre?", cfg);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const std::vector<GroundingChunkMaps> places = r->candidates[0].maps_places();
  ASSERT_EQ(places.size(), 2u);
  for (const GroundingChunkMaps& p : places) {
    EXPECT_EQ(p.place_id.value().rfind("places/", 0), 0u);
    EXPECT_EQ(p.uri.value().rfind("https://maps.emulator.invalid/", 0), 0u);
    EXPECT_TRUE(p.title);
  }
  EXPECT_TRUE(r->candidates[0].google_maps_widget_context_token());
  EXPECT_FALSE((*r->candidates[0].grounding_metadata)["groundingSupports"].empty());
  cfg.tools[0].google_maps->enable_widget.reset();
  auto no_widget = c.models().generate_content(kModel, "Good cafes near the Louvre?", cfg).value();
  EXPECT_FALSE(no_widget.candidates[0].google_maps_widget_context_token());
  EXPECT_EQ(no_widget.candidates[0].maps_places().size(), 2u);
}

TEST_P(GenerationConfigTest, EachBackendItsOwnTools) {
  Client c = backend();
  auto chunks = [](const GenerateContentResponse& r) { return (*r.candidates[0].grounding_metadata)["groundingChunks"]; };
  Retrieval search;
  search.vertex_ai_search = VertexAISearch{"projects/test-project/locations/global/collections/default_collection/"
                                           "dataStores/docs"};
  const GenerateContentConfig retrieval = with(Tool{.retrieval = search});
  const GenerateContentConfig enterprise = with(Tool{.enterprise_web_search = EnterpriseWebSearch{}});
  const GenerateContentConfig files = with(Tool{.file_search = FileSearch{{"fileSearchStores/manuals"}}});
  const GenerateContentConfig computer = with(Tool{.computer_use = ComputerUse{}});
  const GenerateContentConfig mcp =
      with(Tool{.mcp_servers = {McpServer{"docs", StreamableHttpTransport{"https://mcp.example.com/mcp"}}}});
  GenerateContentConfig routed;
  routed.routing_config = RoutingConfig{std::nullopt, RoutingConfig::ManualMode{"gemini-2.5-flash"}};
  routed.model_selection_config = ModelSelectionConfig{"PRIORITIZE_QUALITY"};
  routed.audio_timestamp = true;
  routed.labels = json{{"team", "docs"}};
  GenerateContentConfig civic;
  civic.enable_enhanced_civic_answers = true;
  civic.service_tier = "flex";
  civic.media_resolution = "MEDIA_RESOLUTION_LOW";
  civic.seed = 42;

  // Computer Use is the computer-use model's tool: it answers with a UI action; other models refuse it.
  auto acted = c.models().generate_content("gemini-2.5-computer-use-preview-10-2025", "Open the docs page", computer);
  ASSERT_TRUE(acted.ok()) << acted.error().to_string();
  ASSERT_EQ(acted->function_calls().size(), 1u);
  EXPECT_EQ(acted->function_calls()[0].name, "open_web_browser");
  auto refused = c.models().generate_content(kModel, "Open the docs page", computer);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  if (vertex()) {
    auto r = c.models().generate_content(kModel, "What does the manual say about resets?", retrieval);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_TRUE(chunks(*r)[0].contains("retrievedContext")) << chunks(*r).dump();
    auto e = c.models().generate_content(kModel, "Latest compliance news", enterprise);
    ASSERT_TRUE(e.ok()) << e.error().to_string();
    EXPECT_TRUE(chunks(*e)[0].contains("web"));
    EXPECT_TRUE(c.models().generate_content(kModel, "Hello", routed).ok());
    // The Developer API's own, refused before sending.
    auto f = c.models().generate_content(kModel, "Hello", files);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(f.error().message, "the file_search tool is only supported on the Gemini Developer API, not on Vertex AI");
    EXPECT_FALSE(c.models().generate_content(kModel, "Hello", civic).ok());
    EXPECT_FALSE(c.models().generate_content(kModel, "Hello", mcp).ok());
  } else {
    // Taken by the Developer API; the emulator stays offline, so it calls
    // MCP servers on loopback only (mcp_tool_test.cc calls a real one).
    auto m = c.models().generate_content(kModel, "Hello", mcp);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.error().http_status, 400);
    EXPECT_EQ(m.error().message.rfind("Failed to use MCP server 'docs': it is on mcp.example.com, not on loopback", 0), 0u)
        << m.error().message;
    // The store must exist (file_search_test.cc retrieves from real ones).
    auto f = c.models().generate_content(kModel, "What does the manual say about resets?", files);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().http_status, 404);
    EXPECT_TRUE(c.models().generate_content(kModel, "Hello", civic).ok());
    const std::vector<const GenerateContentConfig*> vertex_only = {&retrieval, &enterprise, &routed};
    for (const GenerateContentConfig* cfg : vertex_only) {
      auto refused = c.models().generate_content(kModel, "Hello", *cfg);
      ASSERT_FALSE(refused.ok());
      EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidArgument);
      EXPECT_NE(refused.error().message.find("only supported on Vertex AI, not on the Gemini Developer API"),
                std::string::npos) << refused.error().message;
      EXPECT_EQ(refused.error().http_status, 0);  // never sent
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, GenerationConfigTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Vertex" : "Developer"; });

// A client that sends a Vertex AI field to the Developer API anyway gets
// Google's answer: the v1beta proto has no such field.
class DeveloperApiFieldsTest : public EmulatorTest {};

TEST_F(DeveloperApiFieldsTest, VertexOnlyFieldsAreUnknownNames) {
  httplib::Client http(base_url());
  auto post = [&](const std::string& body) {
    auto r = http.Post("/v1beta/models/gemini-2.5-flash:generateContent", {{"x-goog-api-key", key()}}, body,
                       "application/json");
    return std::make_pair(r ? r->status : 0, r ? json::parse(r->body, nullptr, false) : json());
  };
  const std::string hi = R"("contents": [{"parts": [{"text": "Hi"}]}])";
  auto [s1, labels] = post("{" + hi + R"(, "labels": {"team": "a"}})");
  EXPECT_EQ(s1, 400);
  EXPECT_EQ(labels["error"]["message"], "Invalid JSON payload received. Unknown name \"labels\": Cannot find field.");
  auto [s2, retrieval] = post("{" + hi + R"(, "tools": [{"retrieval": {"vertexAiSearch": {"datastore": "d"}}}]})");
  EXPECT_EQ(s2, 400);
  EXPECT_EQ(retrieval["error"]["message"],
            "Invalid JSON payload received. Unknown name \"retrieval\" at 'tools[0]': Cannot find field.");
  auto [s3, routing] = post("{" + hi + R"(, "generationConfig": {"routing_config": {"autoMode": {}}}})");
  EXPECT_EQ(s3, 400);
  EXPECT_NE(routing["error"]["message"].get<std::string>().find("\"routing_config\" at 'generation_config'"),
            std::string::npos) << routing.dump();
  // The fields both backends have pass.
  auto [s4, ok] = post("{" + hi + R"(, "serviceTier": "flex", "tools": [{"urlContext": {}}, {"googleMaps": {}}],
      "generationConfig": {"mediaResolution": "MEDIA_RESOLUTION_LOW", "responseLogprobs": true, "logprobs": 2}})");
  EXPECT_EQ(s4, 200) << ok.dump();
}

}  // namespace
}  // namespace genai::testing
