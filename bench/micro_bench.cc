// Microbenchmarks of the streaming and decoding hot paths, on one core:
//   - SSE framing: the internal SseParser fed a realistic Gemini stream in
//     16 KiB slices (what a network read delivers), events counted;
//   - SSE -> typed chunks: the same bytes through make_response_stream (the
//     code behind generate_content_stream): framing + JSON parse + mapping to
//     GenerateContentResponse;
//   - a large (1 MiB of text) generateContent body: JSON parse + mapping;
//   - per request: a small generateContent answer (Google's bytes) decoded,
//     and a one-prompt request body encoded;
//   - base64 both ways on 0.6 s of 24 kHz audio (28.8 KB of PCM), the size of
//     a Live API audio message.
// Each reports bytes/s of input. The events are Google's verbatim bytes
// (tests/data/wire/stream-sse.txt: `data: <json>\r\n\r\n`) repeated to ~8 MiB.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "client/response_stream.h"
#include "core/base64.h"
#include "core/json_parse.h"
#include "core/json_types.h"
#include "genai/http.h"
#include "genai/options.h"
#include "tests/support/memory_stream.h"
#include "transport/sse_parser.h"

namespace {

constexpr size_t kChunk = 16 * 1024;
constexpr size_t kStreamBytes = 8u << 20;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// ~8 MiB of Google's SSE events (each about 0.5-1 KB, as in a real stream).
const std::string& sse_stream() {
  static const std::string stream = [] {
    const std::string sample = read_file(std::string(GENAI_WIRE_DIR) + "/stream-sse.txt");
    std::string s;
    s.reserve(kStreamBytes + sample.size());
    while (s.size() < kStreamBytes) s += sample;
    return s;
  }();
  return stream;
}

size_t count_events(const std::string& s) {
  size_t n = 0;
  for (size_t p = s.find("\r\n\r\n"); p != std::string::npos; p = s.find("\r\n\r\n", p + 4)) ++n;
  return n;
}

void BM_SseFraming(benchmark::State& state) {
  const std::string& s = sse_stream();
  const std::string_view all(s);
  size_t events = 0, data_bytes = 0;
  for (auto _ : state) {
    genai::internal::SseParser parser;
    for (size_t off = 0; off < all.size(); off += kChunk) {
      parser.feed(all.substr(off, kChunk), [&](genai::internal::SseEvent&& e) {
        ++events;
        data_bytes += e.data.size();
        return true;
      });
    }
    if (!parser.finish()) state.SkipWithError("stream did not end cleanly");
    benchmark::DoNotOptimize(data_bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.size()));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SseFraming)->Unit(benchmark::kMillisecond);

using genai::testing::MemoryStream;

void BM_SseToTypedChunks(benchmark::State& state) {
  const std::string& s = sse_stream();
  const size_t expected = count_events(s);
  size_t text_bytes = 0;
  for (auto _ : state) {
    auto stream = genai::internal::make_response_stream(std::make_unique<MemoryStream>(s, kChunk),
                                                        genai::HttpOptions{}.max_event_bytes);
    size_t chunks = 0;
    for (auto& chunk : stream) {
      if (!chunk) {
        state.SkipWithError(chunk.error().message.c_str());
        break;
      }
      text_bytes += chunk->candidates.empty() ? 0 : chunk->candidates[0].content ? 1 : 0;
      ++chunks;
    }
    if (chunks != expected) state.SkipWithError("wrong number of chunks");
    benchmark::DoNotOptimize(text_bytes);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * s.size()));
  state.counters["chunks/s"] =
      benchmark::Counter(static_cast<double>(expected * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SseToTypedChunks)->Unit(benchmark::kMillisecond);

// A generateContent body with 1 MiB of text in total, split into
// `state.range(0)` text parts (1 = one big part; 1024 = 1 KiB parts).
std::string large_response(int parts) {
  const size_t per_part = (1u << 20) / static_cast<size_t>(parts);
  std::string unit = "The quick brown fox jumps over the lazy dog. \"Quoted\", caf\u00e9 \u2014 line\n";
  nlohmann::json ps = nlohmann::json::array();
  for (int i = 0; i < parts; ++i) {
    std::string t;
    while (t.size() < per_part) t += unit;
    t.resize(per_part);
    while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();  // whole UTF-8
    if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
    ps.push_back({{"text", t}});
  }
  nlohmann::json j = {
      {"candidates", {{{"content", {{"parts", ps}, {"role", "model"}}}, {"finishReason", "STOP"}, {"index", 0}}}},
      {"usageMetadata", {{"promptTokenCount", 29}, {"candidatesTokenCount", 262144}, {"totalTokenCount", 262173}}},
      {"modelVersion", "gemini-2.5-flash"},
      {"responseId", "EdDHavuSDILGjMcPvefFoQg"}};
  return j.dump();
}

void BM_DecodeLargeResponse(benchmark::State& state) {
  const std::string body = large_response(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    // What the client does with a generateContent body (api_client.cc, models.cc).
    nlohmann::json j = genai::internal::parse_json(body);
    auto r = genai::internal::parse_generate_content_response(std::move(j));
    if (!r) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_DecodeLargeResponse)->Arg(1)->Arg(1024)->Unit(benchmark::kMillisecond);

// The JSON parse alone, to tell parsing from mapping.
void BM_JsonParseOnly(benchmark::State& state) {
  const std::string body = large_response(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    nlohmann::json j = genai::internal::parse_json(body);
    benchmark::DoNotOptimize(j);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_JsonParseOnly)->Arg(1)->Arg(1024)->Unit(benchmark::kMillisecond);

// nlohmann::json::parse on the same bytes: what parse_json replaced.
void BM_NlohmannParseOnly(benchmark::State& state) {
  const std::string body = large_response(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    benchmark::DoNotOptimize(j);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_NlohmannParseOnly)->Arg(1)->Arg(1024)->Unit(benchmark::kMillisecond);

// One typical small answer: Google's indented generateContent body
// (tests/data/wire/generate-content-response.json), decoded into the typed
// response. Arg 0: nlohmann's parser + the DOM mapping, for comparison;
// arg 1: parse_json + the DOM mapping (the path of answers the tape does not
// take); arg 2: read_generate_content_response, the tape and no DOM, as the
// client reads every generateContent answer and stream chunk.
void BM_DecodeSmallResponse(benchmark::State& state) {
  const std::string body = read_file(std::string(GENAI_WIRE_DIR) + "/generate-content-response.json");
  const int64_t path = state.range(0);
  for (auto _ : state) {
    if (path == 2) {
      std::string text = body;
      auto r = genai::internal::read_generate_content_response(text, true);
      if (!r) state.SkipWithError("the tape did not read the answer");
      benchmark::DoNotOptimize(r);
      continue;
    }
    nlohmann::json j = path == 1 ? genai::internal::parse_json(body)
                                 : nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    auto r = genai::internal::parse_generate_content_response(std::move(j));
    if (!r) state.SkipWithError(r.error().message.c_str());
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * body.size()));
}
BENCHMARK(BM_DecodeSmallResponse)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

// The body of a one-prompt generateContent request, as generate_content
// writes it for every request: arg 0 through the DOM (config -> JSON ->
// bytes, the way of bodies with text that is not UTF-8), arg 1 written
// straight to bytes (write_generate_content_request, the usual way). Args 2
// and 3: the same with a 4 MiB image inline (bytes/s of body written).
void BM_EncodeRequest(benchmark::State& state) {
  std::vector<genai::Content> contents = {genai::Content::from_text("Write one sentence about the sea.")};
  if (state.range(0) >= 2) contents[0].parts.push_back(genai::Part::from_bytes(std::string(3u << 20, 'x'), "image/png"));
  const genai::GenerateContentConfig config;
  const bool direct = state.range(0) % 2 == 1;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string body = direct ? *genai::internal::write_generate_content_request(contents, config, std::nullopt)
                              : genai::internal::generate_content_request_body(contents, config).dump();
    bytes += body.size();
    benchmark::DoNotOptimize(body);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EncodeRequest)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMicrosecond);

std::string pcm_bytes(size_t n) {
  std::string pcm(n, '\0');
  for (size_t i = 0; i < n; ++i) pcm[i] = static_cast<char>((i * 2654435761u) >> 13);
  return pcm;
}

void BM_Base64Decode(benchmark::State& state) {
  const std::string text = genai::internal::base64_encode(pcm_bytes(28800));
  std::string out;
  for (auto _ : state) {
    out.clear();
    if (!genai::internal::base64_decode_append(text, out)) state.SkipWithError("not base64");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Base64Decode)->Unit(benchmark::kMicrosecond);

void BM_Base64Encode(benchmark::State& state) {
  const std::string pcm = pcm_bytes(28800);
  for (auto _ : state) {
    std::string text = genai::internal::base64_encode(pcm);
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * pcm.size()));
}
BENCHMARK(BM_Base64Encode)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
