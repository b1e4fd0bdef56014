// Structured output: parse a JSON answer (responseMimeType
// "application/json" with responseSchema or responseJsonSchema) and check it
// against the schema, naming the JSON pointer where it does not fit. Both
// schema dialects Google accepts work: the OpenAPI subset ("type": "OBJECT")
// and JSON Schema ("type": "object", ["string", "null"], $ref to $defs).
//
//   cfg.response_mime_type = "application/json";
//   cfg.response_json_schema = schema;
//   auto r = client.models().generate_content(model, "List three colours", cfg);
//   genai::Result<genai::Json> colours = genai::parse_json_response(*r, schema);
//   // error: "the answer does not match the schema at /items/1/name: expected string, got number"
//
// Checked: type, nullable, enum, const, required, properties,
// additionalProperties: false, items, minItems/maxItems, minimum/maximum,
// minLength/maxLength, anyOf/oneOf. Unknown keywords are ignored.
#ifndef GENAI_SCHEMA_H_
#define GENAI_SCHEMA_H_

#include <optional>
#include <string>

#include "genai/result.h"
#include "genai/types.h"

namespace genai {

struct SchemaMismatch {
  std::string path;     // JSON pointer into the value, "" for the value itself
  std::string message;  // e.g. "expected integer, got string"
};

// nullopt when `value` fits `schema`; else the first place it does not.
std::optional<SchemaMismatch> validate_json(const Json& value, const Json& schema);

// The first candidate's answer text parsed as JSON and, when `schema` is not
// null, validated. Errors are kInvalidArgument and say where and why.
Result<Json> parse_json_response(const GenerateContentResponse& response, const Json& schema = nullptr);

}  // namespace genai

#endif  // GENAI_SCHEMA_H_
