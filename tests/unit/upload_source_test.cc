// genai::UploadSource: chunks at any offset from a file, memory or a
// seekable stream; a non-seekable stream resumes only within its last chunk.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>

#include <gtest/gtest.h>

#include "genai/upload.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 13) % 26);
  return s;
}

// A stream buffer that cannot seek, like a pipe's.
class PipeBuf : public std::streambuf {
 public:
  explicit PipeBuf(std::string data) : data_(std::move(data)) {
    setg(data_.data(), data_.data(), data_.data() + data_.size());
  }

 protected:
  pos_type seekoff(off_type, std::ios_base::seekdir, std::ios_base::openmode) override { return pos_type(-1); }
  pos_type seekpos(pos_type, std::ios_base::openmode) override { return pos_type(-1); }

 private:
  std::string data_;
};

TEST(UploadSource, FileChunksAtAnyOffset) {
  const fs::path p = fs::temp_directory_path() / ("genai-upload-src-" + std::to_string(::getpid()) + ".bin");
  const std::string data = pattern(100000);
  { std::ofstream(p, std::ios::binary) << data; }
  auto src = UploadSource::from_path(p.string());
  ASSERT_TRUE(src.ok()) << src.error().to_string();
  EXPECT_EQ(src->size(), data.size());
  EXPECT_EQ(src->path(), p.string());
  EXPECT_TRUE(src->seekable());
  EXPECT_EQ(src->read(0, 10).value(), data.substr(0, 10));
  EXPECT_EQ(src->read(99990, 4096).value(), data.substr(99990));  // short at the end
  EXPECT_EQ(src->read(50000, 30000).value(), data.substr(50000, 30000));
  EXPECT_EQ(src->read(0, 10).value(), data.substr(0, 10));  // back again
  EXPECT_EQ(src->read(100000, 10).value(), "");
  EXPECT_FALSE(src->read(100001, 10).ok());
  fs::remove(p);
}

TEST(UploadSource, MissingFileAndDirectoryAreClearErrors) {
  auto missing = UploadSource::from_path("/nonexistent/genai/file.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/genai/file.bin"), std::string::npos);
  EXPECT_FALSE(UploadSource::from_path(fs::temp_directory_path().string()).ok());
}

TEST(UploadSource, MemoryAndSeekableStream) {
  const std::string data = pattern(5000);
  UploadSource m = UploadSource::from_memory(data, "text/plain");
  EXPECT_EQ(m.size(), 5000u);
  EXPECT_EQ(m.mime_type(), "text/plain");
  EXPECT_EQ(m.read(4000, 2000).value(), data.substr(4000));

  std::istringstream in(data);
  in.ignore(1000);  // the upload starts at the stream's current position
  auto s = UploadSource::from_stream(in);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->size(), 4000u);
  EXPECT_EQ(s->read(3000, 5000).value(), data.substr(4000));
  EXPECT_EQ(s->read(0, 100).value(), data.substr(1000, 100));
}

TEST(UploadSource, NonSeekableStreamResumesOnlyWithinItsLastChunk) {
  const std::string data = pattern(3000);
  PipeBuf buf(data);
  std::istream in(&buf);
  auto unknown = UploadSource::from_stream(in);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("size"), std::string::npos);

  auto s = UploadSource::from_stream(in, 3000);
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_FALSE(s->seekable());
  EXPECT_EQ(s->read(0, 1000).value(), data.substr(0, 1000));
  EXPECT_EQ(s->read(1000, 1000).value(), data.substr(1000, 1000));
  // The server kept only part of the last chunk: resume inside it.
  EXPECT_EQ(s->read(1500, 1000).value(), data.substr(1500, 1000));
  auto back = s->read(100, 1000);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.error().message.find("cannot seek back"), std::string::npos) << back.error().message;
  EXPECT_EQ(s->read(2500, 1000).value(), data.substr(2500));
}

TEST(UploadSource, AStreamShorterThanAnnouncedFails) {
  std::istringstream in("short");
  auto s = UploadSource::from_stream(in, 100);
  ASSERT_TRUE(s.ok());
  auto r = s->read(0, 100);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("ended"), std::string::npos);
}

TEST(UploadSource, MimeTypeFromExtension) {
  EXPECT_EQ(mime_type_from_extension("/a/b/talk.MP4"), "video/mp4");
  EXPECT_EQ(mime_type_from_extension("notes.md"), "text/markdown");
  EXPECT_EQ(mime_type_from_extension("batch.jsonl"), "application/jsonl");
  EXPECT_EQ(mime_type_from_extension("x.unknownext"), "");
  EXPECT_EQ(mime_type_from_extension("dir.d/noext"), "");
}

}  // namespace
}  // namespace genai::testing
