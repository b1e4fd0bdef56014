// Every network call has the two async forms of generate_content_async (a
// future, and a callback), built from the same description of the call as its
// blocking form: same URL, body, per-call options and parsing.
#include <gtest/gtest.h>

#include <string>

#include "genai/genai.h"
#include "tests/support/fake_transport.h"

namespace genai::testing {
namespace {

using nlohmann::json;

// The blocking and async forms of one call send the same request.
void expect_same_request(const HttpRequest& a, const HttpRequest& b) {
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.body, b.body);
}

TEST(AsyncCalls, ModelsCallsHaveFutureAndCallbackForms) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  Models models = client.models();
  const std::vector<Content> contents = {Content::from_text("hi")};

  for (int i = 0; i < 3; ++i) t->answer(200, R"({"totalTokens": 4})");
  ASSERT_EQ(models.count_tokens("gemini-2.5-flash", contents)->total_tokens, 4);
  EXPECT_EQ(models.count_tokens_async("gemini-2.5-flash", contents).get()->total_tokens, 4);
  int64_t from_callback = 0;
  models.count_tokens_async("gemini-2.5-flash", contents, {},
                            [&](Result<CountTokensResponse> r) { from_callback = r->total_tokens; });
  EXPECT_EQ(from_callback, 4);

  for (int i = 0; i < 2; ++i) t->answer(200, R"({"embedding": {"values": [0.25, 0.5]}})");
  EXPECT_EQ(models.embed_content("gemini-embedding-001", contents)->embeddings.at(0).values.size(), 2u);
  EXPECT_EQ(models.embed_content_async("gemini-embedding-001", contents).get()->embeddings.at(0).values.size(), 2u);

  for (int i = 0; i < 2; ++i) t->answer(200, R"({"name": "models/gemini-2.5-flash", "displayName": "Flash"})");
  EXPECT_EQ(models.get("gemini-2.5-flash")->display_name, "Flash");
  std::optional<std::string> name;
  models.get_async("gemini-2.5-flash", {}, [&](Result<Model> m) { name = m->name; });
  EXPECT_EQ(name, "models/gemini-2.5-flash");

  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 7u);
  expect_same_request(sent[0], sent[1]);
  expect_same_request(sent[0], sent[2]);
  expect_same_request(sent[3], sent[4]);
  expect_same_request(sent[5], sent[6]);
}

TEST(AsyncCalls, AnErrorFoundBeforeSendingIsDeliveredAtOnce) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  std::optional<ErrorKind> kind;
  client.models().count_tokens_async("gemini-2.5-flash", {}, {},
                                     [&](Result<CountTokensResponse> r) { kind = r.error().kind; });
  EXPECT_EQ(kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(client.models().embed_content_async("gemini-embedding-001", std::vector<Content>{}).get().error().kind,
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(client.caches().get_async("").get().error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(t->requests().empty());
}

TEST(AsyncCalls, AnHttpErrorReachesTheCallback) {
  auto t = FakeTransport::make();
  t->answer(404, R"({"error": {"code": 404, "message": "no such model", "status": "NOT_FOUND"}})");
  Client client = client_over(t);
  std::optional<Error> error;
  client.models().get_async("gemini-0", {}, [&](Result<Model> m) { error = m.error(); });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->http_status, 404);
  EXPECT_EQ(error->status, "NOT_FOUND");
}

TEST(AsyncCalls, CachesCallsHaveFutureAndCallbackForms) {
  auto t = FakeTransport::make();
  Client client = client_over(t);
  Caches caches = client.caches();
  const std::string cache = R"({"name": "cachedContents/c1", "model": "models/gemini-2.5-flash"})";
  t->answer(200, cache).answer(200, cache).answer(200, cache).answer(200, "{}");
  CreateCachedContentConfig create;
  create.contents = {Content::from_text("a long document")};
  create.http_options.headers["X-Trace"] = "create";
  EXPECT_EQ(caches.create_async("gemini-2.5-flash", create).get()->name, "cachedContents/c1");
  EXPECT_EQ(caches.get_async("c1").get()->model, "models/gemini-2.5-flash");
  EXPECT_TRUE(caches.update_async("c1", {.ttl = std::chrono::seconds(60)}).get().ok());
  bool deleted = false;
  caches.delete_async("c1", {}, [&](Result<void> r) { deleted = r.ok(); });
  EXPECT_TRUE(deleted);
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(find_header(sent[0].headers, "X-Trace"), "create");
  EXPECT_EQ(sent[1].method, "GET");
  EXPECT_EQ(sent[2].method, "PATCH");
  EXPECT_EQ(json::parse(sent[2].body)["ttl"], "60s");
  EXPECT_EQ(sent[3].method, "DELETE");
  EXPECT_NE(sent[3].url.find("cachedContents/c1"), std::string::npos);
}

TEST(AsyncCalls, GenerateImagesHasAsyncForms) {
  auto t = FakeTransport::make();
  // A 1x1 PNG.
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  t->answer(200, json{{"predictions", {{{"bytesBase64Encoded", png}, {"mimeType", "image/png"}}}}}.dump());
  Client client = client_over(t);
  Result<GenerateImagesResponse> r = client.models().generate_images_async("imagen-4.0-generate-001", "a dot").get();
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->generated_images.size(), 1u);
  EXPECT_NE(t->requests().at(0).url.find("imagen-4.0-generate-001:predict"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
