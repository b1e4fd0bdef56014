// genai::Error: everything known about a failed call, as a value.
//
// Every fallible call in libgenai returns genai::Result<T> (see result.h),
// which holds either a T or an Error. An Error carries what Google said (HTTP
// code, google.rpc status, message, ErrorInfo, RetryInfo, Help links, quota
// and field violations, the raw body) and what we add: which kind of failure
// it is and a one-line `fix` telling the user what to do. Exceptions
// (ApiError, ClientError, ServerError, AuthError, TransportError,
// InvalidArgumentError) are thrown only by Result::value(), so code built
// with -fno-exceptions can use the same API.
//
//   auto r = client.models().generate_content("gemini-2.5-flash", "Hi");
//   if (!r.ok()) {
//     std::cerr << r.error().to_string() << "\n";   // message + fix, secrets redacted
//     if (r.error().reason() == "API_KEY_INVALID") ...
//   }
//
// All constructors of errors live in src/core/errors.cc, so their messages
// stay consistent.
#ifndef GENAI_ERROR_H_
#define GENAI_ERROR_H_

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace genai {

// What kind of failure this is; it decides the exception type and the CLI's
// exit code.
enum class ErrorKind {
  kApi,              // the server answered with an HTTP error (4xx/5xx)
  kAuth,             // a credential could not be loaded, refreshed or used
  kTransport,        // DNS, connect, TLS, timeout, reset: no usable answer
  kInvalidArgument,  // the caller's input or configuration is wrong; nothing was sent
  kCancelled,        // the caller cancelled the call
  kBlocked,          // Google's safety or content filters withheld the answer (an HTTP 200; see Block)
};

const char* to_string(ErrorKind kind);

// google.rpc.ErrorInfo
struct ErrorInfo {
  std::string reason;  // e.g. "API_KEY_INVALID", "SERVICE_DISABLED"
  std::string domain;  // e.g. "googleapis.com"
  std::map<std::string, std::string> metadata;
};

// google.rpc.Help.Link
struct HelpLink {
  std::string description;
  std::string url;
};

// google.rpc.QuotaFailure.Violation (with the Gemini API's extra fields)
struct QuotaViolation {
  std::string subject;
  std::string description;
  std::string quota_metric;
  std::string quota_id;
  std::string quota_value;
  std::map<std::string, std::string> quota_dimensions;
};

// google.rpc.BadRequest.FieldViolation
struct FieldViolation {
  std::string field;
  std::string description;
};

struct Error {
  ErrorKind kind = ErrorKind::kApi;
  int http_status = 0;     // 0 when no HTTP response was received
  std::string status;      // google.rpc code name, e.g. "PERMISSION_DENIED"
  std::string message;     // Google's message, or ours; never contains a secret
  std::optional<ErrorInfo> error_info;
  std::optional<std::chrono::milliseconds> retry_delay;  // RetryInfo or Retry-After
  std::vector<HelpLink> help_links;
  std::vector<QuotaViolation> quota_violations;
  std::vector<FieldViolation> field_violations;
  std::string raw_body;    // the response body as received (redacted)
  std::string fix;         // one line telling the user what to do, may be empty

  // ErrorInfo.reason, or "" when there is none.
  const std::string& reason() const;
  // True for the kinds and codes a retry can help with (408, 429, 5xx except
  // 501, transport failures).
  bool is_transient() const;
  // "<status> (HTTP <code>): <message>" plus the fix on a second line.
  std::string to_string() const;
};

// ---- exceptions, thrown only by Result<T>::value() ---------------------------
// The names mirror the official SDKs: ApiError is any HTTP error from the
// server; ClientError (4xx) and ServerError (5xx) refine it.
class Exception : public std::runtime_error {
 public:
  explicit Exception(Error error);
  const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

class ApiError : public Exception {
 public:
  using Exception::Exception;
  int code() const noexcept { return error().http_status; }
  const std::string& status() const noexcept { return error().status; }
};
class ClientError : public ApiError {
 public:
  using ApiError::ApiError;
};
class ServerError : public ApiError {
 public:
  using ApiError::ApiError;
};
class AuthError : public Exception {
 public:
  using Exception::Exception;
};
class TransportError : public Exception {
 public:
  using Exception::Exception;
};
class InvalidArgumentError : public Exception {
 public:
  using Exception::Exception;
};
class CancelledError : public Exception {
 public:
  using Exception::Exception;
};
// A prompt or answer withheld by Google's filters (GenerateContentResponse::checked_text).
class BlockedError : public Exception {
 public:
  using Exception::Exception;
};

// Throws the exception type that matches error.kind and error.http_status.
[[noreturn]] void throw_error(Error error);

// ---- making errors ----------------------------------------------------------
// For errors an application raises itself (and the genai CLI), worded and
// redacted as libgenai's own: the same constructors the library uses.

// The caller's input or configuration is wrong; nothing was sent.
Error make_invalid_argument_error(std::string message, std::string fix = {});
// No usable answer (a connection, a timeout, an operation that never ended).
Error make_transport_error(std::string message, std::string fix = {});
Error make_cancelled_error(std::string message = "the call was cancelled");
// Google's error body ({"error": {"code", "message", "status", "details"}},
// or OAuth's) with its HTTP status, as the library maps every response.
Error error_from_http_response(int http_status, std::string_view body);

}  // namespace genai

#endif  // GENAI_ERROR_H_
