// libgenai against the real emulator over loopback, with the real curl transport.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

class ClientTest : public EmulatorTest {
 protected:
  // Restarts the emulator so that it pauses `delay_ms` between the chunks of
  // every stream, with the test project and key made again.
  void restart_with_chunk_delay(int delay_ms) {
    server_->stop();
    emulator::ServerOptions options;
    options.stream_chunk_delay_ms = delay_ms;
    server_ = emulator::Server::start(options).value();
    ASSERT_TRUE(state().create_project("test-project").ok());
    ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kGenerativeLanguage, true).ok());
    emulator::ApiKey spec;
    spec.project_id = "test-project";
    key_ = make_key(spec);
  }
};

// What generate_content_stream_async delivered: each chunk's text and the
// moment it came, the threads it came on, and how the stream ended.
struct AsyncStreamLog {
  std::mutex mu;
  std::vector<std::string> texts;
  std::vector<milliseconds> arrivals;
  std::set<std::thread::id> threads;
  std::promise<Result<void>> end;
};

void stream_async_into(Models models, const std::string& prompt, AsyncStreamLog& log, int stop_after = -1) {
  const auto start = steady_clock::now();
  models.generate_content_stream_async(
      "gemini-2.5-flash", {Content::from_text(prompt)}, {},
      [&log, start, stop_after](GenerateContentResponse chunk) {
        std::lock_guard<std::mutex> lock(log.mu);
        log.texts.push_back(chunk.text());
        log.arrivals.push_back(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start));
        log.threads.insert(std::this_thread::get_id());
        return static_cast<int>(log.texts.size()) != stop_after;
      },
      [&log](Result<void> end) { log.end.set_value(std::move(end)); });
}

TEST_F(ClientTest, GenerateContent) {
  auto r = client().models().generate_content("gemini-2.5-flash", "Why is the sky blue?");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_FALSE(r->text().empty());
  ASSERT_EQ(r->candidates.size(), 1u);
  EXPECT_EQ(r->candidates[0].finish_reason, "STOP");
  ASSERT_TRUE(r->usage_metadata);
  EXPECT_GT(*r->usage_metadata->prompt_token_count, 0);
  // 2.5 Flash thinks by default, as Google's does: its thoughts are counted
  // in the total but not shown.
  ASSERT_TRUE(r->usage_metadata->thoughts_token_count);
  EXPECT_GT(*r->usage_metadata->thoughts_token_count, 0);
  EXPECT_TRUE(r->thoughts().empty());
  EXPECT_EQ(*r->usage_metadata->total_token_count, *r->usage_metadata->prompt_token_count +
                                                       *r->usage_metadata->candidates_token_count +
                                                       *r->usage_metadata->thoughts_token_count);
  EXPECT_EQ(r->model_version, "gemini-2.5-flash");
  EXPECT_TRUE(r->raw->contains("responseId"));
}

TEST_F(ClientTest, DeterministicAndConfigSensitive) {
  Models m = client().models();
  const auto a = m.generate_content("gemini-2.5-flash", "same prompt").value().text();
  const auto b = m.generate_content("gemini-2.5-flash", "same prompt").value().text();
  EXPECT_EQ(a, b);
  GenerateContentConfig cfg;
  cfg.temperature = 1.5;
  EXPECT_NE(m.generate_content("gemini-2.5-flash", "same prompt", cfg).value().text(), a);
}

TEST_F(ClientTest, MaxTokensAndStopSequences) {
  GenerateContentConfig cfg;
  cfg.max_output_tokens = 5;
  auto r = client().models().generate_content("gemini-2.5-flash", "Tell me a long story", cfg).value();
  EXPECT_EQ(r.candidates[0].finish_reason, "MAX_TOKENS");
  EXPECT_LE(*r.usage_metadata->candidates_token_count, 5);
}

TEST_F(ClientTest, StreamDeliversChunksIncrementally) {
  // The emulator pauses 100 ms between chunks; the first chunk must reach the
  // caller long before the last one is sent.
  restart_with_chunk_delay(100);

  const auto start = steady_clock::now();
  auto stream = client().models().generate_content_stream("gemini-2.5-flash", "Tell me a story about the sea");
  std::vector<milliseconds> arrivals;
  std::string text;
  std::optional<GenerateContentResponse> last;
  for (auto& chunk : stream) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    arrivals.push_back(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start));
    text += chunk->text();
    last = *chunk;
  }
  ASSERT_GE(arrivals.size(), 3u);
  EXPECT_LT(arrivals.front().count() + 200, arrivals.back().count());
  EXPECT_EQ(last->candidates[0].finish_reason, "STOP");
  // The stream carries the same answer as the unary call.
  EXPECT_EQ(text, client().models().generate_content("gemini-2.5-flash", "Tell me a story about the sea").value().text());
}

TEST_F(ClientTest, StreamCanBeCancelledFromAnotherThread) {
  restart_with_chunk_delay(2000);
  auto stream = client().models().generate_content_stream("gemini-2.5-flash", "A long story please");
  auto first = stream.next();
  ASSERT_TRUE(first && first->ok());
  const auto start = steady_clock::now();
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    stream.cancel();
  });
  auto second = stream.next();
  canceller.join();
  ASSERT_TRUE(second);
  ASSERT_FALSE(second->ok());
  EXPECT_EQ(second->error().kind, ErrorKind::kCancelled);
  EXPECT_LT(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count(), 1500);
  EXPECT_FALSE(stream.next());
}

TEST_F(ClientTest, StreamCutMidEventIsAnError) {
  set_faults("streamGenerateContent=cut");
  auto stream = client().models().generate_content_stream("gemini-2.5-flash", "Tell me a story");
  bool saw_error = false;
  for (auto& chunk : stream) {
    if (!chunk) {
      saw_error = true;
      EXPECT_EQ(chunk.error().kind, ErrorKind::kTransport);
      EXPECT_NE(chunk.error().message.find("chunk(s)"), std::string::npos) << chunk.error().to_string();
    }
  }
  EXPECT_TRUE(saw_error);
}

// The async stream: the same chunks as the blocking one, each delivered on
// the event loop as it arrives (not at the end).
TEST_F(ClientTest, StreamAsyncDeliversChunksAsTheyArriveOnTheLoop) {
  restart_with_chunk_delay(100);
  const std::string prompt = "Tell me a story about the sea";
  std::vector<std::string> blocking;
  for (auto& chunk : client().models().generate_content_stream("gemini-2.5-flash", prompt)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    blocking.push_back(chunk->text());
  }
  Client c = client();
  AsyncStreamLog log;
  stream_async_into(c.models(), prompt, log);
  std::future<Result<void>> end = log.end.get_future();
  ASSERT_EQ(end.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  Result<void> r = end.get();
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  std::lock_guard<std::mutex> lock(log.mu);
  EXPECT_EQ(log.texts, blocking);
  ASSERT_GE(log.arrivals.size(), 3u);
  EXPECT_LT(log.arrivals.front().count() + 200, log.arrivals.back().count());
  EXPECT_EQ(log.threads.size(), 1u);
  EXPECT_FALSE(log.threads.count(std::this_thread::get_id())) << "chunks are delivered on the event loop";

  // The future form, and an error found before sending (at once).
  std::string text;
  Result<void> by_future = c.models()
                               .generate_content_stream_async("gemini-2.5-flash", {Content::from_text(prompt)}, {},
                                                              [&](GenerateContentResponse chunk) {
                                                                text += chunk.text();
                                                                return true;
                                                              })
                               .get();
  ASSERT_TRUE(by_future.ok()) << by_future.error().to_string();
  std::string joined;
  for (const std::string& t : blocking) joined += t;
  EXPECT_EQ(text, joined);
  Result<void> empty =
      c.models().generate_content_stream_async("gemini-2.5-flash", {}, {}, [](GenerateContentResponse) { return true; }).get();
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(ClientTest, StreamAsyncStopsWhenTheChunkCallbackSaysSo) {
  restart_with_chunk_delay(2000);
  Client c = client();
  AsyncStreamLog log;
  const auto start = steady_clock::now();
  stream_async_into(c.models(), "A long story please", log, 1);
  std::future<Result<void>> end = log.end.get_future();
  ASSERT_EQ(end.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  Result<void> r = end.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kCancelled);
  // Stopped at the first chunk, not after the next one 2 s later.
  EXPECT_LT(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count(), 1800);
  std::lock_guard<std::mutex> lock(log.mu);
  EXPECT_EQ(log.texts.size(), 1u);
}

TEST_F(ClientTest, StreamAsyncRetriesBeforeItsFirstChunkNeverAfter) {
  set_faults("streamGenerateContent=503#1");
  Client c = client(key(), 3);
  AsyncStreamLog retried;
  stream_async_into(c.models(), "Tell me a story", retried);
  Result<void> ok = retried.end.get_future().get();
  EXPECT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_FALSE(retried.texts.empty());

  set_faults("streamGenerateContent=cut");
  AsyncStreamLog cut;
  stream_async_into(c.models(), "Tell me a story", cut);
  Result<void> failed = cut.end.get_future().get();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::kTransport);
  EXPECT_NE(failed.error().message.find("chunk(s)"), std::string::npos) << failed.error().to_string();
}

// Many streams at once on the one event-loop thread: together they take
// about as long as one, not as long as all of them one after another.
TEST_F(ClientTest, ManyStreamsAsyncShareOneEventLoop) {
  restart_with_chunk_delay(100);
  Client c = client();
  constexpr int kStreams = 12;
  const auto one_start = steady_clock::now();
  AsyncStreamLog one;
  stream_async_into(c.models(), "Tell me a story about the sea", one);
  ASSERT_TRUE(one.end.get_future().get().ok());
  const auto one_took = steady_clock::now() - one_start;

  std::vector<std::unique_ptr<AsyncStreamLog>> logs;
  const auto start = steady_clock::now();
  for (int i = 0; i < kStreams; ++i) {
    logs.push_back(std::make_unique<AsyncStreamLog>());
    stream_async_into(c.models(), "Tell me a story about the sea", *logs.back());
  }
  std::set<std::thread::id> threads;
  for (auto& log : logs) {
    std::future<Result<void>> end = log->end.get_future();
    ASSERT_EQ(end.wait_for(std::chrono::seconds(60)), std::future_status::ready);
    Result<void> r = end.get();
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    std::lock_guard<std::mutex> lock(log->mu);
    EXPECT_EQ(log->texts, one.texts);
    threads.insert(log->threads.begin(), log->threads.end());
  }
  const auto took = steady_clock::now() - start;
  EXPECT_EQ(threads.size(), 1u);
  EXPECT_LT(took, 4 * one_took) << "one stream: " << std::chrono::duration_cast<milliseconds>(one_took).count()
                                << " ms; " << kStreams << " at once: "
                                << std::chrono::duration_cast<milliseconds>(took).count() << " ms";
}

TEST_F(ClientTest, CountTokensMatchesUsage) {
  Models m = client().models();
  auto n = m.count_tokens("gemini-2.5-flash", "How many tokens is this?");
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  auto g = m.generate_content("gemini-2.5-flash", "How many tokens is this?").value();
  EXPECT_EQ(n->total_tokens, *g.usage_metadata->prompt_token_count);
}

TEST_F(ClientTest, EmbedSingleAndBatch) {
  Models m = client().models();
  auto one = m.embed_content("gemini-embedding-001", std::vector<std::string>{"hello"});
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  ASSERT_EQ(one->embeddings.size(), 1u);
  EXPECT_EQ(one->embeddings[0].values.size(), 3072u);
  EmbedContentConfig cfg;
  cfg.output_dimensionality = 256;
  auto many = m.embed_content("gemini-embedding-001", std::vector<std::string>{"a", "b", "c"}, cfg);
  ASSERT_TRUE(many.ok()) << many.error().to_string();
  ASSERT_EQ(many->embeddings.size(), 3u);
  EXPECT_EQ(many->embeddings[2].values.size(), 256u);
  EXPECT_NE(many->embeddings[0].values, many->embeddings[1].values);
}

TEST_F(ClientTest, ListFollowsPagesAndGet) {
  ListModelsConfig cfg;
  cfg.page_size = 2;
  Pager<Model> pager = client().models().list(cfg);
  std::vector<std::string> names;
  for (auto& m : pager) {
    ASSERT_TRUE(m.ok()) << m.error().to_string();
    names.push_back(m->name);
  }
  EXPECT_GE(names.size(), 5u);
  EXPECT_NE(std::find(names.begin(), names.end(), "models/gemini-2.5-flash"), names.end());
  auto model = client().models().get("gemini-2.5-flash");
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->name, "models/gemini-2.5-flash");
  EXPECT_GT(*model->input_token_limit, 0);
}

// A pager's pages on the client's event loop: the future form and the
// callback form (asking for the next page from the callback) see exactly the
// pages a blocking iteration sees; a list refused before sending answers at
// once, and the pager then ends.
TEST_F(ClientTest, ListPagesAsyncOnTheEventLoop) {
  ListModelsConfig cfg;
  cfg.page_size = 2;
  std::vector<std::string> blocking;
  for (auto& m : client().models().list(cfg)) blocking.push_back(m.value().name);
  ASSERT_GE(blocking.size(), 5u);

  Pager<Model> futures = client().models().list(cfg);
  std::vector<std::string> by_future;
  int pages = 0;
  while (std::optional<Result<Page<Model>>> page = futures.next_page_async().get()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    for (const Model& m : (*page)->items) by_future.push_back(m.name);
    ASSERT_LT(++pages, 100);
  }
  EXPECT_EQ(by_future, blocking);
  EXPECT_EQ(pages, static_cast<int>((blocking.size() + 1) / 2));

  Client c = client();
  Pager<Model> chained = c.models().list(cfg);
  std::vector<std::string> by_callback;
  std::set<std::thread::id> threads;
  std::promise<void> finished;
  std::function<void(std::optional<Result<Page<Model>>>)> on_page = [&](std::optional<Result<Page<Model>>> page) {
    threads.insert(std::this_thread::get_id());
    if (!page || !page->ok()) return finished.set_value();
    for (const Model& m : (*page)->items) by_callback.push_back(m.name);
    chained.next_page_async(on_page);  // the next page, from the event loop
  };
  chained.next_page_async(on_page);
  ASSERT_EQ(finished.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(by_callback, blocking);
  EXPECT_FALSE(threads.count(std::this_thread::get_id())) << "pages are delivered on the event loop";

  // Tuning jobs are Vertex AI's: refused before sending, at once, then the end.
  Pager<TuningJob> refused = c.tunings().list();
  std::optional<Result<Page<TuningJob>>> first = refused.next_page_async().get();
  ASSERT_TRUE(first && !first->ok());
  EXPECT_EQ(first->error().kind, ErrorKind::kInvalidArgument);
  EXPECT_FALSE(refused.next_page_async().get());
}

TEST_F(ClientTest, ErrorsCarryGoogleDetailsAndFixes) {
  auto invalid = client("AIza" + std::string(35, 'q')).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().http_status, 400);
  EXPECT_EQ(invalid.error().reason(), "API_KEY_INVALID");
  EXPECT_THROW((void)invalid.value(), ClientError);

  auto missing = client().models().generate_content("no-such-model", "x");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_NE(missing.error().message.find("models/no-such-model is not found"), std::string::npos);

  ASSERT_TRUE(state().create_project("disabled-project").ok());
  emulator::ApiKey spec;
  spec.project_id = "disabled-project";
  auto disabled = client(make_key(spec)).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(disabled.ok());
  EXPECT_EQ(disabled.error().reason(), "SERVICE_DISABLED");
  EXPECT_NE(disabled.error().fix.find("gcloud services enable generativelanguage.googleapis.com"), std::string::npos);
}

TEST_F(ClientTest, KeyRestrictionsAreEnforced) {
  emulator::ApiKey ip;
  ip.project_id = "test-project";
  ip.allowed_ips = {"203.0.113.0/24"};
  auto blocked = client(make_key(ip)).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().reason(), "API_KEY_IP_ADDRESS_BLOCKED");
  EXPECT_EQ(blocked.error().error_info->metadata.at("callerIp"), "127.0.0.1");

  emulator::ApiKey loopback;
  loopback.project_id = "test-project";
  loopback.allowed_ips = {"127.0.0.0/8"};
  EXPECT_TRUE(client(make_key(loopback)).models().generate_content("gemini-2.5-flash", "x").ok());

  emulator::ApiKey other_api;
  other_api.project_id = "test-project";
  other_api.api_targets = {"translate.googleapis.com"};
  auto service_blocked = client(make_key(other_api)).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(service_blocked.ok());
  EXPECT_EQ(service_blocked.error().reason(), "API_KEY_SERVICE_BLOCKED");

  emulator::ApiKey referrer;
  referrer.project_id = "test-project";
  referrer.allowed_referrers = {"https://example.com/*"};
  auto referrer_blocked = client(make_key(referrer)).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(referrer_blocked.ok());
  EXPECT_EQ(referrer_blocked.error().reason(), "API_KEY_HTTP_REFERRER_BLOCKED");
}

TEST_F(ClientTest, DeletedKeyIsInvalid) {
  emulator::ApiKey spec;
  spec.project_id = "test-project";
  auto created = state().create_key(spec).value();
  EXPECT_TRUE(client(created.key_string).models().generate_content("gemini-2.5-flash", "x").ok());
  ASSERT_TRUE(state().delete_key(created.uid).ok());
  auto r = client(created.key_string).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason(), "API_KEY_INVALID");
}

TEST_F(ClientTest, RetriesTransientErrorsThenSucceeds) {
  set_faults("generateContent=503#2");
  auto r = client(key(), 3).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(state().counters().at("requests GenerativeService.GenerateContent"), 1);  // the two faults never reached the route
}

TEST_F(ClientTest, GivesUpAfterAttemptsAndKeepsTheLastError) {
  set_faults("generateContent=503");
  auto r = client(key(), 2).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_THROW((void)r.value(), ServerError);
}

TEST_F(ClientTest, HonoursRetryInfo) {
  set_faults("generateContent=429:1#1");  // RetryInfo retryDelay "1s"
  const auto start = steady_clock::now();
  auto r = client(key(), 2).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_GE(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count(), 1000);  // the server's delay, in full
}

TEST_F(ClientTest, NonJsonAndBrokenBodiesGiveClearErrors) {
  set_faults("generateContent=html#1");
  auto html = client().models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().http_status, 502);
  EXPECT_NE(html.error().message.find("HTML page"), std::string::npos);

  set_faults("generateContent=badjson#1");
  auto bad = client().models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("not valid JSON"), std::string::npos);

  set_faults("generateContent=reset#1");
  auto reset = client().models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(reset.ok());
  EXPECT_EQ(reset.error().kind, ErrorKind::kTransport);
}

TEST_F(ClientTest, PlainQuotaErrorRetriedAfterRetryAfter) {
  set_faults("generateContent=429plain:1#1");  // no RetryInfo; Retry-After: 1
  const auto start = steady_clock::now();
  auto r = client(key(), 2).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_GE(std::chrono::duration_cast<milliseconds>(steady_clock::now() - start).count(), 1000);
  set_faults("generateContent=429plain#1");
  auto once = client(key(), 1).models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(once.ok());
  EXPECT_EQ(once.error().status, "RESOURCE_EXHAUSTED");
  EXPECT_FALSE(once.error().fix.empty());
}

TEST_F(ClientTest, EnormousResponseIsHandledWithoutCrashing) {
  set_faults("generateContent=big:16777216#1");  // 16 MiB, valid JSON but not a response
  auto r = client().models().generate_content("gemini-2.5-flash", "x");
  // Not a GenerateContentResponse: no candidates, no text, but no crash either.
  if (r.ok()) {
    EXPECT_TRUE(r->candidates.empty());
    EXPECT_EQ(r->text(), "");
  } else {
    EXPECT_FALSE(r.error().message.empty());
  }
  // The client still works afterwards.
  EXPECT_TRUE(client().models().generate_content("gemini-2.5-flash", "x").ok());
}

TEST_F(ClientTest, TimeoutIsATransportError) {
  set_faults("generateContent=slow:1000#1");
  ClientOptions o;
  o.api_key = key();
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.http_options.timeout = std::chrono::milliseconds(300);
  o.http_options.retry.attempts = 1;
  auto r = Client::create(o).value().models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos);
}

TEST_F(ClientTest, ConnectionRefusedIsATransportError) {
  const std::string url = base_url();
  server_->stop();
  ClientOptions o;
  o.api_key = key();
  o.use_environment = false;
  o.http_options.base_url = url;
  o.http_options.retry.attempts = 1;
  auto r = Client::create(o).value().models().generate_content("gemini-2.5-flash", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.error().message.find("could not connect"), std::string::npos) << r.error().message;
  EXPECT_THROW((void)r.value(), TransportError);
}

TEST_F(ClientTest, AsyncRequestsShareOneEventLoop) {
  Models m = client().models();
  std::vector<std::future<Result<GenerateContentResponse>>> futures;
  for (int i = 0; i < 200; ++i) futures.push_back(m.generate_content_async("gemini-2.5-flash", "prompt " + std::to_string(i)));
  int ok = 0;
  for (auto& f : futures) {
    ASSERT_EQ(f.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    auto r = f.get();
    if (r.ok() && !r->text().empty()) ++ok;
  }
  EXPECT_EQ(ok, 200);
}

// The callback overload: answers arrive on the loop thread, and a callback
// that starts the next call (no wakeup needed) keeps a chain going to the end.
TEST_F(ClientTest, AsyncCallbacksChainOnTheLoopThread) {
  Models m = client().models();
  std::mutex mu;
  std::condition_variable cv;
  int done = 0, ok = 0;
  std::set<std::thread::id> threads;
  constexpr int kChains = 4, kPerChain = 25;
  std::function<void(int)> next = [&](int left) {
    m.generate_content_async("gemini-2.5-flash", {Content::from_text("chain")}, {},
                             [&, left](Result<GenerateContentResponse> r) {
                               if (left > 1) next(left - 1);
                               // Notified under the lock: once `done` is complete
                               // the test returns and destroys cv.
                               std::lock_guard<std::mutex> lock(mu);
                               threads.insert(std::this_thread::get_id());
                               if (r.ok() && !r->text().empty()) ++ok;
                               ++done;
                               cv.notify_all();
                             });
  };
  for (int i = 0; i < kChains; ++i) next(kPerChain);
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(30), [&] { return done == kChains * kPerChain; })) << done;
  EXPECT_EQ(ok, kChains * kPerChain);
  EXPECT_EQ(threads.size(), 1u);
  EXPECT_EQ(threads.count(std::this_thread::get_id()), 0u);
}

TEST_F(ClientTest, AsyncCallbackGetsEarlyErrorsAtOnceAndSurvivesAThrowingCallback) {
  Models m = client().models();
  bool called = false;
  m.generate_content_async("gemini-2.5-flash", std::vector<Content>{}, {}, [&](Result<GenerateContentResponse> r) {
    called = true;
    EXPECT_FALSE(r.ok());
  });
  EXPECT_TRUE(called);  // on this thread, before returning
  std::promise<void> thrown;
  m.generate_content_async("gemini-2.5-flash", {Content::from_text("x")}, {}, [&](Result<GenerateContentResponse>) {
    thrown.set_value();
    throw std::runtime_error("a careless callback");
  });
  ASSERT_EQ(thrown.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto r = m.generate_content_async("gemini-2.5-flash", "still serving").get();  // the loop is alive
  EXPECT_TRUE(r.ok()) << r.error().to_string();
}

TEST_F(ClientTest, AsyncRetriesOnTheLoop) {
  set_faults("generateContent=503#2");
  Client c = client(key(), 3);  // pending async calls need their client alive
  auto f = c.models().generate_content_async("gemini-2.5-flash", "x");
  auto r = f.get();
  EXPECT_TRUE(r.ok()) << r.error().to_string();
}

TEST_F(ClientTest, DestroyingTheClientCancelsPendingAsyncCalls) {
  set_faults("generateContent=slow:1000#1");
  std::future<Result<GenerateContentResponse>> f;
  {
    Client c = client();
    f = c.models().generate_content_async("gemini-2.5-flash", "x");
  }
  ASSERT_EQ(f.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  auto r = f.get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kCancelled);
}

TEST_F(ClientTest, ApiKeyOnlyInHeaderAndTraceIsRedacted) {
  std::vector<std::string> lines;
  std::mutex mu;
  ClientOptions o;
  o.api_key = key();
  o.use_environment = false;
  o.http_options.base_url = base_url();
  o.http_options.trace = [&](std::string_view line) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(line);
  };
  Client c = Client::create(o).value();
  ASSERT_TRUE(c.models().generate_content("gemini-2.5-flash", "x").ok());
  auto bad = c.models().generate_content("no-such-model", "x");
  ASSERT_FALSE(bad.ok());
  bool saw_url = false, saw_key_header = false;
  for (const std::string& l : lines) {
    EXPECT_EQ(l.find(key()), std::string::npos) << l;
    if (l.rfind("> POST ", 0) == 0) {
      saw_url = true;
      EXPECT_EQ(l.find("key="), std::string::npos) << l;
    }
    if (l.find("x-goog-api-key") != std::string::npos) saw_key_header = true;
  }
  EXPECT_TRUE(saw_url);
  EXPECT_TRUE(saw_key_header);
  EXPECT_EQ(bad.error().to_string().find(key()), std::string::npos);
  EXPECT_EQ(c.config().credential_description.find(key()), std::string::npos);
}

class QuotaTest : public EmulatorTest {
  void configure(emulator::ServerOptions& o) override { o.requests_per_minute = 2; }
};

TEST_F(QuotaTest, PerMinuteQuotaIsGoogles429) {
  Models m = client().models();
  ASSERT_TRUE(m.count_tokens("gemini-2.5-flash", "a"));
  ASSERT_TRUE(m.count_tokens("gemini-2.5-flash", "b"));
  auto r = m.count_tokens("gemini-2.5-flash", "c");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 429);
  EXPECT_EQ(r.error().status, "RESOURCE_EXHAUSTED");
  ASSERT_EQ(r.error().quota_violations.size(), 1u);
  const QuotaViolation& v = r.error().quota_violations[0];
  EXPECT_EQ(v.quota_dimensions.at("model"), "gemini-2.5-flash");
  EXPECT_EQ(v.quota_value, "2");
  EXPECT_EQ(v.quota_id, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier");
  ASSERT_TRUE(r.error().retry_delay);
  EXPECT_LE(*r.error().retry_delay, std::chrono::seconds(60));
}

}  // namespace
}  // namespace genai::testing
