// Internal: the one way genai-cpp replaces or creates a file on disk (saved
// images, `genai setup`'s key files, `genai chat`'s /save, the emulator's
// --state file, downloads), so a crash, a full disk or a failed download
// never leaves half a file behind.
#ifndef GENAI_SRC_CORE_ATOMIC_FILE_H_
#define GENAI_SRC_CORE_ATOMIC_FILE_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "genai/result.h"

namespace genai::internal {

// A file written a piece at a time (a download) into a temporary file next
// to its path, which appears at the path only on commit(). Destroyed
// without a commit (a failure), the temporary file is removed and the path
// is untouched.
//
//   Result<AtomicFileWriter> out = AtomicFileWriter::open("talk.mp4", /*overwrite=*/false);
//   out->write(bytes); ...
//   Result<void> done = out->commit();
class AtomicFileWriter {
 public:
  // Fails (naming `path`) when the temporary file cannot be made, or, when
  // not `overwrite`, with ALREADY_EXISTS when `path` exists: before any
  // byte is fetched (commit() checks again, atomically).
  static Result<AtomicFileWriter> open(const std::string& path, bool overwrite, mode_t mode = 0644);
  AtomicFileWriter(AtomicFileWriter&& other) noexcept;
  AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  Result<void> write(std::string_view bytes);
  // fsyncs, then renames over `path` (overwrite) or links to it (fails with
  // ALREADY_EXISTS if `path` exists, with no window in which another
  // writer's file could be replaced). Once only.
  Result<void> commit();
  // Removes the temporary file now (a failed download, before its caller
  // hears of the failure); the destructor does the same.
  void discard();

  const std::string& path() const { return path_; }

 private:
  AtomicFileWriter(std::string path, std::string tmp, int fd, bool overwrite)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(fd), overwrite_(overwrite) {}
  Error fail(int err);

  std::string path_;
  std::string tmp_;  // empty once committed or moved from
  int fd_ = -1;
  bool overwrite_ = true;
};

// AtomicFileWriter::open for a writer shared by callbacks (a download's,
// on the event loop, and the blocking one's).
Result<std::shared_ptr<AtomicFileWriter>> open_shared_file(const std::string& path, bool overwrite);

// Writes `bytes` to a temporary file next to `path` with permissions `mode`
// (whatever the umask) and commits it (AtomicFileWriter). On any failure the
// temporary file is removed and `path` is untouched.
Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite,
                                   mode_t mode = 0644);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_ATOMIC_FILE_H_
