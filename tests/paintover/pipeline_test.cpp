// SPDX-License-Identifier: LGPL-2.1-or-later
// paintoverscheduler in front of h264qualityenc, in real time: text scrolls, then stops. What a
// viewer gets is decoded (avdec_h264) and converted back to RGB exactly (libyuv), then compared
// with what was on screen. Waits are event-driven with generous timeouts; the source is paced
// like a 60 fps screen, but nothing asserts on time.
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <vector>

#include "h264_decode.h"
#include "picture.h"

namespace {

using webdesk::testing::Picture;

constexpr int kWidth = 640, kHeight = 360;  // 10 x 6 tiles of 64 px, the last row partial
constexpr int kMotionFrames = 30, kScrollPx = 4, kRefineFrames = 4;
// paintoverscheduler's default refine-quality: the element is left at its default, this is only
// to recognise refinement tiles in the quality metas.
constexpr int kRefineQuality = 18;

struct Output {
  std::vector<GstBuffer *> buffers;
  ~Output ()
  {
    for (GstBuffer *b : buffers)
      gst_buffer_unref (b);
  }
};

static GstWebdeskQualityFlags
FlagsOf (GstBuffer *buf)
{
  GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (buf);
  return q ? q->flags : GST_WEBDESK_QUALITY_FLAG_NONE;
}

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    GError *err = nullptr;
    gchar *desc = g_strdup_printf (
        "appsrc name=src is-live=true format=time do-timestamp=true "
        "caps=video/x-raw,format=BGRx,width=%d,height=%d,framerate=0/1 ! "
        "paintoverscheduler refine-frames=%d ! h264qualityenc ! appsink name=out sync=false",
        kWidth, kHeight, kRefineFrames);
    pipeline_ = gst_parse_launch (desc, &err);
    g_free (desc);
    ASSERT_NE (pipeline_, nullptr) << (err ? err->message : "?");
    src_ = gst_bin_get_by_name (GST_BIN (pipeline_), "src");
    sink_ = gst_bin_get_by_name (GST_BIN (pipeline_), "out");
    ASSERT_NE (gst_element_set_state (pipeline_, GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);
  }
  void TearDown () override
  {
    if (!pipeline_)
      return;
    gst_element_set_state (pipeline_, GST_STATE_NULL);
    gst_object_unref (src_);
    gst_object_unref (sink_);
    gst_object_unref (pipeline_);
  }

  void Push (const Picture &pic)
  {
    GstBuffer *buf = gst_buffer_new_memdup (pic.bgrx.data (), pic.bgrx.size ());
    ASSERT_EQ (gst_app_src_push_buffer (GST_APP_SRC (src_), buf), GST_FLOW_OK);
  }
  // Takes every encoded frame already waiting (or the one arriving within timeout).
  void Collect (Output *out, GstClockTime timeout = 0)
  {
    while (GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (sink_), timeout)) {
      out->buffers.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
      gst_sample_unref (s);
      timeout = 0;
    }
  }

  GstElement *pipeline_ = nullptr, *src_ = nullptr, *sink_ = nullptr;
};

TEST_F (PipelineTest, ScrollingTextEndsRefinedWithoutKeyframeThenNothingIsSent)
{
  const Picture tall = webdesk::testing::RenderText (kWidth,
      kHeight + kMotionFrames * kScrollPx, 0xff000000, 0xffffffff);
  std::vector<Picture> shown;
  Output out;

  // Motion: the text scrolls 4 px per frame at about 60 fps.
  for (int i = 0; i < kMotionFrames; i++) {
    shown.push_back (webdesk::testing::Crop (tall, i * kScrollPx, kHeight));
    Push (shown.back ());
    g_usleep (G_USEC_PER_SEC / 60);
    Collect (&out);
  }
  const Picture &still = shown.back ();

  // Still: the source keeps sending the same picture until the refinement has ended.
  auto final_seen = [&] {
    return !out.buffers.empty () && (FlagsOf (out.buffers.back ()) & GST_WEBDESK_QUALITY_FLAG_FINAL);
  };
  for (int i = 0; i < 600 && !final_seen (); i++) {
    Push (still);
    Collect (&out, GST_SECOND / 60);
  }
  ASSERT_TRUE (final_seen ()) << "no FINAL refinement frame within 10 s";
  const size_t sent_until_final = out.buffers.size ();

  // Still after the burst: another half second of unchanged frames, then the end.
  for (int i = 0; i < 30; i++) {
    Push (still);
    g_usleep (G_USEC_PER_SEC / 60);
  }
  ASSERT_EQ (gst_app_src_end_of_stream (GST_APP_SRC (src_)), GST_FLOW_OK);
  while (GstSample *s = gst_app_sink_pull_sample (GST_APP_SINK (sink_))) {
    out.buffers.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
    gst_sample_unref (s);
  }
  EXPECT_EQ (out.buffers.size (), sent_until_final) << "frames were sent for a still screen";

  // What was sent: every motion frame, and refinement P-frames; one IDR, at the start. (Tiles
  // that stayed still during the scroll, such as blank margins, may be refined in between.)
  size_t motion = 0, refine = 0, idr = 0, last_motion_index = 0;
  for (size_t i = 0; i < out.buffers.size (); i++) {
    GstBuffer *b = out.buffers[i];
    const bool is_refine = FlagsOf (b) & GST_WEBDESK_QUALITY_FLAG_REFINE;
    idr += webdesk::testing::HasNalType (b, 5);
    if (is_refine) {
      refine++;
      EXPECT_FALSE (webdesk::testing::HasNalType (b, 5)) << "refinement frame " << i << " is an IDR";
    } else {
      motion++;
      last_motion_index = i;
    }
  }
  EXPECT_EQ (motion, size_t (kMotionFrames));
  EXPECT_EQ (idr, 1u);
  EXPECT_GE (out.buffers.size () - 1 - last_motion_index, size_t (kRefineFrames))
      << "a burst after the motion stopped";

  // What the viewer sees: decoded, back in RGB.
  std::vector<webdesk::testing::DecodedFrame> decoded = webdesk::testing::DecodeH264 (out.buffers);
  ASSERT_EQ (decoded.size (), out.buffers.size ());
  const auto moving = webdesk::testing::CompareRgb (still, decoded[last_motion_index].picture);
  const auto refined = webdesk::testing::CompareRgb (still, decoded.back ().picture);
  std::printf ("last motion frame: %s\nafter refinement:  %s (4:4:4: %s)\n",
      moving.ToString ().c_str (), refined.ToString ().c_str (),
      decoded.back ().chroma444 ? "yes" : "no");
  EXPECT_GE (refined.psnr_r, 48.0) << refined.ToString ();
  EXPECT_GE (refined.psnr_g, 48.0) << refined.ToString ();
  EXPECT_GE (refined.psnr_b, 48.0) << refined.ToString ();
  EXPECT_GT (refined.MinPsnr (), moving.MinPsnr () + 3.0) << "the refinement made it crisper";
  EXPECT_EQ (refined.off_by_48_share, 0.0);
}

TEST_F (PipelineTest, StillTextIsRefinedWhileAVideoRegionKeepsMoving)
{
  // A small "video" in the top-left tile changes every frame; the text around it never does.
  const Picture text = webdesk::testing::RenderText (kWidth, kHeight, 0xff000000, 0xffffffff);
  Output out;
  std::vector<Picture> shown;
  for (int i = 0; i < 60; i++) {
    Picture pic = text;
    for (int y = 8; y < 40; y++)
      for (int x = 8 + (i % 5) * 4; x < 40 + (i % 5) * 4; x++)
        for (int c = 0; c < 3; c++)
          pic.Row (y)[x * 4 + c] = uint8_t (i * 40 + c * 80);
    shown.push_back (pic);
    Push (pic);
    g_usleep (G_USEC_PER_SEC / 60);
    Collect (&out);
  }
  ASSERT_EQ (gst_app_src_end_of_stream (GST_APP_SRC (src_)), GST_FLOW_OK);
  while (GstSample *s = gst_app_sink_pull_sample (GST_APP_SINK (sink_))) {
    out.buffers.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
    gst_sample_unref (s);
  }

  // Moving frames carried (some of) the refinement of the still tiles. (On a loaded machine some
  // passes come as refinement frames between two late moving frames instead.)
  size_t last_motion_index = 0, motion_frames_refining = 0;
  for (size_t i = 0; i < out.buffers.size (); i++) {
    GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (out.buffers[i]);
    ASSERT_NE (q, nullptr);
    if (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE)
      continue;
    last_motion_index = i;
    for (guint t = 0; t < q->tiles_x * q->tiles_y; t++) {
      if (q->tile_quality[t] == kRefineQuality) {
        motion_frames_refining++;
        break;
      }
    }
  }
  EXPECT_GE (motion_frames_refining, 1u);

  // While the video still moves (the last moving frame), the text below its tile is refined.
  std::vector<webdesk::testing::DecodedFrame> decoded = webdesk::testing::DecodeH264 (out.buffers);
  ASSERT_EQ (decoded.size (), out.buffers.size ());
  auto text_of = [&] (const Picture &pic) { return webdesk::testing::Crop (pic, 64, kHeight - 64); };
  const auto first = webdesk::testing::CompareRgb (text_of (shown.front ()),
      text_of (decoded.front ().picture));
  const auto refined = webdesk::testing::CompareRgb (text_of (shown.back ()),
      text_of (decoded[last_motion_index].picture));
  std::printf ("text beside the moving region: first frame %s\nlast moving frame %s\n",
      first.ToString ().c_str (), refined.ToString ().c_str ());
  // Refinement inside moving frames is coded like refinement frames (measured 50.1 dB here,
  // against 50.0 for the refinement frames of the test above); it happens while the video plays.
  EXPECT_GE (refined.MinPsnr (), first.MinPsnr () + 5.0) << refined.ToString ();
  EXPECT_GE (refined.MinPsnr (), 48.0) << refined.ToString ();
}

// webdesk-pace through a real encoder: while the viewers are behind nothing is encoded; once
// they caught up, one frame brings the viewer to the newest picture, though that picture
// differs from the last one the encoder saw in two places that changed in different frames.
TEST_F (PipelineTest, AfterBeingBehindTheViewerGetsTheNewestPictureInOneFrame)
{
  const Picture text = webdesk::testing::RenderText (kWidth, kHeight, 0xff000000, 0xffffffff);
  Output out;
  Push (text);
  Collect (&out, 5 * GST_SECOND);
  ASSERT_EQ (out.buffers.size (), 1u);

  // The sink says its viewers are behind (upstream, through the encoder; the result is appsrc's,
  // which has no use for the event, so it is not checked).
  gst_element_send_event (sink_, gst_webdesk_event_new_pace (TRUE));
  auto box = [] (Picture &pic, int x0, int y0) {
    for (int y = y0; y < y0 + 20; y++)
      for (int x = x0; x < x0 + 20; x++)
        for (int c = 0; c < 3; c++)
          pic.Row (y)[x * 4 + c] = uint8_t (40 + c * 90);
  };
  Picture one = text;
  box (one, 100, 100);  // tile (1, 1)
  Picture both = one;
  box (both, 500, 250);  // tile (7, 3)
  for (const Picture *pic : {&one, &both, &both, &both}) {
    Push (*pic);
    g_usleep (G_USEC_PER_SEC / 60);
  }
  Collect (&out, GST_SECOND / 5);
  EXPECT_EQ (out.buffers.size (), 1u) << "nothing encoded while the viewers are behind";

  gst_element_send_event (sink_, gst_webdesk_event_new_pace (FALSE));
  Collect (&out, 5 * GST_SECOND);
  ASSERT_GE (out.buffers.size (), 2u) << "the catch-up frame, without new input";
  EXPECT_FALSE (FlagsOf (out.buffers[1]) & GST_WEBDESK_QUALITY_FLAG_REFINE) << "a motion frame";
  EXPECT_FALSE (webdesk::testing::HasNalType (out.buffers[1], 5)) << "not a keyframe";

  // Still: the refinement follows; then the end.
  for (int i = 0; i < 30; i++) {
    Push (both);
    g_usleep (G_USEC_PER_SEC / 60);
  }
  ASSERT_EQ (gst_app_src_end_of_stream (GST_APP_SRC (src_)), GST_FLOW_OK);
  while (GstSample *s = gst_app_sink_pull_sample (GST_APP_SINK (sink_))) {
    out.buffers.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
    gst_sample_unref (s);
  }
  std::vector<webdesk::testing::DecodedFrame> decoded = webdesk::testing::DecodeH264 (out.buffers);
  ASSERT_EQ (decoded.size (), out.buffers.size ());
  const auto caught_up = webdesk::testing::CompareRgb (both, decoded[1].picture);
  const auto refined = webdesk::testing::CompareRgb (both, decoded.back ().picture);
  std::printf ("catch-up frame: %s\nafter refinement: %s\n", caught_up.ToString ().c_str (),
      refined.ToString ().c_str ());
  EXPECT_EQ (caught_up.off_by_48_share, 0.0) << "both boxes are there: " << caught_up.ToString ();
  EXPECT_TRUE (FlagsOf (out.buffers.back ()) & GST_WEBDESK_QUALITY_FLAG_FINAL);
  EXPECT_GE (refined.MinPsnr (), 48.0) << refined.ToString ();
}

}  // namespace
