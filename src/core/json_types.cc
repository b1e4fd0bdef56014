#include "core/json_types.h"

#include <limits>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "core/base64.h"
#include "core/errors.h"
#include "core/json_parse.h"
#include "core/json_tape.h"
#include "core/json_writer.h"
#include "genai/live.h"

namespace genai {

using nlohmann::json;
using internal::JsonNode;
using internal::JsonTape;

namespace {

template <typename T>
void put(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
template <typename T>
void put_list(json& j, const char* key, const std::vector<T>& v) {
  if (!v.empty()) j[key] = v;
}
// The member `key` of an object, or nullptr. Looks in the map itself:
// json::find builds and compares nlohmann iterators, which cost more than
// the lookup on the small objects of a response (~40 lookups per answer).
const json* member(const json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  const json::object_t& members = j.get_ref<const json::object_t&>();
  auto it = members.find(key);
  return it == members.end() ? nullptr : &it->second;
}

// ---- reading a value from either form of JSON -------------------------------
//
// The readers of the wire structs (from_node below) are written once and read
// nlohmann's DOM through DomNode, and a JsonTape (json_tape.h) through
// JsonNode: the hot answers are read from the tape, without a DOM. The two
// node types have one interface and throw on the same values, so a text reads
// to the same struct either way (tests/unit/json_tape_test.cc checks it).

class DomNode {
 public:
  DomNode() = default;  // absent
  explicit DomNode(const json& j) : j_(&j) {}

  explicit operator bool() const { return j_ != nullptr; }
  bool is_null() const { return !j_ || j_->is_null(); }
  bool is_object() const { return j_ && j_->is_object(); }
  bool is_array() const { return j_ && j_->is_array(); }
  bool is_string() const { return j_ && j_->is_string(); }
  bool is_number_float() const { return j_ && j_->is_number_float(); }
  DomNode member(std::string_view key) const {
    const json* v = j_ ? genai::member(*j_, key) : nullptr;
    return v ? DomNode(*v) : DomNode();
  }
  template <typename F>
  void for_each_member(F&& f) const {
    if (!is_object()) return;
    for (const auto& [key, value] : j_->get_ref<const json::object_t&>()) f(std::string_view(key), DomNode(value));
  }
  template <typename F>
  void for_each_element(F&& f) const {
    if (!is_array()) return;
    for (const json& e : j_->get_ref<const json::array_t&>()) f(DomNode(e));
  }
  // As JsonNode::string(), with nlohmann's wording for a value of another type.
  std::string_view string() const {
    if (!is_string()) throw std::invalid_argument(std::string("type must be string, but is ") + type_name());
    return j_->get_ref<const std::string&>();
  }
  bool boolean() const { return j_->get<bool>(); }
  template <typename T>
  T number() const {
    return j_->get<T>();
  }
  double as_double() const { return j_->get<double>(); }
  json to_json() const { return j_ ? *j_ : json(); }
  const json& dom() const { return *j_; }
  const char* type_name() const { return j_ ? j_->type_name() : "null"; }

 private:
  const json* j_ = nullptr;
};

DomNode node_of(const json& j) { return DomNode(j); }
DomNode node_of(const DomNode& n) { return n; }
JsonNode node_of(const JsonNode& n) { return n; }

}  // namespace

// The readers of the structs a response carries, for either node type
// (templates of this file only: their node types are local to it).
template <typename N> void from_node(const N& j, Blob& v);
template <typename N> void from_node(const N& j, FileData& v);
template <typename N> void from_node(const N& j, FunctionCall& v);
template <typename N> void from_node(const N& j, FunctionResponse& v);
template <typename N> void from_node(const N& j, ExecutableCode& v);
template <typename N> void from_node(const N& j, CodeExecutionResult& v);
template <typename N> void from_node(const N& j, Part& v);
template <typename N> void from_node(const N& j, Content& v);
template <typename N> void from_node(const N& j, SafetyRating& v);
template <typename N> void from_node(const N& j, ModalityTokenCount& v);
template <typename N> void from_node(const N& j, UsageMetadata& v);
template <typename N> void from_node(const N& j, LogprobsCandidate& v);
template <typename N> void from_node(const N& j, LogprobsTopCandidates& v);
template <typename N> void from_node(const N& j, LogprobsResult& v);
template <typename N> void from_node(const N& j, UrlMetadata& v);
template <typename N> void from_node(const N& j, UrlContextMetadata& v);
template <typename N> void from_node(const N& j, Candidate& v);
template <typename N> void from_node(const N& j, PromptFeedback& v);
template <typename N> void from_node(const N& j, LiveServerSetupComplete& v);
template <typename N> void from_node(const N& j, Transcription& v);
template <typename N> void from_node(const N& j, LiveServerContent& v);
template <typename N> void from_node(const N& j, LiveServerToolCall& v);
template <typename N> void from_node(const N& j, LiveServerToolCallCancellation& v);
template <typename N> void from_node(const N& j, LiveUsageMetadata& v);
template <typename N> void from_node(const N& j, LiveServerGoAway& v);
template <typename N> void from_node(const N& j, LiveServerSessionResumptionUpdate& v);

namespace {

// nlohmann's get<integer>() static_casts a JSON float, which is undefined
// behaviour when the value does not fit (1e40, found by fuzz_response_json):
// such a value is a wrong shape, reported like any other.
template <typename T, typename N>
T number_of(const N& v) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (v.is_number_float()) {
      const double d = v.as_double();
      const double lowest = static_cast<double>(std::numeric_limits<T>::lowest());
      const double beyond = 2.0 * (static_cast<double>(std::numeric_limits<T>::max() / 2) + 1.0);
      if (!(d >= lowest && d < beyond)) throw std::out_of_range("number out of range: " + v.to_json().dump());
      return static_cast<T>(d);
    }
  }
  return v.template number<T>();
}
template <typename T>
T get_value(const json& v) {
  return number_of<T>(DomNode(v));
}
// A value as nlohmann's get<T>() reads it. A struct is read by its from_node
// (from the DOM: by its from_json, which the request-side structs only have).
template <typename T, typename N>
T value_of(const N& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(v.string());
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.boolean();
  } else if constexpr (std::is_arithmetic_v<T>) {
    return number_of<T>(v);
  } else if constexpr (std::is_same_v<T, json>) {
    return v.to_json();
  } else if constexpr (std::is_same_v<N, DomNode>) {
    return v.dom().template get<T>();
  } else {
    T out;
    from_node(v, out);
    return out;
  }
}
template <typename J, typename T>
void get(const J& j, const char* key, std::optional<T>& out) {
  const auto v = node_of(j).member(key);
  if (v && !v.is_null()) out = value_of<T>(v);
}
template <typename J, typename T>
void get_list(const J& j, const char* key, std::vector<T>& out) {
  const auto v = node_of(j).member(key);
  if (!v || !v.is_array()) return;
  out.clear();
  v.for_each_element([&](const auto& e) { out.push_back(value_of<T>(e)); });
}
// Protobuf's JSON mapping writes int64 as a string ("123"); accept both.
template <typename J>
void get_int64(const J& j, const char* key, std::optional<int64_t>& out) {
  const auto v = node_of(j).member(key);
  if (!v || v.is_null()) return;
  if (v.is_string()) {
    out = std::stoll(std::string(v.string()));
  } else {
    out = number_of<int64_t>(v);
  }
}
template <typename J>
std::string get_string(const J& j, const char* key) {
  const auto v = node_of(j).member(key);
  return v && v.is_string() ? std::string(v.string()) : std::string();
}
// The wire names a struct models. Its other members go to and come from
// the struct's `extra`, so a field this library does not know is neither
// lost from a response nor out of reach of a request.
using Known = std::initializer_list<std::string_view>;
bool is_known(Known known, std::string_view key) {
  for (std::string_view k : known) {
    if (k == key) return true;
  }
  return false;
}
// Keeps the members of `j` that are not `known` in `extra`.
template <typename J>
void get_extra(const J& j, Known known, json& extra) {
  node_of(j).for_each_member([&](std::string_view key, const auto& value) {
    if (!is_known(known, key)) extra[std::string(key)] = value.to_json();
  });
}

// The readers of a response's structs read an object in one pass over its
// members (read_members), each member to the field of its name or to
// `extra`, instead of one lookup per field and one more pass for `extra`.
// Each field is read as the get_* helper above reads the member of its
// name; a repeated name is read again from scratch, so the last one wins,
// as in nlohmann's DOM.
template <typename Out>
struct Field {
  std::string_view name;
  Out out;
};
template <typename T>
Field<T&> field(std::string_view name, T& out) {
  return {name, out};
}
// An int64 as protobuf's JSON mapping writes it: a number or a string ("123").
struct Int64 {
  std::optional<int64_t>& out;
};
Field<Int64> int64_field(std::string_view name, std::optional<int64_t>& out) { return {name, Int64{out}}; }

template <typename V, typename T>
void read_field(const V& v, std::optional<T>& out) {  // as get()
  out.reset();
  if (!v.is_null()) out = value_of<T>(v);
}
template <typename V, typename T>
void read_field(const V& v, std::vector<T>& out) {  // as get_list()
  out.clear();
  if (v.is_array()) v.for_each_element([&](const auto& e) { out.push_back(value_of<T>(e)); });
}
template <typename V>
void read_field(const V& v, std::string& out) {  // as get_string()
  if (v.is_string()) {
    out = v.string();
  } else {
    out.clear();
  }
}
template <typename V>
void read_field(const V& v, json& out) {  // the member as JSON (its fallback set beforehand)
  out = v.to_json();
}
template <typename V>
void read_field(const V& v, Int64 f) {  // as get_int64()
  f.out.reset();
  if (v.is_null()) return;
  if (v.is_string()) {
    f.out = std::stoll(std::string(v.string()));
  } else {
    f.out = number_of<int64_t>(v);
  }
}

// A string member kept only when it is a string (another type reads as absent).
struct IfString {
  std::optional<std::string>& out;
};
Field<IfString> string_if_string(std::string_view name, std::optional<std::string>& out) { return {name, IfString{out}}; }
template <typename V>
void read_field(const V& v, IfString f) {
  f.out.reset();
  if (v.is_string()) f.out = std::string(v.string());
}
// A struct member read only when it is an object (another type reads as absent).
template <typename T>
struct IfObject {
  std::optional<T>& out;
};
template <typename T>
Field<IfObject<T>> object_if_object(std::string_view name, std::optional<T>& out) {
  return {name, IfObject<T>{out}};
}
template <typename V, typename T>
void read_field(const V& v, IfObject<T> f) {
  if (!v.is_object()) {
    f.out.reset();
    return;
  }
  T value;
  from_node(v, value);
  f.out = std::move(value);
}

// Reads each member of `j` into the field of its name; the others go to
// `extra` (dropped when it is null).
template <typename J, typename... Outs>
void read_members(const J& j, json* extra, Field<Outs>... fields) {
  node_of(j).for_each_member([&](std::string_view key, const auto& value) {
    const bool known = (... || (key == fields.name && (read_field(value, fields.out), true)));
    if (!known && extra) (*extra)[std::string(key)] = value.to_json();
  });
}
// As nlohmann's json::value() does, refuses a value that is not an object.
template <typename J>
void require_object(const J& j) {
  const auto n = node_of(j);
  if (!n.is_object()) throw std::invalid_argument(std::string("cannot use value() with ") + n.type_name());
}
// Adds the members of `extra` that `j` does not have: a modelled field, set,
// wins over the same name in extra.
void put_extra(json& j, const json& extra) {
  if (!extra.is_object()) return;
  for (const auto& [key, value] : extra.get_ref<const json::object_t&>()) {
    if (!j.contains(key)) j[key] = value;
  }
}

}  // namespace

// The writers of the structs a prompt is made of, for either writer
// (core/json_writer.h): the bytes of a request body, or a DOM (to_json).
template <typename W> void write_node(W& w, const Blob& v);
template <typename W> void write_node(W& w, const FileData& v);
template <typename W> void write_node(W& w, const FunctionCall& v);
template <typename W> void write_node(W& w, const FunctionResponse& v);
template <typename W> void write_node(W& w, const ExecutableCode& v);
template <typename W> void write_node(W& w, const CodeExecutionResult& v);
template <typename W> void write_node(W& w, const Part& v);
template <typename W> void write_node(W& w, const Content& v);

namespace {

// One value, as `json(v)` would hold it: a struct with a write_node by it,
// any other through its to_json.
template <typename W, typename T>
void write_value(W& w, const T& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    w.string(v);
  } else if constexpr (std::is_same_v<T, json>) {
    w.value(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    w.boolean(v);
  } else if constexpr (requires { write_node(w, v); }) {
    write_node(w, v);
  } else {
    w.value(json(v));
  }
}
template <typename W, typename T>
void write_value(W& w, const std::vector<T>& v) {
  w.begin_array();
  for (const T& e : v) write_value(w, e);
  w.end_array();
}
// A member, as put() sets it: an unset optional is left out.
template <typename W, typename T>
void write_member(W& w, const char* key, const T& v) {
  w.key(key);
  write_value(w, v);
}
template <typename W, typename T>
void write_member(W& w, const char* key, const std::optional<T>& v) {
  if (v) write_member(w, key, *v);
}
// A list, as put_list() sets it: an empty one is left out.
template <typename W, typename T>
void write_list(W& w, const char* key, const std::vector<T>& v) {
  if (!v.empty()) write_member(w, key, v);
}
// put_extra for a writer.
template <typename W>
void write_extra(W& w, const json& extra) {
  if (!extra.is_object()) return;
  for (const auto& [key, value] : extra.get_ref<const json::object_t&>()) {
    if (!w.has_key(key)) {
      w.key(key);
      w.value(value);
    }
  }
}

}  // namespace

// The to_json hooks of the same structs: one mapping, whichever the output.
#define GENAI_TO_JSON_BY_WRITER(T)         \
  void to_json(json& j, const T& v) {      \
    internal::DomWriter w(j);              \
    write_node(w, v);                      \
  }
GENAI_TO_JSON_BY_WRITER(Blob)
GENAI_TO_JSON_BY_WRITER(FileData)
GENAI_TO_JSON_BY_WRITER(FunctionCall)
GENAI_TO_JSON_BY_WRITER(FunctionResponse)
GENAI_TO_JSON_BY_WRITER(ExecutableCode)
GENAI_TO_JSON_BY_WRITER(CodeExecutionResult)
GENAI_TO_JSON_BY_WRITER(Part)
GENAI_TO_JSON_BY_WRITER(Content)
#undef GENAI_TO_JSON_BY_WRITER

template <typename W>
void write_node(W& w, const Blob& v) {
  w.begin_object();
  write_member(w, "mimeType", v.mime_type);
  write_member(w, "data", v.data);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, Blob& v) {
  read_members(j, &v.extra, field("mimeType", v.mime_type), field("data", v.data));
}
void from_json(const json& j, Blob& v) { from_node(DomNode(j), v); }
template <typename W>
void write_node(W& w, const FileData& v) {
  w.begin_object();
  write_member(w, "mimeType", v.mime_type);
  write_member(w, "fileUri", v.file_uri);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, FileData& v) {
  read_members(j, &v.extra, field("mimeType", v.mime_type), field("fileUri", v.file_uri));
}
void from_json(const json& j, FileData& v) { from_node(DomNode(j), v); }
template <typename W>
void write_node(W& w, const FunctionCall& v) {
  w.begin_object();
  write_member(w, "id", v.id);
  write_member(w, "name", v.name);
  write_member(w, "args", v.args);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, FunctionCall& v) {
  require_object(j);
  v.args = json::object();
  read_members(j, &v.extra, field("id", v.id), field("name", v.name), field("args", v.args));
}
void from_json(const json& j, FunctionCall& v) { from_node(DomNode(j), v); }
template <typename W>
void write_node(W& w, const FunctionResponse& v) {
  w.begin_object();
  write_member(w, "id", v.id);
  write_member(w, "name", v.name);
  write_member(w, "response", v.response);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, FunctionResponse& v) {
  require_object(j);
  v.response = json::object();
  read_members(j, &v.extra, field("id", v.id), field("name", v.name), field("response", v.response));
}
void from_json(const json& j, FunctionResponse& v) { from_node(DomNode(j), v); }

template <typename W>
void write_node(W& w, const ExecutableCode& v) {
  w.begin_object();
  write_member(w, "language", v.language);
  write_member(w, "code", v.code);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, ExecutableCode& v) {
  read_members(j, &v.extra, field("language", v.language), field("code", v.code));
}
void from_json(const json& j, ExecutableCode& v) { from_node(DomNode(j), v); }
template <typename W>
void write_node(W& w, const CodeExecutionResult& v) {
  w.begin_object();
  write_member(w, "outcome", v.outcome);
  write_member(w, "output", v.output);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, CodeExecutionResult& v) {
  read_members(j, &v.extra, field("outcome", v.outcome), field("output", v.output));
}
void from_json(const json& j, CodeExecutionResult& v) { from_node(DomNode(j), v); }

template <typename W>
void write_node(W& w, const Part& v) {
  w.begin_object();
  write_member(w, "text", v.text);
  write_member(w, "inlineData", v.inline_data);
  write_member(w, "fileData", v.file_data);
  write_member(w, "functionCall", v.function_call);
  write_member(w, "functionResponse", v.function_response);
  write_member(w, "executableCode", v.executable_code);
  write_member(w, "codeExecutionResult", v.code_execution_result);
  write_member(w, "thought", v.thought);
  write_member(w, "thoughtSignature", v.thought_signature);
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, Part& v) {
  read_members(j, &v.extra, field("text", v.text), field("inlineData", v.inline_data), field("fileData", v.file_data),
               field("functionCall", v.function_call), field("functionResponse", v.function_response),
               field("executableCode", v.executable_code), field("codeExecutionResult", v.code_execution_result),
               field("thought", v.thought), field("thoughtSignature", v.thought_signature));
}
void from_json(const json& j, Part& v) { from_node(DomNode(j), v); }
template <typename W>
void write_node(W& w, const Content& v) {
  w.begin_object();
  write_member(w, "role", v.role);
  w.key("parts");
  write_value(w, v.parts);  // [] too: Google requires the member
  write_extra(w, v.extra);
  w.end_object();
}
template <typename N>
void from_node(const N& j, Content& v) {
  // "parts" is absent when the whole budget went to thinking.
  read_members(j, &v.extra, field("role", v.role), field("parts", v.parts));
}
void from_json(const json& j, Content& v) { from_node(DomNode(j), v); }

void to_json(json& j, const SafetySetting& v) {
  j = json{{"category", v.category}, {"threshold", v.threshold}};
  put(j, "method", v.method);
  put_extra(j, v.extra);
}
void to_json(json& j, const FunctionDeclaration& v) {
  j = json{{"name", v.name}};
  put(j, "description", v.description);
  put(j, "parameters", v.parameters);
  put(j, "parametersJsonSchema", v.parameters_json_schema);
  put_extra(j, v.extra);
}
void from_json(const json& j, FunctionDeclaration& v) {
  v.name = get_string(j, "name");
  get(j, "description", v.description);
  get(j, "parameters", v.parameters);
  get(j, "parametersJsonSchema", v.parameters_json_schema);
  get_extra(j, {"name", "description", "parameters", "parametersJsonSchema"}, v.extra);
}
void to_json(json& j, const GoogleMaps& v) {
  j = json::object();
  put(j, "enableWidget", v.enable_widget);
}
void from_json(const json& j, GoogleMaps& v) { get(j, "enableWidget", v.enable_widget); }
void to_json(json& j, const UrlContext&) { j = json::object(); }
void from_json(const json&, UrlContext&) {}
void to_json(json& j, const VertexAISearch& v) {
  j = json::object();
  put(j, "datastore", v.datastore);
  put(j, "engine", v.engine);
  put(j, "filter", v.filter);
  put(j, "maxResults", v.max_results);
}
void from_json(const json& j, VertexAISearch& v) {
  get(j, "datastore", v.datastore);
  get(j, "engine", v.engine);
  get(j, "filter", v.filter);
  get(j, "maxResults", v.max_results);
}
void to_json(json& j, const VertexRagStoreRagResource& v) {
  j = json::object();
  put(j, "ragCorpus", v.rag_corpus);
  put_list(j, "ragFileIds", v.rag_file_ids);
}
void from_json(const json& j, VertexRagStoreRagResource& v) {
  get(j, "ragCorpus", v.rag_corpus);
  get_list(j, "ragFileIds", v.rag_file_ids);
}
void to_json(json& j, const VertexRagStore& v) {
  j = json::object();
  put_list(j, "ragResources", v.rag_resources);
  put(j, "similarityTopK", v.similarity_top_k);
  put(j, "storeContext", v.store_context);
  put(j, "ragRetrievalConfig", v.rag_retrieval_config);
}
void from_json(const json& j, VertexRagStore& v) {
  get_list(j, "ragResources", v.rag_resources);
  get(j, "similarityTopK", v.similarity_top_k);
  get(j, "storeContext", v.store_context);
  get(j, "ragRetrievalConfig", v.rag_retrieval_config);
}
void to_json(json& j, const Retrieval& v) {
  j = json::object();
  put(j, "vertexAiSearch", v.vertex_ai_search);
  put(j, "vertexRagStore", v.vertex_rag_store);
  put(j, "disableAttribution", v.disable_attribution);
}
void from_json(const json& j, Retrieval& v) {
  get(j, "vertexAiSearch", v.vertex_ai_search);
  get(j, "vertexRagStore", v.vertex_rag_store);
  get(j, "disableAttribution", v.disable_attribution);
}
void to_json(json& j, const EnterpriseWebSearch& v) {
  j = json::object();
  put_list(j, "excludeDomains", v.exclude_domains);
  put(j, "blockingConfidence", v.blocking_confidence);
}
void from_json(const json& j, EnterpriseWebSearch& v) {
  get_list(j, "excludeDomains", v.exclude_domains);
  get(j, "blockingConfidence", v.blocking_confidence);
}
void to_json(json& j, const FileSearch& v) {
  j = json::object();
  put_list(j, "fileSearchStoreNames", v.file_search_store_names);
  put(j, "topK", v.top_k);
  put(j, "metadataFilter", v.metadata_filter);
}
void from_json(const json& j, FileSearch& v) {
  get_list(j, "fileSearchStoreNames", v.file_search_store_names);
  get(j, "topK", v.top_k);
  get(j, "metadataFilter", v.metadata_filter);
}
void to_json(json& j, const ComputerUse& v) {
  j = json{{"environment", v.environment}};
  put_list(j, "excludedPredefinedFunctions", v.excluded_predefined_functions);
}
void from_json(const json& j, ComputerUse& v) {
  if (std::string environment = get_string(j, "environment"); !environment.empty()) v.environment = environment;
  get_list(j, "excludedPredefinedFunctions", v.excluded_predefined_functions);
}
void to_json(json& j, const DynamicRetrievalConfig& v) {
  j = json::object();
  put(j, "mode", v.mode);
  put(j, "dynamicThreshold", v.dynamic_threshold);
}
void from_json(const json& j, DynamicRetrievalConfig& v) {
  get(j, "mode", v.mode);
  get(j, "dynamicThreshold", v.dynamic_threshold);
}
void to_json(json& j, const GoogleSearchRetrieval& v) {
  j = json::object();
  put(j, "dynamicRetrievalConfig", v.dynamic_retrieval_config);
}
void from_json(const json& j, GoogleSearchRetrieval& v) {
  get(j, "dynamicRetrievalConfig", v.dynamic_retrieval_config);
}
void to_json(json& j, const StreamableHttpTransport& v) {
  j = json{{"url", v.url}};
  if (!v.headers.empty()) j["headers"] = v.headers;
  put(j, "timeout", v.timeout);
  put(j, "sseReadTimeout", v.sse_read_timeout);
  put(j, "terminateOnClose", v.terminate_on_close);
}
void from_json(const json& j, StreamableHttpTransport& v) {
  v.url = get_string(j, "url");
  if (const json* h = member(j, "headers"); h && h->is_object()) v.headers = h->get<std::map<std::string, std::string>>();
  get(j, "timeout", v.timeout);
  get(j, "sseReadTimeout", v.sse_read_timeout);
  get(j, "terminateOnClose", v.terminate_on_close);
}
void to_json(json& j, const McpServer& v) {
  j = json{{"name", v.name}};
  put(j, "streamableHttpTransport", v.streamable_http_transport);
}
void from_json(const json& j, McpServer& v) {
  v.name = get_string(j, "name");
  get(j, "streamableHttpTransport", v.streamable_http_transport);
}
void to_json(json& j, const Tool& v) {
  j = json::object();
  json decls = json::array();
  for (const FunctionDeclaration& d : v.function_declarations) decls.push_back(d);
  for (const CallableFunction& f : v.callables) decls.push_back(f.declaration);
  if (!decls.empty()) j["functionDeclarations"] = std::move(decls);
  put(j, "googleSearch", v.google_search);
  put(j, "codeExecution", v.code_execution);
  put(j, "urlContext", v.url_context);
  put(j, "googleMaps", v.google_maps);
  put(j, "retrieval", v.retrieval);
  put(j, "enterpriseWebSearch", v.enterprise_web_search);
  put(j, "fileSearch", v.file_search);
  put(j, "computerUse", v.computer_use);
  put(j, "googleSearchRetrieval", v.google_search_retrieval);
  put_list(j, "mcpServers", v.mcp_servers);
  put_extra(j, v.extra);
}
void from_json(const json& j, Tool& v) {
  get_list(j, "functionDeclarations", v.function_declarations);
  get(j, "googleSearch", v.google_search);
  get(j, "codeExecution", v.code_execution);
  get(j, "urlContext", v.url_context);
  get(j, "googleMaps", v.google_maps);
  get(j, "retrieval", v.retrieval);
  get(j, "enterpriseWebSearch", v.enterprise_web_search);
  get(j, "fileSearch", v.file_search);
  get(j, "computerUse", v.computer_use);
  get(j, "googleSearchRetrieval", v.google_search_retrieval);
  get_list(j, "mcpServers", v.mcp_servers);
  get_extra(j,
            {"functionDeclarations", "googleSearch", "codeExecution", "urlContext", "googleMaps", "retrieval",
             "enterpriseWebSearch", "fileSearch", "computerUse", "googleSearchRetrieval", "mcpServers"},
            v.extra);
}
void to_json(json& j, const FunctionCallingConfig& v) {
  j = json::object();
  put(j, "mode", v.mode);
  put_list(j, "allowedFunctionNames", v.allowed_function_names);
  put_extra(j, v.extra);
}
void from_json(const json& j, FunctionCallingConfig& v) {
  get(j, "mode", v.mode);
  get_list(j, "allowedFunctionNames", v.allowed_function_names);
  get_extra(j, {"mode", "allowedFunctionNames"}, v.extra);
}
void to_json(json& j, const ToolConfig& v) {
  j = json::object();
  put(j, "functionCallingConfig", v.function_calling_config);
  put(j, "retrievalConfig", v.retrieval_config);
  put_extra(j, v.extra);
}
void from_json(const json& j, ToolConfig& v) {
  get(j, "functionCallingConfig", v.function_calling_config);
  get(j, "retrievalConfig", v.retrieval_config);
  get_extra(j, {"functionCallingConfig", "retrievalConfig"}, v.extra);
}
void to_json(json& j, const ThinkingConfig& v) {
  j = json::object();
  put(j, "thinkingBudget", v.thinking_budget);
  put(j, "includeThoughts", v.include_thoughts);
  put(j, "thinkingLevel", v.thinking_level);
  put_extra(j, v.extra);
}
void from_json(const json& j, ThinkingConfig& v) {
  get(j, "thinkingBudget", v.thinking_budget);
  get(j, "includeThoughts", v.include_thoughts);
  get(j, "thinkingLevel", v.thinking_level);
  get_extra(j, {"thinkingBudget", "includeThoughts", "thinkingLevel"}, v.extra);
}
void to_json(json& j, const ImageConfig& v) {
  j = json::object();
  put(j, "aspectRatio", v.aspect_ratio);
  put(j, "imageSize", v.image_size);
  put(j, "personGeneration", v.person_generation);
  json options = json::object();  // Vertex AI's imageOutputOptions, as python-genai nests them
  put(options, "mimeType", v.output_mime_type);
  put(options, "compressionQuality", v.output_compression_quality);
  if (!options.empty()) j["imageOutputOptions"] = std::move(options);
}
void to_json(json& j, const PrebuiltVoiceConfig& v) {
  j = json::object();
  put(j, "voiceName", v.voice_name);
}
void to_json(json& j, const VoiceConfig& v) {
  j = json::object();
  put(j, "prebuiltVoiceConfig", v.prebuilt_voice_config);
}
void to_json(json& j, const SpeakerVoiceConfig& v) { j = json{{"speaker", v.speaker}, {"voiceConfig", v.voice_config}}; }
void to_json(json& j, const MultiSpeakerVoiceConfig& v) { j = json{{"speakerVoiceConfigs", v.speaker_voice_configs}}; }
void to_json(json& j, const SpeechConfig& v) {
  j = json::object();
  put(j, "voiceConfig", v.voice_config);
  put(j, "multiSpeakerVoiceConfig", v.multi_speaker_voice_config);
  put(j, "languageCode", v.language_code);
}
void to_json(json& j, const RoutingConfig& v) {
  j = json::object();
  if (v.auto_mode) {
    json mode = json::object();
    put(mode, "modelRoutingPreference", v.auto_mode->model_routing_preference);
    j["autoMode"] = std::move(mode);
  }
  if (v.manual_mode) {
    json mode = json::object();
    put(mode, "modelName", v.manual_mode->model_name);
    j["manualMode"] = std::move(mode);
  }
}
void to_json(json& j, const ModelArmorConfig& v) {
  j = json::object();
  put(j, "promptTemplateName", v.prompt_template_name);
  put(j, "responseTemplateName", v.response_template_name);
}
void to_json(json& j, const AudioTranscriptionConfig& v) {
  j = json::object();
  put_list(j, "languageCodes", v.language_codes);
  put_list(j, "customVocabulary", v.custom_vocabulary);
  put_list(j, "adaptationPhrases", v.adaptation_phrases);
  put(j, "wordTimestamp", v.word_timestamp);
  put(j, "diarization", v.diarization);
}
void to_json(json& j, const ModelSelectionConfig& v) {
  j = json::object();
  put(j, "featureSelectionPreference", v.feature_selection_preference);
}

template <typename N>
void from_node(const N& j, SafetyRating& v) {
  read_members(j, &v.extra, field("category", v.category), field("probability", v.probability),
               field("blocked", v.blocked), field("probabilityScore", v.probability_score),
               field("severity", v.severity), field("severityScore", v.severity_score));
}
void from_json(const json& j, SafetyRating& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, ModalityTokenCount& v) {
  std::optional<int64_t> n;
  read_members(j, &v.extra, field("modality", v.modality), int64_field("tokenCount", n));
  v.token_count = n.value_or(0);
}
void from_json(const json& j, ModalityTokenCount& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UsageMetadata& v) {
  read_members(j, &v.extra, int64_field("promptTokenCount", v.prompt_token_count),
               int64_field("candidatesTokenCount", v.candidates_token_count),
               int64_field("totalTokenCount", v.total_token_count),
               int64_field("thoughtsTokenCount", v.thoughts_token_count),
               int64_field("cachedContentTokenCount", v.cached_content_token_count),
               int64_field("toolUsePromptTokenCount", v.tool_use_prompt_token_count),
               field("promptTokensDetails", v.prompt_tokens_details),
               field("candidatesTokensDetails", v.candidates_tokens_details));
}
void from_json(const json& j, UsageMetadata& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsCandidate& v) {
  read_members(j, nullptr, field("token", v.token), field("tokenId", v.token_id),
               field("logProbability", v.log_probability));
}
void from_json(const json& j, LogprobsCandidate& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsTopCandidates& v) {
  read_members(j, nullptr, field("candidates", v.candidates));
}
void from_json(const json& j, LogprobsTopCandidates& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsResult& v) {
  read_members(j, nullptr, field("chosenCandidates", v.chosen_candidates), field("topCandidates", v.top_candidates),
               field("logProbabilitySum", v.log_probability_sum));
}
void from_json(const json& j, LogprobsResult& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UrlMetadata& v) {
  read_members(j, nullptr, field("retrievedUrl", v.retrieved_url),
               field("urlRetrievalStatus", v.url_retrieval_status));
}
void from_json(const json& j, UrlMetadata& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UrlContextMetadata& v) {
  read_members(j, nullptr, field("urlMetadata", v.url_metadata));
}
void from_json(const json& j, UrlContextMetadata& v) { from_node(DomNode(j), v); }
void from_json(const json& j, GroundingChunkMaps& v) {
  get(j, "uri", v.uri);
  get(j, "title", v.title);
  get(j, "text", v.text);
  get(j, "placeId", v.place_id);
}
template <typename N>
void from_node(const N& j, Candidate& v) {
  read_members(j, &v.extra, field("content", v.content), field("finishReason", v.finish_reason),
               field("finishMessage", v.finish_message), field("safetyRatings", v.safety_ratings),
               field("citationMetadata", v.citation_metadata), field("groundingMetadata", v.grounding_metadata),
               int64_field("tokenCount", v.token_count), field("index", v.index),
               field("avgLogprobs", v.avg_logprobs), field("logprobsResult", v.logprobs_result),
               field("urlContextMetadata", v.url_context_metadata));
}
void from_json(const json& j, Candidate& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, PromptFeedback& v) {
  read_members(j, &v.extra, field("blockReason", v.block_reason), field("blockReasonMessage", v.block_reason_message),
               field("safetyRatings", v.safety_ratings));
}
void from_json(const json& j, PromptFeedback& v) { from_node(DomNode(j), v); }

// ---- convenience constructors and accessors of types.h ----------------------

Part Part::from_text(std::string_view text) {
  Part p;
  p.text = std::string(text);
  return p;
}
Part Part::from_bytes(std::string_view bytes, std::string_view mime_type) {
  Part p;
  p.inline_data = Blob{std::string(mime_type), internal::base64_encode(bytes)};
  return p;
}
Part Part::from_uri(std::string_view file_uri, std::string_view mime_type) {
  Part p;
  p.file_data = FileData{std::string(mime_type), std::string(file_uri)};
  return p;
}
Part Part::from_function_response(std::string_view name, Json response) {
  Part p;
  p.function_response = FunctionResponse{std::nullopt, std::string(name), std::move(response)};
  return p;
}

Part Part::from_function_response(FunctionResponse response) {
  Part p;
  p.function_response = std::move(response);
  return p;
}

std::optional<SafetyDecision> FunctionCall::safety_decision() const {
  if (!args.is_object()) return std::nullopt;
  auto it = args.find("safety_decision");
  if (it == args.end() || !it->is_object()) return std::nullopt;
  SafetyDecision d;
  d.decision = internal::optional_string(*it, "decision").value_or("");
  d.explanation = internal::optional_string(*it, "explanation").value_or("");
  return d;
}

FunctionResponse& FunctionResponse::acknowledge_safety_decision() {
  if (!response.is_object()) response = Json::object();
  response["safety_acknowledgement"] = "true";
  return *this;
}

FunctionResponse& FunctionResponse::add_inline_data(std::string_view bytes, std::string_view mime_type) {
  Json& parts = extra["parts"];
  if (!parts.is_array()) parts = Json::array();
  parts.push_back(Json{{"inlineData", Json{{"mimeType", mime_type}, {"data", internal::base64_encode(bytes)}}}});
  return *this;
}
VoiceConfig VoiceConfig::prebuilt(std::string_view voice_name) {
  VoiceConfig v;
  v.prebuilt_voice_config = PrebuiltVoiceConfig{std::string(voice_name)};
  return v;
}
Tool Tool::from_functions(std::vector<CallableFunction> functions) {
  Tool t;
  t.callables = std::move(functions);
  return t;
}
Content Content::from_text(std::string_view text, std::string_view role) {
  return Content{std::string(role), {Part::from_text(text)}};
}

namespace {
std::string first_candidate_text(const GenerateContentResponse& r, bool thoughts) {
  std::string out;
  if (r.candidates.empty() || !r.candidates[0].content) return out;
  for (const Part& p : r.candidates[0].content->parts) {
    if (p.text && p.thought.value_or(false) == thoughts) out += *p.text;
  }
  return out;
}
}  // namespace

std::string GenerateContentResponse::text() const { return first_candidate_text(*this, false); }
std::string GenerateContentResponse::thoughts() const { return first_candidate_text(*this, true); }
std::vector<FunctionCall> GenerateContentResponse::function_calls() const {
  std::vector<FunctionCall> out;
  if (candidates.empty() || !candidates[0].content) return out;
  for (const Part& p : candidates[0].content->parts) {
    if (p.function_call) out.push_back(*p.function_call);
  }
  return out;
}

std::optional<std::string> GenerateContentResponse::executable_code() const {
  if (candidates.empty() || !candidates[0].content) return std::nullopt;
  for (const Part& p : candidates[0].content->parts) {
    if (p.executable_code) return p.executable_code->code;
  }
  return std::nullopt;
}

std::optional<std::string> GenerateContentResponse::code_execution_result() const {
  if (candidates.empty() || !candidates[0].content) return std::nullopt;
  for (const Part& p : candidates[0].content->parts) {
    if (p.code_execution_result) return p.code_execution_result->output.value_or("");
  }
  return std::nullopt;
}

std::vector<GroundingChunkMaps> Candidate::maps_places() const {
  std::vector<GroundingChunkMaps> out;
  const json* chunks = grounding_metadata ? member(*grounding_metadata, "groundingChunks") : nullptr;
  if (!chunks || !chunks->is_array()) return out;
  for (const json& chunk : *chunks) {
    const json* maps = member(chunk, "maps");
    if (maps && maps->is_object()) out.push_back(maps->get<GroundingChunkMaps>());
  }
  return out;
}

std::optional<std::string> Candidate::google_maps_widget_context_token() const {
  std::optional<std::string> out;
  if (grounding_metadata) get(*grounding_metadata, "googleMapsWidgetContextToken", out);
  return out;
}

namespace {

std::optional<std::string> grounding_string(const json& j, const char* key) {
  const json* v = member(j, key);
  if (v && v->is_string()) return v->get<std::string>();
  return std::nullopt;
}

std::optional<std::int64_t> grounding_int(const json& j, const char* key) {
  const json* v = member(j, key);
  if (v && v->is_number_integer()) return v->get<std::int64_t>();
  if (v && v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
  }
  return std::nullopt;
}

}  // namespace

std::vector<GroundingChunkRetrievedContext> Candidate::retrieved_contexts() const {
  std::vector<GroundingChunkRetrievedContext> out;
  const json* chunks = grounding_metadata ? member(*grounding_metadata, "groundingChunks") : nullptr;
  if (!chunks || !chunks->is_array()) return out;
  for (std::size_t i = 0; i < chunks->size(); ++i) {
    const json* rc = member((*chunks)[i], "retrievedContext");
    if (!rc || !rc->is_object()) continue;
    GroundingChunkRetrievedContext c;
    c.chunk_index = i;
    c.uri = grounding_string(*rc, "uri");
    c.title = grounding_string(*rc, "title");
    c.text = grounding_string(*rc, "text");
    c.file_search_store = grounding_string(*rc, "fileSearchStore");
    c.document_name = grounding_string(*rc, "documentName");
    if (auto p = grounding_int(*rc, "pageNumber")) c.page_number = static_cast<int>(*p);
    if (const json* m = member(*rc, "customMetadata")) c.custom_metadata = *m;
    internal::collect_extra(*rc, {"uri", "title", "text", "fileSearchStore", "documentName", "pageNumber", "customMetadata"},
                  c.extra);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<GroundingSupport> Candidate::grounding_supports() const {
  std::vector<GroundingSupport> out;
  const json* supports = grounding_metadata ? member(*grounding_metadata, "groundingSupports") : nullptr;
  if (!supports || !supports->is_array()) return out;
  for (const json& s : *supports) {
    if (!s.is_object()) continue;
    GroundingSupport g;
    if (const json* seg = member(s, "segment"); seg && seg->is_object()) {
      g.start_index = grounding_int(*seg, "startIndex").value_or(0);
      g.end_index = grounding_int(*seg, "endIndex").value_or(0);
      g.text = grounding_string(*seg, "text");
      if (auto p = grounding_int(*seg, "partIndex")) g.part_index = static_cast<int>(*p);
    }
    if (const json* idx = member(s, "groundingChunkIndices"); idx && idx->is_array()) {
      for (const json& i : *idx) {
        if (i.is_number_integer()) g.grounding_chunk_indices.push_back(i.get<int>());
      }
    }
    if (const json* sc = member(s, "confidenceScores"); sc && sc->is_array()) {
      for (const json& d : *sc) {
        if (d.is_number()) g.confidence_scores.push_back(d.get<double>());
      }
    }
    internal::collect_extra(s, {"segment", "groundingChunkIndices", "confidenceScores"}, g.extra);
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace genai

namespace genai::internal {

using nlohmann::json;

namespace {

// The "generationConfig" object, for either writer; as a member, left out
// when nothing in it is set.
template <typename W>
void write_generation_config(W& w, const GenerateContentConfig& c) {
  w.begin_object();
  write_member(w, "temperature", c.temperature);
  write_member(w, "topP", c.top_p);
  write_member(w, "topK", c.top_k);
  write_member(w, "candidateCount", c.candidate_count);
  write_member(w, "maxOutputTokens", c.max_output_tokens);
  write_list(w, "stopSequences", c.stop_sequences);
  write_member(w, "presencePenalty", c.presence_penalty);
  write_member(w, "frequencyPenalty", c.frequency_penalty);
  write_member(w, "seed", c.seed);
  write_member(w, "responseMimeType", c.response_mime_type);
  write_member(w, "responseSchema", c.response_schema);
  write_member(w, "responseJsonSchema", c.response_json_schema);
  write_list(w, "responseModalities", c.response_modalities);
  write_member(w, "thinkingConfig", c.thinking_config);
  write_member(w, "responseLogprobs", c.response_logprobs);
  write_member(w, "logprobs", c.logprobs);
  write_member(w, "mediaResolution", c.media_resolution);
  write_member(w, "speechConfig", c.speech_config);
  write_member(w, "audioTimestamp", c.audio_timestamp);
  write_member(w, "imageConfig", c.image_config);
  write_member(w, "routingConfig", c.routing_config);
  write_member(w, "modelConfig", c.model_selection_config);  // python-genai's name on the wire (Vertex AI)
  write_member(w, "enableEnhancedCivicAnswers", c.enable_enhanced_civic_answers);
  write_member(w, "audioTranscriptionConfig", c.audio_transcription_config);
  w.end_object_or_drop();
}

}  // namespace

json generation_config_json(const GenerateContentConfig& c) {
  json g;
  DomWriter w(g);
  write_generation_config(w, c);
  return g;
}

std::optional<Error> unsupported_generate_config(bool vertexai, const GenerateContentConfig& c) {
  // As python-genai's converters refuse them (ValueError), before sending.
  if (vertexai) {
    if (c.enable_enhanced_civic_answers) return backend_only_field("enable_enhanced_civic_answers", false);
    for (const Tool& t : c.tools) {
      if (t.file_search) return backend_only_field("the file_search tool", false);
      if (!t.mcp_servers.empty()) return backend_only_field("mcp_servers", false);
    }
    return std::nullopt;
  }
  if (c.labels) return backend_only_field("labels", true);
  if (c.model_armor_config) return backend_only_field("model_armor_config", true);
  if (c.audio_timestamp) return backend_only_field("audio_timestamp", true);
  if (c.routing_config) return backend_only_field("routing_config", true);
  if (c.model_selection_config) return backend_only_field("model_selection_config", true);
  if (c.image_config) {
    if (c.image_config->person_generation) return backend_only_field("image_config.person_generation", true);
    if (c.image_config->output_mime_type) return backend_only_field("image_config.output_mime_type", true);
    if (c.image_config->output_compression_quality) {
      return backend_only_field("image_config.output_compression_quality", true);
    }
  }
  for (const Tool& t : c.tools) {
    if (t.retrieval) return backend_only_field("the retrieval tool", true);
    if (t.enterprise_web_search) return backend_only_field("the enterprise_web_search tool", true);
  }
  return std::nullopt;
}

namespace {

// The body of a generateContent request, for either writer; `cached_content`
// stands for config.cached_content (the caller may have completed the name).
template <typename W>
void write_generate_request(W& w, const std::vector<Content>& contents, const GenerateContentConfig& c,
                            const std::optional<std::string>& cached_content) {
  w.begin_object();
  write_member(w, "contents", contents);
  write_member(w, "systemInstruction", c.system_instruction);
  write_list(w, "tools", c.tools);
  write_member(w, "toolConfig", c.tool_config);
  write_list(w, "safetySettings", c.safety_settings);
  write_member(w, "cachedContent", cached_content);
  write_member(w, "labels", c.labels);
  write_member(w, "serviceTier", c.service_tier);
  write_member(w, "modelArmorConfig", c.model_armor_config);
  w.key("generationConfig");
  write_generation_config(w, c);
  w.end_object();
}

// The text `write` writes with a JsonWriter, into a string sized `size` up
// front; nullopt when a string in it is not UTF-8 (the caller then takes the
// DOM's way, whose error names the field).
template <typename Write>
std::optional<std::string> written_text(std::size_t size, Write write) {
  std::string text;
  text.reserve(size);
  JsonWriter w(text);
  try {
    write(w);
  } catch (const json::type_error&) {
    return std::nullopt;
  }
  return text;
}

}  // namespace

json generate_content_request_body(const std::vector<Content>& contents, const GenerateContentConfig& c) {
  return generate_content_request_body(contents, c, c.cached_content);
}

json generate_content_request_body(const std::vector<Content>& contents, const GenerateContentConfig& c,
                                   const std::optional<std::string>& cached_content) {
  json body;
  DomWriter w(body);
  write_generate_request(w, contents, c, cached_content);
  return body;
}

std::optional<std::string> write_generate_content_request(const std::vector<Content>& contents,
                                                          const GenerateContentConfig& c,
                                                          const std::optional<std::string>& cached_content) {
  // Sized for the prompt's text and media up front: a body of megabytes of
  // base64 is then written without being copied again as it grows.
  std::size_t size = 256;
  for (const Content& content : contents) {
    for (const Part& part : content.parts) {
      size += 32 + (part.text ? part.text->size() : 0) + (part.inline_data ? part.inline_data->data.size() : 0);
    }
  }
  return written_text(size, [&](JsonWriter& w) { write_generate_request(w, contents, c, cached_content); });
}

namespace {
// {"realtimeInput": {...}}: the modelled members, then `extra`'s others.
template <typename W>
void write_live_realtime_input(W& w, const LiveRealtimeInput& in) {
  w.begin_object();
  w.key("realtimeInput");
  w.begin_object();
  write_member(w, "audio", in.audio);
  write_member(w, "video", in.video);
  write_member(w, "text", in.text);
  if (in.activity_start) {
    w.key("activityStart");
    w.begin_object();
    w.end_object();
  }
  if (in.activity_end) {
    w.key("activityEnd");
    w.begin_object();
    w.end_object();
  }
  if (in.audio_stream_end) write_member(w, "audioStreamEnd", true);
  write_extra(w, in.extra);
  w.end_object();
  w.end_object();
}
}  // namespace

json live_realtime_input_json(const LiveRealtimeInput& in) {
  json out;
  DomWriter w(out);
  write_live_realtime_input(w, in);
  return out;
}

std::optional<std::string> live_realtime_input_text(const LiveRealtimeInput& in) {
  const std::size_t size = 96 + (in.audio ? in.audio->data.size() : 0) + (in.video ? in.video->data.size() : 0) +
                           (in.text ? in.text->size() : 0);
  return written_text(size, [&](JsonWriter& w) { write_live_realtime_input(w, in); });
}

json count_tokens_request_body(bool vertexai, const std::string& model_resource, const std::vector<Content>& contents,
                               const CountTokensConfig& c) {
  json body = json::object();
  const bool extras = c.system_instruction.has_value() || !c.tools.empty();
  if (vertexai || !extras) {
    body["contents"] = contents;
    put(body, "systemInstruction", c.system_instruction);
    put_list(body, "tools", c.tools);
    return body;
  }
  json request = json{{"model", model_resource}, {"contents", contents}};
  put(request, "systemInstruction", c.system_instruction);
  put_list(request, "tools", c.tools);
  body["generateContentRequest"] = std::move(request);
  return body;
}

namespace {
void put_embed_config(json& j, const EmbedContentConfig& c) {
  put(j, "taskType", c.task_type);
  put(j, "title", c.title);
  put(j, "outputDimensionality", c.output_dimensionality);
}
}  // namespace

json embed_request_body(const std::string& model_resource, const std::vector<Content>& contents,
                        const EmbedContentConfig& c, bool batch) {
  if (!batch) {
    json body = json{{"content", contents.at(0)}};
    put_embed_config(body, c);
    return body;
  }
  json requests = json::array();
  for (const Content& content : contents) {
    json r = json{{"model", model_resource}, {"content", content}};
    put_embed_config(r, c);
    requests.push_back(std::move(r));
  }
  return json{{"requests", std::move(requests)}};
}

json vertex_embed_request_body(const std::vector<Content>& contents, const EmbedContentConfig& c) {
  json instances = json::array();
  for (const Content& content : contents) {
    std::string text;
    for (const Part& p : content.parts) {
      if (p.text) text += *p.text;
    }
    json instance = json{{"content", std::move(text)}};
    put(instance, "task_type", c.task_type);
    put(instance, "title", c.title);
    instances.push_back(std::move(instance));
  }
  json body = json{{"instances", std::move(instances)}};
  json parameters = json::object();
  put(parameters, "outputDimensionality", c.output_dimensionality);
  put(parameters, "autoTruncate", c.auto_truncate);
  if (!parameters.empty()) body["parameters"] = std::move(parameters);
  return body;
}


namespace {
// A response's typed members, read into a new response; `raw` is the caller's.
template <typename N>
void read_generate_content_response_into(const N& j, GenerateContentResponse& r) {
  read_members(j, &r.extra, field("candidates", r.candidates), field("usageMetadata", r.usage_metadata),
               field("promptFeedback", r.prompt_feedback), field("modelVersion", r.model_version),
               field("responseId", r.response_id), field("createTime", r.create_time));
}
}  // namespace

Result<GenerateContentResponse> parse_generate_content_response(json j) {
  return parse_guarded<GenerateContentResponse>("generateContent response", j, [&] {
    GenerateContentResponse r;
    read_generate_content_response_into(DomNode(j), r);
    r.raw = std::move(j);
    return r;
  });
}

std::optional<GenerateContentResponse> read_generate_content_response(std::string& text, bool whole_answer) {
  // One per thread, reused: its arrays keep their capacity from answer to answer.
  thread_local JsonTape tape;
  std::optional<GenerateContentResponse> out;
  if (tape.parse(text) && tape.root().is_object() && !tape.root().member("error")) {
    try {
      read_generate_content_response_into(tape.root(), out.emplace());
    } catch (const std::exception&) {
      out.reset();  // a wrong shape: parse_generate_content_response names it
    }
  }
  tape.release_if_large();
  if (!out || (whole_answer && !carries_answer(*out))) return std::nullopt;
  out->raw = RawJson::from_text(std::move(text));
  return out;
}

}  // namespace genai::internal

namespace genai {

// ---- Live API server messages ----------------------------------------------
// As python-genai's _live_converters and js-genai's live.ts read them. The
// audio of a spoken answer comes in many messages of about 40 KB each: they
// are read from the tape, like generateContent answers.

template <typename N>
void from_node(const N& j, LiveServerSetupComplete& v) {
  read_members(j, &v.extra, string_if_string("sessionId", v.session_id));
}
template <typename N>
void from_node(const N& j, Transcription& v) {
  read_members(j, &v.extra, string_if_string("text", v.text), field("finished", v.finished));
}
template <typename N>
void from_node(const N& j, LiveServerContent& v) {
  read_members(j, &v.extra, field("modelTurn", v.model_turn), field("turnComplete", v.turn_complete),
               field("interrupted", v.interrupted), field("generationComplete", v.generation_complete),
               object_if_object("inputTranscription", v.input_transcription),
               object_if_object("outputTranscription", v.output_transcription),
               field("groundingMetadata", v.grounding_metadata),
               string_if_string("turnCompleteReason", v.turn_complete_reason),
               field("waitingForInput", v.waiting_for_input));
}
template <typename N>
void from_node(const N& j, LiveServerToolCall& v) {
  read_members(j, &v.extra, field("functionCalls", v.function_calls));
}
template <typename N>
void from_node(const N& j, LiveServerToolCallCancellation& v) {
  read_members(j, &v.extra, field("ids", v.ids));
}
template <typename N>
void from_node(const N& j, LiveUsageMetadata& v) {
  read_members(j, &v.extra, int64_field("promptTokenCount", v.prompt_token_count),
               int64_field("cachedContentTokenCount", v.cached_content_token_count),
               int64_field("responseTokenCount", v.response_token_count),
               int64_field("toolUsePromptTokenCount", v.tool_use_prompt_token_count),
               int64_field("thoughtsTokenCount", v.thoughts_token_count),
               int64_field("totalTokenCount", v.total_token_count),
               field("promptTokensDetails", v.prompt_tokens_details),
               field("responseTokensDetails", v.response_tokens_details));
}
template <typename N>
void from_node(const N& j, LiveServerGoAway& v) {
  read_members(j, &v.extra, string_if_string("timeLeft", v.time_left));
}
template <typename N>
void from_node(const N& j, LiveServerSessionResumptionUpdate& v) {
  read_members(j, &v.extra, string_if_string("newHandle", v.new_handle), field("resumable", v.resumable),
               int64_field("lastConsumedClientMessageIndex", v.last_consumed_client_message_index));
}
template <typename N>
void from_node(const N& j, LiveServerMessage& v) {
  read_members(j, &v.extra, object_if_object("setupComplete", v.setup_complete),
               object_if_object("serverContent", v.server_content), object_if_object("toolCall", v.tool_call),
               object_if_object("toolCallCancellation", v.tool_call_cancellation),
               object_if_object("usageMetadata", v.usage_metadata), object_if_object("goAway", v.go_away),
               object_if_object("sessionResumptionUpdate", v.session_resumption_update));
}

}  // namespace genai

namespace genai::internal {

Result<LiveServerMessage> parse_live_server_message(json j) {
  return parse_guarded<LiveServerMessage>("Live API message", j, [&] {
    LiveServerMessage m;
    from_node(DomNode(j), m);
    m.raw = std::move(j);
    return m;
  });
}

Result<LiveServerMessage> parse_live_server_message(std::string text) {
  {
    thread_local JsonTape tape;  // one per thread, reused from message to message
    LiveServerMessage m;
    bool read = false;
    if (tape.parse(text) && tape.root().is_object()) {
      try {
        from_node(tape.root(), m);
        read = true;
      } catch (const std::exception&) {
        // a wrong shape: the DOM's way below names it
      }
    }
    tape.release_if_large();
    if (read) {
      m.raw = RawJson::from_text(std::move(text));
      return m;
    }
  }
  JsonParseFailure failure = JsonParseFailure::kNone;
  json j = parse_json(text, &failure);
  if (failure == JsonParseFailure::kTooDeep) return json_too_deep("a Live API message", text.size());
  if (failure != JsonParseFailure::kNone || !j.is_object()) {
    return unexpected_response("the Live API server sent a message that is not a JSON object (" +
                               std::to_string(text.size()) + " bytes: " + text.substr(0, 80) +
                               (text.size() > 80 ? "..." : "") + ")");
  }
  return parse_live_server_message(std::move(j));
}

bool carries_answer(const GenerateContentResponse& r) { return !r.candidates.empty() || r.prompt_feedback; }

Result<GenerateContentResponse> parse_generate_content_answer(json j) {
  Result<GenerateContentResponse> r = parse_generate_content_response(std::move(j));
  if (r && !carries_answer(*r)) return no_gemini_answer("the generateContent answer");
  return r;
}

Result<CountTokensResponse> parse_count_tokens_response(json j) {
  return parse_guarded<CountTokensResponse>("countTokens response", j, [&] {
    CountTokensResponse r;
    std::optional<int64_t> total;
    get_int64(j, "totalTokens", total);
    r.total_tokens = total.value_or(0);
    get_int64(j, "cachedContentTokenCount", r.cached_content_token_count);
    get_int64(j, "totalBillableCharacters", r.total_billable_characters);
    get_list(j, "promptTokensDetails", r.prompt_tokens_details);
    r.raw = std::move(j);
    return r;
  });
}

namespace {
TokensInfo tokens_info_from(const json& j) {
  TokensInfo info;
  get(j, "role", info.role);
  if (const json* ids = member(j, "tokenIds"); ids && ids->is_array()) {
    for (const json& id : *ids) info.token_ids.push_back(id.is_string() ? std::stoll(id.get<std::string>()) : get_value<int64_t>(id));
  }
  if (const json* tokens = member(j, "tokens"); tokens && tokens->is_array()) {
    for (const json& t : *tokens) {
      std::optional<std::string> bytes = base64_decode(t.get<std::string>());
      if (!bytes) throw std::invalid_argument("a token is not base64");
      info.tokens.push_back(std::move(*bytes));
    }
  }
  get_extra(j, {"role", "tokenIds", "tokens"}, info.extra);
  return info;
}
}  // namespace

Result<ComputeTokensResponse> parse_compute_tokens_response(json j) {
  return parse_guarded<ComputeTokensResponse>("computeTokens response", j, [&] {
    ComputeTokensResponse r;
    if (const json* infos = member(j, "tokensInfo"); infos && infos->is_array()) {
      for (const json& info : *infos) r.tokens_info.push_back(tokens_info_from(info));
    }
    get_extra(j, {"tokensInfo"}, r.extra);
    r.raw = std::move(j);
    return r;
  });
}

namespace {
ContentEmbedding embedding_from(const json& e) {
  ContentEmbedding out;
  if (auto it = e.find("values"); it != e.end() && it->is_array()) out.values = it->get<std::vector<float>>();
  return out;
}
}  // namespace

Result<EmbedContentResponse> parse_embed_content_response(json j) {
  return parse_guarded<EmbedContentResponse>("embedContent response", j, [&] {
    EmbedContentResponse r;
    if (auto it = j.find("embedding"); it != j.end() && it->is_object()) r.embeddings.push_back(embedding_from(*it));
    if (auto it = j.find("embeddings"); it != j.end() && it->is_array()) {
      for (const json& e : *it) r.embeddings.push_back(embedding_from(e));
    }
    r.raw = std::move(j);
    return r;
  });
}

Result<EmbedContentResponse> parse_vertex_embed_response(json j) {
  return parse_guarded<EmbedContentResponse>("predict (embeddings) response", j, [&] {
    EmbedContentResponse r;
    for (const json& p : j.value("predictions", json::array())) {
      const json e = p.value("embeddings", json::object());
      ContentEmbedding emb = embedding_from(e);
      if (auto s = e.find("statistics"); s != e.end() && s->is_object()) {
        ContentEmbeddingStatistics st;
        get_int64(*s, "token_count", st.token_count);  // snake_case inside, as Vertex AI sends it
        get(*s, "truncated", st.truncated);
        emb.statistics = st;
      }
      r.embeddings.push_back(std::move(emb));
    }
    r.raw = std::move(j);
    return r;
  });
}

namespace {
Model model_from(json j) {
  Model m;
  m.name = get_string(j, "name");
  get(j, "baseModelId", m.base_model_id);
  get(j, "version", m.version);
  get(j, "displayName", m.display_name);
  get(j, "description", m.description);
  get_int64(j, "inputTokenLimit", m.input_token_limit);
  get_int64(j, "outputTokenLimit", m.output_token_limit);
  get_list(j, "supportedGenerationMethods", m.supported_actions);
  if (m.supported_actions.empty()) get_list(j, "supportedActions", m.supported_actions);
  get(j, "temperature", m.temperature);
  get(j, "maxTemperature", m.max_temperature);
  get(j, "topP", m.top_p);
  get(j, "topK", m.top_k);
  get(j, "thinking", m.thinking);
  m.raw = std::move(j);
  return m;
}
}  // namespace

void collect_extra(const json& j, std::initializer_list<std::string_view> known, json& extra) {
  get_extra(j, known, extra);
}

std::optional<std::string> optional_string(const json& j, const char* key) {
  const json* v = member(j, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

std::optional<int64_t> optional_int64(const json& j, const char* key) {
  std::optional<int64_t> out;
  get_int64(j, key, out);
  return out;
}

Result<Model> parse_model(json j) {
  return parse_guarded<Model>("model", j, [&] { return model_from(std::move(j)); });
}

Result<Page<Model>> parse_list_models_response(json j) {
  return parse_guarded<Page<Model>>("models.list response", j, [&] {
    Page<Model> page;
    // The Developer API says "models", Vertex AI's publisher list "publisherModels".
    for (const char* key : {"models", "publisherModels"}) {
      if (auto it = j.find(key); it != j.end() && it->is_array()) {
        for (const json& m : *it) page.items.push_back(model_from(m));
      }
    }
    page.next_page_token = get_string(j, "nextPageToken");
    return page;
  });
}

}  // namespace genai::internal
