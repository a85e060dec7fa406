// SPDX-License-Identifier: LGPL-2.1-or-later
// paintoverscheduler and webdesk-pace: while websocketframesink says its viewers are behind,
// frames are held back; once they caught up, one frame carries the newest picture and
// everything that changed meanwhile, and refinement resumes.
#include "element_harness.h"

namespace {

using namespace paintover_test;

class PaceTest : public ElementTest {
 protected:
  void Pace (gboolean behind)
  {
    ASSERT_TRUE (gst_harness_push_upstream_event (h_, gst_webdesk_event_new_pace (behind)));
  }

  // Whether the timer schedules a clock wait within 100 ms (a refinement it means to send).
  bool TimerWaitsOnTheClock ()
  {
    GstTestClock *clock = gst_harness_get_testclock (h_);
    const bool pending =
        gst_test_clock_timed_wait_for_multiple_pending_ids (clock, 1, 100, nullptr);
    gst_object_unref (clock);
    return pending;
  }
};

TEST_F (PaceTest, BehindHoldsFramesBackAndCatchingUpSendsOneFrameWithAllThatChanged)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 10, 10, 1)), nullptr) << "tile 0 changed";
  EXPECT_EQ (PushAndTryPull (Picture (2 * kFrame, 10, 10, 1)), nullptr);
  EXPECT_EQ (PushAndTryPull (Picture (3 * kFrame, 130, 10, 1)), nullptr) << "tiles 0 and 2";
  for (int i = 4; i < 10; i++)
    EXPECT_EQ (PushAndTryPull (Picture (i * kFrame, 130, 10, 1)), nullptr) << "still";
  SetClock (GST_SECOND);
  EXPECT_FALSE (TimerWaitsOnTheClock ()) << "no refinement while behind";

  // They caught up: one frame at once, without waiting for new input.
  Pace (FALSE);
  GstBuffer *caught_up = gst_harness_pull (h_);
  ASSERT_NE (caught_up, nullptr);
  EXPECT_EQ (gst_harness_buffers_received (h_), 2u) << "nothing else went out while behind";
  EXPECT_EQ (GST_BUFFER_PTS (caught_up), GST_SECOND) << "stamped when it was sent";
  GstBuffer *newest = Picture (0, 130, 10, 1);
  EXPECT_TRUE (SamePixels (caught_up, newest)) << "the newest picture";
  gst_buffer_unref (newest);

  const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (caught_up);
  ASSERT_NE (damage, nullptr);
  ASSERT_EQ (damage->n_rects, 2u) << "the union of what changed, not the whole picture";
  EXPECT_EQ (damage->rects[0].x, 0);
  EXPECT_EQ (damage->rects[0].y, 0);
  EXPECT_EQ (damage->rects[0].w, 64);
  EXPECT_EQ (damage->rects[0].h, 64);
  EXPECT_EQ (damage->rects[1].x, 128);
  EXPECT_EQ (damage->rects[1].y, 0);
  EXPECT_TRUE (GST_CLOCK_TIME_IS_VALID (damage->capture_time));
  const GstWebdeskQualityMeta *quality = gst_buffer_get_webdesk_quality_meta (caught_up);
  ASSERT_NE (quality, nullptr);
  EXPECT_EQ (quality->quality, 25u);
  EXPECT_EQ (quality->flags, GST_WEBDESK_QUALITY_FLAG_NONE) << "a motion frame";
  EXPECT_EQ (TileMap (quality), (std::vector<uint8_t> {25, 18, 25, 18, 18, 18, 18, 18}))
      << "what changed at motion quality; the long-still tiles' first pass rides on it";
  gst_buffer_unref (caught_up);

  // Then still: the rest of the usual burst, the changed tiles a refine-delay later.
  GstClockTime when = 0;
  for (int i = 0; i < 2; i++) {
    GstBuffer *refine = CrankRefinement (&when);
    EXPECT_EQ (when, GST_SECOND + GstClockTime (i + 1) * kFrame);
    EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (refine)),
        (std::vector<uint8_t> {U, 18, U, 18, 18, 18, 18, 18}));
    gst_buffer_unref (refine);
  }
  for (int i = 0; i < 3; i++) {
    GstBuffer *refine = CrankRefinement (&when);
    EXPECT_EQ (when, GST_SECOND + 150 * GST_MSECOND + GstClockTime (i) * kFrame);
    const GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (refine);
    EXPECT_EQ (TileMap (q), (std::vector<uint8_t> {18, U, 18, U, U, U, U, U}));
    EXPECT_TRUE (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
    EXPECT_EQ (bool (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL), i == 2);
    EXPECT_EQ (gst_buffer_get_webdesk_damage_meta (refine)->n_rects, 0u);
    gst_buffer_unref (refine);
  }
}

TEST_F (PaceTest, ARefinementDueWhileBehindIsSentOnceTheyCaughtUp)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  SetClock (GST_SECOND);  // the burst was due at 150 ms
  EXPECT_EQ (PushAndTryPull (Picture (GST_SECOND)), nullptr);
  EXPECT_FALSE (TimerWaitsOnTheClock ());
  EXPECT_EQ (gst_harness_buffers_received (h_), 1u);

  Pace (FALSE);
  GstClockTime last_pts = 0;
  for (int i = 0; i < 3; i++) {
    GstBuffer *refine = CrankRefinement ();
    const GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (refine);
    EXPECT_TRUE (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE);
    EXPECT_EQ (bool (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL), i == 2);
    EXPECT_EQ (TileMap (q), std::vector<uint8_t> (8, 18));
    EXPECT_GT (GST_BUFFER_PTS (refine), last_pts);
    last_pts = GST_BUFFER_PTS (refine);
    gst_buffer_unref (refine);
  }
  EXPECT_GE (last_pts, GST_SECOND) << "not stamped in the past";
}

TEST_F (PaceTest, AKeyframeRequestWhileBehindStillSendsTheNewestPicture)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  for (int i = 0; i < 3; i++)
    gst_buffer_unref (CrankRefinement ());
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 200, 100, 2)), nullptr);

  SetClock (5 * GST_SECOND);
  ASSERT_TRUE (gst_harness_push_upstream_event (h_,
      gst_video_event_new_upstream_force_key_unit (GST_CLOCK_TIME_NONE, TRUE, 1)));
  GstBuffer *again = CrankRefinement ();
  GstBuffer *newest = Picture (0, 200, 100, 2);
  EXPECT_TRUE (SamePixels (again, newest));
  gst_buffer_unref (newest);
  const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (again);
  ASSERT_EQ (damage->n_rects, 1u) << "what the encoder has not seen";
  EXPECT_EQ (damage->rects[0].x, 192);
  EXPECT_EQ (damage->rects[0].y, 64);
  gst_buffer_unref (again);
  EXPECT_FALSE (TimerWaitsOnTheClock ()) << "the rest of the refresh waits for the viewers";
}

TEST_F (PaceTest, ANewRunIsNotHeldBackByTheLastOnesViewers)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 10, 10, 1)), nullptr);

  ASSERT_EQ (gst_element_set_state (h_->element, GST_STATE_READY), GST_STATE_CHANGE_SUCCESS);
  ASSERT_EQ (gst_element_set_state (h_->element, GST_STATE_PLAYING), GST_STATE_CHANGE_SUCCESS);
  gst_harness_push_event (h_, gst_event_new_stream_start ("again"));
  gst_harness_set_src_caps_str (h_, "video/x-raw,format=BGRx,width=256,height=128,framerate=60/1");
  GstBuffer *out = PushAndTryPull (Picture (0, 10, 10, 1));
  ASSERT_NE (out, nullptr) << "behind is FALSE again after READY -> PAUSED";
  gst_buffer_unref (out);
  EXPECT_NE (PushAndTryPull (Picture (kFrame, 30, 30, 1)), nullptr);
}

TEST_F (PaceTest, TheCatchUpFrameCoversTilesFromASourcesDamageMetaAndKeepsItsCaptureTime)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 10, 10, 1)), nullptr);
  // The source's damage meta says only tile 3 changed in this frame.
  GstBuffer *typed = Picture (2 * kFrame, 10, 10, 1);
  const GstVideoRectangle caret {200, 5, 2, 12};
  gst_buffer_add_webdesk_damage_meta (typed, &caret, 1, 333);
  EXPECT_EQ (PushAndTryPull (typed), nullptr);

  // Caught up: the frame carries tiles 0 and 3.
  Pace (FALSE);
  GstBuffer *out = gst_harness_pull (h_);
  ASSERT_NE (out, nullptr);
  const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (out);
  ASSERT_EQ (damage->n_rects, 2u);
  EXPECT_EQ (damage->rects[0].x, 0);
  EXPECT_EQ (damage->rects[1].x, 192);
  EXPECT_EQ (damage->capture_time, 333u) << "the newest kept frame's capture time";
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (out)),
      (std::vector<uint8_t> {25, U, U, 25, U, U, U, U}));
  gst_buffer_unref (out);
}

TEST_F (PaceTest, EosWhileBehindEndsOnTheNewestPictureRefined)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 200, 100, 2)), nullptr);
  std::vector<GstBuffer *> out = PushEosAndDrain ();
  ASSERT_EQ (out.size (), 4u) << "the kept picture, then the refinement burst";
  EXPECT_EQ (TileMap (gst_buffer_get_webdesk_quality_meta (out[0])),
      (std::vector<uint8_t> {U, U, U, U, U, U, U, 25}));
  GstBuffer *newest = Picture (0, 200, 100, 2);
  EXPECT_TRUE (SamePixels (out.back (), newest));
  gst_buffer_unref (newest);
  EXPECT_TRUE (gst_buffer_get_webdesk_quality_meta (out.back ())->flags &
               GST_WEBDESK_QUALITY_FLAG_FINAL);
  for (size_t i = 1; i < out.size (); i++)
    EXPECT_GT (GST_BUFFER_PTS (out[i]), GST_BUFFER_PTS (out[i - 1]));
  for (GstBuffer *b : out)
    gst_buffer_unref (b);
}

}  // namespace

namespace {

TEST_F (PaceTest, WhatWasHeldForViewersWhoLeftReachesTheNextViewer)
{
  gst_buffer_unref (PushAndTryPull (Picture (0)));
  Pace (TRUE);
  EXPECT_EQ (PushAndTryPull (Picture (kFrame, 10, 10, 1)), nullptr) << "held";
  // The last viewer leaves while behind: the sink says nobody watches, and that nobody is
  // behind. The catch-up frame is due but not sent to nobody.
  SetClock (GST_SECOND);
  ASSERT_TRUE (gst_harness_push_upstream_event (h_, gst_webdesk_event_new_viewers (0)));
  Pace (FALSE);
  g_usleep (200000);  // the task decides the due catch-up frame (and sends nothing)
  EXPECT_EQ (gst_harness_buffers_received (h_), 1u);
  // A viewer comes; what is sent from now on (another tile changed) carries the held change
  // too: the whole picture (or, had the task sent the catch-up frame only once the viewer came,
  // that frame).
  ASSERT_TRUE (gst_harness_push_upstream_event (h_, gst_webdesk_event_new_viewers (1)));
  // The held change stays, and another tile changes.
  GstBuffer *next = Picture (GST_SECOND + kFrame, 10, 10, 1);
  GstMapInfo map;
  gst_buffer_map (next, &map, GST_MAP_WRITE);
  map.data[(100 * kWidth + 200) * 4 + 1] ^= 1;
  gst_buffer_unmap (next, &map);
  gst_harness_push (h_, next);
  bool held_change_sent = false;
  for (GstBuffer *out = gst_harness_pull (h_); out; out = gst_harness_try_pull (h_)) {
    const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (out);
    for (guint i = 0; damage && i < damage->n_rects; i++) {
      const GstVideoRectangle &r = damage->rects[i];
      held_change_sent |= r.x <= 10 && r.y <= 10 && r.x + r.w > 10 && r.y + r.h > 10;
    }
    gst_buffer_unref (out);
  }
  EXPECT_TRUE (held_change_sent) << "the change made while held never reached a viewer";
}

}  // namespace
