// Internal: percent-encoding for URL query values and path segments.
#ifndef GENAI_SRC_CORE_URL_H_
#define GENAI_SRC_CORE_URL_H_

#include <string>
#include <string_view>

namespace genai::internal {

// RFC 3986: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) is
// percent-encoded.
std::string url_encode(std::string_view text);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_URL_H_
