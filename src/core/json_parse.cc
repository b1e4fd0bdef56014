#include "core/json_parse.h"

#include <string>

#include "core/json_lexer.h"

namespace genai::internal {
namespace {

using nlohmann::json;

// A recursive-descent parser building nlohmann's DOM. Every method returns
// false as soon as the input leaves the subset it handles; parse_json then
// falls back to nlohmann, so "false" means "not sure", never "invalid".
class FastParser {
 public:
  explicit FastParser(std::string_view text) : lex_(text) {}

  bool document(json& out) {
    lex_.skip_whitespace();
    if (!value(out, 0)) return false;
    lex_.skip_whitespace();
    return lex_.at_end();
  }

 private:
  // Deeper documents go to nlohmann, which refuses them without recursing.
  static constexpr int kMaxDepth = kMaxJsonDepth;

  bool value(json& out, int depth) {
    if (lex_.at_end()) return false;
    switch (lex_.peek()) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string s;
        if (!lex_.string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return lex_.literal("true");
      case 'f':
        out = false;
        return lex_.literal("false");
      case 'n':
        out = nullptr;
        return lex_.literal("null");
      default:
        return number(out);
    }
  }

  bool object(json& out, int depth) {
    if (depth > kMaxDepth) return false;
    lex_.advance();  // '{'
    out = json::object();
    json::object_t& members = out.get_ref<json::object_t&>();
    lex_.skip_whitespace();
    if (lex_.at('}')) {
      lex_.advance();
      return true;
    }
    while (true) {
      lex_.skip_whitespace();
      if (!lex_.at('"')) return false;
      std::string key;
      if (!lex_.string(key)) return false;
      lex_.skip_whitespace();
      if (!lex_.at(':')) return false;
      lex_.advance();
      lex_.skip_whitespace();
      // nlohmann keeps the last of duplicate keys; rare enough to leave to it.
      auto [it, inserted] = members.emplace(std::move(key), nullptr);
      if (!inserted || !value(it->second, depth)) return false;
      lex_.skip_whitespace();
      if (lex_.at(',')) {
        lex_.advance();
      } else if (lex_.at('}')) {
        lex_.advance();
        return true;
      } else {
        return false;
      }
    }
  }

  bool array(json& out, int depth) {
    if (depth > kMaxDepth) return false;
    lex_.advance();  // '['
    out = json::array();
    json::array_t& items = out.get_ref<json::array_t&>();
    lex_.skip_whitespace();
    if (lex_.at(']')) {
      lex_.advance();
      return true;
    }
    while (true) {
      lex_.skip_whitespace();
      if (!value(items.emplace_back(), depth)) return false;
      lex_.skip_whitespace();
      if (lex_.at(',')) {
        lex_.advance();
      } else if (lex_.at(']')) {
        lex_.advance();
        return true;
      } else {
        return false;
      }
    }
  }

  bool number(json& out) {
    JsonNumber n;
    if (!lex_.number(n)) return false;
    switch (n.kind) {
      case JsonNumber::Kind::kDouble: out = n.d; break;
      case JsonNumber::Kind::kSigned: out = n.i; break;
      case JsonNumber::Kind::kUnsigned: out = n.u; break;
    }
    return true;
  }

  JsonLexer lex_;
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
