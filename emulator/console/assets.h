// The console's static files (emulator/console/assets/: HTML, CSS, JS),
// compiled into the emulator: CMake's cmake/EmbedConsole.cmake turns them
// into a generated C++ source at build time, so the binary serves the console
// with nothing to install and nothing fetched from elsewhere.
//
//   if (const ConsoleAsset* a = find_console_asset("app.js")) res.set_content(std::string(a->body), a->content_type);
#ifndef GENAI_EMULATOR_CONSOLE_ASSETS_H_
#define GENAI_EMULATOR_CONSOLE_ASSETS_H_

#include <string_view>

namespace genai::emulator {

struct ConsoleAsset {
  std::string_view name;          // the file's name under assets/, e.g. "app.js"
  std::string_view content_type;  // from the extension, with charset=UTF-8 for text
  std::string_view body;
};

// The asset named `name`, or nullptr.
const ConsoleAsset* find_console_asset(std::string_view name);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_CONSOLE_ASSETS_H_
