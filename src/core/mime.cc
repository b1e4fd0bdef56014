// MIME types from content: the magic numbers of the formats Gemini accepts
// inline. A file name can lie (photo.png that is a JPEG) and Google rejects a
// wrong mimeType, so the bytes decide.
#include <array>
#include <cstdint>
#include <utility>

#include "core/utf8.h"
#include "genai/image.h"
#include "genai/upload.h"

namespace genai {
namespace {

bool starts_with(std::string_view b, std::string_view magic, size_t at = 0) {
  return b.size() >= at + magic.size() && b.substr(at, magic.size()) == magic;
}

std::uint8_t byte(std::string_view b, size_t i) { return static_cast<std::uint8_t>(b[i]); }

// ISO base media files (MP4, MOV, HEIF, 3GP) carry their kind as the major
// brand of the leading "ftyp" box.
std::string_view from_ftyp_brand(std::string_view brand) {
  static constexpr std::array<std::string_view, 7> kHeic = {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm"};
  for (std::string_view h : kHeic) {
    if (brand == h) return "image/heic";
  }
  if (brand == "mif1" || brand == "msf1" || brand == "heif") return "image/heif";
  if (brand == "avif" || brand == "avis") return "image/avif";
  if (brand == "qt  ") return "video/quicktime";
  if (brand == "M4A " || brand == "M4B ") return "audio/mp4";
  if (brand.substr(0, 3) == "3gp" || brand.substr(0, 3) == "3g2") return "video/3gpp";
  return "video/mp4";
}

// MPEG audio frame header: 11 sync bits, then version and layer bits.
bool mpeg_audio_frame(std::string_view b) {
  if (b.size() < 3 || byte(b, 0) != 0xFF || (byte(b, 1) & 0xE0) != 0xE0) return false;
  const int version = (byte(b, 1) >> 3) & 3;  // 1 is reserved
  const int layer = (byte(b, 1) >> 1) & 3;    // 0 is reserved (ADTS AAC uses it)
  const int bitrate = byte(b, 2) >> 4;        // 15 is invalid
  return version != 1 && layer != 0 && bitrate != 15;
}

bool adts_aac(std::string_view b) {
  return b.size() >= 2 && byte(b, 0) == 0xFF && (byte(b, 1) & 0xF6) == 0xF0;
}

// Valid UTF-8 with no control characters other than whitespace: text.
bool is_text(std::string_view b) {
  if (starts_with(b, "\xEF\xBB\xBF")) b.remove_prefix(3);
  if (internal::invalid_utf8_at(b)) return false;
  for (const char ch : b) {
    const auto c = static_cast<std::uint8_t>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return false;
  }
  return true;
}

}  // namespace

std::string detect_mime_type(std::string_view b) {
  if (starts_with(b, "\x89PNG\r\n\x1A\n")) return "image/png";
  if (starts_with(b, "\xFF\xD8\xFF")) return "image/jpeg";
  if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return "image/gif";
  if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) return "image/webp";
  if (starts_with(b, "RIFF") && starts_with(b, "WAVE", 8)) return "audio/wav";
  if (starts_with(b, "FORM") && (starts_with(b, "AIFF", 8) || starts_with(b, "AIFC", 8))) return "audio/aiff";
  if (starts_with(b, "ftyp", 4) && b.size() >= 12) return std::string(from_ftyp_brand(b.substr(8, 4)));
  // Old QuickTime files start with a movie or data atom instead of ftyp.
  if (starts_with(b, "moov", 4) || starts_with(b, "mdat", 4) || starts_with(b, "wide", 4)) return "video/quicktime";
  if (starts_with(b, "%PDF-")) return "application/pdf";
  if (starts_with(b, "fLaC")) return "audio/flac";
  if (starts_with(b, "OggS")) return "audio/ogg";
  if (starts_with(b, "\x1A\x45\xDF\xA3")) {
    // EBML: the DocType says WebM or Matroska.
    return b.substr(0, 64).find("webm") != std::string_view::npos ? "video/webm" : "video/x-matroska";
  }
  if (starts_with(b, "ID3") || mpeg_audio_frame(b)) return "audio/mpeg";
  if (adts_aac(b)) return "audio/aac";
  if (!b.empty() && is_text(b)) return "text/plain";
  return "application/octet-stream";
}

std::string mime_type_from_extension(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot + 1 == name.size()) return {};
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 46> kTypes = {{
      {"txt", "text/plain"},        {"text", "text/plain"},       {"md", "text/markdown"},
      {"csv", "text/csv"},          {"tsv", "text/tab-separated-values"}, {"html", "text/html"},
      {"htm", "text/html"},         {"css", "text/css"},          {"xml", "text/xml"},
      {"rtf", "text/rtf"},          {"js", "text/javascript"},    {"py", "text/x-python"},
      {"c", "text/x-c"},            {"h", "text/x-c"},            {"cc", "text/x-c++"},
      {"cpp", "text/x-c++"},        {"json", "application/json"}, {"jsonl", "application/jsonl"},
      {"pdf", "application/pdf"},   {"zip", "application/zip"},   {"png", "image/png"},
      {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},       {"gif", "image/gif"},
      {"webp", "image/webp"},       {"heic", "image/heic"},       {"heif", "image/heif"},
      {"bmp", "image/bmp"},         {"svg", "image/svg+xml"},     {"mp3", "audio/mpeg"},
      {"wav", "audio/wav"},         {"aiff", "audio/aiff"},       {"aac", "audio/aac"},
      {"ogg", "audio/ogg"},         {"flac", "audio/flac"},       {"m4a", "audio/mp4"},
      {"mp4", "video/mp4"},         {"mpeg", "video/mpeg"},       {"mpg", "video/mpeg"},
      {"mov", "video/quicktime"},   {"avi", "video/x-msvideo"},   {"flv", "video/x-flv"},
      {"webm", "video/webm"},       {"wmv", "video/x-ms-wmv"},    {"3gp", "video/3gpp"},
      {"mkv", "video/x-matroska"},
  }};
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return std::string(type);
  }
  return {};
}

}  // namespace genai
