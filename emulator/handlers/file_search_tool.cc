// generateContent's fileSearch tool on the emulator (file_search_methods.h):
// the chunks of the named stores' ACTIVE documents, filtered and ranked.
#include <algorithm>

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/file_search_methods.h"
#include "emulator/state/file_search.h"

namespace genai::emulator {

namespace {
using ojson = nlohmann::ordered_json;
// The chunks retrieved when the tool does not say (Google's default).
constexpr int kFileSearchDefaultTopK = 5;
}  // namespace

std::variant<std::optional<FileSearchAnswer>, GoogleError> file_search_for(ServerEnv& env, const GeminiCall& call,
                                                                           const std::string& prompt) {
  if (call.vertex || !call.body.contains("tools") || !call.body["tools"].is_array()) return std::nullopt;
  std::vector<SearchChunk> chunks;
  bool declared = false;
  int top_k = 0;
  const auto now = env.clock().now();
  for (const ojson& tool : call.body["tools"]) {
    if (!tool.is_object() || !tool.contains("fileSearch") || !tool["fileSearch"].is_object()) continue;
    declared = true;
    const ojson& fs = tool["fileSearch"];
    const ojson names = fs.value("fileSearchStoreNames", ojson::array());
    if (!names.is_array() || names.empty()) {
      return file_search_bad_request("tools[].file_search.file_search_store_names is required: name at least one "
                                     "FileSearchStore (fileSearchStores/...).");
    }
    const ojson k = fs.value("topK", ojson(kFileSearchDefaultTopK));
    if (!k.is_number_integer() || k.get<int>() < 1) {
      return file_search_bad_request("tools[].file_search.top_k must be a positive integer.");
    }
    top_k = std::max(top_k, k.get<int>());
    const std::string filter = fs.value("metadataFilter", ojson("")).is_string() ? fs.value("metadataFilter", "") : "";
    if (!filter.empty() && !metadata_filter_valid(filter)) {
      return file_search_bad_request("Invalid metadata_filter \"" + filter +
                                     "\": expected conditions like key = \"value\" or key > 10, joined by AND / OR.");
    }
    for (const ojson& n : names) {
      const std::string name = n.is_string() ? n.get<std::string>() : "";
      const std::string id = name.rfind("fileSearchStores/", 0) == 0 ? name.substr(17) : "";
      if (!file_search_id_valid(id)) return file_search_store_name_invalid(name);
      std::optional<SearchStore> store = env.file_search().store(call.owner, id);
      if (!store) return file_search_store_not_found(name);
      for (const auto& [doc_id, d] : store->documents) {
        if (file_search_document_state(d, now) != "STATE_ACTIVE") continue;
        if (!filter.empty() && !metadata_matches(filter, d.custom_metadata).value_or(false)) continue;
        for (const std::string& text : d.chunks) {
          chunks.push_back(SearchChunk{text, d.display_name.empty() ? d.id : d.display_name,
                                       file_search_store_resource(id) + "/documents/" + d.id, file_search_store_resource(id), d.custom_metadata});
        }
      }
    }
  }
  if (!declared) return std::nullopt;
  const std::vector<SearchHit> hits = rank_chunks(prompt, chunks, static_cast<std::size_t>(top_k));
  if (hits.empty()) return std::nullopt;
  return std::optional<FileSearchAnswer>(file_search_answer(prompt, chunks, hits));
}

}  // namespace genai::emulator
