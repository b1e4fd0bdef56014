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

std::string base_name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite, mode_t mode) {
  if (path.empty()) return local_error("INVALID_ARGUMENT", "the output path is empty", "Give a file name.");
  // The temporary file sits in the target's directory so rename() stays on
  // one filesystem (atomic), and is hidden from directory listings.
  std::string tmp = directory_of(path) + "/." + base_name(path) + ".tmp-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // created with mode 0600
  if (fd < 0) return file_error_from_errno(errno, "cannot write", path);
  auto fail = [&](int err) -> Error {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    return file_error_from_errno(err, "cannot write", path);
  };
  if (::fchmod(fd, mode) != 0) return fail(errno);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  const int closing = fd;
  fd = -1;
  if (::close(closing) != 0) return fail(errno);
  if (overwrite) {
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail(errno);
    return {};
  }
  // link() fails with EEXIST instead of replacing.
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    if (err == EEXIST) {
      return local_error("ALREADY_EXISTS", path + " already exists",
                        "Choose another name, or allow overwriting (overwrite = true).");
    }
    return file_error_from_errno(err, "cannot write", path);
  }
  ::unlink(tmp.c_str());
  return {};
}

}  // namespace genai::internal
