// SseParser on arbitrary bytes. The first byte chooses where the stream is
// cut into two feeds; the events (and finish()) must be exactly those of the
// same bytes fed in one piece, since chunking is the network's, not the data's;
// under a bound on the event size (odd first bytes), so must the verdict.
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
  bool too_large = false;
};

Outcome parse(const std::vector<std::string_view>& pieces, size_t max_event_bytes) {
  Outcome out;
  SseParser parser(max_event_bytes);
  for (std::string_view piece : pieces) {
    parser.feed(piece, [&](SseEvent&& e) {
      out.events.push_back(std::move(e));
      return true;
    });
  }
  out.clean = parser.finish();
  out.too_large = parser.too_large();
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

  // Every other input runs under a small event bound: the verdict must not
  // depend on the cuts either.
  const size_t max_event_bytes = (data[0] & 1) ? 16 + static_cast<size_t>(data[0]) / 2 : 0;
  const Outcome whole = parse({bytes}, max_event_bytes);
  const Outcome split = parse({bytes.substr(0, cut), bytes.substr(cut)}, max_event_bytes);
  // Byte by byte, the worst case for lines and the BOM arriving split.
  std::vector<std::string_view> singles;
  if (bytes.size() <= 512) {
    for (size_t i = 0; i < bytes.size(); ++i) singles.push_back(bytes.substr(i, 1));
  }
  const Outcome bytewise = bytes.size() <= 512 ? parse(singles, max_event_bytes) : whole;

  for (const Outcome* other : {&split, &bytewise}) {
    FUZZ_CHECK(other->events.size() == whole.events.size(), "same number of events however the stream is cut");
    for (size_t i = 0; i < whole.events.size(); ++i) {
      FUZZ_CHECK(same(other->events[i], whole.events[i]), "same events however the stream is cut");
    }
    FUZZ_CHECK(other->clean == whole.clean, "same finish() however the stream is cut");
    FUZZ_CHECK(other->too_large == whole.too_large, "same too_large() however the stream is cut");
  }

  if (max_event_bytes > 0) {
    for (const SseEvent& e : whole.events) {
      FUZZ_CHECK(e.data.size() <= max_event_bytes, "no event larger than the bound is delivered");
    }
  }

  // A callback that stops the parser must really stop it.
  SseParser stopping;
  int calls = 0;
  stopping.feed(bytes, [&](SseEvent&&) { return ++calls < 1; });
  FUZZ_CHECK(calls <= 1, "no event after the callback returned false");
  return 0;
}
