#include "core/base64.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace genai::internal {
namespace {

// Media travels as base64 (inline images, Live audio at 64 KB/s of text),
// so both directions work a block at a time into a buffer sized once.

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Two output characters per lookup: the 4096 pairs of an alphabet, built once.
using PairTable = std::array<std::array<char, 2>, 4096>;
constexpr PairTable make_pair_table(const char* alphabet) {
  PairTable t{};
  for (int i = 0; i < 4096; ++i) t[static_cast<size_t>(i)] = {alphabet[i >> 6], alphabet[i & 63]};
  return t;
}
constexpr PairTable kStdPairs = make_pair_table(kStd);
constexpr PairTable kUrlPairs = make_pair_table(kUrl);

std::string encode(std::string_view in, const char* alphabet, const PairTable& pairs, bool pad) {
  const size_t whole = in.size() / 3, rest = in.size() % 3;
  const size_t size = whole * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1);
  std::string out(size, '\0');
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  char* dst = out.data();
  for (size_t i = 0; i < whole; ++i, src += 3, dst += 4) {
    const uint32_t n = (uint32_t{src[0]} << 16) | (uint32_t{src[1]} << 8) | src[2];
    std::memcpy(dst, pairs[n >> 12].data(), 2);
    std::memcpy(dst + 2, pairs[n & 4095].data(), 2);
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

// The same values already in place in a 24-bit group, one table per position
// of the four characters; a character outside both alphabets sets bit 31 in
// every table, so one test of the OR of four lookups checks them all.
using ShiftedTable = std::array<uint32_t, 256>;
constexpr ShiftedTable make_shifted_table(int shift) {
  ShiftedTable t{};
  for (int c = 0; c < 256; ++c) {
    const int v = kDecode[static_cast<size_t>(c)];
    t[static_cast<size_t>(c)] = v < 0 ? 0x80000000u : static_cast<uint32_t>(v) << shift;
  }
  return t;
}
constexpr ShiftedTable kDecode0 = make_shifted_table(18);
constexpr ShiftedTable kDecode1 = make_shifted_table(12);
constexpr ShiftedTable kDecode2 = make_shifted_table(6);
constexpr ShiftedTable kDecode3 = make_shifted_table(0);

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, kStd, kStdPairs, true); }
std::string base64url_encode(std::string_view bytes) { return encode(bytes, kUrl, kUrlPairs, false); }

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
    const uint32_t n = kDecode0[src[0]] | kDecode1[src[1]] | kDecode2[src[2]] | kDecode3[src[3]];
    if (n & 0x80000000u) return fail();
    if (std::endian::native == std::endian::little && i + 1 < whole) {
      // Four bytes in one store, big-endian; the fourth is the next group's first.
      const uint32_t be = __builtin_bswap32(n << 8);
      std::memcpy(dst, &be, 4);
    } else {
      dst[0] = static_cast<unsigned char>(n >> 16);
      dst[1] = static_cast<unsigned char>(n >> 8);
      dst[2] = static_cast<unsigned char>(n);
    }
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
