#include "genai/rest.h"

#include "auth/authorizer.h"
#include "client/config.h"
#include "core/json_dump.h"
#include "transport/pipeline.h"

namespace genai {

struct RestClient::Impl {
  HttpOptions options;
  std::shared_ptr<const internal::Authorizer> authorizer;
  internal::Pipeline pipeline;
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
  if (impl_->options.timeout.count() > 0) req.timeout = impl_->options.timeout;
  for (const auto& [name, value] : impl_->options.headers) req.headers.emplace_back(name, value);
  Result<HttpResponse> response = impl_->pipeline.send(std::move(req), impl_->authorizer.get());
  if (!response) return std::move(response).error();
  return internal::json_from_response(*response);
}

}  // namespace genai
