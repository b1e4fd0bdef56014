// genai::UploadSource (include/genai/upload.h): chunks of a file (pread), a
// stream (seek, or the last chunk held for a non-seekable one) or memory.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <istream>
#include <mutex>

#include "core/errors.h"
#include "genai/upload.h"

namespace genai {

struct UploadSource::Impl {
  enum class Kind { kPath, kMemory, kStream };
  Kind kind = Kind::kMemory;
  std::uint64_t size = 0;
  std::string path;
  std::string mime_type;
  int fd = -1;
  std::string bytes;  // kMemory
  // kStream
  std::istream* stream = nullptr;
  std::streampos start{};
  bool seekable = true;
  std::mutex mu;
  std::uint64_t consumed = 0;    // non-seekable: bytes taken from the stream so far
  std::uint64_t held_start = 0;  // non-seekable: offset of `held`
  std::string held;              // non-seekable: the chunk returned last

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }
};

UploadSource::UploadSource(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<UploadSource> UploadSource::from_path(const std::string& path) {
  auto impl = std::make_shared<Impl>();
  impl->kind = Impl::Kind::kPath;
  impl->path = path;
  impl->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (impl->fd < 0) return internal::file_error_from_errno(errno, "cannot read", path);
  struct stat st {};
  if (::fstat(impl->fd, &st) != 0) return internal::file_error_from_errno(errno, "cannot read", path);
  if (S_ISDIR(st.st_mode)) return internal::file_error_from_errno(EISDIR, "cannot read", path);
  if (!S_ISREG(st.st_mode)) {
    return internal::local_error("INVALID_ARGUMENT", path + " is not a regular file",
                                 "Give the path of a file, or pass the data as a stream with its size.");
  }
  impl->size = static_cast<std::uint64_t>(st.st_size);
  return UploadSource(std::move(impl));
}

UploadSource UploadSource::from_memory(std::string bytes, std::string mime_type) {
  auto impl = std::make_shared<Impl>();
  impl->kind = Impl::Kind::kMemory;
  impl->size = bytes.size();
  impl->bytes = std::move(bytes);
  impl->mime_type = std::move(mime_type);
  return UploadSource(std::move(impl));
}

Result<UploadSource> UploadSource::from_stream(std::istream& in, std::optional<std::uint64_t> size) {
  auto impl = std::make_shared<Impl>();
  impl->kind = Impl::Kind::kStream;
  impl->stream = &in;
  if (!in.good()) {
    return internal::local_error("INVALID_ARGUMENT", "the upload stream is not readable (it failed or ended)",
                                 "Open the stream before uploading it.");
  }
  impl->start = in.tellg();
  impl->seekable = impl->start != std::streampos(-1);
  if (!impl->seekable) in.clear();
  if (impl->seekable && !size) {
    in.seekg(0, std::ios::end);
    const std::streampos end = in.tellg();
    in.seekg(impl->start);
    if (end == std::streampos(-1) || !in.good()) {
      in.clear();
      impl->seekable = false;
    } else {
      size = static_cast<std::uint64_t>(end - impl->start);
    }
  }
  if (!size) {
    return internal::local_error("INVALID_ARGUMENT",
                                 "the size of the upload stream is unknown (it cannot seek, e.g. a pipe)",
                                 "Pass the number of bytes to send: UploadSource::from_stream(in, size).");
  }
  impl->size = *size;
  return UploadSource(std::move(impl));
}

std::uint64_t UploadSource::size() const { return impl_->size; }
const std::string& UploadSource::path() const { return impl_->path; }
const std::string& UploadSource::mime_type() const { return impl_->mime_type; }
bool UploadSource::seekable() const { return impl_->kind != Impl::Kind::kStream || impl_->seekable; }

std::string UploadSource::describe() const {
  switch (impl_->kind) {
    case Impl::Kind::kPath: return impl_->path;
    case Impl::Kind::kMemory: return "memory (" + std::to_string(impl_->size) + " bytes)";
    case Impl::Kind::kStream: break;
  }
  return impl_->seekable ? "a stream" : "a non-seekable stream";
}

namespace {

Error upload_source_ended(const std::string& what, std::uint64_t offset, std::uint64_t size) {
  return internal::local_error("FAILED_PRECONDITION",
                               what + " ended at byte " + std::to_string(offset) + " of the " + std::to_string(size) +
                                   " announced (it changed while being uploaded)",
                               "Upload a file that nothing else is writing to.");
}

// Reads exactly `n` bytes from a stream into `out` (appending); false when it ends early.
bool read_stream_into(std::istream& in, std::uint64_t n, std::string& out) {
  const std::size_t at = out.size();
  out.resize(at + static_cast<std::size_t>(n));
  in.read(out.data() + at, static_cast<std::streamsize>(n));
  const auto got = static_cast<std::size_t>(in.gcount());
  out.resize(at + got);
  return got == n;
}

}  // namespace

Result<std::string> UploadSource::read(std::uint64_t offset, std::size_t max_bytes) const {
  Impl& s = *impl_;
  if (offset > s.size) {
    return internal::local_error("OUT_OF_RANGE", "offset " + std::to_string(offset) + " is past the end of " +
                                                     describe() + " (" + std::to_string(s.size) + " bytes)");
  }
  const std::uint64_t n = std::min<std::uint64_t>(max_bytes, s.size - offset);
  std::string out;
  if (n == 0) return out;
  switch (s.kind) {
    case Impl::Kind::kMemory:
      return s.bytes.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(n));
    case Impl::Kind::kPath: {
      out.resize(static_cast<std::size_t>(n));
      std::size_t got = 0;
      while (got < n) {
        const ssize_t r = ::pread(s.fd, out.data() + got, static_cast<std::size_t>(n) - got,
                                  static_cast<off_t>(offset + got));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return internal::file_error_from_errno(errno, "cannot read", s.path);
        if (r == 0) return upload_source_ended(s.path, offset + got, s.size);
        got += static_cast<std::size_t>(r);
      }
      return out;
    }
    case Impl::Kind::kStream: break;
  }
  std::lock_guard<std::mutex> lock(s.mu);
  std::istream& in = *s.stream;
  if (s.seekable) {
    in.clear();
    in.seekg(s.start + static_cast<std::streamoff>(offset));
    if (!in.good() || !read_stream_into(in, n, out)) return upload_source_ended("the upload stream", offset + out.size(), s.size);
    return out;
  }
  if (offset < s.held_start) {
    return internal::local_error(
        "FAILED_PRECONDITION",
        "cannot resume the upload at byte " + std::to_string(offset) +
            ": the stream cannot seek back, and it holds only bytes " + std::to_string(s.held_start) + " to " +
            std::to_string(s.consumed),
        "Upload from a file or from memory (UploadSource::from_path / from_memory) to resume anywhere.");
  }
  // What is still held, then the rest from the stream (skipping a gap forward).
  if (offset < s.consumed) {
    const std::size_t from = static_cast<std::size_t>(offset - s.held_start);
    out = s.held.substr(from, static_cast<std::size_t>(std::min<std::uint64_t>(n, s.consumed - offset)));
  } else if (offset > s.consumed) {
    in.ignore(static_cast<std::streamsize>(offset - s.consumed));
    if (static_cast<std::uint64_t>(in.gcount()) != offset - s.consumed) {
      return upload_source_ended("the upload stream", s.consumed + in.gcount(), s.size);
    }
    s.consumed = offset;
  }
  if (out.size() < n) {
    const std::uint64_t more = n - out.size();
    if (!read_stream_into(in, more, out)) return upload_source_ended("the upload stream", offset + out.size(), s.size);
    s.consumed += more;
  }
  s.held = out;
  s.held_start = offset;
  return out;
}

}  // namespace genai
