#include "cli/progress.h"

#include <unistd.h>

#include <iostream>

namespace genai::cli {
namespace {

std::string mib(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace

TransferProgress::TransferProgress(Lang lang, std::string what, bool quiet)
    : lang_(lang), what_(std::move(what)), quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1) {}

void TransferProgress::update(std::uint64_t done, std::uint64_t total) {
  if (quiet_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  const std::string line = tr(lang_, M::kStorageProgress, {what_, mib(done), mib(total), std::to_string(percent)});
  if (terminal_) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    drawn_ = true;
    std::cerr << "\r\033[K" << line << std::flush;
    return;
  }
  const int tenth = percent / 10;
  if (tenth == last_tenth_) return;
  last_tenth_ = tenth;
  std::cerr << line << "\n";
}

void TransferProgress::finish() {
  if (terminal_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace genai::cli
