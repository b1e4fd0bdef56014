// The metadata server of GCE, GKE and Cloud Run: tokens for the instance's
// service account, with the Metadata-Flavor: Google header it requires.
#include "auth/factories.h"
#include "auth/token_credentials.h"
#include "auth/token_request.h"

namespace genai {
namespace internal {
namespace {

constexpr const char* kFlavorHeader = "Metadata-Flavor";

HttpRequest metadata_get(const std::string& host, const std::string& path) {
  HttpRequest req;
  req.method = "GET";
  req.url = "http://" + host + "/computeMetadata/v1/" + path;
  req.headers = {{kFlavorHeader, "Google"}};
  return req;
}

class MetadataServerCredentials final : public TokenCredentials {
 public:
  explicit MetadataServerCredentials(CredentialsOptions options)
      : TokenCredentials(std::move(options)), host_(metadata_host(this->options())) {
    set_quota_project("");
  }

  CredentialKind kind() const override { return CredentialKind::kMetadataServer; }
  std::string describe() const override { return "the metadata server's default service account (" + host_ + ")"; }
  std::string project_id() const override {
    return metadata_project_id(const_cast<MetadataServerCredentials*>(this)->pipeline()->transport(), host_);
  }

 private:
  Result<AccessToken> fetch_token(Clock::time_point now) override {
    std::string path = "instance/service-accounts/default/token";
    if (!options().scopes.empty()) path += "?scopes=" + scopes(',');
    const std::string what = "the metadata server at " + host_;
    return send_token_request(*pipeline(), metadata_get(host_, path), what,
                              [&](const nlohmann::json& body) { return parse_oauth_token(body, now, what); });
  }

  std::string host_;
};

}  // namespace

std::string metadata_host(const CredentialsOptions& options) {
  if (!options.metadata_host.empty()) return options.metadata_host;
  for (const char* name : {"GCE_METADATA_HOST", "GCE_METADATA_ROOT"}) {
    if (std::string v = option_env(options, name); !v.empty()) return v;
  }
  return "metadata.google.internal";
}

bool metadata_server_available(HttpTransport& transport, const std::string& host, std::chrono::milliseconds timeout) {
  HttpRequest req;
  req.url = "http://" + host + "/";
  req.headers = {{kFlavorHeader, "Google"}};
  req.timeout = timeout;
  req.connect_timeout = timeout;
  Result<HttpResponse> r = transport.send(req);
  return r && r->status == 200 && r->header(kFlavorHeader) == "Google";
}

std::string metadata_project_id(HttpTransport& transport, const std::string& host) {
  HttpRequest req = metadata_get(host, "project/project-id");
  req.timeout = std::chrono::seconds(3);
  Result<HttpResponse> r = transport.send(req);
  if (!r || r->status != 200) return {};
  return r->body;
}

}  // namespace internal

std::shared_ptr<Credentials> make_metadata_server_credentials(CredentialsOptions options) {
  return std::make_shared<internal::MetadataServerCredentials>(std::move(options));
}

}  // namespace genai
