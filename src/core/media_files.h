// Internal: reading a media file whole (with the inline size limit) and
// writing a file atomically (temporary file + rename), shared by
// Image::from_file, Image::save and Part::from_file.
#ifndef GENAI_SRC_CORE_MEDIA_FILES_H_
#define GENAI_SRC_CORE_MEDIA_FILES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "genai/result.h"

namespace genai::internal {

// The bytes of a regular, non-empty file of at most `limit` bytes; errors
// name the path and say what to do.
Result<std::string> read_media_file(const std::string& path, std::size_t limit);

// Writes `bytes` to a temporary file next to `path`, fsyncs it, then renames
// it over `path` (overwrite) or links it to `path` (fails with ALREADY_EXISTS
// if `path` exists). On any failure the temporary file is removed and `path`
// is untouched.
Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_MEDIA_FILES_H_
