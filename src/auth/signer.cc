#include "auth/signer.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "core/base64.h"
#include "core/errors.h"
#include "core/json_dump.h"

namespace genai::internal {

struct PrivateKey::Impl {
  EVP_PKEY* key = nullptr;
  ~Impl() { EVP_PKEY_free(key); }
};

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem, const std::string& where) {
  const std::string fix = "Download a new JSON key for the service account (IAM > Service accounts > Keys > Add key), "
                          "or check that the file was not edited.";
  if (pem.find("-----BEGIN") == std::string_view::npos) {
    return auth_error(where + " is not a PEM private key (no -----BEGIN line)", fix, "CREDENTIALS_PRIVATE_KEY_INVALID",
                      {{"file", where}});
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  // An empty passphrase callback: an encrypted key fails instead of prompting on the terminal.
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
  if (!key) {
    return auth_error(where + " could not be read as an RSA private key", fix, "CREDENTIALS_PRIVATE_KEY_INVALID",
                      {{"file", where}});
  }
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return auth_error(where + " is not an RSA key; Google service-account keys are RSA", fix,
                      "CREDENTIALS_PRIVATE_KEY_INVALID", {{"file", where}});
  }
  PrivateKey out;
  out.impl_ = std::make_shared<Impl>();
  out.impl_->key = key;
  return out;
}

Result<std::string> PrivateKey::sign_rs256(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(data.data());
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, impl_->key) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, in, data.size()) != 1) {
    return auth_error("signing the token request failed (OpenSSL)", "Check that the private key is a valid RSA key.");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, data.size()) != 1) {
    return auth_error("signing the token request failed (OpenSSL)", "Check that the private key is a valid RSA key.");
  }
  sig.resize(len);
  return sig;
}

Result<std::string> make_signed_jwt(const nlohmann::json& header, const nlohmann::json& claims, const PrivateKey& key) {
  // The claims carry the caller's strings (scopes, an audience): one that is
  // not UTF-8 is the caller's error, named by its claim, not a type_error.
  Result<std::string> header_text = dump_request_body(header, "the JWT header");
  if (!header_text) return header_text;
  Result<std::string> claims_text = dump_request_body(claims, "the JWT");
  if (!claims_text) return claims_text;
  std::string input = base64url_encode(*header_text) + "." + base64url_encode(*claims_text);
  Result<std::string> sig = key.sign_rs256(input);
  if (!sig) return sig;
  input += '.';
  input += base64url_encode(*sig);
  return input;
}

}  // namespace genai::internal
