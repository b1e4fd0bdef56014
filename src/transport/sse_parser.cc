#include "transport/sse_parser.h"

#include <charconv>
#include <cstring>

namespace genai::internal {

bool SseParser::over_limit(std::size_t line_bytes) {
  // One comparison per line or piece, never per byte.
  if (event_bytes_ + line_bytes <= max_event_bytes_) return false;
  too_large_ = true;
  refused_at_ = event_bytes_ + line_bytes;
  return true;
}

bool SseParser::feed(std::string_view bytes, const Callback& on_event) {
  if (too_large_) return false;
  if (!bom_checked_) {
    // A UTF-8 byte-order mark may start the stream; it can arrive split.
    std::string_view bom = "\xEF\xBB\xBF";
    const size_t seen = pending_.size();
    const size_t take = std::min(bytes.size(), bom.size() - seen);
    if (bom.substr(seen, take) == bytes.substr(0, take)) {
      if (seen + take < bom.size()) {
        pending_.append(bytes.substr(0, take));
        return true;
      }
      pending_.clear();
      bytes.remove_prefix(take);
    } else if (seen > 0) {
      // It looked like a BOM but was not: the held bytes are content.
      std::string held = std::move(pending_);
      pending_.clear();
      bom_checked_ = true;
      if (!feed(held, on_event)) return false;
    }
    bom_checked_ = true;
  }
  while (!bytes.empty()) {
    if (after_cr_) {
      after_cr_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    const char* begin = bytes.data();
    const char* end = begin + bytes.size();
    // The line ends at the first '\n' or '\r'. Searching for '\r' only up to
    // the first '\n' keeps this linear however the stream is split.
    const void* nl = std::memchr(begin, '\n', bytes.size());
    const char* limit = nl ? static_cast<const char*>(nl) : end;
    const void* cr = std::memchr(begin, '\r', static_cast<size_t>(limit - begin));
    const char* eol = cr ? static_cast<const char*>(cr) : limit;
    if (eol == end) {
      // Checked before the bytes are kept: a line that never ends is the
      // endless event this bound is for.
      if (over_limit(pending_.size() + bytes.size())) return false;
      pending_.append(bytes);
      return true;
    }
    const size_t len = static_cast<size_t>(eol - begin);
    // A whole line is checked as its pieces would have been, so the verdict
    // does not depend on how the stream was cut.
    if (over_limit(pending_.size() + len)) return false;
    after_cr_ = *eol == '\r';
    bool keep_going;
    if (pending_.empty()) {
      keep_going = process_line(bytes.substr(0, len), on_event);
    } else {
      pending_.append(bytes.substr(0, len));
      std::string line = std::move(pending_);
      pending_.clear();
      keep_going = process_line(line, on_event);
    }
    bytes.remove_prefix(len + 1);
    if (!keep_going) return false;
  }
  return true;
}

bool SseParser::process_line(std::string_view line, const Callback& on_event) {
  if (line.empty()) {  // dispatch
    const bool had_event = in_event_;
    in_event_ = false;
    event_bytes_ = 0;
    if (!had_event || !has_data_) {
      current_ = SseEvent{};
      has_data_ = false;
      return true;
    }
    SseEvent event = std::move(current_);
    current_ = SseEvent{};
    has_data_ = false;
    return on_event(std::move(event));
  }
  if (line.front() == ':') return true;  // comment: not kept, so not counted
  in_event_ = true;
  event_bytes_ += line.size();
  std::string_view field = line;
  std::string_view value;
  if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (has_data_) current_.data += '\n';
    current_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    current_.event = std::string(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) current_.id = std::string(value);
  } else if (field == "retry") {
    long ms = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
    if (ec == std::errc() && ptr == value.data() + value.size()) current_.retry_ms = ms;
  }
  return true;
}

bool SseParser::finish() const { return !too_large_ && pending_.empty() && !in_event_; }

}  // namespace genai::internal
