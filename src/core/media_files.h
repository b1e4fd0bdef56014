// Internal: reading a media file whole, with the inline size limit, shared
// by Image::from_file and Part::from_file. (Image::save writes with
// core/atomic_file.h.)
#ifndef GENAI_SRC_CORE_MEDIA_FILES_H_
#define GENAI_SRC_CORE_MEDIA_FILES_H_

#include <cstddef>
#include <string>

#include "genai/result.h"

namespace genai::internal {

// The bytes of a regular, non-empty file of at most `limit` bytes; errors
// name the path and say what to do.
Result<std::string> read_media_file(const std::string& path, std::size_t limit);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_MEDIA_FILES_H_
