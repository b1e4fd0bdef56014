#include "cli/progress.h"

#include <iostream>

namespace genai::cli {

ProgressLine::ProgressLine(std::chrono::milliseconds plain_interval, bool terminal)
    : plain_interval_(plain_interval), terminal_(terminal) {}

void ProgressLine::update(std::int64_t done, std::int64_t total, const std::string& text, bool force) {
  if (terminal_ && total <= 0) {  // no total: a spinner
    static constexpr const char* kFrames[] = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    std::cerr << "\r\033[K" << kFrames[frame_++ % 10] << " " << text << std::flush;
    drawn_ = true;
    return;
  }
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = total > 0 ? static_cast<int>(kWidth * std::min<std::int64_t>(done, total) / total) : 0;
    std::string bar = "[";
    for (int i = 0; i < kWidth; ++i) bar += i < filled ? "█" : "░";
    bar += "] ";
    std::cerr << "\r\033[K" << bar << text << std::flush;
    drawn_ = true;
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (!force && last_plain_.time_since_epoch().count() != 0 && now - last_plain_ < plain_interval_) return;
  last_plain_ = now;
  std::cerr << "genai: " << text << "\n";
}

void ProgressLine::finish() {
  if (terminal_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

std::string format_duration(std::chrono::seconds d) {
  if (d.count() < 0) return "?";
  const long long s = d.count();
  const long long h = s / 3600, m = (s / 60) % 60, sec = s % 60;
  char buf[32];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, m, sec);
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", m, sec);
  }
  return buf;
}

}  // namespace genai::cli
