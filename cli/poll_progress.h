// The progress of a wait (genai video, genai operations wait, genai batch),
// on stderr: on a terminal one line redrawn in place (a spinner and a status,
// between polls too); otherwise one plain line per poll, which reads well in
// a log. Ctrl-C stops the wait (the job keeps running on the server). `Op` is
// what the library's wait() reports (GenerateVideosOperation, BatchJob).
#ifndef GENAI_CLI_POLL_PROGRESS_H_
#define GENAI_CLI_POLL_PROGRESS_H_

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "cli/app.h"
#include "cli/progress.h"
#include "genai/operations.h"

namespace genai::cli {

inline long long whole_seconds(std::chrono::milliseconds d) { return d.count() / 1000; }

template <typename Op>
class PollProgress {
 public:
  // `log_line(op, seconds)`: the line printed after a poll when stderr is not
  // a terminal ("" prints nothing). `status(last, seconds)`: the text after
  // the spinner on a terminal; `last` is the latest poll, null before the first.
  using LogLine = std::function<std::string(const Op&, long long seconds)>;
  using Status = std::function<std::string(const Op* last, long long seconds)>;

  PollProgress(LogLine log_line, Status status)
      : log_line_(std::move(log_line)),
        status_(std::move(status)),
        terminal_(isatty(STDERR_FILENO) == 1),
        line_(std::chrono::milliseconds(0), terminal_) {}

  // The wait's options: --max-wait SECONDS (0: no limit) and --poll-interval
  // SECONDS (0: the library's default).
  BasicWaitOptions<Op> options(double timeout_s, double poll_s) {
    BasicWaitOptions<Op> w;
    if (timeout_s > 0) w.timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
    if (poll_s > 0) {
      w.initial_interval = std::chrono::milliseconds(static_cast<long long>(poll_s * 1000));
      w.max_interval = std::max(w.max_interval, w.initial_interval);
    }
    w.stop_token = stop_.get_token();
    start_ = std::chrono::steady_clock::now();
    w.on_progress = [this](const Op& op, std::chrono::milliseconds elapsed) {
      last_ = op;
      if (terminal_) return;
      const std::string line = log_line_(op, whole_seconds(elapsed));
      if (!line.empty()) std::cerr << line << "\n";
    };
    // Pauses in short slices, to redraw the spinner and notice Ctrl-C.
    w.clock.sleep = [this](std::chrono::milliseconds d, std::stop_token stop) {
      const auto end = std::chrono::steady_clock::now() + d;
      while (!stop.stop_requested() && std::chrono::steady_clock::now() < end) {
        if (interrupted()) stop_.request_stop();
        if (terminal_) draw();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(100), end - std::chrono::steady_clock::now()));
      }
    };
    return w;
  }

  // Clears the spinner's line; returns the seconds waited.
  long long finish() {
    line_.finish();
    return whole_seconds(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_));
  }

 private:
  void draw() {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
    line_.update(0, 0, status_(last_ ? &*last_ : nullptr, whole_seconds(elapsed)));  // no total: the spinner
  }

  LogLine log_line_;
  Status status_;
  bool terminal_;
  std::stop_source stop_;
  std::chrono::steady_clock::time_point start_;
  std::optional<Op> last_;
  ProgressLine line_;  // the spinner on a terminal
};

}  // namespace genai::cli

#endif  // GENAI_CLI_POLL_PROGRESS_H_
