// Keeping secrets out of output: the redaction every log line, trace and
// error of libgenai goes through, for programs that print what they got.
//
//   std::cerr << genai::redact(line) << "\n";          // keys, tokens, JWTs masked
//   std::cout << genai::mask_secret(api_key) << "\n";  // "AIza…x7Qk (39 chars)"
//   genai::wipe_secret(key_text);                      // before the memory is freed
#ifndef GENAI_SECRETS_H_
#define GENAI_SECRETS_H_

#include <string>
#include <string_view>

namespace genai {

// Masks, anywhere in `text`: API keys, OAuth access and refresh tokens,
// Bearer values, JWTs, PEM private keys, secret-bearing JSON fields, form
// and query parameters, and the x-goog-api-key / Authorization headers.
std::string redact(std::string_view text);

// A short non-secret label for one secret value: the first 4 and last 4
// characters with the length; secrets shorter than 16 characters show none.
std::string mask_secret(std::string_view secret);

// Overwrites a secret's bytes in a way the compiler may not optimise away.
void wipe_secret(std::string& secret);

}  // namespace genai

#endif  // GENAI_SECRETS_H_
