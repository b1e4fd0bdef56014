#include "core/base64.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "core/cpu_features.h"

#if GENAI_HAVE_AVX2_PATHS
#include <immintrin.h>
#endif

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

#if GENAI_HAVE_AVX2_PATHS
// 24 bytes to 32 characters of the standard alphabet per block, `blocks`
// blocks; each block reads 28 bytes (4 past its own). (Muła and Lemire's
// method, "Faster Base64 Encoding and Decoding Using AVX2 Instructions".)
GENAI_TARGET_AVX2 void encode_blocks_avx2(const unsigned char* src, char* dst, size_t blocks) {
  // Each 128-bit half takes 12 of the block's bytes, and each 32-bit lane
  // of it one group of three, b0 b1 b2, laid out as b1 b0 b2 b1.
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,  //
                                          1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  // What an index adds to become its character, by the class
  // subs(index, 51) | (index < 26 ? 13 : 0) puts it in: 26-51 +71, 52-61
  // -4, 62 '+', 63 '/', 0-25 +65.
  const __m256i add = _mm256_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 65, 0, 0,  //
                                       71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 65, 0, 0);
  for (size_t k = 0; k < blocks; ++k, src += 24, dst += 32) {
    const __m256i in = _mm256_shuffle_epi8(
        _mm256_set_m128i(_mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 12)),
                         _mm_loadu_si128(reinterpret_cast<const __m128i*>(src))),
        spread);
    // The four 6-bit indices of a group into the four bytes of its lane:
    // two of them moved down by a multiply-high, two up by a multiply-low.
    const __m256i down = _mm256_mulhi_epu16(_mm256_and_si256(in, _mm256_set1_epi32(0x0fc0fc00)),
                                            _mm256_set1_epi32(0x04000040));
    const __m256i up = _mm256_mullo_epi16(_mm256_and_si256(in, _mm256_set1_epi32(0x003f03f0)),
                                          _mm256_set1_epi32(0x01000010));
    const __m256i indices = _mm256_or_si256(down, up);
    const __m256i below_26 = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), indices);
    const __m256i classes = _mm256_or_si256(_mm256_subs_epu8(indices, _mm256_set1_epi8(51)),
                                            _mm256_and_si256(below_26, _mm256_set1_epi8(13)));
    const __m256i chars = _mm256_add_epi8(indices, _mm256_shuffle_epi8(add, classes));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), chars);
  }
}
#endif

std::string encode(std::string_view in, const char* alphabet, const PairTable& pairs, bool pad) {
  const size_t whole = in.size() / 3, rest = in.size() % 3;
  const size_t size = whole * 4 + (rest == 0 ? 0 : pad ? 4 : rest + 1);
  std::string out(size, '\0');
  const auto* src = reinterpret_cast<const unsigned char*>(in.data());
  char* dst = out.data();
  size_t i = 0;
#if GENAI_HAVE_AVX2_PATHS
  // The standard alphabet (media) only; JWTs' few URL-safe bytes stay scalar.
  if (alphabet == kStd && in.size() >= 28 && cpu_has_avx2()) {
    const size_t blocks = (in.size() - 4) / 24;  // the last block's 4 extra bytes exist
    encode_blocks_avx2(src, dst, blocks);
    i = blocks * 8;
    src += blocks * 24;
    dst += blocks * 32;
  }
#endif
  for (; i < whole; ++i, src += 3, dst += 4) {
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

#if GENAI_HAVE_AVX2_PATHS
// 32 characters of the standard alphabet to 24 bytes per block, for
// `blocks` blocks or up to the first block with another character (left to
// the scalar loop: the URL alphabet's two, or a character it refuses). Each
// block stores 32 bytes: the caller leaves 8 bytes of room after the last.
// Returns the blocks decoded. (The method is Wojciech Muła's, in "Base64
// decoding with SIMD instructions": both tables are indexed by a nibble.)
GENAI_TARGET_AVX2 size_t decode_blocks_avx2(const unsigned char* src, unsigned char* dst, size_t blocks) {
  // A character is valid iff the classes its low nibble is invalid in
  // (bad_for) and the class of its high nibble (kind) have no bit in
  // common. Classes: 0x01 '+' '/' (0x2_), 0x02 digits (0x3_), 0x04 'A'-'O'
  // and 'a'-'o', 0x08 'P'-'Z' and 'p'-'z', 0x10 no character at all.
  const __m256i bad_for = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                           0x1B, 0x1B, 0x1B, 0x1A,  //
                                           0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A,
                                           0x1B, 0x1B, 0x1B, 0x1A);
  const __m256i kind = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10,
                                        0x10, 0x10, 0x10,  //
                                        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10,
                                        0x10, 0x10, 0x10);
  // What a valid character adds to become its value, by high nibble; '/'
  // looks one entry lower ('+' +19, '/' +16, digits +4, letters -65, -71).
  const __m256i add = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,  //
                                       0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
  // After the two multiply-adds each 32-bit lane holds 24 bits, high byte
  // first in the output: bytes 2, 1, 0 of each lane, then the two 128-bit
  // halves' twelve bytes side by side.
  const __m256i order = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,  //
                                         2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i halves = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  size_t done = 0;
  for (; done < blocks; ++done, src += 32, dst += 24) {
    const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src));
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi32(c, 4), nibble);
    const __m256i lo = _mm256_and_si256(c, nibble);
    if (!_mm256_testz_si256(_mm256_shuffle_epi8(bad_for, lo), _mm256_shuffle_epi8(kind, hi))) break;
    const __m256i slash = _mm256_cmpeq_epi8(c, _mm256_set1_epi8('/'));
    const __m256i values = _mm256_add_epi8(c, _mm256_shuffle_epi8(add, _mm256_add_epi8(hi, slash)));
    // Pairs of 6-bit values to 12 bits (a * 64 + b), pairs of those to 24.
    const __m256i twelve = _mm256_maddubs_epi16(values, _mm256_set1_epi32(0x01400140));
    const __m256i twenty_four = _mm256_madd_epi16(twelve, _mm256_set1_epi32(0x00011000));
    const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(twenty_four, order), halves);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst), packed);
  }
  return done;
}
#endif

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
  size_t i = 0;
#if GENAI_HAVE_AVX2_PATHS
  // Eight groups per block, and at least three groups (9 bytes) left after
  // the last block for the 8 bytes past it that each block stores.
  if (whole >= 11 && cpu_has_avx2()) {
    const size_t blocks = decode_blocks_avx2(src, dst, (whole - 3) / 8);
    i = blocks * 8;
    src += blocks * 32;
    dst += blocks * 24;
  }
#endif
  for (; i < whole; ++i, src += 4, dst += 3) {
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
