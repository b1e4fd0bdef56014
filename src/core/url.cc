#include "core/url.h"

#include <algorithm>
#include <cctype>

#include "core/errors.h"
#include "core/redact.h"

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

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<size_t> control_character_at(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    const auto ch = static_cast<unsigned char>(value[i]);
    if (ch < 0x20 || ch == 0x7f) return i;
  }
  return std::nullopt;
}

namespace {
// RFC 9110 token characters.
bool is_token_char(unsigned char ch) {
  if (ch >= '0' && ch <= '9') return true;
  if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(ch)) != std::string_view::npos;
}
}  // namespace

std::optional<Error> header_problem(const std::map<std::string, std::string>& headers, std::string_view where) {
  for (const auto& [name, value] : headers) {
    bool token = !name.empty();
    for (char ch : name) token = token && is_token_char(static_cast<unsigned char>(ch));
    if (!token) {
      return invalid_argument("a header name in " + std::string(where) + " is not a valid HTTP header name",
                              "Header names are letters, digits and !#$%&'*+-.^_`|~ only.");
    }
    if (std::optional<size_t> at = control_character_at(value)) {
      return invalid_argument("the value of header " + name + " in " + std::string(where) +
                                  " contains a control character (byte " + std::to_string(*at) + ")",
                              "Remove the line break or other control character: it would start a header of its "
                              "own.");
    }
  }
  return std::nullopt;
}

std::optional<Error> base_url_problem(std::string_view url, std::string_view where) {
  if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
    if (!control_character_at(url)) return std::nullopt;
  }
  // A URL may carry a password (http://user:pass@host): never shown.
  const std::string shown = control_character_at(url) ? std::string() : "'" + redact(url) + "' ";
  return invalid_argument("the base URL " + shown + "in " + std::string(where) +
                          " must start with http:// or https:// and have no control characters");
}

}  // namespace genai::internal
