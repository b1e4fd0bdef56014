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
#include "client/transfer.h"
#include "core/atomic_file.h"
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


// Cloud Storage's resumable upload as a state machine (client/transfer.h):
// the session, then the chunks; `offset_` is always what the server says it
// holds.
class GcsResumableUpload {
 public:
  GcsResumableUpload(const internal::ApiClient& api, std::string base_url, UploadSource source, std::string gs_uri,
                     StorageUploadConfig config)
      : api_(api),
        base_url_(std::move(base_url)),
        source_(std::move(source)),
        gs_uri_(std::move(gs_uri)),
        config_(std::move(config)),
        total_(source_.size()),
        retry_(config_.http_options.retry ? *config_.http_options.retry : api.http_options().retry) {}

  internal::TransferStep<StorageObject> start() {
    Result<GcsUri> uri = GcsUri::parse(gs_uri_);
    if (!uri) return fail(std::move(uri).error());
    if (uri->object.empty()) {
      return fail(internal::invalid_argument("'" + gs_uri_ + "' names a bucket, not an object",
                                             "Add the object's name: gs://" + uri->bucket + "/NAME."));
    }
    if (Result<void> ok = internal::storage_can_call(api_); !ok) return fail(std::move(ok).error());
    if (config_.stop_token.stop_requested()) {
      return fail(internal::cancelled_error("the upload was cancelled before it started"));
    }
    uri_ = *uri;
    content_type_ = config_.content_type;
    if (content_type_.empty()) content_type_ = source_.mime_type();
    if (content_type_.empty() && !source_.path().empty()) content_type_ = mime_type_from_extension(source_.path());
    if (content_type_.empty()) content_type_ = "application/octet-stream";
    chunk_ = std::max<std::uint64_t>(kStorageQuantum,
                                     (config_.chunk_size + kStorageQuantum - 1) / kStorageQuantum * kStorageQuantum);
    nlohmann::json resource = {{"name", uri_.object}, {"contentType", content_type_}};
    if (!config_.metadata.empty()) resource["metadata"] = config_.metadata;
    HttpRequest session;
    session.method = "POST";
    session.url = base_url_ + "/upload/storage/v1/b/" + uri_.bucket + "/o?uploadType=resumable&name=" +
                  internal::url_encode(uri_.object);
    if (config_.if_generation_match) {
      session.url += "&ifGenerationMatch=" + std::to_string(*config_.if_generation_match);
    }
    session.body = resource.dump();
    session.headers = {{"Content-Type", "application/json; charset=UTF-8"},
                       {"X-Upload-Content-Type", content_type_},
                       {"X-Upload-Content-Length", std::to_string(total_)}};
    phase_ = Phase::kSession;
    return internal::TransferStep<StorageObject>::send(std::move(session), config_.http_options);
  }

  internal::TransferStep<StorageObject> next(Result<HttpResponse> answer) {
    if (phase_ == Phase::kSession) {
      if (!answer) return fail(std::move(answer).error());
      const std::optional<std::string> session = answer->header("Location");
      if (!session || session->empty()) {
        return fail(
            internal::unexpected_response("Cloud Storage opened an upload session without a Location header"));
      }
      session_ = *session;
      return send_chunk();
    }
    if (!answer && phase_ == Phase::kChunk && retryable(answer.error()) &&
        ++failures_ < std::max(1, retry_.attempts)) {
      // Where does the session stand? (This query is retried as any call.)
      if (config_.stop_token.stop_requested()) return fail(stopped());
      HttpRequest query;
      query.method = "PUT";
      query.url = session_;
      query.headers = {{"Content-Range", "bytes */" + std::to_string(total_)}};
      phase_ = Phase::kQuery;
      return internal::TransferStep<StorageObject>::send(std::move(query), config_.http_options, {.also_ok = 308});
    }
    if (!answer) return fail(std::move(answer).error());
    if (answer->status == 308) {
      const std::uint64_t committed = committed_from(*answer);
      if (committed > offset_) failures_ = 0;  // progress: the budget is per stall
      if (committed < hashed_) {              // the server went back: hash again from there
        crc_ = 0;
        hashed_ = 0;
      }
      offset_ = committed;
      if (config_.progress) config_.progress(offset_, total_);
      return send_chunk();
    }
    Result<StorageObject> object = internal::storage_object_from_response(*answer);
    if (!object) return fail(std::move(object).error());
    if (config_.progress) config_.progress(total_, total_);
    if (hashed_ == total_ && !object->crc32c.empty() && object->crc32c != crc32c_base64(crc_)) {
      return fail(checksum_mismatch("CRC32C", uri_.to_string(), crc32c_base64(crc_), object->crc32c));
    }
    return internal::TransferStep<StorageObject>::over(std::move(object));
  }

 private:
  enum class Phase { kSession, kChunk, kQuery };

  // The chunk at offset_ (an empty one, "bytes */TOTAL", for an empty object).
  internal::TransferStep<StorageObject> send_chunk() {
    if (++rounds_ > 1'000'000) {
      return fail(internal::local_error("INTERNAL", "the upload of " + uri_.to_string() + " made no progress"));
    }
    if (config_.stop_token.stop_requested()) return fail(stopped());
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_, total_ - offset_));
    Result<std::string> bytes = source_.read(offset_, want);
    if (!bytes) return fail(std::move(bytes).error());
    HttpRequest put;
    put.method = "PUT";
    put.url = session_;
    put.body = std::move(*bytes);
    const std::uint64_t end = offset_ + put.body.size();
    put.headers = {{"Content-Type", content_type_},
                   {"Content-Range", put.body.empty() ? "bytes */" + std::to_string(total_)
                                                      : "bytes " + std::to_string(offset_) + "-" +
                                                            std::to_string(end - 1) + "/" + std::to_string(total_)}};
    if (offset_ == hashed_) {
      crc_ = crc32c(crc_, put.body);
      hashed_ = end;
    }
    phase_ = Phase::kChunk;
    return internal::TransferStep<StorageObject>::send(std::move(put), config_.http_options,
                                                       {.also_ok = 308, .retry = false});
  }

  static internal::TransferStep<StorageObject> fail(Error e) {
    return internal::TransferStep<StorageObject>::over(std::move(e));
  }

  Error stopped() const {
    return internal::cancelled_error("the upload of " + uri_.to_string() + " was cancelled at byte " +
                                     std::to_string(offset_) + " of " + std::to_string(total_));
  }

  const internal::ApiClient& api_;
  const std::string base_url_;
  UploadSource source_;
  const std::string gs_uri_;
  StorageUploadConfig config_;
  const std::uint64_t total_;
  const RetryOptions retry_;
  GcsUri uri_;
  std::string content_type_;
  std::uint64_t chunk_ = kStorageQuantum;
  Phase phase_ = Phase::kSession;
  std::string session_;
  std::uint64_t offset_ = 0;
  std::uint32_t crc_ = 0;  // CRC32C of [0, hashed_)
  std::uint64_t hashed_ = 0;
  int failures_ = 0;
  int rounds_ = 0;
};

}  // namespace

Result<StorageObject> Storage::upload(const UploadSource& source, std::string_view gs_uri, StorageUploadConfig config) {
  GcsResumableUpload machine(*api_, base_url_, source, std::string(gs_uri), std::move(config));
  return internal::run_transfer<StorageObject>(*api_, machine);
}

void Storage::upload_async(const UploadSource& source, std::string_view gs_uri, StorageUploadConfig config,
                           Callback<StorageObject> on_done) {
  internal::run_transfer_async<StorageObject>(
      api_, std::make_shared<GcsResumableUpload>(*api_, base_url_, source, std::string(gs_uri), std::move(config)),
      std::move(on_done));
}

std::future<Result<StorageObject>> Storage::upload_async(const UploadSource& source, std::string_view gs_uri,
                                                         StorageUploadConfig config) {
  return internal::future_of<StorageObject>([&](Callback<StorageObject> done) {
    upload_async(source, gs_uri, std::move(config), std::move(done));
  });
}

namespace {

// One download of an object, across the requests it takes: each asks for
// the bytes from `received_` on (pinned to the generation it started with),
// and a cut connection is resumed from there while the retry budget lasts.
// The bytes are hashed as they arrive and checked at the end. Driven
// blocking (Storage::download) or on the event loop (download_async).
class GcsDownload {
 public:
  GcsDownload(const internal::ApiClient& api, std::string base_url, StorageObject meta, StorageDownloadConfig config,
              std::function<Result<void>(std::string_view)> sink)
      : base_url_(std::move(base_url)),
        meta_(std::move(meta)),
        config_(std::move(config)),
        sink_(std::move(sink)),
        retry_(config_.http_options.retry ? *config_.http_options.retry : api.http_options().retry) {}

  // Whether every byte has come (an empty object needs no request).
  bool complete() const { return received_ >= meta_.size; }

  // The request for the bytes still to come.
  HttpRequest request() const {
    HttpRequest req;
    req.method = "GET";
    req.url = base_url_ + "/storage/v1/b/" + meta_.bucket + "/o/" + internal::storage_object_path(meta_.name) +
              "?alt=media&generation=" + std::to_string(meta_.generation);
    if (received_ > 0) req.headers.emplace_back("Range", "bytes=" + std::to_string(received_) + "-");
    return req;
  }

  // Bytes as they arrive.
  Result<void> take(std::string_view bytes) {
    if (Result<void> w = sink_(bytes); !w) return w;
    md5_.update(bytes);
    crc_ = crc32c(crc_, bytes);
    received_ += bytes.size();
    failures_ = 0;
    if (config_.progress) config_.progress(received_, meta_.size);
    return {};
  }

  // After a request ended (`ended`: its failure, or ok at a clean end):
  // nullopt to send request() again (or, when complete(), to finish), else
  // the Error that ends the download.
  std::optional<Error> after(Result<void> ended) {
    if (ended && complete()) return std::nullopt;
    Error cut = ended ? internal::transport_error("the download of " + meta_.uri() + " ended after " +
                                                  std::to_string(received_) + " of " + std::to_string(meta_.size) +
                                                  " bytes")
                      : std::move(ended).error();
    if (!retryable(cut) || ++failures_ >= std::max(1, retry_.attempts)) return cut;
    return std::nullopt;
  }

  // The object, once its bytes are all here and match its checksums.
  Result<StorageObject> verify() {
    const std::string uri = meta_.uri();
    if (received_ != meta_.size) {
      return internal::local_error("DATA_LOSS", "the download of " + uri + " brought " + std::to_string(received_) +
                                                    " bytes; the object has " + std::to_string(meta_.size));
    }
    if (config_.verify_checksums) {
      const std::string ours_crc = crc32c_base64(crc_);
      if (!meta_.crc32c.empty() && meta_.crc32c != ours_crc) {
        return checksum_mismatch("CRC32C", uri, ours_crc, meta_.crc32c);
      }
      const std::string ours_md5 = md5_.base64();
      if (!meta_.md5_hash.empty() && meta_.md5_hash != ours_md5) {
        return checksum_mismatch("MD5", uri, ours_md5, meta_.md5_hash);
      }
    }
    return meta_;
  }

  const RequestOptions& options() const { return config_.http_options; }

 private:
  const std::string base_url_;
  const StorageObject meta_;
  const StorageDownloadConfig config_;
  const std::function<Result<void>(std::string_view)> sink_;
  const RetryOptions retry_;
  Md5 md5_;
  std::uint32_t crc_ = 0;
  std::uint64_t received_ = 0;
  int failures_ = 0;
};

// Runs `d` on the calling thread until it ends.
Result<StorageObject> run_download(internal::ApiClient& api, GcsDownload& d) {
  while (!d.complete()) {
    Result<std::unique_ptr<HttpStream>> stream = api.open_raw(d.request(), d.options());
    Result<void> ended = stream ? Result<void>() : Result<void>(std::move(stream).error());
    while (ended) {
      Result<std::optional<std::string>> piece = (*stream)->read();
      if (!piece) {
        ended = std::move(piece).error();
      } else if (!*piece) {
        break;
      } else if (Result<void> taken = d.take(**piece); !taken) {
        return std::move(taken).error();  // the bytes could not be written: not retried
      }
    }
    if (std::optional<Error> e = d.after(std::move(ended))) return std::move(*e);
  }
  return d.verify();
}

// Runs `d` on the event loop until it ends; then `done` there.
void download_step(std::weak_ptr<internal::ApiClient> api, std::shared_ptr<GcsDownload> d,
                   Callback<StorageObject> done) {
  if (d->complete()) return done(d->verify());
  std::shared_ptr<internal::ApiClient> client = api.lock();
  if (!client) return done(internal::cancelled_error("the client was destroyed before the download finished"));
  client->open_raw_async(
      d->request(), d->options(), [d](std::string bytes) { return d->take(bytes); },
      [api, d, done](Result<void> ended) mutable {
        if (std::optional<Error> e = d->after(std::move(ended))) return done(std::move(*e));
        download_step(std::move(api), d, std::move(done));
      });
}

}  // namespace

Result<StorageObject> Storage::download(std::string_view gs_uri, std::ostream& out, StorageDownloadConfig config) {
  Result<StorageObject> meta = get(gs_uri, config.http_options);
  if (!meta) return meta;
  const std::string uri = meta->uri();
  GcsDownload d(*api_, base_url_, *meta, std::move(config), [&](std::string_view bytes) -> Result<void> {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return internal::local_error("INTERNAL", "cannot write the bytes of " + uri);
    return {};
  });
  return run_download(*api_, d);
}

Result<StorageObject> Storage::download(std::string_view gs_uri, const std::string& path, StorageDownloadConfig config) {
  Result<std::shared_ptr<internal::AtomicFileWriter>> file = internal::open_shared_file(path, config.overwrite);
  if (!file) return std::move(file).error();
  Result<StorageObject> meta = get(gs_uri, config.http_options);
  if (!meta) return meta;
  GcsDownload d(*api_, base_url_, *meta, std::move(config),
                [&](std::string_view bytes) { return (*file)->write(bytes); });
  Result<StorageObject> got = run_download(*api_, d);
  if (!got) return got;
  if (Result<void> c = (*file)->commit(); !c) return std::move(c).error();
  return got;
}

void Storage::download_async(std::string_view gs_uri, const std::string& path, StorageDownloadConfig config,
                             Callback<StorageObject> on_done) {
  Result<std::shared_ptr<internal::AtomicFileWriter>> file = internal::open_shared_file(path, config.overwrite);
  if (!file) return on_done(std::move(file).error());
  std::weak_ptr<internal::ApiClient> api = api_;
  const RequestOptions options = config.http_options;  // `config` moves into the callback
  get_async(gs_uri, options,
            [api, base = base_url_, file = *file, config = std::move(config),
             on_done = std::move(on_done)](Result<StorageObject> meta) mutable {
              if (!meta) {
                file->discard();
                return on_done(std::move(meta));
              }
              std::shared_ptr<internal::ApiClient> client = api.lock();
              if (!client) {
                file->discard();
                return on_done(internal::cancelled_error("the client was destroyed before the download"));
              }
              auto d = std::make_shared<GcsDownload>(*client, base, std::move(*meta), std::move(config),
                                                     [file](std::string_view bytes) { return file->write(bytes); });
              client.reset();
              download_step(api, d, [file, on_done = std::move(on_done)](Result<StorageObject> got) {
                if (!got) {
                  file->discard();  // before the caller hears of it: no temporary file left
                  return on_done(std::move(got));
                }
                if (Result<void> c = file->commit(); !c) return on_done(std::move(c).error());
                on_done(std::move(got));
              });
            });
}

std::future<Result<StorageObject>> Storage::download_async(std::string_view gs_uri, const std::string& path,
                                                           StorageDownloadConfig config) {
  return internal::future_of<StorageObject>([&](Callback<StorageObject> done) {
    download_async(gs_uri, path, std::move(config), std::move(done));
  });
}

}  // namespace genai
