// genai::FileSearchStores: the Gemini Developer API's File Search
// (client.file_search_stores()). A store holds documents that Google splits
// into chunks and indexes; a generateContent call with the file_search tool
// retrieves the chunks that best match the prompt and grounds its answer in
// them (groundingMetadata.groundingChunks[].retrievedContext). Vertex AI has
// no File Search stores: every call on a Vertex AI client fails before
// anything is sent (Vertex AI's RAG Engine is the counterpart there).
//
//   auto stores = client.file_search_stores();
//   genai::FileSearchStore store = stores.create({.display_name = "handbook"}).value();
//   auto op = stores.upload_to_file_search_store(store.name, "handbook.md").value();   // resumable
//   op = stores.wait(op).value();                       // the document is ACTIVE once op.done
//   genai::GenerateContentConfig c;
//   c.tools.push_back(genai::Tool{.file_search = genai::FileSearch{{store.name}}});
//   auto r = client.models().generate_content("gemini-2.5-flash", "How many vacation days?", c).value();
//   for (auto& ctx : r.candidates[0].retrieved_contexts()) std::cout << ctx.title.value_or("") << "\n";
//   for (auto& d : stores.documents().list(store.name)) { ... }
//   stores.delete_(store.name, {.force = true});         // with its documents
//
// An upload goes through the same resumable loop as Files::upload (8 MiB
// chunks, resumed at the server's offset after a failed chunk). Importing a
// file already uploaded with the Files API is import_file(store, "files/abc").
// Both answer with a long-running operation (FileSearchOperation) that wait()
// polls with the same loop as Operations::wait (operations.h).
#ifndef GENAI_FILE_SEARCH_STORES_H_
#define GENAI_FILE_SEARCH_STORES_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "genai/operations.h"
#include "genai/options.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"
#include "genai/upload.h"

namespace genai {

namespace internal {
class ApiClient;
}

// How a document is cut into chunks: up to max_tokens_per_chunk
// whitespace-separated tokens each, adjacent chunks sharing up to
// max_overlap_tokens of them.
struct WhiteSpaceConfig {
  std::optional<int> max_tokens_per_chunk;
  std::optional<int> max_overlap_tokens;
  Json extra = Json::object();  // members not modelled above
};

struct ChunkingConfig {
  std::optional<WhiteSpaceConfig> white_space_config;
  Json extra = Json::object();
};

// A document's metadata entry: a key and one of the three kinds of value.
// A FileSearch tool's metadata_filter selects documents by them
// (`author = "Ada"`, `year > 2020`).
struct CustomMetadata {
  std::string key;
  std::optional<std::string> string_value;
  std::optional<std::vector<std::string>> string_list_value;  // {"stringListValue": {"values": [...]}}
  std::optional<double> numeric_value;
  Json extra = Json::object();
};

struct FileSearchStore {
  std::string name;  // "fileSearchStores/handbook-a1b2c3d4e5f6"
  std::optional<std::string> display_name;
  std::optional<std::string> create_time;  // RFC 3339
  std::optional<std::string> update_time;
  // int64 strings on the wire; absent (Google leaves zeros out) is 0.
  std::int64_t active_documents_count = 0;
  std::int64_t pending_documents_count = 0;
  std::int64_t failed_documents_count = 0;
  std::int64_t size_bytes = 0;
  std::optional<std::string> embedding_model;
  Json extra = Json::object();
};

struct Document {
  std::string name;  // "fileSearchStores/{store}/documents/{id}"
  std::optional<std::string> display_name;
  std::optional<std::string> state;  // "STATE_PENDING", "STATE_ACTIVE", "STATE_FAILED"
  std::optional<std::int64_t> size_bytes;
  std::optional<std::string> mime_type;
  std::optional<std::string> create_time;
  std::optional<std::string> update_time;
  std::vector<CustomMetadata> custom_metadata;
  Json extra = Json::object();

  bool is_active() const { return state && *state == "STATE_ACTIVE"; }
};

// The long-running operation of an upload or an import
// ("fileSearchStores/{store}/operations/{id}", or ".../upload/operations/{id}"
// for an upload). python-genai's UploadToFileSearchStoreOperation and
// ImportFileOperation, which have the same shape.
struct FileSearchOperation {
  std::string name;
  bool done = false;
  std::optional<Json> metadata;
  std::optional<Error> error;             // the operation failed (google.rpc.Status)
  std::optional<std::string> parent;      // response.parent: the store
  std::optional<std::string> document_name;  // response.documentName: the document made
  Json response = nullptr;                // the "response" as received
  Json extra = Json::object();            // members not modelled above
};
using UploadToFileSearchStoreOperation = FileSearchOperation;
using ImportFileOperation = FileSearchOperation;

// wait()'s options (operations.h): timeout or deadline, pauses between
// polls (a document is indexed in seconds: 1 s growing to 10 s), stop token,
// on_progress with each poll.
struct FileSearchWaitOptions : BasicWaitOptions<FileSearchOperation> {
  FileSearchWaitOptions() {
    initial_interval = std::chrono::milliseconds{1'000};
    max_interval = std::chrono::milliseconds{10'000};
  }
};

struct CreateFileSearchStoreConfig {
  std::optional<std::string> display_name;  // up to 512 characters
  std::optional<std::string> embedding_model;  // "gemini-embedding-001" or "models/..."
  RequestOptions http_options{};
};
struct GetFileSearchStoreConfig {
  RequestOptions http_options{};
};
struct DeleteFileSearchStoreConfig {
  // Deletes the store's documents with it; without it a store that holds
  // documents is refused (FAILED_PRECONDITION).
  std::optional<bool> force;
  RequestOptions http_options{};
};
struct ListFileSearchStoresConfig {
  int page_size = 0;         // 0: the server's default (10; at most 20)
  std::string page_token{};
  RequestOptions http_options{};
};

struct UploadToFileSearchStoreConfig {
  // Empty: the source's (UploadSource::from_memory), else from the file
  // name's extension, else from the first bytes.
  std::string mime_type{};
  std::optional<std::string> display_name;  // the document's; also its citation title
  std::vector<CustomMetadata> custom_metadata;
  std::optional<ChunkingConfig> chunking_config;
  std::size_t chunk_size = std::size_t{8} << 20;  // bytes per upload request (as UploadFileConfig)
  std::chrono::milliseconds chunk_timeout{0};
  UploadProgress on_progress{};  // for the async form, on the event loop
  std::stop_token stop_token{};  // stops the upload before its next request (CANCELLED)
  RequestOptions http_options{};
};

struct ImportFileConfig {
  std::vector<CustomMetadata> custom_metadata;
  std::optional<ChunkingConfig> chunking_config;
  RequestOptions http_options{};
};

struct GetDocumentConfig {
  RequestOptions http_options{};
};
struct DeleteDocumentConfig {
  std::optional<bool> force;  // also delete its chunks (Google requires it for an indexed document)
  RequestOptions http_options{};
};
struct ListDocumentsConfig {
  int page_size = 0;  // 0: the server's default (10; at most 20)
  std::string page_token{};
  RequestOptions http_options{};
};
struct GetFileSearchOperationConfig {
  RequestOptions http_options{};
};

// A store's documents (client.file_search_stores().documents()).
class Documents {
 public:
  explicit Documents(std::shared_ptr<internal::ApiClient> api);

  // "fileSearchStores/{store}/documents/{id}".
  Result<Document> get(std::string_view name, const GetDocumentConfig& config = {}) const;
  std::future<Result<Document>> get_async(std::string_view name, const GetDocumentConfig& config = {}) const;
  void get_async(std::string_view name, const GetDocumentConfig& config, Callback<Document> on_done) const;
  // `parent`: the store, "fileSearchStores/{store}".
  Pager<Document> list(std::string_view parent, const ListDocumentsConfig& config = {}) const;
  Result<void> delete_(std::string_view name, const DeleteDocumentConfig& config = {}) const;
  std::future<Result<void>> delete_async(std::string_view name, const DeleteDocumentConfig& config = {}) const;
  void delete_async(std::string_view name, const DeleteDocumentConfig& config, Callback<void> on_done) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

class FileSearchStores {
 public:
  explicit FileSearchStores(std::shared_ptr<internal::ApiClient> api);

  Result<FileSearchStore> create(const CreateFileSearchStoreConfig& config = {}) const;
  std::future<Result<FileSearchStore>> create_async(const CreateFileSearchStoreConfig& config = {}) const;
  void create_async(const CreateFileSearchStoreConfig& config, Callback<FileSearchStore> on_done) const;
  // "fileSearchStores/abc" (or "abc").
  Result<FileSearchStore> get(std::string_view name, const GetFileSearchStoreConfig& config = {}) const;
  std::future<Result<FileSearchStore>> get_async(std::string_view name,
                                                 const GetFileSearchStoreConfig& config = {}) const;
  void get_async(std::string_view name, const GetFileSearchStoreConfig& config,
                 Callback<FileSearchStore> on_done) const;
  Pager<FileSearchStore> list(const ListFileSearchStoresConfig& config = {}) const;
  // python-genai's `delete`, a keyword in C++.
  Result<void> delete_(std::string_view name, const DeleteFileSearchStoreConfig& config = {}) const;
  std::future<Result<void>> delete_async(std::string_view name, const DeleteFileSearchStoreConfig& config = {}) const;
  void delete_async(std::string_view name, const DeleteFileSearchStoreConfig& config, Callback<void> on_done) const;

  // Uploads `source` straight into the store (POST
  // /upload/v1beta/{store}:uploadToFileSearchStore, resumable) and returns
  // the operation that indexes it; wait() for it.
  Result<FileSearchOperation> upload_to_file_search_store(std::string_view store, const UploadSource& source,
                                                          const UploadToFileSearchStoreConfig& config = {}) const;
  Result<FileSearchOperation> upload_to_file_search_store(std::string_view store, const std::string& path,
                                                          const UploadToFileSearchStoreConfig& config = {}) const;
  // The upload on the client's event loop (as Files::upload_async): a
  // future, or a callback there.
  std::future<Result<FileSearchOperation>> upload_to_file_search_store_async(
      std::string_view store, const UploadSource& source, const UploadToFileSearchStoreConfig& config = {}) const;
  void upload_to_file_search_store_async(std::string_view store, const UploadSource& source,
                                         const UploadToFileSearchStoreConfig& config,
                                         Callback<FileSearchOperation> on_done) const;
  // Imports a file of the Files API ("files/abc") into the store ({store}:importFile).
  Result<FileSearchOperation> import_file(std::string_view store, std::string_view file_name,
                                          const ImportFileConfig& config = {}) const;
  std::future<Result<FileSearchOperation>> import_file_async(std::string_view store, std::string_view file_name,
                                                             const ImportFileConfig& config = {}) const;
  void import_file_async(std::string_view store, std::string_view file_name, const ImportFileConfig& config,
                         Callback<FileSearchOperation> on_done) const;

  // One poll of an upload's or an import's operation (GET {name}). A failed
  // operation is a successful get() with `error` set.
  Result<FileSearchOperation> get_operation(std::string_view name,
                                            const GetFileSearchOperationConfig& config = {}) const;
  std::future<Result<FileSearchOperation>> get_operation_async(std::string_view name,
                                                               const GetFileSearchOperationConfig& config = {}) const;
  void get_operation_async(std::string_view name, const GetFileSearchOperationConfig& config,
                           Callback<FileSearchOperation> on_done) const;
  // Polls until done (Operations::wait's loop); an operation that failed is
  // its Error. An operation already done is returned without a request.
  Result<FileSearchOperation> wait(const FileSearchOperation& operation,
                                   const FileSearchWaitOptions& options = {}) const;

  Documents documents() const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_FILE_SEARCH_STORES_H_
