// Internal: what storage.cc and storage_transfer.cc share.
#ifndef GENAI_SRC_CLIENT_STORAGE_INTERNAL_H_
#define GENAI_SRC_CLIENT_STORAGE_INTERNAL_H_

#include <string>

#include <nlohmann/json.hpp>

#include "genai/http.h"
#include "genai/storage.h"

namespace genai::internal {

class ApiClient;

// An object name as one URL path segment (slashes encoded).
std::string storage_object_path(const std::string& name);
StorageObject storage_object_from_json(const nlohmann::json& j);
Result<StorageObject> storage_object_from_response(const HttpResponse& response);
// Cloud Storage takes OAuth credentials only: a clear error for an API key.
Result<void> storage_can_call(const ApiClient& api);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_STORAGE_INTERNAL_H_
