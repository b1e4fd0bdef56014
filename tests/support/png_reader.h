// Test support: decodes a PNG fully with libpng (an independent decoder), so
// tests prove the emulator's images are real, not just well-labelled.
#ifndef GENAI_TESTS_SUPPORT_PNG_READER_H_
#define GENAI_TESTS_SUPPORT_PNG_READER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace genai::testing {

struct DecodedPng {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // 3 bytes a pixel
};

// nullopt (with the reason in *error) when libpng cannot decode `bytes`.
std::optional<DecodedPng> decode_png(const std::string& bytes, std::string* error = nullptr);
std::optional<DecodedPng> decode_png_file(const std::string& path, std::string* error = nullptr);

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_PNG_READER_H_
