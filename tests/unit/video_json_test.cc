// The wire mapping of generate_videos and of its operation: python-genai's
// names per backend (_GenerateVideosParameters_to_mldev/_to_vertex,
// _GenerateVideosOperation_from_mldev/_from_vertex).
#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/video_json.h"

namespace genai::internal {
namespace {

using nlohmann::json;

TEST(GenerateVideosJson, VertexAiTakesEveryFieldUnderItsWireName) {
  GenerateVideosSource s;
  s.prompt = "A koi pond";
  s.image = Image{"png-bytes", "image/png", std::nullopt};
  s.video = Video{std::string("gs://b/in.mp4"), "", "video/mp4", nullptr};
  GenerateVideosConfig c;
  c.number_of_videos = 2;
  c.output_gcs_uri = "gs://b/out/";
  c.fps = 24;
  c.duration_seconds = 8;
  c.seed = 7;
  c.aspect_ratio = "9:16";
  c.resolution = "1080p";
  c.person_generation = "allow_adult";
  c.pubsub_topic = "projects/p/topics/t";
  c.negative_prompt = "rain";
  c.enhance_prompt = true;
  c.generate_audio = false;
  c.last_frame = Image{"", "", std::string("gs://b/last.png")};
  c.compression_quality = "LOSSLESS";
  c.labels = {{"team", "film"}};
  c.resize_mode = "pad";
  const json body = generate_videos_request_body(true, s, c).value();
  EXPECT_EQ(body, json::parse(R"({
    "instances": [{"prompt": "A koi pond",
                   "image": {"bytesBase64Encoded": ")" + base64_encode("png-bytes") + R"(", "mimeType": "image/png"},
                   "video": {"gcsUri": "gs://b/in.mp4", "mimeType": "video/mp4"},
                   "lastFrame": {"gcsUri": "gs://b/last.png"}}],
    "parameters": {"sampleCount": 2, "storageUri": "gs://b/out/", "fps": 24, "durationSeconds": 8, "seed": 7,
                   "aspectRatio": "9:16", "resolution": "1080p", "personGeneration": "allow_adult",
                   "pubsubTopic": "projects/p/topics/t", "negativePrompt": "rain", "enhancePrompt": true,
                   "generateAudio": false, "compressionQuality": "LOSSLESS", "resizeMode": "pad"},
    "labels": {"team": "film"}})"));
}

TEST(GenerateVideosJson, TheDeveloperApiRefusesVertexOnlyFieldsBeforeSending) {
  GenerateVideosSource s;
  s.prompt = "x";
  for (auto set : std::vector<void (*)(GenerateVideosConfig&)>{
           [](GenerateVideosConfig& c) { c.output_gcs_uri = "gs://b"; }, [](GenerateVideosConfig& c) { c.fps = 24; },
           [](GenerateVideosConfig& c) { c.seed = 1; }, [](GenerateVideosConfig& c) { c.generate_audio = true; },
           [](GenerateVideosConfig& c) { c.pubsub_topic = "t"; },
           [](GenerateVideosConfig& c) { c.compression_quality = "LOSSLESS"; },
           [](GenerateVideosConfig& c) { c.labels["a"] = "b"; }, [](GenerateVideosConfig& c) { c.resize_mode = "pad"; },
           [](GenerateVideosConfig& c) { c.last_frame = Image{"", "", std::string("gs://b/l.png")}; }}) {
    GenerateVideosConfig c;
    set(c);
    auto r = generate_videos_request_body(false, s, c);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(r.error().message.find("only supported on Vertex AI"), std::string::npos) << r.error().message;
  }
  EXPECT_FALSE(generate_videos_request_body(false, GenerateVideosSource{}, {}));  // nothing to start from
}

TEST(GenerateVideosJson, TheDeveloperApiSendsAGeneratedVideoByUriOnly) {
  GenerateVideosSource s;
  s.video = Video{std::string("https://x/v1beta/files/abc:download?alt=media"), "bytes", "video/mp4", nullptr};
  GenerateVideosConfig c;
  c.duration_seconds = 6;
  const json body = generate_videos_request_body(false, s, c).value();
  EXPECT_EQ(body, json::parse(R"({"instances": [{"video": {"uri": "https://x/v1beta/files/abc:download?alt=media",
      "encoding": "video/mp4"}}], "parameters": {"durationSeconds": 6}})"));
}

TEST(GenerateVideosJson, OperationsOfBothBackends) {
  auto dev = parse_generate_videos_operation(false, json::parse(R"({"name": "models/veo/operations/a", "done": true,
      "response": {"@type": "t", "generateVideoResponse": {"generatedSamples": [{"video": {"uri": "https://u"}}],
      "raiMediaFilteredCount": 1, "raiMediaFilteredReasons": ["r"]}}})"));
  ASSERT_TRUE(dev) << dev.error().to_string();
  EXPECT_TRUE(dev->done);
  ASSERT_EQ(dev->result->generated_videos.size(), 1u);
  EXPECT_EQ(dev->result->generated_videos[0].video->uri, "https://u");
  EXPECT_EQ(dev->result->rai_media_filtered_count, 1);
  EXPECT_EQ(dev->result->rai_media_filtered_reasons, std::vector<std::string>{"r"});

  auto vertex = parse_generate_videos_operation(true, json::parse(R"({"name": "projects/p/x/operations/b",
      "done": true, "response": {"videos": [{"bytesBase64Encoded": ")" + base64_encode("mp4") +
                                                                  R"(", "mimeType": "video/mp4"}, {"gcsUri": "gs://b/1.mp4"}]}})"));
  ASSERT_TRUE(vertex);
  ASSERT_EQ(vertex->result->generated_videos.size(), 2u);
  EXPECT_EQ(vertex->result->generated_videos[0].video->video_bytes, "mp4");
  EXPECT_EQ(vertex->result->generated_videos[1].video->uri, "gs://b/1.mp4");

  auto running = parse_generate_videos_operation(true, json::parse(R"({"name": "n"})"));
  ASSERT_TRUE(running);
  EXPECT_FALSE(running->done);
  EXPECT_FALSE(running->result);

  auto failed = parse_generate_videos_operation(false, json::parse(R"({"name": "n", "done": true,
      "error": {"code": 8, "message": "Quota exceeded"}})"));
  ASSERT_TRUE(failed);
  ASSERT_TRUE(failed->error);
  EXPECT_EQ(failed->error->status, "RESOURCE_EXHAUSTED");
  EXPECT_EQ(failed->error->http_status, 429);
  EXPECT_EQ(failed->error->message, "Quota exceeded");

  EXPECT_FALSE(parse_generate_videos_operation(false, json::parse(R"({"done": true})")));  // no name
  EXPECT_FALSE(parse_generate_videos_operation(true, json::parse(R"({"name": "n", "response": {"videos": [1]}})")));
}

}  // namespace
}  // namespace genai::internal
