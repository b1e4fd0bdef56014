// genai doctor: every check that explains why a Gemini call fails, in order,
// each saying what it found and, when something is wrong, what to do. Checks
// that depend on a failed one are skipped rather than guessed at.
#include <sys/stat.h>

#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/doctor_environment.h"
#include "cli/doctor_fixes.h"
#include "cli/doctor_keys.h"
#include "cli/doctor_report.h"
#include "cli/error_text.h"
#include "cli/messages.h"
#include "genai/secrets.h"

namespace genai::cli {
namespace {

using Clock = std::chrono::steady_clock;

// Permissions beyond what calling Gemini needs; holding one means a broad
// role (Editor, Owner) where Vertex AI User would do.
constexpr const char* kPowerful[] = {"resourcemanager.projects.setIamPolicy", "iam.serviceAccountKeys.create",
                                     "storage.buckets.delete", "compute.instances.create",
                                     "aiplatform.endpoints.deploy"};
constexpr const char* kPredict = "aiplatform.endpoints.predict";
constexpr std::chrono::seconds kProbeTimeout{10};

struct DoctorOptions {
  std::string model = "gemini-2.5-flash";
  std::string cloud_base_url;  // Resource Manager and OAuth tokeninfo; empty: GENAI_CLOUD_BASE_URL or Google's
  std::string admin_credentials;  // OAuth credential for API Keys lookups; empty: ADC
  bool json = false;
};

class Doctor {
 public:
  Doctor(const GlobalOptions& g, DoctorOptions d)
      : g_(g), d_(std::move(d)), lang_(lang_of(g)), report_(lang_) {}

  int run() {
    if (!check_credential()) return finish();
    check_files();
    if (config_.credential_kind == CredentialKind::kApiKey) {
      if (!check_key_format()) return finish();
    } else if (!check_token()) {
      return finish();
    }
    if (!check_network()) return finish();
    check_call();
    const std::string reason = call_error_ ? call_error_->reason() : "";
    // An expired key is still a key Google knows: its lookup names the project to make the new one in.
    const bool key_unknown = reason == "API_KEY_INVALID" && !key_expired(*call_error_);
    if (config_.credential_kind == CredentialKind::kApiKey && !key_unknown) check_key();
    if (key_unknown) {
      project_unknown_ = t(M::kDocProjectUnknownKeyInvalid);
      refresh_call_fix();
    }
    // No permission can be tested, or granted, on a project that does not exist.
    if (config_.vertexai && !config_.express_mode && !auth_header_.empty() && reason != "CONSUMER_INVALID") {
      check_permissions();
    }
    return finish();
  }

 private:
  std::string t(M id, std::initializer_list<std::string_view> args = {}) const { return tr(lang_, id, args); }

  void add(std::string name, Status s, std::string detail, Fix fix = {}) {
    report_.add(std::move(name), s, std::move(detail), std::move(fix), {}, kExitAuth);
  }
  // Google's message as Google wrote it; the fix is genai's, in the user's language.
  void fail(std::string name, const Error& e) {
    // A credentials file genai cannot use is genai's own finding: in genai's words.
    if (std::optional<ErrorText> local = localized_error(lang_, e)) {
      report_.add(std::move(name), Status::kFail, local->message, {local->fix}, {}, exit_code_for(e));
      return;
    }
    report_.add(std::move(name), Status::kFail, e.message, fixes_.fix_for(e), {}, exit_code_for(e));
  }

  int finish() { return report_.print(d_.json); }
  std::string cloud_url(const char* google_default) const { return cloud_base_url(d_.cloud_base_url, google_default); }

  // 1. Which credential, from where. Vertex AI without one: ADC, with its source.
  bool check_credential() {
    int code = kExitOk;
    // The library's warnings are English; they are reported below, in the user's language, as findings.
    auto seen = std::make_shared<std::vector<std::string>>();
    auto collect = [seen](std::string_view w) {
      if (std::find(seen->begin(), seen->end(), w) == seen->end()) seen->emplace_back(w);
    };
    std::optional<ClientOptions> o = client_options(g_, &code, collect);
    if (!o) {
      report_.add("credential", Status::kFail, t(M::kDocCredentialNotLoaded), {}, {}, code);
      return false;
    }
    o->http_options.retry.attempts = 1;  // report what happens, do not hide it behind retries
    TransportOptions traced;
    traced.trace = o->http_options.trace;
    traced.proxy = o->http_options.proxy;
    transport_ = make_curl_transport(traced);
    // Resolve once, as Client::create would, and hand the credential over:
    // the checks below then test the very credential the calls use, and the
    // resolver's notes say what the environment decided on the user's behalf.
    Result<ResolvedCredentials> resolved = resolve_credentials(*o);
    if (!resolved) {
      fail("credential", resolved.error());
      return false;
    }
    // (A key is resolved again by Client::create the same way at no cost;
    // handing it over as a credential would turn express mode off.)
    if (resolved->kind != CredentialKind::kApiKey) o->credentials = resolved->credentials;
    Result<Client> client = Client::create(*o);
    if (!client) {
      fail("credential", client.error());
      return false;
    }
    client_ = std::move(*client);
    config_ = client_->config();
    config_.credential_source = resolved->source;
    project_source_ = resolved->project_source;
    options_ = std::move(*o);
    credentials_ = options_.credentials;
    if (credentials_) {
      const std::string d = credentials_->describe();
      if (d.rfind("service account ", 0) == 0) sa_email_ = d.substr(16, d.find(' ', 16) - 16);
    }
    const std::string backend = !config_.vertexai      ? t(M::kDocBackendDeveloper)
                                : config_.express_mode ? t(M::kDocBackendExpress)
                                                       : t(M::kDocBackendVertex, {config_.project, config_.location});
    add("credential", Status::kOk,
        t(M::kDocCredentialFrom,
          {to_string(config_.credential_kind), localize_credential_text(lang_, config_.credential_description),
           localize_credential_text(lang_, credential_source(g_, config_)), backend}));
    EnvironmentInput env{lang_, &*resolved, *seen,
                         [](std::string_view name) -> std::optional<std::string> {
                           const char* v = std::getenv(std::string(name).c_str());
                           return v ? std::optional<std::string>(v) : std::nullopt;
                         },
                         {}};
    if (const std::string path = credential_file(); !path.empty()) env.reported_paths.insert(path);
    environment_chose_ = report_environment(report_, env);
    if (config_.credential_kind == CredentialKind::kAuthorizedUser) {
      add("user credentials", Status::kWarn, t(M::kDocUserCredentials), {t(M::kDocUserCredentialsFix)});
    }
    return true;
  }

  // 2. Credential files: permissions.
  std::string credential_file() const {
    std::string path = g_.credentials_file;
    if (path.empty()) {
      const std::string& src = config_.credential_source;
      const size_t eq = src.find("GOOGLE_APPLICATION_CREDENTIALS=");
      if (eq != std::string::npos) path = src.substr(eq + 31, src.find(')', eq) - eq - 31);
    }
    if (path.empty() && !g_.api_key_file.empty()) path = g_.api_key_file;
    return path;
  }

  void check_files() {
    const std::string path = credential_file();
    if (path.empty()) return;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    if ((st.st_mode & 077) != 0) {
      add("file permissions", Status::kWarn, t(M::kDocFileLoose, {path, mode}), {"chmod 600 " + path});
    } else {
      add("file permissions", Status::kOk, t(M::kDocFileMode, {path, mode}));
    }
  }

  // 3a. An API key looks like one: "AIza" + 35 of [A-Za-z0-9_-].
  bool check_key_format() {
    std::string key = options_.api_key;
    if (key.empty()) {
      for (const char* name : {"GOOGLE_API_KEY", "GEMINI_API_KEY"}) {
        const char* v = std::getenv(name);
        if (v && *v) {
          key = v;
          break;
        }
      }
    }
    key_ = key;
    bool shape = key.size() == 39 && key.rfind("AIza", 0) == 0;
    for (char c : key) shape = shape && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!shape) {
      std::string why = t(M::kDocKeyBadShape, {std::to_string(key.size())});
      if (key.rfind("ya29.", 0) == 0) why += t(M::kDocKeyIsToken);
      if (key.find_first_of(" \t\r\n\"'") != std::string::npos) why += t(M::kDocKeyHasSpaces);
      add("key format", Status::kFail, why,
          {t(M::kDocKeyBadShapeFix), "", "", "https://aistudio.google.com/apikey  https://console.cloud.google.com/apis/credentials"});
      return false;
    }
    add("key format", Status::kOk, t(M::kDocKeyFormatOk));
    return true;
  }

  // 3b. A token can be obtained, and whom it speaks for.
  bool check_token() {
    if (!credentials_) {
      add("token", Status::kSkip, t(M::kDocNoTokenCredential));
      return true;
    }
    Result<HttpHeaders> h = credentials_->authorization_headers(std::chrono::system_clock::now());
    if (!h) {
      fail("token", h.error());
      return false;
    }
    for (const auto& [name, value] : *h) {
      if (name == "Authorization") auth_header_ = value;
    }
    add("token", Status::kOk, t(M::kDocTokenOk, {localize_credential_text(lang_, credentials_->describe())}));
    if (auth_header_.rfind("Bearer ya29.", 0) == 0) {
      // Through the library's pipeline, whose parser bounds what a lying
      // server can send; one attempt, as every probe of doctor.
      // The token goes in a form body, as Google's tokeninfo accepts it:
      // never in a URL, which logs and proxies keep.
      const RestClient rest(nullptr, probe_options(), transport_);
      Result<nlohmann::json> r = rest.post_form(cloud_url("https://oauth2.googleapis.com") + "/tokeninfo",
                                                {{"access_token", auth_header_.substr(7)}});
      const nlohmann::json info = r ? std::move(*r) : nlohmann::json();
      if (info.is_object() && info.contains("email") && info["email"].is_string() &&
          (!info.contains("scope") || info["scope"].is_string())) {
        principal_ = info.value("email", "");
        add("principal", Status::kOk, t(M::kDocPrincipal, {principal_, info.value("scope", "")}));
      }
    }
    return true;
  }

  // 4. The endpoint answers (DNS, proxy, TLS).
  bool check_network() {
    HttpRequest req;
    req.url = config_.base_url + "/";
    req.timeout = std::chrono::seconds(10);
    const auto t0 = Clock::now();
    Result<HttpResponse> r = transport_->send(req);
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    if (!r) {
      const Error& e = r.error();
      Fix fix = fixes_.fix_for(e);
      for (const char* proxy : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY"}) {
        if (const char* v = std::getenv(proxy); v && *v) fix.text += t(M::kDocProxySet, {proxy});
      }
      report_.add("network", Status::kFail, e.message, std::move(fix), {}, exit_code_for(e));
      return false;
    }
    add("network", Status::kOk, t(M::kDocNetworkOk, {config_.base_url, std::to_string(ms)}) +
                                    (config_.base_url.rfind("https://", 0) == 0 ? t(M::kDocTlsVerified) : ""));
    return true;
  }

  // 5. A cheap real call: its error, if any, names the problem exactly.
  void check_call() {
    Result<CountTokensResponse> r = client_->models().count_tokens(d_.model, "ping");
    if (r) {
      add("API call", Status::kOk, t(M::kDocCallOk, {d_.model}));
      return;
    }
    call_error_ = r.error();
    const Error& e = *call_error_;
    const std::string& reason = e.reason();
    std::string name = "API call";
    if (reason == "SERVICE_DISABLED") name = "API enabled";
    if (reason == "API_KEY_INVALID") name = "key valid";
    if (reason.rfind("API_KEY_", 0) == 0 && reason != "API_KEY_INVALID") name = "key restrictions";
    if (reason == "IAM_PERMISSION_DENIED") name = "permission";
    if (reason == "CONSUMER_INVALID") name = "project";
    if (reason == "BILLING_DISABLED") name = "billing";
    if (e.message.find("User location is not supported") != std::string::npos) name = "caller location";
    if (e.http_status == 429) name = "quota";
    if (e.http_status == 404) name = "model";
    call_check_ = name;
    report_.add(name, Status::kFail, e.message + fixes_.quota_details(e), call_fix(e), {}, exit_code_for(e));
  }

  // The call's fix; when the environment chose the credential that failed, it says so first.
  Fix call_fix(const Error& e) const {
    Fix fix = fixes_.fix_for(e);
    const bool credential_refused = e.reason().rfind("API_KEY_", 0) == 0 || e.reason() == "IAM_PERMISSION_DENIED" ||
                                    e.http_status == 401;
    if (environment_chose_ && credential_refused) fix.text = t(M::kDocEnvCause) + fix.text;
    return fix;
  }

  // 5b. An API key: its project, AI Studio or Console, its restrictions, as
  // API Keys v2 tells the caller's own OAuth credential (doctor_keys.h).
  void check_key() {
    KeyCheck k;
    k.lang = lang_;
    k.key = key_;
    k.cloud_base_url = d_.cloud_base_url;
    k.http = probe_options();
    k.service = config_.vertexai ? "aiplatform.googleapis.com" : "generativelanguage.googleapis.com";
    k.call_error = call_error_ ? &*call_error_ : nullptr;
    CredentialsOptions quiet;
    quiet.on_warning = [](std::string_view) {};
    if (!d_.admin_credentials.empty()) {
      Result<std::shared_ptr<Credentials>> loaded = load_credentials_file(d_.admin_credentials, quiet);
      if (loaded) {
        k.caller = *loaded;
      } else {
        k.caller_problem = loaded.error().message;
      }
    } else if (Result<DefaultCredentials> adc = find_default_credentials(quiet); adc) {
      k.caller = adc->credentials;
    } else {
      k.caller_problem = t(M::kDocNoAdc);
    }
    key_project_ = check_api_key(report_, k);
    // Without the key's project, why the lookup did not give it (the skipped finding says).
    if (const Check* kind = report_.find("key kind"); key_project_.empty() && kind && kind->status == Status::kSkip) {
      project_unknown_ = kind->detail;
    }
    refresh_call_fix();
  }

  // The call's fix was written before the key's project was looked up: name
  // the real one now, or say why there is none.
  void refresh_call_fix() {
    if (Check* c = call_error_ ? report_.find(call_check_) : nullptr) {
      Fix fix = call_fix(*call_error_);
      for (std::string* f : {&fix.text, &fix.setup, &fix.gcloud, &fix.console, &fix.shell}) *f = redact(*f);
      c->fix = std::move(fix);
    }
  }

  // 6. What the principal may do on the project: enough, and not too much.
  void check_permissions() {
    nlohmann::json body = {{"permissions", nlohmann::json::array({kPredict})}};
    for (const char* p : kPowerful) body["permissions"].push_back(p);
    const RestClient rest(credentials_, probe_options(), transport_);
    Result<nlohmann::json> r = rest.call("POST",
                                         cloud_url("https://cloudresourcemanager.googleapis.com") + "/v1/projects/" +
                                             config_.project + ":testIamPermissions",
                                         &body);
    // No "permissions" means none is held; any other shape is not an answer.
    const bool listed_badly = r && r->is_object() && r->contains("permissions") && !r->at("permissions").is_array();
    if (!r || !r->is_object() || listed_badly) {
      const std::string why = !r && r.error().http_status != 0 ? " HTTP " + std::to_string(r.error().http_status)
                              : !r                             ? ": " + redact(r.error().message)
                              : !r->is_object()                ? std::string(": the answer is not a JSON object")
                                                               : std::string(": \"permissions\" is not a list");
      add("permissions", Status::kSkip, t(M::kDocPermissionsUnknown, {why}));
      return;
    }
    std::vector<std::string> have;
    if (auto it = r->find("permissions"); it != r->end() && it->is_array()) {
      for (const auto& p : *it) {
        if (p.is_string()) have.push_back(p.get<std::string>());  // a lying server's other values are ignored
      }
    }
    auto holds = [&](const std::string& p) { return std::find(have.begin(), have.end(), p) != have.end(); };
    if (!holds(kPredict)) {
      add("permissions", Status::kFail, t(M::kDocLacksPredict, {who(), config_.project}), fixes_.grant_vertex_user());
      return;
    }
    std::string extra;
    for (const char* p : kPowerful) {
      if (holds(p)) extra += (extra.empty() ? "" : ", ") + std::string(p);
    }
    const std::string p = config_.project;
    // Editor lacks setIamPolicy; holding it means Owner (or an IAM admin role).
    const bool owner = holds("resourcemanager.projects.setIamPolicy");
    const std::string role = owner ? "roles/owner" : "roles/editor";
    if (owner && config_.credential_kind == CredentialKind::kAuthorizedUser) {
      add("owner credentials", Status::kWarn, t(M::kDocOwnerCredentials, {who()}),
          {t(M::kDocOwnerCredentialsFix),
           "genai setup --project " + p + " --service-account gemini-backend --role roles/aiplatform.user --key-file sa.json",
           "gcloud iam service-accounts create gemini-backend --project " + p +
               " && gcloud projects add-iam-policy-binding " + p + " --member=serviceAccount:gemini-backend@" + p +
               ".iam.gserviceaccount.com --role=roles/aiplatform.user",
           "https://console.cloud.google.com/iam-admin/serviceaccounts/create?project=" + p});
    } else if (!extra.empty()) {
      const std::string m = fixes_.member();
      add("least privilege", Status::kWarn, t(M::kDocHoldsBroad, {who(), extra, owner ? "Owner" : "Editor"}),
          {t(M::kFixLeastPrivilege, {role, m}),
           sa_email_.empty() ? "" : "genai setup --project " + p + " --service-account " + sa_email_ +
                                        " --role roles/aiplatform.user --revoke-role " + role,
           "gcloud projects add-iam-policy-binding " + p + " --member=" + m +
               " --role=roles/aiplatform.user && gcloud projects remove-iam-policy-binding " + p + " --member=" + m +
               " --role=" + role,
           "https://console.cloud.google.com/iam-admin/iam?project=" + p});
    } else {
      add("permissions", Status::kOk, t(M::kDocPermissionsOk));
    }
  }

  // The principal as the user knows it: tokeninfo's e-mail, else the credential's description.
  std::string who() const {
    if (!principal_.empty()) return principal_;
    if (!sa_email_.empty()) return sa_email_;
    return credentials_ ? localize_credential_text(lang_, credentials_->describe()) : std::string("PRINCIPAL");
  }

  // The Cloud REST probes' options: the user's proxy, trace and --timeout, one
  // attempt; without --timeout each waits kProbeTimeout, so a server that
  // never answers costs seconds, not the ten minutes of a call's deadline.
  HttpOptions probe_options() const {
    HttpOptions o = options_.http_options;
    if (o.timeout.count() == 0) o.timeout = kProbeTimeout;
    return o;
  }

  const GlobalOptions& g_;
  DoctorOptions d_;
  Lang lang_;
  std::string sa_email_;   // the service account the credential speaks as, if any
  std::string principal_;  // tokeninfo's e-mail
  std::shared_ptr<HttpTransport> transport_;
  std::optional<Client> client_;
  ClientConfig config_;
  ClientOptions options_;
  std::shared_ptr<Credentials> credentials_;
  std::string auth_header_;
  std::string key_;                  // the API key in use (secret)
  std::optional<Error> call_error_;  // the cheap call's error
  std::string call_check_;           // the name of its finding
  std::string key_project_;          // the API key's project, as API Keys v2 named it
  std::string project_source_;       // where the Vertex AI project came from (resolver's words)
  std::string project_unknown_ = t(M::kDocProjectUnknownNotNamed);  // why no fix can name the project
  bool environment_chose_ = false;   // the environment picked the credential in a way the user may not expect
  FixWriter fixes_{{lang_, config_, sa_email_, principal_, key_project_, project_source_, project_unknown_}};
  Report report_;
};

}  // namespace

void add_doctor_command(CLI::App& app, AppContext& ctx) {
  auto d = std::make_shared<DoctorOptions>();
  CLI::App* cmd = app.add_subcommand("doctor", "Check the credential, network, API, key restrictions and permissions");
  cmd->add_option("-m,--model", d->model, "Model to test with (default gemini-2.5-flash)");
  cmd->add_option("--cloud-base-url", d->cloud_base_url,
                  "Send Resource Manager and OAuth tokeninfo requests here (e.g. the emulator); "
                  "default $GENAI_CLOUD_BASE_URL or Google's");
  cmd->add_option("--admin-credentials", d->admin_credentials,
                  "OAuth credentials file to look an API key up with (API Keys v2; needs apikeys.keys.lookup, "
                  "roles/serviceusage.apiKeysViewer); default Application Default Credentials")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--json", d->json, "Print the checks as JSON");
  cmd->footer(
      "Checks, in order: which credential and where it came from, and what the environment variables decided;\n"
      "file permissions; the key's format, or that a token can be obtained and whom it speaks for; that the\n"
      "endpoint answers; a countTokens call, whose error names the problem (API not enabled, invalid or expired or\n"
      "restricted key, missing permission, a project that does not exist, billing off, a country the Developer API\n"
      "does not serve, quota, model); for an\n"
      "API key, what API Keys v2 says of it as your own OAuth credential (its project, AI Studio or Console key,\n"
      "unrestricted or blocked by a restriction); and on Vertex AI, testIamPermissions for\n"
      "aiplatform.endpoints.predict and for broader permissions (Editor/Owner).\n\n"
      "Examples:\n  genai doctor\n  genai --vertex --credentials sa.json doctor");
  cmd->callback([&ctx, d] { ctx.action = [&ctx, d] { return Doctor(ctx.global, *d).run(); }; });
}

}  // namespace genai::cli
