// client.files() against the emulator: uploads from a path, a stream and
// memory (with progress), get, list paging, delete, download of a generated
// video (to a path, atomically, and to a stream, checked against its
// sha256Hash), per-project isolation, a PROCESSING file refused in a prompt
// then waited for, a 200 MiB upload resumed after a connection reset in the
// middle of a chunk, the same on the event loop (upload_async), a stopped
// upload, and hostile servers' answers to the upload protocol.
#include <httplib.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <stop_token>
#include <thread>

#include "emulator/common/clock.h"
#include "emulator/state/files.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) { EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr); }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  void add(std::string_view b) { EVP_DigestUpdate(ctx_, b.data(), b.size()); }
  std::string base64() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx_, md, &len);
    return base64_encode(std::string(reinterpret_cast<const char*>(md), len));
  }

 private:
  EVP_MD_CTX* ctx_;
};

std::string sha256_of(std::string_view bytes) {
  Sha256 h;
  h.add(bytes);
  return h.base64();
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class FilesTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    dir_ = fs::temp_directory_path() / ("genai-files-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    EmulatorTest::TearDown();
  }
  fs::path path(const std::string& name) const { return dir_ / name; }
  fs::path dir_;
};

TEST_F(FilesTest, UploadFromPathStreamAndMemoryThenGetListDelete) {
  Client c = client();
  const std::string text = "The quick brown fox.\n";
  { std::ofstream(path("notes.md"), std::ios::binary) << text; }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
  UploadFileConfig cfg;
  cfg.display_name = "Notes";
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t total) { progress.emplace_back(sent, total); };
  Result<File> from_path = c.files().upload(path("notes.md").string(), cfg);
  ASSERT_TRUE(from_path.ok()) << from_path.error().to_string();
  EXPECT_EQ(from_path->name.rfind("files/", 0), 0u);
  EXPECT_EQ(from_path->display_name, "Notes");
  EXPECT_EQ(from_path->mime_type, "text/markdown");  // from the extension
  EXPECT_EQ(from_path->size_bytes, static_cast<std::int64_t>(text.size()));
  EXPECT_EQ(from_path->sha256_hash, sha256_of(text));
  EXPECT_TRUE(from_path->is_active());
  EXPECT_EQ(from_path->source, "UPLOADED");
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(std::uint64_t{text.size()}, std::uint64_t{text.size()}));

  // A stream, in chunks smaller than the file.
  const std::string medium(300000, 'm');
  std::istringstream in(medium);
  UploadFileConfig small_chunks;
  small_chunks.chunk_size = 64 * 1024;
  small_chunks.name = "medium-stream";
  Result<File> from_stream = c.files().upload(UploadSource::from_stream(in).value(), small_chunks);
  ASSERT_TRUE(from_stream.ok()) << from_stream.error().to_string();
  EXPECT_EQ(from_stream->name, "files/medium-stream");
  EXPECT_EQ(from_stream->mime_type, "text/plain");  // from the bytes
  EXPECT_EQ(from_stream->sha256_hash, sha256_of(medium));

  Result<File> from_memory = c.files().upload(UploadSource::from_memory(std::string("\x89PNG\r\n\x1A\n", 8) + "data"));
  ASSERT_TRUE(from_memory.ok()) << from_memory.error().to_string();
  EXPECT_EQ(from_memory->mime_type, "image/png");

  Result<File> got = c.files().get(from_stream->name);
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->sha256_hash, from_stream->sha256_hash);
  EXPECT_TRUE(c.files().get("medium-stream").ok());   // short name
  EXPECT_TRUE(c.files().get(*got->uri).ok());          // or its uri

  // Paging: three files, two per page.
  std::set<std::string> names;
  int pages = 0;
  auto pager = c.files().list({.page_size = 2});
  while (auto page = pager.next_page()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    for (const File& f : page->value().items) names.insert(f.name);
    ++pages;
  }
  EXPECT_EQ(names.size(), 3u);
  EXPECT_EQ(pages, 2);

  ASSERT_TRUE(c.files().delete_(from_path->name).ok());
  Result<File> gone = c.files().get(from_path->name);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().http_status, 403);

  // The async forms: the same requests on the event loop.
  Result<File> got_async = c.files().get_async(from_stream->name).get();
  ASSERT_TRUE(got_async.ok()) << got_async.error().to_string();
  EXPECT_EQ(got_async->sha256_hash, from_stream->sha256_hash);
  std::promise<Result<void>> deleted;
  c.files().delete_async(from_stream->name, {}, [&](Result<void> r) { deleted.set_value(std::move(r)); });
  ASSERT_TRUE(deleted.get_future().get().ok());
  EXPECT_EQ(c.files().get_async(from_stream->name).get().error().http_status, 403);
  EXPECT_EQ(c.files().get_async("").get().error().kind, ErrorKind::kInvalidArgument);  // refused before sending
}

TEST_F(FilesTest, AnotherProjectsKeySeesNothing) {
  Result<File> mine = client().files().upload(UploadSource::from_memory("private", "text/plain"));
  ASSERT_TRUE(mine.ok());
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  emulator::ApiKey spec;
  spec.project_id = "other-project";
  spec.kind = emulator::ApiKey::Kind::kStudio;
  Client other = client(make_key(spec));
  Result<File> theirs = other.files().get(mine->name);
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.error().http_status, 403);
  EXPECT_FALSE(other.files().delete_(mine->name).ok());
  int count = 0;
  for (const auto& f : other.files().list()) {
    ASSERT_TRUE(f.ok());
    ++count;
  }
  EXPECT_EQ(count, 0);
  // And a prompt naming it is refused.
  auto r = other.models().generate_content(
      "gemini-2.5-flash", std::vector<Content>{{"user", {Part::from_uploaded_file(*mine), Part::from_text("Read it")}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 403);
}

TEST_F(FilesTest, ProcessingVideoIsRefusedInAPromptUntilActive) {
  Client c = client();
  Result<File> video = c.files().upload(UploadSource::from_memory(std::string(64, 'v'), "video/mp4"));
  ASSERT_TRUE(video.ok()) << video.error().to_string();
  EXPECT_EQ(video->state, "PROCESSING");
  const std::vector<Content> prompt{{"user", {Part::from_uploaded_file(*video), Part::from_text("Describe it")}}};
  auto refused = c.models().generate_content("gemini-2.5-flash", prompt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().status, "FAILED_PRECONDITION");
  EXPECT_NE(refused.error().message.find("not in an ACTIVE state"), std::string::npos) << refused.error().message;

  // wait_until_active on a clock that moves the emulator's instead of sleeping.
  auto now = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  FileWaitOptions w;
  w.initial_interval = std::chrono::seconds(4);
  w.clock.now = [now] { return *now; };
  w.clock.sleep = [this, now](milliseconds d, std::stop_token) {
    *now += d;
    server_->env().clock().advance(d);
  };
  FileWaitOptions too_short = w;
  too_short.timeout = std::chrono::seconds(2);
  Result<File> early = c.files().wait_until_active(video->name, too_short);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().status, "DEADLINE_EXCEEDED");
  Result<File> active = c.files().wait_until_active(video->name, w);
  ASSERT_TRUE(active.ok()) << active.error().to_string();
  EXPECT_TRUE(active->is_active());
  EXPECT_TRUE(c.models().generate_content("gemini-2.5-flash", prompt).ok());
}

TEST_F(FilesTest, DownloadsAGeneratedVideoAtomicallyAndRefusesAnUploadedFile) {
  Client c = client();
  auto op = c.models().generate_videos("veo-3.0-generate-001", "A koi pond");
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  server_->env().clock().advance(std::chrono::seconds(10));
  auto done = c.operations().get(op->name);
  ASSERT_TRUE(done.ok() && done->done && done->result);
  const std::string uri = *done->result->generated_videos.at(0).video->uri;
  Result<File> file = c.files().get(uri);
  ASSERT_TRUE(file.ok()) << file.error().to_string();
  EXPECT_EQ(file->source, "GENERATED");
  EXPECT_EQ(file->mime_type, "video/mp4");
  ASSERT_TRUE(file->download_uri);

  ASSERT_TRUE(c.files().download(file->name, path("koi.mp4").string()).ok());
  const std::string bytes = read_all(path("koi.mp4"));
  EXPECT_EQ(sha256_of(bytes), file->sha256_hash);
  EXPECT_EQ(static_cast<std::int64_t>(bytes.size()), file->size_bytes);
  Result<void> again = c.files().download(file->name, path("koi.mp4").string());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().status, "ALREADY_EXISTS");
  std::ostringstream out;
  ASSERT_TRUE(c.files().download(*file->download_uri, out).ok());
  EXPECT_EQ(out.str(), bytes);
  // The same on the event loop, to a path, atomically.
  std::promise<Result<void>> fetched;
  c.files().download_async(file->name, path("koi-async.mp4").string(), {},
                           [&](Result<void> r) { fetched.set_value(std::move(r)); });
  Result<void> fetched_result = fetched.get_future().get();
  ASSERT_TRUE(fetched_result.ok()) << fetched_result.error().to_string();
  EXPECT_EQ(read_all(path("koi-async.mp4")), bytes);
  Result<void> again_async = c.files().download_async(file->name, path("koi-async.mp4").string()).get();
  ASSERT_FALSE(again_async.ok());
  EXPECT_EQ(again_async.error().status, "ALREADY_EXISTS");
  DownloadFileConfig replace;
  replace.overwrite = true;
  ASSERT_TRUE(c.files().download_async(*file->download_uri, path("koi-async.mp4").string(), replace).get().ok());
  EXPECT_EQ(read_all(path("koi-async.mp4")), bytes);

  Result<File> uploaded = c.files().upload(UploadSource::from_memory("text", "text/plain"));
  ASSERT_TRUE(uploaded.ok());
  Result<void> refused = c.files().download(uploaded->name, path("text.txt").string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Only generated files can be downloaded"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("text.txt")));
  Result<void> refused_async = c.files().download_async(uploaded->name, path("text.txt").string()).get();
  ASSERT_FALSE(refused_async.ok());
  EXPECT_NE(refused_async.error().message.find("Only generated files can be downloaded"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("text.txt")));
  int leftovers = 0;
  for (const auto& e : fs::directory_iterator(dir_)) leftovers += e.path().filename().string().rfind(".", 0) == 0;
  EXPECT_EQ(leftovers, 0);  // no temporary file left behind
}

TEST_F(FilesTest, TwoHundredMegabytesResumeAfterAResetInTheMiddleOfAChunk) {
  constexpr std::uint64_t kSize = std::uint64_t{200} << 20;
  constexpr std::uint64_t kChunk = std::uint64_t{8} << 20;
  Sha256 local;
  {
    std::ofstream out(path("big.bin"), std::ios::binary);
    std::string block(1 << 20, '\0');
    for (std::uint64_t mb = 0; mb < kSize >> 20; ++mb) {
      for (std::size_t i = 0; i < block.size(); i += 8) block[i] = static_cast<char>((mb * 131 + i) & 0xFF);
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      local.add(block);
    }
  }
  Client c = client(key(), /*attempts=*/3);
  std::vector<std::uint64_t> offsets;
  bool armed = false;
  UploadFileConfig cfg;
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t) {
    offsets.push_back(sent);
    if (!armed && sent >= 5 * kChunk) {
      armed = true;  // the next chunk: the server keeps 3 MiB of it, then the connection drops
      set_faults("upload/v1beta/files=cutupload:3145728#1");
    }
  };
  Result<File> f = c.files().upload(path("big.bin").string(), cfg);
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  EXPECT_EQ(f->size_bytes, static_cast<std::int64_t>(kSize));
  EXPECT_EQ(f->sha256_hash, local.base64());
  EXPECT_EQ(f->mime_type, "application/octet-stream");
  // The resume started where the server said it stood: mid-chunk.
  EXPECT_NE(std::find(offsets.begin(), offsets.end(), 5 * kChunk + (3u << 20)), offsets.end());
  // And the bytes on the server's disk are the file's.
  auto stored = server_->env().files().get("test-project", f->name.substr(6), server_->env().clock().now());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size, kSize);
}

// upload_async runs the same protocol on the client's event loop: a reset
// in the middle of a chunk is resumed from the server's offset, progress
// comes on the loop thread, and many uploads share that one thread.
TEST_F(FilesTest, UploadAsyncResumesOnTheEventLoopAsTheBlockingUploadDoes) {
  constexpr std::uint64_t kChunk = std::uint64_t{1} << 20;
  std::string bytes(12 * kChunk + 12345, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 7 + i / 4096) & 0xFF);
  Client c = client(key(), /*attempts=*/3);
  std::vector<std::uint64_t> offsets;
  std::set<std::thread::id> progress_threads;
  bool armed = false;
  UploadFileConfig cfg;
  cfg.chunk_size = kChunk;
  cfg.display_name = "async";
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t) {
    offsets.push_back(sent);
    progress_threads.insert(std::this_thread::get_id());
    if (!armed && sent >= 3 * kChunk) {
      armed = true;  // the next chunk: the server keeps 300000 bytes of it, then the connection drops
      set_faults("upload/v1beta/files=cutupload:300000#1");
    }
  };
  Result<File> f = c.files().upload_async(UploadSource::from_memory(bytes, "application/octet-stream"), cfg).get();
  ASSERT_TRUE(f.ok()) << f.error().to_string();
  EXPECT_EQ(f->size_bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(f->sha256_hash, sha256_of(bytes));
  EXPECT_EQ(f->display_name, "async");
  EXPECT_NE(std::find(offsets.begin(), offsets.end(), 3 * kChunk + 300000), offsets.end());
  EXPECT_EQ(offsets.back(), bytes.size());
  ASSERT_EQ(progress_threads.size(), 1u);
  EXPECT_NE(*progress_threads.begin(), std::this_thread::get_id());

  // Twenty uploads in flight at once, each answered by its callback.
  constexpr int kUploads = 20;
  std::vector<std::promise<Result<File>>> done(kUploads);
  for (int i = 0; i < kUploads; ++i) {
    UploadFileConfig small;
    small.chunk_size = 4096;
    small.display_name = "n" + std::to_string(i);
    c.files().upload_async(UploadSource::from_memory(std::string(10000 + i, static_cast<char>('a' + i)), "text/plain"),
                           small, [&done, i](Result<File> r) { done[i].set_value(std::move(r)); });
  }
  for (int i = 0; i < kUploads; ++i) {
    Result<File> r = done[i].get_future().get();
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->size_bytes, 10000 + i);
    EXPECT_EQ(r->display_name, "n" + std::to_string(i));
  }
}

TEST_F(FilesTest, AStoppedUploadEndsCancelledBeforeItsNextChunkEitherWay) {
  for (bool async : {false, true}) {
    SCOPED_TRACE(async ? "upload_async" : "upload");
    Client c = client();
    std::stop_source stop;
    int chunks = 0;
    UploadFileConfig cfg;
    cfg.chunk_size = 1024;
    cfg.stop_token = stop.get_token();
    cfg.on_progress = [&](std::uint64_t sent, std::uint64_t) {
      if (sent > 0 && ++chunks == 2) stop.request_stop();
    };
    const UploadSource source = UploadSource::from_memory(std::string(10 * 1024, 'x'), "text/plain");
    Result<File> r = async ? c.files().upload_async(source, cfg).get() : c.files().upload(source, cfg);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().status, "CANCELLED") << r.error().to_string();
    EXPECT_NE(r.error().message.find("at byte 2048 of 10240"), std::string::npos) << r.error().message;
    EXPECT_EQ(chunks, 2);
  }
  // Refused before anything is sent: at once, on this thread.
  UploadFileConfig zero;
  zero.chunk_size = 0;
  Result<File> bad = client().files().upload_async(UploadSource::from_memory("x"), zero).get();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().status, "INVALID_ARGUMENT");
}

// A server that speaks the upload protocol badly, one way per `mode`.
class HostileUploadServer {
 public:
  explicit HostileUploadServer(std::string mode) : mode_(std::move(mode)) {
    server_.Post("/upload/v1beta/files", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string command = req.get_header_value("X-Goog-Upload-Command");
      if (command == "start") {
        if (mode_ == "other-host") {
          res.set_header("X-Goog-Upload-URL", "http://203.0.113.9/upload?upload_id=x");
        } else if (mode_ != "no-url") {
          res.set_header("X-Goog-Upload-URL", url() + "/upload/v1beta/files?upload_id=x");
        }
        res.set_header("X-Goog-Upload-Status", "active");
        return;
      }
      if (command == "query") {
        res.set_header("X-Goog-Upload-Status", "active");
        res.set_header("X-Goog-Upload-Size-Received", "999999");
        return;
      }
      if (mode_ == "beyond") {
        res.set_header("X-Goog-Upload-Status", "");  // no status: the client asks where it stands
        return;
      }
      res.set_header("X-Goog-Upload-Status", "active");  // never final
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~HostileUploadServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string mode_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

Result<File> upload_to(const std::string& base_url, bool async) {
  ClientOptions o;
  o.api_key = "AIzaSyDummyDummyDummyDummyDummyDummyDum";
  o.use_environment = false;
  o.http_options.base_url = base_url;
  o.http_options.retry.attempts = 2;
  o.http_options.retry.initial_delay = milliseconds(1);
  o.http_options.retry.jitter = milliseconds(1);
  Client c = Client::create(o).value();
  const UploadSource source = UploadSource::from_memory("0123456789", "text/plain");
  return async ? c.files().upload_async(source).get() : c.files().upload(source);
}

TEST(FilesHostileServer, AnswersOutsideTheProtocolAreClearErrors) {
  for (bool async : {false, true}) {
    SCOPED_TRACE(async ? "upload_async" : "upload");
    {
      HostileUploadServer s("no-url");
      Result<File> r = upload_to(s.url(), async);
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.error().message.find("X-Goog-Upload-URL"), std::string::npos) << r.error().message;
    }
    {
      HostileUploadServer s("never-final");
      Result<File> r = upload_to(s.url(), async);
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.error().message.find("not final"), std::string::npos) << r.error().message;
    }
    {
      HostileUploadServer s("beyond");
      Result<File> r = upload_to(s.url(), async);
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.error().message.find("more than the 10 bytes"), std::string::npos) << r.error().message;
    }
    {
      HostileUploadServer s("other-host");
      Result<File> r = upload_to(s.url(), async);
      ASSERT_FALSE(r.ok());
      EXPECT_NE(r.error().message.find("not sent there"), std::string::npos) << r.error().message;
      EXPECT_EQ(r.error().message.find("AIza"), std::string::npos);
    }
  }
}

TEST(FilesVertex, TheFilesApiIsDeveloperOnly) {
  ClientOptions o;
  o.vertexai = true;
  o.project = "p";
  o.location = "us-central1";
  o.credentials = make_access_token_credentials("ya29.test");
  o.use_environment = false;
  Client c = Client::create(o).value();
  Result<File> r = c.files().upload(UploadSource::from_memory("x", "text/plain"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("only on the Gemini Developer API"), std::string::npos);
}

}  // namespace
}  // namespace genai::testing
