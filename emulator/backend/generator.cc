#include "emulator/backend/generator.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace genai::emulator {
namespace {

constexpr std::array<std::string_view, 48> kWords = {
    "light", "model", "answer", "sky", "river", "careful", "quietly", "bright", "signal", "pattern",
    "system", "question", "simple", "because", "between", "morning", "window", "garden", "reason", "gentle",
    "engine", "stream", "token", "forest", "ocean", "clear", "measure", "thread", "steady", "shadow",
    "little", "across", "silver", "number", "under", "always", "moment", "record", "mountain", "story",
    "scatter", "blue", "longer", "waves", "small", "through", "weather", "world"};

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TextGenerator::TextGenerator(std::uint64_t seed) : seed_(seed) {}

std::uint64_t TextGenerator::hash(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ULL ^ seed;  // FNV-1a
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h == 0 ? 1 : h;
}

std::vector<std::string_view> TextGenerator::tokenize(std::string_view text) {
  std::vector<std::string_view> tokens;
  const auto word_byte = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (word_byte(c)) {
      size_t j = i;
      while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
      for (size_t at = i; at < j; at += 4) tokens.push_back(text.substr(at, std::min<size_t>(4, j - at)));
      i = j;
    } else {
      tokens.push_back(text.substr(i, 1));
      ++i;
    }
  }
  return tokens;
}

int64_t TextGenerator::count_tokens(std::string_view text) { return static_cast<int64_t>(tokenize(text).size()); }

int64_t TextGenerator::token_id(std::string_view token) {
  constexpr std::uint64_t kVocabulary = 256'000;  // Gemini's vocabulary size
  return static_cast<int64_t>(hash(token, 0) % kVocabulary);
}

Generation TextGenerator::generate(std::string_view request_key, int max_tokens,
                                   const std::vector<std::string>& stop_sequences) const {
  Xorshift64Star rng{hash(request_key, seed_)};
  const int sentences = 2 + static_cast<int>(rng.next() % 4);
  std::string text;
  for (int s = 0; s < sentences; ++s) {
    const int words = 6 + static_cast<int>(rng.next() % 9);
    for (int w = 0; w < words; ++w) {
      std::string word(kWords[rng.next() % kWords.size()]);
      if (w == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      if (!text.empty()) text += ' ';
      text += word;
    }
    text += '.';
  }
  Generation g{text, "STOP", 0};
  for (const std::string& stop : stop_sequences) {
    if (stop.empty()) continue;
    if (size_t at = g.text.find(stop); at != std::string::npos) g.text.resize(at);
  }
  if (max_tokens > 0 && count_tokens(g.text) > max_tokens) {
    // Cut at the last word boundary that fits.
    std::string cut;
    size_t pos = 0;
    while (pos < g.text.size()) {
      size_t next = g.text.find(' ', pos + 1);
      if (next == std::string::npos) next = g.text.size();
      if (count_tokens(std::string_view(g.text).substr(0, next)) > max_tokens) break;
      cut = g.text.substr(0, next);
      pos = next;
    }
    g.text = cut;
    g.finish_reason = "MAX_TOKENS";
  }
  g.tokens = count_tokens(g.text);
  return g;
}

std::vector<float> TextGenerator::embed(std::string_view text, int dimensions) const {
  Xorshift64Star rng{hash(text, seed_ ^ 0x9E3779B97F4A7C15ULL)};
  std::vector<float> v(static_cast<size_t>(dimensions));
  double norm = 0;
  for (float& x : v) {
    x = static_cast<float>(static_cast<double>(rng.next() % 2000001) / 1000000.0 - 1.0);
    norm += static_cast<double>(x) * x;
  }
  norm = std::sqrt(norm);
  for (float& x : v) x = static_cast<float>(x / norm);
  return v;
}

}  // namespace genai::emulator
