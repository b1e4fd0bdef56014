#include "emulator/backend/png.h"

#include <zlib.h>

#include <stdexcept>

namespace genai::emulator {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16);
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}

// length, type, data, CRC-32 of type + data (PNG spec §5.3).
void put_chunk(std::string& out, const char* type, std::string_view data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const size_t type_at = out.size();
  out.append(type, 4);
  out.append(data);
  const auto* p = reinterpret_cast<const Bytef*>(out.data() + type_at);
  put_u32(out, static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0), p, static_cast<uInt>(4 + data.size()))));
}

std::uint8_t u8(std::string_view b, size_t i) { return static_cast<std::uint8_t>(b[i]); }
int be16(std::string_view b, size_t i) { return (u8(b, i) << 8) | u8(b, i + 1); }
int le16(std::string_view b, size_t i) { return u8(b, i) | (u8(b, i + 1) << 8); }
int le24(std::string_view b, size_t i) { return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16); }
std::uint32_t be32(std::string_view b, size_t i) {
  return (static_cast<std::uint32_t>(u8(b, i)) << 24) | (static_cast<std::uint32_t>(u8(b, i + 1)) << 16) |
         (static_cast<std::uint32_t>(u8(b, i + 2)) << 8) | u8(b, i + 3);
}

std::optional<ImageHeader> jpeg_header(std::string_view b) {
  size_t i = 2;
  while (i + 9 < b.size()) {
    if (u8(b, i) != 0xFF) return std::nullopt;
    const int marker = u8(b, i + 1);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      return ImageHeader{"image/jpeg", be16(b, i + 7), be16(b, i + 5)};
    }
    i += 2 + static_cast<size_t>(be16(b, i + 2));
  }
  return std::nullopt;
}

std::optional<ImageHeader> webp_header(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  const std::string_view kind = b.substr(12, 4);
  if (kind == "VP8 " && u8(b, 23) == 0x9D && u8(b, 24) == 0x01 && u8(b, 25) == 0x2A) {
    return ImageHeader{"image/webp", le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF};
  }
  if (kind == "VP8L" && u8(b, 20) == 0x2F) {
    const std::uint32_t bits = static_cast<std::uint32_t>(u8(b, 21)) | (static_cast<std::uint32_t>(u8(b, 22)) << 8) |
                               (static_cast<std::uint32_t>(u8(b, 23)) << 16) |
                               (static_cast<std::uint32_t>(u8(b, 24)) << 24);
    return ImageHeader{"image/webp", static_cast<int>((bits & 0x3FFF) + 1), static_cast<int>(((bits >> 14) & 0x3FFF) + 1)};
  }
  if (kind == "VP8X") return ImageHeader{"image/webp", le24(b, 24) + 1, le24(b, 27) + 1};
  return std::nullopt;
}

}  // namespace

std::string encode_png(int width, int height, const std::vector<std::uint8_t>& rgb) {
  if (width <= 0 || height <= 0 || rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3) {
    throw std::invalid_argument("encode_png: pixel buffer does not match the size");
  }
  const size_t stride = static_cast<size_t>(width) * 3;
  std::string raw;
  raw.reserve((stride + 1) * static_cast<size_t>(height));
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = rgb.data() + static_cast<size_t>(y) * stride;
    raw += static_cast<char>(1);  // filter type Sub: each byte minus the byte of the pixel to its left
    for (size_t x = 0; x < stride; ++x) raw += static_cast<char>(row[x] - (x >= 3 ? row[x - 3] : 0));
  }
  uLongf zsize = compressBound(static_cast<uLong>(raw.size()));
  std::string z(zsize, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &zsize, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 6) != Z_OK) {
    throw std::runtime_error("encode_png: zlib compress2 failed");
  }
  z.resize(zsize);

  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string ihdr;
  put_u32(ihdr, static_cast<std::uint32_t>(width));
  put_u32(ihdr, static_cast<std::uint32_t>(height));
  ihdr += static_cast<char>(8);  // bit depth
  ihdr += static_cast<char>(2);  // colour type: truecolour (RGB)
  ihdr.append(3, '\0');          // compression, filter method, no interlace
  put_chunk(png, "IHDR", ihdr);
  put_chunk(png, "IDAT", z);
  put_chunk(png, "IEND", "");
  return png;
}

std::optional<ImageHeader> read_image_header(std::string_view b) {
  if (b.size() >= 24 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8) && b.substr(12, 4) == "IHDR") {
    return ImageHeader{"image/png", static_cast<int>(be32(b, 16)), static_cast<int>(be32(b, 20))};
  }
  if (b.size() >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) return jpeg_header(b);
  if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a")) {
    return ImageHeader{"image/gif", le16(b, 6), le16(b, 8)};
  }
  if (b.size() >= 16 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return webp_header(b);
  return std::nullopt;
}

}  // namespace genai::emulator
