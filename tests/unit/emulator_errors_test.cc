// Every error body the emulator can send, compared with Google's real bodies
// in tests/data/wire/: byte for byte where the sample is verbatim and holds no
// per-request value, else by shape (key order at every level, detail types in
// order, ErrorInfo reason and domain, the metadata key set, whose order Google
// does not keep stable) and by the message with the request's values filled in.
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "emulator/common/errors.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

std::string wire(const std::string& name) {
  std::ifstream in(std::string(GENAI_WIRE_DIR) + "/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Same structure: object keys in the same order (a key set for "metadata"),
// arrays of the same length, the same scalar types, and equal values for the
// fields that name kinds rather than carry request data.
void expect_same_shape(const ojson& ours, const ojson& google, const std::string& path = "") {
  static const std::set<std::string> kExact = {"@type", "reason", "domain", "status", "code", "locale"};
  ASSERT_EQ(ours.type_name(), std::string(google.type_name())) << path;
  if (google.is_object()) {
    std::vector<std::string> a, b;
    for (auto it = ours.begin(); it != ours.end(); ++it) a.push_back(it.key());
    for (auto it = google.begin(); it != google.end(); ++it) b.push_back(it.key());
    if (path.size() >= 9 && path.substr(path.size() - 9) == ".metadata") {
      EXPECT_EQ(std::set<std::string>(a.begin(), a.end()), std::set<std::string>(b.begin(), b.end())) << path;
    } else {
      EXPECT_EQ(a, b) << path;
    }
    for (auto it = google.begin(); it != google.end(); ++it) {
      if (!ours.contains(it.key())) continue;
      if (kExact.count(it.key())) EXPECT_EQ(ours[it.key()], it.value()) << path << "." << it.key();
      expect_same_shape(ours[it.key()], it.value(), path + "." + it.key());
    }
  } else if (google.is_array()) {
    ASSERT_EQ(ours.size(), google.size()) << path;
    for (size_t i = 0; i < google.size(); ++i) expect_same_shape(ours[i], google[i], path + "[" + std::to_string(i) + "]");
  }
}

ojson parse(const std::string& body) { return ojson::parse(body); }

TEST(EmulatorErrors, ApiKeyInvalidIsByteForByteGoogles) {
  EXPECT_EQ(api_key_invalid("generativelanguage.googleapis.com").body, wire("err-api-key-invalid.json"));
  EXPECT_EQ(api_key_invalid("generativelanguage.googleapis.com").http_status, 400);
}

TEST(EmulatorErrors, OAuthInvalidGrantIsByteForByteGoogles) {
  EXPECT_EQ(oauth_error(400, "invalid_grant", "Invalid JWT Signature.").body, wire("oauth-invalid-grant.json"));
}

TEST(EmulatorErrors, ApiKeyExpired) {
  const GoogleError e = api_key_expired("generativelanguage.googleapis.com");
  EXPECT_EQ(parse(e.body), parse(wire("err-api-key-expired.json")));
}

TEST(EmulatorErrors, ServiceDisabled) {
  const GoogleError e = service_disabled("generativelanguage.googleapis.com", "Generative Language API", "123456789012");
  EXPECT_EQ(e.http_status, 403);
  const ojson ours = parse(e.body);
  expect_same_shape(ours, parse(wire("err-service-disabled.json")));
  EXPECT_EQ(ours["error"]["message"],
            "Generative Language API has not been used in project 123456789012 before or it is disabled. Enable it "
            "by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?"
            "project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to "
            "propagate to our systems and retry.");
}

TEST(EmulatorErrors, ApiKeyServiceBlocked) {
  const GoogleError e = api_key_service_blocked("generativelanguage.googleapis.com",
                                                "google.ai.generativelanguage.v1beta.GenerativeService.StreamGenerateContent",
                                                "177838813423");
  const ojson google = parse(wire("err-api-key-service-blocked.json"));
  expect_same_shape(parse(e.body), google);
  EXPECT_EQ(parse(e.body), google);  // with the sample's values, the same body
}

TEST(EmulatorErrors, ApiKeyIpBlocked) {
  const ojson ours = parse(api_key_ip_blocked("generativelanguage.googleapis.com", "203.0.113.9", "1").body);
  expect_same_shape(ours, parse(wire("err-api-key-ip-blocked.json")));
  EXPECT_EQ(ours["error"]["message"],
            "The provided API key has an IP address restriction. The originating IP address of the call "
            "(203.0.113.9) violates this restriction.");
}

TEST(EmulatorErrors, ApiKeyReferrerBlocked) {
  const ojson ours = parse(api_key_referrer_blocked("generativelanguage.googleapis.com", "", "1").body);
  expect_same_shape(ours, parse(wire("err-api-key-referrer-blocked.json")));
  EXPECT_EQ(ours["error"]["message"], "Requests from referer <empty> are blocked.");
}

TEST(EmulatorErrors, QuotaExceeded) {
  const GoogleError e = quota_exceeded("gemini-2.5-flash", 250000, std::chrono::seconds(26));
  EXPECT_EQ(e.http_status, 429);
  const ojson ours = parse(e.body);
  const ojson google = parse(wire("err-429-retryinfo.json"));
  expect_same_shape(ours, google);
  EXPECT_EQ(ours["error"]["message"], google["error"]["message"]);
  EXPECT_EQ(ours["error"]["details"][2], google["error"]["details"][2]);  // RetryInfo "26s"
  EXPECT_EQ(ours["error"]["details"][0]["violations"][0]["quotaDimensions"],
            google["error"]["details"][0]["violations"][0]["quotaDimensions"]);
}

TEST(EmulatorErrors, VertexIamPermissionDenied) {
  const std::string resource = "//aiplatform.googleapis.com/projects/p/locations/global/publishers/google/models/m";
  const ojson ours = parse(iam_permission_denied("aiplatform.endpoints.predict", resource).body);
  expect_same_shape(ours, parse(wire("err-vertex-403-permission.json")));
  EXPECT_EQ(ours["error"]["message"],
            "Permission 'aiplatform.endpoints.predict' denied on resource '" + resource + "' (or it may not exist).");
}

TEST(EmulatorErrors, VertexPublisherModelNotFound) {
  const std::string model = "projects/doorprints-ai/locations/asia-south1/publishers/google/models/gemini-embedding-2";
  EXPECT_EQ(parse(vertex_model_not_found(model).body), parse(wire("err-vertex-404-publisher-model.json")));
}

TEST(EmulatorErrors, DeveloperModelNotFound) {
  const ojson google = parse(wire("err-404-model-not-found.json"));
  const ojson ours = parse(model_not_found("custom-gemini-2.0-flash", "v1beta", "generateContent").body);
  EXPECT_EQ(ours["error"]["code"], 404);
  EXPECT_EQ(ours["error"]["status"], "NOT_FOUND");
  EXPECT_EQ(ours["error"]["message"], google["error"]["message"]);
}

TEST(EmulatorErrors, InvalidArgumentKeepsGooglesBulletStyle) {
  const ojson google = parse(wire("err-400-invalid-argument.json"));
  const ojson ours = parse(invalid_argument("* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.\n").body);
  EXPECT_EQ(ours, google);
}

}  // namespace
}  // namespace genai::emulator
