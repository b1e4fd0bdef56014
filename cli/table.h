// A plain-text table for the terminal whose cells wrap to fit the width,
// measuring UTF-8 text by display columns (a Chinese character is two
// columns wide and a line may break between any two of them).
//
//   std::cout << render_table({"kind", "risks"}, {{"API key", "leaks"}}, terminal_width());
#ifndef GENAI_CLI_TABLE_H_
#define GENAI_CLI_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

namespace genai::cli {

// Display columns of UTF-8 text (East Asian wide characters count 2).
size_t display_width(std::string_view text);

// `text` broken into lines of at most `width` columns, at spaces or between
// wide characters; a word longer than `width` is cut.
std::vector<std::string> wrap(std::string_view text, size_t width);

// The width of the terminal on stdout, else $COLUMNS, else 120.
size_t terminal_width();

// `header` and `rows` (each as many cells as `header`) in a +--+ box no wider
// than `width`; the first column gets a smaller share.
std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         size_t width);

}  // namespace genai::cli

#endif  // GENAI_CLI_TABLE_H_
