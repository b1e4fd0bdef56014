// Internal: parse_json(), nlohmann::json::parse for response bodies, faster.
//
// nlohmann's lexer reads its input one byte at a time through an adapter and
// copies every byte into two token buffers (one only for error messages); on
// the small, indented bodies the API answers with, that was about 30% of
// libgenai's CPU per generateContent request (docs/BENCHMARKS.md). parse_json
// builds the same nlohmann::json DOM in one pass over the bytes.
//
// It is deliberately conservative: on anything it is not certain to parse
// exactly as nlohmann does (any syntax error, a byte-order mark, an integer
// that does not fit 64 bits, a float at the edge of double's range, a
// duplicate key, nesting deeper than kMaxJsonDepth) it hands the whole text
// to nlohmann::json::parse, so every result and every error is nlohmann's.
// fuzz/fuzz_json_parse.cc checks the two agree on arbitrary input.
//
// Every JSON document libgenai reads from a server goes through parse_json,
// which refuses one nested deeper than kMaxJsonDepth.
//
//   JsonParseFailure why;
//   nlohmann::json j = parse_json(body, &why);
//   if (why == JsonParseFailure::kTooDeep) return json_too_deep("the answer", body.size());
//   if (j.is_discarded()) { /* not JSON */ }
#ifndef GENAI_SRC_CORE_JSON_PARSE_H_
#define GENAI_SRC_CORE_JSON_PARSE_H_

#include <string_view>

#include <nlohmann/json.hpp>

namespace genai::internal {

// The deepest nesting of arrays and objects accepted from a server. Parsing
// deeper is not the danger (nlohmann's parser keeps its own stack), but
// copying, comparing and dumping a document recurse once per level: a body
// nested 100,000 deep parses fine and then overflows the stack when `genai
// generate --json` prints it or a functionCall's args are copied. Gemini's
// answers nest about ten levels; functionCall args nest as deep as the
// caller's declared schema, which 512 leaves ample room for.
inline constexpr int kMaxJsonDepth = 512;

enum class JsonParseFailure { kNone, kNotJson, kTooDeep };

// The same value as nlohmann::json::parse(text, nullptr, false) for documents
// nested at most kMaxJsonDepth deep: the parsed document, or a discarded
// value when `text` is not one JSON document or nests deeper. `failure`, if
// given, says which.
nlohmann::json parse_json(std::string_view text, JsonParseFailure* failure = nullptr);

// The fast path alone, for tests and fuzzing: true and `out` set when it
// parsed `text` itself; false when parse_json would ask nlohmann.
bool parse_json_fast(std::string_view text, nlohmann::json& out);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_JSON_PARSE_H_
