#include "core/json_types.h"

#include <limits>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "core/base64.h"
#include "core/errors.h"
#include "core/json_tape.h"

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
// The member `key` as JSON, or `fallback` when absent; as json::value(), a
// value of a non-object is a wrong shape.
template <typename J>
json get_json(const J& j, const char* key, json fallback) {
  const auto n = node_of(j);
  if (!n.is_object()) throw std::invalid_argument(std::string("cannot use value() with ") + n.type_name());
  const auto v = n.member(key);
  return v ? v.to_json() : std::move(fallback);
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
// Adds the members of `extra` that `j` does not have: a modelled field, set,
// wins over the same name in extra.
void put_extra(json& j, const json& extra) {
  if (!extra.is_object()) return;
  for (const auto& [key, value] : extra.get_ref<const json::object_t&>()) {
    if (!j.contains(key)) j[key] = value;
  }
}

}  // namespace

void to_json(json& j, const Blob& v) {
  j = json{{"mimeType", v.mime_type}, {"data", v.data}};
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, Blob& v) {
  v.mime_type = get_string(j, "mimeType");
  v.data = get_string(j, "data");
  get_extra(j, {"mimeType", "data"}, v.extra);
}
void from_json(const json& j, Blob& v) { from_node(DomNode(j), v); }
void to_json(json& j, const FileData& v) {
  j = json{{"mimeType", v.mime_type}, {"fileUri", v.file_uri}};
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, FileData& v) {
  v.mime_type = get_string(j, "mimeType");
  v.file_uri = get_string(j, "fileUri");
  get_extra(j, {"mimeType", "fileUri"}, v.extra);
}
void from_json(const json& j, FileData& v) { from_node(DomNode(j), v); }
void to_json(json& j, const FunctionCall& v) {
  j = json::object();
  put(j, "id", v.id);
  j["name"] = v.name;
  j["args"] = v.args;
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, FunctionCall& v) {
  get(j, "id", v.id);
  v.name = get_string(j, "name");
  v.args = get_json(j, "args", json::object());
  get_extra(j, {"id", "name", "args"}, v.extra);
}
void from_json(const json& j, FunctionCall& v) { from_node(DomNode(j), v); }
void to_json(json& j, const FunctionResponse& v) {
  j = json::object();
  put(j, "id", v.id);
  j["name"] = v.name;
  j["response"] = v.response;
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, FunctionResponse& v) {
  get(j, "id", v.id);
  v.name = get_string(j, "name");
  v.response = get_json(j, "response", json::object());
  get_extra(j, {"id", "name", "response"}, v.extra);
}
void from_json(const json& j, FunctionResponse& v) { from_node(DomNode(j), v); }

void to_json(json& j, const ExecutableCode& v) {
  j = json{{"language", v.language}, {"code", v.code}};
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, ExecutableCode& v) {
  v.language = get_string(j, "language");
  v.code = get_string(j, "code");
  get_extra(j, {"language", "code"}, v.extra);
}
void from_json(const json& j, ExecutableCode& v) { from_node(DomNode(j), v); }
void to_json(json& j, const CodeExecutionResult& v) {
  j = json{{"outcome", v.outcome}};
  put(j, "output", v.output);
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, CodeExecutionResult& v) {
  v.outcome = get_string(j, "outcome");
  get(j, "output", v.output);
  get_extra(j, {"outcome", "output"}, v.extra);
}
void from_json(const json& j, CodeExecutionResult& v) { from_node(DomNode(j), v); }

void to_json(json& j, const Part& v) {
  j = json::object();
  put(j, "text", v.text);
  put(j, "inlineData", v.inline_data);
  put(j, "fileData", v.file_data);
  put(j, "functionCall", v.function_call);
  put(j, "functionResponse", v.function_response);
  put(j, "executableCode", v.executable_code);
  put(j, "codeExecutionResult", v.code_execution_result);
  put(j, "thought", v.thought);
  put(j, "thoughtSignature", v.thought_signature);
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, Part& v) {
  get(j, "text", v.text);
  get(j, "inlineData", v.inline_data);
  get(j, "fileData", v.file_data);
  get(j, "functionCall", v.function_call);
  get(j, "functionResponse", v.function_response);
  get(j, "executableCode", v.executable_code);
  get(j, "codeExecutionResult", v.code_execution_result);
  get(j, "thought", v.thought);
  get(j, "thoughtSignature", v.thought_signature);
  get_extra(j,
            {"text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode",
             "codeExecutionResult", "thought", "thoughtSignature"},
            v.extra);
}
void from_json(const json& j, Part& v) { from_node(DomNode(j), v); }
void to_json(json& j, const Content& v) {
  j = json::object();
  put(j, "role", v.role);
  j["parts"] = v.parts;
  put_extra(j, v.extra);
}
template <typename N>
void from_node(const N& j, Content& v) {
  get(j, "role", v.role);
  get_list(j, "parts", v.parts);  // absent when the whole budget went to thinking
  get_extra(j, {"role", "parts"}, v.extra);
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
  v.category = get_string(j, "category");
  v.probability = get_string(j, "probability");
  get(j, "blocked", v.blocked);
  get(j, "probabilityScore", v.probability_score);
  get(j, "severity", v.severity);
  get(j, "severityScore", v.severity_score);
  get_extra(j, {"category", "probability", "blocked", "probabilityScore", "severity", "severityScore"}, v.extra);
}
void from_json(const json& j, SafetyRating& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, ModalityTokenCount& v) {
  v.modality = get_string(j, "modality");
  std::optional<int64_t> n;
  get_int64(j, "tokenCount", n);
  v.token_count = n.value_or(0);
  get_extra(j, {"modality", "tokenCount"}, v.extra);
}
void from_json(const json& j, ModalityTokenCount& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UsageMetadata& v) {
  get_int64(j, "promptTokenCount", v.prompt_token_count);
  get_int64(j, "candidatesTokenCount", v.candidates_token_count);
  get_int64(j, "totalTokenCount", v.total_token_count);
  get_int64(j, "thoughtsTokenCount", v.thoughts_token_count);
  get_int64(j, "cachedContentTokenCount", v.cached_content_token_count);
  get_int64(j, "toolUsePromptTokenCount", v.tool_use_prompt_token_count);
  get_list(j, "promptTokensDetails", v.prompt_tokens_details);
  get_list(j, "candidatesTokensDetails", v.candidates_tokens_details);
  get_extra(j,
            {"promptTokenCount", "candidatesTokenCount", "totalTokenCount", "thoughtsTokenCount",
             "cachedContentTokenCount", "toolUsePromptTokenCount", "promptTokensDetails", "candidatesTokensDetails"},
            v.extra);
}
void from_json(const json& j, UsageMetadata& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsCandidate& v) {
  get(j, "token", v.token);
  get(j, "tokenId", v.token_id);
  get(j, "logProbability", v.log_probability);
}
void from_json(const json& j, LogprobsCandidate& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsTopCandidates& v) {
  get_list(j, "candidates", v.candidates);
}
void from_json(const json& j, LogprobsTopCandidates& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, LogprobsResult& v) {
  get_list(j, "chosenCandidates", v.chosen_candidates);
  get_list(j, "topCandidates", v.top_candidates);
  get(j, "logProbabilitySum", v.log_probability_sum);
}
void from_json(const json& j, LogprobsResult& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UrlMetadata& v) {
  get(j, "retrievedUrl", v.retrieved_url);
  get(j, "urlRetrievalStatus", v.url_retrieval_status);
}
void from_json(const json& j, UrlMetadata& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, UrlContextMetadata& v) {
  get_list(j, "urlMetadata", v.url_metadata);
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
  get(j, "content", v.content);
  get(j, "finishReason", v.finish_reason);
  get(j, "finishMessage", v.finish_message);
  get_list(j, "safetyRatings", v.safety_ratings);
  get(j, "citationMetadata", v.citation_metadata);
  get(j, "groundingMetadata", v.grounding_metadata);
  get_int64(j, "tokenCount", v.token_count);
  get(j, "index", v.index);
  get(j, "avgLogprobs", v.avg_logprobs);
  get(j, "logprobsResult", v.logprobs_result);
  get(j, "urlContextMetadata", v.url_context_metadata);
  get_extra(j,
            {"content", "finishReason", "finishMessage", "safetyRatings", "citationMetadata", "groundingMetadata",
             "tokenCount", "index", "avgLogprobs", "logprobsResult", "urlContextMetadata"},
            v.extra);
}
void from_json(const json& j, Candidate& v) { from_node(DomNode(j), v); }
template <typename N>
void from_node(const N& j, PromptFeedback& v) {
  get(j, "blockReason", v.block_reason);
  get(j, "blockReasonMessage", v.block_reason_message);
  get_list(j, "safetyRatings", v.safety_ratings);
  get_extra(j, {"blockReason", "blockReasonMessage", "safetyRatings"}, v.extra);
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

json generation_config_json(const GenerateContentConfig& c) {
  json g = json::object();
  put(g, "temperature", c.temperature);
  put(g, "topP", c.top_p);
  put(g, "topK", c.top_k);
  put(g, "candidateCount", c.candidate_count);
  put(g, "maxOutputTokens", c.max_output_tokens);
  put_list(g, "stopSequences", c.stop_sequences);
  put(g, "presencePenalty", c.presence_penalty);
  put(g, "frequencyPenalty", c.frequency_penalty);
  put(g, "seed", c.seed);
  put(g, "responseMimeType", c.response_mime_type);
  put(g, "responseSchema", c.response_schema);
  put(g, "responseJsonSchema", c.response_json_schema);
  put_list(g, "responseModalities", c.response_modalities);
  put(g, "thinkingConfig", c.thinking_config);
  put(g, "responseLogprobs", c.response_logprobs);
  put(g, "logprobs", c.logprobs);
  put(g, "mediaResolution", c.media_resolution);
  put(g, "speechConfig", c.speech_config);
  put(g, "audioTimestamp", c.audio_timestamp);
  put(g, "imageConfig", c.image_config);
  put(g, "routingConfig", c.routing_config);
  put(g, "modelConfig", c.model_selection_config);  // python-genai's name on the wire (Vertex AI)
  put(g, "enableEnhancedCivicAnswers", c.enable_enhanced_civic_answers);
  put(g, "audioTranscriptionConfig", c.audio_transcription_config);
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

json generate_content_request_body(const std::vector<Content>& contents, const GenerateContentConfig& c) {
  json body = json::object();
  body["contents"] = contents;
  put(body, "systemInstruction", c.system_instruction);
  put_list(body, "tools", c.tools);
  put(body, "toolConfig", c.tool_config);
  put_list(body, "safetySettings", c.safety_settings);
  put(body, "cachedContent", c.cached_content);
  put(body, "labels", c.labels);
  put(body, "serviceTier", c.service_tier);
  put(body, "modelArmorConfig", c.model_armor_config);
  json g = generation_config_json(c);
  if (!g.empty()) body["generationConfig"] = std::move(g);
  return body;
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
// A response's typed members; `raw` is the caller's.
template <typename N>
GenerateContentResponse generate_content_response_from(const N& j) {
  GenerateContentResponse r;
  get_list(j, "candidates", r.candidates);
  get(j, "usageMetadata", r.usage_metadata);
  get(j, "promptFeedback", r.prompt_feedback);
  get(j, "modelVersion", r.model_version);
  get(j, "responseId", r.response_id);
  get(j, "createTime", r.create_time);
  get_extra(j, {"candidates", "usageMetadata", "promptFeedback", "modelVersion", "responseId", "createTime"},
            r.extra);
  return r;
}
}  // namespace

Result<GenerateContentResponse> parse_generate_content_response(json j) {
  return parse_guarded<GenerateContentResponse>("generateContent response", j, [&] {
    GenerateContentResponse r = generate_content_response_from(DomNode(j));
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
      out = generate_content_response_from(tape.root());
    } catch (const std::exception&) {
      out.reset();  // a wrong shape: parse_generate_content_response names it
    }
  }
  tape.release_if_large();
  if (!out || (whole_answer && !carries_answer(*out))) return std::nullopt;
  out->raw = RawJson::from_text(std::move(text));
  return out;
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
