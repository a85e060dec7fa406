// SPDX-License-Identifier: LGPL-2.1-or-later
// paintoverscheduler as an element: GstHarness around it, with a GstTestClock driving the
// refinement timer (no sleeps), buffers and events in both directions.
#include <gst/app/gstappsink.h>

#include "element_harness.h"

namespace {

using namespace paintover_test;

TEST_F (ElementTest, UnchangedFramesAreDroppedAndChangedTilesAreFoundByComparison)
{
  GstBuffer *first = PushAndTryPull (Picture (0));
  ASSERT_NE (first, nullptr) << "the first frame is always sent";
  GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (first);
  ASSERT_NE (damage, nullptr) << "written by the element: the input had none";
  ASSERT_EQ (damage->n_rects, 1u);
  EXPECT_EQ (damage->rects[0].w, kWidth);
  EXPECT_EQ (damage->rects[0].h, kHeight);
  gst_buffer_unref (first);

  EXPECT_EQ (PushAndTryPull (Picture (kFrame)), nullptr) << "same pixels: dropped";
  EXPECT_EQ (PushAndTryPull (Picture (2 * kFrame)), nullptr);

  GstBuffer *moved = PushAndTryPull (Picture (3 * kFrame, 200, 100, 7));
  ASSERT_NE (moved, nullptr);
  damage = gst_buffer_get_webdesk_damage_meta (moved);
  ASSERT_NE (damage, nullptr);
  ASSERT_EQ (damage->n_rects, 1u);
  EXPECT_EQ (damage->rects[0].x, 192);
  EXPECT_EQ (damage->rects[0].y, 64);
  EXPECT_EQ (damage->rects[0].w, 64);
  EXPECT_EQ (damage->rects[0].h, 64);
  GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (moved);
  ASSERT_NE (quality, nullptr);
  EXPECT_EQ (quality->quality, 25u);
  EXPECT_EQ (quality->flags, GST_WEBDESK_QUALITY_FLAG_NONE);
  EXPECT_EQ (quality->tile_size, 64u);
  EXPECT_EQ (TileMap (quality), (std::vector<uint8_t> {U, U, U, U, U, U, U, 25}));
  gst_buffer_unref (moved);
}

TEST_F (ElementTest, DamageMetaFromTheSourceDecidesAndIsKept)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));

  // Pixels differ, but the source says nothing changed: it knows best.
  GstBuffer *quiet = Picture (kFrame, 10, 10, 3);
  gst_buffer_add_webdesk_damage_meta (quiet, nullptr, 0, 111);
  EXPECT_EQ (PushAndTryPull (quiet), nullptr);

  GstBuffer *typed = Picture (2 * kFrame);
  const GstVideoRectangle caret {70, 5, 2, 12};
  gst_buffer_add_webdesk_damage_meta (typed, &caret, 1, 222);
  GstBuffer *out = PushAndTryPull (typed);
  ASSERT_NE (out, nullptr);
  GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (out);
  ASSERT_NE (damage, nullptr);
  EXPECT_EQ (damage->capture_time, 222u) << "the source's own meta, untouched";
  ASSERT_EQ (damage->n_rects, 1u);
  EXPECT_EQ (damage->rects[0].x, 70);
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (out)),
      (std::vector<uint8_t> {U, 25, U, U, U, U, U, U}));
  gst_buffer_unref (out);
}

TEST_F (ElementTest, TimerRefinesTheStillPictureWithoutCopyingItThenGoesQuiet)
{
  GstBuffer *first = PushAndTryPull (Picture (0));
  ASSERT_NE (first, nullptr);
  GstMemory *pixels = gst_buffer_peek_memory (first, 0);

  for (int i = 0; i < 3; i++) {
    GstClockTime when = 0;
    GstBuffer *refine = CrankRefinement (&when);
    EXPECT_EQ (when, 150 * GST_MSECOND + GstClockTime (i) * kFrame)
        << "refine-delay after the motion, then one frame apart";
    EXPECT_EQ (GST_BUFFER_PTS (refine), when);
    EXPECT_NE (refine, first) << "a new buffer";
    EXPECT_EQ (gst_buffer_peek_memory (refine, 0), pixels) << "the same memory: no pixel copy";
    GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (refine);
    ASSERT_NE (damage, nullptr);
    EXPECT_EQ (damage->n_rects, 0u) << "pixels unchanged";
    GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (refine);
    ASSERT_NE (quality, nullptr);
    EXPECT_EQ (quality->quality, 18u);
    EXPECT_TRUE (quality->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
    EXPECT_EQ (bool (quality->flags & GST_WEBDESK_QUALITY_FLAG_FINAL), i == 2);
    EXPECT_EQ (TileMap (quality), std::vector<uint8_t> (8, 18));
    gst_buffer_unref (refine);
  }
  gst_buffer_unref (first);

  // Still frames keep coming: nothing is sent, and nothing is pending at the end.
  for (int i = 0; i < 30; i++)
    EXPECT_EQ (PushAndTryPull (Picture (GST_SECOND + i * kFrame)), nullptr);
  EXPECT_TRUE (PushEosAndDrain ().empty ());
}

TEST_F (ElementTest, MotionDuringTheBurstCancelsItAndRestartsTheDelay)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  gst_buffer_unref (CrankRefinement ());

  const GstClockTime moved_at = 160 * GST_MSECOND;
  GstBuffer *moved = PushAndTryPull (Picture (moved_at, 5, 5, 1));
  ASSERT_NE (moved, nullptr);

  // The still tiles carry on with their burst, inside the moving frame and after it...
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (moved)),
      (std::vector<uint8_t> {25, 18, 18, 18, 18, 18, 18, 18}));
  gst_buffer_unref (moved);
  GstClockTime when = 0;
  GstBuffer *refine = CrankRefinement (&when);
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (refine)),
      (std::vector<uint8_t> {U, 18, 18, 18, 18, 18, 18, 18}));
  EXPECT_TRUE (gst_buffer_get_webdesk_quality_meta (refine)->flags &
               GST_WEBDESK_QUALITY_FLAG_REFINE);
  EXPECT_FALSE (gst_buffer_get_webdesk_quality_meta (refine)->flags &
                GST_WEBDESK_QUALITY_FLAG_FINAL) << "the moved tile is not refined yet";
  gst_buffer_unref (refine);
  // ...while the moved tile waits its full delay again.
  refine = CrankRefinement (&when);
  EXPECT_EQ (when, moved_at + 150 * GST_MSECOND);
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (refine)),
      (std::vector<uint8_t> {18, U, U, U, U, U, U, U}));
  gst_buffer_unref (refine);
}

TEST_F (ElementTest, AFrameThatArrivesLateCountsAsMovingWhenItArrives)
{
  // The pipeline lags: a frame stamped 500 ms arrives when the clock says 1 s.
  GstTestClock *clock = gst_harness_get_testclock (h_);
  gst_test_clock_set_time (clock, GST_SECOND);
  gst_object_unref (clock);
  gst_buffer_unref (PushAndTryPull (Picture (500 * GST_MSECOND)));
  GstClockTime when = 0;
  GstBuffer *refine = CrankRefinement (&when);
  EXPECT_EQ (when, GST_SECOND + 150 * GST_MSECOND) << "not at once";

  // A frame stamped before the refinement that went out keeps timestamps increasing.
  GstBuffer *late = PushAndTryPull (Picture (600 * GST_MSECOND, 1, 1, 1));
  ASSERT_NE (late, nullptr);
  EXPECT_GT (GST_BUFFER_PTS (late), GST_BUFFER_PTS (refine));
  gst_buffer_unref (late);
  gst_buffer_unref (refine);
}

TEST_F (ElementTest, EosFinishesAPendingRefinement)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  std::vector<GstBuffer *> out = PushEosAndDrain ();
  ASSERT_EQ (out.size (), 3u);
  EXPECT_TRUE (gst_buffer_get_webdesk_quality_meta (out.back ())->flags &
               GST_WEBDESK_QUALITY_FLAG_FINAL);
  for (GstBuffer *b : out)
    gst_buffer_unref (b);
}

TEST_F (ElementTest, UpstreamEventsPassThroughUntouched)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  GstEvent *events[] = {
      gst_navigation_event_new_mouse_button_press (1, 10.0, 20.0, GST_NAVIGATION_MODIFIER_NONE),
      gst_webdesk_event_new_resize (1280, 720, 2.0),
      gst_webdesk_event_new_clipboard_upstream ("hello"),
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 1),
  };
  DropUpstreamEvents ();
  for (GstEvent *event : events) {
    GstEvent *expected = gst_event_ref (event);
    EXPECT_TRUE (gst_harness_push_upstream_event (h_, event));
    GstEvent *got = gst_harness_try_pull_upstream_event (h_);
    EXPECT_EQ (got, expected) << GST_EVENT_TYPE_NAME (expected);
    if (got)
      gst_event_unref (got);
    gst_event_unref (expected);
  }
}

TEST_F (ElementTest, KeyframeRequestOnAStillScreenResendsThePicture)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  for (int i = 0; i < 3; i++)
    gst_buffer_unref (CrankRefinement ());
  ASSERT_EQ (gst_harness_try_pull (h_), nullptr);

  // A viewer joins at 5 s; nothing moves, yet the encoder needs a frame for the keyframe.
  DropUpstreamEvents ();
  GstTestClock *clock = gst_harness_get_testclock (h_);
  gst_test_clock_set_time (clock, 5 * GST_SECOND);
  gst_object_unref (clock);
  gst_harness_push_upstream_event (h_,
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 1));
  GstClockTime when = 0;
  GstBuffer *again = CrankRefinement (&when);
  EXPECT_EQ (when, 5 * GST_SECOND) << "at once";
  GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (again);
  EXPECT_TRUE (quality->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
  EXPECT_EQ (TileMap (quality), std::vector<uint8_t> (8, 18));
  gst_buffer_unref (again);
  GstEvent *up = gst_harness_try_pull_upstream_event (h_);
  ASSERT_NE (up, nullptr) << "the request itself still goes upstream";
  EXPECT_TRUE (gst_video_event_is_force_key_unit (up));
  gst_event_unref (up);
}

// websocketframesink says how many viewers watch. With none, nothing is worth encoding: the
// frames are kept back, and the viewer who joins gets the newest picture, whole.
TEST_F (ElementTest, WithoutViewersFramesAreKeptBackAndAJoinerGetsTheNewestPictureWhole)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  for (int i = 0; i < 3; i++)
    gst_buffer_unref (CrankRefinement ());
  ASSERT_TRUE (gst_harness_push_upstream_event (h_, gst_webdesk_event_new_viewers (0)));
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 10, 10, 1)), nullptr);
  EXPECT_EQ (PushAndTryPull (Picture (2 * kFrame, 200, 100, 2)), nullptr);

  // A viewer joins and asks for a keyframe.
  GstTestClock *clock = gst_harness_get_testclock (h_);
  gst_test_clock_set_time (clock, 5 * GST_SECOND);
  gst_object_unref (clock);
  ASSERT_TRUE (gst_harness_push_upstream_event (h_, gst_webdesk_event_new_viewers (1)));
  ASSERT_TRUE (gst_harness_push_upstream_event (h_,
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 1)));
  GstBuffer *joined = CrankRefinement ();
  const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (joined);
  ASSERT_NE (damage, nullptr);
  ASSERT_EQ (damage->n_rects, 1u) << "the encoder's picture is old everywhere";
  EXPECT_EQ (damage->rects[0].w, kWidth);
  EXPECT_EQ (damage->rects[0].h, kHeight);
  GstBuffer *newest = Picture (0, 200, 100, 2);
  GstMapInfo a, b;
  gst_buffer_map (joined, &a, GST_MAP_READ);
  gst_buffer_map (newest, &b, GST_MAP_READ);
  ASSERT_EQ (a.size, b.size);
  EXPECT_EQ (memcmp (a.data, b.data, a.size), 0) << "the newest picture, not the last sent";
  gst_buffer_unmap (joined, &a);
  gst_buffer_unmap (newest, &b);
  gst_buffer_unref (newest);
  gst_buffer_unref (joined);

  // Watched again: motion flows.
  GstBuffer *moved = PushAndTryPull (Picture (6 * GST_SECOND, 30, 30, 3));
  EXPECT_NE (moved, nullptr);
  gst_clear_buffer (&moved);
}

TEST_F (ElementTest, FlushForgetsThePendingRefinement)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  gst_harness_push_event (h_, gst_event_new_flush_start ());
  gst_harness_push_event (h_, gst_event_new_flush_stop (TRUE));
  gst_harness_push_event (h_, gst_event_new_segment ([] {
    static GstSegment s;
    gst_segment_init (&s, GST_FORMAT_TIME);
    return &s;
  }()));
  EXPECT_TRUE (PushEosAndDrain ().empty ());
}

TEST_F (ElementTest, StateChangeWhileTheTimerWaitsShutsDownCleanly)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  GstTestClock *clock = gst_harness_get_testclock (h_);
  gst_test_clock_wait_for_next_pending_id (clock, nullptr);
  gst_object_unref (clock);
  EXPECT_EQ (gst_element_set_state (h_->element, GST_STATE_NULL), GST_STATE_CHANGE_SUCCESS);
}

TEST_F (ElementTest, DisabledIsAPlainPassthrough)
{
  g_object_set (h_->element, "enabled", FALSE, nullptr);
  for (int i = 0; i < 3; i++) {
    GstBuffer *out = PushAndTryPull (Picture (i * kFrame));
    ASSERT_NE (out, nullptr) << "identical frames are not dropped";
    EXPECT_EQ (gst_buffer_get_webdesk_quality_meta (out), nullptr);
    EXPECT_EQ (gst_buffer_get_webdesk_damage_meta (out), nullptr);
    gst_buffer_unref (out);
  }
  EXPECT_TRUE (PushEosAndDrain ().empty ()) << "and never refines";
}

TEST_F (ElementTest, ReEnabledItSendsTheNextFrameWhole)
{
  g_object_set (h_->element, "enabled", FALSE, nullptr);
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  g_object_set (h_->element, "enabled", TRUE, nullptr);
  GstBuffer *out = PushAndTryPull (Picture (kFrame));
  ASSERT_NE (out, nullptr) << "same pixels, but the scheduler has not seen a picture yet";
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (out)), std::vector<uint8_t> (8, 25));
  gst_buffer_unref (out);
  EXPECT_EQ (PushAndTryPull (Picture (2 * kFrame)), nullptr);
}

TEST_F (ElementTest, TileSizeAppliesAtTheNextCaps)
{
  g_object_set (h_->element, "tile-size", 40, nullptr);  // rounded down to 32
  guint tile = 0;
  g_object_get (h_->element, "tile-size", &tile, nullptr);
  EXPECT_EQ (tile, 32u);
  gst_harness_set_src_caps_str (h_, "video/x-raw,format=BGRx,width=256,height=128,framerate=30/1");
  GstBuffer *out = PushAndTryPull (Picture (0));
  GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (out);
  EXPECT_EQ (q->tile_size, 32u);
  EXPECT_EQ (q->tiles_x, 8u);
  EXPECT_EQ (q->tiles_y, 4u);
  gst_buffer_unref (out);
}

TEST_F (ElementTest, SubsampledInputIsComparedPerPlane)
{
  gst_harness_set_src_caps_str (h_, "video/x-raw,format=I420,width=256,height=128,framerate=60/1");
  GstVideoInfo info;
  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, kWidth, kHeight);
  auto make = [&] (GstClockTime pts, bool touch_chroma) {
    GstBuffer *buf = gst_buffer_new_allocate (nullptr, info.size, nullptr);
    gst_buffer_memset (buf, 0, 0x80, info.size);
    if (touch_chroma) {
      // V sample (100, 40) covers luma (200, 80): tile (3, 1).
      const guint8 red = 0xf0;
      gst_buffer_fill (buf, info.offset[2] + 40 * info.stride[2] + 100, &red, 1);
    }
    GST_BUFFER_PTS (buf) = pts;
    return buf;
  };
  gst_buffer_unref (PushAndTryPull (make (0, false)));
  GstBuffer *out = PushAndTryPull (make (kFrame, true));
  ASSERT_NE (out, nullptr);
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (out)),
      (std::vector<uint8_t> {U, U, U, U, U, U, U, 25}));
  gst_buffer_unref (out);
}

TEST_F (ElementTest, QualityPropertiesApplyWhilePlaying)
{
  g_object_set (h_->element, "motion-quality", 30, "refine-quality", 12, "refine-delay", 40,
      nullptr);
  GstBuffer *first = PushAndTryPull (Picture (0));
  EXPECT_EQ (gst_buffer_get_webdesk_quality_meta (first)->quality, 30u);
  gst_buffer_unref (first);
  GstClockTime when = 0;
  GstBuffer *refine = CrankRefinement (&when);
  EXPECT_EQ (when, 40 * GST_MSECOND);
  EXPECT_EQ (gst_buffer_get_webdesk_quality_meta (refine)->quality, 12u);
  gst_buffer_unref (refine);
}

}  // namespace

namespace {

// A non-live pipeline that runs faster than real time (and prerolls before PLAYING): frames
// count at their timestamps, and the refinement at EOS is stamped right after them.
TEST (ElementPipelineTest, NonLiveSourceRefinesAtEosWithSensibleTimestamps)
{
  GstElement *pipeline = gst_parse_launch (
      "videotestsrc num-buffers=30 pattern=solid-color ! "
      "video/x-raw,format=BGRx,width=128,height=64,framerate=30/1 ! "
      "paintoverscheduler refine-frames=2 ! appsink name=out sync=false",
      nullptr);
  ASSERT_NE (pipeline, nullptr);
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  std::vector<GstClockTime> pts;
  std::vector<bool> refine;
  while (GstSample *s = gst_app_sink_pull_sample (GST_APP_SINK (sink))) {
    GstBuffer *b = gst_sample_get_buffer (s);
    pts.push_back (GST_BUFFER_PTS (b));
    GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (b);
    refine.push_back (q && (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE));
    gst_sample_unref (s);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (sink);
  gst_object_unref (pipeline);

  ASSERT_EQ (pts.size (), 3u) << "the first frame, then a burst of 2 at EOS";
  EXPECT_FALSE (refine[0]);
  EXPECT_TRUE (refine[1] && refine[2]);
  EXPECT_GE (pts[1], 29 * GST_SECOND / 30) << "after the last input frame";
  EXPECT_LT (pts[2], 2 * GST_SECOND) << "not stamped with the clock's absolute time";
  EXPECT_LT (pts[1], pts[2]);
}


// The element's own defaults: one refinement pass, settle-delay 50 ms, final-at-once 4 tiles.
class DefaultsTest : public ElementTest {
 protected:
  void SetUp () override
  {
    h_ = gst_harness_new ("paintoverscheduler");
    gst_harness_use_testclock (h_);
    gst_harness_set_src_caps_str (h_,
        "video/x-raw,format=BGRx,width=256,height=128,framerate=60/1");
  }
};

TEST_F (DefaultsTest, AStoppedPictureIsFinalInOneFrameSettleDelayAfterTheMotion)
{
  GstClockTime t = 0;
  gst_buffer_unref (PushAndTryPull (Picture (t)));
  for (int i = 1; i <= 10; i++) {  // moving at 60 fps
    t = GstClockTime (i) * kFrame;
    gst_buffer_unref (PushAndTryPull (Picture (t, 10 + i, 10, uint8_t (i))));
  }
  GstClockTime when = 0;
  GstBuffer *refine = CrankRefinement (&when);
  EXPECT_EQ (when, t + 50 * GST_MSECOND) << "settle-delay after the last motion, not refine-delay";
  GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (refine);
  ASSERT_NE (quality, nullptr);
  EXPECT_TRUE (quality->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
  EXPECT_TRUE (quality->flags & GST_WEBDESK_QUALITY_FLAG_FINAL) << "one pass";
  gst_buffer_unref (refine);
  EXPECT_TRUE (PushEosAndDrain ().empty ()) << "nothing after the one refinement frame";
}

TEST_F (DefaultsTest, ATypedCharacterIsFinalAtOnce)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  gst_buffer_unref (CrankRefinement ());
  // Still for a while, then one tile changes (a caret, a character).
  GstBuffer *typed = PushAndTryPull (Picture (GST_SECOND, 70, 5, 1));
  ASSERT_NE (typed, nullptr);
  GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (typed);
  ASSERT_NE (quality, nullptr);
  EXPECT_EQ (quality->quality, 25u);
  EXPECT_FALSE (quality->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
  EXPECT_TRUE (quality->flags & GST_WEBDESK_QUALITY_FLAG_FINAL) << "nothing left to refine";
  EXPECT_EQ (TileMap (quality), (std::vector<uint8_t> {U, 18, U, U, U, U, U, U}))
      << "its tile at the refine quality: final";
  gst_buffer_unref (typed);
  EXPECT_TRUE (PushEosAndDrain ().empty ()) << "no refinement follows it";
}

}  // namespace
