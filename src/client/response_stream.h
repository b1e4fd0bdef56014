// Internal: turns a streamed HTTP body of server-sent events into a
// Stream<GenerateContentResponse>, one typed chunk per event, read from the
// network only as the caller iterates. An event larger than
// `max_event_bytes` (HttpOptions::max_event_bytes; 0: no bound) ends the
// stream with an error, and so does a wait for the next event longer than
// `idle` (HttpOptions::stream_idle_timeout; 0: no bound), however many
// bytes of it trickle in.
#ifndef GENAI_SRC_CLIENT_RESPONSE_STREAM_H_
#define GENAI_SRC_CLIENT_RESPONSE_STREAM_H_

#include <chrono>
#include <cstddef>
#include <memory>

#include "genai/http.h"
#include "genai/stream.h"
#include "genai/types.h"

namespace genai::internal {

// Turns the data of each event of a streamed answer into a typed chunk, and
// keeps what holds for the stream as a whole (how many chunks, whether any
// carried an answer). Shared by the blocking stream and the async one.
class ChunkDecoder {
 public:
  // The chunk, or the Error the event is: not JSON, nested too deep, or an
  // {"error": ...} event (Google may send one after a 200).
  Result<GenerateContentResponse> decode(std::string data);
  // At the clean end of the stream: an error unless some chunk carried
  // candidates or promptFeedback.
  Result<void> at_end() const;
  int chunks() const { return chunks_; }

 private:
  int chunks_ = 0;
  bool answered_ = false;
};

Stream<GenerateContentResponse> make_response_stream(std::unique_ptr<HttpStream> http, std::size_t max_event_bytes,
                                                     std::chrono::milliseconds idle = std::chrono::milliseconds{0});

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_RESPONSE_STREAM_H_
