// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: NAL units and the two fields the lossless stream touches. See h264-nal.h.
#include "h264-nal.h"

#include <algorithm>

namespace webdesk {

namespace {

// Reads an RBSP bit by bit, with Exp-Golomb codes (ue(v), 9.1). Reading past the end sets
// `failed` and returns zeros.
class BitReader {
 public:
  explicit BitReader (const std::vector<uint8_t> &rbsp) : data_ (rbsp) {}

  uint32_t Bit ()
  {
    if (pos_ >= data_.size () * 8) {
      failed = true;
      return 0;
    }
    const uint32_t bit = (data_[pos_ / 8] >> (7 - pos_ % 8)) & 1;
    pos_++;
    return bit;
  }
  uint32_t Bits (int n)
  {
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
      v = (v << 1) | Bit ();
    return v;
  }
  uint32_t Ue ()
  {
    int zeros = 0;
    while (!failed && Bit () == 0)
      if (++zeros > 31)
        failed = true;
    if (failed)
      return 0;
    return (uint32_t (1) << zeros) - 1 + Bits (zeros);
  }
  int32_t Se ()
  {
    const uint32_t k = Ue ();
    return k & 1 ? int32_t ((k + 1) / 2) : -int32_t (k / 2);
  }
  size_t position () const { return pos_; }
  bool failed = false;

 private:
  const std::vector<uint8_t> &data_;
  size_t pos_ = 0;
};

void
SkipScalingList (BitReader &r, int size)
{
  int last = 8, next = 8;
  for (int j = 0; j < size && !r.failed; j++) {
    if (next != 0)
      next = (last + r.Se () + 256) % 256;
    last = next == 0 ? last : next;
  }
}

void
PutBits (std::vector<uint8_t> *rbsp, size_t bit, int n, uint32_t value)
{
  for (int i = n - 1; i >= 0; i--, bit++) {
    const uint8_t mask = uint8_t (0x80 >> (bit % 8));
    if ((value >> i) & 1)
      (*rbsp)[bit / 8] |= mask;
    else
      (*rbsp)[bit / 8] &= uint8_t (~mask);
  }
}

}  // namespace

std::vector<NalUnit>
SplitAnnexB (const uint8_t *data, size_t size)
{
  std::vector<size_t> starts;
  for (size_t i = 0; i + 3 <= size; i++) {
    if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
      starts.push_back (i + 3);
      i += 2;
    }
  }
  std::vector<NalUnit> nals;
  for (size_t k = 0; k < starts.size (); k++) {
    size_t end = k + 1 < starts.size () ? starts[k + 1] - 3 : size;
    // The zero byte of a 4-byte start code belongs to the next start code, not to this unit.
    if (k + 1 < starts.size ())
      while (end > starts[k] && data[end - 1] == 0)
        end--;
    if (end > starts[k])
      nals.push_back (NalUnit{data + starts[k], end - starts[k]});
  }
  return nals;
}

void
AppendNal (const uint8_t *nal, size_t size, std::vector<uint8_t> *out)
{
  static const uint8_t kStartCode[4] = {0, 0, 0, 1};
  out->insert (out->end (), kStartCode, kStartCode + 4);
  out->insert (out->end (), nal, nal + size);
}

std::vector<uint8_t>
NalToRbsp (const uint8_t *nal, size_t size)
{
  std::vector<uint8_t> rbsp;
  rbsp.reserve (size);
  int zeros = 0;
  for (size_t i = 0; i < size; i++) {
    if (zeros >= 2 && nal[i] == 3) {
      zeros = 0;
      continue;
    }
    rbsp.push_back (nal[i]);
    zeros = nal[i] == 0 ? zeros + 1 : 0;
  }
  return rbsp;
}

std::vector<uint8_t>
RbspToNal (const std::vector<uint8_t> &rbsp)
{
  std::vector<uint8_t> nal;
  nal.reserve (rbsp.size () + rbsp.size () / 64 + 4);
  int zeros = 0;
  for (uint8_t b : rbsp) {
    if (zeros >= 2 && b <= 3) {
      nal.push_back (3);
      zeros = 0;
    }
    nal.push_back (b);
    zeros = b == 0 ? zeros + 1 : 0;
  }
  return nal;
}

SpsFacts
ParseSps (const std::vector<uint8_t> &rbsp)
{
  SpsFacts sps;
  BitReader r (rbsp);
  r.Bits (8);  // NAL header
  sps.profile_idc = int (r.Bits (8));
  r.Bits (16);  // constraint flags, level_idc
  r.Ue ();      // seq_parameter_set_id
  const int p = sps.profile_idc;
  if (p == 100 || p == 110 || p == 122 || p == 244 || p == 44 || p == 83 || p == 86 ||
      p == 118 || p == 128 || p == 138 || p == 139 || p == 134 || p == 135) {
    sps.chroma_format_idc = int (r.Ue ());
    if (sps.chroma_format_idc == 3)
      r.Bit ();  // separate_colour_plane_flag
    r.Ue ();     // bit_depth_luma_minus8
    r.Ue ();     // bit_depth_chroma_minus8
    sps.bypass_bit = long (r.position ());
    sps.transform_bypass = r.Bit () != 0;
    sps.scaling_matrix = r.Bit () != 0;
    if (sps.scaling_matrix) {
      const int lists = sps.chroma_format_idc != 3 ? 8 : 12;
      for (int i = 0; i < lists; i++)
        if (r.Bit ())
          SkipScalingList (r, i < 6 ? 16 : 64);
    }
  }
  sps.log2_max_frame_num = int (r.Ue ()) + 4;
  sps.pic_order_cnt_type = int (r.Ue ());
  if (sps.pic_order_cnt_type == 0)
    r.Ue ();  // log2_max_pic_order_cnt_lsb_minus4
  else if (sps.pic_order_cnt_type != 2)
    return sps;  // type 1: not read here (x264 never writes it)
  sps.num_ref_frames = int (r.Ue ());
  r.Bit ();  // gaps_in_frame_num_value_allowed_flag
  sps.width_mbs = int (r.Ue ()) + 1;
  sps.height_map_units = int (r.Ue ()) + 1;
  sps.frame_mbs_only = r.Bit () != 0;
  sps.ok = !r.failed && sps.log2_max_frame_num <= 16;
  return sps;
}

bool
SameSliceSyntax (const SpsFacts &a, const SpsFacts &b)
{
  return a.ok && b.ok && a.profile_idc == b.profile_idc &&
      a.chroma_format_idc == b.chroma_format_idc &&
      a.log2_max_frame_num == b.log2_max_frame_num &&
      a.pic_order_cnt_type == b.pic_order_cnt_type && a.num_ref_frames == b.num_ref_frames &&
      a.width_mbs == b.width_mbs && a.height_map_units == b.height_map_units &&
      a.frame_mbs_only == b.frame_mbs_only;
}

PpsFacts
ParsePps (const std::vector<uint8_t> &rbsp, int chroma_format_idc)
{
  PpsFacts pps;
  // The rbsp_stop_one_bit: the last bit set. More syntax follows the base fields only before it.
  long stop = -1;
  for (size_t i = rbsp.size (); i-- > 0 && stop < 0;)
    for (int b = 0; b < 8 && stop < 0; b++)
      if ((rbsp[i] >> b) & 1)
        stop = long (i * 8 + size_t (7 - b));
  BitReader r (rbsp);
  r.Bits (8);  // NAL header
  r.Ue ();     // pic_parameter_set_id
  r.Ue ();     // seq_parameter_set_id
  pps.cabac = r.Bit () != 0;
  r.Bit ();  // bottom_field_pic_order_in_frame_present_flag
  if (r.Ue () != 0)
    return pps;  // slice groups: x264 never writes them
  pps.num_ref_idx_l0 = int (r.Ue ()) + 1;
  r.Ue ();  // num_ref_idx_l1_default_active_minus1
  pps.weighted = r.Bit () != 0;
  pps.weighted = r.Bits (2) != 0 || pps.weighted;
  pps.pic_init_qp = 26 + r.Se ();
  r.Se ();  // pic_init_qs_minus26
  pps.chroma_qp_index_offset = r.Se ();
  pps.deblocking_control = r.Bit () != 0;
  pps.constrained_intra = r.Bit () != 0;
  r.Bit ();  // redundant_pic_cnt_present_flag
  pps.second_chroma_qp_index_offset = pps.chroma_qp_index_offset;
  if (long (r.position ()) < stop) {
    pps.transform_8x8 = r.Bit () != 0;
    pps.scaling_matrix = r.Bit () != 0;
    if (pps.scaling_matrix) {
      const int lists = 6 + (pps.transform_8x8 ? (chroma_format_idc == 3 ? 6 : 2) : 0);
      for (int i = 0; i < lists; i++)
        if (r.Bit ())
          SkipScalingList (r, i < 6 ? 16 : 64);
    }
    pps.second_chroma_qp_index_offset = r.Se ();
  }
  pps.ok = !r.failed;
  return pps;
}

bool
SameSliceSyntax (const PpsFacts &a, const PpsFacts &b)
{
  return a.ok && b.ok && a.cabac == b.cabac && a.num_ref_idx_l0 == b.num_ref_idx_l0 &&
      a.weighted == b.weighted && a.pic_init_qp == b.pic_init_qp &&
      a.chroma_qp_index_offset == b.chroma_qp_index_offset &&
      a.second_chroma_qp_index_offset == b.second_chroma_qp_index_offset &&
      a.deblocking_control == b.deblocking_control &&
      a.constrained_intra == b.constrained_intra && a.transform_8x8 == b.transform_8x8;
}

std::vector<uint8_t>
WithTransformBypass (const NalUnit &sps)
{
  std::vector<uint8_t> rbsp = NalToRbsp (sps.data, sps.size);
  const SpsFacts facts = ParseSps (rbsp);
  if (!facts.ok || facts.bypass_bit < 0)
    return {};
  PutBits (&rbsp, size_t (facts.bypass_bit), 1, 1);
  return RbspToNal (rbsp);
}

FrameNumField
SliceFrameNum (const std::vector<uint8_t> &rbsp, int log2_max_frame_num)
{
  BitReader r (rbsp);
  r.Bits (8);  // NAL header
  r.Ue ();     // first_mb_in_slice
  r.Ue ();     // slice_type
  r.Ue ();     // pic_parameter_set_id (x264 never codes colour planes separately)
  FrameNumField field;
  const long bit = long (r.position ());
  field.value = r.Bits (log2_max_frame_num);
  if (!r.failed)
    field.bit = bit;
  return field;
}

bool
RewriteFrameNum (const uint8_t *au, size_t size, int log2_max_frame_num, uint32_t value,
    const std::vector<int> &drop, std::vector<uint8_t> *out)
{
  out->clear ();
  out->reserve (size + 16);
  const uint32_t mask = (uint32_t (1) << log2_max_frame_num) - 1;
  for (const NalUnit &nal : SplitAnnexB (au, size)) {
    bool dropped = false;
    for (int type : drop)
      dropped = dropped || nal.type () == type;
    if (dropped)
      continue;
    if (nal.type () != kNalSlice && nal.type () != kNalIdrSlice) {
      AppendNal (nal.data, nal.size, out);
      continue;
    }
    // The header's first fields fit in a few bytes: read them from a prefix, and take the whole
    // slice apart only when it changes (every frame passes here).
    constexpr size_t kPrefix = 32;
    const FrameNumField field =
        SliceFrameNum (NalToRbsp (nal.data, std::min (nal.size, kPrefix)), log2_max_frame_num);
    if (field.bit < 0)
      return false;
    if (field.value == (value & mask)) {
      AppendNal (nal.data, nal.size, out);
      continue;
    }
    std::vector<uint8_t> rbsp = NalToRbsp (nal.data, nal.size);
    PutBits (&rbsp, size_t (field.bit), log2_max_frame_num, value & mask);
    const std::vector<uint8_t> edited = RbspToNal (rbsp);
    AppendNal (edited.data (), edited.size (), out);
  }
  return true;
}

}  // namespace webdesk
