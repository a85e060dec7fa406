// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the few bit-level facts and edits of H.264 (annex B) that joining x264
// sessions into one stream needs (stitched-stream.h): NAL units of an access unit, emulation
// prevention, the SPS's transform-bypass flag and the slice header's frame_num. Libraries parse
// these (GStreamer's codecparsers, which the tests check this against) but none rewrites them,
// so the reading and the one in-place edit are here. ITU-T H.264 sections 7.3.1, 7.3.2.1.1,
// 7.3.3 and 7.4.1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace webdesk {

// One NAL unit of an annex-B access unit: its bytes after the start code (header included,
// emulation prevention bytes still in).
struct NalUnit {
  const uint8_t *data = nullptr;
  size_t size = 0;
  int type () const { return size ? data[0] & 0x1f : -1; }
};

constexpr int kNalSlice = 1;
constexpr int kNalIdrSlice = 5;
constexpr int kNalSei = 6;
constexpr int kNalSps = 7;
constexpr int kNalPps = 8;

std::vector<NalUnit> SplitAnnexB (const uint8_t *data, size_t size);
// Appends a 4-byte start code and the NAL unit's bytes.
void AppendNal (const uint8_t *nal, size_t size, std::vector<uint8_t> *out);

// NAL unit bytes <-> RBSP (the 0x03 emulation prevention bytes taken out / put in).
std::vector<uint8_t> NalToRbsp (const uint8_t *nal, size_t size);
std::vector<uint8_t> RbspToNal (const std::vector<uint8_t> &rbsp);

// What a sequence parameter set says that matters here.
struct SpsFacts {
  bool ok = false;
  int profile_idc = 0;
  int chroma_format_idc = 1;
  // qpprime_y_zero_transform_bypass_flag: macroblocks at QP 0 are coded losslessly. Only the
  // high profiles have it; bypass_bit is its position in the RBSP (-1 when absent).
  bool transform_bypass = false;
  long bypass_bit = -1;
  bool scaling_matrix = false;  // seq_scaling_matrix_present_flag
  int log2_max_frame_num = 4;
  int pic_order_cnt_type = 0;
  // What slices and macroblocks are parsed with (read only for picture order count type 0 and
  // 2, the ones x264 writes).
  int num_ref_frames = 0;
  int width_mbs = 0;
  int height_map_units = 0;
  bool frame_mbs_only = false;
};
SpsFacts ParseSps (const std::vector<uint8_t> &rbsp);

// Whether slices of a stream with one SPS parse alike with the other: profile, chroma format,
// frame_num and picture order count, references and size agree (the bypass flag and the
// scaling matrices may differ: they change how macroblocks are reconstructed, not parsed).
bool SameSliceSyntax (const SpsFacts &a, const SpsFacts &b);

// What a picture parameter set says about how slices are parsed and macroblock QPs derived.
struct PpsFacts {
  bool ok = false;
  bool cabac = false;
  int num_ref_idx_l0 = 0;
  bool weighted = false;
  int pic_init_qp = 26;
  int chroma_qp_index_offset = 0;
  int second_chroma_qp_index_offset = 0;
  bool deblocking_control = false;
  bool constrained_intra = false;
  bool transform_8x8 = false;
  bool scaling_matrix = false;
};
PpsFacts ParsePps (const std::vector<uint8_t> &rbsp, int chroma_format_idc);

// Whether slices parse alike and their macroblocks' QPs (luma and chroma) come out alike under
// either PPS (the scaling matrices may differ).
bool SameSliceSyntax (const PpsFacts &a, const PpsFacts &b);

// The SPS NAL unit with qpprime_y_zero_transform_bypass_flag set (empty when it has none).
std::vector<uint8_t> WithTransformBypass (const NalUnit &sps);

// A slice's frame_num: where it is in the RBSP and its value (-1 offset when unreadable).
struct FrameNumField {
  long bit = -1;
  uint32_t value = 0;
};
FrameNumField SliceFrameNum (const std::vector<uint8_t> &rbsp, int log2_max_frame_num);

// Writes `value` into the frame_num of every slice of an access unit; other NAL units are
// copied as they are, except those whose type `drop` lists. Returns false when a slice header
// cannot be read.
bool RewriteFrameNum (const uint8_t *au, size_t size, int log2_max_frame_num, uint32_t value,
    const std::vector<int> &drop, std::vector<uint8_t> *out);

}  // namespace webdesk
