#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace genai::cli {

ProgressDisplay::ProgressDisplay(Lang lang) : ProgressDisplay(lang, isatty(STDERR_FILENO) == 1) {}

void ProgressDisplay::spin(std::string_view text) {
  if (!terminal_) return;
  static constexpr const char* kFrames[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
  std::cerr << "\r\033[K" << kFrames[frame_++ % 10] << " " << text << std::flush;
}

void ProgressDisplay::clear() {
  if (terminal_) std::cerr << "\r\033[K" << std::flush;
}

std::string ProgressDisplay::size_text(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < (std::uint64_t{1} << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else if (bytes < (std::uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  }
  return buf;
}

void ProgressDisplay::bytes(std::string_view what, std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  const std::string sizes = size_text(done) + " / " + size_text(total);
  if (!terminal_) {
    const int tenth = percent / 10;
    if (tenth <= last_tenth_ && done != total) return;
    last_tenth_ = tenth;
    std::cerr << tr(lang_, M::kFilesProgressLine, {what, sizes, std::to_string(percent)}) << "\n";
    return;
  }
  if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string eta = "–";
  if (rate > 0 && done < total) eta = std::to_string(static_cast<long long>((total - done) / rate + 0.5)) + " s";
  constexpr int kWidth = 24;
  const int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::cerr << "\r\033[K" << what << " [" << bar << "] " << percent << "%  " << sizes << "  "
            << size_text(static_cast<std::uint64_t>(rate)) << "/s  "
            << tr(lang_, M::kFilesEta, {eta}) << std::flush;
}

}  // namespace genai::cli
