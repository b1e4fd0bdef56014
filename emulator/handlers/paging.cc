#include "emulator/handlers/paging.h"

#include <algorithm>
#include <charconv>

namespace genai::emulator {
namespace {

// A whole non-negative decimal number, all of `text`.
std::optional<long long> page_number(std::string_view text) {
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

}  // namespace

std::optional<PageWindow> read_page_window(const Request& req, std::string_view token_prefix,
                                           std::size_t default_size, std::size_t max_size) {
  PageWindow w;
  w.size = default_size;
  if (req.has_param("pageSize")) {
    const std::optional<long long> n = page_number(req.get_param_value("pageSize"));
    if (!n) return std::nullopt;
    if (*n > 0) w.size = std::min(static_cast<std::size_t>(*n), max_size);
  }
  const std::string token = req.has_param("pageToken") ? req.get_param_value("pageToken") : "";
  if (!token.empty()) {
    if (token.rfind(token_prefix, 0) != 0) return std::nullopt;
    const std::optional<long long> start = page_number(std::string_view(token).substr(token_prefix.size()));
    if (!start) return std::nullopt;
    w.start = static_cast<std::size_t>(*start);
  }
  return w;
}

std::string next_page_token(const PageWindow& window, std::size_t total, std::string_view token_prefix) {
  if (window.start + window.size >= total) return "";
  return std::string(token_prefix) + std::to_string(window.start + window.size);
}

}  // namespace genai::emulator
