// Internal: a JSON document read into one flat array of nodes (a "tape"),
// for the answers on the hot path. Mapping a generateContent answer to its
// typed structs through nlohmann's DOM cost about 60 allocations per answer
// (a heap node for every object, array, member and string), built and freed
// only to be copied from; the tape is one array whose strings point into the
// text, reused from answer to answer. The typed readers of json_types.cc
// read it and nlohmann's DOM alike (JsonNode and DomNode have one interface).
//
// It accepts exactly what parse_json's fast path accepts (both read tokens
// with JsonLexer) and nothing nested deeper than kMaxJsonDepth, so a text it
// read always parses with parse_json to the same values. On anything else
// parse() returns false and the caller uses parse_json.
//
//   JsonTape tape;
//   if (!tape.parse(body)) { /* parse_json(body) and the DOM path */ }
//   JsonNode root = tape.root();
//   if (JsonNode text = root.member("text"); text && text.is_string()) use(text.string());
#ifndef GENAI_SRC_CORE_JSON_TAPE_H_
#define GENAI_SRC_CORE_JSON_TAPE_H_

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::internal {

class JsonNode;
class JsonLexer;

class JsonTape {
 public:
  // Reads `text`, which must outlive the tape's use. False when it is not
  // one JSON document the lexer is sure of (see the top of this file).
  bool parse(std::string_view text);
  JsonNode root() const;
  // Frees the tape's arrays when an answer made them large (they are kept
  // for the next answer otherwise), so a thread that read one big answer
  // does not hold its size for the rest of its life.
  void release_if_large();

 private:
  friend class JsonNode;
  enum class Kind : uint8_t { kNull, kFalse, kTrue, kUnsigned, kSigned, kDouble, kString, kObject, kArray };
  struct Node {
    Kind kind = Kind::kNull;
    bool escaped = false;  // a string decoded into scratch_, not in the text
    uint32_t next = 0;     // the index after this value and everything inside it
    uint32_t offset = 0;   // a string's bytes: in the text, or in scratch_
    uint32_t length = 0;
    union {
      uint64_t u;
      int64_t i;
      double d = 0;
    };
  };
  // An object's members are a key (a string node) followed by its value.

  bool value(JsonLexer& lex, int depth);
  bool container(JsonLexer& lex, int depth, bool is_object);
  bool string(JsonLexer& lex);
  std::string_view string_at(const Node& n) const {
    return std::string_view((n.escaped ? scratch_.data() : text_.data()) + n.offset, n.length);
  }

  std::string_view text_;
  std::vector<Node> nodes_;
  std::string scratch_;
};

// One value of a tape, or none (a member that is absent): a small handle,
// passed by value, valid while its tape is. Reads throw std::invalid_argument
// where nlohmann's get<T>() throws on the same value.
class JsonNode {
 public:
  JsonNode() = default;  // absent

  explicit operator bool() const { return tape_ != nullptr; }
  bool is_null() const { return kind() == JsonTape::Kind::kNull; }
  bool is_object() const { return kind() == JsonTape::Kind::kObject; }
  bool is_array() const { return kind() == JsonTape::Kind::kArray; }
  bool is_string() const { return kind() == JsonTape::Kind::kString; }
  bool is_number_float() const { return kind() == JsonTape::Kind::kDouble; }

  // The member `key` of an object (the last, if the text repeats it); absent
  // when there is none or this is not an object.
  JsonNode member(std::string_view key) const;
  // f(std::string_view key, JsonNode value) for each member of an object.
  template <typename F>
  void for_each_member(F&& f) const {
    if (!is_object()) return;
    for (uint32_t k = index_ + 1; k < node().next;) {
      f(tape_->string_at(tape_->nodes_[k]), JsonNode(tape_, k + 1));
      k = tape_->nodes_[k + 1].next;
    }
  }
  // f(JsonNode) for each element of an array.
  template <typename F>
  void for_each_element(F&& f) const {
    if (!is_array()) return;
    for (uint32_t k = index_ + 1; k < node().next; k = tape_->nodes_[k].next) f(JsonNode(tape_, k));
  }

  std::string_view string() const;
  bool boolean() const;
  // As nlohmann's get<T>() for an arithmetic T: from a number or a boolean,
  // static_cast (callers range-check a double themselves).
  template <typename T>
  T number() const {
    static_assert(std::is_arithmetic_v<T>);
    switch (kind()) {
      case JsonTape::Kind::kUnsigned: return static_cast<T>(node().u);
      case JsonTape::Kind::kSigned: return static_cast<T>(node().i);
      case JsonTape::Kind::kDouble: return static_cast<T>(node().d);
      case JsonTape::Kind::kTrue: return static_cast<T>(1);
      case JsonTape::Kind::kFalse: return static_cast<T>(0);
      default: throw std::invalid_argument(std::string("type must be number, but is ") + type_name());
    }
  }
  double as_double() const { return number<double>(); }
  // This value as nlohmann's DOM (for what the typed structs keep as JSON).
  nlohmann::json to_json() const;
  const char* type_name() const;

 private:
  friend class JsonTape;
  JsonNode(const JsonTape* tape, uint32_t index) : tape_(tape), index_(index) {}
  const JsonTape::Node& node() const { return tape_->nodes_[index_]; }
  JsonTape::Kind kind() const { return tape_ ? node().kind : JsonTape::Kind::kNull; }

  const JsonTape* tape_ = nullptr;
  uint32_t index_ = 0;
};

inline JsonNode JsonTape::root() const { return nodes_.empty() ? JsonNode() : JsonNode(this, 0); }

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_TAPE_H_
