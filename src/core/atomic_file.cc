#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "core/errors.h"

namespace genai::internal {
namespace {

std::string directory_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Error already_exists(const std::string& path) {
  return local_error("ALREADY_EXISTS", path + " already exists",
                     "Choose another name, or allow overwriting (overwrite = true).");
}

std::string base_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<AtomicFileWriter> AtomicFileWriter::open(const std::string& path, bool overwrite, mode_t mode) {
  if (path.empty()) return local_error("INVALID_ARGUMENT", "the output path is empty", "Give a file name.");
  struct stat st {};
  if (!overwrite && ::lstat(path.c_str(), &st) == 0) return already_exists(path);
  // The temporary file sits in the target's directory so rename() stays on
  // one filesystem (atomic), and is hidden from directory listings.
  std::string tmp = directory_of(path) + "/." + base_name(path) + ".tmp-XXXXXX";
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // created with mode 0600
  if (fd < 0) return file_error_from_errno(errno, "cannot write", path);
  AtomicFileWriter out(path, std::move(tmp), fd, overwrite);
  if (::fchmod(fd, mode) != 0) return out.fail(errno);
  return out;
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : path_(std::move(other.path_)), tmp_(std::move(other.tmp_)), fd_(other.fd_), overwrite_(other.overwrite_) {
  other.tmp_.clear();
  other.fd_ = -1;
}

AtomicFileWriter::~AtomicFileWriter() { discard(); }

void AtomicFileWriter::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
}

Error AtomicFileWriter::fail(int err) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!tmp_.empty()) ::unlink(tmp_.c_str());
  tmp_.clear();
  return file_error_from_errno(err, "cannot write", path_);
}

Result<void> AtomicFileWriter::write(std::string_view bytes) {
  if (fd_ < 0) return local_error("INTERNAL", "cannot write " + path_ + ": the file was already closed");
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    done += static_cast<std::size_t>(n);
  }
  return {};
}

Result<void> AtomicFileWriter::commit() {
  if (fd_ < 0) return local_error("INTERNAL", "cannot write " + path_ + ": the file was already closed");
  if (::fsync(fd_) != 0) return fail(errno);
  const int closing = fd_;
  fd_ = -1;
  if (::close(closing) != 0) return fail(errno);
  if (overwrite_) {
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) return fail(errno);
    tmp_.clear();
    return {};
  }
  // link() fails with EEXIST instead of replacing.
  if (::link(tmp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST) {
      ::unlink(tmp_.c_str());
      tmp_.clear();
      return already_exists(path_);
    }
    return fail(err);
  }
  ::unlink(tmp_.c_str());
  tmp_.clear();
  return {};
}

Result<std::shared_ptr<AtomicFileWriter>> open_shared_file(const std::string& path, bool overwrite) {
  Result<AtomicFileWriter> file = AtomicFileWriter::open(path, overwrite);
  if (!file) return std::move(file).error();
  return std::make_shared<AtomicFileWriter>(std::move(*file));
}

Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite, mode_t mode) {
  Result<AtomicFileWriter> out = AtomicFileWriter::open(path, overwrite, mode);
  if (!out) return std::move(out).error();
  if (Result<void> w = out->write(bytes); !w) return w;
  return out->commit();
}

}  // namespace genai::internal
