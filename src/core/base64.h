// Internal: base64 (RFC 4648) in the standard and URL-safe alphabets.
#ifndef GENAI_SRC_CORE_BASE64_H_
#define GENAI_SRC_CORE_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace genai::internal {

std::string base64_encode(std::string_view bytes);
// URL-safe alphabet without padding, as JWTs use.
std::string base64url_encode(std::string_view bytes);
// Accepts both alphabets, with or without padding; nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);
// The same, appending the bytes to `out`; false (and `out` as it was) on bad input.
bool base64_decode_append(std::string_view text, std::string& out);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_BASE64_H_
