#include "core/json_parse.h"
#include "core/json_dump.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "fuzz/json_same.h"

namespace genai::internal {
namespace {

using nlohmann::json;

json reference(std::string_view text) { return json::parse(text, nullptr, /*allow_exceptions=*/false); }

// Documents the fast path must parse itself (else responses get slow again),
// to exactly nlohmann's value.
TEST(JsonParse, FastPathParsesWhatTheApiSendsExactlyAsNlohmann) {
  const std::vector<std::string> docs = {
      "{}", "[]", " \t\r\n{ } ", "null", "true", "false", "0", "-0", "7", "-7", "\"\"",
      "18446744073709551615", "-9223372036854775808", "1.5", "-0.0", "2.5e-3", "1E5", "1e+2", "0.1",
      R"({"a":1,"b":[true,false,null,"x",{"c":[]}]})",
      R"("esc: \" \\ \/ \b \f \n \r \t \u0000 \u00e9 \u20ac \ud83d\ude00 \u003c")",
      "\"utf-8: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf \xf4\x8f\xbf\xbf\"",
      "{\n  \"candidates\": [\n    {\n      \"content\": {\n        \"parts\": [\n          {\n"
      "            \"text\": \"Hello\"\n          }\n        ],\n        \"role\": \"model\"\n      },\n"
      "      \"finishReason\": \"STOP\",\n      \"index\": 0\n    }\n  ],\n  \"usageMetadata\": {\n"
      "    \"promptTokenCount\": 10,\n    \"candidatesTokenCount\": 92\n  },\n"
      "  \"modelVersion\": \"gemini-2.5-flash\"\n}\n",
  };
  for (const std::string& doc : docs) {
    SCOPED_TRACE(doc);
    json fast;
    ASSERT_TRUE(parse_json_fast(doc, fast));
    const json ref = reference(doc);
    ASSERT_FALSE(ref.is_discarded());
    EXPECT_TRUE(genai_fuzz::json_same(fast, ref)) << fast.dump() << " vs " << ref.dump();
    EXPECT_TRUE(genai_fuzz::json_same(parse_json(doc), ref));
  }
}

TEST(JsonParse, NumberTypesFollowNlohmann) {
  EXPECT_TRUE(parse_json("5").is_number_unsigned());
  EXPECT_TRUE(parse_json("-5").is_number_integer() && !parse_json("-5").is_number_unsigned());
  EXPECT_TRUE(parse_json("5.0").is_number_float());
  EXPECT_TRUE(parse_json("5e0").is_number_float());
}

// Everything else goes to nlohmann, so the answer (a value or "not JSON") is
// nlohmann's, whatever the fast path thinks of it.
TEST(JsonParse, AgreesWithNlohmannOnEdgeCasesAndErrors) {
  const std::vector<std::string> docs = {
      "", " ", "{", "}", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{1:2}", "01", "-", "-01", "1.", ".5",
      "1e", "1e+", "+1", "tru", "nul", "falsey", "[] []", "\"abc", "\"a\x01\"", "\"\\x\"", "\"\\u12\"",
      "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud800x\"", "\"\xc0\xaf\"",
      "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"", "\"\x80\"", "\"\xff\"",
      "\xef\xbb\xbf{\"bom\":1}", "{\"k\":1,\"k\":2}", "18446744073709551616", "-9223372036854775809",
      "1e400", "-1e400", "1e-400", "4.9e-324", "123456789012345678901234567890", "[NaN]", "Infinity",
      std::string("[1]\0", 4), "/* c */ 1", std::string(300, '[') + std::string(300, ']'),
      std::string(300, '[') + std::string(299, ']'),
  };
  for (const std::string& doc : docs) {
    SCOPED_TRACE(doc);
    const json ref = reference(doc);
    const json got = parse_json(doc);
    ASSERT_EQ(got.is_discarded(), ref.is_discarded());
    if (!ref.is_discarded()) EXPECT_TRUE(genai_fuzz::json_same(got, ref)) << got.dump() << " vs " << ref.dump();
    json fast;
    if (parse_json_fast(doc, fast)) {
      EXPECT_FALSE(ref.is_discarded()) << "the fast path accepted what nlohmann rejects";
      EXPECT_TRUE(genai_fuzz::json_same(fast, ref));
    }
  }
}

TEST(JsonParse, DuplicateKeysKeepTheLastAsNlohmannDoes) {
  EXPECT_EQ(parse_json(R"({"k":1,"k":2})")["k"], 2);
}

// Google's real bodies (tests/data/wire/*.json): the fast path parses every
// one of them, to nlohmann's value.
TEST(JsonParse, WireSamplesTakeTheFastPathAndMatchNlohmann) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(GENAI_WIRE_DIR)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const json ref = reference(ss.str());
    if (ref.is_discarded()) continue;  // a sample that is not one JSON document
    json fast;
    EXPECT_TRUE(parse_json_fast(ss.str(), fast));
    EXPECT_TRUE(genai_fuzz::json_same(fast, ref));
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace genai::internal

namespace genai::internal {
namespace {

// dump_json must write exactly nlohmann's dump(): escapes, UTF-8, numbers.
TEST(DumpJson, SameTextAsNlohmann) {
  using nlohmann::json;
  const json cases[] = {
      json::parse(R"({"contents":[{"parts":[{"text":"Write one sentence about the sea."}],"role":"user"}]})"),
      json{{"q", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f"}},
      json{{"ctl", std::string("\x01\x1f\x7f", 3)}},
      json{{"utf8", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"}},
      json{{"n", {0, -1, 42, INT64_MIN, UINT64_MAX, 0.5, 1.0, 1e300, -2.5e-8, 3.14159}}},
      json{{"b", true}, {"f", false}, {"z", nullptr}, {"e", json::object()}, {"a", json::array()}},
      json(std::string()),
      json(7),
  };
  for (const json& j : cases) EXPECT_EQ(dump_json(j), j.dump()) << j.dump();
}

TEST(DumpJson, InvalidUtf8ThrowsAsNlohmannDoes) {
  const nlohmann::json bad = {{"text", std::string("ok \xff bad")}};
  EXPECT_THROW((void)bad.dump(), nlohmann::json::type_error);
  EXPECT_THROW((void)dump_json(bad), nlohmann::json::type_error);
}

}  // namespace
}  // namespace genai::internal
