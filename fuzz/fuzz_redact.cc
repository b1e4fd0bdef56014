// redact() on arbitrary text must never crash, and no API key of the input
// ("AIza" and 35 more key characters, Google's format) may survive into its
// output: every log line, exception and raw error body relies on it.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/redact.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string out = genai::internal::redact(text);
  for (std::string_view key : genai_fuzz::api_keys_in(text)) {
    FUZZ_CHECK(out.find(key) == std::string::npos, "an API key of the input survived redact()");
  }
  (void)genai::internal::mask_secret(text);
  return 0;
}
