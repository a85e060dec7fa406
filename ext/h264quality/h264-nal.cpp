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
    if (r.Bit ()) {  // seq_scaling_matrix_present_flag
      const int lists = sps.chroma_format_idc != 3 ? 8 : 12;
      for (int i = 0; i < lists; i++)
        if (r.Bit ())
          SkipScalingList (r, i < 6 ? 16 : 64);
    }
  }
  sps.log2_max_frame_num = int (r.Ue ()) + 4;
  sps.pic_order_cnt_type = int (r.Ue ());
  sps.ok = !r.failed && sps.log2_max_frame_num <= 16;
  return sps;
}

bool
SpsDifferOnlyInBypass (const NalUnit &without, const NalUnit &with_bypass)
{
  std::vector<uint8_t> a = NalToRbsp (without.data, without.size);
  const std::vector<uint8_t> b = NalToRbsp (with_bypass.data, with_bypass.size);
  const SpsFacts fa = ParseSps (a), fb = ParseSps (b);
  if (!fa.ok || !fb.ok || fa.transform_bypass || !fb.transform_bypass || fa.bypass_bit < 0)
    return false;
  PutBits (&a, size_t (fa.bypass_bit), 1, 1);
  return a == b;
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
