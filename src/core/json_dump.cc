#include "core/json_dump.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/errors.h"
#include "core/json_scan.h"
#include "core/utf8.h"

namespace genai::internal {
namespace {

using nlohmann::json;

// A string's quoted, escaped form, as nlohmann writes it with ensure_ascii
// off: the two-character escapes it uses, \u00xx (lower-case hex) for the
// other control characters, everything else as it is.
void write_string(std::string_view s, std::string& out) {
  const char* const end = s.data() + s.size();
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t start = out.size();
  out += '"';
  // Runs of plain bytes are copied whole; only the others are looked at.
  for (const char* p = s.data(); p != end;) {
    const char* run = p;
    p = plain_json_run(p, end);
    out.append(run, p);
    if (p == end) break;
    const char c = *p++;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x80) {
          // UTF-8: nlohmann validates it (and throws as dump() does).
          out.resize(start);
          out += json(std::string(s)).dump();
          return;
        }
        out += "\\u00";
        out += kHex[(c >> 4) & 0xF];
        out += kHex[c & 0xF];
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

// A member name as it reads in a path: a plain identifier as it is, any
// other (valid UTF-8) name quoted and escaped, so no control byte reaches a
// terminal.
std::string path_key(const std::string& key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '@' || c == '$';
  });
  return plain ? "." + key : "[" + json(key).dump() + "]";
}

// The first string or member name of `j` (in dump order) that is not UTF-8:
// its path below `path` (for a name, the object holding it) and the offset of
// the first bad byte.
struct BadUtf8 {
  std::string path;
  std::size_t offset;
  bool in_name;
};
std::optional<BadUtf8> find_bad_utf8(const json& j, const std::string& path) {
  if (j.is_string()) {
    if (std::optional<std::size_t> at = invalid_utf8_at(j.get_ref<const std::string&>())) return BadUtf8{path, *at, false};
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.get_ref<const json::object_t&>()) {
      if (std::optional<std::size_t> at = invalid_utf8_at(key)) return BadUtf8{path, *at, true};
      if (auto bad = find_bad_utf8(value, path + path_key(key))) return bad;
    }
  } else if (j.is_array()) {
    const json::array_t& items = j.get_ref<const json::array_t&>();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (auto bad = find_bad_utf8(items[i], path + "[" + std::to_string(i) + "]")) return bad;
    }
  }
  return std::nullopt;
}

}  // namespace

void append_json_string(std::string_view s, std::string& out) { write_string(s, out); }

void append_json(const nlohmann::json& j, std::string& out) { write(j, out); }

std::string dump_json(const nlohmann::json& j) {
  std::string out;
  out.reserve(256);
  write(j, out);
  return out;
}

Result<std::string> dump_request_body(const nlohmann::json& body, std::string_view what) {
  try {
    return dump_json(body);
  } catch (const json::type_error& e) {
    if (e.id != 316) throw;  // 316: invalid UTF-8; no other type error can come out of a dump
  }
  static const char* const kFix =
      "JSON carries only UTF-8 text: convert the text to UTF-8 first (e.g. `iconv -f LATIN1 -t UTF-8`), or send "
      "binary data as inline data (bytes), not as text.";
  const std::optional<BadUtf8> bad = find_bad_utf8(body, "");
  if (!bad) return invalid_argument(std::string(what) + " holds text that is not valid UTF-8", kFix);
  std::string field = std::string(what);
  if (!bad->path.empty()) field += "'s " + bad->path.substr(bad->path[0] == '.' ? 1 : 0);
  if (bad->in_name) field = "a member name in " + field;
  return invalid_argument(field + " is not valid UTF-8: byte " + std::to_string(bad->offset) +
                              " does not start a UTF-8 character",
                          kFix);
}

}  // namespace genai::internal
