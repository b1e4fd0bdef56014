#include "emulator/handlers/storage_common.h"

#include <strings.h>

#include "core/url.h"
#include "emulator/auth/crypto.h"
#include "emulator/common/env.h"
#include "emulator/common/storage_errors.h"
#include "emulator/state/iam_roles.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// The project number a SERVICE_DISABLED body names ("containerInfo").
std::string disabled_project_number(const GoogleError& e) {
  const nlohmann::json body = nlohmann::json::parse(e.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return {};
  for (const auto& d : body["error"].value("details", nlohmann::json::array())) {
    if (d.value("reason", "") == "SERVICE_DISABLED" && d.contains("metadata")) {
      return d["metadata"].value("containerInfo", "");
    }
  }
  return {};
}

// Holds `member` the basic `role` on `project_id`?
bool gcs_holds_project_role(ServerEnv& env, const std::string& project_id, const std::string& role,
                            const std::string& principal) {
  const std::optional<Project> p = env.state().project(project_id);
  if (!p) return false;
  auto it = p->bindings.find(role);
  return it != p->bindings.end() && it->second.count(principal);
}

}  // namespace

std::optional<Caller> storage_authenticate(ServerEnv& env, const Request& req, Response& res,
                                           std::string_view permission, std::string_view resource) {
  const std::string authorization = req.get_header_value("Authorization");
  if (authorization.empty() && !req.has_header("x-goog-api-key") && !req.has_param("key")) {
    send_error(res, storage_anonymous(permission, resource));
    return std::nullopt;
  }
  AccessCheck check;
  check.service = kStorage;
  check.api_method = "storage." + std::string(permission);
  check.allow_api_key = false;
  std::variant<Caller, GoogleError> who = authorize(env, req, check);
  if (auto* e = std::get_if<GoogleError>(&who)) {
    const std::string number = disabled_project_number(*e);
    send_error(res, number.empty() ? storage_shape(*e) : storage_service_disabled(number));
    return std::nullopt;
  }
  return std::get<Caller>(who);
}

std::set<std::string> storage_bucket_permissions(ServerEnv& env, const Bucket& bucket, const std::string& principal) {
  std::set<std::string> held = env.state().permissions(bucket.project_id, principal);
  for (const auto& [role, members] : bucket.bindings) {
    bool applies = members.count(principal) || members.count("allUsers") || members.count("allAuthenticatedUsers");
    for (const auto& [prefix, basic] : {std::pair<std::string, std::string>{"projectOwner:", "roles/owner"},
                                        {"projectEditor:", "roles/editor"},
                                        {"projectViewer:", "roles/viewer"}}) {
      for (const std::string& m : members) {
        if (!applies && m.rfind(prefix, 0) == 0) {
          applies = gcs_holds_project_role(env, m.substr(prefix.size()), basic, principal);
        }
      }
    }
    if (applies) {
      const std::set<std::string>& perms = role_permissions(role);
      held.insert(perms.begin(), perms.end());
    }
  }
  return held;
}

std::optional<std::pair<Caller, Bucket>> admit_storage(ServerEnv& env, const Request& req, Response& res,
                                                       const std::string& bucket, std::string_view permission,
                                                       std::string_view resource) {
  std::optional<Caller> caller = storage_authenticate(env, req, res, permission, resource);
  if (!caller) return std::nullopt;
  std::optional<Bucket> b = env.storage().bucket(bucket);
  if (!b) {
    send_error(res, storage_bucket_not_found());
    return std::nullopt;
  }
  if (!storage_bucket_permissions(env, *b, caller->principal).count(std::string(permission))) {
    send_error(res, storage_denied(caller->principal, permission, resource));
    return std::nullopt;
  }
  return std::make_pair(std::move(*caller), std::move(*b));
}

std::string storage_url_encode(std::string_view s) { return internal::url_encode(s); }

ojson storage_object_json(const ServerEnv& env, const StoredObject& o) {
  const std::string gen = std::to_string(o.generation);
  const std::string path = "/b/" + o.bucket + "/o/" + storage_url_encode(o.name);
  ojson j;
  j["kind"] = "storage#object";
  j["id"] = o.bucket + "/" + o.name + "/" + gen;
  j["selfLink"] = env.base_url() + "/storage/v1" + path;
  j["mediaLink"] = env.base_url() + "/download/storage/v1" + path + "?generation=" + gen + "&alt=media";
  j["name"] = o.name;
  j["bucket"] = o.bucket;
  j["generation"] = gen;
  j["metageneration"] = std::to_string(o.metageneration);
  j["contentType"] = o.content_type;
  j["storageClass"] = "STANDARD";
  j["size"] = std::to_string(o.size);
  j["md5Hash"] = o.md5;
  j["crc32c"] = o.crc32c;
  j["etag"] = base64_encode(gen + "/" + std::to_string(o.metageneration));
  j["timeCreated"] = o.time_created;
  j["updated"] = o.updated;
  j["timeStorageClassUpdated"] = o.time_created;
  if (!o.metadata.empty()) j["metadata"] = o.metadata;
  return j;
}

ojson storage_bucket_json(const ServerEnv& env, const Bucket& b) {
  ojson j;
  j["kind"] = "storage#bucket";
  j["selfLink"] = env.base_url() + "/storage/v1/b/" + b.name;
  j["id"] = b.name;
  j["name"] = b.name;
  j["projectNumber"] = b.project_number;
  j["metageneration"] = std::to_string(b.metageneration);
  j["location"] = b.location;
  j["storageClass"] = b.storage_class;
  j["etag"] = "CAE=";
  j["timeCreated"] = b.time_created;
  j["updated"] = b.updated;
  ojson ubla;
  ubla["enabled"] = true;
  j["iamConfiguration"]["bucketPolicyOnly"] = ubla;
  j["iamConfiguration"]["uniformBucketLevelAccess"] = ubla;
  j["iamConfiguration"]["publicAccessPrevention"] = "inherited";
  j["locationType"] = b.location.find('-') == std::string::npos ? "multi-region" : "region";
  j["rpo"] = "DEFAULT";
  return j;
}

void storage_reply(Response& res, const ojson& j) {
  res.status = 200;
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

}  // namespace genai::emulator
