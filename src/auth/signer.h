// Internal: RS256 signing of JWTs with a service account's private key
// (OpenSSL 3). Parsing, claims and signing are free functions the credential
// classes only compose (as google-cloud-cpp's service-account credentials).
#ifndef GENAI_SRC_AUTH_SIGNER_H_
#define GENAI_SRC_AUTH_SIGNER_H_

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "genai/result.h"

namespace genai::internal {

// A parsed RSA private key. Accepts PKCS#8 ("BEGIN PRIVATE KEY") and PKCS#1
// ("BEGIN RSA PRIVATE KEY") PEM.
class PrivateKey {
 public:
  // `where` names the source in errors ("the private_key field of sa.json").
  static Result<PrivateKey> from_pem(std::string_view pem, const std::string& where);
  // RSASSA-PKCS1-v1_5 with SHA-256 over `data`.
  Result<std::string> sign_rs256(std::string_view data) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// header.payload.signature, base64url without padding.
Result<std::string> make_signed_jwt(const nlohmann::json& header, const nlohmann::json& claims, const PrivateKey& key);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_SIGNER_H_
