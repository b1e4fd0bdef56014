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
#ifndef GENAI_SRC_CORE_JSON_DUMP_H_
#define GENAI_SRC_CORE_JSON_DUMP_H_

#include <string>

#include <nlohmann/json.hpp>

namespace genai::internal {

// Exactly nlohmann::json::dump() with no arguments: the same text, and the
// same exception for a string that is not valid UTF-8.
std::string dump_json(const nlohmann::json& j);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_DUMP_H_
