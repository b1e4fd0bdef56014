// FileSearchStores and Documents: the Developer API's fileSearchStores, as
// python-genai's file_search_stores.py and documents.py send them:
//   POST   fileSearchStores {displayName, embeddingModel}
//   GET    fileSearchStores/{id}      GET fileSearchStores?pageSize&pageToken
//   DELETE fileSearchStores/{id}?force=true
//   POST   upload/v1beta/fileSearchStores/{id}:uploadToFileSearchStore (resumable;
//          {mimeType, displayName, customMetadata, chunkingConfig} with the start)
//   POST   fileSearchStores/{id}:importFile {fileName, customMetadata, chunkingConfig}
//   GET    {operation name}
//   GET/DELETE fileSearchStores/{id}/documents/{doc}[?force=true], GET {store}/documents
// Every call on a Vertex AI client is refused before sending (python-genai
// raises ValueError there).
#include "genai/file_search_stores.h"

#include <algorithm>

#include "client/api_client.h"
#include "client/file_search_json.h"
#include "client/resumable_upload.h"
#include "client/wait_loop.h"
#include "core/errors.h"
#include "core/json_types.h"
#include "core/url.h"

namespace genai {

using nlohmann::json;

namespace internal {
namespace {

std::optional<Error> file_search_developer_only(const ApiClient& api, const char* method) {
  if (!api.config().vertexai) return std::nullopt;
  return invalid_argument(std::string(method) + " is only supported on the Gemini Developer API, not on Vertex AI",
                          "Use a client with a Gemini API key (vertexai = false) for File Search stores; on Vertex AI, "
                          "ground answers with the RAG Engine (the retrieval tool) instead.");
}

// "fileSearchStores/{store}/{what}/{id}" (what: "documents", "operations" or
// "upload/operations") with ids of letters, digits, dashes and underscores.
bool file_search_child_name(const std::string& n, std::string_view what) {
  const std::string marker = "/" + std::string(what) + "/";
  const auto at = n.find(marker);
  if (n.rfind("fileSearchStores/", 0) != 0 || at == std::string::npos || at + marker.size() >= n.size()) return false;
  if (!file_search_store_name(std::string_view(n).substr(0, at))) return false;
  const std::string_view id = std::string_view(n).substr(at + marker.size());
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<std::string> document_resource_name(std::string_view name) {
  const std::string n(name);
  if (!file_search_child_name(n, "documents")) {
    return invalid_argument("'" + n + "' is not the name of a document of a File Search store",
                            "Pass a name as documents().list() returns it: fileSearchStores/STORE/documents/DOCUMENT.");
  }
  return n;
}

Result<Request<FileSearchStore>> create_store_request(const ApiClient& api, const CreateFileSearchStoreConfig& c) {
  if (auto e = file_search_developer_only(api, "file_search_stores.create")) return *e;
  json body = json::object();
  if (c.display_name) body["displayName"] = *c.display_name;
  if (c.embedding_model) {
    const std::string& m = *c.embedding_model;
    body["embeddingModel"] = m.find('/') == std::string::npos ? "models/" + m : m;
  }
  return Request<FileSearchStore>{"POST", "fileSearchStores", std::move(body), &parse_file_search_store};
}

Result<Request<FileSearchStore>> get_store_request(const ApiClient& api, std::string_view name) {
  if (auto e = file_search_developer_only(api, "file_search_stores.get")) return *e;
  Result<std::string> n = file_search_store_name(name);
  if (!n) return std::move(n).error();
  return Request<FileSearchStore>{"GET", *n, std::nullopt, &parse_file_search_store};
}

Result<Request<void>> delete_store_request(const ApiClient& api, std::string_view name,
                                           const DeleteFileSearchStoreConfig& c) {
  if (auto e = file_search_developer_only(api, "file_search_stores.delete")) return *e;
  Result<std::string> n = file_search_store_name(name);
  if (!n) return std::move(n).error();
  std::string path = *n;
  if (c.force) path += *c.force ? "?force=true" : "?force=false";
  return Request<void>{"DELETE", path, std::nullopt, &ignore_answer};
}

Result<Request<FileSearchOperation>> import_request(const ApiClient& api, std::string_view store,
                                                    std::string_view file_name, const ImportFileConfig& c) {
  if (auto e = file_search_developer_only(api, "file_search_stores.import_file")) return *e;
  Result<std::string> n = file_search_store_name(store);
  if (!n) return std::move(n).error();
  if (file_name.empty()) {
    return invalid_argument("the file to import is empty", "Pass the name files().upload() returned, e.g. files/abc123.");
  }
  std::string file(file_name);
  if (file.rfind("files/", 0) != 0) file = "files/" + file;
  json body = json{{"fileName", file}};
  if (!c.custom_metadata.empty()) body["customMetadata"] = custom_metadata_json(c.custom_metadata);
  if (c.chunking_config) body["chunkingConfig"] = chunking_config_json(*c.chunking_config);
  return Request<FileSearchOperation>{"POST", *n + ":importFile", std::move(body), &parse_file_search_operation};
}

Result<Request<FileSearchOperation>> operation_request(const ApiClient& api, std::string_view name) {
  if (auto e = file_search_developer_only(api, "file_search_stores.get_operation")) return *e;
  const std::string n(name);
  if (!file_search_child_name(n, "operations") && !file_search_child_name(n, "upload/operations")) {
    return invalid_argument("'" + n + "' is not the name of a File Search operation",
                            "Pass the operation upload_to_file_search_store() or import_file() returned.");
  }
  return Request<FileSearchOperation>{"GET", n, std::nullopt, &parse_file_search_operation};
}

Result<Request<Document>> get_document_request(const ApiClient& api, std::string_view name) {
  if (auto e = file_search_developer_only(api, "file_search_stores.documents.get")) return *e;
  Result<std::string> n = document_resource_name(name);
  if (!n) return std::move(n).error();
  return Request<Document>{"GET", *n, std::nullopt, &parse_document};
}

Result<Request<void>> delete_document_request(const ApiClient& api, std::string_view name,
                                              const DeleteDocumentConfig& c) {
  if (auto e = file_search_developer_only(api, "file_search_stores.documents.delete")) return *e;
  Result<std::string> n = document_resource_name(name);
  if (!n) return std::move(n).error();
  std::string path = *n;
  if (c.force) path += *c.force ? "?force=true" : "?force=false";
  return Request<void>{"DELETE", path, std::nullopt, &ignore_answer};
}

// A list call's pages: `path` under the API, the array `member` of each answer.
template <typename T, typename From>
Pager<T> file_search_pager(std::shared_ptr<ApiClient> api, std::optional<Error> refused, std::string path,
                           int page_size, std::string first_token, RequestOptions options, const char* member,
                           From from) {
  auto parse = [member, from](json resp) { return parse_list_page<T>(std::move(resp), "list response", member, from); };
  return request_pager<T>(std::move(api), std::move(options), std::move(first_token),
                          [=](const std::string& token) -> Result<Request<Page<T>>> {
                            if (refused) return *refused;
                            return Request<Page<T>>{"GET", path + list_query(page_size, token), std::nullopt, parse};
                          });
}

}  // namespace
}  // namespace internal

FileSearchStores::FileSearchStores(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<FileSearchStore> FileSearchStores::create(const CreateFileSearchStoreConfig& config) const {
  return internal::run(*api_, internal::create_store_request(*api_, config), config.http_options);
}

void FileSearchStores::create_async(const CreateFileSearchStoreConfig& config,
                                    Callback<FileSearchStore> on_done) const {
  internal::run_async(*api_, internal::create_store_request(*api_, config), config.http_options, std::move(on_done));
}

std::future<Result<FileSearchStore>> FileSearchStores::create_async(const CreateFileSearchStoreConfig& config) const {
  return internal::future_of<FileSearchStore>([&](Callback<FileSearchStore> done) {
    create_async(config, std::move(done));
  });
}

Result<FileSearchStore> FileSearchStores::get(std::string_view name, const GetFileSearchStoreConfig& config) const {
  return internal::run(*api_, internal::get_store_request(*api_, name), config.http_options);
}

void FileSearchStores::get_async(std::string_view name, const GetFileSearchStoreConfig& config,
                                 Callback<FileSearchStore> on_done) const {
  internal::run_async(*api_, internal::get_store_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<FileSearchStore>> FileSearchStores::get_async(std::string_view name,
                                                                 const GetFileSearchStoreConfig& config) const {
  return internal::future_of<FileSearchStore>([&](Callback<FileSearchStore> done) {
    get_async(name, config, std::move(done));
  });
}

Pager<FileSearchStore> FileSearchStores::list(const ListFileSearchStoresConfig& config) const {
  return internal::file_search_pager<FileSearchStore>(
      api_, internal::file_search_developer_only(*api_, "file_search_stores.list"), "fileSearchStores",
      config.page_size, config.page_token, config.http_options, "fileSearchStores", &internal::file_search_store_from);
}

Result<void> FileSearchStores::delete_(std::string_view name, const DeleteFileSearchStoreConfig& config) const {
  return internal::run(*api_, internal::delete_store_request(*api_, name, config), config.http_options);
}

void FileSearchStores::delete_async(std::string_view name, const DeleteFileSearchStoreConfig& config,
                                    Callback<void> on_done) const {
  internal::run_async(*api_, internal::delete_store_request(*api_, name, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<void>> FileSearchStores::delete_async(std::string_view name,
                                                         const DeleteFileSearchStoreConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(name, config, std::move(done)); });
}

Result<FileSearchOperation> FileSearchStores::upload_to_file_search_store(
    std::string_view store, const std::string& path, const UploadToFileSearchStoreConfig& config) const {
  if (auto e = internal::file_search_developer_only(*api_, "file_search_stores.upload_to_file_search_store")) return *e;
  Result<UploadSource> source = UploadSource::from_path(path);
  if (!source) return std::move(source).error();
  return upload_to_file_search_store(store, *source, config);
}

namespace {

// What upload_to_file_search_store sends, or why nothing is sent.
Result<internal::ResumableUpload> store_upload_spec(const internal::ApiClient& api, std::string_view store,
                                                    const UploadSource& source,
                                                    const UploadToFileSearchStoreConfig& config) {
  if (auto e = internal::file_search_developer_only(api, "file_search_stores.upload_to_file_search_store")) return *e;
  Result<std::string> n = internal::file_search_store_name(store);
  if (!n) return std::move(n).error();
  internal::ResumableUpload up;
  up.path = *n + ":uploadToFileSearchStore";
  up.mime_type = internal::upload_mime_type(source, config.mime_type);
  json body = json::object();
  body["mimeType"] = up.mime_type;
  if (config.display_name) body["displayName"] = *config.display_name;
  if (!config.custom_metadata.empty()) body["customMetadata"] = internal::custom_metadata_json(config.custom_metadata);
  if (config.chunking_config) body["chunkingConfig"] = internal::chunking_config_json(*config.chunking_config);
  up.start_body = std::move(body);
  up.chunk_size = config.chunk_size;
  up.chunk_timeout = config.chunk_timeout;
  up.on_progress = config.on_progress;
  up.stop_token = config.stop_token;
  up.options = config.http_options;
  if (const std::string& p = source.path(); !p.empty()) up.file_name = p.substr(p.find_last_of('/') + 1);
  return up;
}

Result<FileSearchOperation> uploaded_document_operation(Result<json> answer) {
  if (!answer) return std::move(answer).error();
  return internal::parse_file_search_operation(std::move(*answer));
}

}  // namespace

Result<FileSearchOperation> FileSearchStores::upload_to_file_search_store(
    std::string_view store, const UploadSource& source, const UploadToFileSearchStoreConfig& config) const {
  Result<internal::ResumableUpload> up = store_upload_spec(*api_, store, source, config);
  if (!up) return std::move(up).error();
  return uploaded_document_operation(internal::resumable_upload(*api_, source, *up));
}

void FileSearchStores::upload_to_file_search_store_async(std::string_view store, const UploadSource& source,
                                                         const UploadToFileSearchStoreConfig& config,
                                                         Callback<FileSearchOperation> on_done) const {
  Result<internal::ResumableUpload> up = store_upload_spec(*api_, store, source, config);
  if (!up) return on_done(std::move(up).error());
  internal::resumable_upload_async(api_, source, *up, [on_done = std::move(on_done)](Result<json> answer) {
    on_done(uploaded_document_operation(std::move(answer)));
  });
}

std::future<Result<FileSearchOperation>> FileSearchStores::upload_to_file_search_store_async(
    std::string_view store, const UploadSource& source, const UploadToFileSearchStoreConfig& config) const {
  return internal::future_of<FileSearchOperation>([&](Callback<FileSearchOperation> done) {
    upload_to_file_search_store_async(store, source, config, std::move(done));
  });
}

Result<FileSearchOperation> FileSearchStores::import_file(std::string_view store, std::string_view file_name,
                                                          const ImportFileConfig& config) const {
  return internal::run(*api_, internal::import_request(*api_, store, file_name, config), config.http_options);
}

void FileSearchStores::import_file_async(std::string_view store, std::string_view file_name,
                                         const ImportFileConfig& config, Callback<FileSearchOperation> on_done) const {
  internal::run_async(*api_, internal::import_request(*api_, store, file_name, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<FileSearchOperation>> FileSearchStores::import_file_async(std::string_view store,
                                                                             std::string_view file_name,
                                                                             const ImportFileConfig& config) const {
  return internal::future_of<FileSearchOperation>([&](Callback<FileSearchOperation> done) {
    import_file_async(store, file_name, config, std::move(done));
  });
}

Result<FileSearchOperation> FileSearchStores::get_operation(std::string_view name,
                                                            const GetFileSearchOperationConfig& config) const {
  return internal::run(*api_, internal::operation_request(*api_, name), config.http_options);
}

std::future<Result<FileSearchOperation>> FileSearchStores::get_operation_async(
    std::string_view name, const GetFileSearchOperationConfig& config) const {
  return internal::future_of<FileSearchOperation>(
      [&](Callback<FileSearchOperation> done) { get_operation_async(name, config, std::move(done)); });
}

void FileSearchStores::get_operation_async(std::string_view name, const GetFileSearchOperationConfig& config,
                                           Callback<FileSearchOperation> on_done) const {
  internal::run_async(*api_, internal::operation_request(*api_, name), config.http_options, std::move(on_done));
}

Result<FileSearchOperation> FileSearchStores::wait(const FileSearchOperation& operation,
                                                   const FileSearchWaitOptions& options) const {
  if (auto e = internal::file_search_developer_only(*api_, "file_search_stores.wait")) return *e;
  const BasicWaitOptions<FileSearchOperation>& base = options;
  Result<FileSearchOperation> op = internal::wait_until_done(
      operation, base, [this](const FileSearchOperation& o) { return get_operation(o.name); },
      [](const FileSearchOperation& o) { return o.done; }, [](const FileSearchOperation& o) { return o.name; });
  if (op && op->error) return *op->error;
  return op;
}

Documents FileSearchStores::documents() const { return Documents(api_); }

Documents::Documents(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<Document> Documents::get(std::string_view name, const GetDocumentConfig& config) const {
  return internal::run(*api_, internal::get_document_request(*api_, name), config.http_options);
}

void Documents::get_async(std::string_view name, const GetDocumentConfig& config, Callback<Document> on_done) const {
  internal::run_async(*api_, internal::get_document_request(*api_, name), config.http_options, std::move(on_done));
}

std::future<Result<Document>> Documents::get_async(std::string_view name, const GetDocumentConfig& config) const {
  return internal::future_of<Document>([&](Callback<Document> done) { get_async(name, config, std::move(done)); });
}

Pager<Document> Documents::list(std::string_view parent, const ListDocumentsConfig& config) const {
  std::optional<Error> refused = internal::file_search_developer_only(*api_, "file_search_stores.documents.list");
  Result<std::string> store = internal::file_search_store_name(parent);
  if (!refused && !store) refused = store.error();
  return internal::file_search_pager<Document>(api_, refused, store ? *store + "/documents" : std::string(),
                                               config.page_size, config.page_token, config.http_options, "documents",
                                               &internal::document_from);
}

Result<void> Documents::delete_(std::string_view name, const DeleteDocumentConfig& config) const {
  return internal::run(*api_, internal::delete_document_request(*api_, name, config), config.http_options);
}

void Documents::delete_async(std::string_view name, const DeleteDocumentConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::delete_document_request(*api_, name, config), config.http_options,
                      std::move(on_done));
}

std::future<Result<void>> Documents::delete_async(std::string_view name, const DeleteDocumentConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(name, config, std::move(done)); });
}

}  // namespace genai
