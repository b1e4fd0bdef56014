#include "emulator/handlers/request_names.h"

#include <string>
#include <vector>

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// Paths are proto paths, as the transcoder's errors write them:
// "tools[0].function_declarations[1].parameters.properties[2].value" (a map
// entry is named by its position, its value by ".value").
std::string child_path(const std::string& path, const char* proto_name) {
  return path.empty() ? proto_name : path + "." + proto_name;
}

class NameNormalizer {
 public:
  explicit NameNormalizer(Backend backend) : backend_(backend) {}
  std::optional<GoogleError> run(ojson& body, const ProtoMessage& m) {
    message(body, m, "");
    if (twice_) return twice_;
    if (!unknown_.empty()) return json_unknown_names(unknown_);
    return std::nullopt;
  }

 private:
  void message(ojson& j, const ProtoMessage& m, const std::string& path) {
    if (m.opaque || !j.is_object()) return;  // a non-object is check_request_types' to refuse
    ojson renamed = ojson::object();
    for (auto it = j.begin(); it != j.end(); ++it) {
      const ProtoField* f = m.find(it.key(), backend_);
      if (!f) {
        unknown_.push_back({it.key(), path});
        renamed[it.key()] = std::move(it.value());  // kept: the error names it, nothing reads it
        continue;
      }
      if (renamed.contains(f->json_name)) {
        if (!twice_) twice_ = json_field_set_twice(child_path(path, f->proto_name), f->json_name, f->proto_name);
        continue;
      }
      ojson& v = renamed[f->json_name];
      v = std::move(it.value());
      value(v, *f, child_path(path, f->proto_name));
    }
    j = std::move(renamed);
  }

  void value(ojson& v, const ProtoField& f, const std::string& at) {
    if (f.kind != ProtoKind::kMessage && f.kind != ProtoKind::kMap) return;  // scalars and user data
    if (f.repeated && v.is_array()) {
      for (size_t i = 0; i < v.size(); ++i) one(v[i], f, at + "[" + std::to_string(i) + "]");
    } else if (!f.repeated) {
      one(v, f, at);
    }
  }

  void one(ojson& v, const ProtoField& f, const std::string& at) {
    if (f.kind == ProtoKind::kMessage) return message(v, *f.message, at);
    if (!v.is_object()) return;
    size_t i = 0;  // kMap: the keys are the user's, the values messages
    for (auto it = v.begin(); it != v.end(); ++it, ++i) {
      message(it.value(), *f.message, at + "[" + std::to_string(i) + "].value");
    }
  }

  Backend backend_;
  std::vector<UnknownName> unknown_;
  std::optional<GoogleError> twice_;
};

}  // namespace

std::optional<GoogleError> normalize_field_names(ojson& body, const ProtoMessage& message, Backend backend) {
  return NameNormalizer(backend).run(body, message);
}

}  // namespace genai::emulator
