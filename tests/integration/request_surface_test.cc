// The request surface against the emulator, over loopback: fields no struct
// has, sent through extra_body and `extra` and checked by the emulator as
// Google checks them; unmodelled response fields kept; per-call options;
// the async forms; computeTokens on Vertex AI.
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>

#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

class RequestSurfaceTest : public EmulatorTest {};

TEST_F(RequestSurfaceTest, ExtraBodyReachesTheServerAndIsCheckedThere) {
  Models m = client().models();
  // A field Google has, sent through extra_body rather than its struct member.
  GenerateContentConfig known;
  known.http_options.extra_body = {{"generationConfig", {{"enableEnhancedCivicAnswers", true}}}};
  Result<GenerateContentResponse> ok = m.generate_content("gemini-2.5-flash", "Hello", known);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_FALSE(ok->text().empty());
  // A field Google does not have: refused by the server (so it was sent), named.
  GenerateContentConfig unknown;
  unknown.http_options.extra_body = {{"generationConfig", {{"noSuchKnob", 1}}}};
  Result<GenerateContentResponse> refused = m.generate_content("gemini-2.5-flash", "Hello", unknown);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_NE(refused.error().message.find("noSuchKnob"), std::string::npos) << refused.error().message;
}

TEST_F(RequestSurfaceTest, APartFieldNoStructHasIsSentThroughExtra) {
  Models m = client().models();
  Part clip = Part::from_text("Describe the clip");
  clip.extra["noSuchPartField"] = {{"startOffset", "10s"}};
  Result<GenerateContentResponse> r = m.generate_content("gemini-2.5-flash", {Content{"user", {clip}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_NE(r.error().message.find("noSuchPartField"), std::string::npos) << r.error().message;
}

TEST_F(RequestSurfaceTest, VertexUsageFieldsNotModelledAreKept) {
  Result<GenerateContentResponse> r = vertex_client().models().generate_content("gemini-2.5-flash", "Hello");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->usage_metadata);
  EXPECT_EQ(r->usage_metadata->extra.value("trafficType", ""), "ON_DEMAND");
}

TEST_F(RequestSurfaceTest, PerCallRetryAndHeadersOverTheRealTransport) {
  Client c = client(key(), /*attempts=*/1);
  set_faults("generateContent=503#2");
  GenerateContentConfig config;
  config.http_options.retry = RetryOptions{};
  config.http_options.retry->attempts = 3;
  config.http_options.retry->initial_delay = std::chrono::milliseconds(5);
  config.http_options.retry->jitter = std::chrono::milliseconds(0);
  Result<GenerateContentResponse> r = c.models().generate_content("gemini-2.5-flash", "Hello", config);
  EXPECT_TRUE(r.ok()) << r.error().to_string();
}

TEST_F(RequestSurfaceTest, AsyncFormsAgainstTheEmulator) {
  Models m = client().models();
  Result<CountTokensResponse> n = m.count_tokens_async("gemini-2.5-flash", {Content::from_text("four tokens here ok")}).get();
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  EXPECT_EQ(n->total_tokens, m.count_tokens("gemini-2.5-flash", "four tokens here ok")->total_tokens);
  Result<Model> model = m.get_async("gemini-2.5-flash").get();
  ASSERT_TRUE(model.ok()) << model.error().to_string();
  EXPECT_EQ(model->name, "models/gemini-2.5-flash");
  Result<EmbedContentResponse> e =
      m.embed_content_async("gemini-embedding-001", {Content::from_text("a"), Content::from_text("b")}).get();
  ASSERT_TRUE(e.ok()) << e.error().to_string();
  EXPECT_EQ(e->embeddings.size(), 2u);
}

// A Vertex AI client's credential shares the client's transport, so a call
// in flight holds it: when the client is gone first, the last reference is
// let go on the event loop itself, which must not try to join its own thread.
TEST_F(RequestSurfaceTest, AVertexClientDestroyedWhileCallsAreInFlightEndsCleanly) {
  std::mutex mu;
  std::condition_variable cv;
  int finished = 0;
  constexpr int kCalls = 8;
  {
    std::optional<Client> c = vertex_client();
    for (int i = 0; i < kCalls; ++i) {
      c->models().generate_content_async("gemini-2.5-flash", {Content::from_text("Hello")}, {},
                                         [&](Result<GenerateContentResponse>) {
                                           std::lock_guard<std::mutex> lock(mu);
                                           ++finished;
                                           cv.notify_all();
                                         });
    }
    c.reset();
  }
  std::unique_lock<std::mutex> lock(mu);
  EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return finished == kCalls; })) << finished;
  // And a future whose client goes away as soon as it has its answer.
  for (int i = 0; i < 3; ++i) {
    std::future<Result<CountTokensResponse>> f;
    {
      Client c = vertex_client();
      f = c.models().count_tokens_async("gemini-2.5-flash", {Content::from_text("Hello")});
    }
    EXPECT_TRUE(f.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
  }
}

TEST_F(RequestSurfaceTest, ComputeTokensOnVertexAi) {
  Models m = vertex_client().models();
  const std::vector<Content> contents = {Content::from_text("Hello, tokenizer!"),
                                         Content::from_text("Second turn", "model")};
  Result<ComputeTokensResponse> r = m.compute_tokens("gemini-2.5-flash", contents);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->tokens_info.size(), 2u);
  const TokensInfo& first = r->tokens_info[0];
  EXPECT_EQ(first.role, "user");
  EXPECT_EQ(r->tokens_info[1].role, "model");
  ASSERT_EQ(first.tokens.size(), first.token_ids.size());
  std::string joined;
  for (const std::string& t : first.tokens) joined += t;
  EXPECT_EQ(joined, "Hello,tokenizer!");  // the pieces are the text's bytes, spaces aside
  // The same tokenizer counts them.
  Result<CountTokensResponse> n = m.count_tokens("gemini-2.5-flash", {contents[0]});
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  EXPECT_EQ(static_cast<int64_t>(first.tokens.size()), n->total_tokens);
  // Deterministic ids.
  EXPECT_EQ(m.compute_tokens("gemini-2.5-flash", contents)->tokens_info[0].token_ids, first.token_ids);
  EXPECT_EQ(m.compute_tokens_async("gemini-2.5-flash", contents).get()->tokens_info[0].token_ids, first.token_ids);
}

TEST_F(RequestSurfaceTest, ComputeTokensIsRefusedOnTheDeveloperApiBeforeSending) {
  Result<ComputeTokensResponse> r = client().models().compute_tokens("gemini-2.5-flash", "Hello");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message.find("Vertex AI"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
