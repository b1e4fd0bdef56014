#include "tests/support/mp4_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

namespace genai::testing {
namespace {

std::uint32_t be32(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3]));
}

struct Mp4Walk {
  const std::string& bytes;
  Mp4Summary out;
  std::size_t mdat_begin = 0, mdat_end = 0;
  std::uint32_t chunk_offset = 0, sample_bytes = 0, timescale = 0;
  std::string error;

  // Boxes whose payload is itself boxes, after `skip` bytes of their own fields.
  static std::optional<std::size_t> container_skip(const std::string& type) {
    static const std::set<std::string> plain = {"moov", "trak", "mdia", "minf", "dinf", "stbl"};
    if (plain.count(type)) return 0;
    if (type == "stsd" || type == "dref") return 8;  // full box header + entry_count
    if (type == "avc1") return 78;                   // VisualSampleEntry fields
    return std::nullopt;
  }

  bool walk(std::size_t begin, std::size_t end, const std::string& parent) {
    std::size_t at = begin;
    while (at < end) {
      if (end - at < 8) return fail("a box header is cut at offset " + std::to_string(at));
      const std::uint32_t size = be32(bytes, at);
      const std::string type = bytes.substr(at + 4, 4);
      if (size < 8 || size > end - at) return fail("box " + type + " overruns its parent at offset " + std::to_string(at));
      const std::string path = parent.empty() ? type : parent + "/" + type;
      out.paths.push_back(path);
      const std::size_t body = at + 8;
      if (type == "mdat") {
        mdat_begin = body;
        mdat_end = at + size;
      } else if (type == "mvhd") {
        timescale = be32(bytes, body + 12);
        out.duration_ms = timescale ? be32(bytes, body + 16) * 1000 / timescale : 0;
      } else if (type == "tkhd") {
        out.width = static_cast<int>(be32(bytes, body + 76) >> 16);
        out.height = static_cast<int>(be32(bytes, body + 80) >> 16);
      } else if (type == "stsz") {
        out.samples = be32(bytes, body + 8);
        for (std::uint32_t i = 0; i < out.samples; ++i) sample_bytes += be32(bytes, body + 12 + 4 * i);
      } else if (type == "stco") {
        chunk_offset = be32(bytes, body + 8);
      }
      if (std::optional<std::size_t> skip = container_skip(type)) {
        if (!walk(body + *skip, at + size, path)) return false;
      }
      at += size;
    }
    return true;
  }

  bool fail(std::string why) {
    error = std::move(why);
    return false;
  }
};

}  // namespace

bool Mp4Summary::has(const std::string& path) const { return std::find(paths.begin(), paths.end(), path) != paths.end(); }

std::optional<Mp4Summary> read_mp4(const std::string& bytes, std::string* error) {
  Mp4Walk w{bytes, {}};
  bool ok = w.walk(0, bytes.size(), "");
  if (ok && !w.mdat_end) ok = w.fail("no mdat box");
  if (ok && (w.chunk_offset < w.mdat_begin || w.chunk_offset + w.sample_bytes > w.mdat_end)) {
    ok = w.fail("the samples (" + std::to_string(w.sample_bytes) + " bytes at " + std::to_string(w.chunk_offset) +
                ") are not inside mdat");
  }
  if (!ok) {
    if (error) *error = w.error;
    return std::nullopt;
  }
  return w.out;
}

std::string ffprobe_summary(const std::string& bytes, bool* available) {
  *available = std::system("command -v ffprobe >/dev/null 2>&1") == 0;
  if (!*available) return "";
  char dir_template[] = "/tmp/genai-mp4-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) return "mkdtemp failed";
  const std::string path = std::string(dir) + "/v.mp4";
  std::ofstream(path, std::ios::binary) << bytes;
  const std::string cmd = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                          "stream=codec_name,width,height,nb_read_frames -of csv=p=0 " + path + " 2>&1";
  std::string result;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[256];
    while (fgets(buf, sizeof buf, p)) result += buf;
    pclose(p);
  }
  std::remove(path.c_str());
  rmdir(dir);
  while (!result.empty() && (result.back() == '\n' || result.back() == '\r')) result.pop_back();
  return result;
}

}  // namespace genai::testing
