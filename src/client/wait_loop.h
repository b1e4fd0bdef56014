// Internal: the one polling loop behind Operations::wait and Batches::wait:
// poll, report progress, pause with backoff on the injectable clock, never
// past the deadline, and stop at once on a stop request.
#ifndef GENAI_SRC_CLIENT_WAIT_LOOP_H_
#define GENAI_SRC_CLIENT_WAIT_LOOP_H_

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "core/errors.h"
#include "genai/operations.h"
#include "genai/result.h"

namespace genai::internal {

// The real steady clock and a sleep a stop request ends, where `c` has none.
WaitClock complete_wait_clock(WaitClock c);

// Polls `poll(op)` (a Result<Op>) until `done(op)`; `op` is returned as it
// was before the first poll if it is done already. `name(op)` names it in
// the deadline and cancellation errors; `deadline_error(name, waited, polls)`
// is the error once the wait's deadline passes.
template <typename Op, typename Poll, typename Done, typename Name,
          typename DeadlineError = Error (*)(const std::string&, std::chrono::milliseconds, int)>
Result<Op> wait_until_done(Op op, const BasicWaitOptions<Op>& options, Poll poll, Done done, Name name,
                           DeadlineError deadline_error = &operation_wait_deadline) {
  using std::chrono::milliseconds;
  using SteadyTime = std::chrono::steady_clock::time_point;
  const WaitClock clock = complete_wait_clock(options.clock);
  const SteadyTime start = clock.now();
  auto since = [start](SteadyTime now) { return std::chrono::duration_cast<milliseconds>(now - start); };
  std::optional<SteadyTime> deadline = options.deadline;
  if (options.timeout.count() > 0) deadline = std::min(deadline.value_or(SteadyTime::max()), start + options.timeout);
  milliseconds interval = std::max(options.initial_interval, milliseconds{1});
  int polls = 0;
  while (!done(op)) {
    if (options.stop_token.stop_requested()) return operation_wait_cancelled(name(op));
    Result<Op> polled = poll(op);
    if (!polled) return std::move(polled).error();
    op = std::move(*polled);
    ++polls;
    const SteadyTime now = clock.now();
    if (options.on_progress) options.on_progress(op, since(now));
    if (done(op)) break;
    if (deadline && now >= *deadline) return deadline_error(name(op), since(now), polls);
    // Never pause past the deadline: the last poll happens at it.
    milliseconds pause = interval;
    if (deadline) pause = std::min(pause, std::chrono::duration_cast<milliseconds>(*deadline - now));
    clock.sleep(pause, options.stop_token);
    if (options.stop_token.stop_requested()) return operation_wait_cancelled(name(op));
    const auto next = std::chrono::duration<double, std::milli>(interval) * options.multiplier;
    interval = std::min(options.max_interval, std::chrono::duration_cast<milliseconds>(next));
  }
  return op;
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_WAIT_LOOP_H_
