#include "core/json_tape.h"

#include "core/json_lexer.h"
#include "core/json_parse.h"

namespace genai::internal {

bool JsonTape::parse(std::string_view text) {
  // Offsets and indices are 32-bit; answers that big go the DOM's way.
  if (text.size() >= std::numeric_limits<uint32_t>::max()) return false;
  text_ = text;
  nodes_.clear();
  scratch_.clear();
  JsonLexer lex(text);
  lex.skip_whitespace();
  if (!value(lex, 0)) return false;
  lex.skip_whitespace();
  return lex.at_end();
}

void JsonTape::release_if_large() {
  constexpr std::size_t kKeepBytes = 256 * 1024;
  text_ = {};
  if (nodes_.capacity() * sizeof(Node) > kKeepBytes) std::vector<Node>().swap(nodes_);
  if (scratch_.capacity() > kKeepBytes) std::string().swap(scratch_);
}

bool JsonTape::value(JsonLexer& lex, int depth) {
  if (lex.at_end()) return false;
  switch (lex.peek()) {
    case '{':
      return container(lex, depth + 1, true);
    case '[':
      return container(lex, depth + 1, false);
    case '"':
      return string(lex);
    default:
      break;
  }
  Node& n = nodes_.emplace_back();
  n.next = static_cast<uint32_t>(nodes_.size());
  switch (lex.peek()) {
    case 't':
      n.kind = Kind::kTrue;
      return lex.literal("true");
    case 'f':
      n.kind = Kind::kFalse;
      return lex.literal("false");
    case 'n':
      n.kind = Kind::kNull;
      return lex.literal("null");
    default: {
      JsonNumber number;
      if (!lex.number(number)) return false;
      switch (number.kind) {
        case JsonNumber::Kind::kDouble: n.kind = Kind::kDouble, n.d = number.d; break;
        case JsonNumber::Kind::kSigned: n.kind = Kind::kSigned, n.i = number.i; break;
        case JsonNumber::Kind::kUnsigned: n.kind = Kind::kUnsigned, n.u = number.u; break;
      }
      return true;
    }
  }
}

bool JsonTape::container(JsonLexer& lex, int depth, bool is_object) {
  if (depth > kMaxJsonDepth) return false;
  const char close = is_object ? '}' : ']';
  const auto self = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back().kind = is_object ? Kind::kObject : Kind::kArray;
  lex.advance();  // '{' or '['
  lex.skip_whitespace();
  if (!lex.at(close)) {
    while (true) {
      lex.skip_whitespace();
      if (is_object) {
        if (!lex.at('"') || !string(lex)) return false;
        lex.skip_whitespace();
        if (!lex.at(':')) return false;
        lex.advance();
        lex.skip_whitespace();
      }
      if (!value(lex, depth)) return false;
      lex.skip_whitespace();
      if (!lex.at(',')) break;
      lex.advance();
    }
    if (!lex.at(close)) return false;
  }
  lex.advance();
  nodes_[self].next = static_cast<uint32_t>(nodes_.size());  // not a reference: emplace_back moves nodes_
  return true;
}

bool JsonTape::string(JsonLexer& lex) {
  std::string_view plain;
  bool escaped = false;
  const std::size_t before = scratch_.size();
  if (!lex.string(plain, scratch_, escaped)) return false;
  Node& n = nodes_.emplace_back();
  n.kind = Kind::kString;
  n.next = static_cast<uint32_t>(nodes_.size());
  n.escaped = escaped;
  if (escaped) {
    if (scratch_.size() >= std::numeric_limits<uint32_t>::max()) return false;
    n.offset = static_cast<uint32_t>(before);
    n.length = static_cast<uint32_t>(scratch_.size() - before);
  } else {
    n.offset = static_cast<uint32_t>(plain.data() - text_.data());
    n.length = static_cast<uint32_t>(plain.size());
  }
  return true;
}

JsonNode JsonNode::member(std::string_view key) const {
  // Off the hot path: the typed readers take an object's members in one
  // pass (read_members in json_types.cc), not by name.
  JsonNode found;
  for_each_member([&](std::string_view k, JsonNode v) {
    if (k == key) found = v;  // the last of repeated keys, as nlohmann keeps
  });
  return found;
}

std::string_view JsonNode::string() const {
  if (!is_string()) throw std::invalid_argument(std::string("type must be string, but is ") + type_name());
  return tape_->string_at(node());
}

bool JsonNode::boolean() const {
  switch (kind()) {
    case JsonTape::Kind::kTrue: return true;
    case JsonTape::Kind::kFalse: return false;
    default: throw std::invalid_argument(std::string("type must be boolean, but is ") + type_name());
  }
}

nlohmann::json JsonNode::to_json() const {
  switch (kind()) {
    case JsonTape::Kind::kNull: return nullptr;
    case JsonTape::Kind::kFalse: return false;
    case JsonTape::Kind::kTrue: return true;
    case JsonTape::Kind::kUnsigned: return node().u;
    case JsonTape::Kind::kSigned: return node().i;
    case JsonTape::Kind::kDouble: return node().d;
    case JsonTape::Kind::kString: return std::string(string());
    case JsonTape::Kind::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for_each_member([&](std::string_view k, JsonNode v) { out[std::string(k)] = v.to_json(); });
      return out;
    }
    case JsonTape::Kind::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for_each_element([&](JsonNode v) { out.push_back(v.to_json()); });
      return out;
    }
  }
  return nullptr;
}

const char* JsonNode::type_name() const {
  switch (kind()) {
    case JsonTape::Kind::kNull: return "null";
    case JsonTape::Kind::kFalse:
    case JsonTape::Kind::kTrue: return "boolean";
    case JsonTape::Kind::kUnsigned:
    case JsonTape::Kind::kSigned:
    case JsonTape::Kind::kDouble: return "number";
    case JsonTape::Kind::kString: return "string";
    case JsonTape::Kind::kObject: return "object";
    case JsonTape::Kind::kArray: return "array";
  }
  return "null";
}

}  // namespace genai::internal
