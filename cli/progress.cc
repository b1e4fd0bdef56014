#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
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

namespace {

std::string mib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", bytes / (1024.0 * 1024.0));
  return buf;
}

}  // namespace

TransferProgress::TransferProgress(Lang lang, std::string what, bool quiet)
    : lang_(lang),
      what_(std::move(what)),
      quiet_(quiet),
      // Plain lines come at each tenth (forced below), not by time.
      line_(std::chrono::hours(24), isatty(STDERR_FILENO) == 1) {}

void TransferProgress::update(std::uint64_t done, std::uint64_t total) {
  if (quiet_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  std::string text = tr(lang_, M::kStorageProgress, {what_, mib(done), mib(total), std::to_string(percent)});
  if (line_.terminal()) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && last_draw_.time_since_epoch().count() != 0 && now - last_draw_ < std::chrono::milliseconds(100)) {
      return;
    }
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    if (seconds > 0.5 && done > 0) {
      const double rate = done / seconds;  // bytes per second
      const auto left = std::chrono::seconds(static_cast<long long>((total - done) / rate));
      text += "  " + mib(rate) + " MiB/s  ETA " + format_duration(left);
    }
    line_.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total), text);
    return;
  }
  const int tenth = percent / 10;
  if (tenth == last_tenth_) return;
  last_tenth_ = tenth;
  std::cerr << text << "\n";
}

}  // namespace genai::cli
