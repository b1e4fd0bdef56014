// client.live() against a scripted WebSocket server (tests/support/
// live_test_server.h): the upgrade request (URL, credentials in headers), the
// messages both ways, resumption after a drop and after goAway, keepalive,
// limits, TLS verification, proxies, and hostile servers.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include "genai/genai.h"
#include "tests/support/live_test_server.h"
#include "tests/support/scoped_env.h"
#include "tests/support/test_proxies.h"

namespace genai {
namespace {

using testing::LiveTestServer;
using Conn = LiveTestServer::Connection;
using nlohmann::json;

constexpr const char* kKey = "AIzaSyLiveTestKey000000000000000000000";

json next_json(Conn& c) {
  std::optional<std::string> m = c.receive();
  if (!m) return json();
  return json::parse(*m, nullptr, false);
}

// Reads the setup and answers setupComplete; returns the setup.
json accept_setup(Conn& c, const std::string& session = "s1") {
  json setup = next_json(c);
  c.send(json{{"setupComplete", {{"sessionId", session}}}}.dump());
  return setup;
}

// The same, keeping the setup in `out` (under `mu`) before it is answered:
// once connect() returns, the test may read it.
void accept_setup_into(Conn& c, std::mutex& mu, json& out) {
  json setup = next_json(c);
  {
    std::lock_guard<std::mutex> lock(mu);
    out = setup;
  }
  c.send(json{{"setupComplete", {{"sessionId", "s1"}}}}.dump());
}

ClientOptions dev_options(const LiveTestServer& server, std::string key = kKey) {
  ClientOptions o;
  o.api_key = std::move(key);
  o.use_environment = false;
  o.http_options.base_url = server.base_url();
  o.http_options.retry.initial_delay = std::chrono::milliseconds(10);
  o.http_options.retry.jitter = std::chrono::milliseconds(0);
  return o;
}

Client dev_client(const LiveTestServer& server, std::string key = kKey) {
  return Client::create(dev_options(server, std::move(key))).value();
}

// The same, trusting the test server's own certificate (for wss://).
Client trusting_client(const LiveTestServer& server) {
  ClientOptions o = dev_options(server);
  o.http_options.ca_bundle = server.certificate_file();
  return Client::create(o).value();
}

// Reads messages until turnComplete; the text joined.
std::string read_turn(LiveSession& s) {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    auto m = s.receive();
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().to_string());
    if (!m.ok() || !*m) break;
    if ((*m)->text()) text += *(*m)->text();
    if ((*m)->server_content && (*m)->server_content->turn_complete.value_or(false)) break;
  }
  return text;
}

std::string turn_answer(const std::string& text) {
  return json{{"serverContent", {{"modelTurn", {{"role", "model"}, {"parts", {{{"text", text}}}}}}}}}.dump();
}
const std::string kTurnComplete = R"({"serverContent":{"turnComplete":true}})";

// A server script's opening: the setup, then the first turn answered "one"
// and covered by the resumption handle `handle`.
void answer_first_turn(Conn& c, const std::string& handle) {
  accept_setup(c);
  next_json(c);
  c.send(turn_answer("one"));
  c.send(kTurnComplete);
  c.send(json{{"sessionResumptionUpdate", {{"newHandle", handle}, {"resumable", true}}}}.dump());
}

class LiveClient : public ::testing::Test {
 protected:
  // The machine's own proxy settings must not leak into these tests.
  testing::ScopedEnv clean_env_{{"http_proxy", std::nullopt}, {"https_proxy", std::nullopt},
                                {"HTTPS_PROXY", std::nullopt}, {"all_proxy", std::nullopt},
                                {"ALL_PROXY", std::nullopt}, {"no_proxy", std::nullopt}, {"NO_PROXY", std::nullopt}};
};

TEST_F(LiveClient, UpgradeCarriesTheKeyInAHeaderNeverInTheUrlAndTheSetupAsTheSdksWriteIt) {
  std::mutex mu;
  std::string target, key_header, api_client;
  json setup;
  LiveTestServer server({[&](Conn& c) {
    {
      std::lock_guard<std::mutex> lock(mu);
      target = c.target();
      key_header = c.header("x-goog-api-key").value_or("");
      api_client = c.header("x-goog-api-client").value_or("");
    }
    accept_setup_into(c, mu, setup);
  }});
  LiveConnectConfig cfg;
  cfg.response_modalities = {"TEXT"};
  cfg.temperature = 0.5;
  cfg.system_instruction = Content::from_text("Be brief.");
  cfg.input_audio_transcription = AudioTranscriptionConfig{};
  cfg.realtime_input_config = RealtimeInputConfig{AutomaticActivityDetection{true, {}, {}, {}, {}}, {}, {}};
  cfg.context_window_compression = ContextWindowCompressionConfig{1000, SlidingWindow{500}};
  cfg.http_options.extra_body = {{"setup", {{"newKnob", 7}}}};
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg);
  ASSERT_TRUE(session.ok()) << session.error().to_string();
  EXPECT_EQ((*session)->session_id(), "s1");
  (*session)->close();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(target, "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent");
  EXPECT_EQ(target.find("key"), std::string::npos);
  EXPECT_EQ(key_header, kKey);
  EXPECT_NE(api_client.find("genai-cpp/"), std::string::npos);
  const json expected = json::parse(R"({"setup":{
    "model":"models/gemini-live-2.5-flash-preview",
    "generationConfig":{"responseModalities":["TEXT"],"temperature":0.5},
    "systemInstruction":{"role":"user","parts":[{"text":"Be brief."}]},
    "inputAudioTranscription":{},
    "realtimeInputConfig":{"automaticActivityDetection":{"disabled":true}},
    "contextWindowCompression":{"triggerTokens":1000,"slidingWindow":{"targetTokens":500}},
    "newKnob":7}})");
  EXPECT_EQ(setup, expected) << setup.dump();
}

TEST_F(LiveClient, MessagesBothWaysKeepTheSdksShapesAndUnknownFields) {
  std::vector<json> got;
  std::mutex mu;
  LiveTestServer server({[&](Conn& c) {
    accept_setup(c);
    for (int i = 0; i < 4; ++i) {
      json m = next_json(c);
      std::lock_guard<std::mutex> lock(mu);
      got.push_back(m);
    }
    c.send(R"({"serverContent":{"modelTurn":{"role":"model","parts":[{"text":"Hi"},{"inlineData":{"mimeType":"audio/pcm;rate=24000","data":"AAEC"}}]},"inputTranscription":{"text":"hello","finished":true},"newThing":1},"futureField":{"a":1}})");
    c.send_binary(R"({"toolCall":{"functionCalls":[{"id":"c1","name":"f","args":{"x":1}}]}})");
    c.send(R"({"sessionResumptionUpdate":{"newHandle":"h9","resumable":true},"usageMetadata":{"promptTokenCount":3,"responseTokenCount":"5","totalTokenCount":8}})");
    c.send(R"({"goAway":{"timeLeft":"10s"}})");
    c.send(R"({"toolCallCancellation":{"ids":["c1"]}})");
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  ASSERT_TRUE(session->send_client_content({Content::from_text("Hello")}, true).ok());
  ASSERT_TRUE(session->send_realtime_input(LiveRealtimeInput::pcm(std::string("\x01\x02", 2))).ok());
  LiveRealtimeInput end;
  end.audio_stream_end = true;
  ASSERT_TRUE(session->send_realtime_input(end).ok());
  ASSERT_TRUE(session->send_tool_response({FunctionResponse{"c0", "f", json{{"ok", true}}, json::object()}}).ok());

  auto m1 = session->receive().value().value();
  EXPECT_EQ(m1.text(), "Hi");
  ASSERT_TRUE(m1.audio());
  EXPECT_EQ(m1.audio()->samples, std::string("\x00\x01\x02", 3));
  EXPECT_EQ(m1.audio()->sample_rate, 24000);
  EXPECT_EQ(m1.server_content->input_transcription->text, "hello");
  EXPECT_EQ(m1.server_content->extra["newThing"], 1);
  EXPECT_EQ(m1.extra["futureField"]["a"], 1);
  auto m2 = session->receive().value().value();
  ASSERT_TRUE(m2.tool_call);
  EXPECT_EQ(m2.tool_call->function_calls.at(0).id, "c1");
  EXPECT_EQ(m2.tool_call->function_calls.at(0).args["x"], 1);
  auto m3 = session->receive().value().value();
  EXPECT_EQ(m3.session_resumption_update->new_handle, "h9");
  EXPECT_EQ(m3.usage_metadata->response_token_count, 5);
  EXPECT_EQ(session->resumption_handle(), "h9");
  auto m4 = session->receive().value().value();
  EXPECT_EQ(m4.go_away->time_left, "10s");
  auto m5 = session->receive().value().value();
  EXPECT_EQ(m5.tool_call_cancellation->ids, std::vector<std::string>{"c1"});
  EXPECT_FALSE(session->receive().value().has_value());  // closed normally (no resumption asked for)

  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], json::parse(R"({"clientContent":{"turns":[{"role":"user","parts":[{"text":"Hello"}]}],"turnComplete":true}})"));
  EXPECT_EQ(got[1], json::parse(R"({"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"AQI="}}})"));
  EXPECT_EQ(got[2], json::parse(R"({"realtimeInput":{"audioStreamEnd":true}})"));
  EXPECT_EQ(got[3], json::parse(R"({"toolResponse":{"functionResponses":[{"id":"c0","name":"f","response":{"ok":true}}]}})"));
}

TEST_F(LiveClient, ResumesAfterADroppedConnectionAndResendsTheTurnNotYetCovered) {
  std::mutex mu;
  json second_setup, replayed;
  LiveTestServer server({[&](Conn& c) {
                           answer_first_turn(c, "h1");  // turn 1
                           next_json(c);  // turn 2: lost with the connection
                           c.drop();
                         },
                         [&](Conn& c) {
                           json s = accept_setup(c, "s2");
                           json t = next_json(c);
                           {
                             std::lock_guard<std::mutex> lock(mu);
                             second_setup = s;
                             replayed = t;
                           }
                           c.send(turn_answer("two"));
                           c.send(kTurnComplete);
                         }});
  LiveConnectConfig cfg;
  cfg.session_resumption = SessionResumptionConfig{};
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg).value();
  ASSERT_TRUE(session->send_client_content({Content::from_text("first")}).ok());
  EXPECT_EQ(read_turn(*session), "one");
  ASSERT_TRUE(session->send_client_content({Content::from_text("second")}).ok());
  EXPECT_EQ(read_turn(*session), "two");
  EXPECT_EQ(server.connections(), 2);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(second_setup["setup"]["sessionResumption"]["handle"], "h1");
  EXPECT_EQ(replayed["clientContent"]["turns"][0]["parts"][0]["text"], "second");
}

// Turns kept for resumption are bounded as audio is: a server that never
// sends a handle cannot make the session hold turns without end.
TEST_F(LiveClient, TurnsKeptForResumptionAreBoundedByTheReplayBuffer) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    next_json(c);
    c.go_silent();
  }});
  LiveConnectConfig cfg;
  cfg.session_resumption = SessionResumptionConfig{};
  LiveOptions options;
  options.replay_buffer_bytes = 4096;
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg, options).value();
  ASSERT_TRUE(session->send_client_content({Content::from_text(std::string(2000, 'a'))}).ok());
  Result<void> second = session->send_client_content({Content::from_text(std::string(3000, 'b'))});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().status, "RESOURCE_EXHAUSTED");
  EXPECT_NE(second.error().message.find("replay_buffer_bytes"), std::string::npos) << second.error().message;
  session->close();
}

TEST_F(LiveClient, ResumesAfterGoAwayWithTheNewestHandle) {
  std::mutex mu;
  json second_setup;
  int replays = 0;
  LiveTestServer server({[&](Conn& c) {
                           answer_first_turn(c, "h2");
                           c.send(R"({"goAway":{"timeLeft":"0s"}})");
                           c.close(1000, "");
                         },
                         [&](Conn& c) {
                           json s = accept_setup(c, "s2");
                           {
                             std::lock_guard<std::mutex> lock(mu);
                             second_setup = s;
                           }
                           json t = next_json(c);  // the next turn, not a replay of the first
                           if (t["clientContent"]["turns"][0]["parts"][0]["text"] != "next") ++replays;
                           c.send(turn_answer("two"));
                           c.send(kTurnComplete);
                         }});
  LiveConnectConfig cfg;
  cfg.session_resumption = SessionResumptionConfig{};
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg).value();
  ASSERT_TRUE(session->send_client_content({Content::from_text("first")}).ok());
  EXPECT_EQ(read_turn(*session), "one");
  auto update = session->receive().value().value();
  EXPECT_TRUE(update.session_resumption_update);
  auto away = session->receive().value().value();
  EXPECT_TRUE(away.go_away);
  ASSERT_TRUE(session->send_client_content({Content::from_text("next")}).ok());
  EXPECT_EQ(read_turn(*session), "two");
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(second_setup["setup"]["sessionResumption"]["handle"], "h2");
  EXPECT_EQ(replays, 0);
}

TEST_F(LiveClient, ANormalCloseWithoutGoAwayIsResumedOnceInARow) {
  LiveTestServer server({[&](Conn& c) {
                           answer_first_turn(c, "h3");
                           c.close(1000, "");  // no goAway: a cut the socket reported as normal, or a 1000 close
                         },
                         [&](Conn& c) {
                           accept_setup(c, "s2");
                           c.close(1000, "");  // again, with nothing between: the session is over
                         }});
  LiveConnectConfig cfg;
  cfg.session_resumption = SessionResumptionConfig{};
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg).value();
  ASSERT_TRUE(session->send_client_content({Content::from_text("first")}).ok());
  EXPECT_EQ(read_turn(*session), "one");
  EXPECT_TRUE(session->receive().value().value().session_resumption_update);
  auto end = session->receive();
  ASSERT_TRUE(end.ok()) << end.error().to_string();
  EXPECT_FALSE(end->has_value());
  EXPECT_EQ(server.connections(), 2);
}

TEST_F(LiveClient, APeerThatStopsAnsweringPingsIsDetected) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    c.go_silent();
  }});
  LiveOptions options;
  options.keepalive_timeout = std::chrono::milliseconds(600);
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", {}, options).value();
  const auto start = std::chrono::steady_clock::now();
  auto m = session->receive();
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().kind, ErrorKind::kTransport);
  EXPECT_EQ(m.error().status, "DEADLINE_EXCEEDED");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// A server that says nothing for several keepalive timeouts but answers the
// pings is alive: the session goes on. Nor does a message that arrives
// slowly, piece by piece, count as silence.
TEST_F(LiveClient, AQuietPeerThatAnswersPingsAndASlowMessageKeepTheSessionUp) {
  const std::string long_text(20000, 'w');
  LiveTestServer server({[&](Conn& c) {
    accept_setup(c);
    if (next_json(c).is_null()) return;  // read while the client is quiet: Beast answers its pings
    c.send_slowly(turn_answer(long_text), 10, std::chrono::milliseconds(150));  // 1.35 s for one message
    c.send(kTurnComplete);
    next_json(c);
  }});
  LiveOptions options;
  options.keepalive_timeout = std::chrono::milliseconds(400);
  Client client = dev_client(server);
  auto session = client.live().connect("gemini-live-2.5-flash-preview", {}, options).value();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // almost four timeouts of quiet
  ASSERT_TRUE(session->send_client_content({Content::from_text("are you there?")}).ok());
  EXPECT_EQ(read_turn(*session), long_text);
  session->close();
}

// Sends queue and return; the queue goes out whole and in order, and close()
// writes what is still queued before its close frame.
TEST_F(LiveClient, QueuedSendsArriveInOrderAndCloseWritesThemFirst) {
  constexpr int kChunks = 300;
  std::atomic<int> in_order{0};
  LiveTestServer server({[&](Conn& c) {
    accept_setup(c);
    for (int i = 0; i < kChunks; ++i) {
      const json m = next_json(c);
      if (m["realtimeInput"]["text"] != std::to_string(i) + std::string(3000, 'a')) return;
      ++in_order;
    }
    c.receive();  // the close
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  for (int i = 0; i < kChunks; ++i) {
    LiveRealtimeInput in;
    in.text = std::to_string(i) + std::string(3000, 'a');
    ASSERT_TRUE(session->send_realtime_input(in).ok());
  }
  session->close();
  EXPECT_EQ(in_order.load(), kChunks);
}

// A server that reads nothing fills the socket, then the queue: a send then
// waits write_timeout for room and fails with a clear error, not forever.
TEST_F(LiveClient, ASendToAServerThatReadsNothingFailsAfterTheWriteTimeout) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    c.go_silent();
  }});
  LiveOptions options;
  options.send_buffer_bytes = 256 << 10;
  options.write_timeout = std::chrono::milliseconds(300);
  options.keepalive_timeout = std::chrono::milliseconds(0);
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", {}, options).value();
  const std::string chunk(48000, 'a');  // 1.5 s of 16 kHz audio
  const auto start = std::chrono::steady_clock::now();
  Result<void> sent;
  int sends = 0;
  for (; sends < 2000 && sent.ok(); ++sends) sent = session->send_realtime_input(LiveRealtimeInput::pcm(chunk));
  ASSERT_FALSE(sent.ok()) << "2000 sends of 64 KB were all queued or written";
  EXPECT_EQ(sent.error().kind, ErrorKind::kTransport);
  EXPECT_NE(sent.error().message.find("300 ms"), std::string::npos) << sent.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_GT(sends, 4);  // the queue and the socket buffers took some first
}

// The connection reads ahead up to 64 KiB at a time: many small messages
// arrive in one read, a large one straddles reads and goes partly straight to
// the message, and a read that finds a whole message already buffered hands
// it over without waiting on the socket. Over plain TCP and over TLS.
TEST_F(LiveClient, MessagesBatchedInOneReadOrLargerThanItArriveWholeAndInOrder) {
  for (const bool tls : {false, true}) {
    SCOPED_TRACE(tls ? "wss://" : "ws://");
    const std::string big(300'000, 'b');
    LiveTestServer::Options o;
    o.tls = tls;
    LiveTestServer server({[&](Conn& c) {
                             accept_setup(c);
                             for (int i = 0; i < 150; ++i) c.send(turn_answer("m" + std::to_string(i)));
                             c.send(turn_answer(big));
                             for (int i = 150; i < 300; ++i) c.send(turn_answer("m" + std::to_string(i)));
                             c.send(kTurnComplete);
                             next_json(c);  // the client's next turn, then its answer
                             c.send(turn_answer("after"));
                             c.send(kTurnComplete);
                             c.go_silent();
                           }},
                          o);
    auto session = trusting_client(server).live().connect("gemini-live-2.5-flash-preview").value();
    std::vector<std::string> texts;
    for (int i = 0; i < 400; ++i) {
      auto m = session->receive();
      ASSERT_TRUE(m.ok() && *m) << (m.ok() ? "closed" : m.error().to_string());
      if ((*m)->server_content && (*m)->server_content->turn_complete.value_or(false)) break;
      texts.push_back((*m)->text().value_or(""));
    }
    ASSERT_EQ(texts.size(), 301u);
    for (int i = 0; i < 301; ++i) {
      const std::string want = i < 150 ? "m" + std::to_string(i) : i == 150 ? big : "m" + std::to_string(i - 1);
      ASSERT_EQ(texts[i], want) << "message " << i;
    }
    ASSERT_TRUE(session->send_client_content({Content::from_text("more")}, true).ok());
    EXPECT_EQ(read_turn(*session), "after");
  }
}

// The server then goes silent: it neither closes nor answers TLS's
// close_notify. The error still comes at once (keepalive is 60 s here).
TEST_F(LiveClient, AnOversizeMessageEndsTheSessionWithAnErrorNamingTheLimit) {
  for (const bool tls : {false, true}) {
    SCOPED_TRACE(tls ? "wss://" : "ws://");
    LiveTestServer::Options o;
    o.tls = tls;
    LiveTestServer server({[](Conn& c) {
                             accept_setup(c);
                             c.send(std::string(8192, 'x'));
                             c.go_silent();
                           }},
                          o);
    LiveOptions options;
    options.max_message_bytes = 1024;
    auto session = trusting_client(server).live().connect("gemini-live-2.5-flash-preview", {}, options).value();
    const auto started = std::chrono::steady_clock::now();
    auto m = session->receive();
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("1024"), std::string::npos) << m.error().message;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  }
}

TEST_F(LiveClient, BadJsonFromTheServerIsAClearError) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    c.send("this is not JSON");
    c.go_silent();
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  auto m = session->receive();
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("not a JSON object"), std::string::npos) << m.error().message;
}

TEST_F(LiveClient, ACloseWithAPolicyCodeIsAnErrorWithItsReason) {
  LiveTestServer server({[](Conn& c) {
    next_json(c);
    c.close(1008, "API key not valid. Please pass a valid API key.");
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().status, "PERMISSION_DENIED");
  EXPECT_NE(session.error().message.find("API key not valid"), std::string::npos) << session.error().message;
  EXPECT_NE(session.error().message.find("1008"), std::string::npos);
}

TEST_F(LiveClient, ARefusedUpgradeIsMappedLikeAnyGoogleError) {
  LiveTestServer::Options o;
  o.refuse_status = 403;
  o.refuse_body = R"({"error":{"code":403,"message":"Permission denied on resource project p.","status":"PERMISSION_DENIED"}})";
  LiveTestServer server({}, o);
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview");
  ASSERT_FALSE(session.ok());
  EXPECT_EQ(session.error().http_status, 403);
  EXPECT_EQ(session.error().status, "PERMISSION_DENIED");
}

TEST_F(LiveClient, TlsIsVerifiedByDefaultAndTheCaBundleIsHonoured) {
  LiveTestServer::Options o;
  o.tls = true;
  LiveTestServer server({[](Conn& c) { accept_setup(c); }}, o);
  auto refused = dev_client(server).live().connect("gemini-live-2.5-flash-preview");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kTransport);
  EXPECT_NE(refused.error().message.find("TLS"), std::string::npos) << refused.error().message;

  auto session = trusting_client(server).live().connect("gemini-live-2.5-flash-preview");
  ASSERT_TRUE(session.ok()) << session.error().to_string();
}

TEST_F(LiveClient, AnEphemeralTokenGoesToTheConstrainedMethodAsAnAuthorizationToken) {
  std::mutex mu;
  std::string target, authorization, key_header = "absent";
  LiveTestServer server({[&](Conn& c) {
    {
      std::lock_guard<std::mutex> lock(mu);
      target = c.target();
      authorization = c.header("Authorization").value_or("");
      key_header = c.header("x-goog-api-key").value_or("absent");
    }
    accept_setup(c);
  }});
  Client client = dev_client(server, "auth_tokens/abc123");
  EXPECT_TRUE(client.config().ephemeral_token);
  auto session = client.live().connect("gemini-live-2.5-flash-preview");
  ASSERT_TRUE(session.ok()) << session.error().to_string();
  auto refused = client.models().generate_content("gemini-2.5-flash", "hi");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kInvalidArgument);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(target, "/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained");
  EXPECT_EQ(authorization, "Token auth_tokens/abc123");
  EXPECT_EQ(key_header, "absent");
}

TEST_F(LiveClient, VertexAiSendsTheBearerTokenAndTheFullModelName) {
  std::mutex mu;
  std::string target, authorization;
  json setup;
  LiveTestServer server({[&](Conn& c) {
    {
      std::lock_guard<std::mutex> lock(mu);
      target = c.target();
      authorization = c.header("Authorization").value_or("");
    }
    accept_setup_into(c, mu, setup);
  }});
  ClientOptions o;
  o.vertexai = true;
  o.project = "p";
  o.location = "us-central1";
  o.use_environment = false;
  o.credentials = make_access_token_credentials("ya29.live-test-token");
  o.http_options.base_url = server.base_url();
  auto session = Client::create(o).value().live().connect("gemini-live-2.5-flash");
  ASSERT_TRUE(session.ok()) << session.error().to_string();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(target, "/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent");
  EXPECT_EQ(authorization, "Bearer ya29.live-test-token");
  EXPECT_EQ(setup["setup"]["model"], "projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash");
  EXPECT_EQ(setup["setup"]["generationConfig"]["responseModalities"], json::parse(R"(["AUDIO"])"));
}

TEST_F(LiveClient, GoesThroughAnHttpProxyWithCredentialsAndThroughSocks5) {
  LiveTestServer server({[](Conn& c) { accept_setup(c); }});
  testing::HttpProxy proxy("bob:secret");
  ClientOptions o;
  o.api_key = kKey;
  o.use_environment = false;
  o.http_options.base_url = server.base_url();
  o.http_options.proxy.http = "http://bob:secret@127.0.0.1:" + std::to_string(proxy.port());
  auto session = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
  ASSERT_TRUE(session.ok()) << session.error().to_string();
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].request_line, "CONNECT 127.0.0.1:" + std::to_string(server.port()) + " HTTP/1.1");
  EXPECT_TRUE(proxy.seen()[0].proxy_authorization);

  o.http_options.proxy.http = "http://127.0.0.1:" + std::to_string(proxy.port());  // no credentials: 407
  auto refused = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::kAuth);

  {
    // The environment's proxy, decided as for every other request.
    testing::ScopedEnv env{{"http_proxy", "http://bob:secret@127.0.0.1:" + std::to_string(proxy.port())}};
    o.http_options.proxy = {};
    const size_t before = proxy.seen().size();
    auto via_env = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
    ASSERT_TRUE(via_env.ok()) << via_env.error().to_string();
    EXPECT_EQ(proxy.seen().size(), before + 1);
    testing::ScopedEnv bypass{{"no_proxy", "127.0.0.1"}};
    ASSERT_TRUE(Client::create(o).value().live().connect("gemini-live-2.5-flash-preview").ok());
    EXPECT_EQ(proxy.seen().size(), before + 1);
  }

  testing::Socks5Proxy socks;
  o.http_options.proxy.http = socks.url(true);
  auto via_socks = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
  ASSERT_TRUE(via_socks.ok()) << via_socks.error().to_string();
  ASSERT_EQ(socks.seen().size(), 1u);
  EXPECT_EQ(socks.seen()[0].target, "127.0.0.1:" + std::to_string(server.port()));
}

// An https:// proxy: TLS with the proxy (its certificate checked), CONNECT
// inside it, and for a wss:// server a second TLS inside the first. A proxy
// whose certificate is not trusted is refused, named.
TEST_F(LiveClient, GoesThroughAnHttpsProxyToWsAndWssServers) {
  const auto turn_through = [](LiveSession& s) {
    EXPECT_TRUE(s.send_client_content({Content::from_text("hi")}).ok());
    return read_turn(s);
  };
  const auto echo = [](Conn& c) {
    accept_setup(c);
    if (next_json(c).is_null()) return;
    c.send(turn_answer("through"));
    c.send(kTurnComplete);
    next_json(c);
  };
  testing::HttpProxy proxy("bob:secret");
  testing::TlsFront https_proxy(proxy.port());
  const std::string bundle = ::testing::TempDir() + "live_https_proxy_ca.pem";

  for (const bool tls_server : {false, true}) {
    SCOPED_TRACE(tls_server ? "wss:// server" : "ws:// server");
    LiveTestServer::Options so;
    so.tls = tls_server;
    LiveTestServer server({echo}, so);
    std::string server_pem;
    if (tls_server) {
      std::ifstream in(server.certificate_file());
      server_pem.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(bundle) << https_proxy.certificate_pem() << server_pem;
    ClientOptions o;
    o.api_key = kKey;
    o.use_environment = false;
    o.http_options.base_url = server.base_url();
    o.http_options.ca_bundle = bundle;
    const std::string proxy_url = "https://bob:secret@" + https_proxy.url().substr(std::string("https://").size());
    (tls_server ? o.http_options.proxy.https : o.http_options.proxy.http) = proxy_url;
    const size_t before = proxy.seen().size();
    auto session = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
    ASSERT_TRUE(session.ok()) << session.error().to_string();
    EXPECT_EQ(turn_through(**session), "through");
    ASSERT_EQ(proxy.seen().size(), before + 1);
    EXPECT_EQ(proxy.seen().back().request_line, "CONNECT 127.0.0.1:" + std::to_string(server.port()) + " HTTP/1.1");
    EXPECT_EQ(proxy.seen().back().proxy_authorization, "Basic " + std::string("Ym9iOnNlY3JldA=="));
    (*session)->close();

    // The same proxy without its certificate in the bundle: not trusted.
    std::ofstream(bundle) << server_pem;
    if (!tls_server) o.http_options.ca_bundle.clear();  // the system's store, which does not know it either
    auto untrusted = Client::create(o).value().live().connect("gemini-live-2.5-flash-preview");
    ASSERT_FALSE(untrusted.ok());
    EXPECT_NE(untrusted.error().message.find("TLS handshake with the proxy 127.0.0.1"), std::string::npos)
        << untrusted.error().to_string();
    EXPECT_EQ(untrusted.error().to_string().find("secret"), std::string::npos);
  }
  std::remove(bundle.c_str());
}

TEST_F(LiveClient, ToolCallsAreAnsweredByTheCallablesAutomatically) {
  std::mutex mu;
  json response, setup;
  LiveTestServer server({[&](Conn& c) {
    json s = accept_setup(c);
    c.send(R"({"toolCall":{"functionCalls":[{"id":"call-1","name":"add","args":{"a":2,"b":3}}]}})");
    json r = next_json(c);
    std::lock_guard<std::mutex> lock(mu);
    response = r;
    setup = s;
  }});
  LiveConnectConfig cfg;
  cfg.tools = {Tool::from_functions({CallableFunction{
      FunctionDeclaration{"add", "Adds.", json::parse(R"({"type":"OBJECT"})"), {}, json::object()},
      [](const Json& args) { return Json(args["a"].get<int>() + args["b"].get<int>()); }}})};
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview", cfg).value();
  auto call = session->receive().value().value();
  EXPECT_TRUE(call.tool_call);
  EXPECT_FALSE(session->receive().value().has_value());  // the server closes after the response
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(response, json::parse(R"({"toolResponse":{"functionResponses":[{"id":"call-1","name":"add","response":{"result":5}}]}})"));
  EXPECT_EQ(setup["setup"]["tools"][0]["functionDeclarations"][0]["name"], "add");
}

TEST_F(LiveClient, TheCallbackFormDeliversOnABackgroundThread) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    c.send(turn_answer("a"));
    c.send(kTurnComplete);
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> texts;
  bool ended = false;
  session->start_receiving(
      [&](const LiveServerMessage& m) {
        std::lock_guard<std::mutex> lock(mu);
        if (m.text()) texts.push_back(*m.text());
      },
      [&](const Error* e) {
        std::lock_guard<std::mutex> lock(mu);
        ended = e == nullptr;
        cv.notify_all();
      });
  std::unique_lock<std::mutex> lock(mu);
  ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return ended; }));
  EXPECT_EQ(texts, std::vector<std::string>{"a"});
}

// No thread is set aside for the socket: whichever thread waits runs it.
// One thread sends while another is blocked in receive() running the
// connection; every message goes out in order and every answer comes back.
TEST_F(LiveClient, OneThreadSendsWhileAnotherReceives) {
  constexpr int kMessages = 200;
  std::atomic<int> in_order{0};
  LiveTestServer server({[&](Conn& c) {
    accept_setup(c);
    for (int i = 0; i < kMessages; ++i) {
      const json m = next_json(c);
      if (m["realtimeInput"]["text"] != std::to_string(i)) return;
      ++in_order;
      c.send(turn_answer(std::to_string(i)));
    }
    c.receive();  // the close
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  std::vector<std::string> answers;
  std::thread receiver([&] {
    while (answers.size() < static_cast<std::size_t>(kMessages)) {
      Result<std::optional<LiveServerMessage>> m = session->receive();
      if (!m || !*m) return;
      if ((*m)->text()) answers.push_back(*(*m)->text());
    }
  });
  for (int i = 0; i < kMessages; ++i) {
    LiveRealtimeInput in;
    in.text = std::to_string(i);
    ASSERT_TRUE(session->send_realtime_input(in).ok());
    if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));  // let receive() hold the socket
  }
  receiver.join();
  session->close();
  EXPECT_EQ(in_order.load(), kMessages);
  ASSERT_EQ(answers.size(), static_cast<std::size_t>(kMessages));
  for (int i = 0; i < kMessages; ++i) EXPECT_EQ(answers[static_cast<std::size_t>(i)], std::to_string(i));
}

// close() from another thread ends a receive() that is waiting on a quiet
// server (and running the connection while it waits) at once.
TEST_F(LiveClient, CloseFromAnotherThreadEndsAWaitingReceive) {
  LiveTestServer server({[](Conn& c) {
    accept_setup(c);
    c.receive();  // the close
  }});
  auto session = dev_client(server).live().connect("gemini-live-2.5-flash-preview").value();
  std::atomic<bool> ended{false};
  std::atomic<bool> ended_normally{false};
  std::thread receiver([&] {
    Result<std::optional<LiveServerMessage>> m = session->receive();
    ended_normally = m.ok() && !m->has_value();
    ended = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(ended.load());
  const auto start = std::chrono::steady_clock::now();
  session->close();
  receiver.join();
  EXPECT_TRUE(ended_normally.load());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(LiveClient, TheVerboseTraceNeverShowsTheKeyOrTheToken) {
  std::vector<std::string> lines;
  std::mutex mu;
  LiveTestServer server({[](Conn& c) { accept_setup(c); }});
  for (const std::string key : {std::string(kKey), std::string("auth_tokens/secret-token-value")}) {
    ClientOptions o;
    o.api_key = key;
    o.use_environment = false;
    o.http_options.base_url = server.base_url();
    o.http_options.trace = [&](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu);
      lines.emplace_back(line);
    };
    ASSERT_TRUE(Client::create(o).value().live().connect("gemini-live-2.5-flash-preview").ok());
  }
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_FALSE(lines.empty());
  for (const std::string& l : lines) {
    EXPECT_EQ(l.find("LiveTestKey"), std::string::npos) << l;
    EXPECT_EQ(l.find("secret-token-value"), std::string::npos) << l;
  }
}

}  // namespace
}  // namespace genai
