// The request messages the Gemini model methods accept, field by field, as
// Google's JSON transcoder knows them: each field's JSON name (camelCase, what
// the official SDKs send), its proto name (snake_case, what the Python SDK
// sends inside nested objects, and what errors name), and its type. One table
// drives both the name normaliser (request_names.h) and the type checks
// (request_types.h), so a field added here is accepted, renamed and checked
// everywhere at once.
//
// Free-form values are user data, never renamed: google.protobuf.Struct
// (function call `args`, function response `response`), google.protobuf.Value
// (`parametersJsonSchema`, Imagen's `parameters`), map keys (`labels`, schema
// `properties`). Messages the emulator does not model (retrieval tools,
// routing configs) are `opaque`: they must be objects, their insides pass
// through as sent.
#ifndef GENAI_EMULATOR_HANDLERS_REQUEST_FIELDS_H_
#define GENAI_EMULATOR_HANDLERS_REQUEST_FIELDS_H_

#include <string_view>
#include <vector>

namespace genai::emulator {

enum class ProtoKind {
  kString,
  kBytes,
  kBool,
  kInt32,
  kInt64,
  kFloat,
  kDouble,
  kEnum,       // a name or a number; names checked when `enumeration` is set
  kMessage,    // an object read by `message`'s fields
  kMap,        // map<string, message>: keys are user data, values are `message`
  kStringMap,  // map<string, string> (labels)
  kStruct,     // google.protobuf.Struct: any object, never renamed
  kValue,      // google.protobuf.Value (and Duration, Timestamp): any JSON, never renamed
};

// Which backend's proto has a field: the Developer API (v1beta) and Vertex AI
// each have fields the other lacks, and a field the backend lacks is an
// unknown name there ("Cannot find field"), as Google's transcoder says.
enum class Backend { kBoth, kDeveloper, kVertex };

struct ProtoMessage;
struct ProtoEnum {
  const char* name;  // "FunctionCallingConfig.Mode", for the type URL
  std::vector<std::string_view> values;
};
struct ProtoField {
  const char* json_name;   // camelCase, as the JS SDK sends it
  const char* proto_name;  // snake_case, as errors name it
  ProtoKind kind;
  bool repeated = false;
  const ProtoMessage* message = nullptr;   // kMessage, kMap
  const ProtoEnum* enumeration = nullptr;  // kEnum (null: any name passes)
  Backend only = Backend::kBoth;
};
struct ProtoMessage {
  const char* name;  // "Content", for the type URL
  std::vector<ProtoField> fields;
  bool opaque = false;  // not modelled: any object passes, untouched

  const ProtoField* find(std::string_view key) const;  // by JSON or proto name
  // As find(), but null for a field `backend` does not have (kBoth: the union).
  const ProtoField* find(std::string_view key, Backend backend) const;
};

// The body a model method takes ("generateContent", "streamGenerateContent",
// "countTokens", "embedContent", "batchEmbedContents", "predict",
// "createCachedContent", "updateCachedContent"); null for any other.
const ProtoMessage* request_message(std::string_view method);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_REQUEST_FIELDS_H_
