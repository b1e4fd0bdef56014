// The emulator's MP4 writer (backend/mp4.h): the box structure a demuxer
// needs, sizes that add up, sample tables that point into mdat, and (when
// ffprobe is installed) a real H.264 decoder reading every frame.
#include <gtest/gtest.h>

#include "emulator/backend/mp4.h"
#include "tests/support/mp4_reader.h"

namespace genai::testing {
namespace {

emulator::Mp4Video sample_video(int width, int height, int frames) {
  emulator::Mp4Video v;
  v.width = width;
  v.height = height;
  for (int i = 0; i < frames; ++i) {
    // Luma 0 and chroma 0..3 would need emulation prevention bytes in the NAL.
    v.frames.push_back(emulator::Mp4Frame{static_cast<std::uint8_t>(i * 3), static_cast<std::uint8_t>(i % 4), 0});
  }
  return v;
}

TEST(EmulatorMp4, HasTheBoxesADemuxerNeedsWithConsistentSizes) {
  const std::string mp4 = emulator::encode_mp4(sample_video(32, 18, 8));
  std::string error;
  auto s = read_mp4(mp4, &error);
  ASSERT_TRUE(s) << error;
  for (const char* box : {"ftyp", "moov", "moov/mvhd", "moov/trak", "moov/trak/tkhd", "moov/trak/mdia",
                          "moov/trak/mdia/mdhd", "moov/trak/mdia/hdlr", "moov/trak/mdia/minf",
                          "moov/trak/mdia/minf/vmhd", "moov/trak/mdia/minf/dinf/dref",
                          "moov/trak/mdia/minf/stbl/stsd/avc1/avcC", "moov/trak/mdia/minf/stbl/stts",
                          "moov/trak/mdia/minf/stbl/stsc", "moov/trak/mdia/minf/stbl/stsz",
                          "moov/trak/mdia/minf/stbl/stco", "mdat"}) {
    EXPECT_TRUE(s->has(box)) << box;
  }
  EXPECT_EQ(s->paths.front(), "ftyp");  // ftyp first, as players require
  EXPECT_EQ(s->width, 32);
  EXPECT_EQ(s->height, 18);
  EXPECT_EQ(s->samples, 8u);
  EXPECT_EQ(s->duration_ms, 8000u);
}

TEST(EmulatorMp4, IsDeterministic) {
  EXPECT_EQ(emulator::encode_mp4(sample_video(18, 32, 4)), emulator::encode_mp4(sample_video(18, 32, 4)));
  EXPECT_NE(emulator::encode_mp4(sample_video(18, 32, 4)), emulator::encode_mp4(sample_video(18, 32, 5)));
}

TEST(EmulatorMp4, ATruncatedFileIsRefusedByTheReader) {
  const std::string mp4 = emulator::encode_mp4(sample_video(32, 18, 2));
  EXPECT_FALSE(read_mp4(mp4.substr(0, mp4.size() - 10)));
}

TEST(EmulatorMp4, FfprobeDecodesEveryFrame) {
  bool available = false;
  const std::string probe = ffprobe_summary(emulator::encode_mp4(sample_video(18, 32, 6)), &available);
  if (!available) GTEST_SKIP() << "ffprobe is not installed (Debian package ffmpeg)";
  EXPECT_EQ(probe, "h264,18,32,6");
}

}  // namespace
}  // namespace genai::testing
