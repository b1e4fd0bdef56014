// Internal: percent-encoding for URL query values and path segments.
#ifndef GENAI_SRC_CORE_URL_H_
#define GENAI_SRC_CORE_URL_H_

#include <string>
#include <string_view>

namespace genai::internal {

// RFC 3986: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) is
// percent-encoded.
std::string url_encode(std::string_view text);

// The query of a list call: "?pageSize=N&pageToken=T" with what is set (""
// when nothing is), then `extra` ("queryBase=false") after it.
std::string list_query(int page_size, std::string_view page_token, std::string_view extra = {});

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_URL_H_
