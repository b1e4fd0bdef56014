// The console's JSON API, part two: service accounts (created with roles, as
// the Console's wizard grants them), their JSON keys (made by the same
// function as IAM's keys.create, so the emulator verifies them), the project's
// IAM members and roles, and the "User data" path: the OAuth consent screen
// and OAuth clients with their client_secret.json.
#include <nlohmann/json.hpp>

#include "emulator/auth/key_files.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/console/api_common.h"
#include "emulator/state/iam_roles.h"

namespace genai::emulator {
namespace {

using nlohmann::json;
using namespace console_detail;

std::vector<std::string> roles_of(const Project& p, const std::string& member) {
  std::vector<std::string> out;
  for (const auto& [role, members] : p.bindings) {
    if (members.count(member)) out.push_back(role);
  }
  return out;
}

json console_account_json(const Project& p, const ServiceAccount& sa) {
  json keys = json::array();
  for (const ServiceAccountKey& k : sa.keys) {
    keys.push_back({{"keyId", k.id}, {"validAfterTime", k.valid_after}, {"disabled", k.disabled}});
  }
  return {{"email", sa.email},
          {"uniqueId", sa.unique_id},
          {"displayName", sa.display_name},
          {"description", sa.description},
          {"disabled", sa.disabled},
          {"keys", keys},
          {"roles", roles_of(p, service_account_member(sa.email))}};
}

// False with a 400 sent when a role is unknown.
bool roles_known(const std::vector<std::string>& roles, Response& res) {
  for (const std::string& r : roles) {
    if (!role_known(r)) {
      console_error(res, invalid_argument("Role " + r + " is not supported for this resource."));
      return false;
    }
  }
  return true;
}

// The service account `email` of project `p`, or nullopt with a 404 sent.
std::optional<ServiceAccount> console_account_of(ServerEnv& env, const Project& p, const std::string& email, Response& res) {
  std::optional<ServiceAccount> sa = env.state().service_account(email);
  if (!sa || sa->project_id != p.id) {
    console_error(res, not_found("Service account " + email + " was not found in project " + p.id + "."));
    return std::nullopt;
  }
  return sa;
}

// The Console's OAuth pages (consent screen, OAuth clients) are served by
// Google's OAuth client configuration service, which has no public REST API:
// `permission` on the project, refused as IAM refuses.
CloudCall oauth_config_call(const Project& p, const char* method, const char* permission) {
  return CloudCall{kClientAuthConfig, std::string("google.identity.clientauthconfig.v1.ClientAuthConfigService.") + method,
                   permission, p, iam_denied(permission, "projects/" + p.id, kClientAuthConfig)};
}

// An OAuth client as the Console lists it (never its secret).
json oauth_client_json(const OAuthClient& c) {
  return {{"clientId", c.client_id},
          {"displayName", c.display_name},
          {"applicationType", c.application_type},
          {"createTime", c.create_time}};
}

// Whether `client_id` is a live OAuth client of project `p`; false with a 404 sent.
bool console_oauth_client_of(ServerEnv& env, const Project& p, const std::string& client_id, Response& res) {
  std::optional<OAuthClient> c = env.state().oauth_client(client_id);
  if (!c || c->deleted || c->project_id != p.id) {
    console_error(res, not_found("OAuth client " + client_id + " was not found in project " + p.id + "."));
    return false;
  }
  return true;
}

void register_account_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  add_route(router, gate, "GET", "projects/([^/:]+)/serviceAccounts", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, iam_list_accounts_call(env, p->id), res)) return;
    json out = json::array();
    for (const ServiceAccount& sa : env.state().service_accounts(p->id)) out.push_back(console_account_json(*p, sa));
    reply(res, {{"accounts", out}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/serviceAccounts", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    if (!b) return;
    auto id = string_field(*b, "accountId", res);
    auto name = id ? string_field(*b, "displayName", res) : std::nullopt;
    auto description = name ? string_field(*b, "description", res) : std::nullopt;
    auto roles = description ? strings_field(*b, "roles", res) : std::nullopt;
    if (!roles || !roles_known(*roles, res)) return;
    // The Console's wizard does two things, each with its own permission:
    // create the account, then grant it roles on the project.
    if (!console_may(env, iam_create_account_call(env, p->id), res)) return;
    if (!roles->empty() && !console_may(env, resource_manager_call(env, "v3", p->id, "SetIamPolicy",
                                                                    "resourcemanager.projects.setIamPolicy"), res)) {
      return;
    }
    auto sa = env.state().create_service_account(p->id, *id, *name, *description);
    if (!sa) return state_failure(res, sa.error());
    for (const std::string& role : *roles) {
      if (auto r = env.state().add_binding(p->id, role, service_account_member(sa->email)); !r) {
        return state_failure(res, r.error());
      }
    }
    reply(res, console_account_json(*env.state().project(p->id), *sa));
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/serviceAccounts/([^/:]+)/keys",
            [&env](const Request& req, Response& res) {
              auto p = project_of(env, req.matches[1], res);
              auto sa = p ? console_account_of(env, *p, req.matches[2], res) : std::nullopt;
              if (!sa || !console_may(env, iam_account_call(env, p->id, sa->email, "CreateServiceAccountKey",
                                                            "iam.serviceAccountKeys.create"), res)) {
                return;
              }
              // The one maker of key files, the same as IAM's keys.create.
              auto file = create_service_account_key_file(env, sa->email);
              if (!file) return state_failure(res, file.error());
              json out = {{"keyId", file->key_id},
                          {"fileName", p->id + "-" + file->key_id.substr(0, 12) + ".json"},
                          {"keyFile", file->key_file_json}};  // this once; only the public half is kept
              for (char& c : file->key_file_json) c = 0;
              reply(res, out);
            });
  add_route(router, gate, "DELETE", "projects/([^/:]+)/serviceAccounts/([^/:]+)/keys/([0-9a-f]+)",
            [&env](const Request& req, Response& res) {
              auto p = project_of(env, req.matches[1], res);
              auto sa = p ? console_account_of(env, *p, req.matches[2], res) : std::nullopt;
              if (!sa || !console_may(env, iam_account_call(env, p->id, sa->email, "DeleteServiceAccountKey",
                                                            "iam.serviceAccountKeys.delete"), res)) {
                return;
              }
              if (auto r = env.state().delete_service_account_key(sa->email, req.matches[3]); !r) {
                return state_failure(res, r.error());
              }
              reply(res, json::object());
            });
}

void register_iam_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  add_route(router, gate, "GET", "projects/([^/:]+)/iam", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, resource_manager_call(env, "v3", p->id, "GetIamPolicy",
                                                      "resourcemanager.projects.getIamPolicy"), res)) {
      return;
    }
    std::map<std::string, std::vector<std::string>> by_member;
    for (const auto& [role, members] : p->bindings) {
      for (const std::string& m : members) by_member[m].push_back(role);
    }
    json members = json::array();
    for (const auto& [m, roles] : by_member) members.push_back({{"member", m}, {"roles", roles}});
    reply(res, {{"version", p->policy_version}, {"members", members}});
  });
  // Sets one member's roles (none: the member leaves the policy), as the
  // Console's "Edit access" panel does: a read-modify-write checked against
  // the version the page showed, so a change made meanwhile elsewhere (by
  // setIamPolicy, say) is not silently undone.
  add_route(router, gate, "POST", "projects/([^/:]+)/iam:setMemberRoles", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    if (!b) return;
    auto member = string_field(*b, "member", res);
    auto roles = member ? strings_field(*b, "roles", res) : std::nullopt;
    if (!roles || !roles_known(*roles, res)) return;
    if (!console_may(env, resource_manager_call(env, "v3", p->id, "SetIamPolicy", "resourcemanager.projects.setIamPolicy"),
                     res)) {
      return;
    }
    const size_t colon = member->find(':');
    const std::string kind = member->substr(0, colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || colon + 1 == member->size() ||
        (kind != "user" && kind != "serviceAccount" && kind != "group" && kind != "domain")) {
      return console_error(res, invalid_argument("A principal looks like user:a@example.com, "
                                                 "serviceAccount:x@p.iam.gserviceaccount.com, group:... or domain:..."));
    }
    const long long expected = b->value("version", 0LL);
    auto bindings = p->bindings;
    for (auto& [role, members] : bindings) members.erase(*member);
    for (const std::string& role : *roles) bindings[role].insert(*member);
    auto set = env.state().set_bindings(p->id, std::move(bindings), expected);
    if (!set) {
      if (set.error().status == "ABORTED") {
        return console_error(res, aborted("The policy was changed meanwhile (by someone else, or the IAM API). "
                                          "Reload the page and try again."));
      }
      return state_failure(res, set.error());
    }
    reply(res, {{"version", *set}, {"member", *member}, {"roles", *roles}});
  });
}

void register_oauth_client_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  add_route(router, gate, "GET", "projects/([^/:]+)/oauth", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_may(env, oauth_config_call(*p, "ListClients", "clientauthconfig.clients.list"), res)) return;
    json clients = json::array();
    for (const OAuthClient& c : env.state().oauth_clients(p->id)) clients.push_back(oauth_client_json(c));
    json consent = p->oauth_app_name.empty()
                       ? json()
                       : json{{"appName", p->oauth_app_name}, {"supportEmail", p->oauth_support_email}};
    reply(res, {{"consent", consent}, {"clients", clients}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/oauth/consent", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    if (!b) return;
    auto app = string_field(*b, "appName", res);
    auto email = app ? string_field(*b, "supportEmail", res) : std::nullopt;
    if (!email) return;
    const bool first = p->oauth_app_name.empty();
    if (!console_may(env, oauth_config_call(*p, first ? "CreateBrand" : "UpdateBrand",
                                            first ? "clientauthconfig.brands.create" : "clientauthconfig.brands.update"),
                     res)) {
      return;
    }
    if (auto r = env.state().set_oauth_consent(p->id, *app, *email); !r) return state_failure(res, r.error());
    reply(res, {{"appName", *app}, {"supportEmail", *email}});
  });
  add_route(router, gate, "POST", "projects/([^/:]+)/oauth/clients", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    if (!b) return;
    auto name = string_field(*b, "displayName", res);
    auto type = name ? string_field(*b, "applicationType", res) : std::nullopt;
    if (!type || !console_may(env, oauth_config_call(*p, "CreateClient", "clientauthconfig.clients.create"), res)) {
      return;
    }
    auto c = env.state().create_oauth_client(p->id, name->empty() ? "Desktop client 1" : *name,
                                             type->empty() ? "installed" : *type, rfc3339(env.clock().now()));
    if (!c) return state_failure(res, c.error());
    reply(res, {{"clientId", c->client_id},
                {"displayName", c->display_name},
                {"applicationType", c->application_type},
                {"clientSecret", c->client_secret},  // this once
                {"fileName", "client_secret_" + c->client_id + ".json"},
                {"clientSecretFile", client_secret_file(env, *c)}});
  });
  // The Console's Edit (the client's name) and Delete. A deleted client's
  // refresh tokens stop working (the token endpoint's deleted_client).
  add_route(router, gate, "PATCH", "projects/([^/:]+)/oauth/clients/([^/:]+)", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    auto b = p ? body_object(req, res) : std::nullopt;
    auto name = b ? string_field(*b, "displayName", res) : std::nullopt;
    if (!name || !console_oauth_client_of(env, *p, req.matches[2], res) ||
        !console_may(env, oauth_config_call(*p, "UpdateClient", "clientauthconfig.clients.update"), res)) {
      return;
    }
    auto c = env.state().rename_oauth_client(req.matches[2], *name);
    if (!c) return state_failure(res, c.error());
    reply(res, oauth_client_json(*c));
  });
  add_route(router, gate, "DELETE", "projects/([^/:]+)/oauth/clients/([^/:]+)", [&env](const Request& req, Response& res) {
    auto p = project_of(env, req.matches[1], res);
    if (!p || !console_oauth_client_of(env, *p, req.matches[2], res) ||
        !console_may(env, oauth_config_call(*p, "DeleteClient", "clientauthconfig.clients.delete"), res)) {
      return;
    }
    if (auto r = env.state().delete_oauth_client(req.matches[2]); !r) return state_failure(res, r.error());
    reply(res, json::object());
  });
}

}  // namespace

void register_console_identity_routes(Router& router, ServerEnv& env, const std::shared_ptr<ConsoleGate>& gate) {
  register_account_routes(router, env, gate);
  register_iam_routes(router, env, gate);
  register_oauth_client_routes(router, env, gate);
}

}  // namespace genai::emulator
