// Files on disk as inline media (Part::from_file, Image::from_file) and
// images written back to disk (Image::save), plus the image accessors of
// Part and GenerateContentResponse.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "core/atomic_file.h"
#include "core/base64.h"
#include "core/errors.h"
#include "core/media_files.h"
#include "genai/types.h"

namespace genai {
namespace internal {
namespace {

// Closes a descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace

Result<std::string> read_media_file(const std::string& path, std::size_t limit) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return file_error_from_errno(errno, "cannot read", path);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return file_error_from_errno(errno, "cannot read", path);
  if (S_ISDIR(st.st_mode)) return file_error_from_errno(EISDIR, "cannot read", path);
  if (!S_ISREG(st.st_mode)) {
    return local_error("INVALID_ARGUMENT", path + " is not a regular file", "Give the path of a file.");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > limit) {
    return local_error("OUT_OF_RANGE",
                      path + " is " + megabytes(size) + "; data sent inline is limited to " + megabytes(limit),
                      "Upload it with the Files API instead (client.files().upload(path), or `genai files upload PATH`) "
                      "and reference it with Part::from_uploaded_file.");
  }
  if (size == 0) return local_error("INVALID_ARGUMENT", path + " is empty", "Give a file with content.");
  std::string bytes(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(f.fd, bytes.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error_from_errno(errno, "cannot read", path);
    if (n == 0) break;  // the file shrank while we read it
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

}  // namespace internal

Result<Image> Image::from_file(const std::string& path, std::string_view mime_type) {
  Result<std::string> bytes = internal::read_media_file(path, kMaxInlineDataBytes);
  if (!bytes) return std::move(bytes).error();
  Image image;
  image.mime_type = mime_type.empty() ? detect_mime_type(*bytes) : std::string(mime_type);
  image.image_bytes = std::move(*bytes);
  return image;
}

Result<void> Image::save(const std::string& path, bool overwrite) const {
  if (image_bytes.empty()) {
    return internal::local_error("FAILED_PRECONDITION", "the image has no bytes to save to " + path,
                                gcs_uri ? "It is stored in Cloud Storage: " + *gcs_uri : std::string());
  }
  return internal::write_file_atomically(path, image_bytes, overwrite);
}

Result<Part> Part::from_file(const std::string& path, std::string_view mime_type) {
  Result<std::string> bytes = internal::read_media_file(path, kMaxInlineDataBytes);
  if (!bytes) return std::move(bytes).error();
  return Part::from_bytes(*bytes, mime_type.empty() ? detect_mime_type(*bytes) : std::string(mime_type));
}

Part Part::from_image(const Image& image) { return Part::from_bytes(image.image_bytes, image.mime_type); }

std::optional<Image> Part::as_image() const {
  if (!inline_data || inline_data->mime_type.rfind("image/", 0) != 0) return std::nullopt;
  std::optional<std::string> bytes = internal::base64_decode(inline_data->data);
  if (!bytes) return std::nullopt;
  return Image{std::move(*bytes), inline_data->mime_type, std::nullopt};
}

std::vector<Image> GenerateContentResponse::images() const {
  std::vector<Image> out;
  if (candidates.empty() || !candidates[0].content) return out;
  for (const Part& p : candidates[0].content->parts) {
    if (std::optional<Image> image = p.as_image()) out.push_back(std::move(*image));
  }
  return out;
}

}  // namespace genai
