#include "genai/schema.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/errors.h"
#include "core/json_parse.h"

namespace genai {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

bool has_type(const Json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    return v.is_number_integer() || (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
  }
  return true;  // TYPE_UNSPECIFIED and unknown names accept anything
}

std::string kind_of(const Json& v) {
  if (v.is_number_integer()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_boolean()) return "boolean";
  return v.type_name();
}

class Validator {
 public:
  explicit Validator(const Json& root) : root_(root) {}

  std::optional<SchemaMismatch> check(const Json& v, const Json& schema_in, const std::string& path, int depth) const {
    const Json& s = resolve(schema_in);
    if (!s.is_object() || depth > 64) return std::nullopt;
    auto fail = [&](std::string message) { return SchemaMismatch{path, std::move(message)}; };

    if (v.is_null() && s.value("nullable", false)) return std::nullopt;
    if (auto t = s.find("type"); t != s.end()) {
      std::vector<std::string> types;
      if (t->is_string()) types.push_back(lower(t->get<std::string>()));
      if (t->is_array()) {
        for (const Json& x : *t) {
          if (x.is_string()) types.push_back(lower(x.get<std::string>()));
        }
      }
      bool ok = types.empty();
      for (const std::string& type : types) ok = ok || has_type(v, type);
      if (!ok) {
        std::string want;
        for (const std::string& type : types) want += (want.empty() ? "" : " or ") + type;
        return fail("expected " + want + ", got " + kind_of(v));
      }
    }
    if (auto e = s.find("enum"); e != s.end() && e->is_array()) {
      if (std::find(e->begin(), e->end(), v) == e->end()) return fail(v.dump() + " is not one of " + e->dump());
    }
    if (auto c = s.find("const"); c != s.end() && *c != v) return fail("expected " + c->dump() + ", got " + v.dump());
    for (const char* key : {"anyOf", "oneOf"}) {
      if (auto alts = s.find(key); alts != s.end() && alts->is_array() && !alts->empty()) {
        bool ok = false;
        for (const Json& alt : *alts) ok = ok || !check(v, alt, path, depth + 1);
        if (!ok) return fail(std::string("matches none of the ") + key + " alternatives");
      }
    }
    if (v.is_object()) {
      const Json props = s.value("properties", Json::object());
      for (const Json& name : s.value("required", Json::array())) {
        if (name.is_string() && !v.contains(name.get<std::string>())) {
          return fail("missing required property \"" + name.get<std::string>() + "\"");
        }
      }
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string child = path + "/" + pointer_token(it.key());
        if (props.contains(it.key())) {
          if (auto m = check(it.value(), props[it.key()], child, depth + 1)) return m;
        } else if (auto extra = s.find("additionalProperties"); extra != s.end()) {
          if (extra->is_boolean() && !extra->get<bool>()) return SchemaMismatch{child, "property not allowed by the schema"};
          if (extra->is_object()) {
            if (auto m = check(it.value(), *extra, child, depth + 1)) return m;
          }
        }
      }
    }
    if (v.is_array()) {
      if (auto n = s.find("minItems"); n != s.end() && n->is_number() && v.size() < n->get<size_t>()) {
        return fail("expected at least " + n->dump() + " items, got " + std::to_string(v.size()));
      }
      if (auto n = s.find("maxItems"); n != s.end() && n->is_number() && v.size() > n->get<size_t>()) {
        return fail("expected at most " + n->dump() + " items, got " + std::to_string(v.size()));
      }
      if (auto items = s.find("items"); items != s.end() && items->is_object()) {
        for (size_t i = 0; i < v.size(); ++i) {
          if (auto m = check(v[i], *items, path + "/" + std::to_string(i), depth + 1)) return m;
        }
      }
    }
    if (v.is_number()) {
      const double x = v.get<double>();
      if (auto lo = s.find("minimum"); lo != s.end() && lo->is_number() && x < lo->get<double>()) {
        return fail(v.dump() + " is less than the minimum " + lo->dump());
      }
      if (auto hi = s.find("maximum"); hi != s.end() && hi->is_number() && x > hi->get<double>()) {
        return fail(v.dump() + " is more than the maximum " + hi->dump());
      }
    }
    if (v.is_string()) {
      const size_t len = v.get_ref<const std::string&>().size();
      if (auto n = s.find("minLength"); n != s.end() && n->is_number() && len < n->get<size_t>()) {
        return fail("shorter than minLength " + n->dump());
      }
      if (auto n = s.find("maxLength"); n != s.end() && n->is_number() && len > n->get<size_t>()) {
        return fail("longer than maxLength " + n->dump());
      }
    }
    return std::nullopt;
  }

 private:
  // Local references only ("#/$defs/Name", "#/definitions/Name"): schemas
  // for Gemini are self-contained.
  const Json& resolve(const Json& s) const {
    if (!s.is_object()) return s;
    auto ref = s.find("$ref");
    if (ref == s.end() || !ref->is_string()) return s;
    const std::string r = ref->get<std::string>();
    if (r.rfind("#/", 0) != 0) return s;
    try {
      return root_.at(Json::json_pointer(r.substr(1)));
    } catch (const std::exception&) {
      return s;
    }
  }
  const Json& root_;
};

}  // namespace

std::optional<SchemaMismatch> validate_json(const Json& value, const Json& schema) {
  return Validator(schema).check(value, schema, "", 0);
}

Result<Json> parse_json_response(const GenerateContentResponse& response, const Json& schema) {
  const std::string text = response.text();
  if (text.empty()) {
    return internal::invalid_argument("the answer is empty, not JSON",
                                      "Check the finish reason; raise max_output_tokens if it is MAX_TOKENS.");
  }
  // The text is the model's: bounded like any JSON from a server, as the
  // caller will copy, validate and print it.
  internal::JsonParseFailure failure;
  Json value = internal::parse_json(text, &failure);
  if (failure == internal::JsonParseFailure::kTooDeep) {
    return internal::invalid_argument("the answer nests arrays and objects more than " +
                                      std::to_string(internal::kMaxJsonDepth) +
                                      " levels deep, the most libgenai accepts");
  }
  if (value.is_discarded()) {
    return internal::invalid_argument("the answer is not valid JSON",
                                      "Set response_mime_type to \"application/json\" (and a schema).");
  }
  if (!schema.is_null()) {
    if (auto m = validate_json(value, schema)) {
      return internal::invalid_argument("the answer does not match the schema at " +
                                        (m->path.empty() ? std::string("the top level") : m->path) + ": " + m->message);
    }
  }
  return value;
}

}  // namespace genai
