// File Search's resources to and from JSON (file_search_json.h).
#include "client/file_search_json.h"

#include <algorithm>

#include "core/errors.h"
#include "core/json_types.h"

namespace genai::internal {

using nlohmann::json;

namespace {

json white_space_json(const WhiteSpaceConfig& w) {
  json j = w.extra.is_object() ? w.extra : json::object();
  if (w.max_tokens_per_chunk) j["maxTokensPerChunk"] = *w.max_tokens_per_chunk;
  if (w.max_overlap_tokens) j["maxOverlapTokens"] = *w.max_overlap_tokens;
  return j;
}

CustomMetadata custom_metadata_from(const json& j) {
  CustomMetadata m;
  m.key = optional_string(j, "key").value_or("");
  m.string_value = optional_string(j, "stringValue");
  if (auto it = j.find("stringListValue"); it != j.end() && it->is_object()) {
    std::vector<std::string> values;
    if (auto v = it->find("values"); v != it->end() && v->is_array()) {
      for (const json& s : *v) {
        if (s.is_string()) values.push_back(s.get<std::string>());
      }
    }
    m.string_list_value = std::move(values);
  }
  if (auto it = j.find("numericValue"); it != j.end() && it->is_number()) m.numeric_value = it->get<double>();
  collect_extra(j, {"key", "stringValue", "stringListValue", "numericValue"}, m.extra);
  return m;
}

}  // namespace

json chunking_config_json(const ChunkingConfig& c) {
  json j = c.extra.is_object() ? c.extra : json::object();
  if (c.white_space_config) j["whiteSpaceConfig"] = white_space_json(*c.white_space_config);
  return j;
}

json custom_metadata_json(const std::vector<CustomMetadata>& all) {
  json out = json::array();
  for (const CustomMetadata& m : all) {
    json j = m.extra.is_object() ? m.extra : json::object();
    j["key"] = m.key;
    if (m.string_value) j["stringValue"] = *m.string_value;
    if (m.string_list_value) j["stringListValue"] = json{{"values", *m.string_list_value}};
    if (m.numeric_value) j["numericValue"] = *m.numeric_value;
    out.push_back(std::move(j));
  }
  return out;
}

FileSearchStore file_search_store_from(json j) {
  FileSearchStore s;
  s.name = optional_string(j, "name").value_or("");
  s.display_name = optional_string(j, "displayName");
  s.create_time = optional_string(j, "createTime");
  s.update_time = optional_string(j, "updateTime");
  s.active_documents_count = optional_int64(j, "activeDocumentsCount").value_or(0);
  s.pending_documents_count = optional_int64(j, "pendingDocumentsCount").value_or(0);
  s.failed_documents_count = optional_int64(j, "failedDocumentsCount").value_or(0);
  s.size_bytes = optional_int64(j, "sizeBytes").value_or(0);
  s.embedding_model = optional_string(j, "embeddingModel");
  collect_extra(j,
                {"name", "displayName", "createTime", "updateTime", "activeDocumentsCount", "pendingDocumentsCount",
                 "failedDocumentsCount", "sizeBytes", "embeddingModel"},
                s.extra);
  return s;
}

Result<FileSearchStore> parse_file_search_store(json j) {
  return parse_guarded<FileSearchStore>("fileSearchStore", j, [&] { return file_search_store_from(std::move(j)); });
}

Document document_from(json j) {
  Document d;
  d.name = optional_string(j, "name").value_or("");
  d.display_name = optional_string(j, "displayName");
  d.state = optional_string(j, "state");
  d.size_bytes = optional_int64(j, "sizeBytes");
  d.mime_type = optional_string(j, "mimeType");
  d.create_time = optional_string(j, "createTime");
  d.update_time = optional_string(j, "updateTime");
  if (auto it = j.find("customMetadata"); it != j.end() && it->is_array()) {
    for (const json& m : *it) {
      if (m.is_object()) d.custom_metadata.push_back(custom_metadata_from(m));
    }
  }
  collect_extra(j, {"name", "displayName", "state", "sizeBytes", "mimeType", "createTime", "updateTime", "customMetadata"},
                d.extra);
  return d;
}

Result<Document> parse_document(json j) {
  return parse_guarded<Document>("document", j, [&] { return document_from(std::move(j)); });
}

Result<FileSearchOperation> parse_file_search_operation(json j) {
  return parse_guarded<FileSearchOperation>("file search operation", j, [&] {
    FileSearchOperation op;
    op.name = optional_string(j, "name").value_or("");
    if (auto it = j.find("done"); it != j.end() && it->is_boolean()) op.done = it->get<bool>();
    if (auto it = j.find("metadata"); it != j.end() && !it->is_null()) op.metadata = *it;
    if (auto it = j.find("error"); it != j.end() && it->is_object()) op.error = operation_error(*it);
    if (auto it = j.find("response"); it != j.end() && it->is_object()) {
      op.parent = optional_string(*it, "parent");
      op.document_name = optional_string(*it, "documentName");
      op.response = *it;
    }
    collect_extra(j, {"name", "done", "metadata", "error", "response"}, op.extra);
    return op;
  });
}

Result<std::string> file_search_store_name(std::string_view name) {
  constexpr std::string_view kPrefix = "fileSearchStores/";
  if (name.rfind(kPrefix, 0) == 0) name.remove_prefix(kPrefix.size());
  const bool odd = std::any_of(name.begin(), name.end(), [](char c) {
    return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  });
  if (name.empty() || odd) {
    return invalid_argument("'" + std::string(name) + "' is not the name of a File Search store",
                            "Pass the name create() or list() returned, e.g. fileSearchStores/my-store-a1b2c3d4e5f6.");
  }
  return std::string(kPrefix) + std::string(name);
}

}  // namespace genai::internal
