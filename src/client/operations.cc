// Operations: polling Veo's long-running operations on either backend, and
// wait(), which pauses between polls on an injectable clock.
#include "genai/operations.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "client/api_client.h"
#include "core/errors.h"
#include "core/video_json.h"

namespace genai {

using nlohmann::json;

namespace internal {
void attach_downloader(GenerateVideosOperation& op, const std::shared_ptr<ApiClient>& api);  // videos.cc
}  // namespace internal

namespace {

using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock::time_point;

WaitClock complete_clock(WaitClock c) {
  if (!c.now) c.now = [] { return std::chrono::steady_clock::now(); };
  if (!c.sleep) {
    c.sleep = [](milliseconds d, std::stop_token stop) {
      std::mutex mu;
      std::condition_variable_any cv;
      std::unique_lock<std::mutex> lock(mu);
      cv.wait_for(lock, stop, d, [] { return false; });
    };
  }
  return c;
}

milliseconds since(SteadyTime start, SteadyTime now) {
  return std::chrono::duration_cast<milliseconds>(now - start);
}

}  // namespace

Operations::Operations(std::shared_ptr<internal::ApiClient> api) : api_(std::move(api)) {}

Result<GenerateVideosOperation> Operations::get(std::string_view name) const {
  if (name.empty()) return internal::invalid_argument("the operation name is empty", "Pass the name generate_videos returned.");
  const bool vertexai = api_->config().vertexai;
  Result<json> resp = json();
  if (vertexai) {
    // Vertex AI reads a Veo operation through its model, as python-genai does:
    // POST {model}:fetchPredictOperation {"operationName"}.
    const std::string n(name);
    const auto at = n.rfind("/operations/");
    if (at == std::string::npos) {
      return internal::invalid_argument("'" + n + "' is not the name of a Vertex AI model operation",
                                        "Pass the name generate_videos returned (…/models/MODEL/operations/ID).");
    }
    const json body = {{"operationName", n}};
    resp = api_->call("POST", api_->resource_path(n.substr(0, at)) + ":fetchPredictOperation", &body);
  } else {
    resp = api_->call("GET", name, nullptr);
  }
  if (!resp) return std::move(resp).error();
  Result<GenerateVideosOperation> op = internal::parse_generate_videos_operation(vertexai, std::move(*resp));
  if (op) internal::attach_downloader(*op, api_);
  return op;
}

Result<GenerateVideosOperation> Operations::get(const GenerateVideosOperation& operation) const {
  return get(operation.name);
}

Result<GenerateVideosOperation> Operations::wait(std::string_view name, const WaitOptions& options) const {
  GenerateVideosOperation op;
  op.name = std::string(name);
  return wait(op, options);
}

Result<GenerateVideosOperation> Operations::wait(const GenerateVideosOperation& operation,
                                                 const WaitOptions& options) const {
  const WaitClock clock = complete_clock(options.clock);
  const SteadyTime start = clock.now();
  std::optional<SteadyTime> deadline = options.deadline;
  if (options.timeout.count() > 0) deadline = std::min(deadline.value_or(SteadyTime::max()), start + options.timeout);
  GenerateVideosOperation op = operation;
  milliseconds interval = std::max(options.initial_interval, milliseconds{1});
  int polls = 0;
  while (!op.done) {
    if (options.stop_token.stop_requested()) return internal::operation_wait_cancelled(op.name);
    Result<GenerateVideosOperation> polled = get(op.name);
    if (!polled) return std::move(polled).error();
    op = std::move(*polled);
    ++polls;
    const SteadyTime now = clock.now();
    if (options.on_progress) options.on_progress(op, since(start, now));
    if (op.done) break;
    if (deadline && now >= *deadline) return internal::operation_wait_deadline(op.name, since(start, now), polls);
    // Never pause past the deadline: the last poll happens at it.
    milliseconds pause = interval;
    if (deadline) pause = std::min(pause, std::chrono::duration_cast<milliseconds>(*deadline - now));
    clock.sleep(pause, options.stop_token);
    if (options.stop_token.stop_requested()) return internal::operation_wait_cancelled(op.name);
    const auto next = std::chrono::duration<double, std::milli>(interval) * options.multiplier;
    interval = std::min(options.max_interval, std::chrono::duration_cast<milliseconds>(next));
  }
  if (op.error) return *op.error;
  return op;
}

}  // namespace genai
