#include "core/url.h"

#include <cctype>

namespace genai::internal {

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string list_query(int page_size, std::string_view page_token, std::string_view extra) {
  std::string query;
  auto add = [&query](std::string_view kv) {
    query += query.empty() ? "?" : "&";
    query += kv;
  };
  if (page_size > 0) add("pageSize=" + std::to_string(page_size));
  if (!page_token.empty()) add("pageToken=" + url_encode(page_token));
  if (!extra.empty()) add(extra);
  return query;
}

std::optional<size_t> control_character_at(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    const auto ch = static_cast<unsigned char>(value[i]);
    if (ch < 0x20 || ch == 0x7f) return i;
  }
  return std::nullopt;
}

}  // namespace genai::internal
