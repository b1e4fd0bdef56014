// Operations: polling Veo's long-running operations on either backend, and
// wait(), which pauses between polls on an injectable clock; File Search's
// operations are handed to FileSearchStores, which knows their names.
#include "genai/operations.h"

#include "genai/file_search_stores.h"

#include "client/api_client.h"
#include "client/wait_loop.h"
#include "core/errors.h"
#include "core/video_json.h"

namespace genai {

using nlohmann::json;

namespace internal {

WaitClock complete_wait_clock(WaitClock c) {
  if (!c.now) c.now = [] { return std::chrono::steady_clock::now(); };
  if (!c.sleep) {
    c.sleep = [](std::chrono::milliseconds d, std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any cv;
      std::unique_lock<std::mutex> lock(mu);
      cv.wait_for(lock, stop, d, [] { return false; });
    };
  }
  return c;
}

}  // namespace internal

namespace internal {
// videos.cc: the operation, its videos able to download themselves with `api`.
Result<GenerateVideosOperation> parse_operation(const std::shared_ptr<ApiClient>& api, bool vertexai,
                                                nlohmann::json answer);
}  // namespace internal

Operations::Operations(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

namespace internal {
namespace {

// One poll: a GET of the operation on the Developer API; on Vertex AI, as
// python-genai does, POST {model}:fetchPredictOperation {"operationName"}.
Result<Request<GenerateVideosOperation>> poll_request(const std::shared_ptr<ApiClient>& api, std::string_view name) {
  if (name.empty()) return invalid_argument("the operation name is empty", "Pass the name generate_videos returned.");
  const bool vertexai = api->config().vertexai;
  auto parse = [weak = std::weak_ptr<ApiClient>(api), vertexai](json answer) {
    return parse_operation(weak.lock(), vertexai, std::move(answer));
  };
  const std::string n(name);
  if (!vertexai) return Request<GenerateVideosOperation>{"GET", n, std::nullopt, parse};
  const auto at = n.rfind("/operations/");
  if (at == std::string::npos) {
    return invalid_argument("'" + n + "' is not the name of a Vertex AI model operation",
                            "Pass the name generate_videos returned (…/models/MODEL/operations/ID).");
  }
  return Request<GenerateVideosOperation>{"POST", api->resource_path(n.substr(0, at)) + ":fetchPredictOperation",
                                          json{{"operationName", n}}, parse};
}

}  // namespace
}  // namespace internal

Result<GenerateVideosOperation> Operations::get(std::string_view name, const GetOperationConfig& config) const {
  return internal::run(*api_, internal::poll_request(api_, name), config.http_options);
}

void Operations::get_async(std::string_view name, const GetOperationConfig& config,
                           Callback<GenerateVideosOperation> on_done) const {
  internal::run_async(*api_, internal::poll_request(api_, name), config.http_options, std::move(on_done));
}

std::future<Result<GenerateVideosOperation>> Operations::get_async(std::string_view name,
                                                                   const GetOperationConfig& config) const {
  return internal::future_of<GenerateVideosOperation>(
      [&](Callback<GenerateVideosOperation> done) { get_async(name, config, std::move(done)); });
}

Result<GenerateVideosOperation> Operations::get(const GenerateVideosOperation& operation,
                                                const GetOperationConfig& config) const {
  return get(operation.name, config);
}

Result<GenerateVideosOperation> Operations::wait(std::string_view name, const WaitOptions& options) const {
  GenerateVideosOperation op;
  op.name = std::string(name);
  return wait(op, options);
}

Result<GenerateVideosOperation> Operations::wait(const GenerateVideosOperation& operation,
                                                 const WaitOptions& options) const {
  Result<GenerateVideosOperation> op = internal::wait_until_done(
      operation, options, [this](const GenerateVideosOperation& o) { return get(o.name); },
      [](const GenerateVideosOperation& o) { return o.done; },
      [](const GenerateVideosOperation& o) { return o.name; });
  if (op && op->error) return *op->error;
  return op;
}


std::future<Result<GenerateVideosOperation>> Operations::wait_async(const GenerateVideosOperation& operation,
                                                                    const WaitOptions& options) const {
  return internal::future_of<GenerateVideosOperation>(
      [&](Callback<GenerateVideosOperation> done) { wait_async(operation, options, std::move(done)); });
}

void Operations::wait_async(const GenerateVideosOperation& operation, const WaitOptions& options,
                            Callback<GenerateVideosOperation> on_done) const {
  std::shared_ptr<internal::ApiClient> api = api_;
  internal::wait_until_done_async(
      operation, options,
      [api](const GenerateVideosOperation& o, std::chrono::milliseconds pause,
            std::function<void(Result<GenerateVideosOperation>)> reply) {
        internal::run_async(*api, internal::poll_request(api, o.name), {}, std::move(reply), pause);
      },
      [](const GenerateVideosOperation& o) { return o.done; }, [](const GenerateVideosOperation& o) { return o.name; },
      // As wait(): an operation that failed is its Error.
      Callback<GenerateVideosOperation>([on_done = std::move(on_done)](Result<GenerateVideosOperation> op) {
        if (op && op->error) return on_done(*op->error);
        on_done(std::move(op));
      }));
}

Result<FileSearchOperation> Operations::get(const FileSearchOperation& operation,
                                            const GetOperationConfig& config) const {
  return FileSearchStores(api_).get_operation(operation.name, GetFileSearchOperationConfig{config.http_options});
}

Result<FileSearchOperation> Operations::wait(const FileSearchOperation& operation) const {
  return FileSearchStores(api_).wait(operation);
}

Result<FileSearchOperation> Operations::wait(const FileSearchOperation& operation,
                                             const FileSearchWaitOptions& options) const {
  return FileSearchStores(api_).wait(operation, options);
}

}  // namespace genai
