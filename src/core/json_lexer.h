// Internal: the tokens of JSON text (whitespace, literals, strings, numbers),
// shared by the two parsers built on it: parse_json's fast path, which builds
// an nlohmann::json DOM (json_parse.cc), and JsonTape, which reads a response
// without one (json_tape.h). Both must accept exactly the same texts, and
// token by token they do because this is the one place that reads them.
//
// Strict and conservative, like its callers: every method returns false as
// soon as the input is not something it is certain to read exactly as
// nlohmann does (a malformed escape, bad UTF-8, a control character, a number
// outside 64 bits or double's finite range); the caller then gives the whole
// text to nlohmann, so "false" means "not sure", never "invalid".
//
//   JsonLexer lex(text);
//   lex.skip_whitespace();
//   if (lex.at('"')) { std::string_view plain; std::string unescaped; lex.string(plain, unescaped); }
#ifndef GENAI_SRC_CORE_JSON_LEXER_H_
#define GENAI_SRC_CORE_JSON_LEXER_H_

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_scan.h"
#include "core/utf8.h"

namespace genai::internal {

// A number as nlohmann types it: an integer is unsigned unless it has a minus
// sign, and anything with a fraction or an exponent is a double.
struct JsonNumber {
  enum class Kind { kUnsigned, kSigned, kDouble } kind = Kind::kUnsigned;
  uint64_t u = 0;
  int64_t i = 0;
  double d = 0;
};

class JsonLexer {
 public:
  explicit JsonLexer(std::string_view text) : p_(text.data()), begin_(text.data()), end_(text.data() + text.size()) {}

  bool at_end() const { return p_ == end_; }
  bool at(char c) const { return p_ != end_ && *p_ == c; }
  char peek() const { return *p_; }  // only when !at_end()
  void advance() { ++p_; }
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }

  // The byte loops work on a local copy of p_, which the compiler can keep in
  // a register (a member written through `this` is stored on every step).
  void skip_whitespace() {
    const char* p = p_;
    while (p != end_ && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    p_ = p;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  // A string starting at its opening quote. Without escapes (`escaped`
  // false), `plain` is its bytes in the text and `unescaped` is left alone;
  // with them, the decoded string is appended to `unescaped`.
  bool string(std::string_view& plain, std::string& unescaped, bool& escaped) {
    ++p_;  // '"'
    const char* const first = p_;
    const char* run = p_;
    escaped = false;
    while (true) {
      p_ = plain_json_run(p_, end_);
      if (p_ == end_) return false;  // no closing quote
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        if (escaped) {
          unescaped.append(run, p_);
        } else {
          plain = std::string_view(first, static_cast<std::size_t>(p_ - first));
        }
        ++p_;
        return true;
      }
      if (c == '\\') {
        unescaped.append(run, p_);
        escaped = true;
        if (!escape(unescaped)) return false;
        run = p_;
      } else if (c < 0x20 || !utf8_sequence()) {
        return false;  // an unescaped control character, or malformed UTF-8
      }
    }
  }

  // A string appended to `out`, decoded.
  bool string(std::string& out) {
    std::string_view plain;
    bool escaped = false;
    if (!string(plain, out, escaped)) return false;
    if (!escaped) out.append(plain);
    return true;
  }

  // JSON's number grammar, typed as nlohmann types it.
  bool number(JsonNumber& out) {
    const char* start = p_;
    const bool negative = at('-');
    if (negative) ++p_;
    if (at('0')) {
      ++p_;
    } else if (p_ == end_ || *p_ < '1' || *p_ > '9' || !digits()) {
      return false;
    }
    bool is_float = false;
    if (at('.')) {
      ++p_;
      if (!digits()) return false;
      is_float = true;
    }
    if (at('e') || at('E')) {
      ++p_;
      if (at('+') || at('-')) ++p_;
      if (!digits()) return false;
      is_float = true;
    }
    if (is_float) {
      // from_chars and nlohmann's strtod both round correctly; values that
      // overflow or underflow are left to nlohmann's own rules.
      out.kind = JsonNumber::Kind::kDouble;
      const auto [end, ec] = std::from_chars(start, p_, out.d);
      return ec == std::errc() && end == p_ && std::isfinite(out.d);
    }
    if (negative) {
      out.kind = JsonNumber::Kind::kSigned;
      const auto [end, ec] = std::from_chars(start, p_, out.i);
      return ec == std::errc() && end == p_;
    }
    out.kind = JsonNumber::Kind::kUnsigned;
    const auto [end, ec] = std::from_chars(start, p_, out.u);
    return ec == std::errc() && end == p_;
  }

 private:
  // One multi-byte UTF-8 character, accepted only if well-formed.
  bool utf8_sequence() {
    const std::size_t n = utf8_sequence_length(std::string_view(p_, static_cast<std::size_t>(end_ - p_)));
    p_ += n;
    return n != 0;
  }

  bool escape(std::string& out) {
    ++p_;  // '\\'
    if (p_ == end_) return false;
    const char c = *p_++;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': return unicode_escape(out);
      default: return false;
    }
  }

  bool hex4(uint32_t& v) {
    if (end_ - p_ < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        v |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        v |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // \uXXXX (after the 'u'), a surrogate pair as one code point, as UTF-8.
  bool unicode_escape(std::string& out) {
    uint32_t cp = 0;
    if (!hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return true;
  }

  bool digits() {
    const char* start = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != start;
  }

  const char* p_;
  const char* const begin_;
  const char* const end_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_LEXER_H_
