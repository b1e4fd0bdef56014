// A streamed generateContent answer (SSE framing, each event's JSON, the
// typed mapping, in-stream error events, the per-event bound) on arbitrary
// bytes, delivered in pieces whose size the first byte picks. Every item must be a chunk or an
// Error, an Error ends the stream, and nothing may throw or crash: the
// stream is fed by the network, so any byte sequence can arrive.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "client/response_stream.h"
#include "fuzz_check.h"
#include "tests/support/memory_stream.h"


extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t piece = 1 + static_cast<size_t>(data[0]);
  // Half the inputs run under a small event bound, so the too-large path
  // (an Error after the events before it) is explored too.
  const size_t max_event_bytes = (data[0] & 1) ? 64 + 2 * static_cast<size_t>(data[0]) : 0;
  auto stream = genai::internal::make_response_stream(std::make_unique<genai::testing::MemoryStream>(bytes, piece),
                                                      max_event_bytes);
  size_t items = 0;
  bool ended_by_error = false;
  for (auto& chunk : stream) {
    FUZZ_CHECK(!ended_by_error, "nothing after an error");
    ++items;
    if (!chunk) {
      ended_by_error = true;
      (void)chunk.error().to_string();
      continue;
    }
    (void)chunk->text();
    (void)chunk->blocked();
  }
  FUZZ_CHECK(items <= bytes.size() + 1, "no more items than bytes");
  return 0;
}
