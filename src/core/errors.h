// Internal: every constructor of genai::Error lives here (and errors.cc), so
// the wording of messages and fixes stays consistent across layers.
#ifndef GENAI_SRC_CORE_ERRORS_H_
#define GENAI_SRC_CORE_ERRORS_H_

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "genai/error.h"

namespace genai::internal {

// Maps an HTTP error response to an Error. Parses Google's error body
// ({"error":{"code","message","status","details":[...]}}, also wrapped in a
// JSON array as some endpoints do, and OAuth's {"error","error_description"});
// any other body (HTML from a proxy, empty, truncated JSON) still yields a
// clear Error with the HTTP status and a status name derived from it, never a
// parse exception. `retry_after` is the Retry-After header, if any. The body is
// redacted before it is kept in raw_body. The fix comes from fix_for()
// (fixes.h).
Error error_from_http(int http_status, std::string_view body,
                      std::optional<std::string_view> retry_after = std::nullopt);

// google.rpc code name for an HTTP status when the body gives none
// (400 -> INVALID_ARGUMENT, 401 -> UNAUTHENTICATED, 403 -> PERMISSION_DENIED,
// 404 -> NOT_FOUND, 409 -> ABORTED, 429 -> RESOURCE_EXHAUSTED,
// 499 -> CANCELLED, 500 -> INTERNAL, 501 -> UNIMPLEMENTED,
// 503 -> UNAVAILABLE, 504 -> DEADLINE_EXCEEDED, else UNKNOWN).
std::string status_name_for_http(int http_status);

// Parses a protobuf Duration string ("26s", "1.5s", "41.065029449s") or a
// Retry-After value in seconds ("30"); nullopt if neither.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

Error transport_error(std::string message, std::string fix = {});
// A 2xx answer that is not what the API sends (not JSON, not an object, a
// field of the wrong type): a server that lies, or a base URL pointing at
// something else. Kind kApi, status UNKNOWN, never retried.
Error unexpected_response(std::string message);
// unexpected_response for JSON nested deeper than kMaxJsonDepth (json_parse.h):
// `what` is the document ("the body of the server's HTTP 200 answer", "stream event 3"),
// `bytes` its size.
Error json_too_deep(const std::string& what, std::size_t bytes);
// unexpected_response for a 2xx generateContent answer, or a whole stream,
// with neither candidates nor promptFeedback (`what`: which).
Error no_gemini_answer(const std::string& what);
Error auth_error(std::string message, std::string fix);
// The library's own errors a tool may want to word itself (a credentials
// file that is missing, not JSON, of the wrong type, without a field): the
// auth_error, plus an ErrorInfo of domain kGenaiErrorDomain with `reason`
// (CREDENTIALS_FIELD_MISSING, ...) and the facts in `metadata` ("file",
// "field", "type", "expected"), as Google's errors carry theirs.
inline constexpr const char* kGenaiErrorDomain = "genai-cpp";
Error auth_error(std::string message, std::string fix, std::string reason,
                 std::map<std::string, std::string> metadata);
Error invalid_argument(std::string message, std::string fix = {});
// A request field only one backend takes, set on the other: "`field` is only
// supported on Vertex AI, not on the Gemini Developer API" (or the reverse).
Error backend_only_field(const std::string& field, bool vertex_only);
Error cancelled_error(std::string message = "the call was cancelled");
// Google's filters withheld the answer (Block::to_error): HTTP 200, kind kBlocked.
Error blocked_error(std::string message, std::string fix);
// A response larger than the client agreed to hold (a runaway body, a gzip
// bomb, one endless server-sent event): `what` says which ("the response from
// host:443", "one event of the stream"), `received` how many bytes had come
// (decoded) or, with `announced`, the Content-Length the server declared;
// `option` is the setting to raise. Kind kApi with the response's HTTP status,
// status OUT_OF_RANGE: for a 2xx it is not retried, as the same answer would
// come again.
Error response_too_large(const std::string& what, int http_status, std::size_t limit, std::size_t received,
                         bool announced, const std::string& option);
// "250 ms", "42 s", "3 min 20 s", "1 h 5 min": a wait as a person reads it.
std::string human_duration(std::chrono::milliseconds d);
// A retry not begun because its wait does not fit: `last` (the failure, kept
// whole: status, RetryInfo, quota details) with the message saying so and a
// fix saying when to retry. `wait` is what the retry would have waited (the
// server's RetryInfo / Retry-After when `server_asked`, else the backoff),
// `allowed` what `limit` ("RetryOptions::max_delay", "HttpOptions::deadline")
// left for it.
Error retry_wait_too_long(Error last, std::chrono::milliseconds wait, std::chrono::milliseconds allowed,
                          bool server_asked, const std::string& limit);
// A call that ran out of its deadline (HttpOptions::deadline) after
// `attempts` attempts, the last failing with `last` (often a timeout the
// transport enforced for the deadline). Kind kTransport, status
// DEADLINE_EXCEEDED; keeps the server's retry_delay, if it gave one.
Error deadline_exceeded(const Error& last, std::chrono::milliseconds deadline, int attempts);
// A stream whose next chunk did not come within HttpOptions::stream_idle_timeout
// (`idle`) after `chunks` chunks: kind kTransport, status DEADLINE_EXCEEDED.
// A long-running operation that finished with an error: its google.rpc.Status
// ({"code": 13, "message", "details"}) as the Error the same status would be
// in an HTTP answer (status name, the HTTP code it maps to, details, fix).
Error operation_error(const nlohmann::json& status);
// Operations::wait ran out of time (kind kTransport, DEADLINE_EXCEEDED) or
// was stopped (kCancelled); the operation keeps running on the server.
Error operation_wait_deadline(const std::string& name, std::chrono::milliseconds waited, int polls);
Error operation_wait_cancelled(const std::string& name);
Error stream_idle_timeout(std::chrono::milliseconds idle, int chunks, const std::string& detail);
// Files::wait_until_active ran out of time: the file is still PROCESSING
// (kind kTransport, DEADLINE_EXCEEDED, as operation_wait_deadline).
Error file_wait_deadline(const std::string& name, std::chrono::milliseconds waited, int polls);
// A resumable upload the server answered in a way the protocol does not
// allow (no upload URL, no status, a status that never becomes final, more
// bytes received than sent): unexpected_response, with `detail`.
Error upload_protocol_error(const std::string& detail);
// The caller's input or the local state is wrong and nothing was sent (a file
// that cannot be read for an inline part or written for a saved image, an
// emulator scenario naming an account that does not exist): kind
// kInvalidArgument, with the google.rpc name that fits as `status`
// (NOT_FOUND, PERMISSION_DENIED, ALREADY_EXISTS, FAILED_PRECONDITION,
// OUT_OF_RANGE, INVALID_ARGUMENT, INTERNAL).
Error local_error(std::string status, std::string message, std::string fix = {});
// local_error for a failed system call on `path`: the status and the fix from errno.
Error file_error_from_errno(int err, std::string_view doing, const std::string& path);

// The Live API's WebSocket: the server closed it with a code other than 1000
// (Google closes with 1007 for an invalid argument, 1008 for a refused
// credential or policy, 1011 for an internal error), named with its reason.
Error websocket_closed(int code, const std::string& reason);
// A WebSocket message from the server larger than `limit` bytes.
Error websocket_message_too_large(std::size_t limit);
// The peer answered no keepalive ping (and sent nothing) within `timeout`.
Error websocket_keepalive_timeout(std::chrono::milliseconds timeout);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_ERRORS_H_
