// What the emulated Veo models return: a small but real MP4 (ISO BMFF) that
// players and parsers accept. The picture is H.264 (Baseline profile) made of
// I_PCM macroblocks, the one H.264 coding that needs no transform or entropy
// coder: each frame is one IDR slice carrying its samples as they are. The
// file is laid out for streaming (ftyp, moov, then mdat) with the sample
// tables a demuxer needs (stsd/avcC, stts, stsc, stsz, stco).
#ifndef GENAI_EMULATOR_BACKEND_MP4_H_
#define GENAI_EMULATOR_BACKEND_MP4_H_

#include <cstdint>
#include <string>
#include <vector>

namespace genai::emulator {

struct Mp4Frame {
  std::uint8_t y = 0, cb = 128, cr = 128;  // one solid colour (BT.601, video range)
};

struct Mp4Video {
  int width = 32;   // pixels, even; coded as whole 16x16 macroblocks and cropped
  int height = 18;
  int frame_ms = 1000;  // how long each frame is shown
  std::vector<Mp4Frame> frames;
};

// The MP4 file. Deterministic: the same video gives the same bytes (all
// creation times are 0).
std::string encode_mp4(const Mp4Video& video);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_MP4_H_
