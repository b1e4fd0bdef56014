// Structured output validation: JSON pointer paths of mismatches, both schema
// dialects, and parse_json_response on a response.
#include <gtest/gtest.h>

#include "core/json_types.h"
#include "genai/schema.h"

namespace genai {
namespace {

using nlohmann::json;

const json kSchema = json::parse(R"({
  "type": "OBJECT",
  "properties": {
    "name": {"type": "STRING"},
    "kind": {"type": "STRING", "enum": ["cat", "dog"]},
    "age": {"type": "INTEGER", "minimum": 0},
    "owner": {"type": "OBJECT", "nullable": true, "properties": {"email": {"type": "STRING"}}, "required": ["email"]},
    "toys": {"type": "ARRAY", "items": {"type": "OBJECT", "properties": {"name": {"type": "STRING"},
                                                                         "a/b": {"type": "BOOLEAN"}}}}
  },
  "required": ["name", "kind"]})");

TEST(Schema, ValidValueRoundTrips) {
  const json v = json::parse(
      R"({"name": "Tom", "kind": "cat", "age": 3, "owner": null, "toys": [{"name": "ball", "a/b": true}]})");
  EXPECT_FALSE(validate_json(v, kSchema));
  EXPECT_FALSE(validate_json(json::parse(v.dump()), kSchema));
}

TEST(Schema, MismatchesAreReportedAtTheirPath) {
  auto at = [](const char* value) {
    auto m = validate_json(json::parse(value), kSchema);
    return m ? m->path + " | " + m->message : std::string("ok");
  };
  EXPECT_EQ(at(R"({"name": "Tom"})"), R"( | missing required property "kind")");
  EXPECT_EQ(at(R"({"name": 7, "kind": "cat"})"), "/name | expected string, got integer");
  EXPECT_EQ(at(R"({"name": "Tom", "kind": "cow"})"), R"(/kind | "cow" is not one of ["cat","dog"])");
  EXPECT_EQ(at(R"({"name": "Tom", "kind": "cat", "age": 2.5})"), "/age | expected integer, got number");
  EXPECT_EQ(at(R"({"name": "Tom", "kind": "cat", "age": -1})"), "/age | -1 is less than the minimum 0");
  EXPECT_EQ(at(R"({"name": "Tom", "kind": "cat", "owner": {}})"), R"(/owner | missing required property "email")");
  EXPECT_EQ(at(R"({"name": "T", "kind": "dog", "toys": [{"name": "a"}, {"a/b": "yes"}]})"),
            "/toys/1/a~1b | expected boolean, got string");
  EXPECT_EQ(at(R"([1])"), " | expected object, got array");
}

TEST(Schema, JsonSchemaDialect) {
  const json s = json::parse(R"({
    "$defs": {"Point": {"type": "object", "properties": {"x": {"type": "number"}}, "required": ["x"],
                        "additionalProperties": false}},
    "type": "object",
    "properties": {"points": {"type": "array", "items": {"$ref": "#/$defs/Point"}, "maxItems": 2},
                   "label": {"type": ["string", "null"]},
                   "either": {"anyOf": [{"type": "integer"}, {"type": "boolean"}]}}})");
  EXPECT_FALSE(validate_json(json::parse(R"({"points": [{"x": 1}], "label": null, "either": true})"), s));
  EXPECT_EQ(validate_json(json::parse(R"({"points": [{"x": 1, "y": 2}]})"), s)->path, "/points/0/y");
  EXPECT_EQ(validate_json(json::parse(R"({"points": [{"x": 1}, {"x": 1}, {"x": 1}]})"), s)->path, "/points");
  EXPECT_EQ(validate_json(json::parse(R"({"label": 3})"), s)->message, "expected string or null, got integer");
  EXPECT_EQ(validate_json(json::parse(R"({"either": "no"})"), s)->path, "/either");
}

TEST(Schema, ParseJsonResponse) {
  auto response = [](const std::string& text) {
    return internal::parse_generate_content_response(
               json{{"candidates", json::array({json{{"content", json{{"role", "model"},
                                                                      {"parts", json::array({json{{"text", text}}})}}}}})}})
        .value();
  };
  auto ok = parse_json_response(response(R"({"name": "Tom", "kind": "dog"})"), kSchema);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ((*ok)["kind"], "dog");
  auto bad = parse_json_response(response(R"({"name": "Tom", "kind": "dog", "toys": [{"name": 1}]})"), kSchema);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("/toys/0/name"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(parse_json_response(response("not json")).ok());
  EXPECT_TRUE(parse_json_response(response("[1, 2]")).ok());  // no schema: any JSON
}

}  // namespace
}  // namespace genai
