// PcmAudio::from_wav / load_wav (strict, hostile files get clear errors) and
// resample (libsamplerate): the Live API's audio helpers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>

#include "genai/audio.h"

namespace genai {
namespace {

std::string le(std::uint32_t v, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}

// A WAV built by hand: fmt fields as given, then `extra` chunks, then data.
std::string wav(int tag, int channels, int rate, int bits, const std::string& data, const std::string& extra = "") {
  std::string fmt = le(tag, 2) + le(channels, 2) + le(rate, 4) + le(rate * channels * bits / 8, 4) +
                    le(channels * bits / 8, 2) + le(bits, 2);
  std::string body = "WAVE" + std::string("fmt ") + le(16, 4) + fmt + extra + "data" + le(data.size(), 4) + data;
  return "RIFF" + le(body.size(), 4) + body;
}

std::string sine(int rate, double freq, double seconds, int channels = 1) {
  std::string out;
  const int n = static_cast<int>(rate * seconds);
  for (int i = 0; i < n; ++i) {
    const auto v = static_cast<std::int16_t>(std::lround(12000 * std::sin(2 * M_PI * freq * i / rate)));
    for (int c = 0; c < channels; ++c) out += le(static_cast<std::uint16_t>(v), 2);
  }
  return out;
}

int zero_crossings(const PcmAudio& a) {
  int crossings = 0;
  int prev = 0;
  for (size_t i = 0; i + 1 < a.samples.size(); i += 2 * a.channels) {
    const auto v = static_cast<std::int16_t>(static_cast<unsigned char>(a.samples[i]) |
                                             static_cast<unsigned char>(a.samples[i + 1]) << 8);
    const int sign = v > 0 ? 1 : v < 0 ? -1 : 0;
    if (sign != 0 && prev != 0 && sign != prev) ++crossings;
    if (sign != 0) prev = sign;
  }
  return crossings;
}

TEST(AudioWav, ReadsWhatSaveWavWritesAndSkipsOtherChunks) {
  PcmAudio a;
  a.samples = sine(24000, 440, 0.1);
  a.sample_rate = 24000;
  auto back = PcmAudio::from_wav(a.to_wav());
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(*back, a);
  // A LIST chunk of odd size (padded) before the data.
  auto listed = PcmAudio::from_wav(wav(1, 2, 16000, 16, std::string(8, '\1'), "LIST" + le(3, 4) + "abc" + '\0'));
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  EXPECT_EQ(listed->channels, 2);
  EXPECT_EQ(listed->sample_rate, 16000);
  EXPECT_EQ(listed->samples, std::string(8, '\1'));
}

TEST(AudioWav, HostileFilesGetClearErrors) {
  const auto message = [](const std::string& bytes) {
    auto r = PcmAudio::from_wav(bytes);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.error().message;
  };
  EXPECT_NE(message("not a wav").find("RIFF/WAVE"), std::string::npos);
  EXPECT_NE(message(wav(1, 1, 16000, 24, "abc")).find("24-bit"), std::string::npos);
  EXPECT_NE(message(wav(3, 1, 16000, 32, "abcd")).find("not PCM"), std::string::npos);
  EXPECT_NE(message(wav(1, 0, 16000, 16, "")).find("0 channels"), std::string::npos);
  std::string truncated = wav(1, 1, 16000, 16, std::string(100, 'x'));
  truncated.resize(truncated.size() - 50);
  EXPECT_NE(message(truncated).find("truncated"), std::string::npos);
  std::string lying = wav(1, 1, 16000, 16, "ab");
  lying.replace(16, 4, le(0xFFFFFFF0u, 4));  // the fmt chunk's size
  EXPECT_NE(message(lying).find("truncated"), std::string::npos);
  EXPECT_NE(message("RIFF" + le(4, 4) + "WAVE").find("no fmt chunk"), std::string::npos);
  EXPECT_NE(message("RIFF" + le(12, 4) + "WAVEdata" + le(0, 4)).find("before its fmt"), std::string::npos);
  auto missing = PcmAudio::load_wav("/nonexistent/in.wav");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/in.wav"), std::string::npos);
}

TEST(AudioWav, ResamplesKeepingThePitchAndMixesStereoDown) {
  PcmAudio a;
  a.sample_rate = 48000;
  a.channels = 2;
  a.samples = sine(48000, 440, 0.5, 2);
  auto r = a.resample(16000);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->sample_rate, 16000);
  EXPECT_EQ(r->channels, 1);
  const size_t frames = r->samples.size() / 2;
  EXPECT_NEAR(static_cast<double>(frames), 8000.0, 100.0);
  // 440 Hz for 0.5 s crosses zero about 440 times, whatever the rate.
  EXPECT_NEAR(zero_crossings(*r), 440, 6);
  auto up = r->resample(24000);
  ASSERT_TRUE(up.ok());
  EXPECT_NEAR(static_cast<double>(up->samples.size() / 2), 12000.0, 150.0);
  EXPECT_NEAR(zero_crossings(*up), 440, 6);
  EXPECT_FALSE(a.resample(0).ok());
}

}  // namespace
}  // namespace genai
