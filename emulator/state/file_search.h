// The emulator's File Search stores: each project's stores, their documents
// (metadata, the chunks the indexer cut, when they become ACTIVE on the
// emulator's clock) and the operations of the uploads and imports that made
// them. A document is STATE_PENDING until its active_time, then
// STATE_ACTIVE; one the indexer could not read is STATE_FAILED. Thread-safe.
// Saved (atomically, after every change) to `path` when it is set: next to
// the --state file (STATE.file_search.json), so stores survive a restart.
#ifndef GENAI_EMULATOR_STATE_FILE_SEARCH_H_
#define GENAI_EMULATOR_STATE_FILE_SEARCH_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// How long indexing a document takes on the emulator's clock.
inline constexpr std::chrono::seconds kDocumentIndexingTime{3};

struct SearchDocument {
  std::string id;  // the name is "fileSearchStores/{store}/documents/" + id
  std::string display_name;
  std::string mime_type;
  std::uint64_t size = 0;
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point active_time;  // PENDING before, ACTIVE from then on
  std::string failure;  // non-empty: STATE_FAILED, and why
  nlohmann::ordered_json custom_metadata = nlohmann::ordered_json::array();
  std::vector<std::string> chunks;
};

struct SearchStore {
  std::string id;  // the name is "fileSearchStores/" + id
  std::string owner;
  std::string display_name;
  std::string embedding_model;
  std::chrono::system_clock::time_point create_time;
  std::chrono::system_clock::time_point update_time;
  std::map<std::string, SearchDocument> documents;  // by id
};

// An upload's or an import's operation: done at done_time with `response`
// (or `error`).
struct SearchOperation {
  std::string name;  // "fileSearchStores/{store}/operations/{id}" or ".../upload/operations/{id}"
  std::string owner;
  std::chrono::system_clock::time_point done_time;
  nlohmann::ordered_json response;  // {"@type", "parent", "documentName"}
  nlohmann::ordered_json error;     // google.rpc.Status, or null
};

class FileSearchState {
 public:
  // `path` empty: in memory only.
  explicit FileSearchState(std::string path);

  // A new store of `owner`, its id derived from the display name (lower-case
  // letters, digits and dashes, up to 27) and a 12-character random suffix.
  SearchStore create_store(const std::string& owner, const std::string& display_name,
                           const std::string& embedding_model, std::chrono::system_clock::time_point now);
  // nullopt when unknown or another project's.
  std::optional<SearchStore> store(const std::string& owner, const std::string& id) const;
  // The project's stores, oldest first.
  std::vector<SearchStore> stores(const std::string& owner) const;
  enum class Removal { kRemoved, kNotFound, kNotEmpty };
  Removal remove_store(const std::string& owner, const std::string& id, bool force);

  // Adds `doc` (its id derived from the display name as a store's) to the
  // store; nullopt when the store is gone. Returns the document as stored.
  std::optional<SearchDocument> add_document(const std::string& owner, const std::string& store_id, SearchDocument doc);
  Removal remove_document(const std::string& owner, const std::string& store_id, const std::string& doc_id, bool force,
                          std::chrono::system_clock::time_point now);

  void put_operation(SearchOperation op);
  std::optional<SearchOperation> operation(const std::string& owner, const std::string& name) const;
  // The operation an upload (by its upload id) finished with, if it did.
  void set_upload_operation(const std::string& upload_id, const std::string& name);
  std::optional<std::string> upload_operation(const std::string& upload_id) const;

  // A resource id: `display_name` made into lower-case letters, digits and
  // dashes (up to 27), a dash and 12 random characters; only the random
  // part when the name has none of those.
  static std::string derive_id(const std::string& display_name);

 private:
  void save_locked() const;
  void load();

  std::string path_;
  mutable std::mutex mu_;
  std::map<std::string, SearchStore> stores_;          // by id
  std::map<std::string, SearchOperation> operations_;  // by name
  std::map<std::string, std::string> uploads_;         // upload id → operation name
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_FILE_SEARCH_H_
