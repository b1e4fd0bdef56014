// Test support: an independent reader of ISO BMFF (MP4) files, so tests prove
// the emulator's videos are well-formed (every box's size adds up, the boxes a
// demuxer needs are there, the sample tables point into mdat), and, when
// ffprobe is installed, that a real demuxer and H.264 decoder accept them.
#ifndef GENAI_TESTS_SUPPORT_MP4_READER_H_
#define GENAI_TESTS_SUPPORT_MP4_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace genai::testing {

struct Mp4Summary {
  std::vector<std::string> paths;  // every box, e.g. "moov/trak/mdia/minf/stbl/stsd/avc1/avcC"
  int width = 0;                   // tkhd
  int height = 0;
  std::uint32_t duration_ms = 0;   // mvhd, in its timescale as ms
  std::uint32_t samples = 0;       // stsz
  bool has(const std::string& path) const;
};

// nullopt (with the reason in *error) when a box overruns its parent, the
// file ends inside a box, or the sample tables do not point inside mdat.
std::optional<Mp4Summary> read_mp4(const std::string& bytes, std::string* error = nullptr);

// ffprobe's "codec,width,height,frames" of the first video stream after
// decoding every frame, or "" when ffprobe is not installed (the caller
// skips); an error message when ffprobe refuses the file.
std::string ffprobe_summary(const std::string& bytes, bool* available);

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_MP4_READER_H_
