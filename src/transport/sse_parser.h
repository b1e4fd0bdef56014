// Internal: an incremental parser for server-sent events (the WHATWG
// EventSource rules), fed with arbitrary slices of the byte stream. Pure: no
// I/O, so it is tested with plain strings before any network test.
//
//   SseParser p(64 << 20);  // no event larger than 64 MiB
//   if (!p.feed(chunk, [](SseEvent&& e) { use(e.data); return true; })) {  // false stops
//     if (p.too_large()) { /* one event passed the limit: fail the stream */ }
//   }
//   if (!p.finish()) { /* the stream ended in the middle of an event */ }
#ifndef GENAI_SRC_TRANSPORT_SSE_PARSER_H_
#define GENAI_SRC_TRANSPORT_SSE_PARSER_H_

#include <cstddef>
#include <cstdint>
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

  // `max_event_bytes` bounds the memory one event may take: the bytes of its
  // lines (comments and line ends aside) plus an unfinished line. A server
  // that never ends an event must not grow the client without limit.
  // 0: no bound.
  explicit SseParser(std::size_t max_event_bytes = 0)
      : max_event_bytes_(max_event_bytes > 0 ? max_event_bytes : SIZE_MAX) {}

  // Parses `bytes`, calling `on_event` for each complete event. Returns false
  // if a callback asked to stop (the rest of `bytes` is then not parsed), or
  // if the event in progress passed max_event_bytes: too_large() is then
  // true, and every later feed() returns false at once. However the stream is
  // cut into pieces, the same events come before the same verdict.
  bool feed(std::string_view bytes, const Callback& on_event);

  // True once an event passed max_event_bytes; event_bytes() then says how
  // large it would have become with the piece that was refused.
  bool too_large() const { return too_large_; }
  std::size_t event_bytes() const { return too_large_ ? refused_at_ : event_bytes_ + pending_.size(); }

  // Call at the end of the stream. Returns true if it ended cleanly, false if
  // it ended inside an event (a cut connection, or a too-large event): that
  // partial event is dropped, as EventSource does.
  bool finish() const;

 private:
  bool process_line(std::string_view line, const Callback& on_event);

  // Records the verdict when a line of `line_bytes` more would pass the
  // bound; true if it did.
  bool over_limit(std::size_t line_bytes);

  std::size_t max_event_bytes_;
  std::size_t event_bytes_ = 0;  // the field lines of current_ so far
  bool too_large_ = false;
  std::size_t refused_at_ = 0;
  std::string pending_;      // an unfinished line
  SseEvent current_;
  bool has_data_ = false;     // current_ has at least one data: line
  bool in_event_ = false;     // a field line was seen since the last dispatch
  bool after_cr_ = false;     // the last byte was '\r' (a following '\n' belongs to it)
  bool bom_checked_ = false;
};

}  // namespace genai::internal

#endif  // GENAI_SRC_TRANSPORT_SSE_PARSER_H_
