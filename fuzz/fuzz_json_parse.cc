// parse_json (core/json_parse.h) against nlohmann::json::parse on arbitrary
// bytes: whatever its fast path accepts must be exactly what nlohmann parses
// (same types, same values), and parse_json as a whole must agree with
// nlohmann on every input, errors included, except that it refuses (as
// kTooDeep) exactly the inputs nlohmann nests deeper than kMaxJsonDepth. dump_json (core/json_dump.h)
// must write exactly what nlohmann's dump() writes, or throw as it does:
// of every parsed document, and of the raw bytes as a string value (which
// need not be valid UTF-8). JsonTape (core/json_tape.h) must accept at least
// what the fast path accepts, and what it accepts must read as nlohmann's value.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/json_dump.h"
#include "core/json_parse.h"
#include "core/json_tape.h"
#include "fuzz_check.h"
#include "json_same.h"

namespace {

std::optional<std::string> dumped(const nlohmann::json& j, bool fast) {
  try {
    return fast ? genai::internal::dump_json(j) : j.dump();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

void check_dump(const nlohmann::json& j) {
  FUZZ_CHECK(dumped(j, true) == dumped(j, false), "dump_json and nlohmann's dump() disagree");
}

// The deepest nesting nlohmann reaches in `text` (up to its first error, if
// any), counted by its parser callback rather than by walking the value.
int nesting(std::string_view text) {
  int deepest = 0;
  (void)nlohmann::json::parse(
      text,
      [&deepest](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
        if (event == nlohmann::json::parse_event_t::object_start ||
            event == nlohmann::json::parse_event_t::array_start) {
          deepest = std::max(deepest, depth + 1);
        }
        return true;
      },
      /*allow_exceptions=*/false);
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const nlohmann::json reference = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  nlohmann::json fast;
  if (genai::internal::parse_json_fast(text, fast)) {
    FUZZ_CHECK(!reference.is_discarded(), "the fast path accepted what nlohmann rejects");
    FUZZ_CHECK(genai_fuzz::json_same(fast, reference), "the fast path parsed a different value");
  }
  genai::internal::JsonTape tape;
  const bool taped = tape.parse(text);
  if (genai::internal::parse_json_fast(text, fast)) FUZZ_CHECK(taped, "the tape refused what the fast path reads");
  if (taped) {
    FUZZ_CHECK(!reference.is_discarded(), "the tape accepted what nlohmann rejects");
    FUZZ_CHECK(genai_fuzz::json_same(tape.root().to_json(), reference), "the tape read a different value");
  }
  genai::internal::JsonParseFailure why{};
  const nlohmann::json full = genai::internal::parse_json(text, &why);
  const bool too_deep = nesting(text) > genai::internal::kMaxJsonDepth;
  FUZZ_CHECK((why == genai::internal::JsonParseFailure::kTooDeep) == too_deep, "the depth bound is off");
  FUZZ_CHECK(full.is_discarded() == (reference.is_discarded() || too_deep),
             "parse_json and nlohmann disagree on validity");
  if (!full.is_discarded()) FUZZ_CHECK(genai_fuzz::json_same(full, reference), "parse_json parsed a different value");
  if (!reference.is_discarded()) check_dump(reference);
  const std::string bytes(text);
  check_dump(nlohmann::json(bytes));
  check_dump(nlohmann::json::object({{bytes, nlohmann::json::array({bytes, 1.5, -3, nullptr})}}));
  return 0;
}
