// error_from_http on an arbitrary HTTP status, Retry-After header and body:
// whatever the body (Google's error JSON, OAuth's, HTML, truncated bytes) it
// yields an Error and never throws; no API key of the body reaches its
// message, the raw body it keeps or to_string().
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "core/errors.h"
#include "fuzz_check.h"

// Input: 4 bytes of status (host order), 1 byte n, then n bytes of Retry-After
// if n < 255 (255: no header), then the body.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 5) return 0;
  int32_t status = 0;
  std::memcpy(&status, data, sizeof status);
  const size_t n = data[4];
  std::string_view rest(reinterpret_cast<const char*>(data) + 5, size - 5);
  std::optional<std::string_view> retry_after;
  if (n != 255) {
    const size_t take = n < rest.size() ? n : rest.size();
    retry_after = rest.substr(0, take);
    rest.remove_prefix(take);
  }
  namespace gi = genai::internal;
  const genai::Error e = gi::error_from_http(status, rest, retry_after);
  FUZZ_CHECK(e.http_status == status, "the HTTP status is kept");
  FUZZ_CHECK(!e.status.empty(), "a status name is always given");
  const std::string shown = e.to_string();
  for (std::string_view key : genai_fuzz::api_keys_in(rest)) {
    FUZZ_CHECK(e.raw_body.find(key) == std::string::npos, "an API key of the body is in raw_body");
    FUZZ_CHECK(e.message.find(key) == std::string::npos, "an API key of the body is in the message");
    FUZZ_CHECK(shown.find(key) == std::string::npos, "an API key of the body is in to_string()");
  }
  (void)e.is_transient();
  (void)e.reason();
  (void)gi::status_name_for_http(status);
  (void)gi::parse_duration(rest);
  if (retry_after) (void)gi::parse_duration(*retry_after);
  return 0;
}
