// Internal: percent-encoding for URL query values and path segments, and
// what may not go into an HTTP header.
#ifndef GENAI_SRC_CORE_URL_H_
#define GENAI_SRC_CORE_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace genai::internal {

// RFC 3986: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) is
// percent-encoded.
std::string url_encode(std::string_view text);

// The query of a list call: "?pageSize=N&pageToken=T" with what is set (""
// when nothing is), then `extra` ("queryBase=false") after it.
std::string list_query(int page_size, std::string_view page_token, std::string_view extra = {});

// The offset of the first control character (below 0x20, or DEL) in a value
// bound for an HTTP header, where a CR or LF would start a header of its own;
// nullopt if it has none.
std::optional<size_t> control_character_at(std::string_view value);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_URL_H_
