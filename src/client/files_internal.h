// Internal: what files.cc (get/list/delete/download) and file_upload.cc (the
// resumable upload) share: the File resource's JSON mapping and names.
#ifndef GENAI_SRC_CLIENT_FILES_INTERNAL_H_
#define GENAI_SRC_CLIENT_FILES_INTERNAL_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genai/file_service.h"

namespace genai::internal {

// A File from its JSON; members not modelled go to File::extra.
File file_from_json(nlohmann::json j);
// The same, guarded: an answer of the wrong shape is an Error, never a throw.
Result<File> parse_file(nlohmann::json j);
// "files/abc" from "abc", "files/abc", a file's uri or its download URI.
Result<std::string> file_resource_name(std::string_view name);
// The Error of a Files API call on a Vertex AI client.
Error files_need_developer_api();

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_FILES_INTERNAL_H_
