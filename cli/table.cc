#include "cli/table.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace genai::cli {
namespace {

// One code point at `i`: its byte length and display width.
struct Glyph {
  size_t bytes;
  size_t width;
};

Glyph glyph_at(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return {n, wide ? 2u : 1u};
}

struct Token {
  std::string text;
  size_t width = 0;
  bool space_before = false;
};

// Words of narrow characters, and each wide character on its own.
std::vector<Token> tokens(std::string_view s) {
  std::vector<Token> out;
  bool space = false;
  bool in_word = false;
  for (size_t i = 0; i < s.size();) {
    const Glyph g = glyph_at(s, i);
    if (g.bytes == 1 && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) {
      space = true;
      in_word = false;
    } else if (g.width == 2) {
      out.push_back({std::string(s.substr(i, g.bytes)), 2, space});
      space = false;
      in_word = false;
    } else {
      if (!in_word) out.push_back({"", 0, space});
      out.back().text.append(s.substr(i, g.bytes));
      out.back().width += 1;
      space = false;
      in_word = true;
    }
    i += g.bytes;
  }
  return out;
}

}  // namespace

size_t display_width(std::string_view text) {
  size_t w = 0;
  for (size_t i = 0; i < text.size();) {
    const Glyph g = glyph_at(text, i);
    w += g.width;
    i += g.bytes;
  }
  return w;
}

std::vector<std::string> wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines(1);
  size_t used = 0;
  width = std::max<size_t>(width, 2);
  for (Token t : tokens(text)) {
    const size_t gap = used > 0 && t.space_before ? 1 : 0;
    if (used > 0 && used + gap + t.width > width) {
      lines.emplace_back();
      used = 0;
    } else if (gap) {
      lines.back() += ' ';
      used += 1;
    }
    while (t.width > width) {  // cut an overlong word
      size_t i = 0, w = 0;
      while (i < t.text.size()) {
        const Glyph g = glyph_at(t.text, i);
        if (w + g.width > width - used) break;
        w += g.width;
        i += g.bytes;
      }
      if (i == 0) {
        lines.emplace_back();
        used = 0;
        continue;
      }
      lines.back() += t.text.substr(0, i);
      lines.emplace_back();
      used = 0;
      t.text.erase(0, i);
      t.width -= w;
    }
    lines.back() += t.text;
    used += t.width;
  }
  return lines;
}

size_t terminal_width() {
  winsize ws{};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return static_cast<size_t>(std::atoi(c));
  return 120;
}

std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         size_t width) {
  const size_t n = header.size();
  if (n == 0) return {};
  // Borders: "| " + " | " between + " |".
  const size_t frame = 3 * n + 1;
  const size_t avail = width > frame + 10 * n ? width - frame : 10 * n;
  std::vector<size_t> w(n);
  // The first column (a name) gets 2 shares, every other column 3.
  const size_t first = n > 1 ? std::max<size_t>(12, avail * 2 / (2 + 3 * (n - 1))) : avail;
  w[0] = std::min(first, avail);
  for (size_t c = 1; c < n; ++c) w[c] = (avail - w[0]) / (n - 1);
  // Shrink columns to their widest content.
  for (size_t c = 0; c < n; ++c) {
    size_t widest = display_width(header[c]);
    for (const auto& r : rows) {
      for (const std::string& line : wrap(r[c], w[c])) widest = std::max(widest, display_width(line));
    }
    w[c] = std::min(w[c], std::max<size_t>(widest, 1));
  }
  // What narrow columns left over goes to the columns that still wrap, so a
  // column of ticks does not take the room a column of sentences needs.
  std::vector<size_t> natural(n);
  for (size_t c = 0; c < n; ++c) {
    natural[c] = display_width(header[c]);
    for (const auto& r : rows) natural[c] = std::max(natural[c], display_width(r[c]));
  }
  size_t used = 0;
  for (size_t c = 0; c < n; ++c) used += w[c];
  for (size_t spare = avail > used ? avail - used : 0; spare > 0;) {
    size_t hungry = 0;
    for (size_t c = 0; c < n; ++c) hungry += natural[c] > w[c] ? 1 : 0;
    if (hungry == 0) break;
    const size_t share = std::max<size_t>(1, spare / hungry);
    for (size_t c = 0; c < n && spare > 0; ++c) {
      if (natural[c] <= w[c]) continue;
      const size_t add = std::min({share, natural[c] - w[c], spare});
      w[c] += add;
      spare -= add;
    }
  }
  std::string rule = "+";
  for (size_t c = 0; c < n; ++c) rule += std::string(w[c] + 2, '-') + "+";
  rule += "\n";
  std::string out = rule;
  auto emit = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> wrapped(n);
    size_t height = 1;
    for (size_t c = 0; c < n; ++c) {
      wrapped[c] = wrap(cells[c], w[c]);
      height = std::max(height, wrapped[c].size());
    }
    for (size_t line = 0; line < height; ++line) {
      out += "|";
      for (size_t c = 0; c < n; ++c) {
        const std::string text = line < wrapped[c].size() ? wrapped[c][line] : "";
        out += " " + text + std::string(w[c] - std::min(w[c], display_width(text)), ' ') + " |";
      }
      out += "\n";
    }
    out += rule;
  };
  emit(header);
  for (const auto& r : rows) emit(r);
  return out;
}

}  // namespace genai::cli
