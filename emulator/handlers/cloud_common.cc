#include "emulator/handlers/cloud_common.h"

#include "emulator/auth/crypto.h"
#include "emulator/common/env.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

}  // namespace

namespace {

AccessCheck cloud_access_check(const CloudCall& call) {
  AccessCheck check;
  check.service = call.service;
  check.api_method = call.api_method;
  check.allow_api_key = false;
  check.denial = call.denial;
  if (call.project) {
    check.permission = call.permission;
    check.resource_project = call.project->id;
  }
  return check;
}

}  // namespace

std::optional<GoogleError> check_cloud_call(ServerEnv& env, const std::string& principal, const CloudCall& call) {
  if (!call.project) {
    if (call.permission.empty()) return std::nullopt;
    return call.denial;
  }
  const Caller caller{Caller::Kind::kAccessToken, principal, call.project->id};
  return check_caller(env, caller, cloud_access_check(call));
}

std::optional<Caller> admit_cloud(ServerEnv& env, const Request& req, Response& res,
                                  const CloudCall& call) {
  auto who = authorize(env, req, cloud_access_check(call));
  if (auto* e = std::get_if<GoogleError>(&who)) {
    send_error(res, *e);
    return std::nullopt;
  }
  if (!call.project && !call.permission.empty()) {
    send_error(res, call.denial);
    return std::nullopt;
  }
  return std::get<Caller>(who);
}

std::optional<json> json_body(const Request& req, Response& res,
                              std::initializer_list<const char*> allowed) {
  if (req.body.empty()) return json::object();
  json j = json::parse(req.body, nullptr, false);
  if (!j.is_object()) {
    send_error(res, json_payload_invalid());
    return std::nullopt;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* name : allowed) known = known || it.key() == name;
    if (!known) {
      send_error(res, json_unknown_name(it.key()));
      return std::nullopt;
    }
  }
  return j;
}

void reply_json(Response& res, const ojson& j) {
  res.status = 200;
  res.set_content(j.dump(2) + "\n", "application/json; charset=UTF-8");
}

GoogleError from_state_error(const Error& e) {
  if (e.status == "NOT_FOUND") return not_found(e.message);
  if (e.status == "ALREADY_EXISTS") return already_exists(e.message);
  if (e.status == "FAILED_PRECONDITION") return failed_precondition(e.message);
  if (e.status == "ABORTED") return aborted(e.message);
  return invalid_argument(e.message);
}

ojson finished_operation(ServerEnv& env, const std::string& name, ojson metadata, const std::string& response_type,
                         ojson response) {
  ojson op;
  op["name"] = name;
  if (!metadata.is_null()) op["metadata"] = std::move(metadata);
  op["done"] = true;
  ojson typed;
  typed["@type"] = response_type;
  for (auto it = response.begin(); it != response.end(); ++it) typed[it.key()] = it.value();
  op["response"] = std::move(typed);
  env.state().put_operation(name, op.dump());
  return op;
}

std::string random_uuid() {
  return random_hex(8) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(12);
}

std::string policy_etag(long long version) {
  std::string bytes(8, '\0');
  for (int i = 7; i >= 0; --i) {
    bytes[static_cast<size_t>(i)] = static_cast<char>(version & 0xFF);
    version >>= 8;
  }
  return base64_encode(bytes);
}

std::optional<long long> policy_version_of(const std::string& etag) {
  std::string url = etag;
  for (char& c : url) {
    if (c == '+') c = '-';
    else if (c == '/') c = '_';
    else if (c == '-' || c == '_') return std::nullopt;  // not the standard alphabet
  }
  const std::optional<std::string> bytes = base64url_decode(url);
  if (!bytes) return std::nullopt;
  if (bytes->size() != 8) return -1;  // never a current version: ABORTED
  long long v = 0;
  for (unsigned char c : *bytes) v = (v << 8) | c;
  return v;
}

}  // namespace genai::emulator
