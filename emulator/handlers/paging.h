// The paging of the emulator's list calls: where a page starts and how long
// it is, read from pageSize and pageToken, and the nextPageToken after it.
// Tokens are the emulator's own ("<prefix><offset>"), opaque to clients.
#ifndef GENAI_EMULATOR_HANDLERS_PAGING_H_
#define GENAI_EMULATOR_HANDLERS_PAGING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/handlers/http.h"

namespace genai::emulator {

struct PageWindow {
  std::size_t start = 0;
  std::size_t size = 0;
};

// pageSize: absent or 0 is `default_size`, larger than `max_size` is
// `max_size` (as Google's lists), negative or not a number is invalid;
// pageToken: empty, or one this emulator wrote with `token_prefix`. nullopt
// when either is invalid (answer Google's 400).
std::optional<PageWindow> read_page_window(const Request& req, std::string_view token_prefix,
                                           std::size_t default_size, std::size_t max_size = 1000);

// The nextPageToken after `window` over `total` items; "" on the last page.
std::string next_page_token(const PageWindow& window, std::size_t total, std::string_view token_prefix);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_PAGING_H_
