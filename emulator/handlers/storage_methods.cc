// Cloud Storage JSON API (storage.googleapis.com/storage/v1): buckets
// (insert, get, list, delete), a bucket's IAM policy (getIamPolicy,
// setIamPolicy), and objects (get: metadata or ?alt=media bytes with Range
// requests, list with prefix/delimiter paging, delete). Uploads are in
// storage_uploads.cc. Errors in Cloud Storage's own shape (storage_errors.h).
#include <algorithm>
#include <istream>

#include <nlohmann/json.hpp>

#include "emulator/auth/crypto.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/common/storage_errors.h"
#include "emulator/handlers/handlers.h"
#include "emulator/handlers/storage_common.h"
#include "emulator/state/iam_roles.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The bucket policy's etag: base64 of protobuf field 1 (varint) = version,
// as Google's "CAE=" is version 1.
std::string gcs_policy_etag(long long version) {
  std::string bytes = "\x08";
  auto v = static_cast<unsigned long long>(version);
  do {
    unsigned char byte = v & 0x7F;
    v >>= 7;
    if (v) byte |= 0x80;
    bytes += static_cast<char>(byte);
  } while (v);
  return base64_encode(bytes);
}

ojson gcs_policy_json(const Bucket& b) {
  ojson j;
  j["kind"] = "storage#policy";
  j["resourceId"] = "projects/_/buckets/" + b.name;
  j["version"] = 1;
  j["etag"] = gcs_policy_etag(b.iam_version);
  j["bindings"] = ojson::array();
  for (const auto& [role, members] : b.bindings) {
    if (members.empty()) continue;
    j["bindings"].push_back({{"role", role}, {"members", members}});
  }
  return j;
}

bool gcs_member_valid(const std::string& m) {
  if (m == "allUsers" || m == "allAuthenticatedUsers") return true;
  for (const char* p : {"user:", "serviceAccount:", "group:", "domain:", "projectOwner:", "projectEditor:",
                        "projectViewer:", "principal:", "principalSet:"}) {
    if (m.rfind(p, 0) == 0 && m.size() > std::string_view(p).size()) return true;
  }
  return false;
}

void gcs_insert_bucket(ServerEnv& env, const Request& req, Response& res) {
  const std::string project_id = req.get_param_value("project");
  std::optional<Caller> caller = storage_authenticate(env, req, res, "storage.buckets.create", kGcsProject);
  if (!caller) return;
  if (project_id.empty()) return send_error(res, storage_required("project"));
  const nlohmann::json body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  if (!body.is_object()) return send_error(res, storage_invalid("Invalid JSON payload received."));
  const std::string name = body.value("name", "");
  if (name.empty()) return send_error(res, storage_required("name"));
  const std::optional<Project> project = env.state().project(project_id);
  if (!project || !env.state().permissions(project->id, caller->principal).count("storage.buckets.create")) {
    return send_error(res, storage_denied(caller->principal, "storage.buckets.create", kGcsProject));
  }
  if (!storage_bucket_name_valid(name)) return send_error(res, storage_invalid_bucket_name(name));
  std::string location = body.value("location", "US");
  std::transform(location.begin(), location.end(), location.begin(), ::toupper);
  auto created = env.storage().create_bucket(name, project->id, project->number, env.clock().now(), location);
  if (!created) {
    const std::optional<Bucket> other = env.storage().bucket(name);
    return send_error(res, other && other->project_id == project->id ? storage_bucket_already_owned()
                                                                     : storage_bucket_name_taken());
  }
  storage_reply(res, storage_bucket_json(env, *created));
}

void gcs_list_buckets(ServerEnv& env, const Request& req, Response& res) {
  const std::string project_id = req.get_param_value("project");
  std::optional<Caller> caller = storage_authenticate(env, req, res, "storage.buckets.list", kGcsProject);
  if (!caller) return;
  if (project_id.empty()) return send_error(res, storage_required("project"));
  const std::optional<Project> project = env.state().project(project_id);
  if (!project || !env.state().permissions(project->id, caller->principal).count("storage.buckets.list")) {
    return send_error(res, storage_denied(caller->principal, "storage.buckets.list", kGcsProject));
  }
  ojson out;
  out["kind"] = "storage#buckets";
  for (const Bucket& b : env.storage().buckets(project->id)) out["items"].push_back(storage_bucket_json(env, b));
  storage_reply(res, out);
}

void gcs_set_policy(ServerEnv& env, const Request& req, Response& res, const std::string& bucket) {
  auto admitted = admit_storage(env, req, res, bucket, "storage.buckets.setIamPolicy", kGcsBucket);
  if (!admitted) return;
  const nlohmann::json body = nlohmann::json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
  if (!body.is_object()) return send_error(res, storage_invalid("Invalid JSON payload received."));
  std::map<std::string, std::set<std::string>> bindings;
  for (const nlohmann::json& b : body.value("bindings", nlohmann::json::array())) {
    if (!b.is_object() || !b.value("role", nlohmann::json()).is_string()) {
      return send_error(res, storage_invalid("Invalid argument."));
    }
    const std::string role = b["role"];
    if (!role_known(role)) return send_error(res, storage_unknown_role(role));
    for (const nlohmann::json& m : b.value("members", nlohmann::json::array())) {
      if (!m.is_string() || !gcs_member_valid(m.get<std::string>())) {
        return send_error(res, storage_invalid("Invalid argument."));
      }
      bindings[role].insert(m.get<std::string>());
    }
  }
  long long expected = 0;
  if (body.contains("etag") && body["etag"].is_string() && !body["etag"].get<std::string>().empty()) {
    expected = -1;
    for (long long v = admitted->second.iam_version; v >= 1 && v + 64 > admitted->second.iam_version; --v) {
      if (gcs_policy_etag(v) == body["etag"].get<std::string>()) expected = v;
    }
  }
  auto set = env.storage().set_bucket_bindings(bucket, std::move(bindings), expected);
  if (!set) return send_error(res, storage_precondition_failed());
  storage_reply(res, gcs_policy_json(*set));
}

// "bytes=a-b", "bytes=a-", "bytes=-n" against `size`: [first, last], or
// nullopt when unsatisfiable; `whole` when there is no usable Range.
struct GcsRange {
  std::uint64_t first = 0, last = 0;
  bool whole = true;
  bool unsatisfiable = false;
};

GcsRange gcs_parse_range(const std::string& header, std::uint64_t size) {
  GcsRange r;
  if (header.rfind("bytes=", 0) != 0 || header.find(',') != std::string::npos) return r;
  const std::string spec = header.substr(6);
  const size_t dash = spec.find('-');
  if (dash == std::string::npos) return r;
  try {
    const std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
    if (a.empty()) {
      if (b.empty()) return r;
      const std::uint64_t n = std::stoull(b);
      if (n == 0 || size == 0) {
        r.whole = false;
        r.unsatisfiable = true;
        return r;
      }
      r.first = size - std::min<std::uint64_t>(n, size);
      r.last = size - 1;
    } else {
      r.first = std::stoull(a);
      r.last = b.empty() ? size - 1 : std::min<std::uint64_t>(std::stoull(b), size - 1);
      if (!b.empty() && std::stoull(b) < r.first) return r;  // malformed: ignored, as HTTP says
    }
  } catch (...) {
    return r;
  }
  r.whole = false;
  r.unsatisfiable = r.first >= size;
  return r;
}

void gcs_get_object(ServerEnv& env, const Request& req, Response& res, const std::string& bucket,
                    const std::string& name, bool media) {
  auto admitted = admit_storage(env, req, res, bucket, "storage.objects.get", kGcsObject);
  if (!admitted) return;
  if (!storage_object_name_valid(name)) return send_error(res, storage_invalid_object_name());
  if (!media) {
    const std::optional<StoredObject> o = env.storage().object(bucket, name);
    if (!o) return send_error(res, storage_object_not_found(bucket, name));
    return storage_reply(res, storage_object_json(env, *o));
  }
  auto opened = env.storage().open_object(bucket, name);
  if (!opened) return send_error(res, storage_object_not_found(bucket, name));
  const StoredObject& o = opened->first;
  if (req.has_param("generation") && req.get_param_value("generation") != std::to_string(o.generation)) {
    return send_error(res, storage_object_not_found(bucket, name));
  }
  const GcsRange range = gcs_parse_range(req.get_header_value("Range"), o.size);
  if (range.unsatisfiable) {
    send_error(res, storage_range_not_satisfiable());
    res.set_header("Content-Range", "bytes */" + std::to_string(o.size));
    return;
  }
  res.status = range.whole ? 200 : 206;
  res.content_type = o.content_type;
  res.set_header("x-goog-hash", "crc32c=" + o.crc32c + ",md5=" + o.md5);
  res.set_header("x-goog-generation", std::to_string(o.generation));
  res.set_header("x-goog-metageneration", std::to_string(o.metageneration));
  res.set_header("x-goog-stored-content-length", std::to_string(o.size));
  res.set_header("x-goog-stored-content-encoding", "identity");
  res.set_header("ETag", "\"" + o.md5 + "\"");
  res.set_header("Accept-Ranges", "bytes");
  std::uint64_t first = 0, length = o.size;
  if (!range.whole) {
    first = range.first;
    length = range.last - range.first + 1;
    res.set_header("Content-Range", "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" +
                                        std::to_string(o.size));
  }
  opened->second->seekg(static_cast<std::streamoff>(first));
  res.body_stream = std::move(opened->second);
  res.body_stream_length = length;
  if (req.cut_stream && length > 1) res.body_stream_cut_at = length / 2;
}

void gcs_list_objects(ServerEnv& env, const Request& req, Response& res, const std::string& bucket) {
  if (!admit_storage(env, req, res, bucket, "storage.objects.list", kGcsBucket)) return;
  std::size_t max_results = 1000;
  if (req.has_param("maxResults")) {
    try {
      const long long n = std::stoll(req.get_param_value("maxResults"));
      if (n < 0) throw std::invalid_argument("negative");
      max_results = n == 0 ? 1000 : static_cast<std::size_t>(std::min(n, 1000LL));
    } catch (...) {
      return send_error(res, storage_invalid("Invalid value for maxResults: " + req.get_param_value("maxResults")));
    }
  }
  const ObjectListing page = env.storage().list(bucket, req.get_param_value("prefix"),
                                                req.get_param_value("delimiter"), req.get_param_value("pageToken"),
                                                max_results);
  ojson out;
  out["kind"] = "storage#objects";
  if (!page.next_page_token.empty()) out["nextPageToken"] = page.next_page_token;
  if (!page.prefixes.empty()) out["prefixes"] = page.prefixes;
  for (const StoredObject& o : page.items) out["items"].push_back(storage_object_json(env, o));
  storage_reply(res, out);
}

void gcs_delete_object(ServerEnv& env, const Request& req, Response& res, const std::string& bucket,
                       const std::string& name) {
  if (!admit_storage(env, req, res, bucket, "storage.objects.delete", kGcsObject)) return;
  if (!storage_object_name_valid(name)) return send_error(res, storage_invalid_object_name());
  std::optional<long long> generation;
  if (req.has_param("generation")) {
    try {
      generation = std::stoll(req.get_param_value("generation"));
    } catch (...) {
      return send_error(res, storage_invalid("Invalid value for generation"));
    }
  }
  if (!env.storage().delete_object(bucket, name, generation)) {
    return send_error(res, storage_object_not_found(bucket, name));
  }
  res.status = 204;
  res.set_content("", "application/json");
}

}  // namespace

void register_storage_routes(Router& router, ServerEnv& env) {
  router.post("/storage/v1/b", [&env](const Request& req, Response& res) { gcs_insert_bucket(env, req, res); });
  router.get("/storage/v1/b", [&env](const Request& req, Response& res) { gcs_list_buckets(env, req, res); });
  router.get(R"(/storage/v1/b/([^/]+))", [&env](const Request& req, Response& res) {
    auto admitted = admit_storage(env, req, res, req.matches[1], "storage.buckets.get", kGcsBucket);
    if (admitted) storage_reply(res, storage_bucket_json(env, admitted->second));
  });
  router.del(R"(/storage/v1/b/([^/]+))", [&env](const Request& req, Response& res) {
    if (!admit_storage(env, req, res, req.matches[1], "storage.buckets.delete", kGcsBucket)) return;
    if (!env.storage().delete_bucket(req.matches[1])) return send_error(res, storage_bucket_not_empty());
    res.status = 204;
    res.set_content("", "application/json");
  });
  router.get(R"(/storage/v1/b/([^/]+)/iam)", [&env](const Request& req, Response& res) {
    auto admitted = admit_storage(env, req, res, req.matches[1], "storage.buckets.getIamPolicy", kGcsBucket);
    if (admitted) storage_reply(res, gcs_policy_json(admitted->second));
  });
  router.put(R"(/storage/v1/b/([^/]+)/iam)",
             [&env](const Request& req, Response& res) { gcs_set_policy(env, req, res, req.matches[1]); });
  router.get(R"(/storage/v1/b/([^/]+)/o)",
             [&env](const Request& req, Response& res) { gcs_list_objects(env, req, res, req.matches[1]); });
  // An object's name is the rest of the path, slashes and all ([\s\S]: any
  // byte, so a name with a newline still reaches the name check).
  router.get(R"(/storage/v1/b/([^/]+)/o/([\s\S]+))", [&env](const Request& req, Response& res) {
    gcs_get_object(env, req, res, req.matches[1], req.matches[2], req.get_param_value("alt") == "media");
  });
  router.get(R"(/download/storage/v1/b/([^/]+)/o/([\s\S]+))", [&env](const Request& req, Response& res) {
    gcs_get_object(env, req, res, req.matches[1], req.matches[2], true);
  });
  router.del(R"(/storage/v1/b/([^/]+)/o/([\s\S]+))", [&env](const Request& req, Response& res) {
    gcs_delete_object(env, req, res, req.matches[1], req.matches[2]);
  });
}

}  // namespace genai::emulator
