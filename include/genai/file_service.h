// genai::Files: the Gemini Developer API's Files API (client.files()). Upload
// a file once (up to 2 GB; kept 48 hours), then name it in prompts instead of
// sending its bytes inline: a video, a long PDF, an audio recording, a batch's
// JSONL input. (Vertex AI has no Files API: use Cloud Storage gs:// URIs.)
//
//   genai::File f = client.files().upload("talk.mp4").value();        // resumable, 8 MiB chunks
//   f = client.files().wait_until_active(f.name).value();             // videos are PROCESSING first
//   auto r = client.models().generate_content("gemini-2.5-flash",
//       std::vector<genai::Content>{{"user", {genai::Part::from_uploaded_file(f),
//                                             genai::Part::from_text("Summarise the talk")}}});
//   for (auto& file : client.files().list()) { ... }
//   client.files().delete_(f.name);
//
// An upload reads its source (genai/upload.h: a path, a stream or memory) one
// chunk at a time, so memory stays flat for a 2 GB file. When a chunk fails
// (a reset connection, a 5xx, a timeout) the upload asks the server how much
// it holds and resumes from there, under the client's retry policy
// (HttpOptions::retry, or the call's http_options.retry): no byte is sent
// twice without the server's word, and nothing restarts from zero.
//
// Files made by the API (Veo's videos: source GENERATED) can be downloaded;
// uploaded ones cannot (Google's rule), so download() of one fails clearly.
// (The local helpers write_file_atomically and base64 stay in genai/files.h.)
#ifndef GENAI_FILE_SERVICE_H_
#define GENAI_FILE_SERVICE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <future>
#include <iosfwd>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

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

// A file of the Files API, as Google describes it.
struct File {
  std::string name;                              // "files/abc123"
  std::optional<std::string> display_name;
  std::optional<std::string> mime_type;
  std::optional<std::int64_t> size_bytes;        // an int64 string on the wire
  std::optional<std::string> create_time;        // RFC 3339
  std::optional<std::string> update_time;
  std::optional<std::string> expiration_time;    // 48 h after creation
  std::optional<std::string> sha256_hash;        // base64 of the SHA-256 of the bytes
  std::optional<std::string> uri;                // what a prompt's fileData.fileUri names
  std::optional<std::string> download_uri;       // generated files only
  std::optional<std::string> state;              // "PROCESSING", "ACTIVE", "FAILED"
  std::optional<std::string> source;             // "UPLOADED", "GENERATED"
  std::optional<Json> video_metadata;            // {"videoDuration": "12s"} for videos
  std::optional<Json> error;                     // google.rpc.Status when FAILED
  Json extra = Json::object();                   // members not modelled above

  bool is_active() const { return state && *state == "ACTIVE"; }
};

struct UploadFileConfig {
  // Empty: the source's (UploadSource::from_memory), else from the file
  // name's extension, else from the first bytes (detect_mime_type).
  std::string mime_type{};
  std::string display_name{};
  // "files/my-notes" or "my-notes" (lower-case letters, digits, dashes; up to
  // 40); empty: the server chooses.
  std::string name{};
  // Bytes per request. Google's uploads take multiples of 8 MiB (the last
  // chunk may be shorter); the emulator takes any size up to 20 MiB.
  std::size_t chunk_size = std::size_t{8} << 20;
  // The time one chunk (one request) may take; 0: http_options.timeout or
  // the client's HttpOptions::timeout. A whole upload has no time limit.
  std::chrono::milliseconds chunk_timeout{0};
  // After every chunk the server accepted (and after a resume). For
  // upload_async it runs on the client's event loop: keep it short.
  UploadProgress on_progress{};
  // Stops the upload before its next request (CANCELLED); what the server
  // holds of an unfinished upload is dropped by it after a while.
  std::stop_token stop_token{};
  RequestOptions http_options{};  // this call's headers, retry policy (also for resumes)
};

struct GetFileConfig {
  RequestOptions http_options;
};

struct DeleteFileConfig {
  RequestOptions http_options;
};

struct ListFilesConfig {
  int page_size = 0;              // 0: the server's default (10; at most 100)
  std::string page_token{};       // start from this page
  RequestOptions http_options{};
};

struct DownloadFileConfig {
  bool overwrite = false;         // download(name, path): replace an existing file
  RequestOptions http_options{};
};

// wait_until_active's options (operations.h): timeout or deadline, the
// pauses between polls, cancellation, on_progress with each File polled.
using FileWaitOptions = BasicWaitOptions<File>;

class Files {
 public:
  explicit Files(std::shared_ptr<internal::ApiClient> api);

  // Uploads with Google's resumable protocol and returns the File (state
  // ACTIVE, or PROCESSING for a video: see wait_until_active).
  Result<File> upload(const UploadSource& source, const UploadFileConfig& config = {}) const;
  // upload(UploadSource::from_path(path), config).
  Result<File> upload(const std::string& path, const UploadFileConfig& config = {}) const;
  // The same upload on the client's event loop, with no thread of its own:
  // a future, or a callback there. Each chunk is read from `source` on the
  // loop thread when it is sent, so a stream source must outlive the upload.
  std::future<Result<File>> upload_async(const UploadSource& source, const UploadFileConfig& config = {}) const;
  void upload_async(const UploadSource& source, const UploadFileConfig& config, Callback<File> on_done) const;

  // "files/abc123", "abc123", or the file's uri.
  Result<File> get(std::string_view name, const GetFileConfig& config = {}) const;
  Pager<File> list(const ListFilesConfig& config = {}) const;
  // python-genai's `delete`, a keyword in C++ (as Caches::delete_).
  Result<void> delete_(std::string_view name, const DeleteFileConfig& config = {}) const;
  // get and delete on the client's event loop: a future, or a callback there.
  // (upload_async and download_async below, too.)
  std::future<Result<File>> get_async(std::string_view name, const GetFileConfig& config = {}) const;
  void get_async(std::string_view name, const GetFileConfig& config, Callback<File> on_done) const;
  std::future<Result<void>> delete_async(std::string_view name, const DeleteFileConfig& config = {}) const;
  void delete_async(std::string_view name, const DeleteFileConfig& config, Callback<void> on_done) const;

  // A generated file's bytes (name, uri or download_uri), streamed to `path`
  // through a temporary file renamed into place: `path` is complete or
  // untouched. ALREADY_EXISTS when `path` exists and not config.overwrite.
  Result<void> download(std::string_view name, const std::string& path, const DownloadFileConfig& config = {}) const;
  // The same, written to `out` as it arrives (on failure `out` may hold part).
  Result<void> download(std::string_view name, std::ostream& out, const DownloadFileConfig& config = {}) const;
  // The download to `path` on the client's event loop: a future, or a
  // callback there (the file is written there as bytes arrive).
  std::future<Result<void>> download_async(std::string_view name, const std::string& path,
                                           const DownloadFileConfig& config = {}) const;
  void download_async(std::string_view name, const std::string& path, const DownloadFileConfig& config,
                      Callback<void> on_done) const;

  // Polls get() until the file is ACTIVE (returned) or FAILED (its error),
  // within options.timeout / options.deadline (DEADLINE_EXCEEDED) or until
  // options.stop_token (CANCELLED); options.on_progress after each poll.
  // The same polling loop as Operations::wait and Batches::wait.
  Result<File> wait_until_active(std::string_view name, const FileWaitOptions& options = {}) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_FILE_SERVICE_H_
