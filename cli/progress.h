// The progress of a byte transfer on stderr (genai storage cp; any upload or
// download): on a terminal one line redrawn in place, at most ten times a
// second; otherwise a plain line at each tenth of the way, which reads well
// in a log. Silent when quiet.
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

class TransferProgress {
 public:
  TransferProgress(Lang lang, std::string what, bool quiet);
  void update(std::uint64_t done, std::uint64_t total);
  std::function<void(std::uint64_t, std::uint64_t)> callback() {
    return [this](std::uint64_t done, std::uint64_t total) { update(done, total); };
  }
  // Clears the redrawn line (a terminal), so the next message starts clean.
  void finish();

 private:
  Lang lang_;
  std::string what_;
  bool quiet_;
  bool terminal_;
  int last_tenth_ = -1;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace genai::cli

#endif  // GENAI_CLI_PROGRESS_H_
