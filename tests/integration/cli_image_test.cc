// genai image and genai generate --image/--file/--output-dir (and the speech,
// log probability and tool flags of generate), run as a user would against
// the in-process emulator; written images are decoded with libpng.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "emulator/auth/key_files.h"
#include "emulator/backend/png.h"
#include "tests/support/cli_file_fixture.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/png_reader.h"
#include "tests/support/subprocess.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;

class CliImageTest : public CliFileTest {
 protected:
  // genai --vertex with the key file of a service account holding Vertex AI
  // User in test-project (the Vertex AI API enabled).
  ProcessResult genai_vertex(std::vector<std::string> args) {
    if (vertex_key_.empty()) {
      EXPECT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true));
      auto sa = state().create_service_account("test-project", "cli-images", "CLI images");
      EXPECT_TRUE(sa);
      EXPECT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(sa->email)));
      auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
      EXPECT_TRUE(file);
      vertex_key_ = path("sa.json");
      std::ofstream(vertex_key_) << file->key_file_json;
      std::filesystem::permissions(vertex_key_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
    args.insert(args.begin(), {"--vertex", "--credentials", vertex_key_, "--location", "us-central1"});
    return genai(std::move(args),
                 {{"GOOGLE_VERTEX_BASE_URL", base_url()}, {"NO_GCE_CHECK", "true"}, {"CLOUDSDK_CONFIG", "/nonexistent"}});
  }
  std::string vertex_key_;
};

void expect_png_file(const std::string& path, int width, int height) {
  std::string error;
  auto png = decode_png_file(path, &error);
  ASSERT_TRUE(png) << path << ": " << error;
  EXPECT_EQ(png->width, width);
  EXPECT_EQ(png->height, height);
}

TEST_F(CliImageTest, ImageWritesADecodablePngOfTheRequestedSize) {
  auto r = genai({"image", "--aspect-ratio", "16:9", "A lighthouse at dusk", "-o", path("out.png")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_png_file(path("out.png"), 1408, 768);
  EXPECT_NE(r.err.find("wrote " + path("out.png")), std::string::npos) << r.err;

  // An existing file is kept unless --force.
  const auto before = fs::last_write_time(path("out.png"));
  auto again = genai({"image", "A lighthouse at dusk", "-o", path("out.png")});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_NE(again.err.find("--force"), std::string::npos) << again.err;
  EXPECT_EQ(fs::last_write_time(path("out.png")), before);
  auto forced = genai({"image", "--force", "A lighthouse at dusk", "-o", path("out.png")});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  expect_png_file(path("out.png"), 1024, 1024);  // 1:1 by default
}

TEST_F(CliImageTest, SeveralImagesAreNumbered) {
  auto r = genai({"image", "--n", "2", "--aspect-ratio", "9:16", "-o", path("tall.png"), "A tower"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_png_file(path("tall-1.png"), 768, 1408);
  expect_png_file(path("tall-2.png"), 768, 1408);
  EXPECT_FALSE(fs::exists(path("tall.png")));
  EXPECT_NE(r.err.find("wrote " + path("tall-2.png")), std::string::npos) << r.err;
}

TEST_F(CliImageTest, ClearErrors) {
  auto ratio = genai({"image", "--aspect-ratio", "2:1", "x", "-o", path("x.png")});
  EXPECT_EQ(ratio.exit_code, 4);
  EXPECT_NE(ratio.err.find("Unsupported aspect ratio"), std::string::npos) << ratio.err;
  EXPECT_FALSE(fs::exists(path("x.png")));
  EXPECT_EQ(genai({"image", "--n", "5", "x", "-o", path("x.png")}).exit_code, 2);
  EXPECT_EQ(genai({"image", "x"}).exit_code, 2);  // -o is required
  auto seed = genai({"image", "--seed", "3", "x", "-o", path("x.png")});  // Developer API: Vertex only
  EXPECT_EQ(seed.exit_code, 2);
  EXPECT_NE(seed.err.find("only supported on Vertex AI"), std::string::npos) << seed.err;
  auto dir = genai({"image", "x", "-o", path("missing-dir/x.png")});
  EXPECT_NE(dir.exit_code, 0);
  EXPECT_NE(dir.err.find("missing-dir/x.png"), std::string::npos) << dir.err;
}

TEST_F(CliImageTest, ImageOnVertexWithSeedAndNegativePrompt) {
  auto r = genai_vertex({"image", "--seed", "5", "--negative-prompt", "people", "--aspect-ratio", "3:4", "A quiet beach",
                         "-o", path("beach.png")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_png_file(path("beach.png"), 896, 1280);
}

TEST_F(CliImageTest, EditAndUpscaleOnVertex) {
  ASSERT_EQ(genai_vertex({"image", "--aspect-ratio", "4:3", "A room", "-o", path("room.png")}).exit_code, 0);

  auto edit = genai_vertex({"image", "edit", path("room.png"), "A cat on the sofa in [1]", "--mask-mode", "foreground",
                      "--mode", "inpaint-insertion", "--n", "2", "-o", path("cat.png")});
  ASSERT_EQ(edit.exit_code, 0) << edit.err;
  expect_png_file(path("cat-1.png"), 1280, 896);
  expect_png_file(path("cat-2.png"), 1280, 896);

  auto up = genai_vertex({"image", "upscale", path("room.png"), "--factor", "x2", "-o", path("room-2x.png")});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  expect_png_file(path("room-2x.png"), 2560, 1792);

  // Clear errors: a mask and a mask mode at once, a missing image, no -o,
  // a factor the API lacks, and the Developer API (Vertex only).
  EXPECT_EQ(genai_vertex({"image", "edit", path("room.png"), "x", "--mask", path("room.png"), "--mask-mode", "foreground",
                    "-o", path("y.png")})
                .exit_code,
            2);
  auto missing = genai_vertex({"image", "upscale", path("nope.png"), "-o", path("z.png")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.png"), std::string::npos) << missing.err;
  EXPECT_EQ(genai_vertex({"image", "upscale", path("room.png")}).exit_code, 2);
  EXPECT_EQ(genai_vertex({"image", "upscale", path("room.png"), "--factor", "x3", "-o", path("z.png")}).exit_code, 2);
  auto developer = genai({"image", "upscale", path("room.png"), "-o", path("z.png")});
  EXPECT_EQ(developer.exit_code, 2);
  EXPECT_NE(developer.err.find("only supported on Vertex AI"), std::string::npos) << developer.err;
  EXPECT_FALSE(fs::exists(path("z.png")));
}

TEST_F(CliImageTest, GenerateWithAnImageInputReportsItsSize) {
  std::vector<std::uint8_t> rgb(64 * 48 * 3, 90);
  const std::string input = path("photo.dat");  // no telling extension: the content decides
  std::ofstream(input, std::ios::binary) << emulator::encode_png(64, 48, rgb);
  auto r = genai({"generate", "--no-stream", "--image", input, "What is this?"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("I see a 64x48 image/png image."), std::string::npos) << r.out;

  std::ofstream(path("notes.txt")) << "Some notes.\n";
  auto file = genai({"generate", "--no-stream", "--file", path("notes.txt"), "Summarise"});
  ASSERT_EQ(file.exit_code, 0) << file.err;
  EXPECT_NE(file.out.find("I received 12 bytes of text/plain."), std::string::npos) << file.out;

  auto not_image = genai({"generate", "--image", path("notes.txt"), "x"});
  EXPECT_EQ(not_image.exit_code, 2);
  EXPECT_NE(not_image.err.find("is not an image"), std::string::npos) << not_image.err;
  EXPECT_EQ(genai({"generate", "--image", path("nope.png"), "x"}).exit_code, 2);
}

TEST_F(CliImageTest, GenerateSavesAnswerImagesInsteadOfPrintingThem) {
  const std::string out = path("answers");
  fs::create_directories(out);
  for (const char* mode : {"--no-stream", "--stream"}) {
    auto r = genai({"generate", mode, "-m", "gemini-2.5-flash-image", "--output-dir", out, "A watercolour fox"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Here is an image of A watercolour fox"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("iVBOR"), std::string::npos);  // no base64 on stdout
  }
  // The second answer did not overwrite the first.
  expect_png_file(out + "/image-1.png", 1024, 1024);
  expect_png_file(out + "/image-2.png", 1024, 1024);
  auto text_model = genai({"generate", "--modalities", "TEXT,IMAGE", "A fox"});
  EXPECT_EQ(text_model.exit_code, 4);
  EXPECT_NE(text_model.err.find("response modalities: image"), std::string::npos) << text_model.err;
}

TEST_F(CliImageTest, GenerateSavesSpeechAsWavAndPrintsDetails) {
  // Speech: to --audio-out, else speech-N.wav in --output-dir (never overwriting).
  const std::string wav = path("hello.wav");
  for (const char* mode : {"--no-stream", "--stream"}) {
    auto r = genai({"generate", mode, "-m", "gemini-2.5-flash-preview-tts", "--voice", "Kore", "--audio-out", wav,
                    "Say warmly: hello there"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("wrote " + wav + " (audio/wav, 24000 Hz"), std::string::npos) << r.err;
    std::ifstream in(wav, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(bytes.size(), 44u + 4u * 3600u * 2u);  // four words, 0.15 s each
    EXPECT_EQ(bytes.substr(0, 4), "RIFF");
    EXPECT_EQ(bytes.substr(8, 4), "WAVE");
  }
  for (int i = 0; i < 2; ++i) {
    auto r = genai({"generate", "-m", "gemini-2.5-flash-preview-tts", "--speaker", "Joe=Kore", "--speaker", "Jane=Puck",
                    "--output-dir", dir_.string(), "Joe: Hi! Jane: Hello."});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_TRUE(fs::exists(path("speech-1.wav")));
  EXPECT_TRUE(fs::exists(path("speech-2.wav")));
  EXPECT_EQ(genai({"generate", "--speaker", "Joe", "Hi"}).exit_code, 2);  // SPEAKER=VOICE

  // Log probabilities, the URLs read and the places, on stderr; stdout stays the answer.
  auto lp = genai({"generate", "--no-stream", "--logprobs", "2", "Name a colour"});
  ASSERT_EQ(lp.exit_code, 0) << lp.err;
  EXPECT_EQ(lp.err.rfind("logprob: -", 0), 0u) << lp.err;
  EXPECT_EQ(lp.out.find("logprob"), std::string::npos);
  auto urls = genai({"generate", "--url-context", "--google-maps", "Cafes near https://example.com/louvre?"});
  ASSERT_EQ(urls.exit_code, 0) << urls.err;
  EXPECT_NE(urls.err.find("url: URL_RETRIEVAL_STATUS_SUCCESS https://example.com/louvre?"), std::string::npos) << urls.err;
  EXPECT_NE(urls.err.find("place: Simulated place 1"), std::string::npos) << urls.err;
  // Gemini 3 thinking levels; a budget and a level together are a usage error.
  EXPECT_EQ(genai({"generate", "-m", "gemini-3-pro-preview", "--thinking-level", "low", "--seed", "7", "Hi"}).exit_code, 0);
  EXPECT_EQ(genai({"generate", "--thinking-level", "low", "--thinking-budget", "5", "Hi"}).exit_code, 2);
  EXPECT_EQ(genai({"generate", "--logprobs", "21", "Hi"}).exit_code, 2);
}

}  // namespace
}  // namespace genai::testing
