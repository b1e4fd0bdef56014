// The progress displays of the genai command, on stderr. ProgressLine is the
// one that draws: on a terminal one line redrawn in place (a bar when the
// total is known, a spinner when not); otherwise a plain line now and then,
// which reads well in a log or CI output. `genai run` shows its counts with
// it, PollProgress (poll_progress.h) its spinner while `genai video`,
// `operations wait`, `batch --wait` and `files upload --wait` wait, and
// ProgressDisplay byte transfers (`genai files upload`, `genai storage cp`).
//
//   ProgressLine line(std::chrono::seconds(10), isatty(2));  // plain lines every 10 s
//   line.update(done, total, "120/1000 done ...");           // as often as you like
//   line.finish();                                           // clears the bar
//
//   ProgressDisplay p(lang);
//   p.bytes("talk.mp4", sent, total);   // bar with rate and ETA, or a line per 10 % in a log
//   p.clear();                          // before the final message
#ifndef GENAI_CLI_PROGRESS_H_
#define GENAI_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

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

// A byte transfer on a ProgressLine: on a terminal a bar with the sizes, the
// rate and the time left (redrawn at most ten times a second); otherwise a
// line at each further tenth (and at the end). Silent when quiet.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(Lang lang, bool quiet = false);
  ProgressDisplay(Lang lang, bool quiet, bool terminal);

  bool terminal() const { return line_.terminal(); }
  void bytes(std::string_view what, std::uint64_t done, std::uint64_t total);
  // Erases a line drawn in place (nothing in a log).
  void clear() { line_.finish(); }

  // "12.5 MiB", "800 B": a size as a person reads it.
  static std::string size_text(std::uint64_t bytes);

 private:
  Lang lang_;
  bool quiet_;
  ProgressLine line_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  int last_tenth_ = -1;
};

}  // namespace genai::cli

#endif  // GENAI_CLI_PROGRESS_H_
