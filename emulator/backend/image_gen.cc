#include "emulator/backend/image_gen.h"

#include <array>
#include <vector>

#include "emulator/backend/png.h"

namespace genai::emulator {
namespace {

struct Ratio {
  std::string_view name;
  ImageSize size;
};

constexpr std::array<Ratio, 5> kRatios = {{
    {"1:1", {1024, 1024}}, {"3:4", {896, 1280}}, {"4:3", {1280, 896}}, {"9:16", {768, 1408}}, {"16:9", {1408, 768}}}};

constexpr std::array<Ratio, 10> kGeminiRatios = {{{"1:1", {1024, 1024}},
                                                  {"2:3", {832, 1248}},
                                                  {"3:2", {1248, 832}},
                                                  {"3:4", {864, 1184}},
                                                  {"4:3", {1184, 864}},
                                                  {"4:5", {896, 1152}},
                                                  {"5:4", {1152, 896}},
                                                  {"9:16", {768, 1344}},
                                                  {"16:9", {1344, 768}},
                                                  {"21:9", {1536, 672}}}};

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::optional<ImageSize> imagen_size(std::string_view aspect_ratio) {
  for (const Ratio& r : kRatios) {
    if (r.name == aspect_ratio) return r.size;
  }
  return std::nullopt;
}

const char* imagen_aspect_ratios() { return "1:1, 3:4, 4:3, 9:16, 16:9"; }

std::optional<ImageSize> gemini_image_size(std::string_view aspect_ratio) {
  for (const Ratio& r : kGeminiRatios) {
    if (r.name == aspect_ratio) return r.size;
  }
  return std::nullopt;
}

std::string render_png(std::uint64_t seed, ImageSize size) {
  const std::uint64_t a = mix(seed);
  const std::uint64_t b = mix(a);
  const std::uint64_t c = mix(b);
  const int band = 24 + static_cast<int>(c % 72);  // band width in pixels
  const int w = size.width;
  const int h = size.height;
  std::vector<std::uint8_t> rgb(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
  size_t i = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int t = (x + y) * 255 / (w + h);  // 0 at the top left, ~255 at the bottom right
      const int shade = ((x + 2 * y) / band) % 2 == 0 ? 0 : 18;
      for (int ch = 0; ch < 3; ++ch) {
        const int from = static_cast<int>((a >> (8 * ch)) & 0xFF);
        const int to = static_cast<int>((b >> (8 * ch)) & 0xFF);
        const int v = from + (to - from) * t / 255 + shade;
        rgb[i++] = static_cast<std::uint8_t>(v > 255 ? 255 : v);
      }
    }
  }
  return encode_png(w, h, rgb);
}

}  // namespace genai::emulator
