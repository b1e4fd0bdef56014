// The Live API benchmark's libgenai client (bench/run.sh; the official SDK's
// twin is bench/node/live.mjs, same flags, same JSON line).
//
// Two phases against one genai-emulator, each on its own session:
//  1. text: `--turns` sequential text turns (after `--warmup`), each timed
//     from send_client_content to the first serverContent with model output
//     and to turnComplete;
//  2. audio: `--utterances` spoken turns, each `--speech-ms` of 16 kHz PCM
//     (a tone loud enough for the emulator's voice activity detection) then
//     700 ms of silence, sent as 100 ms send_realtime_input chunks as fast as
//     the socket takes them; the model's 24 kHz audio answer is received and
//     decoded to PCM until turnComplete. The process's CPU (user+sys, all
//     threads) over the phase, divided by the seconds of audio sent plus
//     received, is the CPU per second of streamed audio.
//
//   GEMINI_API_KEY=... genai_live_bench --base http://127.0.0.1:PORT
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <genai/genai.h>

#include "bench_common.h"

namespace {

struct LiveFlags {
  std::string base_url;
  std::string model = "gemini-live-2.5-flash-preview";
  int turns = 100;
  int warmup = 5;
  int utterances = 20;
  int speech_ms = 2000;
};

LiveFlags parse_live_flags(int argc, char** argv) {
  LiveFlags f;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--base") f.base_url = v;
    else if (k == "--model") f.model = v;
    else if (k == "--turns") f.turns = std::atoi(v.c_str());
    else if (k == "--warmup") f.warmup = std::atoi(v.c_str());
    else if (k == "--utterances") f.utterances = std::atoi(v.c_str());
    else if (k == "--speech-ms") f.speech_ms = std::atoi(v.c_str());
    else {
      std::fprintf(stderr, "unknown flag %s\n", k.c_str());
      std::exit(2);
    }
  }
  if (f.base_url.empty() || f.turns <= 0 || f.utterances <= 0 || f.speech_ms <= 0) {
    std::fprintf(stderr,
                 "usage: %s --base URL [--turns N] [--warmup W] [--utterances U] [--speech-ms MS]"
                 "  (key in GEMINI_API_KEY)\n",
                 argv[0]);
    std::exit(2);
  }
  return f;
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "error: %s\n", what.c_str());
  std::exit(1);
}

template <typename T>
T value_or_fail(genai::Result<T> r, const char* what) {
  if (!r) fail(std::string(what) + ": " + r.error().to_string());
  return std::move(*r);
}
void ok_or_fail(const genai::Result<void>& r, const char* what) {
  if (!r) fail(std::string(what) + ": " + r.error().to_string());
}

// Receives until turnComplete; calls on_message for each message before it.
template <typename F>
void until_turn_complete(genai::LiveSession& session, F&& on_message) {
  for (;;) {
    std::optional<genai::LiveServerMessage> m = value_or_fail(session.receive(), "receive");
    if (!m) fail("the session ended before turnComplete");
    on_message(*m);
    if (m->server_content && m->server_content->turn_complete.value_or(false)) return;
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// 16-bit little-endian mono PCM: `ms` of a 220 Hz tone, then `silence_ms`.
std::string utterance_pcm(int rate, int ms, int silence_ms) {
  const int voiced = rate * ms / 1000, total = voiced + rate * silence_ms / 1000;
  std::string pcm(static_cast<size_t>(total) * 2, '\0');
  for (int i = 0; i < voiced; ++i) {
    const auto s = static_cast<int16_t>(8000.0 * std::sin(2.0 * M_PI * 220.0 * i / rate));
    pcm[2 * static_cast<size_t>(i)] = static_cast<char>(s & 0xff);
    pcm[2 * static_cast<size_t>(i) + 1] = static_cast<char>((s >> 8) & 0xff);
  }
  return pcm;
}

}  // namespace

int main(int argc, char** argv) {
  const LiveFlags f = parse_live_flags(argc, argv);
  genai::ClientOptions options;
  options.api_key = bench::api_key();
  options.use_environment = false;
  options.http_options.base_url = f.base_url;
  genai::Client client = value_or_fail(genai::Client::create(options), "client");
  const double start_ms = bench::now_ms();

  // 1. Text turns.
  genai::LiveConnectConfig text_config;
  text_config.response_modalities = {"TEXT"};
  auto text = value_or_fail(client.live().connect(f.model, text_config), "connect");
  std::vector<double> first_ms, total_ms;
  for (int i = 0; i < f.warmup + f.turns; ++i) {
    const double t0 = bench::now_ms();
    double first = -1;
    ok_or_fail(text->send_client_content({genai::Content::from_text("Tell me about the sea, part " +
                                                                        std::to_string(i) + ".")}),
                  "send_client_content");
    until_turn_complete(*text, [&](const genai::LiveServerMessage& m) {
      if (first < 0 && m.text()) first = bench::now_ms() - t0;
    });
    if (first < 0) fail("a text turn had no text");
    if (i >= f.warmup) {
      first_ms.push_back(first);
      total_ms.push_back(bench::now_ms() - t0);
    }
  }
  text->close();

  // 2. Audio in and out.
  genai::LiveConnectConfig audio_config;
  audio_config.response_modalities = {"AUDIO"};
  auto audio = value_or_fail(client.live().connect(f.model, audio_config), "connect (audio)");
  constexpr int kInRate = 16000, kChunkMs = 100, kOutRate = 24000;
  const std::string pcm = utterance_pcm(kInRate, f.speech_ms, 700);
  const size_t chunk_bytes = kInRate * kChunkMs / 1000 * 2;
  size_t bytes_out = 0;
  const bench::Cpu cpu0 = bench::process_cpu();
  const double audio_t0 = bench::now_ms();
  for (int u = 0; u < f.utterances; ++u) {
    for (size_t at = 0; at < pcm.size(); at += chunk_bytes) {
      const std::string_view chunk = std::string_view(pcm).substr(at, chunk_bytes);
      ok_or_fail(audio->send_realtime_input(genai::LiveRealtimeInput::pcm(chunk, kInRate)), "send_realtime_input");
    }
    until_turn_complete(*audio, [&](const genai::LiveServerMessage& m) {
      if (auto a = m.audio()) bytes_out += a->samples.size();
    });
  }
  const bench::Cpu cpu = bench::process_cpu() - cpu0;
  const double audio_wall = bench::now_ms() - audio_t0;
  audio->close();
  if (bytes_out == 0) fail("no audio came back");
  const double seconds_in = static_cast<double>(pcm.size()) * f.utterances / (2.0 * kInRate);
  const double seconds_out = static_cast<double>(bytes_out) / (2.0 * kOutRate);
  std::printf(
      "{\"client\":\"genai-cpp\",\"turns\":%d,\"first_ms_median\":%.3f,\"total_ms_median\":%.3f,"
      "\"audio_seconds_in\":%.1f,\"audio_seconds_out\":%.1f,\"audio_cpu_us\":%lld,\"audio_sys_us\":%lld,"
      "\"cpu_us_per_audio_second\":%.1f,\"audio_wall_ms\":%.1f,\"wall_ms\":%.1f,\"max_rss_kb\":%ld}\n",
      f.turns, median(first_ms), median(total_ms), seconds_in, seconds_out, static_cast<long long>(cpu.total()),
      static_cast<long long>(cpu.sys_us), static_cast<double>(cpu.total()) / (seconds_in + seconds_out), audio_wall,
      bench::now_ms() - start_ms, bench::max_rss_kb());
  return 0;
}
