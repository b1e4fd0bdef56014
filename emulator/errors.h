// Every error the emulator can return, as a named factory producing Google's
// exact body (code, message, status, details in Google's order, 2-space
// indentation, trailing newline) and HTTP status. Messages are Google's text;
// see tests/data/wire/ for the samples they are compared with.
#ifndef GENAI_EMULATOR_ERRORS_H_
#define GENAI_EMULATOR_ERRORS_H_

#include <chrono>
#include <string>
#include <string_view>

#include <httplib.h>

namespace genai::emulator {

struct GoogleError {
  int http_status = 500;
  std::string body;                      // JSON, as Google formats it
  std::string content_type = "application/json; charset=UTF-8";
  std::string retry_after;               // Retry-After header value, if any
};

// Writes `e` into `res`.
void send_error(httplib::Response& res, const GoogleError& e);

// Generic google.rpc errors.
GoogleError invalid_argument(std::string_view message);
GoogleError not_found(std::string_view message);
GoogleError permission_denied(std::string_view message);
GoogleError unauthenticated(std::string_view message);
GoogleError internal_error();
GoogleError unavailable();

// API keys (generativelanguage.googleapis.com shapes).
GoogleError api_key_invalid(std::string_view service);
GoogleError api_key_expired(std::string_view service);
GoogleError api_key_service_blocked(std::string_view service, std::string_view api_method,
                                    std::string_view consumer_project_number);
GoogleError api_key_ip_blocked(std::string_view service, std::string_view caller_ip,
                               std::string_view consumer_project_number);
GoogleError api_key_referrer_blocked(std::string_view service, std::string_view referrer,
                                     std::string_view consumer_project_number);
// The request carried neither a key nor a token: the Developer API's 403
// ("unregistered callers") and the 401 CREDENTIALS_MISSING of OAuth-only APIs.
GoogleError missing_credentials(std::string_view service);
GoogleError credentials_missing(std::string_view service, std::string_view api_method);

// OAuth credentials on an API call: 401 UNAUTHENTICATED with an ErrorInfo
// reason such as ACCESS_TOKEN_EXPIRED, ACCESS_TOKEN_TYPE_UNSUPPORTED or
// CREDENTIALS_MISSING; 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT for a token whose
// scopes do not cover the API.
GoogleError bad_credentials(std::string_view reason, std::string_view service, std::string_view api_method);
GoogleError scope_insufficient(std::string_view service, std::string_view api_method);
// x-goog-user-project names a project the caller may not bill.
GoogleError user_project_denied(std::string_view project, std::string_view service);

// API enablement and IAM.
GoogleError service_disabled(std::string_view service, std::string_view service_title,
                             std::string_view project_number);
GoogleError iam_permission_denied(std::string_view permission, std::string_view resource);
// IAM denial on a non-Vertex API (Resource Manager, IAM, Service Usage, API Keys).
GoogleError iam_denied(std::string_view permission, std::string_view resource, std::string_view domain);
// Optimistic-concurrency failure (setIamPolicy with a stale etag).
GoogleError aborted(std::string_view message);
GoogleError already_exists(std::string_view message);
GoogleError failed_precondition(std::string_view message);

// Models and quota.
GoogleError model_not_found(std::string_view model, std::string_view api_version,
                            std::string_view method);
GoogleError vertex_model_not_found(std::string_view model_resource);
// 429 with QuotaFailure (the model and the per-minute limit), Help and RetryInfo.
GoogleError quota_exceeded(std::string_view model, long long limit, std::chrono::seconds retry_in);

// OAuth2 token endpoint: {"error": ..., "error_description": ...}, 1-space
// indent and no trailing newline, as oauth2.googleapis.com.
GoogleError oauth_error(int http_status, std::string_view error, std::string_view description);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_ERRORS_H_
