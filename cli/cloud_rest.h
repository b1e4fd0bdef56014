// Google Cloud's REST APIs as the caller's own OAuth credential (Resource
// Manager, Service Usage, API Keys, IAM), for `genai setup` and `genai
// doctor`: the host of each service (or --cloud-base-url), and long-running
// operations polled to completion. The calls themselves are
// genai::RestClient's: the library's one pipeline, retries included.
#ifndef GENAI_CLI_CLOUD_REST_H_
#define GENAI_CLI_CLOUD_REST_H_

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "genai/genai.h"

namespace genai::cli {

class CloudRest {
 public:
  // `http` carries the CLI's transport settings (--verbose trace, redacted by
  // the transport; --proxy); a timeout of 0 becomes 60 s.
  CloudRest(std::shared_ptr<Credentials> credentials, std::string cloud_base_url_flag, HttpOptions http = {});

  // `service` picks the host ("cloudresourcemanager", "serviceusage",
  // "apikeys", "iam"); `path` starts with "/v1/..." etc.
  Result<nlohmann::json> call(const std::string& method, const std::string& service, const std::string& path,
                              const nlohmann::json* body = nullptr);

  // Polls a google.longrunning.Operation (GET /v1/{name} on `service`) until
  // done, at most `timeout`, calling `progress` between polls; returns its
  // "response" or its "error" as an Error.
  Result<nlohmann::json> wait(const std::string& service, nlohmann::json operation,
                              std::chrono::seconds timeout, const std::function<void()>& progress);

 private:
  std::string base(const std::string& service) const;

  std::string flag_;
  RestClient rest_;
};

}  // namespace genai::cli

#endif  // GENAI_CLI_CLOUD_REST_H_
