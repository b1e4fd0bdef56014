// HTML escaping for the few pages the emulator writes (Google's 404 page, the
// search-suggestion chip of grounding), so no request text becomes markup.
#ifndef GENAI_EMULATOR_COMMON_HTML_H_
#define GENAI_EMULATOR_COMMON_HTML_H_

#include <string>
#include <string_view>

namespace genai::emulator {

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_COMMON_HTML_H_
