// The emulator's own cryptography, on OpenSSL 3: RSA-2048 key pairs for
// service-account keys, RS256 signature verification, base64url and random
// secrets. Written independently of libgenai's signer (src/auth/) on purpose:
// the emulator must not validate the client with the client's own code.
#ifndef GENAI_EMULATOR_AUTH_CRYPTO_H_
#define GENAI_EMULATOR_AUTH_CRYPTO_H_

#include <optional>
#include <string>
#include <string_view>

namespace genai::emulator {

struct RsaKeyPair {
  std::string private_pem;  // PKCS#8 "-----BEGIN PRIVATE KEY-----", as Google issues them
  std::string public_pem;   // SubjectPublicKeyInfo "-----BEGIN PUBLIC KEY-----"
};

// A fresh RSA-2048 key pair. Aborts if OpenSSL cannot make one (no entropy):
// the emulator must never hand out a weak key.
RsaKeyPair generate_rsa_key_pair();

// Strict base64url (RFC 4648 §5), as JWTs use it: unpadded, or with complete
// and correct padding; nullopt for any character outside the alphabet, stray
// padding, non-zero trailing bits, or an impossible length.
std::optional<std::string> base64url_decode(std::string_view in);
std::string base64url_encode(std::string_view in);
std::string base64_encode(std::string_view in);  // standard alphabet, padded
// Protobuf's JSON mapping of bytes (inlineData.data): the standard or the
// URL-safe alphabet, with the same strictness as base64url_decode.
std::optional<std::string> base64_decode(std::string_view in);

// True if `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of
// `signed_data` under the public key `public_pem`.
bool verify_rs256(std::string_view signed_data, std::string_view signature, const std::string& public_pem);

// HMAC-SHA256, used only to recognise the "HS256 signed with the public key"
// forgery in tests of the token endpoint.
std::string hmac_sha256(std::string_view key, std::string_view data);

// `n` characters drawn uniformly from `alphabet` with a CSPRNG.
std::string random_string(size_t n, std::string_view alphabet);
// `n` random hex digits / decimal digits.
std::string random_hex(size_t n);
std::string random_digits(size_t n);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_AUTH_CRYPTO_H_
