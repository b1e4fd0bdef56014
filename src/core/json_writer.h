// Internal: two writers of JSON behind one interface, so that a struct's
// request-side mapping is written once (a `write_node(W&, const T&)`
// template in json_types.cc) and serves both:
//
//   JsonWriter  writes the text straight into a string, with no DOM: the
//               body of every generateContent request (the hot path).
//   DomWriter   builds an nlohmann::json: the to_json hooks, for every
//               other use of the same structs (batches, chats, tests).
//
// The interface: begin_object / end_object, begin_array / end_array,
// key(name) before each member's value, and the values string(s),
// boolean(b) and value(json) (any DOM value, numbers included).
// end_object_or_drop() ends an object and, when it is a member with nothing
// written in it, takes it back with its key (an unset config is left out,
// not sent as {}); an empty element of an array, or root, stays.
// has_key(name) tells whether the innermost open object already has that
// member (a struct's `extra` never overrides a modelled field).
//
// JsonWriter's text is what dump_json() writes for the DOM DomWriter builds
// from the same calls, except for the order of members (the DOM's are
// sorted by name; the writer's are in the order written). A string that is
// not UTF-8 throws nlohmann's type_error 316, as dump() does.
//
//   std::string text;
//   JsonWriter w(text);
//   w.begin_object(); w.key("text"); w.string("Hi"); w.end_object();   // {"text":"Hi"}
#ifndef GENAI_SRC_CORE_JSON_WRITER_H_
#define GENAI_SRC_CORE_JSON_WRITER_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_dump.h"

namespace genai::internal {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() {
    const Open o{keys_.size(), key_at_, comma_before_key_, after_key_};
    open('{');
    opened_.push_back(o);
  }
  void end_object() {
    keys_.resize(opened_.back().first_key);
    opened_.pop_back();
    close('}');
  }
  void end_object_or_drop() {
    const Open o = opened_.back();
    if (keys_.size() > o.first_key || !o.member) return end_object();
    opened_.pop_back();
    // The object was a member: its key goes too, and the comma before it.
    out_.resize(o.key_at);
    comma_ = o.comma_before_key;
    keys_.pop_back();
  }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // Names are kept (as views) until their object ends: pass literals or
  // strings that outlive the object.
  void key(std::string_view name) {
    key_at_ = out_.size();
    comma_before_key_ = comma_;
    if (comma_) out_ += ',';
    append_json_string(name, out_);
    out_ += ':';
    comma_ = false;
    after_key_ = true;
    keys_.push_back(name);
  }
  void string(std::string_view s) {
    separate();
    append_json_string(s, out_);
  }
  void boolean(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void value(const nlohmann::json& j) {
    separate();
    append_json(j, out_);
  }

  bool has_key(std::string_view name) const {
    for (std::size_t i = opened_.back().first_key; i < keys_.size(); ++i) {
      if (keys_[i] == name) return true;
    }
    return false;
  }

 private:
  // Before a value: a comma unless it opens its container or follows its key.
  void separate() {
    if (comma_) out_ += ',';
    comma_ = true;
    after_key_ = false;
  }
  void open(char c) {
    separate();
    out_ += c;
    comma_ = false;
  }
  void close(char c) {
    out_ += c;
    comma_ = true;
  }

  // A stack that keeps its first N entries in place: a request body's
  // bookkeeping then costs no allocation, however large its text.
  template <typename T, std::size_t N>
  class SmallStack {
   public:
    std::size_t size() const { return size_; }
    const T& back() const { return (*this)[size_ - 1]; }
    const T& operator[](std::size_t i) const { return i < N ? first_[i] : more_[i - N]; }
    void push_back(const T& v) {
      if (size_ < N) {
        first_[size_] = v;
      } else {
        more_.resize(size_ - N);
        more_.push_back(v);
      }
      ++size_;
    }
    void pop_back() { --size_; }
    void resize(std::size_t n) { size_ = n; }  // only to shrink

   private:
    std::array<T, N> first_{};
    std::vector<T> more_;
    std::size_t size_ = 0;
  };
  struct Open {
    std::size_t first_key = 0;  // where the object's names start in keys_
    std::size_t key_at = 0;     // where its key (with the comma before it) starts in the text
    bool comma_before_key = false;
    bool member = false;  // the value of a key (not an element, not the root)
  };

  std::string& out_;
  bool comma_ = false;  // the next value or key follows another in its container
  std::size_t key_at_ = 0;         // of the last key written
  bool comma_before_key_ = false;  // of the last key written
  bool after_key_ = false;         // the next value is that key's
  SmallStack<std::string_view, 32> keys_;  // the names written in each open object
  SmallStack<Open, 8> opened_;
};

class DomWriter {
 public:
  explicit DomWriter(nlohmann::json& root) : root_(root) {}

  void begin_object() { open(nlohmann::json::object()); }
  void end_object() { open_.pop_back(); }
  void end_object_or_drop() {
    const bool empty = open_.back()->empty();
    open_.pop_back();
    if (empty && !open_.empty() && open_.back()->is_object()) open_.back()->erase(std::string(key_));
  }
  void begin_array() { open(nlohmann::json::array()); }
  void end_array() { open_.pop_back(); }
  void key(std::string_view name) { key_ = name; }
  void string(std::string_view s) { slot() = std::string(s); }
  void boolean(bool b) { slot() = b; }
  void value(const nlohmann::json& j) { slot() = j; }
  void value(nlohmann::json&& j) { slot() = std::move(j); }
  bool has_key(std::string_view name) const { return open_.back()->contains(name); }

 private:
  // Where the next value goes: the root, the next element of the open
  // array, or the member of the open object named by key().
  nlohmann::json& slot() {
    if (open_.empty()) return root_;
    nlohmann::json& top = *open_.back();
    if (top.is_array()) return top.emplace_back();
    return top[std::string(key_)];
  }
  // Only the open containers are pointed to; an array's earlier elements,
  // which its growth may move, are all closed.
  void open(nlohmann::json empty) {
    nlohmann::json& s = slot();
    s = std::move(empty);
    open_.push_back(&s);
  }

  nlohmann::json& root_;
  std::vector<nlohmann::json*> open_;
  std::string_view key_;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_WRITER_H_
