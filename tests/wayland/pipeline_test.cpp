// SPDX-License-Identifier: LGPL-2.1-or-later
// The product's pipeline behind waylanddamagesrc: an application's picture, through
// paintoverscheduler and h264qualityenc, decodes back to what the application drew; a still
// screen sends nothing. Skipped when those plugins are not built.
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gtest/gtest.h>

#include <vector>

#include "h264_decode.h"
#include "picture.h"
#include "runtime_dir.h"
#include "test_client.h"

using namespace webdesk::testing;

namespace {

constexpr int kWidth = 320, kHeight = 240;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp () override
  {
    for (const char *name : {"paintoverscheduler", "h264qualityenc"})
      if (GstElementFactory *f = gst_element_factory_find (name))
        gst_object_unref (f);
      else
        GTEST_SKIP () << name << " is not built";
    GError *error = nullptr;
    pipeline_ = gst_parse_launch ("waylanddamagesrc name=src width=320 height=240 ! "
                                  "paintoverscheduler refine-delay=100 ! h264qualityenc ! "
                                  "appsink name=sink sync=false",
        &error);
    ASSERT_EQ (error, nullptr) << error->message;
    sink_ = gst_bin_get_by_name (GST_BIN (pipeline_), "sink");
    GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline_), "src");
    ASSERT_NE (gst_element_set_state (pipeline_, GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);
    g_autofree gchar *socket = nullptr;
    g_object_get (src, "socket-name", &socket, nullptr);
    socket_ = socket;
    gst_object_unref (src);
  }
  void TearDown () override
  {
    if (pipeline_) {
      gst_element_set_state (pipeline_, GST_STATE_NULL);
      gst_object_unref (sink_);
      gst_object_unref (pipeline_);
    }
    for (GstBuffer *b : access_units_)
      gst_buffer_unref (b);
  }
  // Collects access units until none came for `quiet`; returns how many came.
  int CollectUntilQuiet (GstClockTime quiet)
  {
    int n = 0;
    while (GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (sink_), quiet)) {
      access_units_.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
      gst_sample_unref (s);
      n++;
    }
    return n;
  }
  Picture LastDecoded ()
  {
    auto frames = DecodeH264 (access_units_);
    return frames.empty () ? Picture{} : frames.back ().picture;
  }

  ScopedRuntimeDir runtime_dir_;
  GstElement *pipeline_ = nullptr, *sink_ = nullptr;
  std::string socket_;
  std::vector<GstBuffer *> access_units_;
};

void
Draw (ShmBuffer *b, const Picture &p)
{
  for (int y = 0; y < p.height; y++)
    memcpy (b->pixels + size_t (y) * b->width, p.Row (y), size_t (p.width) * 4);
}

}  // namespace

TEST_F (PipelineTest, WhatTheApplicationDrewIsWhatTheViewerDecodes)
{
  TestClient c (socket_);
  ASSERT_TRUE (c.Connected ());
  Window *w = c.CreateToplevel ();
  Picture text = RenderText (kWidth, kHeight, 0xffe0e0e0, 0xff202030);
  ShmBuffer *buffers[2] = {c.CreateBuffer (kWidth, kHeight, 0), c.CreateBuffer (kWidth, kHeight, 0)};
  Draw (buffers[0], text);
  c.Show (w, buffers[0]);
  // The motion frame, then the refinement burst, then silence.
  ASSERT_GT (CollectUntilQuiet (GST_SECOND), 0);
  Picture decoded = LastDecoded ();
  ASSERT_EQ (decoded.width, kWidth);
  RgbQuality q = CompareRgb (text, decoded);
  EXPECT_GT (q.MinPsnr (), 30) << q.ToString ();

  // A small change: only it is sent, and the decoded picture follows.
  Picture changed = text;
  for (int y = 100; y < 116; y++)
    for (int x = 40; x < 56; x++)
      memcpy (changed.Row (y) + x * 4, "\x00\x00\xff\xff", 4);  // red in BGRx
  Draw (buffers[1], changed);
  wl_surface_attach (w->surface, buffers[1]->buffer, 0, 0);
  wl_surface_damage_buffer (w->surface, 40, 100, 16, 16);
  wl_surface_commit (w->surface);
  c.Roundtrip ();
  ASSERT_GT (CollectUntilQuiet (GST_SECOND), 0);
  q = CompareRgb (changed, LastDecoded ());
  EXPECT_GT (q.MinPsnr (), 30) << q.ToString ();

  // Nothing changes: nothing is encoded, nothing is sent.
  EXPECT_EQ (CollectUntilQuiet (2 * GST_SECOND), 0);
}
