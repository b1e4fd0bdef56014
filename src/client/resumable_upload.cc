// The resumable upload loop (resumable_upload.h), and Files::upload on it.
#include <algorithm>
#include <thread>

#include "client/resumable_upload.h"

#include "client/api_client.h"
#include "client/files_internal.h"
#include "core/errors.h"
#include "core/url.h"
#include "genai/file_service.h"
#include "genai/image.h"
#include "transport/retry_policy.h"

namespace genai {

using nlohmann::json;

namespace {

constexpr std::uint64_t kFilesUploadMaxBytes = std::uint64_t{2} << 30;  // Google's limit: 2 GB

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

Result<json> resumable_upload_final_body(const HttpResponse& r) {
  Result<json> body = internal::json_from_response(r);
  if (!body) return std::move(body).error();
  if (!body->is_object()) return internal::upload_protocol_error("the final answer is not a JSON object");
  return body;
}

}  // namespace

Result<File> Files::upload(const std::string& path, const UploadFileConfig& config) const {
  Result<UploadSource> source = UploadSource::from_path(path);
  if (!source) return std::move(source).error();
  return upload(*source, config);
}

namespace internal {

std::string upload_mime_type(const UploadSource& source, const std::string& given) {
  if (!given.empty()) return given;
  if (!source.mime_type().empty()) return source.mime_type();
  if (!source.path().empty()) {
    if (std::string m = mime_type_from_extension(source.path()); !m.empty()) return m;
  }
  Result<std::string> head = source.read(0, 4096);
  if (head && !head->empty()) return detect_mime_type(*head);
  return "application/octet-stream";
}

Result<json> resumable_upload(ApiClient& api, const UploadSource& source, const ResumableUpload& upload) {
  if (upload.chunk_size == 0) return invalid_argument("the upload's chunk_size is 0", "Leave it at 8 MiB.");
  const std::uint64_t size = source.size();
  const std::string& mime = upload.mime_type;
  const RequestOptions& options = upload.options;
  std::string base = options.base_url.empty() ? api.config().base_url : options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string version = options.api_version.empty() ? api.config().api_version : options.api_version;

  HttpHeaders start_headers = {{"Content-Type", "application/json"},
                                     {"X-Goog-Upload-Protocol", "resumable"},
                                     {"X-Goog-Upload-Command", "start"},
                                     {"X-Goog-Upload-Header-Content-Length", std::to_string(size)},
                                     {"X-Goog-Upload-Header-Content-Type", mime}};
  if (!upload.file_name.empty() && !control_character_at(upload.file_name)) {
    start_headers.push_back({"X-Goog-Upload-File-Name", upload.file_name});
  }
  std::string start_body;
  try {
    start_body = upload.start_body.dump();
  } catch (const nlohmann::json::exception&) {
    return invalid_argument("the upload's metadata (display name, custom metadata) is not valid UTF-8",
                            "Pass names and metadata values as UTF-8 text.");
  }
  Result<HttpResponse> started =
      api.send_raw("POST", base + "/upload/" + version + "/" + upload.path, start_headers, std::move(start_body), options);
  if (!started) return std::move(started).error();
  const std::optional<std::string> upload_url = started->header("x-goog-upload-url");
  if (!upload_url || upload_url->empty()) {
    return upload_protocol_error("the server did not return X-Goog-Upload-URL in its answer to the start");
  }

  // Chunks: one attempt each (the loop below resumes), the per-chunk timeout.
  const RetryOptions retry = options.retry.value_or(api.http_options().retry);
  const RetryPolicy policy(retry);
  RequestOptions chunk_options = options;
  chunk_options.retry = retry;
  chunk_options.retry->attempts = 1;
  if (upload.chunk_timeout.count() > 0) chunk_options.timeout = upload.chunk_timeout;
  const UploadProgress& on_progress = upload.on_progress;

  if (on_progress) on_progress(0, size);
  std::uint64_t offset = 0;
  int failures = 0;  // in a row, since the last chunk that got through
  const std::uint64_t chunks = size / upload.chunk_size + 1;
  const std::uint64_t max_requests = chunks * 2 + static_cast<std::uint64_t>(std::max(retry.attempts, 1)) * 2 + 8;
  for (std::uint64_t requests = 0;; ++requests) {
    if (requests > max_requests) {
      return upload_protocol_error("no end after " + std::to_string(requests) + " requests for " +
                                   std::to_string(chunks) + " chunk(s) (the server keeps moving the offset back)");
    }
    Result<std::string> bytes = source.read(offset, upload.chunk_size);
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
        Result<json> f = resumable_upload_final_body(*answer);
        if (f && on_progress) on_progress(size, size);
        return f;
      }
      if (status == "active") {
        if (last) {
          return upload_protocol_error("all " + std::to_string(size) +
                                       " bytes were sent, but the upload status is not final");
        }
        offset += sent;
        failures = 0;
        if (on_progress) on_progress(offset, size);
        continue;
      }
      if (!status.empty()) return upload_protocol_error("the server set the upload status to \"" + status + "\"");
      // No status at all: python-genai retries such an answer; so does this.
      failed = transport_error("the server's answer to the chunk at byte " + std::to_string(offset) +
                               " had no X-Goog-Upload-Status");
    } else {
      failed = std::move(answer).error();
    }
    ++failures;
    RetryPolicy::Decision decision = policy.decide(failures, *failed);
    if (!decision.wait) {
      if (decision.gave_up) return *decision.gave_up;
      Error e = *failed;
      e.message = "the upload stopped at byte " + std::to_string(offset) + " of " + std::to_string(size) + ": " + e.message;
      return e;
    }
    if (decision.wait->count() > 0) std::this_thread::sleep_for(*decision.wait);
    // Where does the server stand?
    Result<HttpResponse> asked = api.send_raw("POST", *upload_url, {{"X-Goog-Upload-Command", "query"}}, std::string(), options);
    if (!asked) return std::move(asked).error();
    if (files_upload_status(*asked) == "final") {
      Result<json> f = resumable_upload_final_body(*asked);
      if (f && on_progress) on_progress(size, size);
      return f;
    }
    const std::optional<std::uint64_t> received = files_upload_header_number(*asked, "x-goog-upload-size-received");
    if (!received) return upload_protocol_error("the server's answer to the query had no X-Goog-Upload-Size-Received");
    if (*received > size) {
      return upload_protocol_error("the server reports " + std::to_string(*received) + " bytes received, more than the " +
                                   std::to_string(size) + " bytes of the file");
    }
    offset = *received;
    if (on_progress) on_progress(offset, size);
  }
}

}  // namespace internal

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
  internal::ResumableUpload up;
  up.path = "files";
  up.mime_type = internal::upload_mime_type(source, config.mime_type);
  json file = json::object();
  file["mimeType"] = up.mime_type;
  if (!config.display_name.empty()) file["displayName"] = config.display_name;
  if (!config.name.empty()) {
    Result<std::string> name = internal::file_resource_name(config.name);
    if (!name) return std::move(name).error();
    file["name"] = *name;
  }
  up.start_body = json{{"file", file}};
  up.chunk_size = config.chunk_size;
  up.chunk_timeout = config.chunk_timeout;
  up.on_progress = config.on_progress;
  up.options = config.http_options;
  Result<json> body = internal::resumable_upload(api, source, up);
  if (!body) return std::move(body).error();
  if (!body->contains("file") || !(*body)["file"].is_object()) {
    return internal::upload_protocol_error("the final answer has no {\"file\": ...} body");
  }
  return internal::parse_file((*body)["file"]);
}

}  // namespace genai
