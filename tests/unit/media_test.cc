// MIME detection from content, Part::from_file / Image::save on a real
// filesystem, and the emulator's PNG encoder decoded by libpng.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "emulator/backend/image_gen.h"
#include "emulator/backend/png.h"
#include "genai/genai.h"
#include "tests/support/png_reader.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;

std::string bytes(std::initializer_list<int> b, std::string tail = std::string(32, '\0')) {
  std::string s;
  for (int c : b) s += static_cast<char>(c);
  return s + tail;
}

TEST(MimeSniffing, ImagesFromTheirMagicNumbers) {
  EXPECT_EQ(detect_mime_type(bytes({0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})), "image/png");
  EXPECT_EQ(detect_mime_type(bytes({0xFF, 0xD8, 0xFF, 0xE0})), "image/jpeg");
  EXPECT_EQ(detect_mime_type("GIF89a" + std::string(20, '\0')), "image/gif");
  EXPECT_EQ(detect_mime_type("GIF87a" + std::string(20, '\0')), "image/gif");
  EXPECT_EQ(detect_mime_type(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16) + std::string(20, '\0')), "image/webp");
  EXPECT_EQ(detect_mime_type(std::string("\0\0\0\x18" "ftypheic", 12) + std::string(12, '\0')), "image/heic");
  EXPECT_EQ(detect_mime_type(std::string("\0\0\0\x18" "ftypmif1", 12) + std::string(12, '\0')), "image/heif");
}

TEST(MimeSniffing, DocumentsAudioAndVideo) {
  EXPECT_EQ(detect_mime_type("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "application/pdf");
  EXPECT_EQ(detect_mime_type(std::string("RIFF\x24\0\0\0WAVEfmt ", 16) + std::string(20, '\0')), "audio/wav");
  EXPECT_EQ(detect_mime_type("ID3\x04" + std::string(20, '\0')), "audio/mpeg");
  EXPECT_EQ(detect_mime_type(bytes({0xFF, 0xFB, 0x90, 0x64})), "audio/mpeg");  // MPEG-1 layer III frame
  EXPECT_EQ(detect_mime_type(bytes({0xFF, 0xF1, 0x50, 0x80})), "audio/aac");   // ADTS, not MP3
  EXPECT_EQ(detect_mime_type("fLaC\0\0\0\x22" + std::string(20, '\0')), "audio/flac");
  EXPECT_EQ(detect_mime_type("OggS\0\x02" + std::string(20, '\0')), "audio/ogg");
  EXPECT_EQ(detect_mime_type(std::string("\0\0\0\x20" "ftypisom", 12) + std::string(20, '\0')), "video/mp4");
  EXPECT_EQ(detect_mime_type(std::string("\0\0\0\x14" "ftypqt  ", 12) + std::string(20, '\0')), "video/quicktime");
  EXPECT_EQ(detect_mime_type(std::string("\0\0\0\x08" "moov", 8) + std::string(20, '\0')), "video/quicktime");
  EXPECT_EQ(detect_mime_type(bytes({0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84}, "webm" + std::string(20, '\0'))),
            "video/webm");
}

TEST(MimeSniffing, TextIsValidUtf8WithoutControlCharacters) {
  EXPECT_EQ(detect_mime_type("hello, world\n"), "text/plain");
  EXPECT_EQ(detect_mime_type("\xEF\xBB\xBFgr\xC3\xBC\xC3\x9F" "e \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\n"), "text/plain");
  EXPECT_EQ(detect_mime_type("caf\xC3"), "application/octet-stream");        // truncated sequence
  EXPECT_EQ(detect_mime_type("\xC0\xAF"), "application/octet-stream");       // overlong
  EXPECT_EQ(detect_mime_type("\xED\xA0\x80"), "application/octet-stream");   // surrogate
  EXPECT_EQ(detect_mime_type(std::string("a\0b", 3)), "application/octet-stream");
  EXPECT_EQ(detect_mime_type(""), "application/octet-stream");
  // The name does not matter, the bytes do: a "PNG" that is text is text.
  EXPECT_EQ(detect_mime_type("PNG is a format"), "text/plain");
}

class MediaFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("genai-media-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::chmod(dir_.c_str(), 0755);
    fs::remove_all(dir_);
  }
  std::string write(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator())); }
  fs::path dir_;
};

TEST_F(MediaFiles, PartFromFileDetectsTheTypeFromContentAndHonoursAnOverride) {
  const std::string png = emulator::encode_png(2, 2, std::vector<std::uint8_t>(12, 200));
  const std::string path = write("looks-like.jpg", png);  // misleading name
  Result<Part> p = Part::from_file(path);
  ASSERT_TRUE(p.ok()) << p.error().to_string();
  EXPECT_EQ(p->inline_data->mime_type, "image/png");
  ASSERT_TRUE(p->as_image());
  EXPECT_EQ(p->as_image()->image_bytes, png);
  EXPECT_EQ(Part::from_file(path, "image/x-custom")->inline_data->mime_type, "image/x-custom");
  EXPECT_EQ(Image::from_file(path)->mime_type, "image/png");
}

TEST_F(MediaFiles, MissingDirectoryEmptyAndTooLargeFilesAreClearErrors) {
  auto missing = Part::from_file((dir_ / "nope.png").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().status, "NOT_FOUND");
  EXPECT_NE(missing.error().message.find("nope.png"), std::string::npos);
  EXPECT_EQ(missing.error().kind, ErrorKind::kInvalidArgument);

  EXPECT_EQ(Part::from_file(dir_.string()).error().status, "INVALID_ARGUMENT");
  EXPECT_NE(Part::from_file(write("empty", "")).error().message.find("is empty"), std::string::npos);

  const std::string big = (dir_ / "big.bin").string();
  fs::resize_file(write("big.bin", "x"), kMaxInlineDataBytes + 1);  // sparse: cheap
  auto too_large = Part::from_file(big);
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.error().status, "OUT_OF_RANGE");
  EXPECT_NE(too_large.error().message.find("limited to 20.0 MB"), std::string::npos) << too_large.error().message;
  EXPECT_NE(too_large.error().fix.find("Files API"), std::string::npos);

  if (::geteuid() != 0) {  // root reads anything
    const std::string secret = write("secret.png", "x");
    ::chmod(secret.c_str(), 0);
    EXPECT_EQ(Part::from_file(secret).error().status, "PERMISSION_DENIED");
  }
}

TEST_F(MediaFiles, SaveIsAtomicAndRefusesToClobberUnlessAllowed) {
  const Image image{"first", "image/png", std::nullopt};
  const std::string path = (dir_ / "out.png").string();
  ASSERT_TRUE(image.save(path, false).ok());
  EXPECT_EQ(fs::file_size(path), 5u);
  EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);

  const Image second{"second!", "image/png", std::nullopt};
  auto refused = second.save(path, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status, "ALREADY_EXISTS");
  EXPECT_EQ(fs::file_size(path), 5u);   // untouched
  EXPECT_EQ(entries(), 1u);             // no temporary file left behind
  ASSERT_TRUE(second.save(path).ok());  // overwrite
  EXPECT_EQ(fs::file_size(path), 7u);
  EXPECT_EQ(entries(), 1u);

  // A directory that does not exist: an error, and nothing written anywhere.
  auto failed = image.save((dir_ / "no-such-dir" / "x.png").string());
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().status, "NOT_FOUND");
  EXPECT_EQ(entries(), 1u);
  EXPECT_FALSE(Image{}.save((dir_ / "none.png").string()).ok());  // no bytes
}

TEST(EmulatorPng, EncoderOutputDecodesWithLibpngPixelForPixel) {
  std::vector<std::uint8_t> rgb;
  for (int y = 0; y < 48; ++y) {
    for (int x = 0; x < 64; ++x) {
      rgb.push_back(static_cast<std::uint8_t>(x * 4));
      rgb.push_back(static_cast<std::uint8_t>(y * 5));
      rgb.push_back(static_cast<std::uint8_t>((x * y) & 0xFF));
    }
  }
  const std::string png = emulator::encode_png(64, 48, rgb);
  std::string error;
  auto decoded = decode_png(png, &error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_EQ(decoded->width, 64);
  EXPECT_EQ(decoded->height, 48);
  EXPECT_EQ(decoded->rgb, rgb);
  auto header = emulator::read_image_header(png);
  ASSERT_TRUE(header);
  EXPECT_EQ(header->mime_type, "image/png");
  EXPECT_EQ(header->width, 64);
  EXPECT_EQ(header->height, 48);
  EXPECT_EQ(detect_mime_type(png), "image/png");

  std::string corrupted = png;
  corrupted[corrupted.size() / 2] ^= 0x55;  // inside IDAT: the CRC no longer matches
  EXPECT_FALSE(decode_png(corrupted));
}

TEST(EmulatorPng, ImagenSizesAndDeterministicPictures) {
  EXPECT_EQ(emulator::imagen_size("16:9")->width, 1408);
  EXPECT_EQ(emulator::imagen_size("16:9")->height, 768);
  EXPECT_EQ(emulator::imagen_size("9:16")->width, 768);
  EXPECT_EQ(emulator::imagen_size("3:4")->height, 1280);
  EXPECT_EQ(emulator::imagen_size("4:3")->width, 1280);
  EXPECT_EQ(emulator::imagen_size("1:1")->width, 1024);
  EXPECT_FALSE(emulator::imagen_size("2:1"));
  const std::string a = emulator::render_png(7, {320, 200});
  EXPECT_EQ(a, emulator::render_png(7, {320, 200}));
  EXPECT_NE(a, emulator::render_png(8, {320, 200}));
  auto decoded = decode_png(a);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->width, 320);
  EXPECT_NE(decoded->rgb[0], decoded->rgb[decoded->rgb.size() - 3]);  // a gradient, not a flat fill
}

TEST(EmulatorPng, HeadersOfOtherFormats) {
  // GIF logical screen 640x480; JPEG SOF0 100x50 after an APP0 segment.
  auto gif = emulator::read_image_header(std::string("GIF89a\x80\x02\xE0\x01", 10));
  ASSERT_TRUE(gif);
  EXPECT_EQ(gif->width, 640);
  EXPECT_EQ(gif->height, 480);
  const std::string jpeg = bytes({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
                                  0x32, 0x00, 0x64, 0x03});
  auto j = emulator::read_image_header(jpeg);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->mime_type, "image/jpeg");
  EXPECT_EQ(j->width, 100);
  EXPECT_EQ(j->height, 50);
  EXPECT_FALSE(emulator::read_image_header("not an image at all"));
}

}  // namespace
}  // namespace genai::testing
