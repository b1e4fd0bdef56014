// Internal: well-formed UTF-8 (RFC 3629 section 4, the table nlohmann's lexer
// and serializer check too), for the JSON parser's fast path, the request
// body's check and MIME sniffing. Inline: the parser calls it per character.
//
//   if (std::optional<size_t> at = invalid_utf8_at(text)) { /* byte *at is where it breaks */ }
#ifndef GENAI_SRC_CORE_UTF8_H_
#define GENAI_SRC_CORE_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace genai::internal {

// The length (2 to 4) of the multi-byte character `s` starts with, or 0 when
// it is not one: a lone continuation byte, an overlong form, a surrogate, a
// value past U+10FFFF, or a sequence cut short by the end of `s`.
inline std::size_t utf8_sequence_length(std::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t left = s.size();
  auto in = [&](std::size_t i, unsigned char lo, unsigned char hi) { return i < left && b[i] >= lo && b[i] <= hi; };
  if (left == 0) return 0;
  const unsigned char c = b[0];
  if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// The offset of the first byte of `text` that does not start a well-formed
// character; nullopt when all of it is UTF-8.
inline std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(text.substr(i));
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_UTF8_H_
