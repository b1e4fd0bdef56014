// Cloud Storage uploads (storage.googleapis.com/upload/storage/v1): the
// simple forms (uploadType=media: the body is the object; multipart: a
// multipart/related body of JSON metadata and the bytes) and the resumable
// protocol: POST uploadType=resumable answers 200 with the session URI in
// Location; PUTs of "Content-Range: bytes a-b/total" chunks answer
// 308 Resume Incomplete with "Range: bytes=0-N" (only whole 256 KiB units
// are kept before the last chunk) until the last, answered 200 with the
// object; "Content-Range: bytes */total" asks where the session stands;
// DELETE cancels it (499). The cutupload fault cuts a chunk in the middle.
#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/common/storage_errors.h"
#include "emulator/handlers/front_door.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/storage_common.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

struct GcsUploadMeta {
  std::string name;
  std::string content_type;
  std::map<std::string, std::string> metadata;
  std::string md5;     // expected, base64; empty: not given
  std::string crc32c;
};

// Reads the JSON object resource a client sends with an upload; false (and
// the error sent) when it is not one.
bool gcs_read_meta(const std::string& text, GcsUploadMeta& meta, Response& res) {
  if (text.empty()) return true;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) {
    send_error(res, storage_invalid("Invalid JSON payload received."));
    return false;
  }
  if (j.contains("name") && j["name"].is_string()) meta.name = j["name"];
  if (j.contains("contentType") && j["contentType"].is_string()) meta.content_type = j["contentType"];
  if (j.contains("md5Hash") && j["md5Hash"].is_string()) meta.md5 = j["md5Hash"];
  if (j.contains("crc32c") && j["crc32c"].is_string()) meta.crc32c = j["crc32c"];
  if (j.contains("metadata") && j["metadata"].is_object()) {
    for (const auto& [k, v] : j["metadata"].items()) meta.metadata[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return true;
}

// x-goog-hash: "crc32c=...,md5=..." (either, in any order).
void gcs_read_hash_header(const std::string& header, GcsUploadMeta& meta) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(',', pos);
    if (end == std::string::npos) end = header.size();
    std::string item = header.substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (item.rfind("md5=", 0) == 0) meta.md5 = item.substr(4);
    if (item.rfind("crc32c=", 0) == 0) meta.crc32c = item.substr(7);
    pos = end + 1;
  }
}

std::optional<long long> gcs_generation_match(const Request& req, Response& res) {
  if (!req.has_param("ifGenerationMatch")) return std::nullopt;
  try {
    return std::stoll(req.get_param_value("ifGenerationMatch"));
  } catch (...) {
    send_error(res, storage_invalid("Invalid value for ifGenerationMatch"));
    return -1;
  }
}

// Answers the stored object, or the error a failed commit maps to.
void gcs_answer_commit(ServerEnv& env, Response& res, const Result<StoredObject>& stored, const GcsUploadMeta& meta,
                       const std::string& bucket) {
  if (!stored) {
    const std::string& status = stored.error().status;
    if (status == "FAILED_PRECONDITION") return send_error(res, storage_precondition_failed());
    if (status == "NOT_FOUND") return send_error(res, storage_bucket_not_found());
    return send_error(res, internal_error());
  }
  // Checked after the bytes are in: a mismatch removes the new generation.
  if ((!meta.md5.empty() && meta.md5 != stored->md5) || (!meta.crc32c.empty() && meta.crc32c != stored->crc32c)) {
    (void)env.storage().delete_object(bucket, stored->name, stored->generation);
    if (!meta.md5.empty() && meta.md5 != stored->md5) return send_error(res, storage_md5_mismatch(meta.md5, stored->md5));
    return send_error(res, storage_crc32c_mismatch(meta.crc32c, stored->crc32c));
  }
  storage_reply(res, storage_object_json(env, *stored));
}

void gcs_insert_object(ServerEnv& env, const Request& req, Response& res, const std::string& bucket) {
  auto admitted = admit_storage(env, req, res, bucket, "storage.objects.create", kGcsObject);
  if (!admitted) return;
  const std::string upload_type = req.get_param_value("uploadType");
  GcsUploadMeta meta;
  meta.name = req.get_param_value("name");
  const std::optional<long long> if_match = gcs_generation_match(req, res);
  if (if_match && *if_match < 0) return;
  if (upload_type == "resumable") {
    if (!gcs_read_meta(req.body, meta, res)) return;
    if (meta.name.empty()) return send_error(res, storage_required("name"));
    if (!storage_object_name_valid(meta.name)) return send_error(res, storage_invalid_object_name());
    GcsUploadSession s;
    s.bucket = bucket;
    s.name = meta.name;
    s.content_type = !meta.content_type.empty() ? meta.content_type : req.get_header_value("X-Upload-Content-Type");
    s.metadata = meta.metadata;
    s.if_generation_match = if_match;
    s.principal = admitted->first.principal;
    if (req.has_header("X-Upload-Content-Length")) {
      try {
        s.total = std::stoull(req.get_header_value("X-Upload-Content-Length"));
      } catch (...) {
        return send_error(res, storage_invalid("Invalid X-Upload-Content-Length"));
      }
    }
    s = env.storage().start_upload(std::move(s));
    res.status = 200;
    res.set_header("Location", env.base_url() + "/upload/storage/v1/b/" + bucket +
                                   "/o?uploadType=resumable&name=" + storage_url_encode(s.name) +
                                   "&upload_id=" + s.id);
    res.set_header("X-GUploader-UploadID", s.id);
    res.set_content("", "text/plain; charset=utf-8");
    return;
  }
  std::string data;
  std::string content_type = req.get_header_value("Content-Type");
  if (upload_type == "multipart") {
    std::string problem;
    std::optional<MultipartRelated> parts = split_multipart_related(req, &problem);
    if (!parts) return send_error(res, storage_invalid(problem));
    // The front door's JSON checks skip an upload's body; its metadata part gets them here.
    const int max_depth = env.options().max_json_depth;
    if (json_depth(parts->metadata, max_depth) > max_depth) return send_error(res, json_too_deep(max_depth));
    if (!gcs_read_meta(parts->metadata, meta, res)) return;
    data = std::move(parts->data);
    content_type = !meta.content_type.empty() ? meta.content_type : parts->data_type;
  } else if (upload_type == "media" || upload_type.empty()) {
    data = req.body;
  } else {
    return send_error(res, storage_invalid("Invalid upload type: " + upload_type));
  }
  gcs_read_hash_header(req.get_header_value("x-goog-hash"), meta);
  if (meta.name.empty()) return send_error(res, storage_required("name"));
  if (!storage_object_name_valid(meta.name)) return send_error(res, storage_invalid_object_name());
  gcs_answer_commit(env, res,
                    env.storage().write_object(bucket, meta.name, data, content_type, env.clock().now(), if_match,
                                               meta.metadata),
                    meta, bucket);
}

// 308 Resume Incomplete with the committed range (none when nothing is).
void gcs_resume_incomplete(Response& res, const GcsUploadSession& s) {
  res.status = 308;
  if (s.committed > 0) res.set_header("Range", "bytes=0-" + std::to_string(s.committed - 1));
  res.set_content("", "text/plain; charset=utf-8");
}

void gcs_put_chunk(ServerEnv& env, const Request& req, Response& res, const std::string& bucket) {
  const std::string id = req.get_param_value("upload_id");
  const std::optional<GcsUploadSession> session = env.storage().upload(id);
  if (id.empty() || !session || session->bucket != bucket) return send_error(res, storage_upload_not_found());
  // "bytes a-b/total", "bytes a-b/*", "bytes */total", "bytes */*"; none: the whole object.
  std::string range = req.get_header_value("Content-Range");
  std::optional<std::uint64_t> first, last, total;
  try {
    if (range.empty()) {
      total = req.body.size();
      if (!req.body.empty()) {
        first = 0;
        last = req.body.size() - 1;
      }
    } else {
      if (range.rfind("bytes ", 0) != 0) throw std::invalid_argument("range");
      range.erase(0, 6);
      const size_t slash = range.find('/');
      if (slash == std::string::npos) throw std::invalid_argument("range");
      const std::string span = range.substr(0, slash), size = range.substr(slash + 1);
      if (size != "*") total = std::stoull(size);
      if (span != "*") {
        const size_t dash = span.find('-');
        if (dash == std::string::npos) throw std::invalid_argument("range");
        first = std::stoull(span.substr(0, dash));
        last = std::stoull(span.substr(dash + 1));
        if (*last < *first || *last - *first + 1 != req.body.size()) throw std::invalid_argument("range");
      } else if (!req.body.empty()) {
        throw std::invalid_argument("range");
      }
    }
  } catch (...) {
    return send_error(res, storage_invalid("Failed to parse Content-Range header."));
  }
  GcsUploadSession s = *session;
  if (first && req.cut_upload) {
    // A connection reset in the middle of the chunk (fault injection): the
    // server keeps what reached it (in whole 256 KiB units), the client hears nothing.
    const std::size_t keep = req.cut_upload_bytes >= 0
                                 ? std::min<std::size_t>(static_cast<std::size_t>(req.cut_upload_bytes), req.body.size())
                                 : req.body.size() / 2;
    (void)env.storage().append_upload(id, *first, std::string_view(req.body).substr(0, keep), total, false);
    res.status = 200;
    res.content_type = "text/plain";
    res.drop_connection = true;
    return;
  }
  if (first) {
    const bool final = total && *last + 1 == *total;
    auto appended = env.storage().append_upload(id, *first, req.body, total, final);
    if (!appended) return send_error(res, storage_invalid("Invalid request. The chunk does not start at the offset "
                                                          "the upload has reached."));
    s = *appended;
  } else if (total) {
    auto known = env.storage().append_upload(id, s.committed, {}, total, false);
    if (!known) return send_error(res, storage_invalid("Invalid request. The total size is inconsistent."));
    s = *known;
  }
  if (s.total && s.committed == *s.total) {
    GcsUploadMeta meta;
    gcs_read_hash_header(req.get_header_value("x-goog-hash"), meta);
    return gcs_answer_commit(env, res, env.storage().finish_upload(id, env.clock().now()), meta, bucket);
  }
  gcs_resume_incomplete(res, s);
}

}  // namespace

void register_storage_upload_routes(Router& router, ServerEnv& env) {
  router.post(R"(/upload/storage/v1/b/([^/]+)/o)",
              [&env](const Request& req, Response& res) { gcs_insert_object(env, req, res, req.matches[1]); });
  router.put(R"(/upload/storage/v1/b/([^/]+)/o)",
             [&env](const Request& req, Response& res) { gcs_put_chunk(env, req, res, req.matches[1]); });
  router.del(R"(/upload/storage/v1/b/([^/]+)/o)", [&env](const Request& req, Response& res) {
    const std::string id = req.get_param_value("upload_id");
    if (id.empty() || !env.storage().upload(id)) return send_error(res, storage_upload_not_found());
    env.storage().cancel_upload(id);
    res.status = 499;  // Google's answer to a cancelled session
    res.set_content("", "text/plain; charset=utf-8");
  });
}

}  // namespace genai::emulator
