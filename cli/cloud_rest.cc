#include "cli/cloud_rest.h"

#include <thread>

#include "cli/app.h"
#include "core/errors.h"

namespace genai::cli {

namespace {
std::shared_ptr<HttpTransport> traced_transport(std::function<void(std::string_view)> trace) {
  TransportOptions t;
  t.trace = std::move(trace);
  return make_curl_transport(t);
}
}  // namespace

CloudRest::CloudRest(std::shared_ptr<Credentials> credentials, std::string cloud_base_url_flag,
                     std::function<void(std::string_view)> trace)
    : credentials_(std::move(credentials)),
      flag_(std::move(cloud_base_url_flag)),
      transport_(traced_transport(std::move(trace))) {}

std::string CloudRest::base(const std::string& service) const {
  return cloud_base_url(flag_, ("https://" + service + ".googleapis.com").c_str());
}

Result<nlohmann::json> CloudRest::call(const std::string& method, const std::string& service,
                                       const std::string& path, const nlohmann::json* body) {
  Result<HttpHeaders> auth = credentials_->authorization_headers(std::chrono::system_clock::now());
  if (!auth) return std::move(auth).error();
  HttpRequest req;
  req.method = method;
  req.url = base(service) + path;
  req.headers = std::move(*auth);
  if (body) {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body->dump();
  } else if (method == "POST") {
    req.body = "{}";
    req.headers.emplace_back("Content-Type", "application/json");
  }
  req.timeout = std::chrono::seconds(60);
  Result<HttpResponse> resp = transport_->send(req);
  if (!resp) return std::move(resp).error();
  if (resp->status < 200 || resp->status >= 300) {
    return internal::error_from_http(resp->status, resp->body, resp->header("Retry-After"));
  }
  if (resp->body.empty()) return nlohmann::json::object();
  nlohmann::json j = nlohmann::json::parse(resp->body, nullptr, false);
  if (j.is_discarded()) {
    return internal::invalid_argument(service + " answered HTTP " + std::to_string(resp->status) +
                                      " with a body that is not JSON");
  }
  return j;
}

Result<nlohmann::json> CloudRest::wait(const std::string& service, nlohmann::json op, std::chrono::seconds timeout,
                                       const std::function<void()>& progress) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto delay = std::chrono::milliseconds(250);
  while (!op.value("done", false)) {
    if (std::chrono::steady_clock::now() > deadline) {
      return internal::transport_error("the operation " + op.value("name", std::string("?")) +
                                           " did not finish within " + std::to_string(timeout.count()) + " s",
                                       "Run the same command again later: it continues where it stopped.");
    }
    if (interrupted()) return internal::cancelled_error();
    if (progress) progress();
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(5000));
    Result<nlohmann::json> next = call("GET", service, "/v1/" + op.value("name", std::string()));
    if (!next) return next;
    op = std::move(*next);
  }
  if (op.contains("error")) {
    const nlohmann::json& e = op["error"];
    Error err = internal::error_from_http(400, nlohmann::json{{"error", e}}.dump());
    err.http_status = 0;
    return err;
  }
  return op.value("response", nlohmann::json::object());
}

}  // namespace genai::cli
