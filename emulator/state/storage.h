// The emulator's Cloud Storage: buckets (each with its own IAM policy),
// objects with generations, and resumable upload sessions. Object bytes live
// in files under one directory (next to the --state file, else a temporary
// one removed at exit), written and read in pieces, never held whole; the
// metadata is kept in that directory's index.json, rewritten atomically on
// every change. Thread-safe: every method takes the one lock briefly (file
// I/O of object bytes happens outside it).
//
// Other emulator services (Vertex AI batch prediction reads its JSONL input
// from gs:// and writes its output there) use the small backend API:
//
//   StorageStore& gcs = env.storage();
//   Result<StoredObject> o = gcs.write_object("bucket", "out/predictions.jsonl", text, "application/jsonl");
//   Result<std::string> in = gcs.read_object("bucket", "in/requests.jsonl");
//   for (const StoredObject& x : gcs.list("bucket", "out/").items) ...
#ifndef GENAI_EMULATOR_STATE_STORAGE_H_
#define GENAI_EMULATOR_STATE_STORAGE_H_

#include <chrono>
#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "genai/result.h"

namespace genai::emulator {

inline constexpr const char* kStorage = "storage.googleapis.com";

struct StoredObject {
  std::string bucket;
  std::string name;
  long long generation = 0;   // microseconds since the epoch at creation, as Google's
  long long metageneration = 1;
  std::uint64_t size = 0;
  std::string md5;            // base64 of the 16-byte digest
  std::string crc32c;         // base64 of the big-endian 4-byte CRC32C
  std::string content_type;
  std::string time_created;   // RFC 3339 with milliseconds
  std::string updated;
  std::map<std::string, std::string> metadata;  // user metadata
  std::string file;           // the bytes: a file under the store's directory
};

struct Bucket {
  std::string name;
  std::string project_id;
  std::string project_number;
  std::string location = "US";
  std::string storage_class = "STANDARD";
  std::string time_created;
  std::string updated;
  long long metageneration = 1;
  // The bucket's IAM policy: role -> members. New buckets hold Google's
  // convenience bindings (projectOwner:/projectEditor:/projectViewer:).
  std::map<std::string, std::set<std::string>> bindings;
  long long iam_version = 1;  // bumped on every setIamPolicy; the etag derives from it
};

struct GcsUploadSession {
  std::string id;
  std::string bucket;
  std::string name;
  std::string content_type;
  std::map<std::string, std::string> metadata;
  std::optional<std::uint64_t> total;   // known once the client says it
  std::uint64_t committed = 0;          // bytes persisted
  std::string file;
  std::optional<long long> if_generation_match;
  std::string principal;                // who started it
};

struct ObjectListing {
  std::vector<StoredObject> items;
  std::vector<std::string> prefixes;    // with a delimiter: the "directories"
  std::string next_page_token;          // empty: the last page
};

// "gs://bucket/path" -> {bucket, path}; nullopt for anything else.
std::optional<std::pair<std::string, std::string>> split_gs_uri(const std::string& uri);

class StorageStore {
 public:
  // `dir` empty: a fresh temporary directory, removed with the store.
  explicit StorageStore(std::string dir);
  ~StorageStore();
  StorageStore(const StorageStore&) = delete;
  StorageStore& operator=(const StorageStore&) = delete;

  const std::string& dir() const { return dir_; }

  // Buckets. create_bucket fails with ALREADY_EXISTS when the name is taken.
  Result<Bucket> create_bucket(const std::string& name, const std::string& project_id,
                               const std::string& project_number, std::chrono::system_clock::time_point now,
                               const std::string& location = "US");
  std::optional<Bucket> bucket(const std::string& name) const;
  std::vector<Bucket> buckets(const std::string& project_id) const;
  // FAILED_PRECONDITION when it still holds objects.
  Result<void> delete_bucket(const std::string& name);
  // Replaces the IAM bindings when expected_version is 0 or current (else ABORTED).
  Result<Bucket> set_bucket_bindings(const std::string& name, std::map<std::string, std::set<std::string>> bindings,
                                     long long expected_version);

  // Objects. `if_generation_match`: 0 means "only if no live object", as Google's.
  Result<StoredObject> write_object(const std::string& bucket, const std::string& name, std::string_view data,
                                    const std::string& content_type,
                                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now(),
                                    std::optional<long long> if_generation_match = std::nullopt,
                                    std::map<std::string, std::string> metadata = {});
  std::optional<StoredObject> object(const std::string& bucket, const std::string& name) const;
  // The whole object (for small ones: JSONL batch inputs); NOT_FOUND if absent.
  Result<std::string> read_object(const std::string& bucket, const std::string& name) const;
  // The object's bytes as a stream, open before the lock is released, so a
  // concurrent overwrite or delete does not disturb a download in progress.
  Result<std::pair<StoredObject, std::shared_ptr<std::istream>>> open_object(const std::string& bucket,
                                                                             const std::string& name) const;
  // Objects whose names start with `prefix`, in name order, after `page_token`
  // (the last name of the previous page), at most `max_results` (items and
  // prefixes together); with a delimiter, names past it fold into prefixes.
  ObjectListing list(const std::string& bucket, const std::string& prefix, const std::string& delimiter = "",
                     const std::string& page_token = "", std::size_t max_results = 1000) const;
  // NOT_FOUND when absent (or `generation` given and not the live one).
  Result<void> delete_object(const std::string& bucket, const std::string& name,
                             std::optional<long long> generation = std::nullopt);

  // Resumable uploads.
  GcsUploadSession start_upload(GcsUploadSession session);
  std::optional<GcsUploadSession> upload(const std::string& id) const;
  // Appends `data` (which starts at `offset`) to the session. Bytes before
  // the committed offset are skipped; a gap is INVALID_ARGUMENT. Only whole
  // 256 KiB units are kept unless `final`. Returns the session after.
  Result<GcsUploadSession> append_upload(const std::string& id, std::uint64_t offset, std::string_view data,
                                      std::optional<std::uint64_t> total, bool final);
  // Turns a complete session into the object (hashes computed from the file).
  Result<StoredObject> finish_upload(const std::string& id, std::chrono::system_clock::time_point now);
  void cancel_upload(const std::string& id);

  // Drops everything (the admin API's reset).
  void clear();

 private:
  Result<StoredObject> commit_file(const std::string& bucket, const std::string& name, const std::string& temp_file,
                                   const std::string& content_type, std::map<std::string, std::string> metadata,
                                   std::chrono::system_clock::time_point now, std::optional<long long> if_generation_match);
  void save_locked() const;
  void load();
  std::string new_file_path(const char* kind) const;

  std::string dir_;
  bool owns_dir_ = false;
  mutable std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
  std::map<std::string, std::map<std::string, StoredObject>> objects_;  // bucket -> name -> object
  std::map<std::string, GcsUploadSession> uploads_;
  long long last_generation_ = 0;
};

// Checksums as Cloud Storage reports them: base64 of the big-endian digest.
std::uint32_t storage_crc32c(std::uint32_t crc, std::string_view data);
std::string storage_crc32c_base64(std::uint32_t crc);

// Google's object-name rules: 1..1024 bytes of UTF-8, no CR/LF or other
// control characters, not "." or "..".
bool storage_object_name_valid(std::string_view name);
// Bucket names: 3..63 of [a-z0-9._-], starting and ending with a letter or digit.
bool storage_bucket_name_valid(std::string_view name);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_STORAGE_H_
