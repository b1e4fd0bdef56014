// Internal: an incremental parser for server-sent events (the WHATWG
// EventSource rules), fed with arbitrary slices of the byte stream. Pure: no
// I/O, so it is tested with plain strings before any network test.
//
//   SseParser p;
//   p.feed(chunk, [](SseEvent&& e) { use(e.data); return true; });  // false stops
//   if (!p.finish()) { /* the stream ended in the middle of an event */ }
#ifndef GENAI_SRC_TRANSPORT_SSE_PARSER_H_
#define GENAI_SRC_TRANSPORT_SSE_PARSER_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace genai::internal {

struct SseEvent {
  std::string event = "message";
  std::string data;             // data: lines joined with '\n'
  std::optional<std::string> id;
  std::optional<long> retry_ms;
};

class SseParser {
 public:
  using Callback = std::function<bool(SseEvent&&)>;

  // Parses `bytes`, calling `on_event` for each complete event. Returns false
  // if a callback asked to stop (the rest of `bytes` is then not parsed).
  bool feed(std::string_view bytes, const Callback& on_event);

  // Call at the end of the stream. Returns true if it ended cleanly, false if
  // it ended inside an event (a cut connection): that partial event is dropped,
  // as EventSource does.
  bool finish() const;

 private:
  bool process_line(std::string_view line, const Callback& on_event);

  std::string pending_;      // an unfinished line
  SseEvent current_;
  bool has_data_ = false;     // current_ has at least one data: line
  bool in_event_ = false;     // a field line was seen since the last dispatch
  bool after_cr_ = false;     // the last byte was '\r' (a following '\n' belongs to it)
  bool bom_checked_ = false;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_SSE_PARSER_H_
