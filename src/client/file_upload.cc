// Files::upload: Google's resumable upload protocol, as python-genai's
// upload_file and js-genai's uploader speak it.
//
//   POST {base}/upload/{version}/files            X-Goog-Upload-Command: start, {"file": {...}}
//     → X-Goog-Upload-URL, X-Goog-Upload-Status: active
//   POST {upload url}  X-Goog-Upload-Command: upload | upload, finalize, X-Goog-Upload-Offset: N
//     → X-Goog-Upload-Status: active | final (+ {"file": File})
//
// Each chunk is one request sent without the pipeline's own retries: a chunk
// that fails (reset, 5xx, timeout, an answer without a status) is not sent
// again blindly, as the server may hold part of it. The upload asks the
// server (X-Goog-Upload-Command: query → X-Goog-Upload-Size-Received) and
// resumes from there, pausing as the client's one RetryPolicy says and
// giving up when it says so; the attempts count again after each chunk that
// gets through.
#include <algorithm>
#include <thread>

#include "client/api_client.h"
#include "client/files_internal.h"
#include "core/errors.h"
#include "genai/file_service.h"
#include "genai/image.h"
#include "transport/retry_policy.h"

namespace genai {

using nlohmann::json;

namespace {

constexpr std::uint64_t kFilesUploadMaxBytes = std::uint64_t{2} << 30;  // Google's limit: 2 GB

std::string files_upload_mime_type(const UploadSource& source, const UploadFileConfig& config) {
  if (!config.mime_type.empty()) return config.mime_type;
  if (!source.mime_type().empty()) return source.mime_type();
  if (!source.path().empty()) {
    if (std::string m = mime_type_from_extension(source.path()); !m.empty()) return m;
  }
  Result<std::string> head = source.read(0, 4096);
  if (head && !head->empty()) return detect_mime_type(*head);
  return "application/octet-stream";
}

std::optional<std::uint64_t> files_upload_header_number(const HttpResponse& r, std::string_view name) {
  std::optional<std::string> v = r.header(name);
  if (!v || v->empty() || v->size() > 19 || !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoull(*v);
}

std::string files_upload_status(const HttpResponse& r) {
  std::string s = r.header("x-goog-upload-status").value_or("");
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

Result<File> files_upload_final_file(const HttpResponse& r) {
  Result<json> body = internal::json_from_response(r);
  if (!body) return std::move(body).error();
  if (!body->is_object() || !body->contains("file") || !(*body)["file"].is_object()) {
    return internal::upload_protocol_error("the final answer has no {\"file\": ...} body");
  }
  return internal::parse_file((*body)["file"]);
}

}  // namespace

Result<File> Files::upload(const std::string& path, const UploadFileConfig& config) const {
  Result<UploadSource> source = UploadSource::from_path(path);
  if (!source) return std::move(source).error();
  return upload(*source, config);
}

Result<File> Files::upload(const UploadSource& source, const UploadFileConfig& config) const {
  internal::ApiClient& api = *api_;
  if (api.config().vertexai) return internal::files_need_developer_api();
  if (config.chunk_size == 0) return internal::invalid_argument("UploadFileConfig::chunk_size is 0", "Leave it at 8 MiB.");
  const std::uint64_t size = source.size();
  if (size > kFilesUploadMaxBytes) {
    return internal::local_error("OUT_OF_RANGE",
                                 source.describe() + " is " + std::to_string(size) +
                                     " bytes; the Files API takes files of up to 2 GB (2147483648 bytes)",
                                 "Split it into smaller files, or compress it.");
  }
  json file = json::object();
  const std::string mime = files_upload_mime_type(source, config);
  file["mimeType"] = mime;
  if (!config.display_name.empty()) file["displayName"] = config.display_name;
  if (!config.name.empty()) {
    Result<std::string> name = internal::file_resource_name(config.name);
    if (!name) return std::move(name).error();
    file["name"] = *name;
  }
  const RequestOptions& options = config.http_options;
  std::string base = options.base_url.empty() ? api.config().base_url : options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string version = options.api_version.empty() ? api.config().api_version : options.api_version;

  const HttpHeaders start_headers = {{"Content-Type", "application/json"},
                                     {"X-Goog-Upload-Protocol", "resumable"},
                                     {"X-Goog-Upload-Command", "start"},
                                     {"X-Goog-Upload-Header-Content-Length", std::to_string(size)},
                                     {"X-Goog-Upload-Header-Content-Type", mime}};
  Result<HttpResponse> started =
      api.send_raw("POST", base + "/upload/" + version + "/files", start_headers, json{{"file", file}}.dump(), options);
  if (!started) return std::move(started).error();
  const std::optional<std::string> upload_url = started->header("x-goog-upload-url");
  if (!upload_url || upload_url->empty()) {
    return internal::upload_protocol_error("the server did not return X-Goog-Upload-URL in its answer to the start");
  }

  // Chunks: one attempt each (the loop below resumes), the per-chunk timeout.
  const RetryOptions retry = options.retry.value_or(api.http_options().retry);
  const internal::RetryPolicy policy(retry);
  RequestOptions chunk_options = options;
  chunk_options.retry = retry;
  chunk_options.retry->attempts = 1;
  if (config.chunk_timeout.count() > 0) chunk_options.timeout = config.chunk_timeout;

  if (config.on_progress) config.on_progress(0, size);
  std::uint64_t offset = 0;
  int failures = 0;  // in a row, since the last chunk that got through
  const std::uint64_t chunks = size / config.chunk_size + 1;
  const std::uint64_t max_requests = chunks * 2 + static_cast<std::uint64_t>(std::max(retry.attempts, 1)) * 2 + 8;
  for (std::uint64_t requests = 0;; ++requests) {
    if (requests > max_requests) {
      return internal::upload_protocol_error("no end after " + std::to_string(requests) + " requests for " +
                                             std::to_string(chunks) + " chunk(s) (the server keeps moving the offset back)");
    }
    Result<std::string> bytes = source.read(offset, config.chunk_size);
    if (!bytes) return std::move(bytes).error();
    const bool last = offset + bytes->size() >= size;
    const std::size_t sent = bytes->size();
    const HttpHeaders headers = {{"Content-Type", "application/octet-stream"},
                                 {"X-Goog-Upload-Command", last ? "upload, finalize" : "upload"},
                                 {"X-Goog-Upload-Offset", std::to_string(offset)}};
    Result<HttpResponse> answer = api.send_raw("POST", *upload_url, headers, std::move(*bytes), chunk_options);
    std::optional<Error> failed;
    if (answer) {
      const std::string status = files_upload_status(*answer);
      if (status == "final") {
        Result<File> f = files_upload_final_file(*answer);
        if (f && config.on_progress) config.on_progress(size, size);
        return f;
      }
      if (status == "active") {
        if (last) {
          return internal::upload_protocol_error(
              "all " + std::to_string(size) + " bytes were sent, but the upload status is not final");
        }
        offset += sent;
        failures = 0;
        if (config.on_progress) config.on_progress(offset, size);
        continue;
      }
      if (!status.empty()) return internal::upload_protocol_error("the server set the upload status to \"" + status + "\"");
      // No status at all: python-genai retries such an answer; so does this.
      failed = internal::transport_error("the server's answer to the chunk at byte " + std::to_string(offset) +
                                         " had no X-Goog-Upload-Status");
    } else {
      failed = std::move(answer).error();
    }
    ++failures;
    internal::RetryPolicy::Decision decision = policy.decide(failures, *failed);
    if (!decision.wait) {
      if (decision.gave_up) return *decision.gave_up;
      Error e = *failed;
      e.message = "the upload stopped at byte " + std::to_string(offset) + " of " + std::to_string(size) + ": " + e.message;
      return e;
    }
    if (decision.wait->count() > 0) std::this_thread::sleep_for(*decision.wait);
    // Where does the server stand?
    Result<HttpResponse> asked =
        api.send_raw("POST", *upload_url, {{"X-Goog-Upload-Command", "query"}}, std::string(), options);
    if (!asked) return std::move(asked).error();
    if (files_upload_status(*asked) == "final") {
      Result<File> f = files_upload_final_file(*asked);
      if (f && config.on_progress) config.on_progress(size, size);
      return f;
    }
    const std::optional<std::uint64_t> received = files_upload_header_number(*asked, "x-goog-upload-size-received");
    if (!received) {
      return internal::upload_protocol_error("the server's answer to the query had no X-Goog-Upload-Size-Received");
    }
    if (*received > size) {
      return internal::upload_protocol_error("the server reports " + std::to_string(*received) +
                                             " bytes received, more than the " + std::to_string(size) +
                                             " bytes of the file");
    }
    offset = *received;
    if (config.on_progress) config.on_progress(offset, size);
  }
}

}  // namespace genai
