#include "genai/rest.h"

#include "auth/authorizer.h"
#include "auth/token_request.h"
#include "client/config.h"
#include "core/json_dump.h"
#include "transport/pipeline.h"

namespace genai {

struct RestClient::Impl {
  HttpOptions options;
  std::shared_ptr<const internal::Authorizer> authorizer;
  internal::Pipeline pipeline;

  // Every call: the options' timeout and headers, one pipeline, one mapping.
  Result<nlohmann::json> send(HttpRequest req) const {
    if (options.timeout.count() > 0) req.timeout = options.timeout;
    for (const auto& [name, value] : options.headers) req.headers.emplace_back(name, value);
    Result<HttpResponse> response = pipeline.send(std::move(req), authorizer.get());
    if (!response) return std::move(response).error();
    return internal::json_from_response(*response);
  }
};

RestClient::RestClient(std::shared_ptr<Credentials> credentials, HttpOptions options,
                       std::shared_ptr<HttpTransport> transport) {
  if (!transport) transport = internal::make_transport(options);
  if (credentials) credentials->adopt_transport(transport);
  RetryOptions retry = options.retry;
  const std::chrono::milliseconds deadline = options.deadline;
  impl_ = std::make_unique<Impl>(Impl{std::move(options), internal::make_authorizer(std::move(credentials)),
                                      internal::Pipeline(std::move(transport), std::move(retry), deadline)});
}

RestClient::~RestClient() = default;
RestClient::RestClient(RestClient&&) noexcept = default;
RestClient& RestClient::operator=(RestClient&&) noexcept = default;

Result<nlohmann::json> RestClient::call(std::string_view method, std::string url, const nlohmann::json* body) const {
  HttpRequest req;
  req.method = std::string(method);
  req.url = std::move(url);
  if (body || req.method == "POST") {
    req.headers.emplace_back("Content-Type", "application/json");
    Result<std::string> text = body ? internal::dump_request_body(*body) : std::string("{}");
    if (!text) return std::move(text).error();
    req.body = std::move(*text);
  }
  return impl_->send(std::move(req));
}

Result<nlohmann::json> RestClient::post_form(std::string url,
                                             const std::vector<std::pair<std::string, std::string>>& fields) const {
  HttpRequest req;
  req.method = "POST";
  req.url = std::move(url);
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  req.body = internal::form_encode(fields);
  return impl_->send(std::move(req));
}

}  // namespace genai
