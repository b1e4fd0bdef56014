// Internal: the one polling loop behind Operations::wait and Batches::wait:
// poll, report progress, pause with backoff on the injectable clock, never
// past the deadline, and stop at once on a stop request. Its twin on the
// client's event loop (wait_until_done_async) pauses by sending the next poll
// later instead of sleeping a thread.
#ifndef GENAI_SRC_CLIENT_WAIT_LOOP_H_
#define GENAI_SRC_CLIENT_WAIT_LOOP_H_

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

#include "core/errors.h"
#include "genai/operations.h"
#include "genai/result.h"

namespace genai::internal {

// The real steady clock and a sleep a stop request ends, where `c` has none.
WaitClock complete_wait_clock(WaitClock c);

// The time plan both wait loops follow: the deadline (the options' own, or
// their timeout from the start), the pause before the next poll (never past
// the deadline), and the interval growing by `multiplier` up to max_interval.
class WaitSchedule {
 public:
  using SteadyTime = std::chrono::steady_clock::time_point;
  template <typename Op>
  WaitSchedule(const BasicWaitOptions<Op>& options, SteadyTime start)
      : start_(start),
        deadline_(options.deadline),
        interval_(std::max(options.initial_interval, std::chrono::milliseconds{1})),
        max_interval_(options.max_interval),
        multiplier_(options.multiplier) {
    if (options.timeout.count() > 0) {
      deadline_ = std::min(deadline_.value_or(SteadyTime::max()), start + options.timeout);
    }
  }

  std::chrono::milliseconds since(SteadyTime now) const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now - start_);
  }
  bool past_deadline(SteadyTime now) const { return deadline_ && now >= *deadline_; }
  // The pause after a poll at `now`; the last poll happens at the deadline.
  std::chrono::milliseconds pause(SteadyTime now) const {
    if (!deadline_) return interval_;
    return std::min(interval_, std::chrono::duration_cast<std::chrono::milliseconds>(*deadline_ - now));
  }
  void grow() {
    const auto next = std::chrono::duration<double, std::milli>(interval_) * multiplier_;
    interval_ = std::min(max_interval_, std::chrono::duration_cast<std::chrono::milliseconds>(next));
  }

 private:
  SteadyTime start_;
  std::optional<SteadyTime> deadline_;
  std::chrono::milliseconds interval_;
  std::chrono::milliseconds max_interval_;
  double multiplier_;
};

// Polls `poll(op)` (a Result<Op>) until `done(op)`; `op` is returned as it
// was before the first poll if it is done already. `name(op)` names it in
// the deadline and cancellation errors; `deadline_error(name, waited, polls)`
// is the error once the wait's deadline passes.
template <typename Op, typename Poll, typename Done, typename Name,
          typename DeadlineError = Error (*)(const std::string&, std::chrono::milliseconds, int)>
Result<Op> wait_until_done(Op op, const BasicWaitOptions<Op>& options, Poll poll, Done done, Name name,
                           DeadlineError deadline_error = &operation_wait_deadline) {
  const WaitClock clock = complete_wait_clock(options.clock);
  WaitSchedule schedule(options, clock.now());
  int polls = 0;
  while (!done(op)) {
    if (options.stop_token.stop_requested()) return operation_wait_cancelled(name(op));
    Result<Op> polled = poll(op);
    if (!polled) return std::move(polled).error();
    op = std::move(*polled);
    ++polls;
    const auto now = clock.now();
    if (options.on_progress) options.on_progress(op, schedule.since(now));
    if (done(op)) break;
    if (schedule.past_deadline(now)) return deadline_error(name(op), schedule.since(now), polls);
    clock.sleep(schedule.pause(now), options.stop_token);
    if (options.stop_token.stop_requested()) return operation_wait_cancelled(name(op));
    schedule.grow();
  }
  return op;
}

// wait_until_done on the client's event loop, with the same pauses, progress
// reports, deadline and errors. `poll(op, pause, reply)` sends one poll after
// `pause` and hands its Result<Op> to `reply` on the loop. `finish` runs
// exactly once: on the loop with the done operation or the error; at once on
// the calling thread when `op` is done already or a stop was requested
// before; on the stopping thread when a stop comes during the wait (the poll
// then in flight is answered into nothing). on_progress runs on the loop,
// and so does a WaitClock's own sleep (a test clock that advances instead):
// the next poll is then sent without a pause of the loop's.
template <typename Op, typename PollAsync, typename Done, typename Name,
          typename DeadlineError = Error (*)(const std::string&, std::chrono::milliseconds, int)>
void wait_until_done_async(Op op, const BasicWaitOptions<Op>& options, PollAsync poll, Done done, Name name,
                           std::function<void(Result<Op>)> finish,
                           DeadlineError deadline_error = &operation_wait_deadline) {
  using std::chrono::milliseconds;
  if (done(op)) return finish(std::move(op));
  if (options.stop_token.stop_requested()) return finish(operation_wait_cancelled(name(op)));
  struct State {
    State(const BasicWaitOptions<Op>& o, std::function<void(Result<Op>)> f)
        : options(o),
          clock(complete_wait_clock(o.clock)),
          clock_sleeps(static_cast<bool>(o.clock.sleep)),
          schedule(o, clock.now()),
          finish(std::move(f)) {}
    BasicWaitOptions<Op> options;
    WaitClock clock;
    bool clock_sleeps;  // the options' own sleep, run on the loop
    WaitSchedule schedule;
    int polls = 0;
    std::function<void(Result<Op>)> finish;
    std::atomic<bool> finished{false};
    std::unique_ptr<std::stop_callback<std::function<void()>>> on_stop;
    void end(Result<Op> r) {
      if (!finished.exchange(true)) finish(std::move(r));
    }
  };
  auto state = std::make_shared<State>(options, std::move(finish));
  state->on_stop = std::make_unique<std::stop_callback<std::function<void()>>>(
      options.stop_token, std::function<void()>([weak = std::weak_ptr<State>(state), n = name(op)] {
        if (std::shared_ptr<State> s = weak.lock()) s->end(operation_wait_cancelled(n));
      }));
  // One poll after `pause`; its answer decides the next.
  auto next = [poll, done, name, deadline_error](auto self, std::shared_ptr<State> st, const Op& current,
                                                   milliseconds pause) -> void {
    poll(current, pause, [self, st, done, name, deadline_error](Result<Op> polled) {
      if (st->finished) return;
      if (!polled) return st->end(std::move(polled).error());
      Op now_op = std::move(*polled);
      ++st->polls;
      const auto now = st->clock.now();
      if (st->options.on_progress) st->options.on_progress(now_op, st->schedule.since(now));
      if (done(now_op)) return st->end(std::move(now_op));
      if (st->schedule.past_deadline(now)) {
        return st->end(deadline_error(name(now_op), st->schedule.since(now), st->polls));
      }
      milliseconds wait = st->schedule.pause(now);
      if (st->clock_sleeps) {
        st->clock.sleep(wait, st->options.stop_token);
        wait = milliseconds{0};
      }
      if (st->options.stop_token.stop_requested()) return st->end(operation_wait_cancelled(name(now_op)));
      st->schedule.grow();
      self(self, st, now_op, wait);
    });
  };
  next(next, state, op, milliseconds{0});
}

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_WAIT_LOOP_H_
