// A deterministic stand-in for a model: the same request and seed always give
// the same answer, so tests and demos are repeatable. Plausible English built
// from a fixed vocabulary, with token counts from one simple tokenizer shared
// by countTokens and usageMetadata, and embeddings as seeded unit vectors.
#ifndef GENAI_EMULATOR_BACKEND_GENERATOR_H_
#define GENAI_EMULATOR_BACKEND_GENERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace genai::emulator {

// The emulator's pseudo-random sequence (xorshift64*): the same seed always
// gives the same numbers, which is what makes every answer repeatable.
struct Xorshift64Star {
  std::uint64_t state;  // never 0
  std::uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
  }
};

// ASCII lower case: enum values, MIME types and trigger words are all ASCII.
std::string ascii_lower(std::string_view s);

struct Generation {
  std::string text;
  std::string finish_reason;  // "STOP" or "MAX_TOKENS"
  int64_t tokens = 0;
};

class TextGenerator {
 public:
  explicit TextGenerator(std::uint64_t seed);

  // `request_key` identifies the request (model + canonical body); the answer
  // stops at max_tokens (finish MAX_TOKENS) or at a stop sequence.
  Generation generate(std::string_view request_key, int max_tokens,
                      const std::vector<std::string>& stop_sequences) const;

  // The emulator's tokenizer: words and punctuation, long words in 4-byte
  // pieces. tokenize() returns the pieces (views into `text`), count_tokens()
  // how many there are, token_id() a piece's id in the emulator's vocabulary.
  static std::vector<std::string_view> tokenize(std::string_view text);
  static int64_t count_tokens(std::string_view text);
  static int64_t token_id(std::string_view token);

  std::vector<float> embed(std::string_view text, int dimensions) const;

  static std::uint64_t hash(std::string_view text, std::uint64_t seed);

 private:
  std::uint64_t seed_;
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_GENERATOR_H_
