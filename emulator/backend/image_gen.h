// What the emulated image models draw: a deterministic picture (a diagonal
// gradient between two colours with soft bands, all chosen by a hash of the
// request) at the sizes Imagen documents for each aspect ratio, encoded as a
// real PNG. The same prompt, seed and index always give the same bytes.
#ifndef GENAI_EMULATOR_BACKEND_IMAGE_GEN_H_
#define GENAI_EMULATOR_BACKEND_IMAGE_GEN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace genai::emulator {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// Imagen's output size for an aspect ratio ("1:1" 1024x1024, "3:4" 896x1280,
// "4:3" 1280x896, "9:16" 768x1408, "16:9" 1408x768); nullopt for any other.
std::optional<ImageSize> imagen_size(std::string_view aspect_ratio);

// The aspect ratios imagen_size knows, for error messages.
const char* imagen_aspect_ratios();

// A Gemini image model's output size (gemini-2.5-flash-image, from Google's
// table: "1:1" 1024x1024, "16:9" 1344x768, "21:9" 1536x672, ... ten ratios,
// each billed as 1290 tokens); nullopt for any other.
std::optional<ImageSize> gemini_image_size(std::string_view aspect_ratio);

// A PNG of the given size whose colours and bands are derived from `seed`.
std::string render_png(std::uint64_t seed, ImageSize size);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_IMAGE_GEN_H_
