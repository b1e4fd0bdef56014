// A status line on stderr for long commands: on a terminal one line redrawn
// in place (a bar when the total is known, a spinner when not); otherwise a
// plain line now and then, which reads well in a log or CI output. Used by
// `genai run` (a bar) and `genai video` / `genai operations wait` (a spinner);
// TransferProgress puts a byte transfer (uploads, downloads) on it.
//
//   ProgressLine line(std::chrono::seconds(10), isatty(2));  // plain lines every 10 s
//   line.update(done, total, "120/1000 done ...");           // as often as you like
//   line.finish();                                           // clears the bar
//
//   TransferProgress p(lang, "talk.mp4", quiet);
//   config.progress = p.callback();
//   ... the transfer ...
//   p.finish();
#ifndef GENAI_CLI_PROGRESS_H_
#define GENAI_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "cli/messages.h"

namespace genai::cli {

class ProgressLine {
 public:
  explicit ProgressLine(std::chrono::milliseconds plain_interval, bool terminal);
  // Shows `text` (after a bar of done/total on a terminal, or a spinner's
  // next frame when total <= 0). A plain line is
  // printed at most once per plain_interval, unless `force`.
  void update(std::int64_t done, std::int64_t total, const std::string& text, bool force = false);
  // Ends the redrawn line, so what is printed next starts clean.
  void finish();
  bool terminal() const { return terminal_; }

 private:
  std::chrono::milliseconds plain_interval_;
  bool terminal_;
  bool drawn_ = false;
  unsigned frame_ = 0;
  std::chrono::steady_clock::time_point last_plain_{};
};

// "1:05:09", "4:09", "0:07"; "?" for a negative duration (unknown).
std::string format_duration(std::chrono::seconds d);

// The progress of a byte transfer: on a terminal a bar with MiB done, the
// rate and the time left, redrawn at most ten times a second; otherwise a
// plain line at each tenth of the way. Silent when quiet.
class TransferProgress {
 public:
  TransferProgress(Lang lang, std::string what, bool quiet);
  void update(std::uint64_t done, std::uint64_t total);
  std::function<void(std::uint64_t, std::uint64_t)> callback() {
    return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
  }
  // Clears the redrawn line (a terminal), so the next message starts clean.
  void finish() { line_.finish(); }

 private:
  Lang lang_;
  std::string what_;
  bool quiet_;
  ProgressLine line_;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace genai::cli

#endif  // GENAI_CLI_PROGRESS_H_
