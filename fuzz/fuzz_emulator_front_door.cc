// The emulator's front door (emulator/handlers/front_door.h) on arbitrary
// bytes. json_depth must never read past its input, must agree with the
// depth of the document nlohmann builds for every text that parses, and
// refuse_body must refuse exactly the bodies nested past the limit, so no
// handler's parse, dump or destructor ever recurses deeper than it.
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/handlers/front_door.h"
#include "fuzz_check.h"

namespace {

// Depth of a parsed document; called only for documents json_depth found
// shallow, so the recursion is bounded.
int dom_depth(const nlohmann::json& j) {
  if (!j.is_structured()) return 0;
  int deepest = 0;
  for (const nlohmann::json& child : j) deepest = std::max(deepest, dom_depth(child));
  return deepest + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const int depth = genai::emulator::json_depth(text, 1 << 30);
  FUZZ_CHECK(depth >= 0 && static_cast<size_t>(depth) <= size, "json_depth counted more levels than bytes");

  genai::emulator::ServerOptions options;
  options.max_json_depth = 8;
  genai::emulator::Request req;
  req.body.assign(text);
  const bool refused = genai::emulator::refuse_body(req, options).has_value();
  const bool has_nul = text.find('\0') != std::string_view::npos;
  FUZZ_CHECK(refused == (depth > options.max_json_depth || has_nul), "refuse_body disagrees with json_depth");

  // nlohmann's lexer ends the input at a NUL byte, where json_depth goes on.
  if (depth > 256 || has_nul) return 0;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded()) FUZZ_CHECK(dom_depth(j) == depth, "json_depth differs from the parsed document's depth");
  return 0;
}
