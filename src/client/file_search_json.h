// Internal: the JSON of File Search's resources (file_search_stores.h), as
// python-genai's _*_to_mldev / _*_from_mldev converters write and read it:
// camelCase names, int64 counts as strings, unknown members kept in `extra`.
#ifndef GENAI_SRC_CLIENT_FILE_SEARCH_JSON_H_
#define GENAI_SRC_CLIENT_FILE_SEARCH_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "genai/file_search_stores.h"

namespace genai::internal {

nlohmann::json chunking_config_json(const ChunkingConfig& c);
nlohmann::json custom_metadata_json(const std::vector<CustomMetadata>& m);

Result<FileSearchStore> parse_file_search_store(nlohmann::json j);
FileSearchStore file_search_store_from(nlohmann::json j);
Result<Document> parse_document(nlohmann::json j);
Document document_from(nlohmann::json j);
// An operation; its "error" (google.rpc.Status) becomes FileSearchOperation::error.
Result<FileSearchOperation> parse_file_search_operation(nlohmann::json j);

// "fileSearchStores/abc" from "abc" or "fileSearchStores/abc"; an Error for
// an empty name or one with a '/' past the prefix.
Result<std::string> file_search_store_name(std::string_view name);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_FILE_SEARCH_JSON_H_
