// The GCE / GKE / Cloud Run metadata server (metadata.google.internal): the
// project id and tokens for the instance's service account, chosen with the
// admin API (POST /emulator/v1/metadata; --bootstrap-demo picks one). Point
// GCE_METADATA_HOST at the emulator.
// As the real server, it answers only requests that carry
// `Metadata-Flavor: Google` and no X-Forwarded-For, and marks every answer
// with `Metadata-Flavor: Google`, which clients check to detect it.
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "emulator/auth/verifier.h"
#include "emulator/handlers/handlers.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// Like the real server, hand out the same token until it is about to expire
// (google-auth assumes at least 4 minutes of validity are left).
constexpr std::chrono::seconds kReissueBefore{300};

class MetadataServer {
 public:
  explicit MetadataServer(ServerEnv& env) : env_(env) {}

  // False (with the 403 written) when the request is not a metadata request.
  bool admit(const Request& req, Response& res) {
    res.set_header("Metadata-Flavor", "Google");
    if (req.get_header_value("Metadata-Flavor") != "Google" || req.has_header("X-Forwarded-For")) {
      res.status = 403;
      res.set_content("Your client does not have permission to get URL " + req.path +
                          " from this server. Missing Metadata-Flavor:Google header.\n",
                      "text/html; charset=UTF-8");
      return false;
    }
    return true;
  }

  void text(Response& res, const std::string& body) {
    res.status = 200;
    res.set_content(body, "application/text");
  }

  void not_found(Response& res) {
    res.status = 404;
    res.set_content("Not Found\n", "text/html; charset=UTF-8");
  }

  // The account named in the path ("default" or its email), if it is the instance's.
  std::optional<ServiceAccount> account(const std::string& name) {
    const std::string email = env_.state().metadata_account();
    if (email.empty() || (name != "default" && name != email)) return std::nullopt;
    return env_.state().service_account(email);
  }

  void project(const Request& req, Response& res, bool numeric) {
    if (!admit(req, res)) return;
    const std::optional<ServiceAccount> sa = account("default");
    if (!sa) return not_found(res);
    const std::optional<Project> p = env_.state().project(sa->project_id);
    if (!p) return not_found(res);
    text(res, numeric ? p->number : p->id);
  }

  void account_info(const Request& req, Response& res, const std::string& name,
                    const std::string& attribute) {
    if (!admit(req, res)) return;
    const std::optional<ServiceAccount> sa = account(name);
    if (!sa) return not_found(res);
    if (attribute.empty()) {
      if (req.get_param_value("recursive") != "true") return text(res, "aliases\nemail\nidentity\nscopes\ntoken\n");
      ojson out;
      out["aliases"] = ojson::array({"default"});
      out["email"] = sa->email;
      out["scopes"] = ojson::array({kCloudPlatformScope});
      res.status = 200;
      res.set_content(out.dump(), "application/json");
    } else if (attribute == "email") {
      text(res, sa->email);
    } else if (attribute == "scopes") {
      text(res, std::string(kCloudPlatformScope) + "\n");
    } else if (attribute == "aliases") {
      text(res, "default\n");
    } else if (attribute == "token") {
      token(req, res, *sa);
    } else {
      not_found(res);
    }
  }

 private:
  void token(const Request& req, Response& res, const ServiceAccount& sa) {
    env_.state().count("requests metadata.Token");
    if (sa.disabled) return not_found(res);
    std::string scopes = kCloudPlatformScope;
    if (req.has_param("scopes")) {
      scopes = req.get_param_value("scopes");
      std::replace(scopes.begin(), scopes.end(), ',', ' ');
    }
    const auto now = env_.clock().now();
    std::lock_guard<std::mutex> lock(mu_);
    auto& cached = cache_[sa.email + "\n" + scopes];
    if (cached.token.empty() || cached.expiry - now <= kReissueBefore) {
      cached = env_.state().issue_token(service_account_member(sa.email), sa.project_id, scopes,
                                        now + env_.options().token_lifetime);
    }
    ojson out;
    out["access_token"] = cached.token;
    out["expires_in"] = std::chrono::duration_cast<std::chrono::seconds>(cached.expiry - now).count();
    out["token_type"] = "Bearer";
    res.status = 200;
    res.set_content(out.dump(), "application/json");
  }

  ServerEnv& env_;
  std::mutex mu_;
  std::map<std::string, AccessToken> cache_;
};

}  // namespace

void register_metadata_routes(Router& router, ServerEnv& env) {
  auto mds = std::make_shared<MetadataServer>(env);
  router.get("/", [mds, &env](const Request& req, Response& res) {
    // The detection ping: any answer carrying Metadata-Flavor: Google. Counted
    // (when it asks as a metadata client) so tests can see how often ADC is resolved.
    if (req.get_header_value("Metadata-Flavor") == "Google") env.state().count("requests metadata.Probe");
    res.set_header("Metadata-Flavor", "Google");
    res.set_content("computeMetadata/\n", "application/text");
  });
  router.get("/computeMetadata/v1/project/project-id", [mds](const Request& req, Response& res) {
    mds->project(req, res, false);
  });
  router.get("/computeMetadata/v1/project/numeric-project-id",
             [mds](const Request& req, Response& res) { mds->project(req, res, true); });
  router.get("/computeMetadata/v1/universe/universe-domain", [mds](const Request& req, Response& res) {
    if (mds->admit(req, res)) mds->text(res, "googleapis.com");
  });
  router.get(R"(/computeMetadata/v1/instance/service-accounts/?)", [mds, &env](const Request& req,
                                                                             Response& res) {
    if (!mds->admit(req, res)) return;
    const std::string email = env.state().metadata_account();
    mds->text(res, email.empty() ? "" : "default/\n" + email + "/\n");
  });
  router.get(R"(/computeMetadata/v1/instance/service-accounts/([^/]+)/?([a-z]*))",
             [mds](const Request& req, Response& res) {
               mds->account_info(req, res, req.matches[1], req.matches[2]);
             });
}

}  // namespace genai::emulator
