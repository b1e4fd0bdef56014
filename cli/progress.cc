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

ProgressDisplay::ProgressDisplay(Lang lang, bool quiet) : ProgressDisplay(lang, quiet, isatty(STDERR_FILENO) == 1) {}

// Plain lines come at each tenth of the way (printed here), never by time.
ProgressDisplay::ProgressDisplay(Lang lang, bool quiet, bool terminal)
    : lang_(lang), quiet_(quiet), line_(std::chrono::hours(24), terminal) {}

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
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
  const std::string sizes = size_text(done) + " / " + size_text(total);
  if (!line_.terminal()) {
    const int tenth = percent / 10;
    if (tenth <= last_tenth_ && done != total) return;
    last_tenth_ = tenth;
    std::cerr << tr(lang_, M::kFilesProgressLine, {std::string(what), sizes, std::to_string(percent)}) << "\n";
    return;
  }
  if (done != total && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::string eta = "–";
  if (rate > 0 && done < total) eta = format_duration(std::chrono::seconds(static_cast<long long>((total - done) / rate + 0.5)));
  line_.update(static_cast<std::int64_t>(done), static_cast<std::int64_t>(total == 0 ? 1 : total),
               std::string(what) + " " + std::to_string(percent) + "%  " + sizes + "  " +
                   size_text(static_cast<std::uint64_t>(rate)) + "/s  " + tr(lang_, M::kFilesEta, {eta}));
}

}  // namespace genai::cli
