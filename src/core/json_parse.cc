#include "core/json_parse.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/json_scan.h"
#include "core/utf8.h"

namespace genai::internal {
namespace {

using nlohmann::json;

// A recursive-descent parser over [p_, end_). Every method returns false as
// soon as the input leaves the subset it handles; parse_json then falls back
// to nlohmann, so "false" means "not sure", never "invalid".
class FastParser {
 public:
  explicit FastParser(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool document(json& out) {
    skip_whitespace();
    if (!value(out, 0)) return false;
    skip_whitespace();
    return p_ == end_;
  }

 private:
  // Deeper documents go to nlohmann, which refuses them without recursing.
  static constexpr int kMaxDepth = kMaxJsonDepth;

  bool at(char c) const { return p_ != end_ && *p_ == c; }

  // The byte loops work on a local copy of p_, which the compiler can keep in
  // a register (a member written through `this` is stored on every step).
  void skip_whitespace() {
    const char* p = p_;
    while (p != end_ && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) ++p;
    p_ = p;
  }

  bool value(json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return literal("true");
      case 'f':
        out = false;
        return literal("false");
      case 'n':
        out = nullptr;
        return literal("null");
      default:
        return number(out);
    }
  }

  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool object(json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '{'
    out = json::object();
    json::object_t& members = out.get_ref<json::object_t&>();
    skip_whitespace();
    if (at('}')) {
      ++p_;
      return true;
    }
    while (true) {
      skip_whitespace();
      if (!at('"')) return false;
      std::string key;
      if (!string(key)) return false;
      skip_whitespace();
      if (!at(':')) return false;
      ++p_;
      skip_whitespace();
      // nlohmann keeps the last of duplicate keys; rare enough to leave to it.
      auto [it, inserted] = members.emplace(std::move(key), nullptr);
      if (!inserted || !value(it->second, depth)) return false;
      skip_whitespace();
      if (at(',')) {
        ++p_;
      } else if (at('}')) {
        ++p_;
        return true;
      } else {
        return false;
      }
    }
  }

  bool array(json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;  // '['
    out = json::array();
    json::array_t& items = out.get_ref<json::array_t&>();
    skip_whitespace();
    if (at(']')) {
      ++p_;
      return true;
    }
    while (true) {
      skip_whitespace();
      if (!value(items.emplace_back(), depth)) return false;
      skip_whitespace();
      if (at(',')) {
        ++p_;
      } else if (at(']')) {
        ++p_;
        return true;
      } else {
        return false;
      }
    }
  }

  // A string starting at its opening quote; runs of plain ASCII are copied whole.
  bool string(std::string& out) {
    ++p_;  // '"'
    const char* run = p_;
    while (true) {
      p_ = plain_json_run(p_, end_);
      if (p_ == end_) return false;  // no closing quote
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out.append(run, p_);
        ++p_;
        return true;
      }
      if (c == '\\') {
        out.append(run, p_);
        if (!escape(out)) return false;
        run = p_;
      } else if (c < 0x20 || !utf8_sequence()) {
        return false;  // an unescaped control character, or malformed UTF-8
      }
    }
  }

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

  // JSON's number grammar; as in nlohmann, an integer is unsigned unless it
  // has a minus sign, and anything with a fraction or exponent is a double.
  bool number(json& out) {
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
      double d = 0;
      // from_chars and nlohmann's strtod both round correctly; values that
      // overflow or underflow are left to nlohmann's own rules.
      const auto [end, ec] = std::from_chars(start, p_, d);
      if (ec != std::errc() || end != p_ || !std::isfinite(d)) return false;
      out = d;
    } else if (negative) {
      int64_t v = 0;
      const auto [end, ec] = std::from_chars(start, p_, v);
      if (ec != std::errc() || end != p_) return false;
      out = v;
    } else {
      uint64_t v = 0;
      const auto [end, ec] = std::from_chars(start, p_, v);
      if (ec != std::errc() || end != p_) return false;
      out = v;
    }
    return true;
  }

  const char* p_;
  const char* const end_;
};

// Thrown from nlohmann's parser callback to stop at the first container
// past the limit, before the rest of the document is built.
struct NestedTooDeep {};

json parse_with_nlohmann(std::string_view text, JsonParseFailure& failure) {
  // The callback's depth counts the containers around the event's value.
  const json::parser_callback_t bound = [](int depth, json::parse_event_t event, json&) {
    if (depth >= kMaxJsonDepth &&
        (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start)) {
      throw NestedTooDeep{};
    }
    return true;
  };
  try {
    json out = json::parse(text, bound, /*allow_exceptions=*/false);
    failure = out.is_discarded() ? JsonParseFailure::kNotJson : JsonParseFailure::kNone;
    return out;
  } catch (const NestedTooDeep&) {
    failure = JsonParseFailure::kTooDeep;
    return json(json::value_t::discarded);
  }
}

}  // namespace

bool parse_json_fast(std::string_view text, nlohmann::json& out) { return FastParser(text).document(out); }

nlohmann::json parse_json(std::string_view text, JsonParseFailure* failure) {
  JsonParseFailure ignored;
  JsonParseFailure& why = failure ? *failure : ignored;
  json out;
  if (parse_json_fast(text, out)) {
    why = JsonParseFailure::kNone;
    return out;
  }
  return parse_with_nlohmann(text, why);
}

}  // namespace genai::internal
