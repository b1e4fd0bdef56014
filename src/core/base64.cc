#include "core/base64.h"

#include <array>
#include <cstdint>

namespace genai::internal {
namespace {

// Media travels as base64 (inline images, Live audio at 64 KB/s of text),
// so both directions work a block at a time into a buffer sized once.

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view in, const char* alphabet, bool pad) {
  const size_t whole = in.size() / 3, rest = in.size() % 3;
  const size_t size = whole * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1);
  std::string out(size, '\0');
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  char* dst = out.data();
  for (size_t i = 0; i < whole; ++i, src += 3, dst += 4) {
    const uint32_t n = (uint32_t{src[0]} << 16) | (uint32_t{src[1]} << 8) | src[2];
    dst[0] = alphabet[(n >> 18) & 63];
    dst[1] = alphabet[(n >> 12) & 63];
    dst[2] = alphabet[(n >> 6) & 63];
    dst[3] = alphabet[n & 63];
  }
  if (rest > 0) {
    uint32_t n = uint32_t{src[0]} << 16;
    if (rest == 2) n |= uint32_t{src[1]} << 8;
    *dst++ = alphabet[(n >> 18) & 63];
    *dst++ = alphabet[(n >> 12) & 63];
    if (rest == 2) *dst++ = alphabet[(n >> 6) & 63];
    if (pad) {
      *dst++ = '=';
      if (rest == 1) *dst++ = '=';
    }
  }
  return out;
}

constexpr std::array<int8_t, 256> make_decode_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) {
    t[static_cast<unsigned char>(kStd[i])] = static_cast<int8_t>(i);
    t[static_cast<unsigned char>(kUrl[i])] = static_cast<int8_t>(i);
  }
  return t;
}
constexpr std::array<int8_t, 256> kDecode = make_decode_table();

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, kStd, true); }
std::string base64url_encode(std::string_view bytes) { return encode(bytes, kUrl, false); }

bool base64_decode_append(std::string_view text, std::string& out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  const size_t whole = text.size() / 4, rest = text.size() % 4;
  if (rest == 1) return false;
  const size_t start = out.size();
  out.resize(start + whole * 3 + (rest == 0 ? 0 : rest - 1));
  const auto* src = reinterpret_cast<const unsigned char*>(text.data());
  auto* dst = reinterpret_cast<unsigned char*>(out.data() + start);
  const auto fail = [&] {
    out.resize(start);
    return false;
  };
  for (size_t i = 0; i < whole; ++i, src += 4, dst += 3) {
    const int a = kDecode[src[0]], b = kDecode[src[1]], c = kDecode[src[2]], d = kDecode[src[3]];
    if ((a | b | c | d) < 0) return fail();
    const uint32_t n = (uint32_t(a) << 18) | (uint32_t(b) << 12) | (uint32_t(c) << 6) | uint32_t(d);
    dst[0] = static_cast<unsigned char>(n >> 16);
    dst[1] = static_cast<unsigned char>(n >> 8);
    dst[2] = static_cast<unsigned char>(n);
  }
  if (rest > 0) {
    const int a = kDecode[src[0]], b = kDecode[src[1]], c = rest == 3 ? kDecode[src[2]] : 0;
    if ((a | b | c) < 0) return fail();
    const uint32_t n = (uint32_t(a) << 18) | (uint32_t(b) << 12) | (uint32_t(c) << 6);
    dst[0] = static_cast<unsigned char>(n >> 16);
    if (rest == 3) dst[1] = static_cast<unsigned char>(n >> 8);
  }
  return true;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  if (!base64_decode_append(text, out)) return std::nullopt;
  return out;
}

}  // namespace genai::internal
