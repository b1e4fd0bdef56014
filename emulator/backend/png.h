// Real image files for the emulated image models: a small PNG encoder (8-bit
// RGB, zlib-compressed IDAT, CRC-checked chunks) and a reader of image
// headers, so the emulator can say what an inline image it received is
// (format and size) without trusting the MIME type the client declared.
#ifndef GENAI_EMULATOR_BACKEND_PNG_H_
#define GENAI_EMULATOR_BACKEND_PNG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genai::emulator {

// A PNG of `width` x `height` 8-bit RGB pixels (`rgb` is row-major, 3 bytes a
// pixel). Each row uses the Sub filter, which turns smooth gradients into
// runs that deflate well.
std::string encode_png(int width, int height, const std::vector<std::uint8_t>& rgb);

struct ImageHeader {
  std::string mime_type;  // "image/png", "image/jpeg", "image/gif", "image/webp"
  int width = 0;
  int height = 0;
};

// The format and pixel size from the first bytes of a PNG (IHDR), JPEG (the
// first SOFn marker), GIF (logical screen) or WebP (VP8, VP8L, VP8X); nullopt
// for anything else or a truncated header.
std::optional<ImageHeader> read_image_header(std::string_view bytes);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_PNG_H_
