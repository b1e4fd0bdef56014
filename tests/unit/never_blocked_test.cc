// Never blocked by a field the library does not model: what a response
// carries beyond the structs is kept (`extra` at every level) and sent back
// as it came (a chat's history), a request can carry any field
// (`extra`, config.http_options.extra_body), and every call takes its own
// headers, timeout, retry policy, base URL and API version.
#include <gtest/gtest.h>

#include <string>

#include "core/json_types.h"
#include "genai/genai.h"
#include "tests/support/fake_transport.h"

namespace genai::testing {
namespace {

using nlohmann::json;

std::string header(const HttpRequest& r, std::string_view name) { return find_header(r.headers, name).value_or(""); }

// client_over, with a header of the client's own.
Client client_with_header(const std::shared_ptr<FakeTransport>& t) {
  ClientOptions o;
  o.api_key = "test-key";
  o.use_environment = false;
  o.transport = t;
  o.http_options.retry.attempts = 1;
  o.http_options.headers["X-Client-Header"] = "client";
  return Client::create(std::move(o)).value();
}

// An answer with a field nobody has modelled at every level: the response,
// a candidate, its content, a part of a kind that does not exist yet, a
// known part with a new member, a function call and the usage.
const json kAnswer = json::parse(R"({
  "candidates": [{
    "content": {
      "role": "model",
      "contentNovelty": {"a": 1},
      "parts": [
        {"text": "hello", "partNovelty": [1, 2]},
        {"hologram": {"uri": "holo://1", "frames": 3}},
        {"functionCall": {"name": "f", "args": {"x": 1}, "callNovelty": true}}
      ]
    },
    "finishReason": "STOP",
    "candidateNovelty": "yes"
  }],
  "usageMetadata": {"promptTokenCount": 3, "trafficType": "ON_DEMAND"},
  "modelVersion": "gemini-2.5-flash",
  "responseNovelty": 7
})");

TEST(NeverBlocked, EveryLevelOfAResponseKeepsWhatItDoesNotModel) {
  Result<GenerateContentResponse> r = internal::parse_generate_content_response(kAnswer);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->extra, json({{"responseNovelty", 7}}));
  const Candidate& c = r->candidates.at(0);
  EXPECT_EQ(c.extra, json({{"candidateNovelty", "yes"}}));
  EXPECT_EQ(c.content->extra, json({{"contentNovelty", {{"a", 1}}}}));
  const std::vector<Part>& parts = c.content->parts;
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].text, "hello");
  EXPECT_EQ(parts[0].extra, json({{"partNovelty", {1, 2}}}));
  EXPECT_FALSE(parts[1].text || parts[1].inline_data || parts[1].function_call);
  EXPECT_EQ(parts[1].extra["hologram"]["frames"], 3);
  EXPECT_EQ(parts[2].function_call->extra, json({{"callNovelty", true}}));
  EXPECT_EQ(r->usage_metadata->extra, json({{"trafficType", "ON_DEMAND"}}));
  EXPECT_EQ(r->text(), "hello");  // an unknown part is not text
  // Modelled fields are not duplicated into extra.
  EXPECT_FALSE(c.extra.contains("finishReason"));
  EXPECT_FALSE(r->extra.contains("candidates"));
}

TEST(NeverBlocked, APartOrContentIsSentBackExactlyAsItCame) {
  const json content = kAnswer["candidates"][0]["content"];
  const Content parsed = content.get<Content>();
  EXPECT_EQ(json(parsed), content);
}

TEST(NeverBlocked, AModelledFieldWinsOverTheSameNameInExtra) {
  Part p = Part::from_text("typed");
  p.extra["text"] = "from extra";
  p.extra["videoMetadata"] = {{"startOffset", "10s"}};
  const json j = p;
  EXPECT_EQ(j["text"], "typed");
  EXPECT_EQ(j["videoMetadata"]["startOffset"], "10s");
}

TEST(NeverBlocked, AChatSendsAnUnknownPartBackInItsHistory) {
  auto t = FakeTransport::make();
  t->answer(200, kAnswer.dump());
  t->answer(200, R"({"candidates":[{"content":{"role":"model","parts":[{"text":"again"}]}}]})");
  Client client = client_with_header(t);
  Chat chat = client.chats().create("gemini-2.5-flash");
  ASSERT_TRUE(chat.send_message("first").ok());
  ASSERT_TRUE(chat.send_message("second").ok());
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 2u);
  const json body = json::parse(sent[1].body);
  ASSERT_EQ(body["contents"].size(), 3u);
  EXPECT_EQ(body["contents"][1], kAnswer["candidates"][0]["content"]);
}

TEST(NeverBlocked, ExtraBodyIsMergedIntoTheRequestAsSent) {
  auto t = FakeTransport::make();
  t->answer(200, kAnswer.dump());
  Client client = client_with_header(t);
  GenerateContentConfig config;
  config.temperature = 0.5;
  config.safety_settings = {{"HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"}};
  config.http_options.extra_body = json::parse(R"({
    "generationConfig": {"futureKnob": {"level": 2}, "temperature": 0.25},
    "safetySettings": [],
    "topLevelNovelty": "on"
  })");
  ASSERT_TRUE(client.models().generate_content("gemini-2.5-flash", "hi", config).ok());
  const json body = json::parse(t->requests().at(0).body);
  EXPECT_EQ(body["generationConfig"]["futureKnob"]["level"], 2);       // added inside an object
  EXPECT_EQ(body["generationConfig"]["temperature"], 0.25);            // a value replaced
  EXPECT_EQ(body["safetySettings"], json::array());                    // an array replaced whole
  EXPECT_EQ(body["topLevelNovelty"], "on");
  EXPECT_EQ(body["contents"][0]["parts"][0]["text"], "hi");            // the rest as built
}

TEST(NeverBlocked, EachCallTakesItsOwnHeadersTimeoutBaseUrlAndApiVersion) {
  auto t = FakeTransport::make();
  t->answer(200, kAnswer.dump()).answer(200, kAnswer.dump());
  Client client = client_with_header(t);
  GenerateContentConfig config;
  config.http_options.headers = {{"x-client-header", "per-call"}, {"X-Call-Only", "1"}};
  config.http_options.timeout = std::chrono::milliseconds(1'500);
  config.http_options.base_url = "http://127.0.0.1:9/proxy/";
  config.http_options.api_version = "v1alpha";
  ASSERT_TRUE(client.models().generate_content("gemini-2.5-flash", "hi", config).ok());
  ASSERT_TRUE(client.models().generate_content("gemini-2.5-flash", "hi").ok());
  const std::vector<HttpRequest> sent = t->requests();
  EXPECT_EQ(sent[0].url, "http://127.0.0.1:9/proxy/v1alpha/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(header(sent[0], "X-Client-Header"), "per-call");  // replaced, whatever the case
  EXPECT_EQ(header(sent[0], "X-Call-Only"), "1");
  EXPECT_EQ(header(sent[0], "X-Server-Timeout"), "2");
  EXPECT_EQ(sent[0].timeout, std::chrono::milliseconds(1'500));
  int client_headers = 0;
  for (const auto& [name, value] : sent[0].headers) client_headers += name == "X-Client-Header" || name == "x-client-header";
  EXPECT_EQ(client_headers, 1);
  // The next call is the client's again.
  EXPECT_EQ(sent[1].url, "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
  EXPECT_EQ(header(sent[1], "X-Client-Header"), "client");
  EXPECT_EQ(header(sent[1], "X-Call-Only"), "");
}

TEST(NeverBlocked, EachCallTakesItsOwnRetryPolicy) {
  auto t = FakeTransport::make();
  t->answer(503).answer(503).answer(200, kAnswer.dump());
  Client client = client_with_header(t);  // the client's policy: one attempt
  GenerateContentConfig config;
  config.http_options.retry = RetryOptions{};
  config.http_options.retry->attempts = 3;
  config.http_options.retry->initial_delay = std::chrono::milliseconds(1);
  config.http_options.retry->jitter = std::chrono::milliseconds(0);
  EXPECT_TRUE(client.models().generate_content("gemini-2.5-flash", "hi", config).ok());
  EXPECT_EQ(t->requests().size(), 3u);
  t->answer(503).answer(200, kAnswer.dump());
  EXPECT_EQ(client.models().generate_content("gemini-2.5-flash", "hi").error().http_status, 503);
}

TEST(NeverBlocked, EveryKindOfCallTakesHttpOptions) {
  auto t = FakeTransport::make();
  Client client = client_with_header(t);
  RequestOptions call;
  call.headers["X-Per-Call"] = "yes";
  t->answer(200, R"({"totalTokens": 3})");
  CountTokensConfig count;
  count.http_options = call;
  EXPECT_TRUE(client.models().count_tokens("gemini-2.5-flash", "hi", count).ok());
  t->answer(200, R"({"embedding": {"values": [0.5]}})");
  EmbedContentConfig embed;
  embed.http_options = call;
  EXPECT_TRUE(client.models().embed_content("gemini-embedding-001", std::vector<std::string>{"hi"}, embed).ok());
  t->answer(200, R"({"name": "models/gemini-2.5-flash"})");
  EXPECT_TRUE(client.models().get("gemini-2.5-flash", {.http_options = call}).ok());
  t->answer(200, R"({"models": []})");
  ListModelsConfig list;
  list.http_options = call;
  for (const Result<Model>& m : client.models().list(list)) EXPECT_TRUE(m.ok());
  t->answer(200, R"({"name": "cachedContents/c1", "model": "models/gemini-2.5-flash"})");
  EXPECT_TRUE(client.caches().get("c1", {.http_options = call}).ok());
  t->answer(200, "{}");
  EXPECT_TRUE(client.caches().delete_("c1", {.http_options = call}).ok());
  const std::vector<HttpRequest> sent = t->requests();
  ASSERT_EQ(sent.size(), 6u);
  for (const HttpRequest& r : sent) EXPECT_EQ(header(r, "X-Per-Call"), "yes") << r.url;
}

TEST(NeverBlocked, BadPerCallOptionsAreRefusedBeforeSending) {
  auto t = FakeTransport::make();
  Client client = client_with_header(t);
  GenerateContentConfig injected;
  injected.http_options.headers["X-Note"] = "ok\r\nX-Injected: yes";
  Error e = client.models().generate_content("gemini-2.5-flash", "hi", injected).error();
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(e.message.find("X-Note"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.find("Injected"), std::string::npos) << "the value is never echoed: " << e.message;
  GenerateContentConfig bad_name;
  bad_name.http_options.headers["Bad Name"] = "v";
  EXPECT_EQ(client.models().generate_content("gemini-2.5-flash", "hi", bad_name).error().kind,
            ErrorKind::kInvalidArgument);
  GenerateContentConfig not_an_object;
  not_an_object.http_options.extra_body = json::array({1, 2});
  EXPECT_EQ(client.models().generate_content("gemini-2.5-flash", "hi", not_an_object).error().kind,
            ErrorKind::kInvalidArgument);
  GenerateContentConfig bad_url;
  bad_url.http_options.base_url = "ftp://user:hunter2secret@example.com";
  Error url_error = client.models().generate_content("gemini-2.5-flash", "hi", bad_url).error();
  EXPECT_EQ(url_error.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(url_error.message.find("hunter2secret"), std::string::npos) << "a URL's password is never shown: "
                                                                         << url_error.message;
  EXPECT_TRUE(t->requests().empty());
}

TEST(NeverBlocked, ClientHeadersWithControlCharactersAreRefusedAtCreate) {
  ClientOptions o;
  o.api_key = "test-key";
  o.use_environment = false;
  o.transport = FakeTransport::make();
  o.http_options.headers["X-Tag"] = "a\nb";
  Result<Client> c = Client::create(std::move(o));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace genai::testing
