// Speech output: Gemini's TTS models answer with raw 16-bit PCM (inline data
// "audio/L16;codec=pcm;rate=24000"), which no player opens as it is. PcmAudio
// holds those samples and saves them as a WAV file. For the Live API it also
// reads WAV files and resamples (its input is 16 kHz, its output 24 kHz):
//
//   auto in = genai::PcmAudio::load_wav("question.wav").value().resample(16000).value();
//   session->send_realtime_input(genai::LiveRealtimeInput::pcm(in.samples));
//
//   genai::GenerateContentConfig cfg;
//   cfg.response_modalities = {"AUDIO"};
//   cfg.speech_config = genai::SpeechConfig{genai::VoiceConfig::prebuilt("Kore")};
//   auto r = client.models().generate_content("gemini-2.5-flash-preview-tts", "Say hello", cfg);
//   if (auto audio = r.value().audio()) audio->save_wav("hello.wav").value();
#ifndef GENAI_AUDIO_H_
#define GENAI_AUDIO_H_

#include <optional>
#include <string>
#include <string_view>

#include "genai/result.h"

namespace genai {

// Signed 16-bit little-endian PCM samples (interleaved when channels > 1).
struct PcmAudio {
  std::string samples;  // raw bytes, not base64
  int sample_rate = 24000;
  int channels = 1;

  // A WAV (RIFF, PCM format 1, 16 bits per sample) file's bytes.
  std::string to_wav() const;
  // to_wav() written atomically (as Image::save): a temporary file renamed
  // over `path`; with overwrite=false an existing `path` is an error.
  Result<void> save_wav(const std::string& path, bool overwrite = true) const;

  // A WAV file's bytes parsed: RIFF/WAVE with a PCM fmt chunk (format 1, or
  // WAVE_FORMAT_EXTENSIBLE with the PCM subformat) of 16 bits per sample;
  // other chunks are skipped. A file that is not that (compressed, 8/24/32
  // bits, float, truncated, chunk sizes that lie) is an invalid-argument
  // Error saying what is wrong. load_wav reads `path` (at most 2 GiB) first.
  static Result<PcmAudio> from_wav(std::string_view bytes);
  static Result<PcmAudio> load_wav(const std::string& path);
  // These samples at `rate` Hz (libsamplerate's sinc converter), mixed down
  // to one channel when `mono`: 16 kHz mono for the Live API's input, or the
  // 24 kHz of its output to whatever a device plays.
  Result<PcmAudio> resample(int rate, bool mono = true) const;

  bool operator==(const PcmAudio&) const = default;
};

// The sample rate a PCM MIME type names ("audio/L16;codec=pcm;rate=24000",
// "audio/pcm;rate=16000"); nullopt when it names none.
std::optional<int> pcm_sample_rate(std::string_view mime_type);

}  // namespace genai

#endif  // GENAI_AUDIO_H_
