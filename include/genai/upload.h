// The bytes of an upload, wherever they come from: a file on disk, a
// std::istream, or a buffer in memory. Uploads (Files API, Cloud Storage)
// send them in chunks and, after a failed chunk, resume at the offset the
// server reports; an UploadSource reads any chunk at any offset, so memory
// stays flat (one chunk) whatever the size of the file.
//
//   auto src = genai::UploadSource::from_path("talk.mp4").value();  // size from stat
//   std::string chunk = src.read(8 << 20, 8 << 20).value();          // bytes 8 MiB..16 MiB
//
//   std::ifstream in("data.jsonl", std::ios::binary);
//   auto s = genai::UploadSource::from_stream(in).value();           // seekable: size found by seeking
//   auto m = genai::UploadSource::from_memory("hello", "text/plain");
//
// A stream that cannot seek (a pipe) needs its size given, and can go back
// only within the chunk it read last: resuming earlier than that fails with
// a clear error (read the data into memory, or from a file, to resume anywhere).
#ifndef GENAI_UPLOAD_H_
#define GENAI_UPLOAD_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "genai/result.h"

namespace genai {

// Called after each chunk the server accepted: bytes it holds so far, and the
// upload's total. After a resume `bytes_sent` may go back (to the server's
// offset). Runs on the uploading thread; keep it short.
using UploadProgress = std::function<void(std::uint64_t bytes_sent, std::uint64_t total)>;

class UploadSource {
 public:
  // A regular file, read with pread (thread-safe, no shared file position).
  // Fails (naming the path) when it cannot be opened or is not a regular file.
  static Result<UploadSource> from_path(const std::string& path);
  // Bytes in memory (copied or moved in). `mime_type` is a hint kept for
  // the uploader; it may be empty.
  static UploadSource from_memory(std::string bytes, std::string mime_type = {});
  // A stream the caller keeps alive until the upload ends. `size`: the
  // number of bytes to send from the stream's current position; when not
  // given the stream must be seekable (the size is found by seeking to its end).
  static Result<UploadSource> from_stream(std::istream& in, std::optional<std::uint64_t> size = std::nullopt);

  // Total bytes to upload.
  std::uint64_t size() const;
  // The file's path (from_path), else empty: used to guess a MIME type and a display name.
  const std::string& path() const;
  // The mime type given to from_memory, else empty.
  const std::string& mime_type() const;
  // Whether read() may go back anywhere (false only for a non-seekable stream).
  bool seekable() const;

  // Up to `max_bytes` bytes starting at `offset` (fewer only at the end;
  // empty at offset == size()). Errors: offset past the end, a read error, a
  // file or stream that ended early (it shrank), or, for a non-seekable
  // stream, an offset before the chunk it holds.
  Result<std::string> read(std::uint64_t offset, std::size_t max_bytes) const;

  // A short description for errors and logs: the path, "memory (N bytes)" or "a stream".
  std::string describe() const;

 private:
  struct Impl;
  explicit UploadSource(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;  // shared: copies read the same file or stream
};

// The MIME type of a file name's extension, as Python's mimetypes module
// (which python-genai uses for uploads) answers for the common media, text
// and document types: "talk.mp4" → "video/mp4", "notes.md" → "text/markdown".
// Empty for an unknown extension (the uploader then looks at the bytes).
std::string mime_type_from_extension(std::string_view path);

}  // namespace genai

#endif  // GENAI_UPLOAD_H_
