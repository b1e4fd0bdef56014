// Files: get, list, delete, download and wait_until_active of the Files API
// (the upload is file_upload.cc), and the File resource's JSON mapping.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <ostream>

#include "client/api_client.h"
#include "client/files_internal.h"
#include "client/wait_loop.h"
#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/json_types.h"
#include "core/url.h"
#include "genai/file_service.h"

namespace genai {

using nlohmann::json;

namespace internal {

File file_from_json(json j) {
  static const char* const kKnown[] = {"name", "displayName", "mimeType", "sizeBytes", "createTime",
                                       "updateTime", "expirationTime", "sha256Hash", "uri", "downloadUri",
                                       "state", "source", "videoMetadata", "error"};
  const auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  File f;
  f.name = text("name").value_or("");
  f.display_name = text("displayName");
  f.mime_type = text("mimeType");
  if (auto it = j.find("sizeBytes"); it != j.end()) {
    if (it->is_string()) f.size_bytes = std::stoll(it->get<std::string>());  // int64 as a string
    else if (it->is_number_integer()) f.size_bytes = it->get<std::int64_t>();
  }
  f.create_time = text("createTime");
  f.update_time = text("updateTime");
  f.expiration_time = text("expirationTime");
  f.sha256_hash = text("sha256Hash");
  f.uri = text("uri");
  f.download_uri = text("downloadUri");
  f.state = text("state");
  f.source = text("source");
  if (auto it = j.find("videoMetadata"); it != j.end()) f.video_metadata = *it;
  if (auto it = j.find("error"); it != j.end()) f.error = *it;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::none_of(std::begin(kKnown), std::end(kKnown), [&](const char* k) { return it.key() == k; })) {
      f.extra[it.key()] = it.value();
    }
  }
  return f;
}

Result<File> parse_file(json j) {
  return parse_guarded<File>("file", j, [&] { return file_from_json(std::move(j)); });
}

Result<std::string> file_resource_name(std::string_view name) {
  std::string_view n = name;
  if (const size_t at = n.rfind("/files/"); at != std::string_view::npos) n.remove_prefix(at + 1);  // a uri
  if (n.rfind("files/", 0) == 0) n.remove_prefix(6);
  n = n.substr(0, n.find_first_of(":?#/"));
  if (n.empty()) {
    return invalid_argument("'" + std::string(name) + "' does not name a file",
                            "Pass a file name such as files/abc123 (from files().list() or an upload).");
  }
  return "files/" + std::string(n);
}

Error files_need_developer_api() {
  return invalid_argument("the Files API is only on the Gemini Developer API, not on Vertex AI",
                          "On Vertex AI put the file in Cloud Storage and pass its gs:// URI with Part::from_uri.");
}

}  // namespace internal

Files::Files(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

namespace internal {
namespace {

// "files/{id}" for files.get and files.delete (Developer API only).
Result<std::string> file_path(const ApiClient& api, std::string_view name) {
  if (api.config().vertexai) return files_need_developer_api();
  return file_resource_name(name);
}

// files.get and files.delete, described once for the blocking and async forms.
Result<Request<File>> file_get_request(const ApiClient& api, std::string_view name) {
  Result<std::string> path = file_path(api, name);
  if (!path) return std::move(path).error();
  return Request<File>{"GET", std::move(*path), std::nullopt, &parse_file};
}

Result<Request<void>> file_delete_request(const ApiClient& api, std::string_view name) {
  Result<std::string> path = file_path(api, name);
  if (!path) return std::move(path).error();
  return Request<void>{"DELETE", std::move(*path), std::nullopt, &ignore_answer};
}

}  // namespace
}  // namespace internal

Result<File> Files::get(std::string_view name, const GetFileConfig& config) const {
  return internal::run(*api_, internal::file_get_request(*api_, name), config.http_options);
}

std::future<Result<File>> Files::get_async(std::string_view name, const GetFileConfig& config) const {
  return internal::future_of<File>([&](Callback<File> done) { get_async(name, config, std::move(done)); });
}

void Files::get_async(std::string_view name, const GetFileConfig& config, Callback<File> on_done) const {
  internal::run_async(*api_, internal::file_get_request(*api_, name), config.http_options, std::move(on_done));
}

Pager<File> Files::list(const ListFilesConfig& config) const {
  const bool vertexai = api_->config().vertexai;
  const int page_size = config.page_size;
  return internal::request_pager<File>(
      api_, config.http_options, config.page_token,
      [vertexai, page_size](const std::string& token) -> Result<internal::Request<Page<File>>> {
        if (vertexai) return internal::files_need_developer_api();
        return internal::Request<Page<File>>{
            "GET", "files" + internal::list_query(page_size, token), std::nullopt, [](json resp) {
              return internal::parse_list_page<File>(std::move(resp), "files.list response", "files",
                                                     &internal::file_from_json);
            }};
      });
}

Result<void> Files::delete_(std::string_view name, const DeleteFileConfig& config) const {
  return internal::run(*api_, internal::file_delete_request(*api_, name), config.http_options);
}

std::future<Result<void>> Files::delete_async(std::string_view name, const DeleteFileConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { delete_async(name, config, std::move(done)); });
}

void Files::delete_async(std::string_view name, const DeleteFileConfig& config, Callback<void> on_done) const {
  internal::run_async(*api_, internal::file_delete_request(*api_, name), config.http_options, std::move(on_done));
}

namespace {

// The GET of a generated file's bytes, or why none can be sent.
Result<HttpRequest> files_download_request(const internal::ApiClient& api, std::string_view name,
                                          const RequestOptions& options) {
  if (api.config().vertexai) return internal::files_need_developer_api();
  Result<std::string> n = internal::file_resource_name(name);
  if (!n) return std::move(n).error();
  HttpRequest request;
  request.method = "GET";
  request.url = api.url(*n + ":download?alt=media", options);
  return request;
}

// Streams a download into `write` (an Error stops it).
Result<void> files_stream_download(internal::ApiClient& api, std::string_view name, const RequestOptions& options,
                                   const std::function<Result<void>(std::string_view)>& write) {
  Result<HttpRequest> request = files_download_request(api, name, options);
  if (!request) return std::move(request).error();
  Result<std::unique_ptr<HttpStream>> stream = api.open_raw(std::move(*request), options);
  if (!stream) return std::move(stream).error();
  for (;;) {
    Result<std::optional<std::string>> piece = (*stream)->read();
    if (!piece) return std::move(piece).error();
    if (!*piece) return {};
    if (Result<void> w = write(**piece); !w) return w;
  }
}

}  // namespace

Result<void> Files::download(std::string_view name, std::ostream& out, const DownloadFileConfig& config) const {
  return files_stream_download(*api_, name, config.http_options, [&](std::string_view bytes) -> Result<void> {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return internal::local_error("INTERNAL", "writing the download to the stream failed");
    return {};
  });
}

Result<void> Files::download(std::string_view name, const std::string& path, const DownloadFileConfig& config) const {
  Result<std::shared_ptr<internal::AtomicFileWriter>> file = internal::open_shared_file(path, config.overwrite);
  if (!file) return std::move(file).error();
  Result<void> got = files_stream_download(*api_, name, config.http_options,
                                           [&](std::string_view bytes) { return (*file)->write(bytes); });
  if (!got) return got;
  return (*file)->commit();
}

void Files::download_async(std::string_view name, const std::string& path, const DownloadFileConfig& config,
                           Callback<void> on_done) const {
  Result<HttpRequest> request = files_download_request(*api_, name, config.http_options);
  if (!request) return on_done(std::move(request).error());
  Result<std::shared_ptr<internal::AtomicFileWriter>> file = internal::open_shared_file(path, config.overwrite);
  if (!file) return on_done(std::move(file).error());
  api_->open_raw_async(
      std::move(*request), config.http_options, [file = *file](std::string bytes) { return file->write(bytes); },
      [file = *file, on_done = std::move(on_done)](Result<void> got) {
        if (!got) {
          file->discard();  // before the caller hears of it: no temporary file left
          return on_done(std::move(got));
        }
        on_done(file->commit());
      });
}

std::future<Result<void>> Files::download_async(std::string_view name, const std::string& path,
                                                const DownloadFileConfig& config) const {
  return internal::future_of<void>([&](Callback<void> done) { download_async(name, path, config, std::move(done)); });
}

Result<File> Files::wait_until_active(std::string_view name, const FileWaitOptions& options) const {
  File file;
  file.name = std::string(name);
  const auto settled = [](const File& f) { return f.is_active() || (f.state && *f.state == "FAILED"); };
  Result<File> f = internal::wait_until_done(
      std::move(file), options, [this](const File& x) { return get(x.name); }, settled,
      [](const File& x) { return x.name; }, &internal::file_wait_deadline);
  if (!f || f->is_active()) return f;
  if (f->error) return internal::operation_error(*f->error);
  return internal::local_error("FAILED_PRECONDITION", "the file " + f->name + " failed processing",
                               "Upload it again, or check that its MIME type matches its content.");
}

Part Part::from_uploaded_file(const File& file) {
  return Part::from_uri(file.uri.value_or(file.name), file.mime_type.value_or("application/octet-stream"));
}

}  // namespace genai
