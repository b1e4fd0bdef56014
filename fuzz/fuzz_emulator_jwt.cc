// The emulator's JWT parsing (what its token endpoint and API front ends do
// with a bearer assertion from anyone): parse_jwt, strict base64url and RS256
// verification against a fixed public key, on arbitrary bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/auth/crypto.h"
#include "emulator/auth/jwt.h"
#include "fuzz_check.h"

namespace {

// A key made for this fuzzer alone; its private half was discarded once the
// seed JWT in fuzz/corpus/fuzz_emulator_jwt/ was signed with it.
const std::string kPublicKey = R"(-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApacPUBuM14n2DJ694bil
b3k8TkeA72YvPnQNrGPWz4NDbbSudIV9OQ3RY/tK3eotHMWTSnmfpL8ErdQ4Xd1C
DywUjXD7NfvpR/sVtFkuJlGo4SHM1+xSjw+2VXMvdS/rHmZ9hAy14W0iAXSz8ZVu
UjIh++xUZzt2F4zV1drdHw/kgitasUJ2+9OF9eWTr5XylguswykorhOT+ePGou1w
gljRCmMv4+i1oPwJDaoPkz/aU+wrk+JOkH2YixBvpAXnWQkyJ8ixLOYiexRRxqBj
C9nxU7JN9CsRe6quxAbSKKjGKrzFYSaSKOjo/IwTNbqoDNLFdB6AO4+EwqvurlAW
TwIDAQAB
-----END PUBLIC KEY-----
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  namespace ge = genai::emulator;

  // Strict base64url is canonical: what it accepts unpadded re-encodes to itself.
  if (auto decoded = ge::base64url_decode(token)) {
    if (token.find('=') == std::string_view::npos) {
      FUZZ_CHECK(ge::base64url_encode(*decoded) == token, "base64url_decode accepts only canonical text");
    }
  }
  (void)ge::looks_like_jwt(token);
  if (auto jwt = ge::parse_jwt(token)) {
    FUZZ_CHECK(jwt->header.is_object() && jwt->claims.is_object(), "a parsed JWT has object header and claims");
    (void)ge::numeric_claim(jwt->claims, "iat");
    (void)ge::numeric_claim(jwt->claims, "exp");
    (void)ge::verify_rs256(jwt->signing_input, jwt->signature, kPublicKey);
  }
  return 0;
}
