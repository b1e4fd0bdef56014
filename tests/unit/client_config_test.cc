#include "client/config.h"

#include <gtest/gtest.h>

namespace genai::internal {
namespace {

Result<ResolvedOptions> resolve(const ClientOptions& o, std::map<std::string, std::string> env) {
  return resolve_options(o, map_env(std::move(env)));
}

TEST(ResolveOptions, GeminiKeyFromEnvironment) {
  auto r = resolve({}, {{"GEMINI_API_KEY", "k-gemini"}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->api_key, "k-gemini");
  EXPECT_FALSE(r->config.vertexai);
  EXPECT_EQ(r->config.base_url, "https://generativelanguage.googleapis.com");
  EXPECT_EQ(r->config.api_version, "v1beta");
  EXPECT_EQ(r->config.credential_source, "environment variable GEMINI_API_KEY");
  EXPECT_TRUE(r->warnings.empty());
}

TEST(ResolveOptions, GoogleApiKeyWinsAndWarns) {
  auto r = resolve({}, {{"GEMINI_API_KEY", "k-gemini"}, {"GOOGLE_API_KEY", "k-google"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->api_key, "k-google");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].text, "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY.");
  EXPECT_EQ(r->warnings[0].code, ResolverNote::Code::kBothApiKeyVariables);
}

TEST(ResolveOptions, ExplicitKeyBeatsEnvironment) {
  ClientOptions o;
  o.api_key = "explicit";
  auto r = resolve(o, {{"GEMINI_API_KEY", "k-gemini"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->api_key, "explicit");
}

TEST(ResolveOptions, NoKeyIsAnAuthErrorWithFix) {
  auto r = resolve({}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kAuth);
  EXPECT_NE(r.error().fix.find("GEMINI_API_KEY"), std::string::npos);
}

TEST(ResolveOptions, BaseUrlOverrideFromEnvironment) {
  auto r = resolve({}, {{"GEMINI_API_KEY", "k"}, {"GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9/"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.base_url, "http://127.0.0.1:9");
  ClientOptions o;
  o.http_options.base_url = "http://localhost:1";
  r = resolve(o, {{"GEMINI_API_KEY", "k"}, {"GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9/"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.base_url, "http://localhost:1");
}

TEST(ResolveOptions, BadBaseUrlRejected) {
  ClientOptions o;
  o.http_options.base_url = "ftp://x";
  auto r = resolve(o, {{"GEMINI_API_KEY", "k"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

TEST(ResolveOptions, ProjectOnDeveloperApiIsAnError) {
  ClientOptions o;
  o.project = "p";
  auto r = resolve(o, {{"GEMINI_API_KEY", "k"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

TEST(ResolveOptions, VertexFromEnvironment) {
  auto r = resolve({}, {{"GOOGLE_GENAI_USE_VERTEXAI", "true"},
                        {"GOOGLE_CLOUD_PROJECT", "my-proj"},
                        {"GOOGLE_CLOUD_LOCATION", "us-central1"},
                        {"GOOGLE_API_KEY", "ignored-with-project"}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_TRUE(r->config.vertexai);
  EXPECT_EQ(r->config.project, "my-proj");
  EXPECT_EQ(r->config.location, "us-central1");
  EXPECT_EQ(r->config.base_url, "https://us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(r->config.api_version, "v1beta1");
  EXPECT_TRUE(r->api_key.empty());
  EXPECT_FALSE(r->config.express_mode);
}

TEST(ResolveOptions, EnterpriseVariableWinsOverVertexAiWithAWarning) {
  auto both = resolve({}, {{"GOOGLE_GENAI_USE_ENTERPRISE", "true"}, {"GOOGLE_GENAI_USE_VERTEXAI", "false"},
                           {"GOOGLE_CLOUD_PROJECT", "p"}});
  ASSERT_TRUE(both.ok()) << both.error().to_string();
  EXPECT_TRUE(both->config.vertexai);
  ASSERT_EQ(both->warnings.size(), 1u);
  EXPECT_NE(both->warnings[0].text.find("GOOGLE_GENAI_USE_ENTERPRISE will be used"), std::string::npos);
  EXPECT_EQ(both->warnings[0].code, ResolverNote::Code::kVertexVariablesDisagree);
  auto off = resolve({}, {{"GOOGLE_GENAI_USE_ENTERPRISE", "0"}, {"GOOGLE_GENAI_USE_VERTEXAI", "true"},
                          {"GEMINI_API_KEY", "k"}});
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->config.vertexai);
  // Only "true" and "1" are true, as in python-genai.
  auto yes = resolve({}, {{"GOOGLE_GENAI_USE_VERTEXAI", "yes"}, {"GEMINI_API_KEY", "k"}});
  ASSERT_TRUE(yes.ok());
  EXPECT_FALSE(yes->config.vertexai);
  auto agree = resolve({}, {{"GOOGLE_GENAI_USE_ENTERPRISE", "TRUE"}, {"GOOGLE_GENAI_USE_VERTEXAI", "1"},
                            {"GOOGLE_CLOUD_PROJECT", "p"}});
  ASSERT_TRUE(agree.ok());
  EXPECT_TRUE(agree->warnings.empty());
}

TEST(ResolveOptions, VertexDefaultsToGlobal) {
  ClientOptions o;
  o.vertexai = true;
  o.project = "p";
  auto r = resolve(o, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->config.location, "global");
  EXPECT_EQ(r->config.base_url, "https://aiplatform.googleapis.com");
}

TEST(ResolveOptions, VertexExpressModeWithKey) {
  ClientOptions o;
  o.vertexai = true;
  o.api_key = "k";
  auto r = resolve(o, {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->config.express_mode);
  EXPECT_EQ(r->config.base_url, "https://aiplatform.googleapis.com");
  o.project = "p";
  EXPECT_FALSE(resolve(o, {}).ok());
}

TEST(VertexBaseUrl, RegionalGlobalAndMultiRegion) {
  EXPECT_EQ(vertex_base_url("europe-west4"), "https://europe-west4-aiplatform.googleapis.com");
  EXPECT_EQ(vertex_base_url("global"), "https://aiplatform.googleapis.com");
  EXPECT_EQ(vertex_base_url("us"), "https://aiplatform.us.rep.googleapis.com");
  EXPECT_EQ(vertex_base_url("eu"), "https://aiplatform.eu.rep.googleapis.com");
}

TEST(ModelResource, PerBackend) {
  ClientConfig dev;
  EXPECT_EQ(*model_resource(dev, "gemini-2.5-flash"), "models/gemini-2.5-flash");
  EXPECT_EQ(*model_resource(dev, "models/gemini-2.5-flash"), "models/gemini-2.5-flash");
  EXPECT_EQ(*model_resource(dev, "tunedModels/abc"), "tunedModels/abc");
  ClientConfig vertex;
  vertex.vertexai = true;
  EXPECT_EQ(*model_resource(vertex, "gemini-2.5-flash"), "publishers/google/models/gemini-2.5-flash");
  EXPECT_EQ(*model_resource(vertex, "meta/llama-3"), "publishers/meta/models/llama-3");
  EXPECT_EQ(*model_resource(vertex, "projects/p/locations/l/endpoints/1"), "projects/p/locations/l/endpoints/1");
  EXPECT_FALSE(model_resource(dev, "").ok());
  EXPECT_FALSE(model_resource(dev, "gemini?key=x").ok());
  EXPECT_FALSE(model_resource(dev, "../admin").ok());
}

}  // namespace
}  // namespace genai::internal
