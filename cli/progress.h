// The one progress display of the genai command, on stderr: on a terminal a
// single line redrawn in place (a spinner, or a byte bar with rate and ETA);
// otherwise plain lines, few enough to read well in a log. `genai video`,
// `genai operations wait` and `genai files upload` all use it.
//
//   ProgressDisplay p;                                // terminal: isatty(stderr)
//   p.spin("generating video… 12 s");                 // terminal only
//   p.bytes("talk.mp4", sent, total);                 // bar, or a line per 10 %
//   p.clear();                                        // before the final message
#ifndef GENAI_CLI_PROGRESS_H_
#define GENAI_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/messages.h"

namespace genai::cli {

class ProgressDisplay {
 public:
  explicit ProgressDisplay(Lang lang);
  ProgressDisplay(Lang lang, bool terminal) : lang_(lang), terminal_(terminal) {}

  bool terminal() const { return terminal_; }
  // Terminal: `text` after the next spinner frame, in place. Otherwise nothing.
  void spin(std::string_view text);
  // A transfer of `total` bytes that has reached `done`: on a terminal a bar
  // with bytes, rate and ETA (redrawn at most 10 times a second); otherwise
  // a line at each further tenth (and at the end).
  void bytes(std::string_view what, std::uint64_t done, std::uint64_t total);
  // Erases a line drawn in place (nothing in a log).
  void clear();

  // "12.5 MiB", "800 B": a size as a person reads it.
  static std::string size_text(std::uint64_t bytes);

 private:
  Lang lang_;
  bool terminal_;
  unsigned frame_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_draw_{};
  int last_tenth_ = -1;
};

}  // namespace genai::cli

#endif  // GENAI_CLI_PROGRESS_H_
