// Internal: the end of a run of bytes a JSON string holds as they are (ASCII
// from 0x20 up, not '"' nor '\\'), eight bytes at a time. Base64 media makes
// most of the bytes libgenai parses and writes (inline images, Live audio),
// and the parser and writer walk them with this instead of byte by byte.
//
//   const char* stop = plain_json_run(p, end);   // *stop needs a closer look, or stop == end
#ifndef GENAI_SRC_CORE_JSON_SCAN_H_
#define GENAI_SRC_CORE_JSON_SCAN_H_

#include <cstdint>
#include <cstring>

namespace genai::internal {

inline const char* plain_json_run(const char* p, const char* end) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  // A word has a byte equal to zero iff (w - ones) & ~w & high (exact).
  const auto has_zero = [](uint64_t w) { return (w - kOnes) & ~w & kHigh; };
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    const uint64_t special = (w & kHigh)                               // non-ASCII
                             | ((w - 0x20 * kOnes) & ~w & kHigh)       // below 0x20
                             | has_zero(w ^ (uint64_t{'"'} * kOnes))   // a quote
                             | has_zero(w ^ (uint64_t{'\\'} * kOnes));  // a backslash
    if (special != 0) break;
    p += 8;
  }
  while (p != end) {
    const auto c = static_cast<unsigned char>(*p);
    if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
    ++p;
  }
  return p;
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_SCAN_H_
