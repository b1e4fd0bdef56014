// SseParser on arbitrary bytes. The first byte chooses where the stream is
// cut into two feeds; the events (and finish()) must be exactly those of the
// same bytes fed in one piece, since chunking is the network's, not the data's.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "transport/sse_parser.h"

namespace {

using genai::internal::SseEvent;
using genai::internal::SseParser;

struct Outcome {
  std::vector<SseEvent> events;
  bool clean = false;
};

Outcome parse(const std::vector<std::string_view>& pieces) {
  Outcome out;
  SseParser parser;
  for (std::string_view piece : pieces) {
    parser.feed(piece, [&](SseEvent&& e) {
      out.events.push_back(std::move(e));
      return true;
    });
  }
  out.clean = parser.finish();
  return out;
}

bool same(const SseEvent& a, const SseEvent& b) {
  return a.event == b.event && a.data == b.data && a.id == b.id && a.retry_ms == b.retry_ms;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t cut = static_cast<size_t>(data[0]) % (bytes.size() + 1);

  const Outcome whole = parse({bytes});
  const Outcome split = parse({bytes.substr(0, cut), bytes.substr(cut)});
  // Byte by byte, the worst case for lines and the BOM arriving split.
  std::vector<std::string_view> singles;
  if (bytes.size() <= 512) {
    for (size_t i = 0; i < bytes.size(); ++i) singles.push_back(bytes.substr(i, 1));
  }
  const Outcome bytewise = bytes.size() <= 512 ? parse(singles) : whole;

  for (const Outcome* other : {&split, &bytewise}) {
    FUZZ_CHECK(other->events.size() == whole.events.size(), "same number of events however the stream is cut");
    for (size_t i = 0; i < whole.events.size(); ++i) {
      FUZZ_CHECK(same(other->events[i], whole.events[i]), "same events however the stream is cut");
    }
    FUZZ_CHECK(other->clean == whole.clean, "same finish() however the stream is cut");
  }

  // A callback that stops the parser must really stop it.
  SseParser stopping;
  int calls = 0;
  stopping.feed(bytes, [&](SseEvent&&) { return ++calls < 1; });
  FUZZ_CHECK(calls <= 1, "no event after the callback returned false");
  return 0;
}
