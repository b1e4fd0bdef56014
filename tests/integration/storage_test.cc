// genai::Storage (client.storage()) against the emulator's Cloud Storage:
// a round trip with checksums, a 64 MiB upload resumed after a connection
// reset in the middle of a chunk, the same on the event loop (upload_async)
// and stopped, listing pages under a prefix, Google's 403
// for a service account without a role, an API key refused before sending,
// and STORAGE_EMULATOR_HOST.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
#include <stop_token>
#include <thread>

#include "emulator/common/env.h"
#include "emulator/state/storage.h"
#include "tests/support/emulator_fixture.h"
#include "tests/support/scoped_env.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;

class StorageTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    const auto project = state().project("test-project");
    ASSERT_TRUE(server_->env().storage().create_bucket("lib-bucket", "test-project", project->number,
                                                       std::chrono::system_clock::now()));
    dir_ = fs::path(::testing::TempDir()) / ("storage-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    EmulatorTest::TearDown();
  }

  // A client whose service account holds `role` on the project (none: "").
  Client client_with_role(const std::string& account, const std::string& role) {
    return vertex_client_as(account, role, /*attempts=*/4);
  }

  Storage storage(const Client& c) { return c.storage(StorageOptions{base_url()}); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(StorageTest, RoundTripKeepsTheBytesAndChecksThem) {
  Storage gcs = storage(client_with_role("writer", "roles/storage.objectAdmin"));
  std::string data(700'001, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 131) ^ (i >> 7));
  std::vector<std::uint64_t> seen;
  StorageUploadConfig up;
  up.chunk_size = 256 * 1024;  // three chunks
  up.content_type = "application/x-test";
  up.metadata = {{"origin", "test"}};
  up.progress = [&](std::uint64_t sent, std::uint64_t total) {
    EXPECT_EQ(total, data.size());
    seen.push_back(sent);
  };
  Result<StorageObject> o = gcs.upload(UploadSource::from_memory(data), "gs://lib-bucket/dir/data.bin", up);
  ASSERT_TRUE(o) << o.error().to_string();
  EXPECT_EQ(o->size, data.size());
  EXPECT_EQ(o->content_type, "application/x-test");
  EXPECT_EQ(o->metadata.at("origin"), "test");
  EXPECT_EQ(o->crc32c, server_->env().storage().object("lib-bucket", "dir/data.bin")->crc32c);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{262144, 524288, 700001}));

  const std::string out = path("data.bin");
  Result<StorageObject> got = gcs.download("gs://lib-bucket/dir/data.bin", out);
  ASSERT_TRUE(got) << got.error().to_string();
  EXPECT_EQ(read_all(out), data);
  EXPECT_EQ(got->generation, o->generation);

  // No overwrite asked: the existing file stays, nothing half-written appears.
  StorageDownloadConfig keep;
  keep.overwrite = false;
  EXPECT_FALSE(gcs.download("gs://lib-bucket/dir/data.bin", out, keep));

  ASSERT_TRUE(gcs.remove("gs://lib-bucket/dir/data.bin"));
  Result<StorageObject> gone = gcs.get("gs://lib-bucket/dir/data.bin");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status, 404);
  EXPECT_EQ(gone.error().message, "No such object: lib-bucket/dir/data.bin");
  // A failed download leaves no file behind.
  EXPECT_FALSE(gcs.download("gs://lib-bucket/dir/data.bin", path("missing.bin")));
  EXPECT_FALSE(fs::exists(path("missing.bin")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(StorageTest, ALargeUploadResumesFromTheServersOffsetAfterAConnectionReset) {
  Storage gcs = storage(client_with_role("big-writer", "roles/storage.objectAdmin"));
  const std::string src = path("big.bin");
  std::uint32_t crc = 0;
  {
    std::ofstream out(src, std::ios::binary);
    std::string block(1 << 20, '\0');
    for (int mb = 0; mb < 64; ++mb) {
      for (size_t i = 0; i < block.size(); i += 4096) block[i] = static_cast<char>(mb * 7 + i / 4096);
      out.write(block.data(), static_cast<std::streamsize>(block.size()));
      crc = genai::crc32c(crc, block);
    }
  }
  StorageUploadConfig up;
  up.chunk_size = 8u << 20;
  std::vector<std::uint64_t> seen;
  bool armed = false;
  up.progress = [&](std::uint64_t sent, std::uint64_t) {
    seen.push_back(sent);
    if (!armed) {  // after the first chunk: the next one is cut 3 MiB + 5 bytes in
      armed = true;
      set_faults("upload/storage=cutupload:3145733#1");
    }
  };
  Result<StorageObject> o = gcs.upload(UploadSource::from_path(src).value(), "gs://lib-bucket/big.bin", up);
  ASSERT_TRUE(o) << o.error().to_string();
  EXPECT_EQ(o->size, 64u << 20);
  // The second chunk reached the server only in part: 3 MiB (whole 256 KiB
  // units) were kept, and the upload went on from there, not from 16 MiB.
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen[0], 8u << 20);
  EXPECT_EQ(seen[1], (8u << 20) + (3u << 20));
  EXPECT_EQ(seen.back(), 64u << 20);

  const std::string back = path("big.out");
  ASSERT_TRUE(gcs.download("gs://lib-bucket/big.bin", back));
  EXPECT_EQ(fs::file_size(back), 64u << 20);
  std::uint32_t crc_back = 0;
  std::ifstream in(back, std::ios::binary);
  std::string block(1 << 20, '\0');
  while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
    crc_back = genai::crc32c(crc_back, std::string_view(block.data(), static_cast<size_t>(in.gcount())));
  }
  EXPECT_EQ(crc_back, crc);
}

TEST_F(StorageTest, UploadAsyncResumesOnTheEventLoopAndCanBeStopped) {
  Storage gcs = storage(client_with_role("async-writer", "roles/storage.objectAdmin"));
  std::string bytes(5 * (1u << 20) + 777, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13 + i / 1000);
  StorageUploadConfig up;
  up.chunk_size = 1u << 20;
  std::vector<std::uint64_t> seen;
  std::set<std::thread::id> threads;
  bool armed = false;
  up.progress = [&](std::uint64_t sent, std::uint64_t) {
    seen.push_back(sent);
    threads.insert(std::this_thread::get_id());
    if (!armed) {  // after the first chunk: the next one is cut 512 KiB + 5 bytes in
      armed = true;
      set_faults("upload/storage=cutupload:524293#1");
    }
  };
  std::promise<Result<StorageObject>> done;
  gcs.upload_async(UploadSource::from_memory(bytes), "gs://lib-bucket/async.bin", up,
                   [&](Result<StorageObject> r) { done.set_value(std::move(r)); });
  Result<StorageObject> o = done.get_future().get();
  ASSERT_TRUE(o) << o.error().to_string();
  EXPECT_EQ(o->size, bytes.size());
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen[0], 1u << 20);
  EXPECT_EQ(seen[1], (1u << 20) + (512u << 10));  // the server kept whole 256 KiB units
  EXPECT_EQ(seen.back(), bytes.size());
  ASSERT_EQ(threads.size(), 1u);
  EXPECT_NE(*threads.begin(), std::this_thread::get_id());
  EXPECT_EQ(server_->env().storage().read_object("lib-bucket", "async.bin").value(), bytes);

  // Stopped after its first chunk: CANCELLED, and no object was made.
  std::stop_source stop;
  StorageUploadConfig stopping;
  stopping.chunk_size = 256u << 10;
  stopping.stop_token = stop.get_token();
  stopping.progress = [&](std::uint64_t, std::uint64_t) { stop.request_stop(); };
  Result<StorageObject> stopped =
      gcs.upload_async(UploadSource::from_memory(bytes), "gs://lib-bucket/stopped.bin", stopping).get();
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().status, "CANCELLED") << stopped.error().to_string();
  EXPECT_NE(stopped.error().message.find("at byte 262144 of"), std::string::npos) << stopped.error().message;
  EXPECT_FALSE(gcs.get("gs://lib-bucket/stopped.bin"));
  // A bad URI: refused before sending, at once.
  Result<StorageObject> bad = gcs.upload_async(UploadSource::from_memory("x"), "gs://lib-bucket").get();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, "INVALID_ARGUMENT");
}

// A download cut in the middle resumes with a Range request, blocking and on
// the event loop, and the file appears only whole and checked.
TEST_F(StorageTest, DownloadsResumeAfterACutAndAppearOnlyWhole) {
  Storage gcs = storage(client_with_role("reader", "roles/storage.objectAdmin"));
  std::string data(3 * (1u << 20) + 4321, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 31 + i / 777);
  ASSERT_TRUE(server_->env().storage().write_object("lib-bucket", "cut.bin", data, "application/octet-stream"));
  for (bool async : {false, true}) {
    SCOPED_TRACE(async ? "download_async" : "download");
    const std::string out = path(async ? "async.bin" : "blocking.bin");
    // The first match is the metadata GET; the second, the media download, is cut after half its bytes.
    set_faults("o/cut.bin=cut#2");
    StorageDownloadConfig cfg;
    std::vector<std::uint64_t> seen;
    std::set<std::thread::id> threads;
    cfg.progress = [&](std::uint64_t received, std::uint64_t total) {
      EXPECT_EQ(total, data.size());
      seen.push_back(received);
      threads.insert(std::this_thread::get_id());
    };
    Result<StorageObject> got = async ? gcs.download_async("gs://lib-bucket/cut.bin", out, cfg).get()
                                      : gcs.download("gs://lib-bucket/cut.bin", out, cfg);
    ASSERT_TRUE(got) << got.error().to_string();
    EXPECT_EQ(read_all(out), data);
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), data.size());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));  // resumed, never restarted from 0
    ASSERT_EQ(threads.size(), 1u);
    EXPECT_EQ(*threads.begin() == std::this_thread::get_id(), !async);
  }
  // Not to be replaced: refused before anything is fetched.
  StorageDownloadConfig keep;
  keep.overwrite = false;
  Result<StorageObject> kept = gcs.download_async("gs://lib-bucket/cut.bin", path("async.bin"), keep).get();
  ASSERT_FALSE(kept);
  EXPECT_EQ(kept.error().status, "ALREADY_EXISTS");
  // A missing object: its 404, and no file (nor a temporary one) left behind.
  Result<StorageObject> missing = gcs.download_async("gs://lib-bucket/nope.bin", path("nope.bin")).get();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().http_status, 404);
  EXPECT_FALSE(fs::exists(path("nope.bin")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 2);
}

TEST_F(StorageTest, ListFollowsPagesUnderAPrefix) {
  Storage gcs = storage(client_with_role("lister", "roles/storage.objectAdmin"));
  for (const char* n : {"out/1.jsonl", "out/2.jsonl", "out/3.jsonl", "out/sub/4.jsonl", "other/5.jsonl"}) {
    ASSERT_TRUE(server_->env().storage().write_object("lib-bucket", n, "{}\n", "application/jsonl"));
  }
  StorageListConfig config;
  config.page_size = 2;
  std::vector<std::string> names;
  for (const Result<StorageObject>& o : gcs.list("gs://lib-bucket/out/", config)) {
    ASSERT_TRUE(o) << o.error().to_string();
    names.push_back(o->uri());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"gs://lib-bucket/out/1.jsonl", "gs://lib-bucket/out/2.jsonl",
                                             "gs://lib-bucket/out/3.jsonl", "gs://lib-bucket/out/sub/4.jsonl"}));
  config.delimiter = "/";
  config.page_size = 0;
  Pager<StorageObject> shallow = gcs.list("gs://lib-bucket/out/", config);
  int n = 0;
  for (const auto& o : shallow) n += o.ok();
  EXPECT_EQ(n, 3);
}

// get, remove and list's pages on the event loop answer as the blocking calls do.
TEST_F(StorageTest, ObjectCallsAsyncAnswerAsTheBlockingOnes) {
  Storage gcs = storage(client_with_role("async-caller", "roles/storage.objectAdmin"));
  for (const char* n : {"a/1.txt", "a/2.txt", "a/3.txt"}) {
    ASSERT_TRUE(server_->env().storage().write_object("lib-bucket", n, "hello", "text/plain"));
  }
  Result<StorageObject> got = gcs.get_async("gs://lib-bucket/a/1.txt").get();
  ASSERT_TRUE(got) << got.error().to_string();
  EXPECT_EQ(got->size, 5u);
  EXPECT_EQ(got->generation, gcs.get("gs://lib-bucket/a/1.txt")->generation);

  StorageListConfig config;
  config.page_size = 2;
  Pager<StorageObject> pages = gcs.list("gs://lib-bucket/a/", config);
  std::vector<std::string> names;
  while (std::optional<Result<Page<StorageObject>>> page = pages.next_page_async().get()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    for (const StorageObject& o : (*page)->items) names.push_back(o.uri());
    ASSERT_LT(names.size(), 10u);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"gs://lib-bucket/a/1.txt", "gs://lib-bucket/a/2.txt",
                                             "gs://lib-bucket/a/3.txt"}));

  std::promise<Result<void>> removed;
  gcs.remove_async("gs://lib-bucket/a/2.txt", {}, [&](Result<void> r) { removed.set_value(std::move(r)); });
  ASSERT_TRUE(removed.get_future().get());
  Result<StorageObject> gone = gcs.get_async("gs://lib-bucket/a/2.txt").get();
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status, 404);
  // Refused before sending: at once, on this thread.
  Result<void> bad = gcs.remove_async("s3://b/x").get();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().status, "INVALID_ARGUMENT");
}

TEST_F(StorageTest, AServiceAccountWithoutARoleGetsGooglesForbidden) {
  Storage gcs = storage(client_with_role("nobody", ""));
  Result<StorageObject> o = gcs.upload(UploadSource::from_memory("x"), "gs://lib-bucket/x.txt");
  ASSERT_FALSE(o);
  EXPECT_EQ(o.error().http_status, 403);
  EXPECT_EQ(o.error().message,
            "nobody@test-project.iam.gserviceaccount.com does not have storage.objects.create access to the Google "
            "Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).");
  // objectViewer on the project: reads, cannot write.
  ASSERT_TRUE(server_->env().storage().write_object("lib-bucket", "r.txt", "read me", "text/plain"));
  Storage viewer = storage(client_with_role("viewer", "roles/storage.objectViewer"));
  std::ostringstream bytes;
  ASSERT_TRUE(viewer.download("gs://lib-bucket/r.txt", bytes));
  EXPECT_EQ(bytes.str(), "read me");
  Result<StorageObject> denied = viewer.upload(UploadSource::from_memory("x"), "gs://lib-bucket/r.txt");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().http_status, 403);
}

TEST_F(StorageTest, BadUrisAndApiKeysFailBeforeSending) {
  Storage keyed = client().storage(StorageOptions{base_url()});
  Result<StorageObject> k = keyed.get("gs://lib-bucket/x");
  ASSERT_FALSE(k);
  EXPECT_NE(k.error().message.find("OAuth"), std::string::npos);
  Storage gcs = storage(client_with_role("uri-checker", "roles/storage.objectAdmin"));
  for (const char* bad : {"lib-bucket/x", "gs://", "s3://b/x", "gs:///x"}) {
    Result<StorageObject> r = gcs.get(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().status, "INVALID_ARGUMENT") << bad;
  }
  EXPECT_FALSE(gcs.upload(UploadSource::from_memory("x"), "gs://lib-bucket"));
  // ".." reaches the server as a name (not a dot segment) and gets Google's 400.
  Result<StorageObject> dots = gcs.upload(UploadSource::from_memory("x"), "gs://lib-bucket/..");
  ASSERT_FALSE(dots);
  EXPECT_EQ(dots.error().message, "The specified object name is not valid.");
}

TEST_F(StorageTest, StorageEmulatorHostPointsTheClientAtTheEmulator) {
  const std::string host = base_url().substr(std::string("http://").size());
  ScopedEnv env({{"STORAGE_EMULATOR_HOST", host}});
  Client c = client_with_role("env-user", "roles/storage.objectAdmin");
  EXPECT_EQ(c.storage().base_url(), base_url());
  ASSERT_TRUE(server_->env().storage().write_object("lib-bucket", "e.txt", "env", "text/plain"));
  Result<StorageObject> o = c.storage().get("gs://lib-bucket/e.txt");
  ASSERT_TRUE(o) << o.error().to_string();
  EXPECT_EQ(o->size, 3u);
  ScopedEnv unset({{"STORAGE_EMULATOR_HOST", std::nullopt}});
  EXPECT_EQ(c.storage().base_url(), "https://storage.googleapis.com");
}

TEST(StorageCrc32c, MatchesTheStandardCheckValue) {
  EXPECT_EQ(genai::crc32c(0, "123456789"), 0xE3069283u);
  EXPECT_EQ(genai::crc32c(genai::crc32c(0, "1234"), "56789"), 0xE3069283u);
}

}  // namespace
}  // namespace genai::testing
