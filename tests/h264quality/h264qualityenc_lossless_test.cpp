// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc's lossless final frames: a REFINE frame, or a change made final at once, is
// coded losslessly in the same stream as the lossy motion, and the decoded picture is then the
// source's pixels; downstream decides (lossless=true in its caps), RECONFIGURE and the property
// switch it with a keyframe, and lossless=on says what is missing when it cannot be had.
#include <gtest/gtest.h>

#include "encoder_harness.h"

using webdesk::testing::AddDamage;
using webdesk::testing::CompareRgb;
using webdesk::testing::Crop;
using webdesk::testing::Encoder;
using webdesk::testing::HasNalType;
using webdesk::testing::IsIdr;
using webdesk::testing::kBlack;
using webdesk::testing::kHeight;
using webdesk::testing::kWhite;
using webdesk::testing::kWidth;
using webdesk::testing::Picture;
using webdesk::testing::RenderText;

namespace {

constexpr const char *kWithoutLossless =
    "video/x-h264,stream-format=byte-stream,alignment=au,"
    "profile=(string){high-4:4:4,high,main},lossless=(boolean)false";
constexpr const char *kWithLossless =
    "video/x-h264,stream-format=byte-stream,alignment=au,"
    "profile=(string){high-4:4:4,high,main},lossless=(boolean){true,false}";

// Share of pixels whose three channels are all exactly the reference's.
double
ExactShare (const Picture &reference, const Picture &decoded)
{
  size_t exact = 0;
  const size_t n = size_t (reference.width) * reference.height;
  for (size_t i = 0; i < n; i++)
    exact += std::memcmp (&reference.bgrx[i * 4], &decoded.bgrx[i * 4], 3) == 0;
  return double (exact) / double (n);
}

void
Refine (GstBuffer *b)
{
  AddDamage (b, {});
  gst_buffer_add_webdesk_quality_meta (b, 18,
      GstWebdeskQualityFlags (GST_WEBDESK_QUALITY_FLAG_REFINE | GST_WEBDESK_QUALITY_FLAG_FINAL));
}

}  // namespace

TEST (H264QualityEncLossless, ARefineFrameEndsOnTheSourcesPixelsWithoutAKeyframe)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_TRUE (enc.OutputLossless ());
  ASSERT_EQ (enc.Push (text, Refine), GST_FLOW_OK);
  GstBuffer *refine = enc.Pull ();
  EXPECT_FALSE (HasNalType (refine, 5));
  EXPECT_FALSE (HasNalType (refine, 7));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_TRUE (decoded[0].full_range);
  EXPECT_LT (ExactShare (text, decoded[0].picture), 0.95);  // the keyframe at 25 is not exact
  EXPECT_EQ (ExactShare (text, decoded[1].picture), 1.0)
      << CompareRgb (text, decoded[1].picture).ToString ();
}

TEST (H264QualityEncLossless, AChangeMadeFinalAtOnceIsExactAndTheMotionAroundItIsNot)
{
  const Picture tall = RenderText (kWidth, kHeight * 2, kBlack, kWhite);
  Picture shown = Crop (tall, 0, kHeight);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (shown), GST_FLOW_OK);
  enc.Pull ();
  // A typed character: a 16x16 rectangle in tile (1, 1) of 64-pixel tiles, final at once (its
  // tile's quality 18 is better than the frame's 25).
  const Picture other = Crop (tall, kHeight / 2, kHeight);
  for (int y = 80; y < 96; y++)
    std::memcpy (shown.Row (y) + 96 * 4, other.Row (y) + 96 * 4, 16 * 4);
  const int tiles_x = (kWidth + 63) / 64, tiles_y = (kHeight + 63) / 64;
  std::vector<uint8_t> map (size_t (tiles_x) * tiles_y, GST_WEBDESK_TILE_UNCHANGED);
  map[size_t (1) * tiles_x + 1] = 18;
  ASSERT_EQ (enc.Push (shown,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {{96, 80, 16, 16}});
                   auto *q = gst_buffer_add_webdesk_quality_meta (b, 25,
                       GST_WEBDESK_QUALITY_FLAG_NONE);
                   gst_webdesk_quality_meta_set_tiles (q, 64, guint (tiles_x), guint (tiles_y),
                       map.data ());
                 }),
      GST_FLOW_OK);
  EXPECT_FALSE (IsIdr (enc.Pull ()));
  // Then it scrolls: motion at 25, not exact.
  const Picture scrolled = Crop (tall, 8, kHeight);
  ASSERT_EQ (enc.Push (scrolled), GST_FLOW_OK);
  enc.Pull ();
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 3u);
  const Picture tile = webdesk::testing::Window (shown, 64, 64, 64, 64);
  EXPECT_EQ (ExactShare (tile, webdesk::testing::Window (decoded[1].picture, 64, 64, 64, 64)),
      1.0);
  EXPECT_LT (ExactShare (scrolled, decoded[2].picture), 0.95);
  EXPECT_GE (CompareRgb (scrolled, decoded[2].picture).MinPsnr (), 35.0);
}

TEST (H264QualityEncLossless, ADownstreamWithoutLosslessGetsLossyFinalsInLimitedRange)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  gst_harness_set_sink_caps_str (enc.harness (), kWithoutLossless);
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_FALSE (enc.OutputLossless ());
  EXPECT_EQ (enc.OutputProfile (), "high-4:4:4");
  ASSERT_EQ (enc.Push (text, Refine), GST_FLOW_OK);
  enc.Pull ();
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 2u);
  EXPECT_FALSE (decoded[1].full_range);
  EXPECT_LT (ExactShare (text, decoded[1].picture), 0.95);
  EXPECT_GE (CompareRgb (text, decoded[1].picture).MinPsnr (), 45.0);
}

TEST (H264QualityEncLossless, ReconfigureTurnsLosslessOffWithAKeyframeAndBackOn)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  gst_harness_set_sink_caps_str (enc.harness (), kWithLossless);
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_TRUE (enc.OutputLossless ());
  // A viewer that does not decode lossless frames joins.
  gst_harness_set_sink_caps_str (enc.harness (), kWithoutLossless);
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (), gst_event_new_reconfigure ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_FALSE (enc.OutputLossless ());
  // It leaves.
  gst_harness_set_sink_caps_str (enc.harness (), kWithLossless);
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (), gst_event_new_reconfigure ()));
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_TRUE (enc.OutputLossless ());
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 3u);
  EXPECT_TRUE (decoded[0].full_range);
  EXPECT_FALSE (decoded[1].full_range);
  EXPECT_TRUE (decoded[2].full_range);
}

TEST (H264QualityEncLossless, ThePropertyWhilePlayingRestartsWithAKeyframe)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  EXPECT_TRUE (enc.OutputLossless ());
  g_object_set (enc.element (), "lossless", 1 /* off */, nullptr);
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  EXPECT_TRUE (IsIdr (enc.Pull ()));
  EXPECT_FALSE (enc.OutputLossless ());
}

TEST (H264QualityEncLossless, LosslessOnSaysWhatIsMissing)
{
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  {
    Encoder enc ("lossless=on");
    gst_harness_set_sink_caps_str (enc.harness (), kWithoutLossless);
    EXPECT_EQ (enc.Push (text), GST_FLOW_NOT_NEGOTIATED);
    const std::string error = enc.ErrorMessage ();
    EXPECT_NE (error.find ("downstream"), std::string::npos) << error;
    EXPECT_NE (error.find ("lossless=auto"), std::string::npos) << error;
  }
  {
    Encoder enc ("lossless=on speed-preset=veryfast");
    EXPECT_EQ (enc.Push (text), GST_FLOW_NOT_NEGOTIATED);
    const std::string error = enc.ErrorMessage ();
    EXPECT_NE (error.find ("ultrafast"), std::string::npos) << error;
  }
  {
    Encoder enc ("lossless=on chroma=420");
    EXPECT_EQ (enc.Push (text), GST_FLOW_NOT_NEGOTIATED);
    EXPECT_NE (enc.ErrorMessage ().find ("4:4:4"), std::string::npos);
  }
}

TEST (H264QualityEncLossless, StillTilesRefinedWhileOthersMoveComeLosslessInASecondAccessUnit)
{
  // Tile (0, 0) of 64-pixel tiles keeps moving (a video); tile (1, 0) is still and the
  // scheduler refines it inside the moving frame. In a lossless stream the frame goes out as
  // two access units: the motion (lossy), then the refined tile alone (lossless).
  const Picture tall = RenderText (kWidth, kHeight * 2, kBlack, kWhite);
  Picture shown = Crop (tall, 0, kHeight);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (shown), GST_FLOW_OK);
  enc.Pull ();
  const Picture other = Crop (tall, kHeight / 2, kHeight);
  for (int y = 0; y < 64; y++)
    std::memcpy (shown.Row (y), other.Row (y), 64 * 4);
  const int tiles_x = (kWidth + 63) / 64, tiles_y = (kHeight + 63) / 64;
  std::vector<uint8_t> map (size_t (tiles_x) * tiles_y, GST_WEBDESK_TILE_UNCHANGED);
  map[0] = 25;
  map[1] = 18;
  ASSERT_EQ (enc.Push (shown,
                 [&] (GstBuffer *b) {
                   AddDamage (b, {{0, 0, 64, 64}});
                   auto *q = gst_buffer_add_webdesk_quality_meta (b, 25,
                       GST_WEBDESK_QUALITY_FLAG_NONE);
                   gst_webdesk_quality_meta_set_tiles (q, 64, guint (tiles_x), guint (tiles_y),
                       map.data ());
                 }),
      GST_FLOW_OK);
  GstBuffer *motion = enc.Pull ();
  GstBuffer *refined = enc.Pull ();
  ASSERT_TRUE (motion && refined) << "two access units for the frame";
  EXPECT_EQ (GST_BUFFER_PTS (motion), GST_BUFFER_PTS (refined));
  EXPECT_TRUE (gst_buffer_get_webdesk_quality_meta (refined)) << "the metas travel on both";
  EXPECT_EQ (gst_harness_try_pull (enc.harness ()), nullptr);
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 3u);
  auto window = [] (const Picture &p, int x) { return webdesk::testing::Window (p, x, 0, 64, 64); };
  EXPECT_EQ (ExactShare (window (shown, 64), window (decoded[2].picture, 64)), 1.0)
      << "the refined tile is the source's pixels";
  EXPECT_LT (ExactShare (window (shown, 0), window (decoded[2].picture, 0)), 0.95)
      << "the moving one is lossy";
  EXPECT_GE (CompareRgb (window (shown, 0), window (decoded[2].picture, 0)).MinPsnr (), 35.0);
}

TEST (H264QualityEncLossless, ARefineFrameThatMustBeAKeyframeIsFollowedByItsLosslessFrame)
{
  // A viewer joins a still picture: the refinement frame paintoverscheduler sends for it must
  // be the keyframe, which is lossy; the same picture follows at once, losslessly, so the
  // picture is final whichever frame the keyframe fell on.
  const Picture text = RenderText (kWidth, kHeight, kBlack, kWhite);
  Encoder enc ("quality=25");
  ASSERT_EQ (enc.Push (text), GST_FLOW_OK);
  enc.Pull ();
  ASSERT_EQ (enc.Push (text, Refine), GST_FLOW_OK);
  enc.Pull ();
  ASSERT_TRUE (gst_harness_push_upstream_event (enc.harness (),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 1)));
  ASSERT_EQ (enc.Push (text, Refine), GST_FLOW_OK);
  GstBuffer *keyframe = enc.Pull ();
  GstBuffer *lossless = enc.Pull ();
  ASSERT_TRUE (keyframe && lossless);
  EXPECT_TRUE (IsIdr (keyframe));
  EXPECT_FALSE (HasNalType (lossless, 5));
  auto decoded = enc.Decode ();
  ASSERT_EQ (decoded.size (), 4u);
  EXPECT_LT (ExactShare (text, decoded[2].picture), 0.95) << "the keyframe at 18 is lossy";
  EXPECT_EQ (ExactShare (text, decoded[3].picture), 1.0);
}
