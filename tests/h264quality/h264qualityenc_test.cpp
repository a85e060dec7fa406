// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc as a user sees it: buffers in through GstHarness, H.264 out, decoded with
// avdec_h264 and compared with the input in RGB (tests/common). Caps, sizes and chroma
// negotiation are in h264qualityenc_caps_test.cpp.
#include <gtest/gtest.h>

#include "encoder_harness.h"

using webdesk::testing::AddDamage;
using webdesk::testing::CompareRgb;
using webdesk::testing::Crop;
using webdesk::testing::DecodeH264;
using webdesk::testing::Encoder;
using webdesk::testing::HasNalType;
using webdesk::testing::IsIdr;
using webdesk::testing::kBlack;
using webdesk::testing::kHeight;
using webdesk::testing::kRed;
using webdesk::testing::kWhite;
using webdesk::testing::kWidth;
using webdesk::testing::Picture;
using webdesk::testing::RenderText;
using webdesk::testing::Window;

// ---- Picture quality, measured in RGB ----------------------------------------------------

TEST (H264QualityEnc, BlackTextOnWhiteAtQuality18Reaches45DbInEveryChannel)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  for (const char *chroma : {"420", "444"}) {
    Encoder enc (std::string ("quality=18 chroma=") + chroma);
    ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
    enc.Pull ();
    auto decoded = enc.Decode ();
    ASSERT_EQ (decoded.size (), 1u);
    auto q = CompareRgb (text, decoded[0].picture);
    EXPECT_GE (q.MinPsnr (), 45.0) << chroma << ": " << q.ToString ();
  }
}

TEST (H264QualityEnc, RedTextOnBlackStaysExactIn444AndSmearsIn420)
{
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder full ("quality=18 chroma=444");
  ASSERT_EQ (full.Push (text), GST_FLOW_OK);
  full.Pull ();
  EXPECT_EQ (full.OutputProfile (), "high-4:4:4");
  auto d444 = full.Decode ();
  ASSERT_EQ (d444.size (), 1u);
  EXPECT_TRUE (d444[0].chroma444);
  auto q444 = CompareRgb (text, d444[0].picture);
  EXPECT_EQ (q444.off_by_48_share, 0.0) << q444.ToString ();
  EXPECT_GE (q444.psnr_r, 35.0) << q444.ToString ();

  Encoder sub ("quality=18 chroma=420");
  ASSERT_EQ (sub.Push (text), GST_FLOW_OK);
  sub.Pull ();
  auto d420 = sub.Decode ();
  ASSERT_EQ (d420.size (), 1u);
  EXPECT_FALSE (d420[0].chroma444);
  auto q420 = CompareRgb (text, d420[0].picture);
  // Measured: 16% here, ~18% with x264enc; 4:4:4 gives R 35.4 dB and 0%.
  EXPECT_GT (q420.off_by_48_share, 0.05) << q420.ToString ();
}

namespace {

// A raw YUV frame: a diagonal grey ramp with neutral chroma plus a coloured band, so that
// both luma and chroma matter.
GstBuffer *
RawFrame (GstVideoFormat format, GstCaps **caps)
{
  GstVideoInfo info;
  gst_video_info_set_format (&info, format, kWidth, kHeight);
  GstBuffer *buf = gst_buffer_new_allocate (nullptr, info.size, nullptr);
  GstVideoFrame frame;
  gst_video_frame_map (&frame, &info, buf, GST_MAP_WRITE);
  for (int p = 0; p < 3; p++) {
    for (int y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&frame, p); y++) {
      auto *row = static_cast<uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, p)) +
          y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, p);
      for (int x = 0; x < GST_VIDEO_FRAME_COMP_WIDTH (&frame, p); x++)
        row[x] = p == 0 ? uint8_t (16 + ((x + y) / 3) % 219)
                        : uint8_t (y < GST_VIDEO_FRAME_COMP_HEIGHT (&frame, p) / 4 ? 90 + 60 * p
                                                                                   : 128);
    }
  }
  gst_video_frame_unmap (&frame);
  *caps = gst_video_info_to_caps (&info);
  return buf;
}

}  // namespace

TEST (H264QualityEnc, I420AndY444InputAreEncodedFaithfully)
{
  for (GstVideoFormat format : {GST_VIDEO_FORMAT_I420, GST_VIDEO_FORMAT_Y444}) {
    const char *name = gst_video_format_to_string (format);
    Encoder enc ("quality=18", kWidth, kHeight, name);
    GstCaps *caps = nullptr;
    GstBuffer *buf = RawFrame (format, &caps);
    const Picture expected = webdesk::testing::YuvToBgrx (buf, caps);
    gst_caps_unref (caps);
    ASSERT_EQ (enc.PushBuffer (buf), GST_FLOW_OK);
    enc.Pull ();
    auto decoded = enc.Decode ();
    ASSERT_EQ (decoded.size (), 1u);
    // chroma=auto: full-chroma input becomes 4:4:4 (the harness accepts any profile).
    EXPECT_EQ (decoded[0].chroma444, format == GST_VIDEO_FORMAT_Y444) << name;
    auto q = CompareRgb (expected, decoded[0].picture);
    EXPECT_GE (q.MinPsnr (), 45.0) << name << ": " << q.ToString ();
  }
}

// ---- Quality while playing, keyframes, damage ----------------------------------------------

TEST (H264QualityEnc, QualityChangeWhilePlayingAppliesToTheNextFrameWithoutAnIdr)
{
  const Picture tall = RenderText (kWidth, kHeight * 2, kBlack, kWhite);
  Encoder enc ("quality=40");
  std::vector<size_t> sizes;
  for (int i = 0; i < 6; i++) {
    if (i == 3)
      g_object_set (enc.element (), "quality", 12u, nullptr);
    ASSERT_EQ (enc.Push (Crop (tall, i * 4, kHeight)), GST_FLOW_OK);  // scrolling, 4 px/frame
    GstBuffer *out = enc.Pull ();
    ASSERT_TRUE (out);
    sizes.push_back (gst_buffer_get_size (out));
    if (i > 0) {
      EXPECT_FALSE (HasNalType (out, 5)) << "frame " << i << " is an IDR";
    }
  }
  // Frames 1-2 and 4-5 scroll alike; only the quality differs (compared in pairs: one frame
  // alone is within a few percent of the margin since 4:4:4 chroma is coded at the luma QP).
  EXPECT_GT (sizes[3], 2 * sizes[2]);
  EXPECT_GT (sizes[4] + sizes[5], (sizes[1] + sizes[2]) * 3 / 2);
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 6u);
  const double before = CompareRgb (Crop (tall, 8, kHeight), decoded[2].picture).MinPsnr ();
  const double after = CompareRgb (Crop (tall, 12, kHeight), decoded[3].picture).MinPsnr ();
  EXPECT_GT (after, before + 6.0) << before << " dB -> " << after << " dB";
}

TEST (H264QualityEnc, ForceKeyUnitFromEitherSideGivesAnIdrWithSpsAndPps)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  for (int i = 0; i < 2; i++) {
    ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
    GstBuffer *p = enc.Pull ();
    EXPECT_FALSE (HasNalType (p, 5));
    EXPECT_FALSE (HasNalType (p, 7));
    EXPECT_TRUE (GST_BUFFER_FLAG_IS_SET (p, GST_BUFFER_FLAG_DELTA_UNIT));
  }
  // Upstream, as websocketframesink asks when a viewer joins.
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0)));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_FALSE (HasNalType (enc.Pull (), 5));
  // Downstream, from a source or an application.
  ASSERT_TRUE (gst_harness_push_event (enc.harness (),
      gst_video_event_new_downstream_force_key_unit (GST_CLOCK_TIME_NONE, GST_CLOCK_TIME_NONE,
          GST_CLOCK_TIME_NONE, TRUE, 0)));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_EQ (enc.Decode ().size (), 6u);
}

// On a still screen nothing new reaches the encoder; the request has to reach the element that
// can re-send the picture (paintoverscheduler), or a joining viewer sees nothing.
TEST (H264QualityEnc, UpstreamForceKeyUnitAlsoTravelsOnUpstream)
{
  Encoder enc ("");
  ASSERT_EQ (enc.Push (RenderText (kWidth, kHeight, kBlack, kWhite)), GST_FLOW_OK);
  gst_buffer_unref (enc.Pull ());
  while (GstEvent *old = gst_harness_try_pull_upstream_event (enc.harness ()))
    gst_event_unref (old);
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 0)));
  GstEvent *forwarded = gst_harness_try_pull_upstream_event (enc.harness ());
  ASSERT_NE (forwarded, nullptr);
  EXPECT_TRUE (gst_video_event_is_force_key_unit (forwarded));
  gst_event_unref (forwarded);
}

TEST (H264QualityEnc, NothingChangedEncodesATinyPFrameThatKeepsThePicture)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  ASSERT_EQ (enc.Push (text, [] (GstBuffer *b) { AddDamage (b, {}); }), GST_FLOW_OK);
  GstBuffer *still = enc.Pull ();
  EXPECT_LT (gst_buffer_get_size (still), 64u);  // 920 macroblocks, all skipped
  EXPECT_FALSE (HasNalType (still, 5));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_EQ (decoded[1].picture.bgrx, decoded[0].picture.bgrx);
}

TEST (H264QualityEnc, OnlyTheDamagedRectanglesAreTakenFromTheInput)
{
  const Picture page = RenderText (kWidth, kHeight, kBlack, kWhite);
  Picture typed = RenderText (kWidth, kHeight, kBlack, kWhite, 13, 7);  // other text everywhere
  Encoder enc ("quality=18");
  ASSERT_EQ (enc.Push (page), GST_FLOW_OK);
  enc.Pull ();
  // The damage meta names one 64x32 rectangle; everything outside it must stay as it was,
  // although the input differs there too.
  const GstVideoRectangle typing{96, 64, 64, 32};
  ASSERT_EQ (enc.Push (typed, [&] (GstBuffer *b) { AddDamage (b, {typing}); }), GST_FLOW_OK);
  GstBuffer *delta = enc.Pull ();
  EXPECT_FALSE (HasNalType (delta, 5));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  const Picture &result = decoded[1].picture;
  auto inside = CompareRgb (Window (typed, 96, 64, 64, 32), Window (result, 96, 64, 64, 32));
  EXPECT_GE (inside.MinPsnr (), 40.0) << inside.ToString ();
  // Outside: the first picture (the rows below the rectangle, for example).
  auto below = CompareRgb (Window (page, 0, 128, kWidth, 200),
      Window (result, 0, 128, kWidth, 200));
  EXPECT_GE (below.MinPsnr (), 40.0) << below.ToString ();
  auto below_typed = CompareRgb (Window (typed, 0, 128, kWidth, 200),
      Window (result, 0, 128, kWidth, 200));
  EXPECT_LT (below_typed.MinPsnr (), 20.0) << below_typed.ToString ();
}

TEST (H264QualityEnc, SmallDamagedChangesAreNeverSkipped)
{
  // A caret, an underscore, a dot: changes of a few pixels in a frame where everything else is
  // marked unchanged. x264 may skip a macroblock whose residual is small (its fast P-skip and
  // coefficient decimation); at the default motion quality a damaged one must still show its
  // change, or the viewer keeps the old pixels until refinement. (From quality 30 on, the
  // faintest mark here, one pixel of grey 200 on white, is quantised away.)
  Picture page = RenderText (kWidth, kHeight, kBlack, kWhite);
  for (int y = 200; y < kHeight; y++)
    for (int x = 0; x < kWidth; x++)
      std::memset (page.Row (y) + size_t (x) * 4, 0xff, 4);  // a blank area
  Encoder enc ("quality=25 chroma=420");
  ASSERT_EQ (enc.Push (page), GST_FLOW_OK);
  enc.Pull ();
  struct Mark {
    int x, y, w, h;
    uint8_t grey;
  };
  const Mark marks[] = {{40, 210, 1, 14, 0}, {104, 210, 1, 14, 128}, {168, 216, 6, 1, 0},
      {232, 216, 6, 1, 160}, {296, 220, 2, 2, 0}, {360, 220, 2, 2, 128}, {424, 220, 1, 1, 0},
      {488, 212, 8, 2, 200}, {552, 212, 1, 1, 200}, {600, 212, 1, 8, 220}, {40, 260, 3, 1, 180}};
  Picture marked = page;
  std::vector<GstVideoRectangle> damage;
  for (const Mark &m : marks) {
    for (int y = m.y; y < m.y + m.h; y++)
      for (int x = m.x; x < m.x + m.w; x++)
        std::memset (marked.Row (y) + size_t (x) * 4, m.grey, 3);
    damage.push_back (GstVideoRectangle{m.x, m.y, m.w, m.h});
  }
  ASSERT_EQ (enc.Push (marked, [&] (GstBuffer *b) { AddDamage (b, damage); }), GST_FLOW_OK);
  enc.Pull ();
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  for (const Mark &m : marks) {
    const Picture before = Window (decoded[0].picture, m.x & ~15, m.y & ~15, 16, 16);
    const Picture after = Window (decoded[1].picture, m.x & ~15, m.y & ~15, 16, 16);
    EXPECT_NE (before.bgrx, after.bgrx) << "the change at " << m.x << "," << m.y << " (" << m.w
                                        << "x" << m.h << ", grey " << int (m.grey)
                                        << ") was not sent";
  }
}

// ---- The paint-over contract with paintoverscheduler ----------------------------------------

TEST (H264QualityEnc, RefineFrameImprovesTheTilesItNamesAndLeavesTheRestAlone)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  // Motion quality 38: blurry text.
  ASSERT_EQ (enc.Push (text, [] (GstBuffer *b) { gst_buffer_add_webdesk_quality_meta (b, 38,
                                                       GST_WEBDESK_QUALITY_FLAG_NONE); }),
      GST_FLOW_OK);
  enc.Pull ();
  // Refinement at 16 of the left half (64-pixel tiles: 10 x 6, columns 0-4).
  const int tile = 64, tiles_x = 10, tiles_y = 6;
  std::vector<guint8> map (tiles_x * tiles_y, GST_WEBDESK_TILE_UNCHANGED);
  for (int ty = 0; ty < tiles_y; ty++)
    for (int tx = 0; tx < 5; tx++)
      map[ty * tiles_x + tx] = 16;
  ASSERT_EQ (enc.Push (text,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {});
                   auto *q = gst_buffer_add_webdesk_quality_meta (b, 16,
                       GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE));
                   gst_webdesk_quality_meta_set_tiles (q, tile, tiles_x, tiles_y, map.data ());
                 }),
      GST_FLOW_OK);
  GstBuffer *refine = enc.Pull ();
  EXPECT_FALSE (HasNalType (refine, 5));
  EXPECT_FALSE (HasNalType (refine, 7));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  const int half = kWidth / 2;
  const double left_before =
      CompareRgb (Window (text, 0, 0, half, kHeight), Window (decoded[0].picture, 0, 0, half,
                                                            kHeight)).MinPsnr ();
  const double left_after =
      CompareRgb (Window (text, 0, 0, half, kHeight), Window (decoded[1].picture, 0, 0, half,
                                                            kHeight)).MinPsnr ();
  EXPECT_GT (left_after, left_before + 8.0) << left_before << " dB -> " << left_after << " dB";
  EXPECT_GE (left_after, 40.0);
  // The right half is bit for bit what it was.
  EXPECT_EQ (Window (decoded[1].picture, half, 0, half, kHeight).bgrx,
      Window (decoded[0].picture, half, 0, half, kHeight).bgrx);
}

TEST (H264QualityEnc, RefineWithoutTileMapImprovesTheWholePicture)
{
  const Picture text = RenderText (kWidth, kHeight, kRed, kBlack);
  Encoder enc ("quality=38 chroma=444");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  for (int i = 0; i < 3; i++) {
    ASSERT_EQ (enc.Push (text,
                   [&] (GstBuffer *b) {
                     AddDamage (b, {});
                     gst_buffer_add_webdesk_quality_meta (b, 18,
                         GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE |
                             (i == 2 ? GST_WEBDESK_QUALITY_FLAG_FINAL : 0)));
                   }),
        GST_FLOW_OK);
    EXPECT_FALSE (HasNalType (enc.Pull (), 5));
  }
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 4u);
  auto before = CompareRgb (text, decoded[0].picture);
  auto after = CompareRgb (text, decoded[3].picture);
  // What a keyframe at the refine quality gives: the refinement ends above it (from quality 38
  // it costs about as many bytes; from a motion quality of 25 about half, see the bench).
  Encoder idr ("quality=18 chroma=444");
  ASSERT_EQ (idr.Push (text), GST_FLOW_OK);
  const size_t idr_bytes = gst_buffer_get_size (idr.Pull ());
  auto keyframe = CompareRgb (text, idr.Decode ().at (0).picture);
  size_t refine_bytes = 0;
  for (size_t i = 1; i < enc.pulled ().size (); i++)
    refine_bytes += gst_buffer_get_size (enc.pulled ()[i]);
  std::printf ("refined: %s in %zu bytes; IDR at the same quality: %s in %zu bytes\n",
      after.ToString ().c_str (), refine_bytes, keyframe.ToString ().c_str (), idr_bytes);
  EXPECT_GT (after.psnr_r, before.psnr_r + 8.0) << before.ToString () << " -> "
                                                 << after.ToString ();
  EXPECT_GT (after.MinPsnr (), keyframe.MinPsnr () + 2.0) << after.ToString () << " vs IDR "
                                                           << keyframe.ToString ();
  EXPECT_EQ (after.off_by_48_share, 0.0) << after.ToString ();
}

TEST (H264QualityEnc, DamageAndQualityMetasTravelOnTheEncodedBuffer)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  const GstVideoRectangle rect{0, 0, 32, 16};
  ASSERT_EQ (enc.Push (text,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {rect}, 123456789);
                   gst_buffer_add_webdesk_quality_meta (b, 18,
                       GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE |
                           GST_WEBDESK_QUALITY_FLAG_FINAL));
                 }),
      GST_FLOW_OK);
  GstBuffer *out = enc.Pull ();
  GstWebdeskDamageMeta *d = gst_buffer_get_webdesk_damage_meta (out);
  ASSERT_NE (d, nullptr);
  EXPECT_EQ (d->capture_time, 123456789u);
  ASSERT_EQ (d->n_rects, 1u);
  EXPECT_EQ (d->rects[0].w, 32);
  GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (out);
  ASSERT_NE (q, nullptr);
  EXPECT_EQ (q->quality, 18u);
  EXPECT_EQ (q->flags, GST_WEBDESK_QUALITY_FLAG_REFINE | GST_WEBDESK_QUALITY_FLAG_FINAL);
}

