// Internal: what the CPU can do beyond the baseline the library is built
// for, so that a hot loop can take a wider path where it exists.
//
// Every x86-64 CPU has SSE2 (the baseline); most have AVX2, but not all, so
// code for AVX2 is compiled for it alone (GENAI_TARGET_AVX2 on a function)
// and called only when cpu_has_avx2() says so.
#ifndef GENAI_SRC_CORE_CPU_FEATURES_H_
#define GENAI_SRC_CORE_CPU_FEATURES_H_

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GENAI_HAVE_AVX2_PATHS 1
#define GENAI_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define GENAI_HAVE_AVX2_PATHS 0
#endif

namespace genai::internal {

// True when the CPU runs AVX2 instructions (asked once). Always false where
// the library has no AVX2 paths.
bool cpu_has_avx2();

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_CPU_FEATURES_H_
