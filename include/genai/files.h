// Files on disk, the way libgenai writes them: atomically (a crash or a full
// disk never leaves half a file), with the mode asked for; and base64, the
// encoding of the API's inline bytes and of downloaded key files.
//
//   genai::write_file_atomically("out.png", bytes, /*overwrite=*/false, 0644);
//   std::optional<std::string> raw = genai::base64_decode(text);
#ifndef GENAI_FILES_H_
#define GENAI_FILES_H_

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "genai/result.h"

namespace genai {

// Writes `bytes` to a temporary file next to `path` with permissions `mode`
// (whatever the umask), fsyncs it, then renames it over `path` (overwrite)
// or links it to `path` (ALREADY_EXISTS if `path` exists). On any failure
// `path` is untouched.
Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite,
                                   mode_t mode = 0644);

// RFC 4648 base64, standard alphabet with padding.
std::string base64_encode(std::string_view bytes);
// Either alphabet, with or without padding; nullopt on bad input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace genai

#endif  // GENAI_FILES_H_
