#include "emulator/routes/request_types.h"

#include <charconv>
#include <cstdint>
#include <cmath>
#include <string_view>
#include <vector>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

enum class ProtoKind { kString, kBytes, kBool, kInt32, kFloat, kStruct, kMessage, kEnum };

struct ProtoMessage;
struct ProtoEnum {
  const char* name;  // "FunctionCallingConfig.Mode", for the type URL
  std::vector<std::string_view> values;
};
struct ProtoField {
  const char* json_name;     // camelCase, as sent
  const char* proto_name;    // snake_case, as errors name it
  ProtoKind kind;
  bool repeated = false;
  const ProtoMessage* message = nullptr;  // kMessage
  const ProtoEnum* enumeration = nullptr;  // kEnum
};
struct ProtoMessage {
  const char* name;  // "Content", for the type URL
  std::vector<ProtoField> fields;
};

const ProtoMessage kBlob{"Blob", {{"mimeType", "mime_type", ProtoKind::kString}, {"data", "data", ProtoKind::kBytes}}};
const ProtoMessage kFileData{"FileData", {{"mimeType", "mime_type", ProtoKind::kString}, {"fileUri", "file_uri", ProtoKind::kString}}};
const ProtoMessage kFunctionCall{"FunctionCall",
                            {{"id", "id", ProtoKind::kString}, {"name", "name", ProtoKind::kString}, {"args", "args", ProtoKind::kStruct}}};
const ProtoMessage kFunctionResponse{
    "FunctionResponse",
    {{"id", "id", ProtoKind::kString}, {"name", "name", ProtoKind::kString}, {"response", "response", ProtoKind::kStruct}}};
const ProtoMessage kExecutableCode{"ExecutableCode", {{"code", "code", ProtoKind::kString}}};
const ProtoMessage kCodeExecutionResult{"CodeExecutionResult", {{"output", "output", ProtoKind::kString}}};
const ProtoMessage kPart{"Part",
                    {{"text", "text", ProtoKind::kString},
                     {"inlineData", "inline_data", ProtoKind::kMessage, false, &kBlob},
                     {"fileData", "file_data", ProtoKind::kMessage, false, &kFileData},
                     {"functionCall", "function_call", ProtoKind::kMessage, false, &kFunctionCall},
                     {"functionResponse", "function_response", ProtoKind::kMessage, false, &kFunctionResponse},
                     {"executableCode", "executable_code", ProtoKind::kMessage, false, &kExecutableCode},
                     {"codeExecutionResult", "code_execution_result", ProtoKind::kMessage, false, &kCodeExecutionResult},
                     {"thought", "thought", ProtoKind::kBool},
                     {"thoughtSignature", "thought_signature", ProtoKind::kBytes}}};
const ProtoMessage kContent{"Content", {{"role", "role", ProtoKind::kString}, {"parts", "parts", ProtoKind::kMessage, true, &kPart}}};
const ProtoMessage kThinkingConfig{"ThinkingConfig",
                              {{"includeThoughts", "include_thoughts", ProtoKind::kBool},
                               {"thinkingBudget", "thinking_budget", ProtoKind::kInt32}}};
const ProtoMessage kGenerationConfig{"GenerationConfig",
                                {{"candidateCount", "candidate_count", ProtoKind::kInt32},
                                 {"stopSequences", "stop_sequences", ProtoKind::kString, true},
                                 {"maxOutputTokens", "max_output_tokens", ProtoKind::kInt32},
                                 {"temperature", "temperature", ProtoKind::kFloat},
                                 {"topP", "top_p", ProtoKind::kFloat},
                                 {"topK", "top_k", ProtoKind::kInt32},
                                 {"seed", "seed", ProtoKind::kInt32},
                                 {"responseMimeType", "response_mime_type", ProtoKind::kString},
                                 {"presencePenalty", "presence_penalty", ProtoKind::kFloat},
                                 {"frequencyPenalty", "frequency_penalty", ProtoKind::kFloat},
                                 {"responseLogprobs", "response_logprobs", ProtoKind::kBool},
                                 {"logprobs", "logprobs", ProtoKind::kInt32},
                                 {"thinkingConfig", "thinking_config", ProtoKind::kMessage, false, &kThinkingConfig}}};
// Messages whose fields the emulator does not check, only that they are objects.
const ProtoMessage kSchema{"Schema", {}};
const ProtoMessage kGoogleSearch{"Tool.GoogleSearch", {}};
const ProtoMessage kCodeExecution{"CodeExecution", {}};
const ProtoMessage kUrlContext{"UrlContext", {}};
const ProtoMessage kFunctionDeclaration{"FunctionDeclaration",
                                        {{"name", "name", ProtoKind::kString},
                                         {"description", "description", ProtoKind::kString},
                                         {"parameters", "parameters", ProtoKind::kMessage, false, &kSchema}}};
const ProtoMessage kTool{"Tool",
                         {{"functionDeclarations", "function_declarations", ProtoKind::kMessage, true,
                           &kFunctionDeclaration},
                          {"googleSearch", "google_search", ProtoKind::kMessage, false, &kGoogleSearch},
                          {"codeExecution", "code_execution", ProtoKind::kMessage, false, &kCodeExecution},
                          {"urlContext", "url_context", ProtoKind::kMessage, false, &kUrlContext}}};
const ProtoEnum kFunctionCallingMode{"FunctionCallingConfig.Mode",
                                     {"MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"}};
const ProtoMessage kFunctionCallingConfig{
    "FunctionCallingConfig",
    {{"mode", "mode", ProtoKind::kEnum, false, nullptr, &kFunctionCallingMode},
     {"allowedFunctionNames", "allowed_function_names", ProtoKind::kString, true}}};
const ProtoMessage kToolConfig{
    "ToolConfig",
    {{"functionCallingConfig", "function_calling_config", ProtoKind::kMessage, false, &kFunctionCallingConfig}}};
const ProtoMessage kGenerateContentRequest{
    "GenerateContentRequest",
    {{"contents", "contents", ProtoKind::kMessage, true, &kContent},
     {"systemInstruction", "system_instruction", ProtoKind::kMessage, false, &kContent},
     {"generationConfig", "generation_config", ProtoKind::kMessage, false, &kGenerationConfig},
     {"tools", "tools", ProtoKind::kMessage, true, &kTool},
     {"toolConfig", "tool_config", ProtoKind::kMessage, false, &kToolConfig},
     {"cachedContent", "cached_content", ProtoKind::kString}}};

const char* proto_type_name(ProtoKind k) {
  switch (k) {
    case ProtoKind::kString: return "TYPE_STRING";
    case ProtoKind::kBytes: return "TYPE_BYTES";
    case ProtoKind::kBool: return "TYPE_BOOL";
    case ProtoKind::kInt32: return "TYPE_INT32";
    case ProtoKind::kFloat: return "TYPE_FLOAT";
    default: return "";
  }
}

// proto3's JSON mapping: numbers may also come as strings.
bool number_text(const std::string& s, double& out) {
  if (s == "NaN" || s == "Infinity" || s == "-Infinity") {
    out = s == "NaN" ? std::nan("") : s == "Infinity" ? HUGE_VAL : -HUGE_VAL;
    return true;
  }
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool holds_type(const ProtoField& f, const ojson& v) {
  switch (f.kind) {
    case ProtoKind::kEnum:
      // A value's name, or its number (which any integer may be).
      if (v.is_number_integer()) return true;
      if (!v.is_string()) return false;
      for (std::string_view name : f.enumeration->values) {
        if (v.get<std::string>() == name) return true;
      }
      return false;
    case ProtoKind::kString:
    case ProtoKind::kBytes:
      return v.is_string();
    case ProtoKind::kBool:
      return v.is_boolean();
    case ProtoKind::kFloat: {
      double d = 0;
      return v.is_number() || (v.is_string() && number_text(v.get<std::string>(), d));
    }
    case ProtoKind::kInt32: {
      double d = 0;
      if (v.is_number_unsigned()) return v.get<uint64_t>() <= INT32_MAX;
      if (v.is_number_integer()) return v.get<int64_t>() >= INT32_MIN && v.get<int64_t>() <= INT32_MAX;
      if (v.is_number_float()) {
        d = v.get<double>();
      } else if (!v.is_string() || !number_text(v.get<std::string>(), d)) {
        return false;
      }
      return std::isfinite(d) && d == std::trunc(d) && d >= INT32_MIN && d <= INT32_MAX;
    }
    case ProtoKind::kStruct:
    case ProtoKind::kMessage:
      return v.is_object();
  }
  return false;
}

class TypeChecker {
 public:
  explicit TypeChecker(const std::string& package) : package_(package) {}

  std::optional<GoogleError> message(ojson& j, const ProtoMessage& m, const std::string& path) {
    for (const ProtoField& f : m.fields) {
      auto it = j.find(f.json_name);
      if (it == j.end() || it->is_null()) continue;
      const std::string at = path.empty() ? f.proto_name : path + "." + f.proto_name;
      if (!f.repeated) {
        if (auto e = value(*it, f, at)) return e;
        continue;
      }
      if (!it->is_array()) return bad(f, at, *it);
      for (size_t i = 0; i < it->size(); ++i) {
        if (auto e = value((*it)[i], f, at + "[" + std::to_string(i) + "]")) return e;
      }
    }
    return std::nullopt;
  }

 private:
  std::optional<GoogleError> value(ojson& v, const ProtoField& f, const std::string& at) {
    if (!holds_type(f, v)) return bad(f, at, v);
    if (f.kind == ProtoKind::kMessage) return message(v, *f.message, at);
    if (f.kind == ProtoKind::kEnum && v.is_number_integer()) {
      // By number, as proto3 JSON allows: the handlers see the name.
      const int64_t n = v.get<int64_t>();
      if (n >= 0 && n < static_cast<int64_t>(f.enumeration->values.size())) {
        v = std::string(f.enumeration->values[static_cast<size_t>(n)]);
      }
    }
    if ((f.kind == ProtoKind::kFloat || f.kind == ProtoKind::kInt32) && v.is_string()) {
      // As the transcoder parses it: "0.5" is the number 0.5 from here on.
      double d = 0;
      number_text(v.get<std::string>(), d);
      if (f.kind == ProtoKind::kInt32) {
        v = static_cast<int64_t>(d);
      } else {
        v = d;
      }
    }
    return std::nullopt;
  }

  GoogleError bad(const ProtoField& f, const std::string& at, const ojson& v) const {
    if (f.kind == ProtoKind::kEnum) {
      return invalid_enum_value(at, package_ + "." + f.enumeration->name,
                                v.is_string() ? v.get<std::string>() : v.dump());
    }
    const std::string type = f.kind == ProtoKind::kMessage  ? "type.googleapis.com/" + package_ + "." + f.message->name
                             : f.kind == ProtoKind::kStruct ? std::string("type.googleapis.com/google.protobuf.Struct")
                                                       : std::string(proto_type_name(f.kind));
    return invalid_field_value(at, type, v.dump());
  }

  const std::string& package_;
};

}  // namespace

std::optional<GoogleError> check_request_types(ojson& body, const std::string& package) {
  TypeChecker checker(package);
  if (auto it = body.find("generateContentRequest"); it != body.end() && it->is_object()) {
    if (auto e = checker.message(*it, kGenerateContentRequest, "generate_content_request")) return e;
  }
  return checker.message(body, kGenerateContentRequest, "");
}

}  // namespace genai::emulator
