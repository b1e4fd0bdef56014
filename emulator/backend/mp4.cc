#include "emulator/backend/mp4.h"

#include <initializer_list>

namespace genai::emulator {
namespace {

// An RBSP written bit by bit, with H.264's Exp-Golomb codes.
class H264Bits {
 public:
  void bit(unsigned b) {
    cur_ = static_cast<std::uint8_t>(cur_ << 1 | (b & 1));
    if (++n_ == 8) {
      out_.push_back(static_cast<char>(cur_));
      cur_ = 0;
      n_ = 0;
    }
  }
  void bits(std::uint32_t v, int count) {
    for (int i = count - 1; i >= 0; --i) bit(v >> i & 1);
  }
  void ue(std::uint32_t v) {
    const std::uint32_t x = v + 1;
    int len = 0;
    while ((x >> len) > 1) ++len;
    bits(0, len);
    bits(x, len + 1);
  }
  void se(std::int32_t v) { ue(v <= 0 ? static_cast<std::uint32_t>(-2 * v) : static_cast<std::uint32_t>(2 * v - 1)); }
  bool aligned() const { return n_ == 0; }
  void align_zero() {
    while (!aligned()) bit(0);
  }
  void byte(std::uint8_t b) { bits(b, 8); }
  // rbsp_trailing_bits: a stop bit, then zeros to the byte boundary.
  std::string finish() {
    bit(1);
    align_zero();
    return std::move(out_);
  }

 private:
  std::string out_;
  std::uint8_t cur_ = 0;
  int n_ = 0;
};

// A NAL unit: its header byte, then the RBSP with emulation prevention
// (00 00 0x becomes 00 00 03 0x for x <= 3).
std::string h264_nal_unit(std::uint8_t header, const std::string& rbsp) {
  std::string out(1, static_cast<char>(header));
  int zeros = 0;
  for (char c : rbsp) {
    const auto b = static_cast<std::uint8_t>(c);
    if (zeros >= 2 && b <= 3) {
      out.push_back(3);
      zeros = 0;
    }
    out.push_back(c);
    zeros = b == 0 ? zeros + 1 : 0;
  }
  return out;
}

constexpr std::uint8_t kH264ProfileBaseline = 66;
constexpr std::uint8_t kH264ConstraintSet01 = 0xC0;  // constrained baseline
constexpr std::uint8_t kH264Level = 30;              // 3.0: far above what these frames need

int h264_macroblocks(int pixels) { return (pixels + 15) / 16; }

std::string sequence_parameter_set(const Mp4Video& v) {
  H264Bits b;
  b.byte(kH264ProfileBaseline);
  b.byte(kH264ConstraintSet01);
  b.byte(kH264Level);
  b.ue(0);  // seq_parameter_set_id
  b.ue(0);  // log2_max_frame_num_minus4
  b.ue(2);  // pic_order_cnt_type 2: output order is decoding order
  b.ue(1);  // max_num_ref_frames
  b.bit(0);  // gaps_in_frame_num_value_allowed_flag
  b.ue(static_cast<std::uint32_t>(h264_macroblocks(v.width) - 1));
  b.ue(static_cast<std::uint32_t>(h264_macroblocks(v.height) - 1));
  b.bit(1);  // frame_mbs_only_flag
  b.bit(1);  // direct_8x8_inference_flag
  const int crop_right = (h264_macroblocks(v.width) * 16 - v.width) / 2;  // in chroma units (4:2:0)
  const int crop_bottom = (h264_macroblocks(v.height) * 16 - v.height) / 2;
  const bool crop = crop_right || crop_bottom;
  b.bit(crop ? 1 : 0);
  if (crop) {
    b.ue(0);
    b.ue(static_cast<std::uint32_t>(crop_right));
    b.ue(0);
    b.ue(static_cast<std::uint32_t>(crop_bottom));
  }
  b.bit(0);  // vui_parameters_present_flag
  return h264_nal_unit(0x67, b.finish());
}

std::string picture_parameter_set() {
  H264Bits b;
  b.ue(0);   // pic_parameter_set_id
  b.ue(0);   // seq_parameter_set_id
  b.bit(0);  // entropy_coding_mode_flag: CAVLC
  b.bit(0);  // bottom_field_pic_order_in_frame_present_flag
  b.ue(0);   // num_slice_groups_minus1
  b.ue(0);   // num_ref_idx_l0_default_active_minus1
  b.ue(0);   // num_ref_idx_l1_default_active_minus1
  b.bit(0);  // weighted_pred_flag
  b.bits(0, 2);  // weighted_bipred_idc
  b.se(0);   // pic_init_qp_minus26
  b.se(0);   // pic_init_qs_minus26
  b.se(0);   // chroma_qp_index_offset
  b.bit(0);  // deblocking_filter_control_present_flag
  b.bit(0);  // constrained_intra_pred_flag
  b.bit(0);  // redundant_pic_cnt_present_flag
  return h264_nal_unit(0x68, b.finish());
}

// One frame: an IDR slice of I_PCM macroblocks, every sample the frame's colour.
std::string idr_slice(const Mp4Video& v, const Mp4Frame& f, std::uint32_t idr_pic_id) {
  H264Bits b;
  b.ue(0);         // first_mb_in_slice
  b.ue(7);         // slice_type: I (all slices of the picture)
  b.ue(0);         // pic_parameter_set_id
  b.bits(0, 4);    // frame_num (log2_max_frame_num = 4)
  b.ue(idr_pic_id);  // differs between consecutive IDR pictures
  b.bit(0);        // no_output_of_prior_pics_flag
  b.bit(0);        // long_term_reference_flag
  b.se(0);         // slice_qp_delta
  const int count = h264_macroblocks(v.width) * h264_macroblocks(v.height);
  for (int mb = 0; mb < count; ++mb) {
    b.ue(25);  // mb_type I_PCM
    b.align_zero();
    for (int i = 0; i < 256; ++i) b.byte(f.y);
    for (int i = 0; i < 64; ++i) b.byte(f.cb);
    for (int i = 0; i < 64; ++i) b.byte(f.cr);
  }
  return h264_nal_unit(0x65, b.finish());
}

// ---- ISO BMFF boxes ----

void mp4_u8(std::string& s, std::uint32_t v) { s.push_back(static_cast<char>(v & 0xFF)); }
void mp4_u16(std::string& s, std::uint32_t v) {
  mp4_u8(s, v >> 8);
  mp4_u8(s, v);
}
void mp4_u32(std::string& s, std::uint32_t v) {
  mp4_u16(s, v >> 16);
  mp4_u16(s, v);
}
void mp4_zeros(std::string& s, std::size_t n) { s.append(n, '\0'); }

std::string mp4_box(const char* type, const std::string& payload) {
  std::string out;
  mp4_u32(out, static_cast<std::uint32_t>(payload.size() + 8));
  out.append(type, 4);
  out += payload;
  return out;
}

std::string mp4_full_box(const char* type, std::uint8_t version, std::uint32_t flags, const std::string& payload) {
  std::string p;
  mp4_u8(p, version);
  mp4_u8(p, flags >> 16);
  mp4_u16(p, flags);
  return mp4_box(type, p + payload);
}

std::string mp4_boxes(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

void mp4_unity_matrix(std::string& s) {
  for (std::uint32_t v : {0x00010000u, 0u, 0u, 0u, 0x00010000u, 0u, 0u, 0u, 0x40000000u}) mp4_u32(s, v);
}

constexpr std::uint32_t kMp4Timescale = 1000;

std::string mvhd(std::uint32_t duration) {
  std::string p;
  mp4_u32(p, 0);  // creation_time
  mp4_u32(p, 0);  // modification_time
  mp4_u32(p, kMp4Timescale);
  mp4_u32(p, duration);
  mp4_u32(p, 0x00010000);  // rate 1.0
  mp4_u16(p, 0x0100);      // volume 1.0
  mp4_zeros(p, 10);
  mp4_unity_matrix(p);
  mp4_zeros(p, 24);  // pre_defined
  mp4_u32(p, 2);     // next_track_ID
  return mp4_full_box("mvhd", 0, 0, p);
}

std::string tkhd(std::uint32_t duration, int width, int height) {
  std::string p;
  mp4_u32(p, 0);
  mp4_u32(p, 0);
  mp4_u32(p, 1);  // track_ID
  mp4_u32(p, 0);
  mp4_u32(p, duration);
  mp4_zeros(p, 8);
  mp4_u16(p, 0);  // layer
  mp4_u16(p, 0);  // alternate_group
  mp4_u16(p, 0);  // volume: a video track
  mp4_u16(p, 0);
  mp4_unity_matrix(p);
  mp4_u32(p, static_cast<std::uint32_t>(width) << 16);
  mp4_u32(p, static_cast<std::uint32_t>(height) << 16);
  return mp4_full_box("tkhd", 0, 3, p);  // enabled, in movie
}

std::string mdhd(std::uint32_t duration) {
  std::string p;
  mp4_u32(p, 0);
  mp4_u32(p, 0);
  mp4_u32(p, kMp4Timescale);
  mp4_u32(p, duration);
  mp4_u16(p, 0x55C4);  // language "und"
  mp4_u16(p, 0);
  return mp4_full_box("mdhd", 0, 0, p);
}

std::string hdlr() {
  std::string p;
  mp4_u32(p, 0);
  p += "vide";
  mp4_zeros(p, 12);
  p += std::string("VideoHandler") + '\0';
  return mp4_full_box("hdlr", 0, 0, p);
}

std::string avc1(const Mp4Video& v, const std::string& sps, const std::string& pps) {
  std::string avcc;
  mp4_u8(avcc, 1);  // configurationVersion
  mp4_u8(avcc, kH264ProfileBaseline);
  mp4_u8(avcc, kH264ConstraintSet01);
  mp4_u8(avcc, kH264Level);
  mp4_u8(avcc, 0xFF);  // lengthSizeMinusOne = 3
  mp4_u8(avcc, 0xE1);  // one SPS
  mp4_u16(avcc, static_cast<std::uint32_t>(sps.size()));
  avcc += sps;
  mp4_u8(avcc, 1);  // one PPS
  mp4_u16(avcc, static_cast<std::uint32_t>(pps.size()));
  avcc += pps;

  std::string p;
  mp4_zeros(p, 6);
  mp4_u16(p, 1);  // data_reference_index
  mp4_zeros(p, 16);
  mp4_u16(p, static_cast<std::uint32_t>(v.width));
  mp4_u16(p, static_cast<std::uint32_t>(v.height));
  mp4_u32(p, 0x00480000);  // 72 dpi
  mp4_u32(p, 0x00480000);
  mp4_u32(p, 0);
  mp4_u16(p, 1);  // frame_count
  mp4_zeros(p, 32);  // compressorname
  mp4_u16(p, 0x0018);
  mp4_u16(p, 0xFFFF);
  return mp4_box("avc1", p + mp4_box("avcC", avcc));
}

std::string sample_tables(const Mp4Video& v, const std::vector<std::uint32_t>& sizes, std::uint32_t mdat_offset,
                          const std::string& sps, const std::string& pps) {
  std::string stsd;
  mp4_u32(stsd, 1);
  stsd += avc1(v, sps, pps);
  std::string stts;
  mp4_u32(stts, 1);
  mp4_u32(stts, static_cast<std::uint32_t>(sizes.size()));
  mp4_u32(stts, static_cast<std::uint32_t>(v.frame_ms));
  std::string stsc;  // every sample in one chunk
  mp4_u32(stsc, 1);
  mp4_u32(stsc, 1);
  mp4_u32(stsc, static_cast<std::uint32_t>(sizes.size()));
  mp4_u32(stsc, 1);
  std::string stsz;
  mp4_u32(stsz, 0);
  mp4_u32(stsz, static_cast<std::uint32_t>(sizes.size()));
  for (std::uint32_t s : sizes) mp4_u32(stsz, s);
  std::string stco;
  mp4_u32(stco, 1);
  mp4_u32(stco, mdat_offset);
  return mp4_box("stbl", mp4_boxes({mp4_full_box("stsd", 0, 0, stsd), mp4_full_box("stts", 0, 0, stts),
                            mp4_full_box("stsc", 0, 0, stsc), mp4_full_box("stsz", 0, 0, stsz),
                            mp4_full_box("stco", 0, 0, stco)}));
}

}  // namespace

std::string encode_mp4(const Mp4Video& v) {
  const std::string sps = sequence_parameter_set(v);
  const std::string pps = picture_parameter_set();
  std::string mdat_payload;
  std::vector<std::uint32_t> sizes;
  for (std::size_t i = 0; i < v.frames.size(); ++i) {
    const std::string nal = idr_slice(v, v.frames[i], static_cast<std::uint32_t>(i % 2));
    std::string sample;
    mp4_u32(sample, static_cast<std::uint32_t>(nal.size()));
    sample += nal;
    sizes.push_back(static_cast<std::uint32_t>(sample.size()));
    mdat_payload += sample;
  }
  const auto duration = static_cast<std::uint32_t>(v.frame_ms * static_cast<int>(v.frames.size()));

  std::string ftyp_payload = "isom";
  mp4_u32(ftyp_payload, 0x200);
  ftyp_payload += "isomiso2avc1mp41";
  const std::string ftyp = mp4_box("ftyp", ftyp_payload);

  std::string vmhd_payload;
  mp4_zeros(vmhd_payload, 8);  // graphicsmode, opcolor
  std::string dref_payload;
  mp4_u32(dref_payload, 1);
  dref_payload += mp4_full_box("url ", 0, 1, "");  // the data is in this file
  auto moov_with = [&](std::uint32_t mdat_offset) {
    const std::string minf = mp4_box("minf", mp4_boxes({mp4_full_box("vmhd", 0, 1, vmhd_payload),
                                                mp4_box("dinf", mp4_full_box("dref", 0, 0, dref_payload)),
                                                sample_tables(v, sizes, mdat_offset, sps, pps)}));
    const std::string trak = mp4_box("trak", tkhd(duration, v.width, v.height) +
                                             mp4_box("mdia", mp4_boxes({mdhd(duration), hdlr(), minf})));
    return mp4_box("moov", mvhd(duration) + trak);
  };
  // The chunk offset is a fixed-width field, so the moov's size does not
  // depend on it: measure once, then write the real offset.
  const std::size_t moov_size = moov_with(0).size();
  const auto offset = static_cast<std::uint32_t>(ftyp.size() + moov_size + 8);
  return ftyp + moov_with(offset) + mp4_box("mdat", mdat_payload);
}

}  // namespace genai::emulator
