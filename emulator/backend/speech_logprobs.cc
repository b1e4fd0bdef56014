#include "emulator/backend/speech_logprobs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string_view>
#include <vector>

#include "emulator/backend/generator.h"

namespace genai::emulator {

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start + 1);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

namespace {

using ojson = nlohmann::ordered_json;

void put_sample(std::string& out, double v) {
  const auto s = static_cast<std::int16_t>(std::lround(std::clamp(v, -1.0, 1.0) * 32767.0));
  out += static_cast<char>(static_cast<std::uint16_t>(s) & 0xff);
  out += static_cast<char>((static_cast<std::uint16_t>(s) >> 8) & 0xff);
}

constexpr std::array<std::string_view, 8> kAlternatives = {" the", " a", " and", " of", " to", " it", " is", " in"};

ojson logprob_candidate(const std::string& token, double lp) {
  const std::int64_t id = static_cast<std::int64_t>(TextGenerator::hash(token, 17) % 256000);
  return ojson{{"token", token}, {"tokenId", id}, {"logProbability", lp}};
}

}  // namespace

std::string speech_pcm(const std::string& text, const std::string& voice) {
  const double pitch = 160.0 + static_cast<double>(TextGenerator::hash(voice, 5) % 240);
  const int tone = kSpeechSampleRate * 12 / 100;
  const int gap = kSpeechSampleRate * 3 / 100;
  std::string out;
  int words = 0;
  for (const std::string& w : tokens_of(text)) {
    if (++words > 80) break;
    // Each word a little higher or lower, as speech rises and falls.
    const double f = pitch * (1.0 + static_cast<double>(TextGenerator::hash(w, 3) % 5) / 20.0);
    for (int i = 0; i < tone; ++i) {
      const double envelope = std::min({1.0, i / 240.0, (tone - i) / 240.0});  // no clicks
      put_sample(out, 0.3 * envelope * std::sin(2.0 * std::numbers::pi * f * i / kSpeechSampleRate));
    }
    out.append(static_cast<size_t>(gap) * 2, '\0');
  }
  return out;
}

ojson logprobs_result(const std::string& text, int top, std::uint64_t seed, double* avg) {
  ojson chosen = ojson::array();
  ojson tops = ojson::array();
  double sum = 0;
  const std::vector<std::string> tokens = tokens_of(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::uint64_t h = TextGenerator::hash(tokens[i] + "#" + std::to_string(i), seed);
    const double lp = -static_cast<double>(h % 500) / 1000.0;
    sum += lp;
    chosen.push_back(logprob_candidate(tokens[i], lp));
    if (top <= 0) continue;
    ojson step = ojson::array({logprob_candidate(tokens[i], lp)});
    for (int k = 1; k < top; ++k) {
      const std::string alt(kAlternatives[(h / 7 + static_cast<std::uint64_t>(k)) % kAlternatives.size()]);
      step.push_back(logprob_candidate(alt == tokens[i] ? alt + "s" : alt, lp - 1.0 - 0.7 * k));
    }
    tops.push_back(ojson{{"candidates", std::move(step)}});
  }
  if (avg) *avg = tokens.empty() ? 0.0 : sum / static_cast<double>(tokens.size());
  ojson out;
  if (top > 0) out["topCandidates"] = std::move(tops);
  out["chosenCandidates"] = std::move(chosen);
  out["logProbabilitySum"] = sum;
  return out;
}

}  // namespace genai::emulator
