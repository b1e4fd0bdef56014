// Internal: the end of a run of bytes a JSON string holds as they are (ASCII
// from 0x20 up, not '"' nor '\\'), thirty-two bytes at a time with AVX2
// for long runs where the CPU has it, sixteen with SSE2 (every x86-64 has
// it), else eight at a time in a word. Base64 media makes
// most of the bytes libgenai parses and writes (inline images, Live audio),
// and the parser and writer walk them with this instead of byte by byte.
//
//   const char* stop = plain_json_run(p, end);   // *stop needs a closer look, or stop == end
#ifndef GENAI_SRC_CORE_JSON_SCAN_H_
#define GENAI_SRC_CORE_JSON_SCAN_H_

#include <bit>
#include <cstdint>
#include <cstring>

#include "core/cpu_features.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace genai::internal {

#if GENAI_HAVE_AVX2_PATHS
// plain_json_run's loop 32 bytes at a time (json_scan.cc), on CPUs with
// AVX2: where a run stops, or the last 31 bytes or fewer.
const char* plain_json_run_avx2(const char* p, const char* end);
#endif

inline const char* plain_json_run(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  [[maybe_unused]] int blocks = 0;
  while (end - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Compared as signed bytes, those from 0x80 up are negative: "below
    // 0x20" flags them too.
    const __m128i special = _mm_or_si128(_mm_cmplt_epi8(x, space),
                                         _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)));
    if (const int mask = _mm_movemask_epi8(special); mask != 0) {
      return p + std::countr_zero(static_cast<unsigned>(mask));
    }
    p += 16;
#if GENAI_HAVE_AVX2_PATHS
    // Most strings end within 64 bytes, without paying for a call; a run
    // past that (media's base64) goes on 32 bytes at a time where it can.
    if (++blocks == 4 && end - p >= 256 && cpu_has_avx2()) p = plain_json_run_avx2(p, end);
#endif
  }
#endif
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
    if (special != 0) {
      // Read little-endian, the lowest flag marks the first special byte
      // exactly (a borrow only runs upward, from a byte that really is
      // special): jump straight to it. Big-endian, the bytes below decide.
      if constexpr (std::endian::native == std::endian::little) return p + (std::countr_zero(special) >> 3);
      break;
    }
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
