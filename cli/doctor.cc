// genai doctor: every check that explains why a Gemini call fails, in order,
// each saying what it found and, when something is wrong, what to do. Checks
// that depend on a failed one are skipped rather than guessed at.
#include <sys/stat.h>

#include <chrono>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "core/redact.h"

namespace genai::cli {
namespace {

using Clock = std::chrono::steady_clock;

enum class Status { kOk, kWarn, kFail, kSkip };

struct Check {
  std::string name;
  Status status;
  std::string detail;
  std::string fix;
};

const char* label(Status s) {
  switch (s) {
    case Status::kOk: return "[ ok ]";
    case Status::kWarn: return "[warn]";
    case Status::kFail: return "[FAIL]";
    case Status::kSkip: return "[skip]";
  }
  return "";
}

const char* json_label(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kWarn: return "warn";
    case Status::kFail: return "fail";
    case Status::kSkip: return "skip";
  }
  return "";
}

// Permissions beyond what calling Gemini needs; holding one means a broad
// role (Editor, Owner) where Vertex AI User would do.
constexpr const char* kPowerful[] = {"resourcemanager.projects.setIamPolicy", "iam.serviceAccountKeys.create",
                                     "storage.buckets.delete", "compute.instances.create",
                                     "aiplatform.endpoints.deploy"};
constexpr const char* kPredict = "aiplatform.endpoints.predict";

struct DoctorOptions {
  std::string model = "gemini-2.5-flash";
  std::string cloud_base_url;  // Resource Manager and OAuth tokeninfo; empty: GENAI_CLOUD_BASE_URL or Google's
  bool json = false;
};

class Doctor {
 public:
  Doctor(const GlobalOptions& g, DoctorOptions d) : g_(g), d_(std::move(d)), transport_(make_curl_transport({})) {}

  int run() {
    if (!check_credential()) return finish();
    check_files();
    if (config_.credential_kind == "api_key") {
      if (!check_key_format()) return finish();
    } else if (!check_token()) {
      return finish();
    }
    if (!check_network()) return finish();
    check_call();
    if (config_.vertexai && !config_.express_mode && !auth_header_.empty()) check_permissions();
    return finish();
  }

 private:
  void add(std::string name, Status s, std::string detail, std::string fix = {}) {
    checks_.push_back({std::move(name), s, internal::redact(detail), internal::redact(fix)});
    if (s == Status::kFail && !first_error_) first_error_ = kExitAuth;
  }
  void fail(std::string name, const Error& e) {
    add(std::move(name), Status::kFail, e.message, e.fix);
    first_error_ = exit_code_for(e);
  }

  std::string cloud_url(const char* google_default) const { return cloud_base_url(d_.cloud_base_url, google_default); }

  // 1. Which credential, from where. Vertex AI without one: ADC, with its source.
  bool check_credential() {
    int code = kExitOk;
    std::optional<ClientOptions> o = client_options(g_, &code);
    if (!o) {
      first_error_ = code;
      add("credential", Status::kFail, "the credential given on the command line could not be loaded (see above)");
      return false;
    }
    o->http_options.retry.attempts = 1;  // report what happens, do not hide it behind retries
    Result<Client> client = Client::create(*o);
    if (!client) {
      fail("credential", client.error());
      return false;
    }
    client_ = std::move(*client);
    config_ = client_->config();
    options_ = std::move(*o);
    credentials_ = options_.credentials;
    if (!credentials_ && config_.credential_kind != "api_key") {
      // Client::create found ADC on its own; look it up again to hold it.
      Result<DefaultCredentials> adc = find_default_credentials();
      if (adc) credentials_ = adc->credentials;
    }
    std::string detail = config_.credential_kind + ": " + config_.credential_description;
    detail += " (from " + (g_.credentials_file.empty() ? config_.credential_source : "--credentials " + g_.credentials_file) + ")";
    detail += config_.vertexai ? "; backend Vertex AI" + std::string(config_.express_mode ? " (express mode)" : "") +
                                     ", project " + config_.project + ", location " + config_.location
                               : "; backend Gemini Developer API";
    add("credential", Status::kOk, detail);
    if (config_.credential_kind == "authorized_user") {
      add("user credentials", Status::kWarn,
          "calls run as your own account: fine for development; a Project Owner's account can do far more than call "
          "Gemini",
          "For services, use a service account with roles/aiplatform.user.");
    }
    return true;
  }

  // 2. Credential files: permissions.
  void check_files() {
    std::string path = g_.credentials_file;
    if (path.empty()) {
      const std::string& src = config_.credential_source;
      const size_t eq = src.find("GOOGLE_APPLICATION_CREDENTIALS=");
      if (eq != std::string::npos) path = src.substr(eq + 31, src.find(')', eq) - eq - 31);
    }
    if (path.empty() && !g_.api_key_file.empty()) path = g_.api_key_file;
    if (path.empty()) return;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    if ((st.st_mode & 077) != 0) {
      add("file permissions", Status::kWarn, path + " has mode " + mode + ": other users can read a secret",
          "chmod 600 " + path);
    } else {
      add("file permissions", Status::kOk, path + " has mode " + mode);
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
    bool shape = key.size() == 39 && key.rfind("AIza", 0) == 0;
    for (char c : key) shape = shape && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
    if (!shape) {
      std::string why = "the key (" + std::to_string(key.size()) + " characters) is not AIza + 35 characters";
      if (key.rfind("ya29.", 0) == 0) why += ": it is an OAuth access token, not an API key";
      if (key.find_first_of(" \t\r\n\"'") != std::string::npos) why += "; it contains spaces or quotes";
      add("key format", Status::kFail, why,
          "Copy the key again from https://aistudio.google.com/apikey (Developer API) or the Cloud Console "
          "(APIs & Services > Credentials).");
      return false;
    }
    add("key format", Status::kOk, "AIza + 35 characters");
    return true;
  }

  // 3b. A token can be obtained, and whom it speaks for.
  bool check_token() {
    if (!credentials_) {
      add("token", Status::kSkip, "no token-based credential to check");
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
    add("token", Status::kOk, "obtained an access token for " + credentials_->describe());
    if (auth_header_.rfind("Bearer ya29.", 0) == 0) {
      HttpRequest req;
      req.url = cloud_url("https://oauth2.googleapis.com") + "/tokeninfo?access_token=" + auth_header_.substr(7);
      Result<HttpResponse> r = transport_->send(req);
      nlohmann::json info = r && r->status == 200 ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
      if (info.is_object() && info.contains("email")) {
        add("principal", Status::kOk, info.value("email", "") + " (scopes: " + info.value("scope", "") + ")");
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
      Error e = r.error();
      for (const char* proxy : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY"}) {
        if (const char* v = std::getenv(proxy); v && *v) e.fix += " (" + std::string(proxy) + " is set: check the proxy)";
      }
      fail("network", e);
      return false;
    }
    add("network", Status::kOk, config_.base_url + " answered in " + std::to_string(ms) + " ms" +
                                    (config_.base_url.rfind("https://", 0) == 0 ? " (TLS verified)" : ""));
    return true;
  }

  // 5. A cheap real call: its error, if any, names the problem exactly.
  void check_call() {
    Result<CountTokensResponse> r = client_->models().count_tokens(d_.model, "ping");
    if (r) {
      add("API call", Status::kOk, "countTokens on " + d_.model + " works");
      return;
    }
    const Error& e = r.error();
    const std::string& reason = e.reason();
    std::string name = "API call";
    if (reason == "SERVICE_DISABLED") name = "API enabled";
    if (reason == "API_KEY_INVALID") name = "key valid";
    if (reason.rfind("API_KEY_", 0) == 0 && reason != "API_KEY_INVALID") name = "key restrictions";
    if (reason == "IAM_PERMISSION_DENIED") name = "permission";
    if (e.http_status == 429) name = "quota";
    if (e.http_status == 404) name = "model";
    fail(name, e);
  }

  // 6. What the principal may do on the project: enough, and not too much.
  void check_permissions() {
    nlohmann::json body = {{"permissions", nlohmann::json::array({kPredict})}};
    for (const char* p : kPowerful) body["permissions"].push_back(p);
    HttpRequest req;
    req.method = "POST";
    req.url = cloud_url("https://cloudresourcemanager.googleapis.com") + "/v1/projects/" + config_.project +
              ":testIamPermissions";
    req.headers = {{"Authorization", auth_header_}, {"Content-Type", "application/json"}};
    req.body = body.dump();
    Result<HttpResponse> r = transport_->send(req);
    nlohmann::json held = r && r->status == 200 ? nlohmann::json::parse(r->body, nullptr, false) : nlohmann::json();
    if (!held.is_object()) {
      add("permissions", Status::kSkip,
          "could not ask Resource Manager (testIamPermissions" +
              (r ? " answered HTTP " + std::to_string(r->status) : std::string(": ") + r.error().message) + ")");
      return;
    }
    std::vector<std::string> have;
    for (const auto& p : held.value("permissions", nlohmann::json::array())) have.push_back(p.get<std::string>());
    auto holds = [&](const std::string& p) { return std::find(have.begin(), have.end(), p) != have.end(); };
    if (!holds(kPredict)) {
      add("permissions", Status::kFail, "the principal lacks aiplatform.endpoints.predict on " + config_.project,
          "Grant Vertex AI User: gcloud projects add-iam-policy-binding " + config_.project +
              " --member=PRINCIPAL --role=roles/aiplatform.user");
      return;
    }
    std::string extra;
    for (const char* p : kPowerful) {
      if (holds(p)) extra += (extra.empty() ? "" : ", ") + std::string(p);
    }
    if (!extra.empty()) {
      add("least privilege", Status::kWarn,
          "the principal also holds " + extra + ": a broad role such as Editor or Owner",
          "Calling Gemini needs only roles/aiplatform.user: grant it and remove Editor/Owner from this principal.");
    } else {
      add("permissions", Status::kOk, "holds aiplatform.endpoints.predict and nothing broad that was checked");
    }
  }

  int finish() {
    if (d_.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const Check& c : checks_) {
        out.push_back({{"check", c.name}, {"status", json_label(c.status)}, {"detail", c.detail}, {"fix", c.fix}});
      }
      std::cout << out.dump(2) << "\n";
    } else {
      for (const Check& c : checks_) {
        std::cout << label(c.status) << " " << c.name << ": " << c.detail << "\n";
        if (!c.fix.empty()) std::cout << "       fix: " << c.fix << "\n";
      }
      std::cout << (first_error_ ? "\nA problem was found: the first [FAIL] above is the one to fix.\n"
                                 : "\nNo problem found: calls with this credential should work.\n");
    }
    return first_error_;
  }

  const GlobalOptions& g_;
  DoctorOptions d_;
  std::shared_ptr<HttpTransport> transport_;
  std::optional<Client> client_;
  ClientConfig config_;
  ClientOptions options_;
  std::shared_ptr<Credentials> credentials_;
  std::string auth_header_;
  std::vector<Check> checks_;
  int first_error_ = kExitOk;
};

}  // namespace

void add_doctor_command(CLI::App& app, AppContext& ctx) {
  auto d = std::make_shared<DoctorOptions>();
  CLI::App* cmd = app.add_subcommand("doctor", "Check the credential, network, API, key restrictions and permissions");
  cmd->add_option("-m,--model", d->model, "Model to test with (default gemini-2.5-flash)");
  cmd->add_option("--cloud-base-url", d->cloud_base_url,
                  "Send Resource Manager and OAuth tokeninfo requests here (e.g. the emulator); "
                  "default $GENAI_CLOUD_BASE_URL or Google's");
  cmd->add_flag("--json", d->json, "Print the checks as JSON");
  cmd->footer(
      "Checks, in order: which credential and where it came from; file permissions; the key's format, or that a\n"
      "token can be obtained and whom it speaks for; that the endpoint answers; a countTokens call, whose error\n"
      "names the problem (API not enabled, invalid or restricted key, missing permission, quota, model); and on\n"
      "Vertex AI, testIamPermissions for aiplatform.endpoints.predict and for broader permissions (Editor/Owner).\n\n"
      "Examples:\n  genai doctor\n  genai --vertex --credentials sa.json doctor");
  cmd->callback([&ctx, d] { ctx.action = [&ctx, d] { return Doctor(ctx.global, *d).run(); }; });
}

}  // namespace genai::cli
