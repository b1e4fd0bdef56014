// Shared by the fuzz targets: a check that holds in every build type (the
// regression executables are built with -DNDEBUG in the ci preset, where
// assert() would vanish), so a broken property is a crash libFuzzer records.
#ifndef GENAI_FUZZ_FUZZ_CHECK_H_
#define GENAI_FUZZ_FUZZ_CHECK_H_

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#define FUZZ_CHECK(cond, what)                                                        \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: property violated: %s (%s)\n", __FILE__, __LINE__, \
                   what, #cond);                                                      \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

namespace genai_fuzz {

// Every Google API key in `text`: "AIza" and 35 more characters of
// [A-Za-z0-9_-], wherever it stands.
inline std::vector<std::string_view> api_keys_in(std::string_view text) {
  constexpr size_t kKeyLength = 39;
  auto key_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; };
  std::vector<std::string_view> keys;
  for (size_t pos = text.find("AIza"); pos != std::string_view::npos; pos = text.find("AIza", pos + 1)) {
    if (text.size() - pos < kKeyLength) break;
    size_t n = 4;
    while (n < kKeyLength && key_char(text[pos + n])) ++n;
    if (n == kKeyLength) keys.push_back(text.substr(pos, kKeyLength));
  }
  return keys;
}

}  // namespace genai_fuzz

#endif  // GENAI_FUZZ_FUZZ_CHECK_H_
