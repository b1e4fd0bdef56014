// Test-only JWT making, with OpenSSL directly: neither the emulator's verifier
// nor libgenai's signer is used, so tests of either cannot share its bugs.
// Also forges the bad assertions the token endpoint must reject.
#ifndef GENAI_TESTS_SUPPORT_TEST_JWT_H_
#define GENAI_TESTS_SUPPORT_TEST_JWT_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace genai::testing {

std::string b64url(std::string_view data);
// RSASSA-PKCS1-v1_5 SHA-256 with a PEM private key (PKCS#8 or PKCS#1).
std::string sign_rs256(const std::string& private_pem, std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);

// header.payload.signature, signed RS256 with `private_pem`.
std::string make_jwt(const nlohmann::json& header, const nlohmann::json& claims, const std::string& private_pem);
// header.payload. with "alg": "none" and an empty signature.
std::string make_unsigned_jwt(const nlohmann::json& claims);
// HS256 keyed with `secret` (the classic forgery uses the public key as secret).
std::string make_hs256_jwt(const nlohmann::json& claims, std::string_view secret);

// The public key (SubjectPublicKeyInfo PEM) of a private key.
std::string public_pem_of(const std::string& private_pem);
// A fresh RSA-2048 key as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY").
std::string new_pkcs1_private_key();

// The same key re-encoded as PKCS#1 ("BEGIN RSA PRIVATE KEY").
std::string to_pkcs1(const std::string& private_pem);

long long unix_now();

}  // namespace genai::testing

#endif  // GENAI_TESTS_SUPPORT_TEST_JWT_H_
