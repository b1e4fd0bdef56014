// Internal: the one way genai-cpp replaces or creates a file on disk (saved
// images, `genai setup`'s key files, `genai chat`'s /save, the emulator's
// --state file), so a crash or a full disk never leaves half a file behind.
#ifndef GENAI_SRC_CORE_ATOMIC_FILE_H_
#define GENAI_SRC_CORE_ATOMIC_FILE_H_

#include <sys/types.h>

#include <string>
#include <string_view>

#include "genai/result.h"

namespace genai::internal {

// Writes `bytes` to a temporary file next to `path` with permissions `mode`
// (whatever the umask), fsyncs it, then renames it over `path` (overwrite) or
// links it to `path` (fails with ALREADY_EXISTS if `path` exists, with no
// window in which another writer's file could be replaced). On any failure
// the temporary file is removed and `path` is untouched.
Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite,
                                   mode_t mode = 0644);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_ATOMIC_FILE_H_
