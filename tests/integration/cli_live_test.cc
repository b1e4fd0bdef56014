// genai live against the scripted WebSocket server: the text REPL (one turn
// per line, answers streamed), audio in/out with transcripts, hostile input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "genai/audio.h"
#include "tests/support/live_test_server.h"
#include "tests/support/subprocess.h"

namespace genai {
namespace {

using testing::LiveTestServer;
using Conn = LiveTestServer::Connection;
using nlohmann::json;

json cli_next(Conn& c) {
  auto m = c.receive();
  return m ? json::parse(*m, nullptr, false) : json();
}

testing::ProcessResult run_live(const LiveTestServer& server, std::vector<std::string> args,
                                const std::string& stdin_text = "") {
  args.insert(args.begin(), "live");
  args.insert(args.begin(), GENAI_CLI_PATH);
  return testing::run_process(args,
                              {{"GOOGLE_GEMINI_BASE_URL", server.base_url()},
                               {"GEMINI_API_KEY", "AIzaSyCliLiveTest000000000000000000000"}},
                              stdin_text);
}

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "/genai-live-" + std::to_string(::getpid()) + "-" + name;
}

TEST(CliLive, TextReplSendsEachLineAsATurnAndStreamsTheAnswer) {
  std::mutex mu;
  std::vector<json> turns;
  json setup;
  LiveTestServer server({[&](Conn& c) {
    json s = cli_next(c);
    c.send(R"({"setupComplete":{}})");
    for (const char* answer : {"Hello", "Bye"}) {
      json t = cli_next(c);
      {
        std::lock_guard<std::mutex> lock(mu);
        turns.push_back(t);
        setup = s;
      }
      c.send(json{{"serverContent", {{"modelTurn", {{"parts", {{{"text", std::string(answer) + ","}}}}}}}}}.dump());
      c.send(json{{"serverContent", {{"modelTurn", {{"parts", {{{"text", " friend"}}}}}}}}}.dump());
      c.send(R"({"serverContent":{"turnComplete":true}})");
    }
  }});
  auto r = run_live(server, {"--system", "Be kind."}, "hi\nsee you\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Hello, friend\nBye, friend\n");
  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(turns[0]["clientContent"]["turns"][0]["parts"][0]["text"], "hi");
  EXPECT_EQ(turns[1]["clientContent"]["turns"][0]["parts"][0]["text"], "see you");
  EXPECT_EQ(setup["setup"]["generationConfig"]["responseModalities"], json::parse(R"(["TEXT"])"));
  EXPECT_EQ(setup["setup"]["systemInstruction"]["parts"][0]["text"], "Be kind.");
}

TEST(CliLive, AudioInIsResampledTo16kAndTheSpokenReplyIsWrittenAsWav) {
  PcmAudio in;
  in.sample_rate = 48000;
  in.channels = 2;
  for (int i = 0; i < 48000 * 3 / 10; ++i) {
    const auto v = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 300 * i / 48000.0));
    for (int c = 0; c < 2; ++c) {
      in.samples += static_cast<char>(v & 0xff);
      in.samples += static_cast<char>((v >> 8) & 0xff);
    }
  }
  const std::string in_path = temp_path("in.wav"), out_path = temp_path("out.wav");
  ASSERT_TRUE(in.save_wav(in_path).ok());
  std::mutex mu;
  size_t audio_bytes = 0;
  std::string mime;
  json setup;
  LiveTestServer server({[&](Conn& c) {
    json s = cli_next(c);
    c.send(R"({"setupComplete":{}})");
    for (;;) {
      json m = cli_next(c);
      if (m.is_null() || m["realtimeInput"].contains("audioStreamEnd")) break;
      std::lock_guard<std::mutex> lock(mu);
      audio_bytes += internal::base64_decode(m["realtimeInput"]["audio"]["data"].get<std::string>())->size();
      mime = m["realtimeInput"]["audio"]["mimeType"];
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      setup = s;
    }
    c.send(R"({"serverContent":{"inputTranscription":{"text":"a hum"}}})");
    c.send(R"({"serverContent":{"outputTranscription":{"text":"Hi there"}}})");
    const std::string reply(4800, '\x10');
    c.send(json{{"serverContent",
                 {{"modelTurn",
                   {{"parts", {{{"inlineData", {{"mimeType", "audio/pcm;rate=24000"},
                                                {"data", internal::base64_encode(reply)}}}}}}}}}}}
               .dump());
    c.send(R"({"serverContent":{"turnComplete":true}})");
  }});
  auto r = run_live(server, {"--audio-in", in_path, "--audio-out", out_path, "--transcript"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("model: Hi there"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("you: a hum"), std::string::npos) << r.err;
  auto out = PcmAudio::load_wav(out_path);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(out->sample_rate, 24000);
  EXPECT_EQ(out->samples.size(), 4800u);
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(mime, "audio/pcm;rate=16000");
  EXPECT_NEAR(static_cast<double>(audio_bytes), 0.3 * 16000 * 2, 200);
  EXPECT_EQ(setup["setup"]["generationConfig"]["responseModalities"], json::parse(R"(["AUDIO"])"));
  EXPECT_TRUE(setup["setup"].contains("inputAudioTranscription"));
  EXPECT_TRUE(setup["setup"].contains("outputAudioTranscription"));
  std::remove(in_path.c_str());
  std::remove(out_path.c_str());
}

TEST(CliLive, AHostileWavFileIsAClearErrorBeforeAnythingIsSent) {
  const std::string bad = temp_path("bad.wav");
  std::ofstream(bad) << "RIFF\x10\x00\x00\x00WAVEfmt ";
  LiveTestServer server({[](Conn& c) {
    cli_next(c);
    c.send(R"({"setupComplete":{}})");
    cli_next(c);
  }});
  auto r = run_live(server, {"--audio-in", bad, "--audio-out", temp_path("never.wav")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("not a usable WAV file"), std::string::npos) << r.err;
  EXPECT_EQ(server.connections(), 0);
  EXPECT_EQ(::access(temp_path("never.wav").c_str(), F_OK), -1);
  std::remove(bad.c_str());
}

// Transparent resumption is Vertex AI's: on the Developer API the flag is
// refused before a connection is opened, naming the backend.
TEST(CliLive, TransparentOnTheDeveloperApiIsRefusedBeforeConnecting) {
  LiveTestServer server({[](Conn& c) { cli_next(c); }});
  auto r = run_live(server, {"--transparent"}, "hello\n");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("session_resumption.transparent"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Vertex AI"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Leave out --transparent, or use Vertex AI (--vertex)"), std::string::npos) << r.err;
  EXPECT_EQ(server.connections(), 0);
}

TEST(CliLive, HelpNamesTheModesAndFlags) {
  LiveTestServer server({});
  auto r = testing::run_process({GENAI_CLI_PATH, "live", "--help"}, {});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* s : {"--audio-in", "--audio-out", "--transcript", "--resume", "--transparent", "16 kHz"}) {
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace genai
