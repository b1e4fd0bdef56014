#include "emulator/handlers/request_types.h"

#include <charconv>
#include <cstdint>
#include <cmath>
#include <string_view>
#include <vector>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

const char* proto_type_name(ProtoKind k) {
  switch (k) {
    case ProtoKind::kString: return "TYPE_STRING";
    case ProtoKind::kBytes: return "TYPE_BYTES";
    case ProtoKind::kBool: return "TYPE_BOOL";
    case ProtoKind::kInt32: return "TYPE_INT32";
    case ProtoKind::kFloat: return "TYPE_FLOAT";
    case ProtoKind::kInt64: return "TYPE_INT64";
    case ProtoKind::kDouble: return "TYPE_DOUBLE";
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
      // A value's name, or its number (which any integer may be). An enum
      // without a list of names takes any name: its handler judges it.
      if (v.is_number_integer()) return true;
      if (!v.is_string()) return false;
      if (f.enumeration->values.empty()) return true;
      for (std::string_view name : f.enumeration->values) {
        if (v.get<std::string>() == name) return true;
      }
      return false;
    case ProtoKind::kString:
    case ProtoKind::kBytes:
      return v.is_string();
    case ProtoKind::kBool:
      return v.is_boolean();
    case ProtoKind::kFloat:
    case ProtoKind::kDouble: {
      double d = 0;
      return v.is_number() || (v.is_string() && number_text(v.get<std::string>(), d));
    }
    case ProtoKind::kInt32:
    case ProtoKind::kInt64: {
      const double lo = f.kind == ProtoKind::kInt32 ? INT32_MIN : -9223372036854775808.0;
      const double hi = f.kind == ProtoKind::kInt32 ? INT32_MAX : 9223372036854775807.0;
      double d = 0;
      if (v.is_number_unsigned()) return static_cast<double>(v.get<uint64_t>()) <= hi;
      if (v.is_number_integer()) return static_cast<double>(v.get<int64_t>()) >= lo && static_cast<double>(v.get<int64_t>()) <= hi;
      if (v.is_number_float()) {
        d = v.get<double>();
      } else if (!v.is_string() || !number_text(v.get<std::string>(), d)) {
        return false;
      }
      return std::isfinite(d) && d == std::trunc(d) && d >= lo && d <= hi;
    }
    case ProtoKind::kStringMap:
      if (!v.is_object()) return false;
      for (const ojson& item : v) {
        if (!item.is_string()) return false;
      }
      return true;
    case ProtoKind::kStruct:
    case ProtoKind::kMessage:
    case ProtoKind::kMap:
      return v.is_object();
    case ProtoKind::kValue:
      return true;
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
    if (f.kind == ProtoKind::kMessage) return f.message->opaque ? std::nullopt : message(v, *f.message, at);
    if (f.kind == ProtoKind::kMap) {
      size_t i = 0;
      for (auto it = v.begin(); it != v.end(); ++it, ++i) {
        const std::string entry = at + "[" + std::to_string(i) + "].value";
        if (!it.value().is_object()) return bad(f, entry, it.value());
        if (auto e = message(it.value(), *f.message, entry)) return e;
      }
      return std::nullopt;
    }
    if (f.kind == ProtoKind::kEnum && v.is_number_integer()) {
      // By number, as proto3 JSON allows: the handlers see the name.
      const int64_t n = v.get<int64_t>();
      if (n >= 0 && n < static_cast<int64_t>(f.enumeration->values.size())) {
        v = std::string(f.enumeration->values[static_cast<size_t>(n)]);
      }
    }
    const bool integer = f.kind == ProtoKind::kInt32 || f.kind == ProtoKind::kInt64;
    if ((integer || f.kind == ProtoKind::kFloat || f.kind == ProtoKind::kDouble) && v.is_string()) {
      // As the transcoder parses it: "0.5" is the number 0.5 from here on.
      double d = 0;
      number_text(v.get<std::string>(), d);
      if (integer) {
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
    const bool message = f.kind == ProtoKind::kMessage || f.kind == ProtoKind::kMap;
    const std::string type = message                        ? "type.googleapis.com/" + package_ + "." + f.message->name
                             : f.kind == ProtoKind::kStruct ? std::string("type.googleapis.com/google.protobuf.Struct")
                             : f.kind == ProtoKind::kStringMap ? std::string("TYPE_STRING")
                                                             : std::string(proto_type_name(f.kind));
    return invalid_field_value(at, type, v.dump());
  }

  const std::string& package_;
};

}  // namespace

std::optional<GoogleError> check_request_types(ojson& body, const ProtoMessage& message, const std::string& package) {
  return TypeChecker(package).message(body, message, "");
}

}  // namespace genai::emulator
