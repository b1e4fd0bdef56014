// genai image and genai generate --image/--file/--output-dir, run as a user
// would against the in-process emulator; written files are decoded with libpng.
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

class CliImageTest : public CliFileTest {};

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
  for (const char* api : {emulator::kAiPlatform}) ASSERT_TRUE(state().set_service_enabled("test-project", api, true));
  auto sa = state().create_service_account("test-project", "cli-images", "CLI images");
  ASSERT_TRUE(sa);
  ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user", emulator::service_account_member(sa->email)));
  auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
  ASSERT_TRUE(file);
  const std::string key_path = path("sa.json");
  std::ofstream(key_path) << file->key_file_json;
  fs::permissions(key_path, fs::perms::owner_read | fs::perms::owner_write);
  auto r = genai({"--vertex", "--credentials", key_path, "--location", "us-central1", "image", "--seed", "5",
                  "--negative-prompt", "people", "--aspect-ratio", "3:4", "A quiet beach", "-o", path("beach.png")},
                 {{"GOOGLE_VERTEX_BASE_URL", base_url()}, {"NO_GCE_CHECK", "true"}, {"CLOUDSDK_CONFIG", "/nonexistent"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_png_file(path("beach.png"), 896, 1280);
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

}  // namespace
}  // namespace genai::testing
