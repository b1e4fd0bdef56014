// Internal: percent-encoding for URL query values and path segments, and
// what may not go into an HTTP header.
#ifndef GENAI_SRC_CORE_URL_H_
#define GENAI_SRC_CORE_URL_H_

#include <optional>
#include <string>
#include <map>
#include <string_view>

#include "genai/error.h"

namespace genai::internal {

// RFC 3986: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) is
// percent-encoded.
std::string url_encode(std::string_view text);

// The query of a list call: "?pageSize=N&pageToken=T" with what is set (""
// when nothing is), then `extra` ("queryBase=false") after it.
std::string list_query(int page_size, std::string_view page_token, std::string_view extra = {});

// Whether two header names are the same: HTTP header names are ASCII and
// compared without case (no locale).
bool equals_ignoring_case(std::string_view a, std::string_view b);

// The offset of the first control character (below 0x20, or DEL) in a value
// bound for an HTTP header, where a CR or LF would start a header of its own;
// nullopt if it has none.
std::optional<size_t> control_character_at(std::string_view value);

// Headers a caller set (`where`: "HttpOptions::headers"): an Error when a
// name is not an HTTP token or a value holds a control character (named by
// header and offset, never by value: it may be a secret).
std::optional<Error> header_problem(const std::map<std::string, std::string>& headers, std::string_view where);
// A base URL a caller set: an Error unless it starts with http:// or https://.
std::optional<Error> base_url_problem(std::string_view url, std::string_view where);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_URL_H_
