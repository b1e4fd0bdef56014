#include "emulator/handlers/front_door.h"

#include <openssl/crypto.h>

#include <string>

namespace genai::emulator {
namespace {

// "127.0.0.1" from "127.0.0.1:8080", "[::1]" from "[::1]:8080".
std::string_view host_name(std::string_view host_and_port) {
  if (!host_and_port.empty() && host_and_port.front() == '[') {
    const size_t close = host_and_port.find(']');
    return close == std::string_view::npos ? host_and_port : host_and_port.substr(0, close + 1);
  }
  return host_and_port.substr(0, host_and_port.find(':'));
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

int json_depth(std::string_view text, int stop_after) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // whatever is escaped, it cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > deepest && (deepest = depth) > stop_after) return deepest;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::optional<GoogleError> refuse_body(const Request& req, const ServerOptions& options) {
  if (req.body.size() > options.max_request_bytes) return payload_too_large(options.max_request_bytes);
  // Upload bodies are the bytes of a file, not JSON: a Files API upload's
  // chunks and its raw and multipart uploads (named by X-Goog-Upload-Protocol,
  // in any case, or by uploadType), Cloud Storage's media and multipart
  // uploads. A multipart body's JSON part is checked by its handler.
  const std::string upload_type = req.get_param_value("uploadType");
  const std::string protocol = req.get_header_value("X-Goog-Upload-Protocol");
  const bool media = req.path.rfind("/upload/", 0) == 0 &&
                     (req.has_param("upload_id") || ascii_iequals(protocol, "raw") || ascii_iequals(protocol, "multipart") ||
                      upload_type == "media" || upload_type == "multipart");
  if (media) return std::nullopt;
  if (json_depth(req.body, options.max_json_depth) > options.max_json_depth) return json_too_deep(options.max_json_depth);
  // A NUL byte is never valid JSON, but nlohmann's parser takes it for the
  // end of the input and would accept `{"a": 1}\0anything`. Form bodies (the
  // token endpoint) are not JSON and are parsed by the frontend.
  if (req.body.find('\0') != std::string::npos &&
      req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0) {
    return json_payload_invalid();
  }
  return std::nullopt;
}

std::optional<GoogleError> refuse_admin_request(const Request& req, const ServerOptions& options) {
  const std::string host = req.get_header_value("Host");
  if (req.has_header("Origin")) {
    const std::string origin = req.get_header_value("Origin");
    const size_t scheme_end = origin.find("://");
    if (scheme_end == std::string::npos || origin.substr(scheme_end + 3) != host) {
      return admin_refused("a request from another site (Origin " + origin + ") is refused.");
    }
  }
  if (!req.body.empty() && req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return admin_refused("send the body as Content-Type: application/json.");
  }
  if (!options.admin_token.empty()) {
    const std::string authorization = req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.rfind(kBearer, 0) != 0 ||
        !same_secret(std::string_view(authorization).substr(kBearer.size()), options.admin_token)) {
      return admin_refused(
          "this emulator is reachable from other machines, so its admin API needs "
          "\"Authorization: Bearer <admin token>\" (the token genai-emulator printed at start, or --admin-token).");
    }
    return std::nullopt;
  }
  // A browser always sends Host, so one without it is not a rebound page.
  if (!host.empty() && !is_loopback_host(host_name(host))) {
    return admin_refused("the Host header must name this machine's loopback address (127.0.0.1, localhost or [::1]).");
  }
  return std::nullopt;
}

}  // namespace genai::emulator
