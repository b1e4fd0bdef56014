// Internal: a transfer that takes several requests (a resumable upload:
// open a session, send chunks, ask where the server stands, resume),
// written once as a state machine that does no I/O, and run either blocking
// (run_transfer) or on the client's event loop (run_transfer_async). So the
// two forms of an upload cannot drift apart, and the async one needs no
// thread of its own.
//
// A Machine has:
//   TransferStep<T> start();                        // the first request
//   TransferStep<T> next(Result<HttpResponse> r);   // the answer to the last one
// and each step is either the next request to send or the transfer's result.
#ifndef GENAI_SRC_CLIENT_TRANSFER_H_
#define GENAI_SRC_CLIENT_TRANSFER_H_

#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "client/api_client.h"
#include "core/errors.h"
#include "genai/http.h"
#include "genai/options.h"
#include "genai/result.h"

namespace genai::internal {

template <typename T>
struct TransferStep {
  // Set: the transfer is over, with this.
  std::optional<Result<T>> result;
  // Else: send `request` with `options` (owned by the machine, which
  // outlives the step) as `how` says, after `delay`.
  HttpRequest request{};
  const RequestOptions* options = nullptr;
  RawSend how{};
  std::chrono::milliseconds delay{0};

  static TransferStep over(Result<T> r) {
    TransferStep s;
    s.result.emplace(std::move(r));
    return s;
  }
  static TransferStep send(HttpRequest request, const RequestOptions& options, RawSend how = {},
                           std::chrono::milliseconds delay = std::chrono::milliseconds{0}) {
    TransferStep s;
    s.request = std::move(request);
    s.options = &options;
    s.how = how;
    s.delay = delay;
    return s;
  }
};

// Runs `machine` on the calling thread; a step's delay is slept.
template <typename T, typename Machine>
Result<T> run_transfer(ApiClient& api, Machine& machine) {
  TransferStep<T> step = machine.start();
  while (!step.result) {
    if (step.delay.count() > 0) std::this_thread::sleep_for(step.delay);
    step = machine.next(api.send_raw(std::move(step.request), *step.options, step.how));
  }
  return std::move(*step.result);
}

namespace transfer_detail {

template <typename T, typename Machine>
void send_step(std::weak_ptr<ApiClient> api, std::shared_ptr<Machine> machine, TransferStep<T> step,
               Callback<T> done) {
  if (step.result) return done(std::move(*step.result));
  // Weak: an upload in flight must not keep the client alive, so that
  // destroying the client ends its uploads (as it cancels its calls).
  std::shared_ptr<ApiClient> client = api.lock();
  if (!client) return done(cancelled_error("the client was destroyed before the transfer finished"));
  const RequestOptions& options = *step.options;
  // The answer comes on the loop thread; a request refused before sending
  // (its headers) is answered at once, on this thread, and the machine
  // ends the transfer with that error (it is not transient).
  client->send_raw_async(
      std::move(step.request), options,
      [api, machine, done](Result<HttpResponse> r) mutable {
        send_step<T>(std::move(api), machine, machine->next(std::move(r)), std::move(done));
      },
      step.how, step.delay);
}

}  // namespace transfer_detail

// Runs `machine` on the client's event loop: each request is sent with
// send_raw_async and its answer handed to the machine there; `done` runs
// once, on the loop thread (or on the caller's, when the first request is
// refused before sending). The machine's callbacks (progress) run there too.
template <typename T, typename Machine>
void run_transfer_async(const std::shared_ptr<ApiClient>& api, std::shared_ptr<Machine> machine, Callback<T> done) {
  TransferStep<T> first = machine->start();
  transfer_detail::send_step<T>(api, machine, std::move(first), std::move(done));
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_TRANSFER_H_
