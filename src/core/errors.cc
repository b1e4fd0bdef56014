// Every genai::Error is built here: parsing Google's error bodies, naming
// statuses, and the one-line fixes users see.
#include "core/errors.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ctime>

#include <nlohmann/json.hpp>

#include "core/fixes.h"
#include "core/json_parse.h"
#include "core/redact.h"

namespace genai {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kApi: return "api";
    case ErrorKind::kAuth: return "auth";
    case ErrorKind::kTransport: return "transport";
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kCancelled: return "cancelled";
    case ErrorKind::kBlocked: return "blocked";
  }
  return "unknown";
}

const std::string& Error::reason() const {
  static const std::string kEmpty;
  return error_info ? error_info->reason : kEmpty;
}

bool Error::is_transient() const {
  if (kind == ErrorKind::kTransport) return true;
  if (kind != ErrorKind::kApi) return false;
  return http_status == 408 || http_status == 429 || (http_status >= 500 && http_status != 501);
}

std::string Error::to_string() const {
  std::string out;
  if (kind == ErrorKind::kApi) {
    out = status.empty() ? std::string("HTTP error") : status;
    // An answer that is not what the API sends (unexpected_response) has no
    // status of its own to show.
    if (http_status != 0) out += " (HTTP " + std::to_string(http_status) + ")";
    if (!reason().empty()) out += " [" + reason() + "]";
    out += ": ";
  } else {
    out = std::string(genai::to_string(kind)) + " error: ";
  }
  out += internal::redact(message);
  if (!fix.empty()) out += "\n  fix: " + internal::redact(fix);
  return out;
}

Exception::Exception(Error error)
    : std::runtime_error(error.to_string()), error_(std::move(error)) {}

void throw_error(Error error) {
  switch (error.kind) {
    case ErrorKind::kApi:
      if (error.http_status >= 500) throw ServerError(std::move(error));
      if (error.http_status >= 400) throw ClientError(std::move(error));
      throw ApiError(std::move(error));
    case ErrorKind::kAuth: throw AuthError(std::move(error));
    case ErrorKind::kTransport: throw TransportError(std::move(error));
    case ErrorKind::kInvalidArgument: throw InvalidArgumentError(std::move(error));
    case ErrorKind::kCancelled: throw CancelledError(std::move(error));
    case ErrorKind::kBlocked: throw BlockedError(std::move(error));
  }
  throw Exception(std::move(error));
}

}  // namespace genai

namespace genai::internal {
namespace {

using nlohmann::json;

// Every string taken from a server's body is redacted as it is read: the
// body is untrusted and may echo a caller's secret in any field (a status, an
// ErrorInfo reason, a metadata value), and each of them reaches messages,
// to_string() and the CLI's output.
std::string string_field(const json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? redact(it->get_ref<const std::string&>()) : std::string();
}

std::map<std::string, std::string> string_map(const json& j) {
  std::map<std::string, std::string> out;
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    out[redact(it.key())] = redact(it->is_string() ? it->get_ref<const std::string&>() : it->dump());
  }
  return out;
}

// Fills the google.rpc details we model; unknown detail types are kept only in
// raw_body.
void parse_details(const json& details, Error& e) {
  if (!details.is_array()) return;
  for (const json& d : details) {
    if (!d.is_object()) continue;
    const std::string type = string_field(d, "@type");
    if (type.ends_with("google.rpc.ErrorInfo")) {
      e.error_info = ErrorInfo{string_field(d, "reason"), string_field(d, "domain"),
                               string_map(d.value("metadata", json::object()))};
    } else if (type.ends_with("google.rpc.RetryInfo")) {
      if (auto delay = parse_duration(string_field(d, "retryDelay"))) e.retry_delay = delay;
    } else if (type.ends_with("google.rpc.Help")) {
      for (const json& link : d.value("links", json::array())) {
        if (link.is_object()) e.help_links.push_back({string_field(link, "description"), string_field(link, "url")});
      }
    } else if (type.ends_with("google.rpc.QuotaFailure")) {
      for (const json& v : d.value("violations", json::array())) {
        if (!v.is_object()) continue;
        QuotaViolation q{string_field(v, "subject"), string_field(v, "description"), string_field(v, "quotaMetric"),
                         string_field(v, "quotaId"), string_field(v, "quotaValue"),
                         string_map(v.value("quotaDimensions", json::object()))};
        e.quota_violations.push_back(std::move(q));
      }
    } else if (type.ends_with("google.rpc.BadRequest")) {
      for (const json& v : d.value("fieldViolations", json::array())) {
        if (v.is_object()) e.field_violations.push_back({string_field(v, "field"), string_field(v, "description")});
      }
    }
  }
}

// Google's errors ({"error":{...}}), the same wrapped in an array (streaming
// endpoints without alt=sse), and OAuth's {"error":"...","error_description":"..."}.
bool parse_google_body(std::string_view body, Error& e) {
  json j = parse_json(body);
  if (j.is_discarded()) return false;
  if (j.is_array() && !j.empty()) j = j.front();
  if (!j.is_object()) return false;
  auto err = j.find("error");
  if (err == j.end()) return false;
  if (err->is_string()) {  // OAuth 2.0 token endpoint (RFC 6749 section 5.2)
    const std::string code = redact(err->get_ref<const std::string&>());
    const std::string description = string_field(j, "error_description");
    e.message = description.empty() ? code : code + ": " + description;
    e.error_info = ErrorInfo{code, "oauth2.googleapis.com", {}};
    return true;
  }
  if (!err->is_object()) return false;
  e.message = string_field(*err, "message");
  const std::string status = string_field(*err, "status");
  if (!status.empty()) e.status = status;
  parse_details(err->value("details", json::array()), e);
  return true;
}

// A short, printable excerpt of a body that is not Google's JSON. Cut from
// the redacted body: cutting first could leave a fragment of a key too short
// to be recognised as one.
std::string body_excerpt(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 200)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (body.size() > 200) out += "...";
  return out;
}

}  // namespace

std::string status_name_for_http(int http_status) {
  switch (http_status) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 408: return "DEADLINE_EXCEEDED";
    case 409: return "ABORTED";
    case 412: return "FAILED_PRECONDITION";
    case 429: return "RESOURCE_EXHAUSTED";
    case 499: return "CANCELLED";
    case 500: return "INTERNAL";
    case 501: return "UNIMPLEMENTED";
    case 502: return "UNAVAILABLE";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: return "UNKNOWN";
  }
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == 's')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  double seconds = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || ptr != text.data() + text.size() || !(seconds >= 0) || seconds > 86400.0 * 365) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

Error error_from_http(int http_status, std::string_view body, std::optional<std::string_view> retry_after) {
  Error e;
  e.kind = ErrorKind::kApi;
  e.http_status = http_status;
  e.raw_body = redact(body);
  if (!parse_google_body(body, e)) {
    // Not Google's JSON: an HTML page from a proxy, an empty or truncated body.
    const bool html = body.find("<html") != std::string_view::npos || body.find("<HTML") != std::string_view::npos ||
                      body.find("<!DOCTYPE") != std::string_view::npos;
    if (body.empty()) {
      e.message = "the server answered HTTP " + std::to_string(http_status) + " with an empty body";
    } else if (html) {
      e.message = "the server answered HTTP " + std::to_string(http_status) +
                  " with an HTML page instead of a Google API error (a proxy or load balancer may be in the way)";
    } else {
      e.message = "the server answered HTTP " + std::to_string(http_status) +
                  " with a body that is not a Google API error: " + body_excerpt(e.raw_body);
    }
  }
  e.message = redact(e.message);
  if (e.status.empty()) e.status = status_name_for_http(http_status);
  if (!e.retry_delay && retry_after) e.retry_delay = parse_duration(*retry_after);
  e.fix = fix_for(e);
  return e;
}

Error transport_error(std::string message, std::string fix) {
  Error e;
  e.kind = ErrorKind::kTransport;
  e.status = "UNAVAILABLE";
  e.message = redact(message);
  e.fix = redact(fix);
  return e;
}

Error unexpected_response(std::string message) {
  Error e;
  e.kind = ErrorKind::kApi;
  e.status = "UNKNOWN";
  e.message = redact(message);
  e.fix = "Check that the base URL points at a Google API endpoint (a proxy or another server may be answering); "
          "retry if it was a one-off.";
  return e;
}

Error json_too_deep(const std::string& what, std::size_t bytes) {
  return unexpected_response(what + " nests arrays and objects more than " + std::to_string(kMaxJsonDepth) +
                             " levels deep, the most libgenai accepts (" + std::to_string(bytes) + " bytes)");
}

Error no_gemini_answer(const std::string& what) {
  return unexpected_response(what + " has no candidates and no promptFeedback: it is not a Gemini answer");
}

Error auth_error(std::string message, std::string fix) {
  Error e;
  e.kind = ErrorKind::kAuth;
  e.status = "UNAUTHENTICATED";
  e.message = redact(message);
  e.fix = redact(fix);
  return e;
}

Error auth_error(std::string message, std::string fix, std::string reason,
                 std::map<std::string, std::string> metadata) {
  Error e = auth_error(std::move(message), std::move(fix));
  for (auto& [key, value] : metadata) value = redact(value);
  e.error_info = ErrorInfo{std::move(reason), kGenaiErrorDomain, std::move(metadata)};
  return e;
}

Error invalid_argument(std::string message, std::string fix) {
  Error e;
  e.kind = ErrorKind::kInvalidArgument;
  e.status = "INVALID_ARGUMENT";
  e.message = redact(message);
  e.fix = redact(fix);
  return e;
}

Error backend_only_field(const std::string& field, bool vertex_only) {
  const char* on = vertex_only ? "Vertex AI" : "the Gemini Developer API";
  const char* off = vertex_only ? "the Gemini Developer API" : "Vertex AI";
  return invalid_argument(field + " is only supported on " + on + ", not on " + off,
                          "Leave " + field + " unset, or use " + on +
                              (vertex_only ? " (ClientOptions::vertexai)." : " (an API key, without vertexai)."));
}

Error cancelled_error(std::string message) {
  Error e;
  e.kind = ErrorKind::kCancelled;
  e.status = "CANCELLED";
  e.message = std::move(message);
  return e;
}

Error blocked_error(std::string message, std::string fix) {
  Error e;
  e.kind = ErrorKind::kBlocked;
  e.http_status = 200;  // Google answered; its filters withheld the content
  e.message = redact(message);
  e.fix = redact(fix);
  return e;
}

namespace {

// "268435456 bytes (256 MiB)": the exact count, and a size a person reads.
std::string byte_count(std::size_t n) {
  std::string out = std::to_string(n) + " bytes";
  if (n >= (std::size_t{1} << 20)) out += " (" + std::to_string(n >> 20) + " MiB)";
  return out;
}

}  // namespace

Error response_too_large(const std::string& what, int http_status, std::size_t limit, std::size_t received,
                         bool announced, const std::string& option) {
  Error e;
  e.kind = ErrorKind::kApi;
  e.http_status = http_status;
  e.status = "OUT_OF_RANGE";
  e.message = redact(what + (announced ? " was announced as " + byte_count(received) + " (Content-Length)"
                                       : " reached " + byte_count(received)) +
                     ", more than the limit of " + byte_count(limit) + " (" + option + ")");
  e.fix = redact("If an answer this large is expected, raise " + option +
                 " (0 turns the limit off); otherwise the server or a proxy is misbehaving.");
  return e;
}

std::string human_duration(std::chrono::milliseconds d) {
  const long long ms = std::max<long long>(0, d.count());
  if (ms < 1000) return std::to_string(ms) + " ms";
  if (ms < 10'000 && ms % 1000 != 0) {
    // "1.5 s": a short bound rounded to whole seconds would misstate it.
    const long long tenths = (ms + 50) / 100;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
  }
  const long long s = (ms + 500) / 1000;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min" + (s % 60 ? " " + std::to_string(s % 60) + " s" : "");
  const long long min = (s % 3600 + 30) / 60;
  return std::to_string(s / 3600) + " h" + (min ? " " + std::to_string(min) + " min" : "");
}

namespace {

// "14:05:09 UTC": when a wait that starts now ends, for a user to retry then.
std::string utc_time_after(std::chrono::milliseconds wait) {
  const std::time_t t = std::chrono::system_clock::to_time_t(
      std::chrono::system_clock::now() + std::chrono::ceil<std::chrono::seconds>(wait));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

Error retry_wait_too_long(Error last, std::chrono::milliseconds wait, std::chrono::milliseconds allowed,
                          bool server_asked, const std::string& limit) {
  // Waiting less than the server asked would only be refused again; waiting
  // longer than the caller allows would break the caller's bound. Neither is
  // begun, and the user learns both numbers at once instead of after a
  // silent wait.
  if (server_asked) {
    last.message += " (the server asks to wait " + human_duration(wait) + " before retrying, more than this call " +
                    "may wait: " + human_duration(allowed) + ", " + limit + "; so it was not retried)";
    last.fix = "Retry after " + utc_time_after(wait) + " (in " + human_duration(wait) +
               "), as the server asks" + (last.fix.empty() ? "." : "; " + last.fix);
  } else {
    last.message += " (the next retry, in " + human_duration(wait) + ", would pass the call's deadline, " +
                    human_duration(allowed) + " away (" + limit + "), so it was not begun)";
    last.fix += (last.fix.empty() ? "" : " ") + std::string("To let retries run longer, raise ") + limit + ".";
  }
  return last;
}

Error deadline_exceeded(const Error& last, std::chrono::milliseconds deadline, int attempts) {
  Error e;
  e.kind = ErrorKind::kTransport;
  e.status = "DEADLINE_EXCEEDED";
  e.retry_delay = last.retry_delay;
  e.message = "the call did not finish within its deadline of " + human_duration(deadline) +
              " (HttpOptions::deadline) in " + std::to_string(attempts) + " attempt" + (attempts == 1 ? "" : "s") +
              "; the last: " + last.message;
  e.fix = "If the answer is legitimately slow (a very long generation), raise HttpOptions::deadline; otherwise the "
          "server, a proxy or the network is too slow: retry later, or check them.";
  return e;
}

namespace {
// google.rpc.Code -> its name and the HTTP status Google maps it to.
struct RpcCode {
  const char* name;
  int http;
};
RpcCode rpc_code(int code) {
  static constexpr RpcCode kCodes[] = {
      {"OK", 200},          {"CANCELLED", 499},         {"UNKNOWN", 500},           {"INVALID_ARGUMENT", 400},
      {"DEADLINE_EXCEEDED", 504}, {"NOT_FOUND", 404},   {"ALREADY_EXISTS", 409},    {"PERMISSION_DENIED", 403},
      {"RESOURCE_EXHAUSTED", 429}, {"FAILED_PRECONDITION", 400}, {"ABORTED", 409},  {"OUT_OF_RANGE", 400},
      {"UNIMPLEMENTED", 501}, {"INTERNAL", 500},        {"UNAVAILABLE", 503},       {"DATA_LOSS", 500},
      {"UNAUTHENTICATED", 401}};
  return code >= 0 && code <= 16 ? kCodes[code] : RpcCode{"UNKNOWN", 500};
}
}  // namespace

Error operation_error(const json& status) {
  const int code = status.is_object() && status.contains("code") && status["code"].is_number_integer()
                       ? status["code"].get<int>()
                       : 2;
  const RpcCode rpc = rpc_code(code);
  json body = {{"error", {{"code", rpc.http}, {"status", rpc.name}}}};
  body["error"]["message"] = status.is_object() ? status.value("message", "") : "";
  if (status.is_object() && status.contains("details")) body["error"]["details"] = status["details"];
  return error_from_http(rpc.http, body.dump());
}

Error operation_wait_deadline(const std::string& name, std::chrono::milliseconds waited, int polls) {
  Error e;
  e.kind = ErrorKind::kTransport;
  e.status = "DEADLINE_EXCEEDED";
  e.message = "the operation " + name + " was not done after " + human_duration(waited) + " (" +
              std::to_string(polls) + " poll" + (polls == 1 ? "" : "s") + "; WaitOptions::timeout or deadline)";
  e.fix = "It keeps running on the server: wait again with the same name (genai operations wait NAME, or "
          "client.operations().wait(name)), or allow more time.";
  return e;
}

Error file_wait_deadline(const std::string& name, std::chrono::milliseconds waited, int polls) {
  Error e;
  e.kind = ErrorKind::kTransport;
  e.status = "DEADLINE_EXCEEDED";
  e.message = "the file " + name + " was still not ACTIVE after " + human_duration(waited) + " (" +
              std::to_string(polls) + " poll" + (polls == 1 ? "" : "s") + "; WaitOptions::timeout or deadline)";
  e.fix = "Google is still processing it (videos take a while): wait again (genai files get " + name +
          ", or client.files().wait_until_active(name)), or allow more time.";
  return e;
}

Error upload_protocol_error(const std::string& detail) {
  Error e = unexpected_response("the upload failed: " + detail);
  e.fix = "The server does not speak Google's resumable upload protocol as expected; check the base URL "
          "(HttpOptions::base_url, GOOGLE_GEMINI_BASE_URL) and retry the upload.";
  return e;
}

Error operation_wait_cancelled(const std::string& name) {
  Error e = cancelled_error("waiting for the operation " + name + " was cancelled");
  e.fix = "It keeps running on the server: wait again with the same name to get its result.";
  return e;
}

Error stream_idle_timeout(std::chrono::milliseconds idle, int chunks, const std::string& detail) {
  Error e;
  e.kind = ErrorKind::kTransport;
  e.status = "DEADLINE_EXCEEDED";
  e.message = redact("no complete chunk of the stream arrived for " + human_duration(idle) +
                     " (HttpOptions::stream_idle_timeout) after " + std::to_string(chunks) + " chunk(s): " + detail);
  e.fix = "The answer is incomplete; retry the request. If the server legitimately pauses this long, raise "
          "HttpOptions::stream_idle_timeout.";
  return e;
}

Error local_error(std::string status, std::string message, std::string fix) {
  Error e;
  e.kind = ErrorKind::kInvalidArgument;
  e.status = std::move(status);
  e.message = redact(message);
  e.fix = redact(fix);
  return e;
}

Error file_error_from_errno(int err, std::string_view doing, const std::string& path) {
  const std::string what = std::string(doing) + " " + path + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
      return local_error("NOT_FOUND", what, "Check the path; relative paths are taken from the current directory.");
    case EACCES:
    case EPERM:
      return local_error("PERMISSION_DENIED", what, "Check the permissions of the file and its directory.");
    case EEXIST:
      return local_error("ALREADY_EXISTS", what, "Choose another name, or allow overwriting (overwrite = true).");
    case EISDIR:
      return local_error("INVALID_ARGUMENT", what, "Give the path of a file, not a directory.");
    case ENOSPC:
    case EDQUOT:
      return local_error("RESOURCE_EXHAUSTED", what, "Free some disk space and try again.");
    default:
      return local_error("INTERNAL", what);
  }
}

Error websocket_closed(int code, const std::string& reason) {
  Error e;
  e.kind = ErrorKind::kApi;
  // The close codes Google's Live API uses, as the google.rpc code they stand for.
  switch (code) {
    case 1007: e.status = "INVALID_ARGUMENT"; break;
    case 1008: e.status = "PERMISSION_DENIED"; break;
    case 1011: e.status = "INTERNAL"; break;
    case 1001:
    case 1012:
    case 1013: e.status = "UNAVAILABLE"; break;
    default: e.status = "UNKNOWN"; break;
  }
  if (code == 1006) e.kind = ErrorKind::kTransport;
  e.message = redact("the Live API closed the connection (WebSocket close code " + std::to_string(code) + ")" +
                     (reason.empty() ? std::string() : ": " + reason));
  e.error_info = ErrorInfo{"WEBSOCKET_CLOSE_" + std::to_string(code), "genai-cpp", {}};
  if (code == 1008) {
    e.fix = "Check the credential (API key, OAuth token or ephemeral token) and that the model supports the Live API.";
  } else if (code == 1007) {
    e.fix = "The reason says what was refused: a field of the setup or of a message, or the API key.";
  } else {
    e.fix = "Retry; with LiveConnectConfig::session_resumption the session resumes where it stopped.";
  }
  return e;
}

Error websocket_message_too_large(std::size_t limit) {
  Error e = unexpected_response("the Live API server sent a WebSocket message larger than " + std::to_string(limit) +
                                " bytes, the most this client accepts (LiveOptions::max_message_bytes)");
  e.fix = "Raise LiveOptions::max_message_bytes if the server is trusted; the connection was closed.";
  return e;
}

Error websocket_keepalive_timeout(std::chrono::milliseconds timeout) {
  Error e = transport_error("the Live API server answered no keepalive ping and sent nothing for " +
                                std::to_string(timeout.count()) + " ms: the connection was given up as dead",
                            "Check the network; with LiveConnectConfig::session_resumption the session resumes "
                            "on a new connection. LiveOptions::keepalive_timeout sets the bound.");
  e.status = "DEADLINE_EXCEEDED";
  return e;
}

}  // namespace genai::internal
