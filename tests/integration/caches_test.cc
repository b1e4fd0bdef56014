// Context caches: client.caches() and GenerateContentConfig::cached_content
// against the emulator, on the Developer API (API key) and on Vertex AI (an
// OAuth token of a service account with roles/aiplatform.user).
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

constexpr const char* kModel = "gemini-2.5-flash";
constexpr const char* kDocument =
    "The lighthouse keeper Ada Quist logged every ship that passed Cape Verrel between 1881 and 1903. "
    "Her logbook lists 4127 ships, the busiest year being 1897.";

class CachesTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  bool vertex() const { return GetParam(); }

  Client backend_client() { return EmulatorTest::backend_client(vertex()); }

  CachedContent make_cache(Client& c, CreateCachedContentConfig cfg = {}) {
    if (cfg.contents.empty()) cfg.contents = {Content::from_text(kDocument)};
    if (!cfg.system_instruction) cfg.system_instruction = Content::from_text("Answer from the logbook.");
    auto cache = c.caches().create(kModel, cfg);
    EXPECT_TRUE(cache.ok()) << cache.error().to_string();
    return cache.ok() ? *cache : CachedContent{};
  }

  void advance(std::chrono::seconds s) { server_->env().clock().advance(s); }
};

TEST_P(CachesTest, CreateGetListUpdateDelete) {
  Client c = backend_client();
  CreateCachedContentConfig cfg;
  cfg.display_name = "logbook";
  cfg.ttl = std::chrono::minutes(10);
  const CachedContent cache = make_cache(c, cfg);
  if (vertex()) {
    EXPECT_EQ(cache.name.rfind("projects/", 0), 0u) << cache.name;
    EXPECT_NE(cache.name.find("/locations/us-central1/cachedContents/"), std::string::npos) << cache.name;
    EXPECT_TRUE(cache.model.ends_with("/publishers/google/models/gemini-2.5-flash")) << cache.model;
  } else {
    EXPECT_EQ(cache.name.rfind("cachedContents/", 0), 0u) << cache.name;
    EXPECT_EQ(cache.model, "models/gemini-2.5-flash");
  }
  EXPECT_EQ(cache.display_name.value_or(""), "logbook");
  ASSERT_TRUE(cache.usage_metadata && cache.usage_metadata->total_token_count);
  EXPECT_GT(*cache.usage_metadata->total_token_count, 20);
  ASSERT_TRUE(cache.create_time && cache.expire_time);
  EXPECT_NE(cache.create_time->find('.'), std::string::npos) << "fractional seconds: " << *cache.create_time;

  // get by full name and by bare id (python-genai's name completion).
  auto got = c.caches().get(cache.name);
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->expire_time, cache.expire_time);
  const std::string id = cache.name.substr(cache.name.rfind('/') + 1);
  EXPECT_TRUE(c.caches().get(id).ok());

  // update the ttl: a later expiry.
  auto updated = c.caches().update(cache.name, {.ttl = std::chrono::hours(2)});
  ASSERT_TRUE(updated.ok()) << updated.error().to_string();
  EXPECT_GT(*updated->expire_time, *cache.expire_time);
  EXPECT_FALSE(c.caches().update(cache.name, {}).ok());  // nothing to change: refused before sending

  // list across pages.
  for (int i = 0; i < 4; ++i) make_cache(c);
  Pager<CachedContent> pager = c.caches().list({.page_size = 2});
  int pages = 0;
  std::vector<std::string> names;
  while (auto page = pager.next_page()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    ++pages;
    for (const CachedContent& item : (*page)->items) names.push_back(item.name);
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(names.size(), 5u);
  EXPECT_EQ(names[0], cache.name);

  ASSERT_TRUE(c.caches().delete_(cache.name).ok());
  auto gone = c.caches().get(cache.name);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().http_status, vertex() ? 404 : 403) << gone.error().to_string();
  int left = 0;
  for (auto& item : c.caches().list()) {
    ASSERT_TRUE(item.ok());
    ++left;
  }
  EXPECT_EQ(left, 4);
}

TEST_P(CachesTest, GenerateUsesTheCache) {
  Client c = backend_client();
  const CachedContent cache = make_cache(c);
  GenerateContentConfig gen;
  gen.cached_content = cache.name;
  auto r = c.models().generate_content(kModel, "How many ships are in the logbook?", gen);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r->usage_metadata);
  EXPECT_EQ(r->usage_metadata->cached_content_token_count, cache.usage_metadata->total_token_count);
  auto plain = c.models().generate_content(kModel, "How many ships are in the logbook?").value();
  EXPECT_EQ(*r->usage_metadata->prompt_token_count,
            *plain.usage_metadata->prompt_token_count + *cache.usage_metadata->total_token_count);
  EXPECT_NE(r->text().find("The lighthouse keeper Ada Quist"), std::string::npos) << r->text();

  // The bare id works too, and streaming carries the same counts.
  gen.cached_content = cache.name.substr(cache.name.rfind('/') + 1);
  std::string streamed;
  std::optional<int64_t> cached_tokens;
  for (auto& chunk : c.models().generate_content_stream(kModel, "How many ships are in the logbook?", gen)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    streamed += chunk->text();
    if (chunk->usage_metadata) cached_tokens = chunk->usage_metadata->cached_content_token_count;
  }
  EXPECT_EQ(streamed, r->text());
  EXPECT_EQ(cached_tokens, cache.usage_metadata->total_token_count);

  // A system instruction beside the cache: Google's 400.
  gen.system_instruction = Content::from_text("Be brief.");
  auto refused = c.models().generate_content(kModel, "Hi", gen);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_NE(refused.error().message.find(vertex() ? "CachedContent can not be used" : "should not be set"),
            std::string::npos)
      << refused.error().message;

  // Another model than the cache's.
  GenerateContentConfig other;
  other.cached_content = cache.name;
  auto mismatch = c.models().generate_content("gemini-2.5-pro", "Hi", other);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message.find("has to be the same"), std::string::npos) << mismatch.error().message;
}

TEST_P(CachesTest, ExpiresOnTheEmulatorsClock) {
  Client c = backend_client();
  CreateCachedContentConfig cfg;
  cfg.ttl = "300s";
  const CachedContent cache = make_cache(c, cfg);
  GenerateContentConfig gen;
  gen.cached_content = cache.name;
  ASSERT_TRUE(c.models().generate_content(kModel, "Busiest year?", gen).ok());
  advance(std::chrono::seconds(301));
  auto expired = c.models().generate_content(kModel, "Busiest year?", gen);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().http_status, vertex() ? 404 : 403) << expired.error().to_string();
  EXPECT_FALSE(c.caches().get(cache.name).ok());
  EXPECT_FALSE(c.caches().update(cache.name, {.ttl = "60s"}).ok());
}

TEST_P(CachesTest, ExpiryIsValidated) {
  Client c = backend_client();
  CreateCachedContentConfig cfg;
  cfg.contents = {Content::from_text(kDocument)};
  for (const char* bad : {"10m", "-5s", "0s"}) {
    cfg.ttl = bad;
    auto r = c.caches().create(kModel, cfg);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().http_status, 400) << bad;
  }
  cfg.ttl.reset();
  cfg.expire_time = "2001-01-01T00:00:00Z";
  auto past = c.caches().create(kModel, cfg);
  ASSERT_FALSE(past.ok());
  EXPECT_NE(past.error().message.find("future"), std::string::npos) << past.error().message;
  cfg.expire_time = "2200-01-01T00:00:00.5+02:00";
  auto future = c.caches().create(kModel, cfg);
  ASSERT_TRUE(future.ok()) << future.error().to_string();
  EXPECT_EQ(*future->expire_time, "2199-12-31T22:00:00.500000000Z");
}

INSTANTIATE_TEST_SUITE_P(Backends, CachesTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Vertex" : "Developer"; });

// The Developer API keeps each key's project's caches apart, and a project
// without the Gemini API enabled gets SERVICE_DISABLED, as for generateContent.
TEST_F(EmulatorTest, CachesBelongToTheKeysProject) {
  CreateCachedContentConfig cfg;
  cfg.contents = {Content::from_text(kDocument)};
  auto cache = client().caches().create(kModel, cfg);
  ASSERT_TRUE(cache.ok()) << cache.error().to_string();
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  emulator::ApiKey spec;
  spec.project_id = "other-project";
  spec.kind = emulator::ApiKey::Kind::kStudio;
  Client other = client(make_key(spec));
  EXPECT_EQ(other.caches().get(cache->name).error().http_status, 403);
  int listed = 0;
  for (auto& item : other.caches().list()) listed += item.ok() ? 1 : 100;
  EXPECT_EQ(listed, 0);

  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kGenerativeLanguage, false).ok());
  auto disabled = client().caches().get(cache->name);
  ASSERT_FALSE(disabled.ok());
  EXPECT_EQ(disabled.error().reason(), "SERVICE_DISABLED") << disabled.error().to_string();
}

}  // namespace
}  // namespace genai::testing
