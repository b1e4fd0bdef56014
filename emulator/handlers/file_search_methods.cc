#include "emulator/handlers/file_search_methods.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/handlers/access.h"
#include "emulator/handlers/file_methods.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/paging.h"
#include "emulator/state/file_search.h"
#include "emulator/state/files.h"
#include "emulator/state/operations.h"
#include "emulator/state/state.h"

namespace genai::emulator {

bool file_search_id_valid(std::string_view id) {
  if (id.empty() || id.size() > 40 || id.front() == '-' || id.back() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string file_search_store_resource(const std::string& id) { return "fileSearchStores/" + id; }

std::string file_search_document_state(const SearchDocument& d, std::chrono::system_clock::time_point now) {
  if (now < d.active_time) return "STATE_PENDING";
  return d.failure.empty() ? "STATE_ACTIVE" : "STATE_FAILED";
}

namespace {

using ojson = nlohmann::ordered_json;
using SysTime = std::chrono::system_clock::time_point;

// Google's limit on one document.
constexpr std::uint64_t kMaxDocumentBytes = std::uint64_t{100} << 20;
constexpr std::size_t kMaxCustomMetadata = 20;


ojson fsm_document_json(const std::string& store_id, const SearchDocument& d, SysTime now) {
  ojson j;
  j["name"] = file_search_store_resource(store_id) + "/documents/" + d.id;
  if (!d.display_name.empty()) j["displayName"] = d.display_name;
  if (d.custom_metadata.is_array() && !d.custom_metadata.empty()) j["customMetadata"] = d.custom_metadata;
  j["updateTime"] = file_time(now >= d.active_time ? d.active_time : d.create_time);
  j["createTime"] = file_time(d.create_time);
  j["state"] = file_search_document_state(d, now);
  j["sizeBytes"] = std::to_string(d.size);
  j["mimeType"] = d.mime_type;
  return j;
}

// Google leaves zero counts out (proto3 JSON).
ojson fsm_store_json(const SearchStore& s, SysTime now) {
  std::uint64_t active = 0, pending = 0, failed = 0, size = 0;
  for (const auto& [id, d] : s.documents) {
    const std::string state = file_search_document_state(d, now);
    (state == "STATE_ACTIVE" ? active : state == "STATE_PENDING" ? pending : failed) += 1;
    size += d.size;
  }
  ojson j;
  j["name"] = file_search_store_resource(s.id);
  if (!s.display_name.empty()) j["displayName"] = s.display_name;
  j["createTime"] = file_time(s.create_time);
  j["updateTime"] = file_time(s.update_time);
  if (active) j["activeDocumentsCount"] = std::to_string(active);
  if (pending) j["pendingDocumentsCount"] = std::to_string(pending);
  if (failed) j["failedDocumentsCount"] = std::to_string(failed);
  if (size) j["sizeBytes"] = std::to_string(size);
  if (!s.embedding_model.empty()) j["embeddingModel"] = s.embedding_model;
  return j;
}

ojson fsm_operation_json(const SearchOperation& op, SysTime now) {
  ojson j;
  j["name"] = op.name;
  if (now < op.done_time) return j;
  j["done"] = true;
  if (!op.error.is_null()) j["error"] = op.error;
  else j["response"] = op.response;
  return j;
}

// The chunking and metadata of an upload's start or an import.
struct DocumentSpec {
  int max_tokens = kDefaultTokensPerChunk;
  int overlap = kDefaultOverlapTokens;
  ojson custom_metadata = ojson::array();
};

std::optional<GoogleError> fsm_read_spec(const ojson& body, DocumentSpec& spec) {
  if (body.contains("chunkingConfig")) {
    const ojson& c = body["chunkingConfig"];
    if (!c.is_object()) return file_search_bad_request("Invalid value at 'chunking_config': expected an object.");
    if (c.contains("whiteSpaceConfig")) {
      const ojson& w = c["whiteSpaceConfig"];
      if (!w.is_object()) return file_search_bad_request("Invalid value at 'chunking_config.white_space_config'.");
      const ojson max = w.value("maxTokensPerChunk", ojson(kDefaultTokensPerChunk));
      const ojson overlap = w.value("maxOverlapTokens", ojson(kDefaultOverlapTokens));
      if (!max.is_number_integer() || !overlap.is_number_integer()) {
        return file_search_bad_request(
            "Invalid value at 'chunking_config.white_space_config': maxTokensPerChunk and maxOverlapTokens are integers.");
      }
      spec.max_tokens = max.get<int>();
      spec.overlap = overlap.get<int>();
      if (spec.max_tokens < 1 || spec.max_tokens > kMaxTokensPerChunk) {
        return file_search_bad_request("chunking_config.white_space_config.max_tokens_per_chunk must be between 1 and " +
                                       std::to_string(kMaxTokensPerChunk) + ", got " + std::to_string(spec.max_tokens) + ".");
      }
      if (spec.overlap < 0 || spec.overlap >= spec.max_tokens) {
        return file_search_bad_request(
            "chunking_config.white_space_config.max_overlap_tokens must be at least 0 and less than "
            "max_tokens_per_chunk.");
      }
      if (!w.contains("maxOverlapTokens")) spec.overlap = std::min(kDefaultOverlapTokens, spec.max_tokens / 2);
    }
  }
  if (body.contains("customMetadata")) {
    const ojson& m = body["customMetadata"];
    if (!m.is_array()) return file_search_bad_request("Invalid value at 'custom_metadata': expected a list.");
    if (m.size() > kMaxCustomMetadata) {
      return file_search_bad_request("A Document can have at most 20 CustomMetadata, got " + std::to_string(m.size()) + ".");
    }
    std::set<std::string> keys;
    for (const ojson& e : m) {
      if (!e.is_object() || !e.contains("key") || !e["key"].is_string() || e["key"].get<std::string>().empty()) {
        return file_search_bad_request("custom_metadata.key is required.");
      }
      const int values = (e.contains("stringValue") ? 1 : 0) + (e.contains("stringListValue") ? 1 : 0) +
                         (e.contains("numericValue") ? 1 : 0);
      if (values != 1) {
        return file_search_bad_request("custom_metadata \"" + e["key"].get<std::string>() +
                                       "\" must have exactly one of string_value, string_list_value, numeric_value.");
      }
      if (!keys.insert(e["key"].get<std::string>()).second) {
        return file_search_bad_request("Duplicate custom_metadata key \"" + e["key"].get<std::string>() + "\".");
      }
    }
    spec.custom_metadata = m;
  }
  return std::nullopt;
}

std::optional<GoogleError> fsm_known_fields(const ojson& body, std::initializer_list<const char*> known) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; })) {
      return json_unknown_name(it.key());
    }
  }
  return std::nullopt;
}

class FileSearchApi {
 public:
  explicit FileSearchApi(ServerEnv& env) : env_(env) {}

  // The caller's project, or false with the error written.
  bool caller(const Request& req, Response& res, const std::string& version, const char* rpc, std::string* owner) {
    env_.state().count(std::string("requests FileSearchStoreService.") + rpc);
    AccessCheck c;
    c.service = kGenerativeLanguage;
    c.api_method = "google.ai.generativelanguage." + version + ".FileSearchStoreService." + rpc;
    auto who = authorize(env_, req, c);
    if (auto* e = std::get_if<GoogleError>(&who)) {
      send_error(res, *e);
      return false;
    }
    *owner = std::get<Caller>(who).project_id;
    return true;
  }

  // The store named by the URL, or false with the error written.
  bool find_store(Response& res, const std::string& owner, const std::string& id, SearchStore* out) {
    if (!file_search_id_valid(id)) {
      send_error(res, file_search_store_name_invalid(file_search_store_resource(id)));
      return false;
    }
    std::optional<SearchStore> s = env_.file_search().store(owner, id);
    if (!s) {
      send_error(res, file_search_store_not_found(file_search_store_resource(id)));
      return false;
    }
    *out = std::move(*s);
    return true;
  }

  std::optional<ojson> json_body(const Request& req, Response& res) {
    if (req.body.empty()) return ojson::object();
    ojson body = ojson::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      send_error(res, json_payload_invalid());
      return std::nullopt;
    }
    return body;
  }

  void create(const Request& req, Response& res, const std::string& version) {
    std::string owner;
    if (!caller(req, res, version, "CreateFileSearchStore", &owner)) return;
    std::optional<ojson> body = json_body(req, res);
    if (!body) return;
    if (auto e = fsm_known_fields(*body, {"displayName", "embeddingModel", "name"})) return send_error(res, *e);
    const ojson dn = body->value("displayName", ojson(""));
    if (!dn.is_string()) return send_error(res, file_search_bad_request("Invalid value at 'file_search_store.display_name'."));
    const std::string display_name = dn.get<std::string>();
    if (display_name.size() > 512) {
      return send_error(res, file_search_bad_request("display_name must be no more than 512 characters."));
    }
    const ojson em = body->value("embeddingModel", ojson(""));
    if (!em.is_string()) return send_error(res, file_search_bad_request("Invalid value at 'file_search_store.embedding_model'."));
    std::string embedding_model = em.get<std::string>();
    if (!embedding_model.empty() && embedding_model.rfind("models/", 0) != 0) embedding_model = "models/" + embedding_model;
    const SearchStore s = env_.file_search().create_store(owner, display_name, embedding_model, env_.clock().now());
    send_json(res, fsm_store_json(s, env_.clock().now()));
  }

  void get(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!caller(req, res, version, "GetFileSearchStore", &owner)) return;
    SearchStore s;
    if (!find_store(res, owner, id, &s)) return;
    send_json(res, fsm_store_json(s, env_.clock().now()));
  }

  void list(const Request& req, Response& res, const std::string& version) {
    std::string owner;
    if (!caller(req, res, version, "ListFileSearchStores", &owner)) return;
    const std::optional<PageWindow> page = read_page_window(req, "fss-", 10, 20);
    if (!page) return send_error(res, invalid_argument("Invalid page token."));
    const std::vector<SearchStore> all = env_.file_search().stores(owner);
    const SysTime now = env_.clock().now();
    ojson out = ojson::object();  // Google leaves an empty list out
    for (size_t i = page->start; i < all.size() && i < page->start + page->size; ++i) {
      out["fileSearchStores"].push_back(fsm_store_json(all[i], now));
    }
    if (std::string next = next_page_token(*page, all.size(), "fss-"); !next.empty()) out["nextPageToken"] = next;
    send_json(res, out);
  }

  void remove(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!caller(req, res, version, "DeleteFileSearchStore", &owner)) return;
    SearchStore s;
    if (!find_store(res, owner, id, &s)) return;
    const bool force = req.get_param_value("force") == "true";
    switch (env_.file_search().remove_store(owner, id, force)) {
      case FileSearchState::Removal::kRemoved: return send_json(res, ojson::object());
      case FileSearchState::Removal::kNotEmpty:
        return send_error(res, file_search_store_not_empty(file_search_store_resource(id), s.documents.size()));
      case FileSearchState::Removal::kNotFound: return send_error(res, file_search_store_not_found(file_search_store_resource(id)));
    }
  }

  // Indexes `bytes` as a new document of the store and records the operation
  // that reports it; returns the operation.
  std::optional<SearchOperation> index(const std::string& owner, const std::string& store_id, const std::string& op_name,
                                       const std::string& response_type, std::string display_name,
                                       const std::string& mime_type, const std::string& bytes, const DocumentSpec& spec) {
    const SysTime now = env_.clock().now();
    SearchDocument doc;
    doc.display_name = std::move(display_name);
    doc.mime_type = mime_type;
    doc.size = bytes.size();
    doc.create_time = now;
    doc.active_time = now + kDocumentIndexingTime;
    doc.custom_metadata = spec.custom_metadata;
    if (std::optional<std::string> text = indexable_text(bytes, mime_type)) {
      doc.chunks = whitespace_chunks(*text, spec.max_tokens, spec.overlap);
    } else {
      doc.failure = unsupported_document_reason(mime_type);
    }
    std::optional<SearchDocument> added = env_.file_search().add_document(owner, store_id, std::move(doc));
    if (!added) return std::nullopt;
    SearchOperation op;
    op.name = op_name;
    op.owner = owner;
    op.done_time = added->active_time;
    if (!added->failure.empty()) {
      op.error = ojson{{"code", 3}, {"message", added->failure}};
    } else {
      op.response = ojson{{"@type", "type.googleapis.com/google.ai.generativelanguage.v1beta." + response_type},
                          {"parent", file_search_store_resource(store_id)},
                          {"documentName", file_search_store_resource(store_id) + "/documents/" + added->id}};
    }
    env_.file_search().put_operation(op);
    return op;
  }

  void upload(const Request& req, Response& res, const std::string& version, const std::string& id) {
    if (req.has_param("upload_id")) return chunk(req, res, req.get_param_value("upload_id"));
    std::string owner;
    if (!caller(req, res, version, "UploadToFileSearchStore", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    if (ascii_lower(req.get_header_value("X-Goog-Upload-Protocol")) != "resumable") {
      return send_error(res, upload_bad_command("uploadToFileSearchStore takes resumable uploads "
                                                "(X-Goog-Upload-Protocol: resumable)."));
    }
    if (ascii_lower(req.get_header_value("X-Goog-Upload-Command")).find("start") == std::string::npos) {
      return send_error(res, upload_bad_command("A resumable upload begins with X-Goog-Upload-Command: start."));
    }
    std::optional<ojson> body = json_body(req, res);
    if (!body) return;
    if (auto e = fsm_known_fields(*body, {"mimeType", "displayName", "customMetadata", "chunkingConfig"})) {
      return send_error(res, *e);
    }
    Pending p;
    p.store_id = id;
    if (auto e = fsm_read_spec(*body, p.spec)) return send_error(res, *e);
    p.display_name = body->value("displayName", ojson("")).is_string() ? body->value("displayName", "") : "";
    if (p.display_name.empty()) p.display_name = req.get_header_value("X-Goog-Upload-File-Name");
    UploadSession s;
    s.owner = owner;
    s.mime_type = req.get_header_value("X-Goog-Upload-Header-Content-Type");
    if (const ojson m = body->value("mimeType", ojson()); s.mime_type.empty() && m.is_string()) s.mime_type = m.get<std::string>();
    if (s.mime_type.empty()) s.mime_type = "application/octet-stream";
    if (req.has_header("X-Goog-Upload-Header-Content-Length")) {
      const std::string v = req.get_header_value("X-Goog-Upload-Header-Content-Length");
      if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) {
        return send_error(res, upload_bad_command("X-Goog-Upload-Header-Content-Length must be a number of bytes."));
      }
      s.declared_size = std::stoull(v);
      if (*s.declared_size > kMaxDocumentBytes) {
        return send_error(res, file_search_document_too_large(*s.declared_size, kMaxDocumentBytes));
      }
    }
    p.mime_type = s.mime_type;
    p.owner = owner;
    const UploadSession started = env_.files().start_upload(std::move(s));
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_[started.id] = std::move(p);
    }
    const std::string url = env_.base_url() + "/upload/" + version + "/fileSearchStores/" + id +
                            ":uploadToFileSearchStore?upload_id=" + started.id + "&upload_protocol=resumable";
    res.status = 200;
    res.set_header("X-Goog-Upload-Status", "active");
    res.set_header("X-Goog-Upload-URL", url);
    res.set_header("X-Goog-Upload-Control-URL", url);
    res.set_header("X-Goog-Upload-Chunk-Granularity", "8388608");
    res.set_content("", "text/plain; charset=utf-8");
  }

  void chunk(const Request& req, Response& res, const std::string& upload_id) {
    std::optional<UploadSession> session = env_.files().upload(upload_id);
    if (session && session->declared_size.value_or(0) == 0 && session->received + req.body.size() > kMaxDocumentBytes) {
      return send_error(res, file_search_document_too_large(session->received + req.body.size(), kMaxDocumentBytes));
    }
    serve_upload_chunk(env_, req, res, upload_id, [this, &upload_id](Response& r) { finish(r, upload_id); });
  }

  // The upload's final answer: its operation (made once, on the first finalize).
  void finish(Response& res, const std::string& upload_id) {
    std::optional<SearchOperation> op;
    if (std::optional<std::string> name = env_.file_search().upload_operation(upload_id)) {
      Pending p;
      {
        std::lock_guard<std::mutex> lock(mu_);
        p = pending_[upload_id];
      }
      op = env_.file_search().operation(p.owner, *name);
    } else {
      Pending p;
      {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = pending_.find(upload_id);
        if (it == pending_.end()) return send_error(res, upload_session_not_found());
        p = it->second;
      }
      std::optional<std::string> bytes = env_.files().finish_upload(upload_id);
      if (!bytes) return send_error(res, internal_error());
      const std::string op_name = file_search_store_resource(p.store_id) + "/upload/operations/" + env_.operations().new_id(false);
      op = index(p.owner, p.store_id, op_name, "UploadToFileSearchStoreResponse", p.display_name, p.mime_type, *bytes,
                 p.spec);
      if (!op) return send_error(res, file_search_store_not_found(file_search_store_resource(p.store_id)));
      env_.file_search().set_upload_operation(upload_id, op->name);
    }
    if (!op) return send_error(res, internal_error());
    send_json(res, fsm_operation_json(*op, env_.clock().now()));
    res.set_header("X-Goog-Upload-Status", "final");
  }

  void import_file(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!caller(req, res, version, "ImportFile", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    std::optional<ojson> body = json_body(req, res);
    if (!body) return;
    if (auto e = fsm_known_fields(*body, {"fileName", "customMetadata", "chunkingConfig"})) return send_error(res, *e);
    DocumentSpec spec;
    if (auto e = fsm_read_spec(*body, spec)) return send_error(res, *e);
    const ojson fn = body->value("fileName", ojson(""));
    if (!fn.is_string() || fn.get<std::string>().empty()) {
      return send_error(res, file_search_bad_request("file_name is required: the File to import, e.g. files/abc-123."));
    }
    std::string file_id = fn.get<std::string>();
    if (file_id.rfind("files/", 0) == 0) file_id = file_id.substr(6);
    if (!file_search_id_valid(file_id)) return send_error(res, file_name_invalid(fn.get<std::string>()));
    std::optional<StoredFile> f = env_.files().get(owner, file_id, env_.clock().now());
    if (!f) return send_error(res, file_not_found(file_id));
    if (env_.clock().now() < f->active_time) return send_error(res, file_not_active(file_id));
    if (f->size > kMaxDocumentBytes) return send_error(res, file_search_document_too_large(f->size, kMaxDocumentBytes));
    const std::string bytes = env_.files().read(*f, 0, static_cast<std::size_t>(f->size));
    const std::string op_name = file_search_store_resource(id) + "/operations/" + env_.operations().new_id(false);
    std::optional<SearchOperation> op = index(owner, id, op_name, "ImportFileResponse",
                                              f->display_name.empty() ? f->id : f->display_name, f->mime_type, bytes, spec);
    if (!op) return send_error(res, file_search_store_not_found(file_search_store_resource(id)));
    send_json(res, fsm_operation_json(*op, env_.clock().now()));
  }

  void get_operation(const Request& req, Response& res, const std::string& version, const std::string& id,
                     const std::string& name) {
    std::string owner;
    if (!caller(req, res, version, "GetOperation", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    std::optional<SearchOperation> op = env_.file_search().operation(owner, name);
    if (!op) return send_error(res, operation_not_found(name));
    send_json(res, fsm_operation_json(*op, env_.clock().now()));
  }

  void list_documents(const Request& req, Response& res, const std::string& version, const std::string& id) {
    std::string owner;
    if (!caller(req, res, version, "ListDocuments", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    const std::optional<PageWindow> page = read_page_window(req, "doc-", 10, 20);
    if (!page) return send_error(res, invalid_argument("Invalid page token."));
    std::vector<const SearchDocument*> docs;
    for (const auto& [doc_id, d] : store.documents) docs.push_back(&d);
    std::stable_sort(docs.begin(), docs.end(), [](const SearchDocument* a, const SearchDocument* b) {
      return a->create_time != b->create_time ? a->create_time < b->create_time : a->id < b->id;
    });
    const SysTime now = env_.clock().now();
    ojson out = ojson::object();
    for (size_t i = page->start; i < docs.size() && i < page->start + page->size; ++i) {
      out["documents"].push_back(fsm_document_json(id, *docs[i], now));
    }
    if (std::string next = next_page_token(*page, docs.size(), "doc-"); !next.empty()) out["nextPageToken"] = next;
    send_json(res, out);
  }

  void get_document(const Request& req, Response& res, const std::string& version, const std::string& id,
                    const std::string& doc_id) {
    std::string owner;
    if (!caller(req, res, version, "GetDocument", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    auto it = store.documents.find(doc_id);
    if (it == store.documents.end()) {
      return send_error(res, file_search_document_not_found(file_search_store_resource(id) + "/documents/" + doc_id));
    }
    send_json(res, fsm_document_json(id, it->second, env_.clock().now()));
  }

  void delete_document(const Request& req, Response& res, const std::string& version, const std::string& id,
                       const std::string& doc_id) {
    std::string owner;
    if (!caller(req, res, version, "DeleteDocument", &owner)) return;
    SearchStore store;
    if (!find_store(res, owner, id, &store)) return;
    const std::string name = file_search_store_resource(id) + "/documents/" + doc_id;
    const bool force = req.get_param_value("force") == "true";
    switch (env_.file_search().remove_document(owner, id, doc_id, force, env_.clock().now())) {
      case FileSearchState::Removal::kRemoved: return send_json(res, ojson::object());
      case FileSearchState::Removal::kNotEmpty: return send_error(res, file_search_document_not_empty(name));
      case FileSearchState::Removal::kNotFound: return send_error(res, file_search_document_not_found(name));
    }
  }

 private:
  struct Pending {
    std::string owner;
    std::string store_id;
    std::string display_name;
    std::string mime_type;
    DocumentSpec spec;
  };

  ServerEnv& env_;
  std::mutex mu_;
  std::map<std::string, Pending> pending_;  // by upload id
};

}  // namespace

void register_file_search_routes(Router& router, ServerEnv& env) {
  auto api = std::make_shared<FileSearchApi>(env);
  router.post(R"(/(v1beta|v1alpha)/fileSearchStores)", [api](const Request& req, Response& res) {
    api->create(req, res, req.matches[1]);
  });
  router.get(R"(/(v1beta|v1alpha)/fileSearchStores)", [api](const Request& req, Response& res) {
    api->list(req, res, req.matches[1]);
  });
  router.get(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+))", [api](const Request& req, Response& res) {
    api->get(req, res, req.matches[1], req.matches[2]);
  });
  router.del(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+))", [api](const Request& req, Response& res) {
    api->remove(req, res, req.matches[1], req.matches[2]);
  });
  router.post(R"(/upload/(v1beta|v1alpha)/fileSearchStores/([^/:]+):uploadToFileSearchStore)",
              [api](const Request& req, Response& res) { api->upload(req, res, req.matches[1], req.matches[2]); });
  router.post(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+):importFile)", [api](const Request& req, Response& res) {
    api->import_file(req, res, req.matches[1], req.matches[2]);
  });
  router.get(R"(/(v1beta|v1alpha)/(fileSearchStores/([^/:]+)/(?:upload/)?operations/[^/:]+))",
             [api](const Request& req, Response& res) {
               api->get_operation(req, res, req.matches[1], req.matches[3], req.matches[2]);
             });
  router.get(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+)/documents)", [api](const Request& req, Response& res) {
    api->list_documents(req, res, req.matches[1], req.matches[2]);
  });
  router.get(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+)/documents/([^/:]+))",
             [api](const Request& req, Response& res) {
               api->get_document(req, res, req.matches[1], req.matches[2], req.matches[3]);
             });
  router.del(R"(/(v1beta|v1alpha)/fileSearchStores/([^/:]+)/documents/([^/:]+))",
             [api](const Request& req, Response& res) {
               api->delete_document(req, res, req.matches[1], req.matches[2], req.matches[3]);
             });
}

}  // namespace genai::emulator
