#include "client/response_stream.h"

#include <cstdint>
#include <deque>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_parse.h"
#include "core/json_types.h"
#include "transport/pipeline.h"
#include "transport/sse_parser.h"

namespace genai::internal {

Result<GenerateContentResponse> ChunkDecoder::decode(std::string data) {
  if (std::optional<GenerateContentResponse> fast = read_generate_content_response(data, false)) {
    ++chunks_;
    if (carries_answer(*fast)) answered_ = true;
    return std::move(*fast);
  }
  JsonParseFailure failure;
  nlohmann::json j = parse_json(data, &failure);
  if (failure == JsonParseFailure::kTooDeep) return json_too_deep("stream event " + std::to_string(chunks_ + 1), data.size());
  if (j.is_discarded()) {
    return transport_error("a stream event is not valid JSON (" + std::to_string(data.size()) + " bytes)",
                           "Retry; if it persists, check that the base URL points at a Gemini API endpoint.");
  }
  if (j.is_object() && j.contains("error")) return error_from_http(in_stream_error_code(j["error"]), data);
  ++chunks_;
  Result<GenerateContentResponse> chunk = parse_generate_content_response(std::move(j));
  if (chunk && carries_answer(*chunk)) answered_ = true;
  return chunk;
}

Result<void> ChunkDecoder::at_end() const {
  // Checked over the whole stream, not per chunk: a chunk may carry only
  // usageMetadata.
  if (!answered_) return no_gemini_answer("the streamed answer (" + std::to_string(chunks_) + " chunk(s))");
  return {};
}

namespace {

// Reads SSE events off the HTTP stream one network read at a time and turns
// each `data:` payload into a typed chunk. Google may also send an error as
// an event ({"error": {...}}) after a 200: that becomes the stream's last item.
class SseChunkReader {
 public:
  SseChunkReader(std::unique_ptr<HttpStream> http, std::size_t max_event_bytes, std::chrono::milliseconds idle)
      : http_(std::move(http)), parser_(max_event_bytes), max_event_bytes_(max_event_bytes), idle_(idle) {}

  std::optional<Result<GenerateContentResponse>> next() {
    // Armed when the caller asks for an event, not when the last one came:
    // time the caller spends on a chunk is not the server's silence. It
    // replaces the call's deadline, which bounded the wait for the first.
    std::optional<std::chrono::steady_clock::time_point> idle_deadline;
    if (ready_.empty() && !ended_) {
      if (idle_.count() > 0) idle_deadline = std::chrono::steady_clock::now() + idle_;
      http_->set_deadline(idle_deadline);
    }
    while (ready_.empty()) {
      if (ended_) return std::nullopt;
      if (parser_.too_large()) {
        // After the events that came before it, as a cut stream would be.
        ended_ = true;
        http_->cancel();
        return Result<GenerateContentResponse>(
            event_too_large(decoder_.chunks(), http_->status(), max_event_bytes_, parser_.event_bytes()));
      }
      Result<std::optional<std::string>> bytes = http_->read();
      if (!bytes) {
        ended_ = true;
        Error e = std::move(bytes).error();
        if (e.kind == ErrorKind::kTransport && idle_deadline && std::chrono::steady_clock::now() >= *idle_deadline) {
          http_->cancel();
          return Result<GenerateContentResponse>(stream_idle_timeout(idle_, decoder_.chunks(), e.message));
        }
        return Result<GenerateContentResponse>(stream_cut(std::move(e), decoder_.chunks()));
      }
      if (!*bytes) {
        ended_ = true;
        if (!parser_.finish()) {
          return Result<GenerateContentResponse>(stream_ended_early(decoder_.chunks(), true));
        }
        if (Result<void> end = decoder_.at_end(); !end) return Result<GenerateContentResponse>(std::move(end).error());
        return std::nullopt;
      }
      parser_.feed(**bytes, [this](SseEvent&& event) {
        ready_.push_back(std::move(event.data));
        return true;
      });
    }
    std::string data = std::move(ready_.front());
    ready_.pop_front();
    Result<GenerateContentResponse> chunk = decoder_.decode(std::move(data));
    if (!chunk) ended_ = true;
    return chunk;
  }

  void cancel() { http_->cancel(); }

 private:
  std::unique_ptr<HttpStream> http_;
  SseParser parser_;
  std::size_t max_event_bytes_;
  std::chrono::milliseconds idle_;
  std::deque<std::string> ready_;
  bool ended_ = false;
  ChunkDecoder decoder_;
};

}  // namespace

Stream<GenerateContentResponse> make_response_stream(std::unique_ptr<HttpStream> http, std::size_t max_event_bytes,
                                                     std::chrono::milliseconds idle) {
  auto reader = std::make_shared<SseChunkReader>(std::move(http), max_event_bytes, idle);
  return Stream<GenerateContentResponse>([reader] { return reader->next(); }, [reader] { reader->cancel(); });
}

}  // namespace genai::internal
