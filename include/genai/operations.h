// genai::Operations: long-running operations (Veo's generate_videos), the
// same on the Developer API (GET {name}) and Vertex AI
// (:fetchPredictOperation). Obtained from Client::operations(); cheap to copy.
//
//   auto op = client.models().generate_videos("veo-3.0-generate-001", {.prompt = "A koi pond"}).value();
//   op = client.operations().get(op).value();              // one poll
//
//   std::stop_source stop;                                  // stop.request_stop() from any thread
//   genai::WaitOptions w;
//   w.timeout = std::chrono::minutes(10);
//   w.stop_token = stop.get_token();
//   w.on_progress = [](const genai::GenerateVideosOperation& o, std::chrono::milliseconds elapsed) { ... };
//   auto done = client.operations().wait(op, w);            // polls with backoff until done
//   if (!done) std::cerr << done.error().to_string();       // failed, timed out or cancelled
//
// Every poll goes through the client's one request pipeline (credentials,
// retries, HttpOptions); wait() only adds the pauses between polls.
#ifndef GENAI_OPERATIONS_H_
#define GENAI_OPERATIONS_H_

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <stop_token>
#include <string_view>

#include "genai/result.h"
#include "genai/video.h"

namespace genai {

namespace internal {
class ApiClient;
}
// File Search's operations (file_search_stores.h, which includes this header).
struct FileSearchOperation;
struct FileSearchWaitOptions;

// Time as wait() sees it. Empty functions: the real steady clock, and a
// sleep that a stop request ends at once. Tests and simulations pass a clock
// that advances instead of sleeping.
struct WaitClock {
  std::function<std::chrono::steady_clock::time_point()> now;
  // Pause for `d`, or until `stop` is requested, whichever comes first.
  std::function<void(std::chrono::milliseconds d, std::stop_token stop)> sleep;
};

// What wait() takes; `Op` is what on_progress sees (WaitOptions for Veo
// operations, BatchWaitOptions in batches.h for batch jobs).
template <typename Op>
struct BasicWaitOptions {
  // How long to wait in all, from the call; 0: no limit. Past it wait() fails
  // with DEADLINE_EXCEEDED, and the operation keeps running on the server.
  std::chrono::milliseconds timeout{0};
  // An absolute deadline; the earlier of the two applies.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  // The pause after the first poll, multiplied by `multiplier` after each
  // poll up to `max_interval`. Veo takes from under a minute to several, so
  // 5 s growing to 30 s keeps the polls few without adding much latency.
  std::chrono::milliseconds initial_interval{5'000};
  std::chrono::milliseconds max_interval{30'000};
  double multiplier = 1.5;
  // Cancels the wait from another thread (std::stop_source::request_stop):
  // a pause ends at once and wait() fails with CANCELLED. The operation
  // itself keeps running on the server.
  std::stop_token stop_token;
  // Called after every poll, on the waiting thread, with the time waited so far.
  std::function<void(const Op&, std::chrono::milliseconds elapsed)> on_progress;
  WaitClock clock;
};

using WaitOptions = BasicWaitOptions<GenerateVideosOperation>;

struct GetOperationConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

class Operations {
 public:
  explicit Operations(std::shared_ptr<internal::ApiClient> api);

  // The operation's current state (one request). A failed operation is a
  // successful get() with `error` set.
  Result<GenerateVideosOperation> get(const GenerateVideosOperation& operation,
                                      const GetOperationConfig& config = {}) const;
  Result<GenerateVideosOperation> get(std::string_view name, const GetOperationConfig& config = {}) const;
  // get() on the event loop: a future, or a callback (as Models' async calls).
  std::future<Result<GenerateVideosOperation>> get_async(std::string_view name,
                                                         const GetOperationConfig& config = {}) const;
  void get_async(std::string_view name, const GetOperationConfig& config,
                 Callback<GenerateVideosOperation> on_done) const;

  // Polls until the operation is done and returns it with its result; an
  // operation that failed is its Error (Google's status), as is a poll that
  // failed after the pipeline's retries, the deadline passing
  // (DEADLINE_EXCEEDED) or a stop request (CANCELLED). An operation already
  // done is returned without a request.
  Result<GenerateVideosOperation> wait(const GenerateVideosOperation& operation, const WaitOptions& options = {}) const;
  Result<GenerateVideosOperation> wait(std::string_view name, const WaitOptions& options = {}) const;
  // wait() on the client's event loop: the same polls and pauses, but no
  // thread waits; the pause is the next poll sent later. The callback runs
  // once on the loop (at once on this thread for an operation already done;
  // on the stopping thread when options.stop_token is stopped meanwhile, the
  // poll then in flight being ignored). on_progress runs on the loop, and so
  // does a WaitClock's own sleep (a test clock).
  std::future<Result<GenerateVideosOperation>> wait_async(const GenerateVideosOperation& operation,
                                                          const WaitOptions& options = {}) const;
  void wait_async(const GenerateVideosOperation& operation, const WaitOptions& options,
                  Callback<GenerateVideosOperation> on_done) const;

  // The operation of a File Search upload or import (file_search_stores.h),
  // taken here too as the SDKs' operations.get / operations.wait take it:
  // the same as FileSearchStores::get_operation and FileSearchStores::wait
  // (Developer API only).
  Result<FileSearchOperation> get(const FileSearchOperation& operation, const GetOperationConfig& config = {}) const;
  Result<FileSearchOperation> wait(const FileSearchOperation& operation) const;
  Result<FileSearchOperation> wait(const FileSearchOperation& operation, const FileSearchWaitOptions& options) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_OPERATIONS_H_
