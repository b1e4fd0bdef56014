#include "emulator/handlers/file_methods.h"

#include <algorithm>
#include <set>

#include "emulator/auth/crypto.h"
#include "emulator/backend/generator.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/access.h"
#include "emulator/handlers/front_door.h"
#include "emulator/handlers/handlers.h"
#include "emulator/state/files.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// Google's upload granularity, advertised at start (the SDKs send 8 MiB chunks).
constexpr const char* kFilesChunkGranularity = "8388608";
// The most of a text file read into a prompt.
constexpr std::size_t kFilesMaxPromptBytes = 1u << 20;

// The File fields a create request may carry (output-only ones are ignored,
// as Google's transcoder accepts them).
const std::set<std::string, std::less<>> kFilesCreateFields = {
    "name", "displayName", "display_name", "mimeType", "mime_type", "sizeBytes", "size_bytes", "createTime",
    "create_time", "updateTime", "update_time", "expirationTime", "expiration_time", "sha256Hash", "sha256_hash",
    "uri", "downloadUri", "download_uri", "state", "source", "videoMetadata", "video_metadata", "error"};

std::string files_state_of(const StoredFile& f, SystemTime now) { return now >= f.active_time ? "ACTIVE" : "PROCESSING"; }

ojson files_resource_json(ServerEnv& env, const StoredFile& f) {
  const SystemTime now = env.clock().now();
  ojson j;
  j["name"] = "files/" + f.id;
  if (!f.display_name.empty()) j["displayName"] = f.display_name;
  j["mimeType"] = f.mime_type;
  j["sizeBytes"] = std::to_string(f.size);
  j["createTime"] = file_time(f.create_time);
  j["updateTime"] = file_time(now >= f.active_time ? f.active_time : f.create_time);
  j["expirationTime"] = file_time(f.expiration_time());
  j["sha256Hash"] = base64_encode(f.sha256);
  j["uri"] = env.base_url() + "/v1beta/files/" + f.id;
  if (f.generated) j["downloadUri"] = env.base_url() + "/v1beta/files/" + f.id + ":download?alt=media";
  j["state"] = files_state_of(f, now);
  j["source"] = f.generated ? "GENERATED" : "UPLOADED";
  return j;
}

AccessCheck files_access_check(const std::string& version, const char* rpc) {
  AccessCheck c;
  c.service = kGenerativeLanguage;
  c.api_method = "google.ai.generativelanguage." + version + ".FileService." + rpc;
  return c;
}

// The caller's project, or false with the error written.
bool files_caller(ServerEnv& env, const Request& req, Response& res, const std::string& version, const char* rpc,
                 std::string* owner) {
  env.state().count(std::string("requests FileService.") + rpc);
  auto who = authorize(env, req, files_access_check(version, rpc));
  if (auto* e = std::get_if<GoogleError>(&who)) {
    send_error(res, *e);
    return false;
  }
  *owner = std::get<Caller>(who).project_id;
  return true;
}

// "files/abc" or "abc" → "abc" when it is a valid id, else "".
std::string files_id_of(std::string_view name) {
  if (name.rfind("files/", 0) == 0) name.remove_prefix(6);
  if (name.empty() || name.size() > 40 || name.front() == '-' || name.back() == '-') return {};
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return {};
  }
  return std::string(name);
}

std::optional<std::uint64_t> files_parse_u64(const std::string& s) {
  if (s.empty() || s.size() > 19 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::stoull(s);
}

// The commands of X-Goog-Upload-Command ("upload, finalize"), lower-cased.
std::set<std::string> files_upload_commands(const Request& req) {
  std::set<std::string> out;
  const std::string v = ascii_lower(req.get_header_value("X-Goog-Upload-Command"));
  size_t start = 0;
  while (start <= v.size()) {
    size_t end = v.find(',', start);
    if (end == std::string::npos) end = v.size();
    std::string c = v.substr(start, end - start);
    c.erase(0, c.find_first_not_of(" \t"));
    c.erase(c.find_last_not_of(" \t") + 1);
    if (!c.empty()) out.insert(c);
    start = end + 1;
  }
  return out;
}

void files_send_final(ServerEnv& env, Response& res, const StoredFile& f) {
  send_json(res, ojson{{"file", files_resource_json(env, f)}});
  res.set_header("X-Goog-Upload-Status", "final");
}

class FileApi {
 public:
  explicit FileApi(ServerEnv& env) : env_(env) {}

  void upload(const Request& req, Response& res, const std::string& version) {
    if (req.has_param("upload_id")) return chunk(req, res, req.get_param_value("upload_id"));
    std::string owner;
    if (!files_caller(env_, req, res, version, "CreateFile", &owner)) return;
    // Three protocols, as Google's upload servers take them: resumable (start
    // here, then chunks), and the simple ones in one request: raw (the body
    // is the file) and multipart (multipart/related: metadata, then bytes).
    const std::string protocol = ascii_lower(req.get_header_value("X-Goog-Upload-Protocol"));
    const std::string upload_type = req.get_param_value("uploadType");
    const bool raw = protocol == "raw" || (protocol.empty() && upload_type == "media");
    const bool multipart = protocol == "multipart" || (protocol.empty() && upload_type == "multipart");
    if (!raw && !multipart && protocol != "resumable") {
      return send_error(res, upload_bad_command("Unsupported X-Goog-Upload-Protocol \"" + protocol +
                                                "\": the Files API takes resumable, multipart or raw uploads."));
    }
    UploadSession s;
    s.owner = owner;
    // The metadata: {"file": {...}} in a resumable start's body or a
    // multipart body's first part (optional in both).
    std::optional<MultipartRelated> parts;
    if (multipart) {
      std::string problem;
      parts = split_multipart_related(req, &problem);
      if (!parts) {
        return send_error(res, invalid_argument(problem + " The Files API takes a multipart/related body of two "
                                                          "parts: the JSON metadata ({\"file\": {...}}), then the file."));
      }
    }
    const std::string_view meta_text = raw ? std::string_view() : parts ? parts->metadata : req.body;
    const std::string_view data = raw ? req.body : parts ? parts->data : std::string_view();
    ojson meta = ojson::object();
    if (parts) {
      // The front door's JSON checks skip an upload's body; its metadata part gets them here.
      const int max_depth = env_.options().max_json_depth;
      if (json_depth(meta_text, max_depth) > max_depth) return send_error(res, json_too_deep(max_depth));
      if (meta_text.find('\0') != std::string_view::npos) return send_error(res, json_payload_invalid());
    }
    if (!meta_text.empty()) {
      ojson body = ojson::parse(meta_text, nullptr, false);
      if (body.is_discarded() || !body.is_object()) return send_error(res, json_payload_invalid());
      for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != "file") {
          return send_error(res, invalid_argument("Invalid JSON payload received. Unknown name \"" + it.key() +
                                                  "\": Cannot find field."));
        }
      }
      meta = body.value("file", ojson::object());
      if (!meta.is_object()) return send_error(res, invalid_argument("Invalid value at 'file'."));
      for (auto it = meta.begin(); it != meta.end(); ++it) {
        if (!kFilesCreateFields.count(it.key())) {
          return send_error(res, invalid_argument("Invalid JSON payload received. Unknown name \"" + it.key() +
                                                  "\" at 'file': Cannot find field."));
        }
      }
    }
    const auto text = [&](const char* camel, const char* snake) {
      const ojson& v = meta.contains(camel) ? meta[camel] : meta.value(snake, ojson(""));
      return v.is_string() ? v.get<std::string>() : std::string();
    };
    s.display_name = text("displayName", "display_name");
    s.mime_type = raw ? req.get_header_value("Content-Type")
                      : multipart ? text("mimeType", "mime_type")
                                  : req.get_header_value("X-Goog-Upload-Header-Content-Type");
    if (s.mime_type.empty()) s.mime_type = parts ? parts->data_type : text("mimeType", "mime_type");
    if (s.mime_type.empty()) s.mime_type = "application/octet-stream";
    if (const std::string name = text("name", "name"); !name.empty()) {
      s.file_id = files_id_of(name);
      if (s.file_id.empty()) return send_error(res, file_name_invalid(name));
      if (!env_.files().id_free(s.file_id)) return send_error(res, file_already_exists("files/" + s.file_id));
    } else {
      do s.file_id = FileStore::new_id(); while (!env_.files().id_free(s.file_id));
    }
    const bool simple = raw || multipart;
    if (simple) {
      s.declared_size = data.size();
    } else if (req.has_header("X-Goog-Upload-Header-Content-Length")) {
      s.declared_size = files_parse_u64(req.get_header_value("X-Goog-Upload-Header-Content-Length"));
      if (!s.declared_size) {
        return send_error(res, upload_bad_command("X-Goog-Upload-Header-Content-Length must be a number of bytes."));
      }
    }
    if (s.declared_size && *s.declared_size > kMaxFileBytes) return send_error(res, file_too_large(*s.declared_size, kMaxFileBytes));
    if (!simple && !files_upload_commands(req).count("start")) {
      return send_error(res, upload_bad_command("A resumable upload begins with X-Goog-Upload-Command: start."));
    }
    UploadSession started = env_.files().start_upload(std::move(s));
    if (simple) {
      if (!env_.files().append(started.id, data)) return send_error(res, internal_error());
      std::optional<StoredFile> f = env_.files().finalize(started.id, env_.clock().now());
      if (!f) return send_error(res, internal_error());
      return send_json(res, ojson{{"file", files_resource_json(env_, *f)}});
    }
    const std::string url = env_.base_url() + "/upload/" + version + "/files?upload_id=" + started.id +
                            "&upload_protocol=resumable";
    res.status = 200;
    res.set_header("X-Goog-Upload-Status", "active");
    res.set_header("X-Goog-Upload-URL", url);
    res.set_header("X-Goog-Upload-Control-URL", url);
    res.set_header("X-Goog-Upload-Chunk-Granularity", kFilesChunkGranularity);
    res.set_content("", "text/plain; charset=utf-8");
  }

  void chunk(const Request& req, Response& res, const std::string& upload_id) {
    serve_upload_chunk(env_, req, res, upload_id, [this, &upload_id](Response& r) {
      std::optional<StoredFile> f = env_.files().finalize(upload_id, env_.clock().now());
      if (!f) return send_error(r, internal_error());
      files_send_final(env_, r, *f);
    });
  }

  void get(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!files_caller(env_, req, res, version, "GetFile", &owner)) return;
    std::optional<StoredFile> f = env_.files().get(owner, id, env_.clock().now());
    if (!f) return send_error(res, file_not_found(id));
    send_json(res, files_resource_json(env_, *f));
  }

  void list(const Request& req, Response& res, const std::string& version) {
    std::string owner;
    if (!files_caller(env_, req, res, version, "ListFiles", &owner)) return;
    std::uint64_t page_size = 10;
    std::uint64_t start = 0;
    if (req.has_param("pageSize")) {
      std::optional<std::uint64_t> n = files_parse_u64(req.get_param_value("pageSize"));
      if (!n) return send_error(res, invalid_argument("Invalid value at 'page_size' (TYPE_INT32), \"" +
                                                      req.get_param_value("pageSize") + "\""));
      page_size = *n == 0 ? 10 : std::min<std::uint64_t>(*n, 100);
    }
    if (req.has_param("pageToken") && !req.get_param_value("pageToken").empty()) {
      const std::string token = req.get_param_value("pageToken");
      std::optional<std::string> decoded = base64_decode(token);
      std::optional<std::uint64_t> at =
          decoded && decoded->rfind("files:", 0) == 0 ? files_parse_u64(decoded->substr(6)) : std::nullopt;
      if (!at) return send_error(res, invalid_argument("Invalid page token."));
      start = *at;
    }
    const std::vector<StoredFile> files = env_.files().list(owner, env_.clock().now());
    ojson out = ojson::object();
    if (start < files.size()) {
      ojson page = ojson::array();
      for (std::uint64_t i = start; i < files.size() && i < start + page_size; ++i) page.push_back(files_resource_json(env_, files[i]));
      out["files"] = std::move(page);
    }
    if (start + page_size < files.size()) out["nextPageToken"] = base64url_encode("files:" + std::to_string(start + page_size));
    send_json(res, out);
  }

  void remove(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!files_caller(env_, req, res, version, "DeleteFile", &owner)) return;
    if (!env_.files().remove(owner, id, env_.clock().now())) return send_error(res, file_not_found(id));
    send_json(res, ojson::object());
  }

  void download(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!files_caller(env_, req, res, version, "DownloadFile", &owner)) return;
    std::optional<StoredFile> f = env_.files().get(owner, id, env_.clock().now());
    if (!f) return send_error(res, file_not_found(id));
    if (!f->generated) return send_error(res, file_not_downloadable(id));
    res.status = 200;
    res.content_type = f->mime_type;
    res.body_path = f->path;
    res.body_path_size = f->size;
  }

 private:
  ServerEnv& env_;
};

}  // namespace

void serve_upload_chunk(ServerEnv& env, const Request& req, Response& res, const std::string& upload_id,
                      const std::function<void(Response&)>& finish) {
  std::optional<UploadSession> s = env.files().upload(upload_id);
  if (!s) return send_error(res, upload_session_not_found());
  const std::set<std::string> commands = files_upload_commands(req);
  if (commands.count("query")) {
    res.status = 200;
    res.set_header("X-Goog-Upload-Size-Received", std::to_string(s->received));
    if (s->final) {
      finish(res);
      res.set_header("X-Goog-Upload-Size-Received", std::to_string(s->received));
      return;
    }
    res.set_header("X-Goog-Upload-Status", "active");
    return res.set_content("", "text/plain; charset=utf-8");
  }
  const bool upload = commands.count("upload") > 0;
  const bool finalize = commands.count("finalize") > 0;
  if (!upload && !finalize) {
    return send_error(res, upload_bad_command("Unknown X-Goog-Upload-Command \"" +
                                              req.get_header_value("X-Goog-Upload-Command") +
                                              "\": use upload, \"upload, finalize\" or query."));
  }
  if (s->final) return send_error(res, upload_bad_command("The upload is already finalized."));
  if (upload) {
    if (!req.has_header("X-Goog-Upload-Offset")) {
      return send_error(res, upload_bad_command("X-Goog-Upload-Offset is required with X-Goog-Upload-Command: upload."));
    }
    std::optional<std::uint64_t> offset = files_parse_u64(req.get_header_value("X-Goog-Upload-Offset"));
    if (!offset) return send_error(res, upload_bad_command("X-Goog-Upload-Offset must be a number of bytes."));
    if (*offset != s->received) return send_error(res, upload_offset_mismatch(*offset, s->received));
    const std::uint64_t after = s->received + req.body.size();
    if (after > kMaxFileBytes) return send_error(res, file_too_large(after, kMaxFileBytes));
    if (s->declared_size && after > *s->declared_size) return send_error(res, upload_size_mismatch(*s->declared_size, after));
    if (req.cut_upload) {
      // A connection reset in the middle of the chunk: the server keeps
      // what reached it, the client hears nothing.
      const std::size_t keep = req.cut_upload_bytes >= 0
                                   ? std::min<std::size_t>(static_cast<std::size_t>(req.cut_upload_bytes), req.body.size())
                                   : req.body.size() / 2;
      (void)env.files().append(upload_id, std::string_view(req.body).substr(0, keep));
      res.status = 200;
      res.content_type = "text/plain";
      res.drop_connection = true;
      return;
    }
    s = env.files().append(upload_id, req.body);
    if (!s) return send_error(res, internal_error());
  }
  if (!finalize) {
    res.status = 200;
    res.set_header("X-Goog-Upload-Status", "active");
    return res.set_content("", "text/plain; charset=utf-8");
  }
  if (s->declared_size && s->received != *s->declared_size) {
    return send_error(res, upload_size_mismatch(*s->declared_size, s->received));
  }
  finish(res);
}

void register_file_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<FileApi>(env);
  router.post(R"(/upload/(v1beta|v1)/files)", [api](const Request& req, Response& res) {
    api->upload(req, res, req.matches[1]);
  });
  router.get(R"(/(v1beta|v1)/files)", [api](const Request& req, Response& res) { api->list(req, res, req.matches[1]); });
  router.get(R"(/(v1beta|v1)/files/([^/:]+))", [api](const Request& req, Response& res) {
    api->get(req, res, req.matches[1], req.matches[2]);
  });
  router.del(R"(/(v1beta|v1)/files/([^/:]+))", [api](const Request& req, Response& res) {
    api->remove(req, res, req.matches[1], req.matches[2]);
  });
  router.get(R"(/(v1beta|v1)/files/([^/:]+):download)", [api](const Request& req, Response& res) {
    api->download(req, res, req.matches[1], req.matches[2]);
  });
}

std::optional<GoogleError> resolve_file_parts(ServerEnv& env, GeminiCall& call) {
  if (call.vertex || !call.body.contains("contents") || !call.body["contents"].is_array()) return std::nullopt;
  const SystemTime now = env.clock().now();
  for (ojson& content : call.body["contents"]) {
    if (!content.is_object() || !content.contains("parts") || !content["parts"].is_array()) continue;
    ojson parts = ojson::array();
    for (ojson& part : content["parts"]) {
      parts.push_back(part);
      if (!part.is_object() || !part.contains("fileData") || !part["fileData"].is_object()) continue;
      const std::string uri = part["fileData"].value("fileUri", "");
      std::string id;
      if (uri.rfind("files/", 0) == 0) {
        id = uri.substr(6);
      } else if (const size_t at = uri.find("/files/");
                 at != std::string::npos && (uri.find("generativelanguage.googleapis.com") != std::string::npos ||
                                             uri.rfind(env.base_url(), 0) == 0)) {
        id = uri.substr(at + 7);
      } else {
        continue;  // not a file of this API
      }
      id = id.substr(0, id.find_first_of(":?/"));
      std::optional<StoredFile> f = env.files().get(call.owner, id, now);
      if (!f) return file_not_found(id);
      if (now < f->active_time) return file_not_active(id);
      const bool text = f->mime_type.rfind("text/", 0) == 0 || f->mime_type == "application/json" ||
                        f->mime_type == "application/jsonl";
      if (text) parts.push_back(ojson{{"text", env.files().read(*f, 0, kFilesMaxPromptBytes)}});
    }
    content["parts"] = std::move(parts);
  }
  return std::nullopt;
}

}  // namespace genai::emulator
