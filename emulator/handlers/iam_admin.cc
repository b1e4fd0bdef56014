// IAM (iam.googleapis.com): service accounts (create, list, get) and their
// keys (create, with the whole key file as privateKeyData; list, get,
// delete). "-" as the project means "the account's own project", as at
// Google. Denials never name the resource, as IAM's do not.
#include <nlohmann/json.hpp>

#include "emulator/auth/crypto.h"
#include "emulator/auth/key_files.h"
#include "emulator/handlers/cloud_common.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kIamRpc = "google.iam.admin.v1.IAM.";
constexpr const char* kValidBefore = "9999-12-31T23:59:59Z";

std::string account_name(const ServiceAccount& sa) { return "projects/" + sa.project_id + "/serviceAccounts/" + sa.email; }

ojson account_json(const ServiceAccount& sa) {
  ojson j;
  j["name"] = account_name(sa);
  j["projectId"] = sa.project_id;
  j["uniqueId"] = sa.unique_id;
  j["email"] = sa.email;
  if (!sa.display_name.empty()) j["displayName"] = sa.display_name;
  j["etag"] = "MDEwMjE5MjA=";  // Google returns this same etag for every account
  if (!sa.description.empty()) j["description"] = sa.description;
  j["oauth2ClientId"] = sa.unique_id;
  if (sa.disabled) j["disabled"] = true;
  return j;
}

ojson service_account_key_json(const ServiceAccount& sa, const ServiceAccountKey& k) {
  ojson j;
  j["name"] = account_name(sa) + "/keys/" + k.id;
  j["validAfterTime"] = k.valid_after;
  j["validBeforeTime"] = kValidBefore;
  j["keyAlgorithm"] = "KEY_ALG_RSA_2048";
  j["keyOrigin"] = "GOOGLE_PROVIDED";
  j["keyType"] = "USER_MANAGED";
  if (k.disabled) j["disabled"] = true;
  return j;
}

// The account named in the path and the project whose IAM policy decides.
struct Target {
  std::optional<ServiceAccount> account;
  CloudCall call;
};

Target target(ServerEnv& env, const std::string& project, const std::string& email, const char* method,
              const char* permission) {
  Target t{env.state().service_account(email),
           CloudCall{kIam, std::string(kIamRpc) + method, permission, std::nullopt, iam_api_denied(permission)}};
  if (t.account && project != "-" && env.state().project(project) &&
      env.state().project(project)->id != t.account->project_id) {
    t.account.reset();  // an account of another project is not found here
  }
  if (t.account) {
    t.call.project = env.state().project(t.account->project_id);
  } else if (project != "-") {
    t.call.project = env.state().project(project);
  } else {
    t.call.permission.clear();  // nothing to check: authenticate, then 404
  }
  return t;
}

void create_account(ServerEnv& env, const Request& req, Response& res, const std::string& project) {
  const CloudCall call = iam_create_account_call(env, project);
  if (!admit_cloud(env, req, res, call)) return;
  const auto body = json_body(req, res, {"accountId", "serviceAccount"});
  if (!body) return;
  const json sa = body->value("serviceAccount", json::object());
  if (!body->value("accountId", json()).is_string() || !sa.is_object()) return send_error(res, json_payload_invalid());
  auto created = env.state().create_service_account(call.project->id, (*body)["accountId"], sa.value("displayName", ""),
                                                    sa.value("description", ""));
  if (!created) return send_error(res, from_state_error(created.error()));
  reply_json(res, account_json(*created));
}

void list_accounts(ServerEnv& env, const Request& req, Response& res, const std::string& project) {
  const CloudCall call = iam_list_accounts_call(env, project);
  if (!admit_cloud(env, req, res, call)) return;
  ojson out = ojson::object();
  for (const ServiceAccount& sa : env.state().service_accounts(call.project->id)) out["accounts"].push_back(account_json(sa));
  reply_json(res, out);
}

void get_account(ServerEnv& env, const Request& req, Response& res, const std::string& project,
                 const std::string& email) {
  const Target t = target(env, project, email, "GetServiceAccount", "iam.serviceAccounts.get");
  if (!admit_cloud(env, req, res, t.call)) return;
  if (!t.account) return send_error(res, unknown_service_account());
  reply_json(res, account_json(*t.account));
}

void create_service_account_key(ServerEnv& env, const Request& req, Response& res, const std::string& project,
                const std::string& email) {
  const Target t = target(env, project, email, "CreateServiceAccountKey", "iam.serviceAccountKeys.create");
  if (!admit_cloud(env, req, res, t.call)) return;
  if (!t.account) return send_error(res, unknown_service_account());
  const auto body = json_body(req, res, {"privateKeyType", "keyAlgorithm"});
  if (!body) return;
  const std::string type = body->value("privateKeyType", "TYPE_GOOGLE_CREDENTIALS_FILE");
  const std::string algorithm = body->value("keyAlgorithm", "KEY_ALG_RSA_2048");
  if (type != "TYPE_GOOGLE_CREDENTIALS_FILE") {
    return send_error(res, invalid_argument("genai-emulator issues only TYPE_GOOGLE_CREDENTIALS_FILE keys."));
  }
  if (algorithm != "KEY_ALG_RSA_2048") {
    return send_error(res, invalid_argument("genai-emulator issues only KEY_ALG_RSA_2048 keys."));
  }
  auto file = create_service_account_key_file(env, t.account->email);
  if (!file) return send_error(res, from_state_error(file.error()));
  ojson out;
  out["name"] = account_name(*t.account) + "/keys/" + file->key_id;
  out["privateKeyType"] = type;
  out["privateKeyData"] = base64_encode(file->key_file_json);
  out["validAfterTime"] = file->valid_after;
  out["validBeforeTime"] = kValidBefore;
  out["keyAlgorithm"] = algorithm;
  out["keyOrigin"] = "GOOGLE_PROVIDED";
  out["keyType"] = "USER_MANAGED";
  for (char& c : file->key_file_json) c = 0;
  reply_json(res, out);
}

void list_service_account_keys(ServerEnv& env, const Request& req, Response& res, const std::string& project,
               const std::string& email) {
  const Target t = target(env, project, email, "ListServiceAccountKeys", "iam.serviceAccountKeys.list");
  if (!admit_cloud(env, req, res, t.call)) return;
  if (!t.account) return send_error(res, unknown_service_account());
  ojson out = ojson::object();
  for (const ServiceAccountKey& k : t.account->keys) out["keys"].push_back(service_account_key_json(*t.account, k));
  reply_json(res, out);
}

void service_account_key_method(ServerEnv& env, const Request& req, Response& res, const std::string& project,
                const std::string& email, const std::string& key_id) {
  const bool del = req.method == "DELETE";
  const Target t = target(env, project, email, del ? "DeleteServiceAccountKey" : "GetServiceAccountKey",
                          del ? "iam.serviceAccountKeys.delete" : "iam.serviceAccountKeys.get");
  if (!admit_cloud(env, req, res, t.call)) return;
  if (!t.account) return send_error(res, unknown_service_account());
  const std::string name = account_name(*t.account) + "/keys/" + key_id;
  for (const ServiceAccountKey& k : t.account->keys) {
    if (k.id != key_id) continue;
    if (!del) return reply_json(res, service_account_key_json(*t.account, k));
    if (auto r = env.state().delete_service_account_key(t.account->email, key_id); !r) {
      return send_error(res, from_state_error(r.error()));
    }
    return reply_json(res, ojson::object());
  }
  send_error(res, service_account_key_not_found(name));
}

}  // namespace

void register_iam_admin_routes(Router& router, ServerEnv& env) {
  constexpr const char* kAccounts = R"(/v1/projects/([^/:]+)/serviceAccounts)";
  const std::string account = std::string(kAccounts) + R"(/([^/:]+))";
  router.post(kAccounts, [&env](const Request& req, Response& res) {
    create_account(env, req, res, req.matches[1]);
  });
  router.get(kAccounts, [&env](const Request& req, Response& res) {
    list_accounts(env, req, res, req.matches[1]);
  });
  router.get(account, [&env](const Request& req, Response& res) {
    get_account(env, req, res, req.matches[1], req.matches[2]);
  });
  router.post(account + "/keys", [&env](const Request& req, Response& res) {
    create_service_account_key(env, req, res, req.matches[1], req.matches[2]);
  });
  router.get(account + "/keys", [&env](const Request& req, Response& res) {
    list_service_account_keys(env, req, res, req.matches[1], req.matches[2]);
  });
  auto key = [&env](const Request& req, Response& res) {
    service_account_key_method(env, req, res, req.matches[1], req.matches[2], req.matches[3]);
  };
  router.get(account + R"(/keys/([^/:]+))", key);
  router.del(account + R"(/keys/([^/:]+))", key);
}

CloudCall iam_create_account_call(ServerEnv& env, const std::string& project) {
  return CloudCall{kIam, std::string(kIamRpc) + "CreateServiceAccount", "iam.serviceAccounts.create",
                   project == "-" ? std::nullopt : env.state().project(project),
                   iam_api_denied("iam.serviceAccounts.create")};
}

CloudCall iam_list_accounts_call(ServerEnv& env, const std::string& project) {
  return CloudCall{kIam, std::string(kIamRpc) + "ListServiceAccounts", "iam.serviceAccounts.list",
                   project == "-" ? std::nullopt : env.state().project(project),
                   iam_api_denied("iam.serviceAccounts.list")};
}

CloudCall iam_account_call(ServerEnv& env, const std::string& project, const std::string& email, const char* method,
                           const char* permission) {
  return target(env, project, email, method, permission).call;
}

}  // namespace genai::emulator
