// The resumable upload loop (resumable_upload.h), and Files::upload on it.
#include <algorithm>

#include "client/resumable_upload.h"

#include "client/api_client.h"
#include "client/files_internal.h"
#include "client/transfer.h"
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

// The protocol as a state machine (client/transfer.h): the start, then a
// chunk at a time; after a failed chunk, a pause the retry policy chooses
// and a query for the server's offset, from which the chunks go on.
class GoogleResumableUpload {
 public:
  GoogleResumableUpload(const ApiClient& api, UploadSource source, ResumableUpload upload)
      : api_(api),
        source_(std::move(source)),
        up_(std::move(upload)),
        size_(source_.size()),
        retry_(up_.options.retry.value_or(api.http_options().retry)),
        policy_(retry_) {
    chunk_options_ = up_.options;
    chunk_options_.retry = retry_;
    chunk_options_.retry->attempts = 1;  // a chunk is one request: the query resumes it
    if (up_.chunk_timeout.count() > 0) chunk_options_.timeout = up_.chunk_timeout;
  }

  TransferStep<json> start() {
    if (up_.chunk_size == 0) return fail(invalid_argument("the upload's chunk_size is 0", "Leave it at 8 MiB."));
    if (up_.stop_token.stop_requested()) return fail(cancelled_error("the upload was cancelled before it started"));
    const RequestOptions& options = up_.options;
    std::string base = options.base_url.empty() ? api_.config().base_url : options.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const std::string version = options.api_version.empty() ? api_.config().api_version : options.api_version;
    HttpRequest start;
    start.method = "POST";
    start.url = base + "/upload/" + version + "/" + up_.path;
    start.headers = {{"Content-Type", "application/json"},
                     {"X-Goog-Upload-Protocol", "resumable"},
                     {"X-Goog-Upload-Command", "start"},
                     {"X-Goog-Upload-Header-Content-Length", std::to_string(size_)},
                     {"X-Goog-Upload-Header-Content-Type", up_.mime_type}};
    if (!up_.file_name.empty() && !control_character_at(up_.file_name)) {
      start.headers.push_back({"X-Goog-Upload-File-Name", up_.file_name});
    }
    try {
      start.body = up_.start_body.dump();
    } catch (const nlohmann::json::exception&) {
      return fail(invalid_argument("the upload's metadata (display name, custom metadata) is not valid UTF-8",
                                   "Pass names and metadata values as UTF-8 text."));
    }
    phase_ = Phase::kStart;
    return TransferStep<json>::send(std::move(start), up_.options);
  }

  TransferStep<json> next(Result<HttpResponse> answer) {
    switch (phase_) {
      case Phase::kStart:
        return started(std::move(answer));
      case Phase::kChunk:
        return chunk_answered(std::move(answer));
      case Phase::kQuery:
        return query_answered(std::move(answer));
    }
    return fail(upload_protocol_error("the upload lost its place"));
  }

 private:
  enum class Phase { kStart, kChunk, kQuery };

  TransferStep<json> started(Result<HttpResponse> answer) {
    if (!answer) return fail(std::move(answer).error());
    const std::optional<std::string> url = answer->header("x-goog-upload-url");
    if (!url || url->empty()) {
      return fail(upload_protocol_error("the server did not return X-Goog-Upload-URL in its answer to the start"));
    }
    if (Result<void> ok = api_.check_named_url(*url, up_.options); !ok) return fail(std::move(ok).error());
    upload_url_ = *url;
    const std::uint64_t chunks = size_ / up_.chunk_size + 1;
    max_requests_ = chunks * 2 + static_cast<std::uint64_t>(std::max(retry_.attempts, 1)) * 2 + 8;
    progress(0);
    return send_chunk();
  }

  // The chunk at offset_.
  TransferStep<json> send_chunk() {
    if (++requests_ > max_requests_) {
      return fail(upload_protocol_error("no end after " + std::to_string(requests_ - 1) + " requests for " +
                                        std::to_string(size_ / up_.chunk_size + 1) +
                                        " chunk(s) (the server keeps moving the offset back)"));
    }
    if (up_.stop_token.stop_requested()) return fail(stopped());
    Result<std::string> bytes = source_.read(offset_, up_.chunk_size);
    if (!bytes) return fail(std::move(bytes).error());
    last_ = offset_ + bytes->size() >= size_;
    in_flight_ = bytes->size();
    HttpRequest chunk;
    chunk.method = "POST";
    chunk.url = upload_url_;
    chunk.headers = {{"Content-Type", "application/octet-stream"},
                     {"X-Goog-Upload-Command", last_ ? "upload, finalize" : "upload"},
                     {"X-Goog-Upload-Offset", std::to_string(offset_)}};
    chunk.body = std::move(*bytes);
    phase_ = Phase::kChunk;
    return TransferStep<json>::send(std::move(chunk), chunk_options_);
  }

  TransferStep<json> chunk_answered(Result<HttpResponse> answer) {
    if (!answer) return chunk_failed(std::move(answer).error());
    const std::string status = files_upload_status(*answer);
    if (status == "final") return finished(*answer);
    if (status == "active") {
      if (last_) {
        return fail(upload_protocol_error("all " + std::to_string(size_) +
                                          " bytes were sent, but the upload status is not final"));
      }
      offset_ += in_flight_;
      failures_ = 0;
      progress(offset_);
      return send_chunk();
    }
    if (!status.empty()) return fail(upload_protocol_error("the server set the upload status to \"" + status + "\""));
    // No status at all: python-genai retries such an answer; so does this.
    return chunk_failed(transport_error("the server's answer to the chunk at byte " + std::to_string(offset_) +
                                        " had no X-Goog-Upload-Status"));
  }

  // A chunk that did not get through: a pause, then where does the server stand?
  TransferStep<json> chunk_failed(Error failed) {
    ++failures_;
    RetryPolicy::Decision decision = policy_.decide(failures_, failed);
    if (!decision.wait) {
      if (decision.gave_up) return fail(std::move(*decision.gave_up));
      failed.message = "the upload stopped at byte " + std::to_string(offset_) + " of " + std::to_string(size_) +
                       ": " + failed.message;
      return fail(std::move(failed));
    }
    if (up_.stop_token.stop_requested()) return fail(stopped());
    HttpRequest query;
    query.method = "POST";
    query.url = upload_url_;
    query.headers = {{"X-Goog-Upload-Command", "query"}};
    phase_ = Phase::kQuery;
    return TransferStep<json>::send(std::move(query), up_.options, RawSend{}, *decision.wait);
  }

  TransferStep<json> query_answered(Result<HttpResponse> answer) {
    if (!answer) return fail(std::move(answer).error());
    if (files_upload_status(*answer) == "final") return finished(*answer);
    const std::optional<std::uint64_t> received = files_upload_header_number(*answer, "x-goog-upload-size-received");
    if (!received) return fail(upload_protocol_error("the server's answer to the query had no X-Goog-Upload-Size-Received"));
    if (*received > size_) {
      return fail(upload_protocol_error("the server reports " + std::to_string(*received) +
                                        " bytes received, more than the " + std::to_string(size_) +
                                        " bytes of the file"));
    }
    offset_ = *received;
    progress(offset_);
    return send_chunk();
  }

  TransferStep<json> finished(const HttpResponse& answer) {
    Result<json> body = resumable_upload_final_body(answer);
    if (body) progress(size_);
    return TransferStep<json>::over(std::move(body));
  }

  static TransferStep<json> fail(Error e) { return TransferStep<json>::over(std::move(e)); }

  Error stopped() const {
    return cancelled_error("the upload was cancelled at byte " + std::to_string(offset_) + " of " +
                           std::to_string(size_));
  }

  void progress(std::uint64_t bytes) const {
    if (up_.on_progress) up_.on_progress(bytes, size_);
  }

  const ApiClient& api_;
  UploadSource source_;
  ResumableUpload up_;
  const std::uint64_t size_;
  const RetryOptions retry_;
  const RetryPolicy policy_;
  RequestOptions chunk_options_;
  Phase phase_ = Phase::kStart;
  std::string upload_url_;
  std::uint64_t offset_ = 0;     // what the server holds
  std::uint64_t in_flight_ = 0;  // the bytes of the chunk sent last
  bool last_ = false;            // it was the last one
  int failures_ = 0;             // in a row, since the last chunk that got through
  std::uint64_t requests_ = 0;
  std::uint64_t max_requests_ = 0;
};

Result<json> resumable_upload(ApiClient& api, const UploadSource& source, const ResumableUpload& upload) {
  GoogleResumableUpload machine(api, source, upload);
  return run_transfer<json>(api, machine);
}

void resumable_upload_async(const std::shared_ptr<ApiClient>& api, const UploadSource& source,
                            const ResumableUpload& upload, Callback<nlohmann::json> done) {
  run_transfer_async<json>(api, std::make_shared<GoogleResumableUpload>(*api, source, upload), std::move(done));
}

}  // namespace internal

namespace {

// What Files::upload and upload_async send: refused (too big, a bad name)
// before anything is sent.
Result<internal::ResumableUpload> files_upload_spec(const internal::ApiClient& api, const UploadSource& source,
                                                    const UploadFileConfig& config) {
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
  up.stop_token = config.stop_token;
  up.options = config.http_options;
  return up;
}

// The File in the final answer of an upload.
Result<File> uploaded_file(Result<json> body) {
  if (!body) return std::move(body).error();
  if (!body->contains("file") || !(*body)["file"].is_object()) {
    return internal::upload_protocol_error("the final answer has no {\"file\": ...} body");
  }
  return internal::parse_file((*body)["file"]);
}

}  // namespace

Result<File> Files::upload(const UploadSource& source, const UploadFileConfig& config) const {
  Result<internal::ResumableUpload> up = files_upload_spec(*api_, source, config);
  if (!up) return std::move(up).error();
  return uploaded_file(internal::resumable_upload(*api_, source, *up));
}

void Files::upload_async(const UploadSource& source, const UploadFileConfig& config, Callback<File> on_done) const {
  Result<internal::ResumableUpload> up = files_upload_spec(*api_, source, config);
  if (!up) return on_done(std::move(up).error());
  internal::resumable_upload_async(api_, source, *up, [on_done = std::move(on_done)](Result<json> body) {
    on_done(uploaded_file(std::move(body)));
  });
}

std::future<Result<File>> Files::upload_async(const UploadSource& source, const UploadFileConfig& config) const {
  return internal::future_of<File>([&](Callback<File> done) { upload_async(source, config, std::move(done)); });
}

}  // namespace genai
