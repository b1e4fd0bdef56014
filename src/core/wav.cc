// WAV reading (strict: a hostile file gets a clear error, never a crash or a
// read past its end) and resampling with libsamplerate, for the Live API.
#include <samplerate.h>

#include <cstdint>
#include <vector>

#include "core/errors.h"
#include "core/media_files.h"
#include "genai/audio.h"

namespace genai {
namespace {

std::uint32_t wav_le32(std::string_view s, size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}

std::uint16_t wav_le16(std::string_view s, size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    static_cast<unsigned char>(s[at + 1]) << 8);
}

Error wav_error(const std::string& what) {
  return internal::invalid_argument("not a usable WAV file: " + what,
                                    "Pass a 16-bit PCM WAV file (e.g. `ffmpeg -i in.mp3 -ac 1 -ar 16000 "
                                    "-sample_fmt s16 out.wav`).");
}

}  // namespace

Result<PcmAudio> PcmAudio::from_wav(std::string_view b) {
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE") {
    return wav_error("it does not start with a RIFF/WAVE header");
  }
  std::optional<PcmAudio> format;
  size_t at = 12;
  for (int chunks = 0; at + 8 <= b.size(); ++chunks) {
    if (chunks > 10'000) return wav_error("it has more than 10000 chunks");
    const std::string_view id = b.substr(at, 4);
    const std::uint32_t size = wav_le32(b, at + 4);
    const size_t body = at + 8;
    if (size > b.size() - body) {
      return wav_error("its \"" + std::string(id) + "\" chunk says " + std::to_string(size) + " bytes but only " +
                       std::to_string(b.size() - body) + " follow (a truncated file)");
    }
    if (id == "fmt ") {
      if (size < 16) return wav_error("its fmt chunk is " + std::to_string(size) + " bytes, fewer than 16");
      std::uint16_t tag = wav_le16(b, body);
      if (tag == 0xFFFE) {  // WAVE_FORMAT_EXTENSIBLE: the subformat GUID starts with the real tag
        if (size < 40) return wav_error("its extensible fmt chunk is shorter than 40 bytes");
        tag = wav_le16(b, body + 24);
      }
      const std::uint16_t channels = wav_le16(b, body + 2);
      const std::uint32_t rate = wav_le32(b, body + 4);
      const std::uint16_t align = wav_le16(b, body + 12);
      const std::uint16_t bits = wav_le16(b, body + 14);
      if (tag != 1) return wav_error("its samples are not PCM (format tag " + std::to_string(tag) + ")");
      if (bits != 16) return wav_error("it has " + std::to_string(bits) + "-bit samples; 16-bit is supported");
      if (channels == 0 || channels > 32) return wav_error(std::to_string(channels) + " channels");
      if (rate == 0 || rate > 768'000) return wav_error("a sample rate of " + std::to_string(rate) + " Hz");
      if (align != channels * 2) return wav_error("a block alignment that does not match its channels");
      format.emplace();
      format->sample_rate = static_cast<int>(rate);
      format->channels = channels;
    } else if (id == "data") {
      if (!format) return wav_error("its data chunk comes before its fmt chunk");
      const size_t frame = static_cast<size_t>(format->channels) * 2;
      format->samples.assign(b.substr(body, size - size % frame));
      return *format;
    }
    at = body + size + (size & 1);  // chunks are padded to an even size
  }
  return wav_error(format ? "it has no data chunk" : "it has no fmt chunk");
}

Result<PcmAudio> PcmAudio::load_wav(const std::string& path) {
  Result<std::string> bytes = internal::read_media_file(path, std::size_t{2} << 30);
  if (!bytes) return std::move(bytes).error();
  Result<PcmAudio> audio = from_wav(*bytes);
  if (!audio) {
    Error e = audio.error();
    e.message = path + " is " + e.message;
    return e;
  }
  return audio;
}

Result<PcmAudio> PcmAudio::resample(int rate, bool mono) const {
  if (rate <= 0 || rate > 768'000 || sample_rate <= 0 || channels <= 0) {
    return internal::invalid_argument("cannot resample " + std::to_string(sample_rate) + " Hz audio to " +
                                      std::to_string(rate) + " Hz");
  }
  const size_t frame = static_cast<size_t>(channels) * 2;
  const size_t frames = samples.size() / frame;
  const int out_channels = mono ? 1 : channels;
  std::vector<float> in(frames * static_cast<size_t>(out_channels));
  for (size_t f = 0; f < frames; ++f) {
    for (int c = 0; c < channels; ++c) {
      const size_t at = f * frame + static_cast<size_t>(c) * 2;
      const auto s = static_cast<std::int16_t>(wav_le16(samples, at));
      const float v = static_cast<float>(s) / 32768.0f;
      if (mono) {
        in[f] += v / static_cast<float>(channels);
      } else {
        in[f * static_cast<size_t>(channels) + static_cast<size_t>(c)] = v;
      }
    }
  }
  PcmAudio out;
  out.sample_rate = rate;
  out.channels = out_channels;
  if (frames == 0) return out;
  std::vector<float> converted;
  if (rate == sample_rate) {
    converted = std::move(in);
  } else {
    const double ratio = static_cast<double>(rate) / sample_rate;
    converted.resize((static_cast<size_t>(static_cast<double>(frames) * ratio) + 16) *
                     static_cast<size_t>(out_channels));
    SRC_DATA data{};
    data.data_in = in.data();
    data.input_frames = static_cast<long>(frames);
    data.data_out = converted.data();
    data.output_frames = static_cast<long>(converted.size() / static_cast<size_t>(out_channels));
    data.src_ratio = ratio;
    if (const int err = src_simple(&data, SRC_SINC_MEDIUM_QUALITY, out_channels); err != 0) {
      return internal::invalid_argument(std::string("resampling failed: ") + src_strerror(err));
    }
    converted.resize(static_cast<size_t>(data.output_frames_gen) * static_cast<size_t>(out_channels));
  }
  std::vector<short> pcm(converted.size());
  src_float_to_short_array(converted.data(), pcm.data(), static_cast<int>(converted.size()));
  out.samples.resize(pcm.size() * 2);
  for (size_t i = 0; i < pcm.size(); ++i) {  // little-endian, whatever the host
    const auto v = static_cast<std::uint16_t>(pcm[i]);
    out.samples[2 * i] = static_cast<char>(v & 0xff);
    out.samples[2 * i + 1] = static_cast<char>(v >> 8);
  }
  return out;
}

}  // namespace genai
