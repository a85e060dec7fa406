// SPDX-License-Identifier: LGPL-2.1-or-later
// The GstHarness fixture of the paintoverscheduler element tests: a 256x128 BGRx stream (4 x 2
// tiles of 64 px) with a GstTestClock driving the refinement timer (no sleeps).
#pragma once

#include <gst/check/gstharness.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace paintover_test {

constexpr int kWidth = 256, kHeight = 128;  // 4 x 2 tiles of 64 px
constexpr GstClockTime kFrame = GST_SECOND / 60;

class ElementTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    h_ = gst_harness_new ("paintoverscheduler");
    gst_harness_use_testclock (h_);
    gst_harness_set_src_caps_str (h_,
        "video/x-raw,format=BGRx,width=256,height=128,framerate=60/1");
    // The mechanics of bursts and per-tile delays; the defaults (one pass, settle-delay,
    // final-at-once) have tests of their own (DefaultsTest).
    g_object_set (h_->element, "refine-frames", 3, "settle-delay", 0, "final-at-once", 0, nullptr);
  }
  void TearDown () override { gst_harness_teardown (h_); }

  // A BGRx picture with a pattern; `variant` changes the pixel at (x, y).
  static GstBuffer *Picture (GstClockTime pts, int x = -1, int y = -1, uint8_t variant = 0)
  {
    GstBuffer *buf = gst_buffer_new_allocate (nullptr, kWidth * kHeight * 4, nullptr);
    GstMapInfo map;
    gst_buffer_map (buf, &map, GST_MAP_WRITE);
    for (gsize i = 0; i < map.size; i++)
      map.data[i] = uint8_t (i * 13 + i / 1024);
    if (x >= 0)
      map.data[(y * kWidth + x) * 4 + 1] ^= uint8_t (variant | 1);
    gst_buffer_unmap (buf, &map);
    GST_BUFFER_PTS (buf) = pts;
    return buf;
  }

  // Pushes a buffer and returns what came out for it (nullptr when it was dropped).
  GstBuffer *PushAndTryPull (GstBuffer *buf)
  {
    EXPECT_EQ (gst_harness_push (h_, buf), GST_FLOW_OK);
    return gst_harness_try_pull (h_);
  }

  // Lets the timer fire once and returns the refinement frame it pushed.
  GstBuffer *CrankRefinement (GstClockTime *when = nullptr)
  {
    GstTestClock *clock = gst_harness_get_testclock (h_);
    GstClockID id = nullptr;
    gst_test_clock_wait_for_next_pending_id (clock, &id);
    if (when)
      *when = gst_clock_id_get_time (id);
    gst_clock_id_unref (id);
    gst_object_unref (clock);
    EXPECT_TRUE (gst_harness_crank_single_clock_wait (h_));
    return gst_harness_pull (h_);
  }

  // Upstream events the harness saw so far (reconfigure, latency...), dropped.
  void DropUpstreamEvents ()
  {
    while (GstEvent *e = gst_harness_try_pull_upstream_event (h_))
      gst_event_unref (e);
  }

  // Sets the pipeline clock (the harness's GstTestClock, base time 0).
  void SetClock (GstClockTime time)
  {
    GstTestClock *clock = gst_harness_get_testclock (h_);
    gst_test_clock_set_time (clock, time);
    gst_object_unref (clock);
  }

  // Whether two buffers hold the same pixels.
  static bool SamePixels (GstBuffer *a, GstBuffer *b)
  {
    GstMapInfo ma, mb;
    gst_buffer_map (a, &ma, GST_MAP_READ);
    gst_buffer_map (b, &mb, GST_MAP_READ);
    const bool same = ma.size == mb.size && memcmp (ma.data, mb.data, ma.size) == 0;
    gst_buffer_unmap (a, &ma);
    gst_buffer_unmap (b, &mb);
    return same;
  }

  // Everything that comes out before EOS once EOS is pushed.
  std::vector<GstBuffer *> PushEosAndDrain ()
  {
    gst_harness_push_event (h_, gst_event_new_eos ());
    std::vector<GstBuffer *> out;
    while (GstBuffer *b = gst_harness_try_pull (h_))
      out.push_back (b);
    return out;
  }

  static std::vector<uint8_t> TileMap (const GstWebdeskQualityMeta *q)
  {
    return std::vector<uint8_t> (q->tile_quality, q->tile_quality + q->tiles_x * q->tiles_y);
  }

  GstHarness *h_ = nullptr;
};

constexpr uint8_t U = GST_WEBDESK_TILE_UNCHANGED;

}  // namespace paintover_test
