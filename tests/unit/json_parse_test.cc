#include "core/json_parse.h"
#include "core/json_dump.h"
#include "core/base64.h"
#include "core/json_scan.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
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

// The scan must stop at exactly the first byte a JSON string cannot hold
// as it is, wherever it falls in a word, a 16-byte block or (in a run long
// enough, on a CPU with AVX2) a 32-byte block, and at no other.
TEST(PlainJsonRun, StopsAtTheFirstSpecialByteAtEveryOffset) {
  const unsigned char specials[] = {0x00, 0x01, 0x1f, '"', '\\', 0x80, 0xc3, 0xff};
  const unsigned char plain[] = {0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7e, 0x7f, 'A'};
  constexpr size_t kLength = 400;  // past 64 bytes, 256 more: the AVX2 loop's condition
  for (unsigned char p : plain) {
    const std::string all(kLength, static_cast<char>(p));
    EXPECT_EQ(plain_json_run(all.data(), all.data() + all.size()), all.data() + all.size()) << int(p);
  }
  for (unsigned char bad : specials) {
    for (size_t at = 0; at < kLength; ++at) {
      std::string s(kLength, 'A');
      s[at] = static_cast<char>(bad);
      if (at + 3 < s.size()) s[at + 3] = static_cast<char>(bad);  // a second one after it changes nothing
      EXPECT_EQ(plain_json_run(s.data(), s.data() + s.size()) - s.data(), static_cast<std::ptrdiff_t>(at))
          << "byte " << int(bad) << " at " << at;
    }
  }
}

// Escapes and UTF-8 at every position of long strings (the writer copies
// plain runs whole), the same text as nlohmann's, and parsed back the same.
TEST(DumpJson, EscapesAnywhereInLongStringsAsNlohmann) {
  const std::string inserts[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\xc3\xa9", "\xf0\x9f\x98\x80"};
  for (const std::string& insert : inserts) {
    for (size_t at = 0; at < 24; ++at) {
      std::string text(24, 'x');
      text.insert(at, insert);
      const nlohmann::json j = {{"data", text}};
      const std::string dumped = dump_json(j);
      ASSERT_EQ(dumped, j.dump()) << at;
      EXPECT_TRUE(genai_fuzz::json_same(parse_json(dumped), j)) << at;
    }
  }
}

// Base64 of every length around the 3-byte/4-character blocks, both ways;
// bad characters anywhere refused, and a refused append leaves `out` as it was.
// Up to 120 bytes: several of the AVX2 decoder's 32-character blocks (on a
// CPU that has it) and every way the scalar loop finishes after them.
TEST(Base64, EveryLengthRoundTripsAndBadInputIsRefusedAnywhere) {
  for (size_t n = 0; n < 120; ++n) {
    std::string bytes;
    for (size_t i = 0; i < n; ++i) bytes += static_cast<char>((i * 37 + 11) & 0xff);
    const std::string text = base64_encode(bytes);
    EXPECT_EQ(text.size() % 4, 0u);
    EXPECT_EQ(base64_decode(text), bytes) << n;
    EXPECT_EQ(base64_decode(base64url_encode(bytes)), bytes) << n;
    std::string out = "kept";
    ASSERT_TRUE(base64_decode_append(text, out));
    EXPECT_EQ(out, "kept" + bytes);
    for (size_t at = 0; at < text.size() && text[at] != '='; ++at) {
      for (const char c : {'!', '\0', '\x80', '\xff', '='}) {
        std::string bad = text;
        bad[at] = c;
        std::string untouched = "kept";
        if (c == '=' && at + 2 >= text.size()) continue;  // trailing '=' is padding
        EXPECT_FALSE(base64_decode_append(bad, untouched)) << n << " " << at << " " << int(c);
        EXPECT_EQ(untouched, "kept");
      }
    }
  }
  EXPECT_FALSE(base64_decode("A"));       // one character over a block is never base64
  EXPECT_FALSE(base64_decode("AAAA=A"));  // padding inside
}

// Every byte value at every position of a text long enough for the AVX2
// decoder's first 32-character block (on a CPU that has it): decoded iff it is in one of the two alphabets, to what a
// character-at-a-time decoder gives.
TEST(Base64, EveryByteAtEveryPositionDecodesAsOneCharacterAtATime) {
  const std::string alphabets = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
  const auto value = [&](unsigned char c) -> int {
    if (c == '-') return 62;  // the URL alphabet's two
    if (c == '_') return 63;
    const size_t at = alphabets.find(static_cast<char>(c));
    return at == std::string::npos || at >= 64 || c == 0 ? -1 : static_cast<int>(at);
  };
  const auto reference = [&](const std::string& text) -> std::optional<std::string> {
    std::string out;
    for (size_t g = 0; g + 4 <= text.size(); g += 4) {
      uint32_t n = 0;
      for (size_t k = 0; k < 4; ++k) {
        const int v = value(static_cast<unsigned char>(text[g + k]));
        if (v < 0) return std::nullopt;
        n = (n << 6) | static_cast<uint32_t>(v);
      }
      out += static_cast<char>(n >> 16);
      out += static_cast<char>(n >> 8);
      out += static_cast<char>(n);
    }
    return out;
  };
  std::string base;
  for (size_t i = 0; i < 68; ++i) base += alphabets[(i * 29 + 3) % alphabets.size()];
  for (size_t at = 0; at < base.size(); ++at) {
    for (int c = 0; c < 256; ++c) {
      std::string text = base;
      text[at] = static_cast<char>(c);
      if (c == '=') continue;  // padding: its own rules, tested above
      EXPECT_EQ(base64_decode(text), reference(text)) << at << " " << c;
    }
  }
}

}  // namespace
}  // namespace genai::internal
