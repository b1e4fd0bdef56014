// genai setup: the credential tutorial's steps done through Google's REST
// APIs, as the caller's own account: the project, the APIs, an API key with
// restrictions, a service account with a least-privilege role and its key
// file. It shows the plan first, changes only what is missing (a second run
// changes nothing and says so), and on failure says which step failed, what
// was done, and how to continue.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/app.h"
#include "cli/cloud_rest.h"
#include "cli/error_text.h"

namespace genai::cli {
namespace {

using nlohmann::json;

struct SetupOptions {
  std::string project;
  bool create_project = false;
  bool enable_apis = false;
  std::vector<std::string> apis = {"generativelanguage.googleapis.com", "aiplatform.googleapis.com"};
  bool api_key = false;
  std::string key_name = "genai-setup";
  std::vector<std::string> restrict_api;
  std::vector<std::string> restrict_ip;
  std::vector<std::string> restrict_referrer;
  std::string api_key_file;
  std::string service_account;
  std::string role = "roles/aiplatform.user";
  std::vector<std::string> revoke_roles;  // taken from the service account in the same policy write
  bool allow_broad_role = false;
  std::string key_file;
  bool dry_run = false;
  std::string cloud_base_url;
};

// The permission each kind of step needs, and the narrowest role that grants it.
struct Needs {
  const char* permission;
  const char* role;
};

// A key file or an API key: owner-only, written atomically, and never over
// an existing file.
Result<void> write_secret_file(const std::string& path, const std::string& text) {
  return write_file_atomically(path, text, /*overwrite=*/false, 0600);
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return !path.empty() && ::stat(path.c_str(), &st) == 0;
}

class Setup {
 public:
  Setup(Lang lang, SetupOptions o, std::shared_ptr<Credentials> creds, HttpOptions http)
      : lang_(lang), o_(std::move(o)), rest_(creds, o_.cloud_base_url, std::move(http)) {}

  void plan() {
    std::cout << t(M::kSetupTitle, {o_.project}) << "\n";
    int n = 0;
    auto item = [&](const std::string& s) { std::cout << "  " << ++n << ". " << s << "\n"; };
    item(t(o_.create_project ? M::kSetupPlanFindOrCreate : M::kSetupPlanCheckProject, {o_.project}));
    if (o_.enable_apis) {
      for (const std::string& api : o_.apis) item(t(M::kSetupPlanEnable, {api}));
    }
    if (o_.api_key) {
      std::string r;
      for (const auto& a : o_.restrict_api) r += " api=" + a;
      for (const auto& a : o_.restrict_ip) r += " ip=" + a;
      for (const auto& a : o_.restrict_referrer) r += " referrer=" + a;
      item(t(M::kSetupPlanKey,
             {o_.key_name, r.empty() ? t(M::kSetupPlanKeyUnrestricted) : t(M::kSetupPlanKeyRestricted, {r}),
              o_.api_key_file.empty() ? t(M::kSetupPlanKeyPrinted) : t(M::kSetupPlanKeyToFile, {o_.api_key_file})}));
    }
    if (!o_.service_account.empty()) {
      item(t(M::kSetupPlanServiceAccount, {sa_email()}));
      item(t(M::kSetupPlanGrant, {o_.role}));
      for (const std::string& r : o_.revoke_roles) item(t(M::kSetupPlanRevoke, {r}));
      if (!o_.key_file.empty()) item(t(M::kSetupPlanKeyFile, {o_.key_file}));
    }
  }

  int run() {
    plan();
    if (o_.dry_run) {
      std::cout << t(M::kSetupDryRun) << "\n";
      return kExitOk;
    }
    std::cout << "\n";
    if (!step(t(M::kSetupStepProject), {"resourcemanager.projects.get", "roles/viewer"}, [&] { return ensure_project(); })) return code_;
    if (o_.enable_apis) {
      for (const std::string& api : o_.apis) {
        if (!step(t(M::kSetupStepEnable, {api}), {"serviceusage.services.enable", "roles/serviceusage.serviceUsageAdmin"},
                  [&] { return ensure_api(api); })) {
          return code_;
        }
      }
    }
    if (o_.api_key && !step(t(M::kSetupStepKey), {"apikeys.keys.create", "roles/serviceusage.apiKeysAdmin"}, [&] { return ensure_key(); })) {
      return code_;
    }
    if (!o_.service_account.empty()) {
      if (!step(t(M::kSetupStepServiceAccount), {"iam.serviceAccounts.create", "roles/iam.serviceAccountAdmin"},
                [&] { return ensure_service_account(); }) ||
          !step(t(M::kSetupStepRole, {o_.role}), {"resourcemanager.projects.setIamPolicy", "roles/resourcemanager.projectIamAdmin"},
                [&] { return ensure_role(); })) {
        return code_;
      }
      if (!o_.key_file.empty() &&
          !step(t(M::kSetupStepKeyFile), {"iam.serviceAccountKeys.create", "roles/iam.serviceAccountKeyAdmin"}, [&] { return ensure_key_file(); })) {
        return code_;
      }
    }
    std::cout << "\n" << t(changed_ ? M::kSetupDone : M::kSetupNothingToChange) << "\n";
    return kExitOk;
  }

 private:
  std::string t(M id, std::initializer_list<std::string_view> args = {}) const { return tr(lang_, id, args); }

  std::string sa_email() const {
    return o_.service_account.find('@') != std::string::npos
               ? o_.service_account
               : o_.service_account + "@" + o_.project + ".iam.gserviceaccount.com";
  }

  // Runs one step; prints "ok"/"already done", or, on failure, what failed,
  // what was done before, the permission it needs, and how to continue.
  bool step(const std::string& name, Needs needs, const std::function<Result<std::string>()>& body) {
    std::cout << "  " << name << ": " << std::flush;
    Result<std::string> r = body();
    if (r) {
      std::cout << *r << "\n";
      done_.push_back(name);
      return true;
    }
    Error e = r.error();
    std::cout << t(M::kSetupStepFailed) << "\n";
    if (e.http_status == 403 && e.reason() != "SERVICE_DISABLED") {
      e.fix = t(M::kSetupLacksPermission, {needs.permission, o_.project, needs.role});
    }
    code_ = report(e);
    std::string before;
    for (const auto& d : done_) before += " [" + d + "]";
    std::cerr << "genai: "
              << (done_.empty() ? t(M::kSetupFailedNothingBefore, {name}) : t(M::kSetupFailedAfter, {name, before}))
              << "\n  " << t(M::kSetupContinue) << "\n";
    return false;
  }

  Result<std::string> ensure_project() {
    Result<json> p = rest_.call("GET", "cloudresourcemanager", "/v3/projects/" + o_.project);
    if (p) return t(M::kSetupProjectExists, {p->value("name", std::string())});
    if (!o_.create_project || (p.error().http_status != 404 && p.error().http_status != 403)) return std::move(p).error();
    json body = {{"projectId", o_.project}, {"displayName", o_.project}};
    Result<json> op = rest_.call("POST", "cloudresourcemanager", "/v3/projects", &body);
    if (!op) return std::move(op).error();
    Result<json> done = rest_.wait("cloudresourcemanager", *op, std::chrono::seconds(120), dots());
    if (!done) return std::move(done).error();
    changed_ = true;
    return t(M::kSetupCreated);
  }

  Result<std::string> ensure_api(const std::string& api) {
    const std::string path = "/v1/projects/" + o_.project + "/services/" + api;
    Result<json> svc = rest_.call("GET", "serviceusage", path);
    if (!svc) return std::move(svc).error();
    if (svc->value("state", "") == "ENABLED") return t(M::kSetupAlreadyEnabled);
    Result<json> op = rest_.call("POST", "serviceusage", path + ":enable");
    if (!op) return std::move(op).error();
    Result<json> done = rest_.wait("serviceusage", *op, std::chrono::seconds(300), dots());
    if (!done) return std::move(done).error();
    changed_ = true;
    return t(M::kSetupEnabled);
  }

  json restrictions() const {
    json r = json::object();
    for (const auto& a : o_.restrict_api) r["apiTargets"].push_back({{"service", a}});
    if (!o_.restrict_ip.empty()) r["serverKeyRestrictions"]["allowedIps"] = o_.restrict_ip;
    if (!o_.restrict_referrer.empty()) r["browserKeyRestrictions"]["allowedReferrers"] = o_.restrict_referrer;
    return r;
  }

  Result<std::string> ensure_key() {
    const std::string parent = "/v2/projects/" + o_.project + "/locations/global/keys";
    Result<json> list = rest_.call("GET", "apikeys", parent);
    if (!list) return std::move(list).error();
    for (const json& k : list->value("keys", json::array())) {
      if (k.value("displayName", "") == o_.key_name && !k.contains("deleteTime")) {
        const std::string note =
            k.value("restrictions", json::object()) == restrictions() ? "" : t(M::kSetupKeyRestrictionsDiffer);
        return t(M::kSetupKeyExists, {o_.key_name, k.value("uid", std::string()), note});
      }
    }
    json body = {{"displayName", o_.key_name}};
    if (!restrictions().empty()) body["restrictions"] = restrictions();
    Result<json> op = rest_.call("POST", "apikeys", parent, &body);
    if (!op) return std::move(op).error();
    Result<json> key = rest_.wait("apikeys", *op, std::chrono::seconds(120), dots());
    if (!key) return std::move(key).error();
    std::string secret = key->value("keyString", "");
    if (secret.empty()) {
      Result<json> ks = rest_.call("GET", "apikeys", "/v2/" + key->value("name", std::string()) + "/keyString");
      if (!ks) return std::move(ks).error();
      secret = ks->value("keyString", "");
    }
    changed_ = true;
    if (!o_.api_key_file.empty()) {
      if (Result<void> w = write_secret_file(o_.api_key_file, secret + "\n"); !w) return std::move(w).error();
      wipe_secret(secret);
      return t(M::kSetupKeyWritten, {key->value("uid", std::string()), o_.api_key_file});
    }
    std::cout << t(M::kSetupCreatedNamed, {key->value("uid", std::string())}) << "\n\n    " << secret << "\n\n    "
              << t(M::kSetupKeyShownOnce) << "\n  ";
    wipe_secret(secret);
    return t(M::kSetupKeyPrintedAbove);
  }

  Result<std::string> ensure_service_account() {
    const std::string base = "/v1/projects/" + o_.project + "/serviceAccounts";
    Result<json> sa = rest_.call("GET", "iam", base + "/" + sa_email());
    if (sa) return t(M::kSetupProjectExists, {sa_email()});
    if (sa.error().http_status != 404) return std::move(sa).error();
    const std::string account_id = sa_email().substr(0, sa_email().find('@'));
    json body = {{"accountId", account_id}, {"serviceAccount", {{"displayName", account_id + " (genai setup)"}}}};
    Result<json> created = rest_.call("POST", "iam", base, &body);
    if (!created) return std::move(created).error();
    changed_ = true;
    return t(M::kSetupCreatedNamed, {created->value("email", sa_email())});
  }

  // Read-modify-write of the project's IAM policy with its etag: grants the
  // role and revokes --revoke-role in one write, so the account is never left
  // with neither; on a concurrent change (409 ABORTED) read it again, up to
  // three times.
  Result<std::string> ensure_role() {
    const std::string member = "serviceAccount:" + sa_email();
    const std::string path = "/v1/projects/" + o_.project;
    for (int attempt = 1;; ++attempt) {
      Result<json> policy = rest_.call("POST", "cloudresourcemanager", path + ":getIamPolicy");
      if (!policy) return std::move(policy).error();
      json& bindings = (*policy)["bindings"];
      if (!bindings.is_array()) bindings = json::array();
      std::vector<std::string> said;
      json* granted = nullptr;
      for (json& b : bindings) {
        if (b.value("role", "") == o_.role) granted = &b;
      }
      if (!granted) {
        bindings.push_back({{"role", o_.role}, {"members", json::array()}});
        granted = &bindings.back();
      }
      json& members = (*granted)["members"];
      if (std::find(members.begin(), members.end(), member) == members.end()) {
        members.push_back(member);
        said.push_back(t(M::kSetupGranted));
      }
      for (json& b : bindings) {
        const bool revoke = std::find(o_.revoke_roles.begin(), o_.revoke_roles.end(), b.value("role", "")) !=
                            o_.revoke_roles.end();
        json& held = b["members"];
        if (!revoke || !held.is_array()) continue;
        if (auto it = std::find(held.begin(), held.end(), member); it != held.end()) {
          held.erase(it);
          said.push_back(t(M::kSetupRevoked, {b.value("role", std::string())}));
        }
      }
      // A binding left without members is dropped, as the Console does.
      bindings.erase(std::remove_if(bindings.begin(), bindings.end(),
                                    [](const json& b) { return !b.contains("members") || b["members"].empty(); }),
                     bindings.end());
      if (said.empty()) return t(M::kSetupAlreadyGranted);
      json body = {{"policy", *policy}};
      Result<json> set = rest_.call("POST", "cloudresourcemanager", path + ":setIamPolicy", &body);
      if (set) {
        changed_ = true;
        std::string text;
        for (const std::string& s : said) text += (text.empty() ? "" : ", ") + s;
        return text;
      }
      if (set.error().http_status != 409 || attempt >= 3) return std::move(set).error();
    }
  }

  Result<std::string> ensure_key_file() {
    if (file_exists(o_.key_file)) return t(M::kSetupKeyFileExists, {o_.key_file});
    json body = {{"privateKeyType", "TYPE_GOOGLE_CREDENTIALS_FILE"}, {"keyAlgorithm", "KEY_ALG_RSA_2048"}};
    Result<json> key = rest_.call("POST", "iam", "/v1/projects/" + o_.project + "/serviceAccounts/" + sa_email() + "/keys", &body);
    if (!key) return std::move(key).error();
    std::optional<std::string> file = base64_decode(key->value("privateKeyData", ""));
    if (!file || file->empty()) return make_invalid_argument_error("the IAM API returned a key without privateKeyData");
    Result<void> w = write_secret_file(o_.key_file, *file);
    wipe_secret(*file);
    if (!w) return std::move(w).error();
    changed_ = true;
    const std::string name = key->value("name", std::string());
    return t(M::kSetupKeyFileWritten, {name.substr(name.rfind('/') + 1).substr(0, 12), o_.key_file});
  }

  std::function<void()> dots() const {
    return [] { std::cout << "." << std::flush; };
  }

  Lang lang_;
  SetupOptions o_;
  CloudRest rest_;
  std::vector<std::string> done_;
  bool changed_ = false;
  int code_ = kExitOk;
};

int run_setup(const GlobalOptions& g, SetupOptions o) {
  const Lang lang = lang_of(g);
  if (o.role == "roles/editor" || o.role == "roles/owner") {
    print_warning(tr(lang, M::kSetupBroadRole, {o.role, o.role == "roles/owner" ? tr(lang, M::kSetupBroadRoleIam) : ""}));
    if (!o.allow_broad_role) {
      return print_usage_error(lang, tr(lang, M::kSetupBroadRoleRefused), tr(lang, M::kSetupBroadRoleFix));
    }
  }
  if (!o.key_file.empty() && o.service_account.empty()) {
    return print_usage_error(lang, tr(lang, M::kUsageRequires, {"--key-file", "--service-account"}), "");
  }
  if (!o.revoke_roles.empty() && o.service_account.empty()) {
    return print_usage_error(lang, tr(lang, M::kUsageRequires, {"--revoke-role", "--service-account"}), "");
  }
  if (std::find(o.revoke_roles.begin(), o.revoke_roles.end(), o.role) != o.revoke_roles.end()) {
    return print_usage_error(lang, tr(lang, M::kSetupRevokeSameRole, {o.role}), tr(lang, M::kSetupRevokeSameRoleFix));
  }
  if (o.api_key && o.restrict_api.empty() && o.restrict_ip.empty() && o.restrict_referrer.empty()) {
    print_warning(tr(lang, M::kWarnUnrestrictedKey));
  }
  std::shared_ptr<Credentials> creds;
  if (!o.dry_run) {
    int code = kExitOk;
    std::optional<std::shared_ptr<Credentials>> explicit_creds = make_credentials(g, &code);
    if (!explicit_creds) return code;
    creds = *explicit_creds;
    if (!creds) {
      Result<DefaultCredentials> adc = find_default_credentials();
      if (!adc) return report(adc.error());
      creds = adc->credentials;
    }
    std::cout << tr(lang, M::kSetupActingAs, {localize_credential_text(lang, creds->describe())}) << "\n";
  }
  HttpOptions http;
  http.trace = verbose_trace(g);
  int code = kExitOk;
  if (!set_proxy_options(g, http, &code)) return code;
  return Setup(lang, std::move(o), creds, std::move(http)).run();
}

}  // namespace

void add_setup_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<SetupOptions>();
  CLI::App* cmd = app.add_subcommand("setup", "Do the Cloud Console steps for Gemini: project, APIs, API key, service account, role, key file");
  cmd->add_option("--project", o->project, "Google Cloud project id")->required();
  cmd->add_flag("--create-project", o->create_project, "Create the project if it does not exist");
  cmd->add_flag("--enable-apis", o->enable_apis, "Enable the Generative Language and Vertex AI APIs");
  cmd->add_option("--apis", o->apis, "APIs to enable with --enable-apis")->delimiter(',');
  cmd->add_flag("--api-key", o->api_key, "Create an API key (once; a second run reuses it)");
  cmd->add_option("--key-name", o->key_name, "Display name of the API key (default genai-setup)");
  cmd->add_option("--restrict-api", o->restrict_api, "Allow the key only for this API (repeatable)")->allow_extra_args(false);
  cmd->add_option("--restrict-ip", o->restrict_ip, "Allow the key only from this IP or CIDR (repeatable)")->allow_extra_args(false);
  cmd->add_option("--restrict-referrer", o->restrict_referrer, "Allow the key only from this HTTP referrer (repeatable)")->allow_extra_args(false);
  cmd->add_option("--api-key-file", o->api_key_file, "Write the new key to this file (mode 600) instead of printing it once");
  cmd->add_option("--service-account", o->service_account, "Create this service account (name or e-mail)");
  cmd->add_option("--role", o->role, "Role to grant the service account (default roles/aiplatform.user)");
  cmd->add_option("--revoke-role", o->revoke_roles,
                  "Take this role from the service account in the same policy change (repeatable), e.g. roles/editor "
                  "once you tighten to roles/aiplatform.user")
      ->allow_extra_args(false);
  cmd->add_flag("--allow-broad-role", o->allow_broad_role, "Allow roles/editor or roles/owner (not recommended)");
  cmd->add_option("--key-file", o->key_file, "Create a JSON key for the service account in this file (mode 600)");
  cmd->add_flag("--dry-run", o->dry_run, "Print the plan and change nothing");
  cmd->add_option("--cloud-base-url", o->cloud_base_url, "Send the Cloud API requests here (e.g. the emulator)");
  cmd->footer(
      "Runs as your own credentials (--credentials FILE, else Application Default Credentials).\n"
      "A second run changes nothing and says so. On failure it names the step, the permission it needs\n"
      "and the role that grants it; run the same command again to continue.\n\n"
      "Example:\n  genai setup --project my-proj --enable-apis --api-key --restrict-api generativelanguage.googleapis.com \\\n"
      "      --restrict-ip 203.0.113.0/24 --api-key-file gemini.key \\\n"
      "      --service-account gemini-backend --role roles/aiplatform.user --key-file sa.json\n"
      "  genai setup --project my-proj --service-account gemini-backend --role roles/aiplatform.user \\\n"
      "      --revoke-role roles/editor          # tighten after testing with Editor");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_setup(ctx.global, *o); }; });
}

}  // namespace genai::cli
