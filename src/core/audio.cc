// Speech output: the audio parts of a response, and the WAV container that
// makes Gemini's raw 16-bit PCM playable.
#include "genai/audio.h"

#include <charconv>
#include <cstdint>

#include "core/atomic_file.h"
#include "core/base64.h"
#include "core/errors.h"
#include "genai/types.h"

namespace genai {

namespace {

void append_le(std::string& out, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool is_audio(const Part& p) { return p.inline_data && p.inline_data->mime_type.rfind("audio/", 0) == 0; }

}  // namespace

std::string PcmAudio::to_wav() const {
  const std::uint32_t data_size = static_cast<std::uint32_t>(samples.size());
  const std::uint32_t block_align = static_cast<std::uint32_t>(channels) * 2;
  std::string out;
  out.reserve(44 + samples.size());
  out += "RIFF";
  append_le(out, 36 + data_size, 4);
  out += "WAVEfmt ";
  append_le(out, 16, 4);  // the fmt chunk's size
  append_le(out, 1, 2);   // PCM
  append_le(out, static_cast<std::uint32_t>(channels), 2);
  append_le(out, static_cast<std::uint32_t>(sample_rate), 4);
  append_le(out, static_cast<std::uint32_t>(sample_rate) * block_align, 4);  // bytes per second
  append_le(out, block_align, 2);
  append_le(out, 16, 2);  // bits per sample
  out += "data";
  append_le(out, data_size, 4);
  out += samples;
  return out;
}

Result<void> PcmAudio::save_wav(const std::string& path, bool overwrite) const {
  if (sample_rate <= 0 || channels <= 0 || samples.size() % (2 * static_cast<size_t>(channels)) != 0) {
    return internal::invalid_argument("the audio to save to " + path + " is not whole 16-bit frames (" +
                                          std::to_string(samples.size()) + " bytes, " + std::to_string(channels) +
                                          " channel(s), " + std::to_string(sample_rate) + " Hz)",
                                      "Pass the samples as signed 16-bit little-endian PCM.");
  }
  return internal::write_file_atomically(path, to_wav(), overwrite);
}

std::optional<int> pcm_sample_rate(std::string_view mime_type) {
  for (size_t at = mime_type.find("rate="); at != std::string_view::npos; at = mime_type.find("rate=", at + 1)) {
    if (at > 0 && mime_type[at - 1] != ';' && mime_type[at - 1] != ' ') continue;
    int rate = 0;
    const char* begin = mime_type.data() + at + 5;
    const char* end = mime_type.data() + mime_type.size();
    auto [next, ec] = std::from_chars(begin, end, rate);
    if (ec == std::errc() && next != begin && rate > 0) return rate;
  }
  return std::nullopt;
}

std::vector<Blob> GenerateContentResponse::audio_parts() const {
  std::vector<Blob> out;
  if (candidates.empty() || !candidates[0].content) return out;
  for (const Part& p : candidates[0].content->parts) {
    if (is_audio(p)) out.push_back(*p.inline_data);
  }
  return out;
}

std::optional<PcmAudio> GenerateContentResponse::audio() const {
  std::optional<PcmAudio> out;
  for (const Blob& b : audio_parts()) {
    std::optional<std::string> bytes = internal::base64_decode(b.data);
    if (!bytes) continue;
    if (!out) {
      out.emplace();
      out->sample_rate = pcm_sample_rate(b.mime_type).value_or(24000);
    }
    out->samples += *bytes;
  }
  return out;
}

}  // namespace genai
