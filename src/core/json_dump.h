// Internal: dump_json(), nlohmann::json::dump() for request bodies, faster.
//
// nlohmann's serializer writes through a virtual output adapter and checks
// every byte of every string for escapes and UTF-8; a request body is mostly
// plain ASCII. dump_json writes the same compact text (no indentation,
// UTF-8 kept as it is) in one pass, escaping ASCII as nlohmann does. A string
// with any byte above 0x7F, and every floating-point number, is handed to
// nlohmann itself, so its UTF-8 validation (type_error 316 on invalid
// UTF-8) and its number formatting stay exactly nlohmann's.
// fuzz/fuzz_json_parse.cc checks the two agree.
//
//   const std::string payload = dump_json(body);   // == body.dump()
//   Result<std::string> request = dump_request_body(body);
#ifndef GENAI_SRC_CORE_JSON_DUMP_H_
#define GENAI_SRC_CORE_JSON_DUMP_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genai/result.h"

namespace genai::internal {

// Exactly nlohmann::json::dump() with no arguments: the same text, and the
// same exception for a string that is not valid UTF-8.
std::string dump_json(const nlohmann::json& j);

// What dump_json writes for one value, appended to `out`: a JSON value, or a
// string (quoted and escaped). The same exception for text that is not UTF-8
// (JsonWriter writes request bodies without a DOM through these).
void append_json(const nlohmann::json& j, std::string& out);
void append_json_string(std::string_view s, std::string& out);

// dump_json for a request body, the one place every request libgenai builds
// is serialized: the text, or, when a string or key in it is not UTF-8 (JSON
// cannot carry other bytes), an invalid_argument Error naming the field
// ("the request's contents[0].parts[1].text") and the offset of the first bad
// byte, never the bytes themselves. Nothing is sent. `what` names the JSON in
// that error for bodies that are not a Gemini request ("the JWT",
// "the generateAccessToken request").
Result<std::string> dump_request_body(const nlohmann::json& body, std::string_view what = "the request");

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_DUMP_H_
