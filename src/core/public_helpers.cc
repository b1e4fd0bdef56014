// The public face of core's helpers (genai/secrets.h, genai/files.h, the
// error constructors of genai/error.h): one
// implementation each, in core, reached by the library as internal:: and by
// applications (and the CLI) as genai::.
#include "core/atomic_file.h"
#include "core/base64.h"
#include "core/errors.h"
#include "core/redact.h"
#include "genai/files.h"
#include "genai/secrets.h"

namespace genai {

Error make_invalid_argument_error(std::string message, std::string fix) {
  return internal::invalid_argument(std::move(message), std::move(fix));
}
Error make_transport_error(std::string message, std::string fix) {
  return internal::transport_error(std::move(message), std::move(fix));
}
Error make_cancelled_error(std::string message) { return internal::cancelled_error(std::move(message)); }
Error error_from_http_response(int http_status, std::string_view body) {
  return internal::error_from_http(http_status, body);
}

std::string redact(std::string_view text) { return internal::redact(text); }
std::string mask_secret(std::string_view secret) { return internal::mask_secret(secret); }
void wipe_secret(std::string& secret) { internal::wipe_secret(secret); }

Result<void> write_file_atomically(const std::string& path, std::string_view bytes, bool overwrite, mode_t mode) {
  return internal::write_file_atomically(path, bytes, overwrite, mode);
}
std::string base64_encode(std::string_view bytes) { return internal::base64_encode(bytes); }
std::optional<std::string> base64_decode(std::string_view text) { return internal::base64_decode(text); }

}  // namespace genai
