// The typed decoders of response bodies (json_types.h) on arbitrary JSON:
// they must never throw (a body of the wrong shape is an Error) nor crash,
// and the accessors of a decoded response must work on whatever was decoded.
// The fast reader (read_generate_content_response, no DOM) must read exactly
// what the DOM's reader reads, or leave the text to it. The contents an
// answer decodes to, sent back as a request (a chat's history), are written
// without a DOM to the JSON the DOM holds, or not at all (text not UTF-8).
// A Live API message reads the same from the tape as from the DOM.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/image_json.h"
#include "core/json_dump.h"
#include "core/json_parse.h"
#include "core/json_types.h"
#include "fuzz_check.h"
#include "json_same.h"
#include "response_same.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // As the client parses a body: nested no deeper than kMaxJsonDepth.
  const nlohmann::json j = genai::internal::parse_json(text);
  if (j.is_discarded()) return 0;

  namespace gi = genai::internal;
  for (bool whole : {false, true}) {
    std::string bytes(text);
    if (std::optional<genai::GenerateContentResponse> fast = gi::read_generate_content_response(bytes, whole)) {
      auto slow = whole ? gi::parse_generate_content_answer(j) : gi::parse_generate_content_response(j);
      FUZZ_CHECK(slow.ok(), "the fast reader read an answer the DOM's reader refuses");
      FUZZ_CHECK(genai_fuzz::json_same(genai_fuzz::typed_view(*fast), genai_fuzz::typed_view(*slow)),
                 "the fast reader read different typed members");
      FUZZ_CHECK(genai_fuzz::json_same(*fast->raw, j), "the fast reader's raw is not the body");
    } else {
      FUZZ_CHECK(bytes == text, "the fast reader took the bytes and gave nothing");
    }
  }
  // The same body as a Live API message: read from the tape exactly as from the DOM.
  {
    genai::Result<genai::LiveServerMessage> fast = gi::parse_live_server_message(std::string(text));
    genai::Result<genai::LiveServerMessage> slow = gi::parse_live_server_message(nlohmann::json(j));
    FUZZ_CHECK(fast.ok() == slow.ok(), "a Live message read one way and refused the other");
    if (fast.ok()) {
      FUZZ_CHECK(genai_fuzz::json_same(genai_fuzz::typed_view(*fast), genai_fuzz::typed_view(*slow)),
                 "a Live message read from the tape has different typed members");
      FUZZ_CHECK(genai_fuzz::json_same(*fast->raw, j), "a Live message's raw is not the message");
      (void)fast->text();
      (void)fast->audio();
    }
  }
  if (auto r = gi::parse_generate_content_response(j); r.ok()) {
    const genai::GenerateContentResponse& resp = r.value();
    std::vector<genai::Content> history;
    for (const genai::Candidate& c : resp.candidates) {
      if (c.content) history.push_back(*c.content);
    }
    const genai::GenerateContentConfig config;
    const std::optional<std::string> body = gi::write_generate_content_request(history, config, std::nullopt);
    FUZZ_CHECK(body.has_value(), "text read from JSON (so UTF-8) could not be written back");
    // Compared as sent: the DOM's text read back (a -0 in args is sent as 0
    // either way, and reads back as an unsigned 0).
    const std::string dom_text = gi::dump_json(gi::generate_content_request_body(history, config));
    FUZZ_CHECK(genai_fuzz::json_same(gi::parse_json(*body), gi::parse_json(dom_text)),
               "the request written without a DOM is not the DOM's");
    (void)resp.text();
    (void)resp.thoughts();
    (void)resp.function_calls();
    (void)resp.images();
  } else {
    (void)r.error().to_string();
  }
  if (auto r = gi::parse_generate_content_answer(j); r.ok()) {
    FUZZ_CHECK(!r->candidates.empty() || r->prompt_feedback, "an answer without candidates or promptFeedback passed");
  }
  (void)gi::parse_count_tokens_response(j);
  (void)gi::parse_embed_content_response(j);
  (void)gi::parse_vertex_embed_response(j);
  (void)gi::parse_model(j);
  (void)gi::parse_list_models_response(j);
  (void)gi::parse_generate_images_response(j);
  // The same JSON seen as the SSE chunk arrays some proxies send.
  if (j.is_array()) {
    for (const auto& item : j) (void)gi::parse_generate_content_response(item);
  }
  return 0;
}
