// genai::Storage uploads and downloads. An upload is Cloud Storage's
// resumable protocol: one POST opens a session, PUTs send chunks (multiples
// of 256 KiB) answered 308 with the committed range, and after a failed
// chunk the session is asked where it stands ("bytes */TOTAL") and the upload
// goes on from the server's offset, not ours. A download is streamed, checked
// (MD5 and CRC32C) and, after a cut connection, resumed with a Range request
// pinned to the generation it started with.
#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "client/api_client.h"
#include "client/storage_internal.h"
#include "core/base64.h"
#include "core/errors.h"
#include "core/url.h"
#include "genai/storage.h"

namespace genai {
namespace {

constexpr std::uint64_t kStorageQuantum = 256 * 1024;

std::string crc32c_base64(std::uint32_t crc) {
  const char be[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
                      static_cast<char>(crc)};
  return internal::base64_encode(std::string_view(be, 4));
}

class Md5 {
 public:
  Md5() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), EVP_md5(), nullptr); }
  void update(std::string_view d) { EVP_DigestUpdate(ctx_.get(), d.data(), d.size()); }
  std::string base64() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_.get(), digest, &len);
    return internal::base64_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

// "bytes=0-N" → N + 1; no Range header: nothing committed.
std::uint64_t committed_from(const HttpResponse& r) {
  const std::optional<std::string> range = r.header("Range");
  if (!range) return 0;
  const size_t dash = range->rfind('-');
  if (dash == std::string::npos) return 0;
  return std::strtoull(range->c_str() + dash + 1, nullptr, 10) + 1;
}

Error checksum_mismatch(const std::string& what, const std::string& uri, const std::string& ours,
                        const std::string& theirs) {
  return internal::local_error("DATA_LOSS",
                               what + " of " + uri + " does not match: computed " + ours + ", Cloud Storage has " +
                                   theirs,
                               "The bytes were corrupted in transit; run the transfer again.");
}

bool retryable(const Error& e) { return e.is_transient(); }

}  // namespace

Result<StorageObject> Storage::upload(const UploadSource& source, std::string_view gs_uri, StorageUploadConfig config) {
  Result<GcsUri> uri = GcsUri::parse(gs_uri);
  if (!uri) return std::move(uri).error();
  if (uri->object.empty()) {
    return internal::invalid_argument("'" + std::string(gs_uri) + "' names a bucket, not an object",
                                      "Add the object's name: gs://" + uri->bucket + "/NAME.");
  }
  if (Result<void> ok = internal::storage_can_call(*api_); !ok) return std::move(ok).error();
  const std::uint64_t total = source.size();
  std::string content_type = config.content_type;
  if (content_type.empty()) content_type = source.mime_type();
  if (content_type.empty() && !source.path().empty()) content_type = mime_type_from_extension(source.path());
  if (content_type.empty()) content_type = "application/octet-stream";
  const std::uint64_t chunk =
      std::max<std::uint64_t>(kStorageQuantum, (config.chunk_size + kStorageQuantum - 1) / kStorageQuantum * kStorageQuantum);

  // 1. The session.
  nlohmann::json resource = {{"name", uri->object}, {"contentType", content_type}};
  if (!config.metadata.empty()) resource["metadata"] = config.metadata;
  HttpRequest start;
  start.method = "POST";
  start.url = base_url_ + "/upload/storage/v1/b/" + uri->bucket + "/o?uploadType=resumable&name=" +
              internal::url_encode(uri->object);
  if (config.if_generation_match) start.url += "&ifGenerationMatch=" + std::to_string(*config.if_generation_match);
  start.body = resource.dump();
  start.headers = {{"Content-Type", "application/json; charset=UTF-8"},
                   {"X-Upload-Content-Type", content_type},
                   {"X-Upload-Content-Length", std::to_string(total)}};
  Result<HttpResponse> opened = api_->send_raw(std::move(start), config.http_options);
  if (!opened) return std::move(opened).error();
  const std::optional<std::string> session = opened->header("Location");
  if (!session || session->empty()) {
    return internal::unexpected_response("Cloud Storage opened an upload session without a Location header");
  }

  // 2. The chunks. `offset` is always what the server says it holds.
  std::uint64_t offset = 0;
  std::uint32_t crc = 0;          // CRC32C of [0, hashed)
  std::uint64_t hashed = 0;
  const RetryOptions retry = config.http_options.retry ? *config.http_options.retry : api_->http_options().retry;
  int failures = 0;
  for (int round = 0; round < 1'000'000; ++round) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, total - offset));
    Result<std::string> bytes = source.read(offset, want);
    if (!bytes) return std::move(bytes).error();
    HttpRequest put;
    put.method = "PUT";
    put.url = *session;
    put.body = std::move(*bytes);
    const std::uint64_t end = offset + put.body.size();
    put.headers = {{"Content-Type", content_type},
                   {"Content-Range", put.body.empty() ? "bytes */" + std::to_string(total)
                                                      : "bytes " + std::to_string(offset) + "-" +
                                                            std::to_string(end - 1) + "/" + std::to_string(total)}};
    if (offset == hashed) {
      crc = crc32c(crc, put.body);
      hashed = end;
    }
    Result<HttpResponse> sent = api_->send_raw(std::move(put), config.http_options, 308, /*retry=*/false);
    if (!sent && retryable(sent.error()) && ++failures < std::max(1, retry.attempts)) {
      // Where does the session stand? (This query is retried as any call.)
      HttpRequest query;
      query.method = "PUT";
      query.url = *session;
      query.headers = {{"Content-Range", "bytes */" + std::to_string(total)}};
      sent = api_->send_raw(std::move(query), config.http_options, 308);
    }
    if (!sent) return std::move(sent).error();
    if (sent->status == 308) {
      const std::uint64_t committed = committed_from(*sent);
      if (committed > offset) failures = 0;  // progress: the budget is per stall
      if (committed < hashed) {             // the server went back: hash again from there
        crc = 0;
        hashed = 0;
      }
      offset = committed;
      if (config.progress) config.progress(offset, total);
      continue;
    }
    Result<StorageObject> object = internal::storage_object_from_response(*sent);
    if (!object) return object;
    if (config.progress) config.progress(total, total);
    if (hashed == total && !object->crc32c.empty() && object->crc32c != crc32c_base64(crc)) {
      return checksum_mismatch("CRC32C", uri->to_string(), crc32c_base64(crc), object->crc32c);
    }
    return object;
  }
  return internal::local_error("INTERNAL", "the upload of " + uri->to_string() + " made no progress");
}

Result<StorageObject> Storage::download(std::string_view gs_uri, std::ostream& out, StorageDownloadConfig config) {
  Result<StorageObject> meta = get(gs_uri, config.http_options);
  if (!meta) return meta;
  const std::string uri = meta->uri();
  Md5 md5;
  std::uint32_t crc = 0;
  std::uint64_t received = 0;
  const RetryOptions retry = config.http_options.retry ? *config.http_options.retry : api_->http_options().retry;
  int failures = 0;
  while (true) {
    HttpRequest req;
    req.method = "GET";
    req.url = base_url_ + "/storage/v1/b/" + meta->bucket + "/o/" + internal::storage_object_path(meta->name) +
              "?alt=media&generation=" + std::to_string(meta->generation);
    if (received > 0) req.headers.emplace_back("Range", "bytes=" + std::to_string(received) + "-");
    if (meta->size == 0) break;
    Result<std::unique_ptr<HttpStream>> stream = api_->open_raw(std::move(req), config.http_options);
    if (!stream) return std::move(stream).error();
    std::optional<Error> cut;
    while (true) {
      Result<std::optional<std::string>> piece = (*stream)->read();
      if (!piece) {
        cut = std::move(piece).error();
        break;
      }
      if (!*piece) break;
      const std::string& bytes = **piece;
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out) return internal::local_error("INTERNAL", "cannot write the bytes of " + uri);
      md5.update(bytes);
      crc = crc32c(crc, bytes);
      received += bytes.size();
      failures = 0;
      if (config.progress) config.progress(received, meta->size);
    }
    if (!cut && received >= meta->size) break;
    if (!cut) cut = internal::transport_error("the download of " + uri + " ended after " + std::to_string(received) +
                                              " of " + std::to_string(meta->size) + " bytes");
    if (!retryable(*cut) || ++failures >= std::max(1, retry.attempts)) return std::move(*cut);
  }
  if (received != meta->size) {
    return internal::local_error("DATA_LOSS", "the download of " + uri + " brought " + std::to_string(received) +
                                                  " bytes; the object has " + std::to_string(meta->size));
  }
  if (config.verify_checksums) {
    const std::string ours_crc = crc32c_base64(crc);
    if (!meta->crc32c.empty() && meta->crc32c != ours_crc) return checksum_mismatch("CRC32C", uri, ours_crc, meta->crc32c);
    const std::string ours_md5 = md5.base64();
    if (!meta->md5_hash.empty() && meta->md5_hash != ours_md5) return checksum_mismatch("MD5", uri, ours_md5, meta->md5_hash);
  }
  return meta;
}

Result<StorageObject> Storage::download(std::string_view gs_uri, const std::string& path, StorageDownloadConfig config) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!config.overwrite && fs::exists(path, ec)) {
    return internal::local_error("ALREADY_EXISTS", path + " exists", "Remove it, or allow overwriting.");
  }
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".genai-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return internal::file_error_from_errno(errno, "create a temporary file next to", path);
  ::close(fd);
  Result<StorageObject> got = [&]() -> Result<StorageObject> {
    std::ofstream out(tmpl, std::ios::binary | std::ios::trunc);
    Result<StorageObject> r = download(gs_uri, out, std::move(config));
    if (!r) return r;
    out.flush();
    if (!out) return internal::local_error("INTERNAL", "cannot write " + tmpl);
    return r;
  }();
  if (!got) {
    fs::remove(tmpl, ec);
    return got;
  }
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = errno;
    fs::remove(tmpl, ec);
    return internal::file_error_from_errno(err, "move the download into", path);
  }
  return got;
}

}  // namespace genai
