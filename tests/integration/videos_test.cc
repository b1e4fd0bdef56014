// Veo against the emulator on both backends: generate_videos starts an
// operation, Operations::get/wait poll it (the emulator's clock moved
// forward, never slept through), and the videos are saved and read back as
// real MP4s. Also what each backend refuses, a failed operation as an Error,
// and wait()'s deadline and cancellation.
#include <httplib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "emulator/backend/png.h"
#include "emulator/common/clock.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/mp4_reader.h"

namespace genai::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kVeo = "veo-3.0-generate-001";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class VideosTest : public EmulatorTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    dir_ = std::filesystem::temp_directory_path() /
           ("genai-videos-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    EmulatorTest::TearDown();
  }
  bool vertex() const { return GetParam(); }
  void advance(milliseconds d) { server_->env().clock().advance(d); }

  // A clock for wait() whose pauses move both its own time and the
  // emulator's: a wait of minutes takes milliseconds.
  WaitClock simulated_clock(bool move_emulator = true) {
    auto now = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
    WaitClock c;
    c.now = [now] { return *now; };
    c.sleep = [this, now, move_emulator](milliseconds d, std::stop_token) {
      *now += d;
      sleeps_.push_back(d);
      if (move_emulator) advance(d);
    };
    return c;
  }

  // 1 s, then 2 s, then 3 s (capped) between polls, on simulated_clock().
  WaitOptions backoff_1_2_3() {
    WaitOptions w;
    w.initial_interval = seconds(1);
    w.multiplier = 2;
    w.max_interval = seconds(3);
    w.clock = simulated_clock();
    return w;
  }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
  std::vector<milliseconds> sleeps_;
  static inline int counter_ = 0;
};

TEST_P(VideosTest, AsyncFormsAndPerCallOptions) {
  Client c = backend_client(vertex());
  GenerateVideosSource source;
  source.prompt = "A koi pond at dawn";
  GenerateVideosConfig cfg;
  cfg.http_options.headers["X-Trace"] = "video";
  auto op = c.models().generate_videos_async(kVeo, source, cfg).get();
  ASSERT_TRUE(op) << op.error().to_string();
  EXPECT_FALSE(op->done);
  advance(seconds(7));
  std::optional<Result<GenerateVideosOperation>> polled;
  c.operations().get_async(op->name, {}, [&](Result<GenerateVideosOperation> r) { polled = std::move(r); });
  for (int i = 0; i < 500 && !polled; ++i) std::this_thread::sleep_for(milliseconds(10));
  ASSERT_TRUE(polled);
  ASSERT_TRUE(*polled) << polled->error().to_string();
  EXPECT_TRUE((*polled)->done);
  ASSERT_TRUE((*polled)->result);
  // The videos can still fetch themselves: the client is alive.
  EXPECT_TRUE((*polled)->result->generated_videos.at(0).video->bytes().ok());
  EXPECT_EQ(c.operations().get_async(op->name).get()->name, op->name);
}

TEST_P(VideosTest, GenerateGetAndSaveARealMp4) {
  Client c = backend_client(vertex());
  GenerateVideosConfig cfg;
  cfg.aspect_ratio = "9:16";
  cfg.duration_seconds = 5;
  auto op = c.models().generate_videos(kVeo, "A koi pond at dawn", cfg);
  ASSERT_TRUE(op) << op.error().to_string();
  EXPECT_FALSE(op->done);
  EXPECT_EQ(op->name.rfind(vertex() ? "projects/test-project/locations/us-central1/publishers/google/models/veo-3.0-generate-001/operations/"
                                    : "models/veo-3.0-generate-001/operations/", 0), 0u) << op->name;

  auto running = c.operations().get(*op);
  ASSERT_TRUE(running) << running.error().to_string();
  EXPECT_FALSE(running->done);
  EXPECT_FALSE(running->result);

  advance(seconds(7));
  auto done = c.operations().get(*op);
  ASSERT_TRUE(done) << done.error().to_string();
  ASSERT_TRUE(done->done);
  ASSERT_FALSE(done->error);
  ASSERT_TRUE(done->result);
  ASSERT_EQ(done->result->generated_videos.size(), 1u);
  const Video& video = *done->result->generated_videos[0].video;
  if (vertex()) {
    EXPECT_FALSE(video.video_bytes.empty());  // inline, base64 on the wire
    EXPECT_EQ(video.mime_type, "video/mp4");
  } else {
    ASSERT_TRUE(video.uri);  // a download URI, fetched with the API key header
    EXPECT_NE(video.uri->find("/v1beta/files/"), std::string::npos) << *video.uri;
    EXPECT_TRUE(video.video_bytes.empty());
  }
  ASSERT_TRUE(video.save(path("koi.mp4")).ok());
  std::string error;
  auto mp4 = read_mp4(read_file(path("koi.mp4")), &error);
  ASSERT_TRUE(mp4) << error;
  EXPECT_EQ(mp4->width, 18);
  EXPECT_EQ(mp4->height, 32);
  EXPECT_EQ(mp4->samples, 5u);
  EXPECT_EQ(video.save(path("koi.mp4"), /*overwrite=*/false).error().status, "ALREADY_EXISTS");

  // The same request gives the same video.
  auto again = c.models().generate_videos(kVeo, "A koi pond at dawn", cfg);
  ASSERT_TRUE(again);
  advance(seconds(7));
  auto again_done = c.operations().get(again->name);
  ASSERT_TRUE(again_done && again_done->done);
  EXPECT_EQ(again_done->result->generated_videos[0].video->bytes().value(), read_file(path("koi.mp4")));
}

TEST_P(VideosTest, WaitPollsWithBackoffOnTheInjectedClock) {
  Client c = backend_client(vertex());
  auto op = c.models().generate_videos(kVeo, "A lighthouse", {.number_of_videos = 2});
  ASSERT_TRUE(op) << op.error().to_string();
  WaitOptions w = backoff_1_2_3();
  std::vector<bool> seen;
  w.on_progress = [&](const GenerateVideosOperation& o, milliseconds) { seen.push_back(o.done); };
  auto done = c.operations().wait(*op, w);
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->result->generated_videos.size(), 2u);
  // 1 s, 2 s, 3 s (capped), then done after the 6 s the emulator takes.
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{seconds(1), seconds(2), seconds(3)}));
  EXPECT_EQ(seen, (std::vector<bool>{false, false, false, true}));
  for (const GeneratedVideo& g : done->result->generated_videos) EXPECT_TRUE(read_mp4(g.video->bytes().value()));

  // Done already: no request at all.
  auto again = c.operations().wait(*done);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, done->name);
}

// wait_async: wait()'s polls and pauses on the event loop, on both
// backends; an operation done already is answered at once on this thread,
// and one that failed is its Error, as with wait().
TEST_P(VideosTest, WaitAsyncPollsWithTheSameBackoffOnTheEventLoop) {
  Client c = backend_client(vertex());
  auto op = c.models().generate_videos(kVeo, "A lighthouse", {.number_of_videos = 2});
  ASSERT_TRUE(op) << op.error().to_string();
  WaitOptions w = backoff_1_2_3();
  std::vector<bool> seen;
  w.on_progress = [&](const GenerateVideosOperation& o, milliseconds) { seen.push_back(o.done); };
  Result<GenerateVideosOperation> done = c.operations().wait_async(*op, w).get();
  ASSERT_TRUE(done) << done.error().to_string();
  EXPECT_EQ(done->result->generated_videos.size(), 2u);
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{seconds(1), seconds(2), seconds(3)}));
  EXPECT_EQ(seen, (std::vector<bool>{false, false, false, true}));

  std::thread::id answered_on;
  c.operations().wait_async(*done, {}, [&](Result<GenerateVideosOperation> r) {
    answered_on = std::this_thread::get_id();
    EXPECT_TRUE(r);
  });
  EXPECT_EQ(answered_on, std::this_thread::get_id());

  auto failing = c.models().generate_videos(kVeo, "EMULATOR_FAIL_OPERATION please");
  ASSERT_TRUE(failing);
  WaitOptions f;
  f.clock = simulated_clock();
  Result<GenerateVideosOperation> failed = c.operations().wait_async(*failing, f).get();
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().status, "INTERNAL");
}

TEST_P(VideosTest, WaitStopsAtTheDeadlineWithoutPausingPastIt) {
  Client c = backend_client(vertex());
  auto op = c.models().generate_videos(kVeo, "A slow sunrise");
  ASSERT_TRUE(op);
  WaitOptions w;
  w.initial_interval = seconds(2);
  w.multiplier = 1;
  w.timeout = milliseconds(4500);
  w.clock = simulated_clock(/*move_emulator=*/false);  // the operation never finishes
  auto r = c.operations().wait(*op, w);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().status, "DEADLINE_EXCEEDED");
  EXPECT_EQ(r.error().kind, ErrorKind::kTransport);
  EXPECT_NE(r.error().message.find(op->name), std::string::npos) << r.error().message;
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{seconds(2), seconds(2), milliseconds(500)}));
}

TEST_P(VideosTest, WaitIsCancelledFromAnotherThreadAtOnce) {
  Client c = backend_client(vertex());
  auto op = c.models().generate_videos(kVeo, "A long night");
  ASSERT_TRUE(op);
  std::stop_source stop;
  WaitOptions w;
  w.initial_interval = std::chrono::hours(1);  // the real clock: only the stop request ends this pause
  w.stop_token = stop.get_token();
  std::atomic<int> polls{0};
  w.on_progress = [&](const GenerateVideosOperation&, milliseconds) { ++polls; };
  std::thread canceller([&] {
    while (polls.load() == 0) std::this_thread::sleep_for(milliseconds(1));
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  auto r = c.operations().wait(*op, w);
  canceller.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kCancelled);
  EXPECT_EQ(r.error().status, "CANCELLED");
  EXPECT_LT(std::chrono::steady_clock::now() - start, seconds(30));
  EXPECT_EQ(polls.load(), 1);
}

TEST_P(VideosTest, AFailedOperationIsGooglesStatusAsAnError) {
  Client c = backend_client(vertex());
  auto op = c.models().generate_videos(kVeo, "EMULATOR_FAIL_OPERATION please");
  ASSERT_TRUE(op);
  advance(seconds(7));
  auto got = c.operations().get(*op);
  ASSERT_TRUE(got) << got.error().to_string();
  ASSERT_TRUE(got->done);
  ASSERT_TRUE(got->error);
  EXPECT_EQ(got->error->status, "INTERNAL");
  EXPECT_EQ(got->error->http_status, 500);
  EXPECT_NE(got->error->message.find("Video generation failed"), std::string::npos);
  auto waited = c.operations().wait(*op);
  ASSERT_FALSE(waited);
  EXPECT_EQ(waited.error().status, "INTERNAL");
  EXPECT_THROW(waited.value(), ServerError);
}

TEST_P(VideosTest, FirstFrameImageAndUnknownOperations) {
  Client c = backend_client(vertex());
  std::vector<std::uint8_t> rgb(16 * 16 * 3, 200);
  Image first{emulator::encode_png(16, 16, rgb), "image/png", std::nullopt};
  GenerateVideosSource source;
  source.image = first;
  GenerateVideosConfig cfg;
  cfg.last_frame = first;
  auto op = c.models().generate_videos(kVeo, source, cfg);
  ASSERT_TRUE(op) << op.error().to_string();

  Image not_an_image{"plain text", "image/png", std::nullopt};
  source.image = not_an_image;
  auto bad = c.models().generate_videos(kVeo, source);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().http_status, 400);

  auto missing = c.operations().get(op->name.substr(0, op->name.rfind('/') + 1) + "nosuchoperation");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_EQ(missing.error().status, "NOT_FOUND");
}

TEST_P(VideosTest, AVideoModelAnswersOnlyPredictLongRunning) {
  Client c = backend_client(vertex());
  auto r = c.models().generate_content(kVeo, "Hi");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 404);
  auto gemini = c.models().generate_videos("gemini-2.5-flash", "A cat");
  ASSERT_FALSE(gemini);
  EXPECT_EQ(gemini.error().http_status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, VideosTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "VertexAI" : "DeveloperApi"; });

class VideosDeveloperApiTest : public EmulatorTest {
 protected:
  std::pair<int, std::string> post(const std::string& body) {
    httplib::Client http(base_url());
    auto r = http.Post(std::string("/v1beta/models/") + kVeo + ":predictLongRunning", {{"x-goog-api-key", key()}},
                       body, "application/json");
    return r ? std::pair{r->status, r->body} : std::pair{0, std::string()};
  }
};

TEST_F(VideosDeveloperApiTest, VertexOnlyFieldsAreRefusedByTheLibraryAndByTheServer) {
  GenerateVideosConfig cfg;
  cfg.seed = 7;
  auto r = client().models().generate_videos(kVeo, "A cat", cfg);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);  // nothing was sent
  EXPECT_NE(r.error().message.find("seed"), std::string::npos);

  auto [status, body] = post(R"({"instances":[{"prompt":"A cat"}],"parameters":{"seed":7}})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("`seed` isn't supported by this model"), std::string::npos) << body;
  std::tie(status, body) = post(R"({"instances":[{"prompt":"A cat"}],"parameters":{"sampleCont":2}})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("Unknown name \\\"sampleCont\\\""), std::string::npos) << body;
  std::tie(status, body) = post(R"({"instances":[{"prompt":"A cat","imag":{}}]})");
  EXPECT_EQ(status, 400);
  std::tie(status, body) = post(R"({"instances":[{"prompt":"A cat"}],"parameters":{"aspectRatio":"4:3"}})");
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("aspectRatio"), std::string::npos) << body;
  std::tie(status, body) = post(R"({"instances":[{"prompt":"A cat"}],"extra":1})");
  EXPECT_EQ(status, 400);
}

TEST_F(VideosDeveloperApiTest, DownloadsNeedTheKeyOfTheProjectThatMadeThem) {
  Client c = client();
  auto op = c.models().generate_videos(kVeo, "A cat");
  ASSERT_TRUE(op);
  server_->env().clock().advance(seconds(7));
  auto done = c.operations().get(*op).value();
  const std::string uri = *done.result->generated_videos[0].video->uri;
  const std::string path = uri.substr(base_url().size());
  httplib::Client http(base_url());
  auto anonymous = http.Get(path);
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 403) << anonymous->body;
  auto with_key = http.Get(path, {{"x-goog-api-key", key()}});
  ASSERT_TRUE(with_key);
  EXPECT_EQ(with_key->status, 200);
  EXPECT_TRUE(read_mp4(with_key->body));

  // Another project's key sees neither the operation nor the file.
  emulator::ApiKey other;
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  other.project_id = "other-project";
  const std::string other_key = make_key(other);
  Client stranger = client(other_key);
  EXPECT_EQ(stranger.operations().get(op->name).error().http_status, 404);
  auto theirs = http.Get(path, {{"x-goog-api-key", other_key}});
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 403);

  // Extending a video the API generated: its uri is the source.
  GenerateVideosSource extend;
  extend.video = *done.result->generated_videos[0].video;
  extend.prompt = "and then it jumps";
  auto extended = c.models().generate_videos(kVeo, extend);
  ASSERT_TRUE(extended) << extended.error().to_string();
}

}  // namespace
}  // namespace genai::testing
