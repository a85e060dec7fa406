// SPDX-License-Identifier: GPL-2.0-or-later
// The H.264 bit-level helpers against GStreamer's own H.264 parser (codecparsers), on streams
// x264 writes: the same SPS facts, the same frame_num, and a rewritten frame_num that the parser
// reads back while the rest of the slice stays as it was.
#include <gtest/gtest.h>

#include <gst/codecparsers/gsth264parser.h>
#include <gst/gst.h>

#include <vector>

#include "h264-nal.h"
#include "x264-session.h"

using namespace webdesk;

namespace {

std::vector<uint8_t>
EncodeFrames (const SessionConfig &config, int frames)
{
  auto session = X264Session::Open (config, nullptr);
  const int stride = (config.width + 63) & ~63;
  std::vector<uint8_t> stream;
  for (int i = 0; i < frames; i++) {
    std::vector<uint8_t> plane (size_t (stride) * config.height);
    for (size_t k = 0; k < plane.size (); k++)
      plane[k] = uint8_t ((k * 7 + size_t (i) * 13) ^ (k >> 5));
    const uint8_t *planes[3] = {plane.data (), plane.data (), plane.data ()};
    const int strides[3] = {stride, stride, stride};
    FrameRequest request;
    request.qp = 30;
    request.force_idr = i == 0;
    request.id = i;
    EncodedFrame out;
    EXPECT_TRUE (session->Encode (planes, strides, request, &out));
    stream.insert (stream.end (), out.data, out.data + out.size);
  }
  return stream;
}

SessionConfig
Config (bool lossless)
{
  SessionConfig c;
  c.width = 96;
  c.height = 160;
  c.chroma = Chroma::k444;
  c.threads = 2;  // two slices per frame
  c.lossless = lossless;
  c.stitchable = true;
  return c;
}

// Every NAL unit of `stream` as codecparsers sees it.
template <typename F>
void
ForEachParsed (const std::vector<uint8_t> &stream, F f)
{
  GstH264NalParser *parser = gst_h264_nal_parser_new ();
  GstH264NalUnit nalu;
  guint offset = 0;
  while (gst_h264_parser_identify_nalu (parser, stream.data (), offset, stream.size (), &nalu) ==
             GST_H264_PARSER_OK ||
         nalu.size > 0) {
    f (parser, &nalu);
    offset = nalu.offset + nalu.size;
    if (offset >= stream.size ())
      break;
    nalu.size = 0;
  }
  gst_h264_nal_parser_free (parser);
}

}  // namespace

TEST (H264Nal, SplitsAnAccessUnitLikeTheGStreamerParser)
{
  const std::vector<uint8_t> stream = EncodeFrames (Config (false), 3);
  std::vector<int> ours, theirs;
  for (const NalUnit &nal : SplitAnnexB (stream.data (), stream.size ()))
    ours.push_back (nal.type ());
  ForEachParsed (stream, [&] (GstH264NalParser *, GstH264NalUnit *nalu) {
    theirs.push_back (nalu->type);
  });
  EXPECT_EQ (ours, theirs);
}

TEST (H264Nal, EscapingRoundTrips)
{
  const std::vector<uint8_t> rbsp = {0x65, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0x80};
  const std::vector<uint8_t> nal = RbspToNal (rbsp);
  const std::vector<uint8_t> want = {0x65, 0, 0, 3, 0, 0, 3, 0, 1, 0, 0, 3, 2, 0, 0, 3, 3, 0, 0,
      4, 0x80};
  EXPECT_EQ (nal, want);
  EXPECT_EQ (NalToRbsp (nal.data (), nal.size ()), rbsp);
}

TEST (H264Nal, ReadsTheSpsAsCodecparsersDoes)
{
  for (bool lossless : {false, true}) {
    const std::vector<uint8_t> stream = EncodeFrames (Config (lossless), 1);
    int checked = 0;
    ForEachParsed (stream, [&] (GstH264NalParser *parser, GstH264NalUnit *nalu) {
      if (nalu->type != GST_H264_NAL_SPS)
        return;
      GstH264SPS sps;
      ASSERT_EQ (gst_h264_parser_parse_sps (parser, nalu, &sps), GST_H264_PARSER_OK);
      const SpsFacts facts = ParseSps (NalToRbsp (nalu->data + nalu->offset, nalu->size));
      EXPECT_TRUE (facts.ok);
      EXPECT_EQ (facts.profile_idc, sps.profile_idc);
      EXPECT_EQ (facts.chroma_format_idc, sps.chroma_format_idc);
      EXPECT_EQ (facts.transform_bypass, sps.qpprime_y_zero_transform_bypass_flag != 0);
      EXPECT_EQ (facts.transform_bypass, lossless);
      EXPECT_EQ (facts.log2_max_frame_num, int (sps.log2_max_frame_num_minus4) + 4);
      EXPECT_EQ (facts.pic_order_cnt_type, int (sps.pic_order_cnt_type));
      gst_h264_sps_clear (&sps);
      checked++;
    });
    EXPECT_EQ (checked, 1);
  }
}

TEST (H264Nal, TheLossySpsWithTheBypassFlagParsesSlicesAsTheLosslessOne)
{
  auto lossy = X264Session::Open (Config (false), nullptr);
  auto lossless = X264Session::Open (Config (true), nullptr);
  const std::vector<uint8_t> a = lossy->Headers (), b = lossless->Headers ();
  const NalUnit *sps_a = nullptr, *sps_b = nullptr;
  auto nals_a = SplitAnnexB (a.data (), a.size ());
  auto nals_b = SplitAnnexB (b.data (), b.size ());
  for (const NalUnit &n : nals_a)
    if (n.type () == kNalSps)
      sps_a = &n;
  for (const NalUnit &n : nals_b)
    if (n.type () == kNalSps)
      sps_b = &n;
  ASSERT_TRUE (sps_a && sps_b);
  const SpsFacts lossy_facts = ParseSps (NalToRbsp (sps_a->data, sps_a->size));
  const SpsFacts lossless_facts = ParseSps (NalToRbsp (sps_b->data, sps_b->size));
  EXPECT_FALSE (lossy_facts.transform_bypass);
  EXPECT_TRUE (lossless_facts.transform_bypass);
  // x264 writes its scaling matrices into the PPS: the lossy one's has 4:4:4 chroma at twice the
  // step, at the same chroma QP offset (0) as the lossless one's.
  const NalUnit *pps_a = nullptr, *pps_b = nullptr;
  for (const NalUnit &n : nals_a)
    if (n.type () == kNalPps)
      pps_a = &n;
  for (const NalUnit &n : nals_b)
    if (n.type () == kNalPps)
      pps_b = &n;
  ASSERT_TRUE (pps_a && pps_b);
  const PpsFacts lossy_pps = ParsePps (NalToRbsp (pps_a->data, pps_a->size), 3);
  const PpsFacts lossless_pps = ParsePps (NalToRbsp (pps_b->data, pps_b->size), 3);
  EXPECT_TRUE (lossy_pps.scaling_matrix);
  EXPECT_FALSE (lossless_pps.scaling_matrix);
  EXPECT_EQ (lossy_pps.chroma_qp_index_offset, 0);
  EXPECT_EQ (lossy_pps.pic_init_qp, 26);
  EXPECT_TRUE (SameSliceSyntax (lossy_pps, lossless_pps));
  const std::vector<uint8_t> patched = WithTransformBypass (*sps_a);
  const SpsFacts patched_facts = ParseSps (NalToRbsp (patched.data (), patched.size ()));
  EXPECT_TRUE (patched_facts.transform_bypass);
  EXPECT_TRUE (SameSliceSyntax (patched_facts, lossless_facts));
  EXPECT_EQ (patched_facts.width_mbs, 96 / 16);
  EXPECT_EQ (patched_facts.height_map_units, 160 / 16);
  // GStreamer's parser reads the patched SPS alike.
  std::vector<uint8_t> annexb;
  AppendNal (patched.data (), patched.size (), &annexb);
  int checked = 0;
  ForEachParsed (annexb, [&] (GstH264NalParser *parser, GstH264NalUnit *nalu) {
    GstH264SPS sps;
    ASSERT_EQ (gst_h264_parser_parse_sps (parser, nalu, &sps), GST_H264_PARSER_OK);
    EXPECT_EQ (sps.qpprime_y_zero_transform_bypass_flag, 1);
    EXPECT_EQ (int (sps.pic_width_in_mbs_minus1) + 1, patched_facts.width_mbs);
    EXPECT_EQ (sps.num_ref_frames, guint32 (patched_facts.num_ref_frames));
    gst_h264_sps_clear (&sps);
    checked++;
  });
  EXPECT_EQ (checked, 1);
  // A different size is another slice syntax.
  SessionConfig other = Config (true);
  other.width = 128;
  const std::vector<uint8_t> c = X264Session::Open (other, nullptr)->Headers ();
  for (const NalUnit &n : SplitAnnexB (c.data (), c.size ())) {
    if (n.type () == kNalSps) {
      EXPECT_FALSE (SameSliceSyntax (patched_facts, ParseSps (NalToRbsp (n.data, n.size))));
    }
  }
}

TEST (H264Nal, RewrittenFrameNumIsWhatTheParserReads)
{
  const std::vector<uint8_t> stream = EncodeFrames (Config (false), 3);
  // The third access unit: a P-frame of two slices with frame_num 2.
  std::vector<const uint8_t *> au_starts;
  const auto nals = SplitAnnexB (stream.data (), stream.size ());
  const NalUnit *sps = nullptr;
  for (const NalUnit &n : nals)
    if (n.type () == kNalSps)
      sps = &n;
  ASSERT_TRUE (sps);
  const int log2 = ParseSps (NalToRbsp (sps->data, sps->size)).log2_max_frame_num;
  std::vector<uint8_t> third;
  int slices = 0;
  for (const NalUnit &n : nals) {
    if (n.type () != kNalSlice)
      continue;
    const FrameNumField field = SliceFrameNum (NalToRbsp (n.data, n.size), log2);
    if (field.value == 2) {
      AppendNal (n.data, n.size, &third);
      slices++;
    }
  }
  ASSERT_EQ (slices, 2);

  std::vector<uint8_t> rewritten;
  ASSERT_TRUE (RewriteFrameNum (third.data (), third.size (), log2, 11, {}, &rewritten));
  // Parse the rewritten slices with the SPS and PPS of the stream in front.
  std::vector<uint8_t> with_headers;
  for (const NalUnit &n : nals)
    if (n.type () == kNalSps || n.type () == kNalPps)
      AppendNal (n.data, n.size, &with_headers);
  const size_t headers = with_headers.size ();
  with_headers.insert (with_headers.end (), rewritten.begin (), rewritten.end ());
  std::vector<uint8_t> original_headers (with_headers.begin (), with_headers.begin () + headers);
  original_headers.insert (original_headers.end (), third.begin (), third.end ());

  auto slice_headers = [] (const std::vector<uint8_t> &s) {
    std::vector<GstH264SliceHdr> out;
    ForEachParsed (s, [&] (GstH264NalParser *parser, GstH264NalUnit *nalu) {
      if (nalu->type == GST_H264_NAL_SPS) {
        GstH264SPS sps;
        gst_h264_parser_parse_sps (parser, nalu, &sps);
        gst_h264_sps_clear (&sps);
      } else if (nalu->type == GST_H264_NAL_PPS) {
        GstH264PPS pps;
        gst_h264_parser_parse_pps (parser, nalu, &pps);
        gst_h264_pps_clear (&pps);
      } else if (nalu->type == GST_H264_NAL_SLICE) {
        GstH264SliceHdr hdr;
        EXPECT_EQ (gst_h264_parser_parse_slice_hdr (parser, nalu, &hdr, TRUE, TRUE),
            GST_H264_PARSER_OK);
        out.push_back (hdr);
      }
    });
    return out;
  };
  const auto before = slice_headers (original_headers);
  const auto after = slice_headers (with_headers);
  ASSERT_EQ (before.size (), 2u);
  ASSERT_EQ (after.size (), 2u);
  for (int i = 0; i < 2; i++) {
    EXPECT_EQ (before[i].frame_num, 2);
    EXPECT_EQ (after[i].frame_num, 11);
    EXPECT_EQ (after[i].first_mb_in_slice, before[i].first_mb_in_slice);
    EXPECT_EQ (after[i].slice_qp_delta, before[i].slice_qp_delta);
    EXPECT_EQ (after[i].header_size, before[i].header_size);
  }
  // Everything but the slice headers' frame_num bits is as it was.
  EXPECT_EQ (rewritten.size (), third.size ());
}

TEST (H264Nal, DropsTheNalUnitsAsked)
{
  const std::vector<uint8_t> stream = EncodeFrames (Config (false), 1);
  std::vector<uint8_t> out;
  ASSERT_TRUE (RewriteFrameNum (stream.data (), stream.size (), 4, 0, {kNalSps, kNalPps, kNalSei},
      &out));
  for (const NalUnit &n : SplitAnnexB (out.data (), out.size ()))
    EXPECT_EQ (n.type (), kNalIdrSlice);
}
