#include "core/json_dump.h"

#include <charconv>

namespace genai::internal {
namespace {

using nlohmann::json;

// A string's quoted, escaped form, as nlohmann writes it with ensure_ascii
// off: the two-character escapes it uses, \u00xx (lower-case hex) for the
// other control characters, everything else as it is.
void write_string(const std::string& s, std::string& out) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out += json(s).dump();  // UTF-8: nlohmann validates it (and throws as dump() does)
      return;
    }
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[(c >> 4) & 0xF];
          out += kHex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

template <typename Int>
void write_integer(Int v, std::string& out) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void write(const json& j, std::string& out) {
  switch (j.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : j.get_ref<const json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        write_string(key, out);
        out += ':';
        write(value, out);
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& item : j.get_ref<const json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        write(item, out);
      }
      out += ']';
      return;
    }
    case json::value_t::string:
      write_string(j.get_ref<const std::string&>(), out);
      return;
    case json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_integer:
      write_integer(j.get<int64_t>(), out);
      return;
    case json::value_t::number_unsigned:
      write_integer(j.get<uint64_t>(), out);
      return;
    case json::value_t::null:
      out += "null";
      return;
    default:  // floats (nlohmann's shortest round-trip form), binary, discarded
      out += j.dump();
      return;
  }
}

}  // namespace

std::string dump_json(const nlohmann::json& j) {
  std::string out;
  out.reserve(256);
  write(j, out);
  return out;
}

}  // namespace genai::internal
