#include "cli/cloud_rest.h"

#include <thread>

#include "cli/app.h"

namespace genai::cli {

namespace {
RestClient make_rest(std::shared_ptr<Credentials> credentials, HttpOptions http) {
  if (http.timeout.count() == 0) http.timeout = std::chrono::seconds(60);
  return RestClient(std::move(credentials), std::move(http));
}
}  // namespace

CloudRest::CloudRest(std::shared_ptr<Credentials> credentials, std::string cloud_base_url_flag, HttpOptions http)
    : flag_(std::move(cloud_base_url_flag)), rest_(make_rest(std::move(credentials), std::move(http))) {}

std::string CloudRest::base(const std::string& service) const {
  return cloud_base_url(flag_, ("https://" + service + ".googleapis.com").c_str());
}

Result<nlohmann::json> CloudRest::call(const std::string& method, const std::string& service,
                                       const std::string& path, const nlohmann::json* body) {
  return rest_.call(method, base(service) + path, body);
}

Result<nlohmann::json> CloudRest::wait(const std::string& service, nlohmann::json op, std::chrono::seconds timeout,
                                       const std::function<void()>& progress) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto delay = std::chrono::milliseconds(250);
  while (!op.value("done", false)) {
    if (std::chrono::steady_clock::now() > deadline) {
      return make_transport_error("the operation " + op.value("name", std::string("?")) +
                                           " did not finish within " + std::to_string(timeout.count()) + " s",
                                       "Run the same command again later: it continues where it stopped.");
    }
    if (interrupted()) return make_cancelled_error();
    if (progress) progress();
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(5000));
    Result<nlohmann::json> next = call("GET", service, "/v1/" + op.value("name", std::string()));
    if (!next) return next;
    op = std::move(*next);
  }
  if (op.contains("error")) {
    const nlohmann::json& e = op["error"];
    Error err = error_from_http_response(400, nlohmann::json{{"error", e}}.dump());
    err.http_status = 0;
    return err;
  }
  return op.value("response", nlohmann::json::object());
}

}  // namespace genai::cli
