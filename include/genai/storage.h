// genai::Storage: the small Cloud Storage client Vertex AI needs, since its
// media and batch inputs and outputs live in gs:// buckets. It speaks the
// Cloud Storage JSON API with the Client's own credential (OAuth: Vertex AI
// credentials; an API key cannot reach Cloud Storage), over the same
// transport, retries and timeouts as every other call.
//
//   genai::Storage gcs = client.storage();
//   auto up = gcs.upload(genai::UploadSource::from_path("talk.mp4").value(), "gs://my-bucket/media/talk.mp4");
//   auto down = gcs.download("gs://my-bucket/out/predictions.jsonl", "predictions.jsonl");
//   for (const auto& o : gcs.list("gs://my-bucket/out/")) std::cout << o->name << "\n";
//   gcs.remove("gs://my-bucket/media/talk.mp4");
//
// Uploads are resumable (chunks of a multiple of 256 KiB; after a failed
// chunk the upload asks the server what it holds and goes on from there).
// Downloads are streamed to a temporary file renamed into place only once
// the MD5 and CRC32C Google reports have been checked, so a failed or
// corrupted download never leaves a partial file.
//
// The endpoint is https://storage.googleapis.com unless StorageOptions::
// base_url or the STORAGE_EMULATOR_HOST environment variable (the one
// Google's own libraries honour: "host:port" or a URL) names another, such as
// genai-emulator.
#ifndef GENAI_STORAGE_H_
#define GENAI_STORAGE_H_

#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <stop_token>
#include <string>
#include <string_view>

#include "genai/options.h"
#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"
#include "genai/upload.h"

namespace genai {

namespace internal {
class ApiClient;
}

// A gs:// URI split: "gs://bucket/a/b.txt" → {"bucket", "a/b.txt"}.
struct GcsUri {
  std::string bucket;
  std::string object;  // may be empty (a bucket, or a prefix "")
  // Fails with a clear error for anything but gs://BUCKET[/OBJECT].
  static Result<GcsUri> parse(std::string_view uri);
  std::string to_string() const;  // "gs://bucket/object"
};

// Cloud Storage's object resource (the fields genai uses; the rest in raw).
struct StorageObject {
  std::string bucket;
  std::string name;
  std::int64_t generation = 0;
  std::uint64_t size = 0;
  std::string content_type;
  std::string md5_hash;  // base64, as Google reports it
  std::string crc32c;    // base64 of the big-endian CRC32C
  std::string time_created;
  std::string updated;
  std::map<std::string, std::string> metadata;
  RawJson raw;
  std::string uri() const { return "gs://" + bucket + "/" + name; }
};

struct StorageOptions {
  // Empty: STORAGE_EMULATOR_HOST if set, else https://storage.googleapis.com.
  std::string base_url;
};

struct StorageUploadConfig {
  std::string content_type;  // empty: from the file's extension, else application/octet-stream
  // Bytes per chunk of a resumable upload: rounded up to a multiple of
  // 256 KiB, as Cloud Storage requires. Also the largest memory an upload holds.
  std::size_t chunk_size = 8u << 20;
  UploadProgress progress;  // for upload_async, on the client's event loop
  std::stop_token stop_token;  // stops the upload before its next request (CANCELLED)
  std::map<std::string, std::string> metadata;  // user metadata
  // Only create (0), or only replace this generation; empty: overwrite.
  std::optional<std::int64_t> if_generation_match;
  RequestOptions http_options;
};

struct StorageDownloadConfig {
  // Called as bytes arrive: bytes so far and the object's size (for
  // download_async, on the client's event loop).
  std::function<void(std::uint64_t received, std::uint64_t total)> progress;
  bool verify_checksums = true;  // MD5 / CRC32C against the object's
  bool overwrite = true;         // false: fail if the local file exists
  RequestOptions http_options;
};

struct StorageListConfig {
  int page_size = 0;        // 0: the server's (1000)
  std::string delimiter;    // e.g. "/": folds deeper names into prefixes (not listed)
  RequestOptions http_options;
};

class Storage {
 public:
  explicit Storage(std::shared_ptr<internal::ApiClient> api, StorageOptions options = {});

  // Uploads `source` to `gs_uri` (a resumable upload).
  Result<StorageObject> upload(const UploadSource& source, std::string_view gs_uri, StorageUploadConfig config = {});
  // The same upload on the client's event loop, with no thread of its own:
  // a future, or a callback there. Each chunk is read from `source` on the
  // loop thread when it is sent, so a stream source must outlive the upload.
  std::future<Result<StorageObject>> upload_async(const UploadSource& source, std::string_view gs_uri,
                                                  StorageUploadConfig config = {});
  void upload_async(const UploadSource& source, std::string_view gs_uri, StorageUploadConfig config,
                    Callback<StorageObject> on_done);
  // Downloads to `path` atomically (a temporary file renamed into place).
  Result<StorageObject> download(std::string_view gs_uri, const std::string& path, StorageDownloadConfig config = {});
  // Downloads into `out` as bytes arrive; a check failure is reported after
  // the bytes were written (the caller decides what to do with them).
  Result<StorageObject> download(std::string_view gs_uri, std::ostream& out, StorageDownloadConfig config = {});
  // The download to `path` on the client's event loop: a future, or a
  // callback there. The file is written there as bytes arrive; progress
  // runs there too.
  std::future<Result<StorageObject>> download_async(std::string_view gs_uri, const std::string& path,
                                                    StorageDownloadConfig config = {});
  void download_async(std::string_view gs_uri, const std::string& path, StorageDownloadConfig config,
                      Callback<StorageObject> on_done);
  // The objects under a prefix: "gs://bucket/dir/" (or "gs://bucket").
  Pager<StorageObject> list(std::string_view gs_prefix, StorageListConfig config = {});
  Result<StorageObject> get(std::string_view gs_uri, const RequestOptions& http_options = {});
  Result<void> remove(std::string_view gs_uri, const RequestOptions& http_options = {});
  // get and remove on the client's event loop, as every unary call has them:
  // a future, or a callback there. list's pages come that way too
  // (Pager::next_page_async).
  std::future<Result<StorageObject>> get_async(std::string_view gs_uri, const RequestOptions& http_options = {});
  void get_async(std::string_view gs_uri, const RequestOptions& http_options, Callback<StorageObject> on_done);
  std::future<Result<void>> remove_async(std::string_view gs_uri, const RequestOptions& http_options = {});
  void remove_async(std::string_view gs_uri, const RequestOptions& http_options, Callback<void> on_done);

  // The endpoint in use, e.g. "https://storage.googleapis.com".
  const std::string& base_url() const { return base_url_; }

 private:
  std::shared_ptr<internal::ApiClient> api_;
  std::string base_url_;
};

// CRC32C (Castagnoli) of `data`, continuing from `crc` (0 to start).
std::uint32_t crc32c(std::uint32_t crc, std::string_view data);

}  // namespace genai

#endif  // GENAI_STORAGE_H_
