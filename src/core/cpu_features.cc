#include "core/cpu_features.h"

namespace genai::internal {

bool cpu_has_avx2() {
#if GENAI_HAVE_AVX2_PATHS
  static const bool yes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return yes;
#else
  return false;
#endif
}

}  // namespace genai::internal
