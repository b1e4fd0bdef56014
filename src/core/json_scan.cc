#include "core/json_scan.h"

#if GENAI_HAVE_AVX2_PATHS
#include <immintrin.h>
#endif

namespace genai::internal {

#if GENAI_HAVE_AVX2_PATHS
GENAI_TARGET_AVX2 const char* plain_json_run_avx2(const char* p, const char* end) {
  const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\'), space = _mm256_set1_epi8(0x20);
  while (end - p >= 32) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    // As in the SSE2 loop: signed, bytes from 0x80 up count as below 0x20.
    const __m256i special = _mm256_or_si256(
        _mm256_cmpgt_epi8(space, x), _mm256_or_si256(_mm256_cmpeq_epi8(x, quote), _mm256_cmpeq_epi8(x, backslash)));
    if (const int mask = _mm256_movemask_epi8(special); mask != 0) {
      return p + std::countr_zero(static_cast<unsigned>(mask));
    }
    p += 32;
  }
  return p;
}
#endif

}  // namespace genai::internal
