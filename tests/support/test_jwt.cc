#include "tests/support/test_jwt.h"

#include <chrono>
#include <memory>
#include <stdexcept>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace genai::testing {
namespace {

std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> read_private(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (!key) throw std::runtime_error("test_jwt: not a private key");
  return {key, EVP_PKEY_free};
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

}  // namespace

std::string b64url(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  unsigned acc = 0;
  int bits = 0;
  for (; i < data.size(); ++i) {
    acc = (acc << 8) | static_cast<unsigned char>(data[i]);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

std::string sign_rs256(const std::string& private_pem, std::string_view data) {
  auto key = read_private(private_pem);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t len = 0;
  if (EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("test_jwt: sign failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw std::runtime_error("test_jwt: sign failed");
  }
  sig.resize(len);
  return sig;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string make_jwt(const nlohmann::json& header, const nlohmann::json& claims, const std::string& private_pem) {
  const std::string input = b64url(header.dump()) + "." + b64url(claims.dump());
  return input + "." + b64url(sign_rs256(private_pem, input));
}

std::string make_unsigned_jwt(const nlohmann::json& claims) {
  return b64url(R"({"alg":"none","typ":"JWT"})") + "." + b64url(claims.dump()) + ".";
}

std::string make_hs256_jwt(const nlohmann::json& claims, std::string_view secret) {
  const std::string input = b64url(R"({"alg":"HS256","typ":"JWT"})") + "." + b64url(claims.dump());
  return input + "." + b64url(hmac_sha256(secret, input));
}

std::string public_pem_of(const std::string& private_pem) {
  auto key = read_private(private_pem);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key.get());
  return bio_text(bio.get());
}

std::string new_pkcs1_private_key() {
  EVP_PKEY* raw = EVP_RSA_gen(2048);
  if (!raw) throw std::runtime_error("test_jwt: keygen failed");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  // The traditional (PKCS#1) form, as older tools write it.
  PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

std::string to_pkcs1(const std::string& private_pem) {
  auto key = read_private(private_pem);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return bio_text(bio.get());
}

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace genai::testing
