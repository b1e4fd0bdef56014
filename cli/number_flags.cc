#include "cli/number_flags.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <string>

namespace genai::cli {
namespace {

// " (not VALUE)" when the value is short printable ASCII; a value with
// control bytes (an escape sequence, a pasted binary) is not shown at all.
std::string quoted_if_printable(const std::string& value) {
  if (value.empty() || value.size() > 32) return "";
  for (const char c : value) {
    if (c < 0x20 || c > 0x7e) return "";
  }
  return " (not " + value + ")";
}

template <typename T>
std::string number_text(T v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// All of `text` as a T, or false.
template <typename T>
bool parse_all(const std::string& text, T& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

// The range reads the same in the error and in --help ("FLOAT:from 0 to 2").
CLI::Validator number_in(double lo, double hi) {
  const std::string range = "from " + number_text(lo) + " to " + number_text(hi);
  return CLI::Validator(
      [lo, hi, rule = "must be a number " + range](std::string& text) -> std::string {
        double v = 0;
        if (!parse_all(text, v) || !std::isfinite(v) || v < lo || v > hi) return rule + quoted_if_printable(text);
        return {};
      },
      range);
}

CLI::Validator whole_number_in(long long lo, long long hi) {
  const std::string range =
      hi == kIntMax ? "at least " + number_text(lo) : "from " + number_text(lo) + " to " + number_text(hi);
  return CLI::Validator(
      [lo, hi, rule = "must be a whole number" + std::string(hi == kIntMax ? ", " : " ") + range](
          std::string& text) -> std::string {
        long long v = 0;
        if (!parse_all(text, v) || v < lo || v > hi) return rule + quoted_if_printable(text);
        text = std::to_string(v);
        return {};
      },
      range);
}

}  // namespace genai::cli
