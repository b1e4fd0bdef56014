// The emulator's Files API storage: uploaded and generated files of each
// project, with their bytes on disk (never whole in memory) and their
// metadata here, and the resumable uploads in progress. A file expires 48 h
// after it was made; a video stays PROCESSING for kVideoProcessingTime of
// the emulator's clock, anything else is ACTIVE at once. Thread-safe.
//
// Bytes live in `dir`: next to the --state file (STATE.files/, with an
// index.json so files survive a restart), else in a temporary directory
// removed with the store.
#ifndef GENAI_EMULATOR_STATE_FILES_H_
#define GENAI_EMULATOR_STATE_FILES_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genai::emulator {

using SystemTime = std::chrono::system_clock::time_point;

// How long an uploaded video stays PROCESSING (Google transcodes it first).
inline constexpr std::chrono::seconds kVideoProcessingTime{10};
// How long a file lives (Google: 48 hours).
inline constexpr std::chrono::hours kFileLifetime{48};
// The largest file (Google: 2 GB).
inline constexpr std::uint64_t kMaxFileBytes = std::uint64_t{2} << 30;

struct StoredFile {
  std::string id;  // "abc123xyz": the name is "files/" + id
  std::string owner;
  std::string display_name;
  std::string mime_type;
  std::uint64_t size = 0;
  SystemTime create_time;
  SystemTime active_time;  // PROCESSING before, ACTIVE from then on
  std::string sha256;      // raw digest bytes
  bool generated = false;  // source GENERATED (Veo's videos), else UPLOADED
  std::string path;        // the bytes on disk

  SystemTime expiration_time() const { return create_time + kFileLifetime; }
};

struct UploadSession {
  std::string id;  // the upload_id of the upload URL
  std::string owner;
  std::string file_id;  // chosen at start (the client's name, or a new id)
  std::string display_name;
  std::string mime_type;
  std::optional<std::uint64_t> declared_size;  // X-Goog-Upload-Header-Content-Length
  std::uint64_t received = 0;
  std::string path;  // the bytes so far
  bool final = false;
};

class FileStore {
 public:
  // `dir` empty: a temporary directory, removed by the destructor.
  explicit FileStore(std::string dir);
  ~FileStore();
  FileStore(const FileStore&) = delete;
  FileStore& operator=(const FileStore&) = delete;

  const std::string& dir() const { return dir_; }

  // A new random id: 12 lower-case letters and digits, as Google's.
  static std::string new_id();
  // Whether `id` is free (no file and no upload in progress uses it).
  bool id_free(const std::string& id);

  // Starts an upload; fills session.id and session.path.
  UploadSession start_upload(UploadSession session);
  std::optional<UploadSession> upload(const std::string& upload_id) const;
  // Appends `bytes` to the upload at its current end. Returns the session
  // after, or nullopt when unknown, final, or the disk refused.
  std::optional<UploadSession> append(const std::string& upload_id, std::string_view bytes);
  // Ends an upload that does not make a file (an upload into a File Search
  // store): marks it final and returns its bytes, removing them from disk;
  // nullopt when unknown, already final, or unreadable.
  std::optional<std::string> finish_upload(const std::string& upload_id);
  // Makes the upload a file (sha256 computed from disk) at `now`.
  std::optional<StoredFile> finalize(const std::string& upload_id, SystemTime now);

  // A file made by the emulator itself (a generated video), ACTIVE at once.
  std::optional<StoredFile> put_generated(const std::string& owner, const std::string& mime_type,
                                          std::string_view bytes, SystemTime now);

  // nullopt when unknown, expired, or another project's.
  std::optional<StoredFile> get(const std::string& owner, const std::string& id, SystemTime now);
  // The project's files, newest first.
  std::vector<StoredFile> list(const std::string& owner, SystemTime now);
  bool remove(const std::string& owner, const std::string& id, SystemTime now);

  // Up to `max` bytes of a file from `offset` (for reading a text file into a prompt).
  std::string read(const StoredFile& f, std::uint64_t offset, std::size_t max) const;

 private:
  void expire_locked(SystemTime now);
  void save_index_locked() const;
  void load_index();

  std::string dir_;
  bool temporary_ = false;
  mutable std::mutex mu_;
  std::map<std::string, StoredFile> files_;        // by id
  std::map<std::string, UploadSession> uploads_;   // by upload id
};

// RFC 3339 with microseconds, as the Files API writes times: "2025-01-01T00:00:00.123456Z".
std::string file_time(SystemTime t);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_FILES_H_
