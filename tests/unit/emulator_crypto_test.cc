// The emulator's own crypto and JWT parsing, checked against OpenSSL used
// directly by the tests.
#include <gtest/gtest.h>

#include "emulator/auth/crypto.h"
#include "emulator/auth/jwt.h"
#include "tests/support/test_jwt.h"

namespace genai::emulator {
namespace {

using genai::testing::b64url;

TEST(EmulatorCrypto, Base64UrlRoundTripsEveryLength) {
  std::string data;
  for (int i = 0; i < 70; ++i) {
    data += static_cast<char>(i * 37 + 11);
    const std::string enc = base64url_encode(data);
    EXPECT_EQ(enc, b64url(data));
    auto dec = base64url_decode(enc);
    ASSERT_TRUE(dec) << i;
    EXPECT_EQ(*dec, data);
  }
}

TEST(EmulatorCrypto, Base64UrlAcceptsOnlyCorrectPadding) {
  // google-auth 1.x pads the JWT signature; Google accepts that.
  EXPECT_EQ(base64url_decode("YQ=="), "a");
  EXPECT_EQ(base64url_decode("YWI="), "ab");
  EXPECT_FALSE(base64url_decode("YQ="));
  EXPECT_FALSE(base64url_decode("Y==="));
  EXPECT_FALSE(base64url_decode("YWJj===="));
  EXPECT_FALSE(base64url_decode("Y=Q="));
  EXPECT_FALSE(base64url_decode("a+b/"));
  EXPECT_FALSE(base64url_decode("Y"));
  EXPECT_FALSE(base64url_decode("YR"));  // non-zero trailing bits: not canonical
  EXPECT_TRUE(base64url_decode("YQ"));
}

TEST(EmulatorCrypto, GeneratedKeyIsPkcs8AndVerifiesSignatures) {
  const RsaKeyPair pair = generate_rsa_key_pair();
  EXPECT_EQ(pair.private_pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  EXPECT_EQ(pair.public_pem.rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  const std::string sig = genai::testing::sign_rs256(pair.private_pem, "payload");
  EXPECT_TRUE(verify_rs256("payload", sig, pair.public_pem));
  EXPECT_FALSE(verify_rs256("payloaD", sig, pair.public_pem));
  std::string bad = sig;
  bad[10] ^= 1;
  EXPECT_FALSE(verify_rs256("payload", bad, pair.public_pem));
  EXPECT_FALSE(verify_rs256("payload", sig, generate_rsa_key_pair().public_pem));
  EXPECT_FALSE(verify_rs256("payload", sig, "not a pem"));
}

TEST(EmulatorJwt, ParsesThreePartsAndRejectsOtherShapes) {
  const RsaKeyPair pair = generate_rsa_key_pair();
  const std::string token =
      genai::testing::make_jwt({{"alg", "RS256"}, {"kid", "k1"}}, {{"iss", "a@b"}, {"iat", 5}}, pair.private_pem);
  auto jwt = parse_jwt(token);
  ASSERT_TRUE(jwt);
  EXPECT_EQ(jwt->header["kid"], "k1");
  EXPECT_EQ(numeric_claim(jwt->claims, "iat"), 5);
  EXPECT_FALSE(numeric_claim(jwt->claims, "exp"));
  EXPECT_TRUE(verify_rs256(jwt->signing_input, jwt->signature, pair.public_pem));
  EXPECT_FALSE(parse_jwt("a.b"));
  EXPECT_FALSE(parse_jwt("a.b.c.d"));
  EXPECT_FALSE(parse_jwt(b64url("[1]") + "." + b64url("{}") + ".AA"));
  EXPECT_TRUE(looks_like_jwt("x.y.z"));
  EXPECT_FALSE(looks_like_jwt("ya29.abc"));
}

}  // namespace
}  // namespace genai::emulator
