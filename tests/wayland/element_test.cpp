// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc in a pipeline, with real Wayland clients: Debian's weston demo clients, foot,
// a nested weston desktop, and the in-process test client where exact pixels are needed.
// Every test has its own XDG_RUNTIME_DIR; every process started is ended by the element.
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/navigation.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <linux/input-event-codes.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "element_fixture.h"
#include "runtime_dir.h"
#include "test_client.h"

using webdesk::testing::ElementTest;
using webdesk::testing::kFrameTimeout;
using webdesk::testing::NotBlack;
using webdesk::testing::CapturedFrame;
using webdesk::testing::Pipeline;
using webdesk::testing::ScopedRuntimeDir;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::Window;


TEST_F (ElementTest, SocketNameIsChosenAndReadableAfterStart)
{
  Pipeline p ("width=64 height=48");
  EXPECT_EQ (p.SocketName (), "");
  ASSERT_TRUE (p.Play ());
  const std::string name = p.SocketName ();
  EXPECT_EQ (name.rfind ("wayland-", 0), 0u) << name;
  EXPECT_TRUE (g_file_test ((runtime_dir_.path () + "/" + name).c_str (), G_FILE_TEST_EXISTS));
  // The first frame is the empty desktop, with damage covering all of it.
  auto first = p.Pull ();
  ASSERT_TRUE (first);
  EXPECT_EQ (first->width, 64);
  ASSERT_EQ (first->damage.size (), 1u);
  EXPECT_EQ (first->damage[0].w, 64);
}

TEST_F (ElementTest, MissingRuntimeDirIsCreated)
{
  const std::string dir = runtime_dir_.path () + "/sub";
  g_setenv ("XDG_RUNTIME_DIR", dir.c_str (), TRUE);
  {
    Pipeline p ("width=64 height=48 socket-name=webdesk-test-0");
    ASSERT_TRUE (p.Play ());
    EXPECT_EQ (p.SocketName (), "webdesk-test-0");
    EXPECT_TRUE (g_file_test ((dir + "/webdesk-test-0").c_str (), G_FILE_TEST_EXISTS));
    ASSERT_TRUE (p.Pull ());
    // Stopped, the socket is gone and the name set is kept for the next start.
    gst_element_set_state (p.pipeline_, GST_STATE_NULL);
    EXPECT_FALSE (g_file_test ((dir + "/webdesk-test-0").c_str (), G_FILE_TEST_EXISTS));
    EXPECT_EQ (p.SocketName (), "webdesk-test-0");
    ASSERT_TRUE (p.Play ());
    EXPECT_TRUE (g_file_test ((dir + "/webdesk-test-0").c_str (), G_FILE_TEST_EXISTS));
    ASSERT_TRUE (p.Pull ());
  }
  g_autofree gchar *lock = g_strdup_printf ("%s/webdesk-test-0.lock", dir.c_str ());
  g_remove (lock);
  g_rmdir (dir.c_str ());
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir_.path ().c_str (), TRUE);
}

TEST_F (ElementTest, SocketNameInUseIsAClearError)
{
  Pipeline first ("width=64 height=48 socket-name=webdesk-test-1");
  ASSERT_TRUE (first.Play ());
  Pipeline second ("width=64 height=48 socket-name=webdesk-test-1");
  EXPECT_EQ (gst_element_set_state (second.pipeline_, GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);
  GstMessage *m = second.WaitForMessage (GST_MESSAGE_ERROR, GST_SECOND);
  ASSERT_TRUE (m);
  GError *error = nullptr;
  gst_message_parse_error (m, &error, nullptr);
  EXPECT_NE (std::string (error->message).find ("webdesk-test-1"), std::string::npos) << error->message;
  g_error_free (error);
  gst_message_unref (m);
}

TEST_F (ElementTest, ScreenshotMatchesTheClientsPixelsAndPartialUpdatesStayComplete)
{
  Pipeline p ("width=96 height=64");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.Pull ());  // empty desktop
  TestClient c (p.SocketName ());
  ASSERT_TRUE (c.Connected ());
  Window *w = c.CreateToplevel ();
  EXPECT_EQ (w->configured_width, 96);
  auto pattern = [] (int x, int y, int step) {
    return uint32_t (((x * 7 + step) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | ((x ^ y) & 0xff));
  };
  ShmBuffer *buffers[2] = {c.CreateBuffer (96, 64, 0), c.CreateBuffer (96, 64, 0)};
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 96; x++)
      buffers[0]->pixels[y * 96 + x] = pattern (x, y, 0);
  c.Show (w, buffers[0]);
  auto shot = p.Pull ();
  ASSERT_TRUE (shot);
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 96; x++)
      ASSERT_EQ (shot->At (x, y), pattern (x, y, 0)) << x << "," << y;

  // Small changes in different places, frame after frame, through recycled output buffers:
  // every frame is still the complete picture.
  std::vector<uint32_t> expected (96 * 64);
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 96; x++)
      expected[y * 96 + x] = pattern (x, y, 0);
  for (int step = 1; step <= 12; step++) {
    ShmBuffer *b = buffers[step % 2];
    const int rx = (step * 13) % 80, ry = (step * 7) % 50;
    for (int y = 0; y < 64; y++)
      for (int x = 0; x < 96; x++) {
        if (x >= rx && x < rx + 8 && y >= ry && y < ry + 6)
          expected[y * 96 + x] = 0xff000000 | uint32_t (step * 20);
        b->pixels[y * 96 + x] = expected[y * 96 + x];
      }
    wl_surface_attach (w->surface, b->buffer, 0, 0);
    wl_surface_damage_buffer (w->surface, rx, ry, 8, 6);
    wl_surface_commit (w->surface);
    c.Roundtrip ();
    auto f = p.Pull ();
    ASSERT_TRUE (f);
    ASSERT_EQ (f->damage.size (), 1u);
    EXPECT_EQ (f->damage[0].x, rx);
    EXPECT_EQ (f->damage[0].y, ry);
    EXPECT_EQ (f->damage[0].w, 8);
    EXPECT_EQ (f->damage[0].h, 6);
    for (int i = 0; i < 96 * 64; i++)
      ASSERT_EQ (f->pixels[i] & 0xffffff, expected[i] & 0xffffff) << "step " << step << " pixel " << i;
  }
}

TEST_F (ElementTest, ASlowDownstreamHoldsTheApplicationBack)
{
  // appsink takes one frame and then blocks the source until the test pulls: the client's
  // frame callbacks must wait for that, so it cannot run ahead (latency stays one frame).
  Pipeline p ("width=64 height=48");
  g_object_set (p.sink_, "max-buffers", 1, "drop", FALSE, nullptr);
  ASSERT_TRUE (p.Play ());
  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  ShmBuffer *b = c.CreateBuffer (64, 48, 0x112233);
  int callbacks = 0;
  // A client that draws a new frame whenever the compositor's frame callback says so.
  for (int i = 0; i < 10; i++) {
    bool done = false;
    c.RequestFrame (w->surface, &done);
    b->FillRect (0, 0, 4, 4, 0x010101 * uint32_t (i));
    wl_surface_attach (w->surface, b->buffer, 0, 0);
    wl_surface_damage (w->surface, 0, 0, 4, 4);
    wl_surface_commit (w->surface);
    wl_display_flush (c.display ());
    // Wait (event-driven, bounded) for the callback; stop when it does not come.
    for (int k = 0; k < 20 && !done; k++) {
      if (wl_display_roundtrip (c.display ()) < 0)
        break;
      g_usleep (10000);
    }
    if (!done)
      break;
    callbacks++;
  }
  // Nobody pulls: the queue (1) and the frame being pushed hold the pipeline; only the first
  // few frames were taken downstream.
  EXPECT_LE (callbacks, 3);
  // Pulling lets the application go on.
  bool done = false;
  c.RequestFrame (w->surface, &done);
  wl_surface_damage (w->surface, 0, 0, 4, 4);
  wl_surface_commit (w->surface);
  for (int k = 0; k < 200 && !done; k++) {
    p.Pull (10 * GST_MSECOND);
    wl_display_roundtrip (c.display ());
  }
  EXPECT_TRUE (done);
}

TEST_F (ElementTest, SizeAndFormatComeFromDownstreamCaps)
{
  // No width/height set: downstream's caps decide, and the applications are configured to it.
  Pipeline p ("! video/x-raw,format=BGRA,width=200,height=100");
  ASSERT_TRUE (p.Play ());
  GstSample *sample = gst_app_sink_try_pull_sample (GST_APP_SINK (p.sink_), kFrameTimeout);
  ASSERT_TRUE (sample);
  GstVideoInfo info;
  ASSERT_TRUE (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
  EXPECT_EQ (GST_VIDEO_INFO_FORMAT (&info), GST_VIDEO_FORMAT_BGRA);
  EXPECT_EQ (GST_VIDEO_INFO_WIDTH (&info), 200);
  EXPECT_EQ (GST_VIDEO_INFO_HEIGHT (&info), 100);
  gst_sample_unref (sample);

  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  EXPECT_EQ (w->configured_width, 200);
  EXPECT_EQ (w->configured_height, 100);
  // An opaque window: BGRA output is opaque too.
  c.Show (w, c.CreateBuffer (200, 100, 0x336699));
  auto f = p.Pull ();
  ASSERT_TRUE (f);
  EXPECT_EQ (f->pixels[50 * 200 + 100], 0xff336699u);
}

TEST_F (ElementTest, WestonSimpleShmFramesFlow)
{
  Pipeline p ("width=320 height=240 command=weston-simple-shm");
  ASSERT_TRUE (p.Play ());
  // simple-shm draws a 250x250 animated window: frames keep coming, each with its damage.
  auto f = p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 100, 100); });
  ASSERT_TRUE (f);
  int frames = 0;
  for (; frames < 20; frames++) {
    auto next = p.Pull ();
    ASSERT_TRUE (next);
    ASSERT_TRUE (next->has_damage_meta);
    EXPECT_FALSE (next->damage.empty ());
  }
}

TEST_F (ElementTest, MaxFramerateSpacesTheFrames)
{
  // weston-simple-shm redraws on every frame callback; at max-framerate=20 the frames' capture
  // times (PTS) are at least about 50 ms apart.
  Pipeline p ("width=320 height=240 max-framerate=20 command=weston-simple-shm");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 100, 100); }));
  std::vector<GstClockTime> pts;
  for (int i = 0; i < 8; i++) {
    GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (p.sink_), kFrameTimeout);
    ASSERT_TRUE (s);
    pts.push_back (GST_BUFFER_PTS (gst_sample_get_buffer (s)));
    gst_sample_unref (s);
  }
  const GstClockTime span = pts.back () - pts[1];
  EXPECT_GE (span, 6 * 45 * GST_MSECOND) << "7 frame intervals in " << span / GST_MSECOND << " ms";
  for (size_t i = 1; i < pts.size (); i++)
    EXPECT_GT (pts[i], pts[i - 1]);
}

// weston-simple-damage --use-viewport fills its buffer red, draws its window in a rectangle of
// it off the origin, and shows only that rectangle through wp_viewport (source crop, scaled up
// twice): red on the screen means the crop's offset was lost.
TEST_F (ElementTest, AViewportShowsTheRectangleItCropsNotTheBuffersCorner)
{
  Pipeline p ("width=320 height=240 command=\"weston-simple-damage --use-viewport\"");
  ASSERT_TRUE (p.Play ());
  auto f = p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 2, 2); });
  for (int i = 0; i < 6; i++, f = p.Pull ()) {
    ASSERT_TRUE (f);
    int red = 0;
    for (uint32_t px : f->pixels)
      red += (px & 0xffffff) == 0xff0000;
    EXPECT_EQ (red, 0) << "frame " << i << ": the buffer outside the viewport's crop is shown";
  }
}

class SimpleDamageTest : public ElementTest, public ::testing::WithParamInterface<const char *> {};

TEST_P (SimpleDamageTest, DamageMetaCoversEveryChangedPixelAndLittleElse)
{
  Pipeline p (std::string ("width=320 height=240 command=\"weston-simple-damage ") + GetParam () + "\"");
  ASSERT_TRUE (p.Play ());
  // The window has a white border around a black field with a bouncing ball.
  auto prev = p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 2, 2); });
  ASSERT_TRUE (prev);
  for (int i = 0; i < 15; i++) {
    auto f = p.Pull ();
    ASSERT_TRUE (f);
    ASSERT_TRUE (f->has_damage_meta);
    std::vector<bool> covered (size_t (f->width) * f->height, false);
    uint64_t area = 0;
    for (const auto &r : f->damage) {
      area += uint64_t (r.w) * r.h;
      for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
          covered[size_t (y) * f->width + x] = true;
    }
    int changed_outside = 0;
    for (size_t k = 0; k < covered.size (); k++)
      if (!covered[k] && (f->pixels[k] & 0xffffff) != (prev->pixels[k] & 0xffffff))
        changed_outside++;
    EXPECT_EQ (changed_outside, 0) << "frame " << i;
    // The ball moves; once the window has settled (its first frames may be redrawn whole),
    // the damage is about the ball, not the window.
    if (i >= 3) {
      EXPECT_LT (area, uint64_t (f->width) * f->height / 4) << "frame " << i;
    }
    prev = std::move (f);
  }
}

INSTANTIATE_TEST_SUITE_P (Variants, SimpleDamageTest,
    ::testing::Values ("", "--use-damage-buffer", "--scale=2", "--transform=90",
        "--use-viewport", "--scale=2 --transform=flipped-270 --use-damage-buffer"));

TEST_F (ElementTest, WestonSubsurfacesAreComposedInPlace)
{
  Pipeline p ("width=400 height=300 command=weston-subsurfaces");
  ASSERT_TRUE (p.Play ());
  // The main surface (green, left), a red subsurface (top right) and a dark green one with the
  // animated triangle (bottom right), composed in place, under the title bar weston's toolkit
  // draws for a maximized window.
  auto f = p.PullUntil ([] (const CapturedFrame &f) {
    auto red = [] (uint32_t c) { return (c >> 16) > 0x80 && (c >> 8 & 0xff) < 0x40; };
    auto green = [] (uint32_t c) { return (c >> 16) < 0x20 && (c >> 8 & 0xff) > 0x80; };
    auto dark_green = [] (uint32_t c) {
      return (c >> 16) < 0x20 && (c >> 8 & 0xff) > 0x30 && (c >> 8 & 0xff) < 0x70;
    };
    return green (f.At (20, 150)) && red (f.At (380, 40)) && dark_green (f.At (380, 280));
  });
  ASSERT_TRUE (f);
  // The animation goes on.
  for (int i = 0; i < 5; i++)
    ASSERT_TRUE (p.Pull ());
}

TEST_F (ElementTest, IdleTerminalProducesNoFrames)
{
  // A terminal showing some text and nothing else happening (no shell prompt that could
  // redraw late on a loaded machine).
  Pipeline p ("width=320 height=240 command=\"foot -o cursor.blink=no sh -c "
              "'echo webdesk idle test; exec sleep 1000'\"");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return f.At (2, 2) != 0; }));
  // Settled: nothing for two seconds.
  while (p.Pull (2 * GST_SECOND)) {
  }
  int frames = 0;
  std::string damaged;
  while (auto f = p.Pull (3 * GST_SECOND)) {
    frames++;
    for (const auto &r : f->damage)
      damaged += " " + std::to_string (r.x) + "," + std::to_string (r.y) + " " +
          std::to_string (r.w) + "x" + std::to_string (r.h);
  }
  EXPECT_EQ (frames, 0) << "damaged:" << damaged;
}

TEST_F (ElementTest, NestedWestonDesktopRunsInside)
{
  Pipeline p ("width=640 height=480 command=\"weston --backend=wayland-backend.so --use-pixman "
              "--fullscreen --socket=webdesk-nested-test --idle-time=0\"");
  ASSERT_TRUE (p.Play ());
  // Weston's desktop-shell: a grey patterned background under a dark panel at the top.
  auto f = p.PullUntil ([] (const CapturedFrame &f) {
    const uint32_t bg = f.At (320, 300);
    return bg != 0 && (bg & 0xff) > 0x40 && f.At (320, 10) != bg;
  });
  ASSERT_TRUE (f);
}

TEST_F (ElementTest, ResizeEventReconfiguresTheClientAndTheCaps)
{
  Pipeline p ("");
  ASSERT_TRUE (p.Play ());
  auto first = p.Pull ();
  ASSERT_TRUE (first);
  EXPECT_EQ (first->width, 1280);
  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  EXPECT_EQ (w->configured_width, 1280);
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (200, 100, 1.0)));
  // Frames flow again once something is drawn; the repaint after a resize is one.
  auto f = p.PullUntil ([] (const CapturedFrame &f) { return f.width == 200; });
  ASSERT_TRUE (f);
  EXPECT_EQ (f->height, 100);
  for (int i = 0; i < 50 && w->configured_width != 200; i++)
    wl_display_dispatch (c.display ());
  EXPECT_EQ (w->configured_width, 200);
  EXPECT_EQ (w->configured_height, 100);
  EXPECT_EQ (c.output_width, 200);
}

// A browser's zoom changes the page's pixel ratio and not its size in device pixels: the same
// size at another scale gives the same caps, and the output must take the scale all the same.
TEST_F (ElementTest, TheSameSizeAtAnotherScaleRescalesTheOutput)
{
  Pipeline p ("");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (400, 300, 1.0)));
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return f.width == 400; }));
  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  for (int i = 0; i < 50 && c.output_scale != 1; i++)
    wl_display_dispatch (c.display ());
  ASSERT_EQ (c.output_scale, 1);
  EXPECT_EQ (w->configured_width, 400);

  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (400, 300, 2.0)));
  for (int i = 0; i < 50 && (c.output_scale != 2 || w->configured_width != 200); i++) {
    p.Pull (20 * GST_MSECOND);  // keeps the streaming thread going
    wl_display_roundtrip (c.display ());
  }
  EXPECT_EQ (c.output_scale, 2);
  EXPECT_EQ (w->configured_width, 200) << "the window is told the output's logical size";
  EXPECT_EQ (w->configured_height, 150);
}

// weston 10 nested in us keeps the size it started with; with size-from-first-viewer it starts
// only once the viewer has said its size, so its desktop fills that size (its panel reaches the
// right edge), and a later resize does not crop it.
TEST_F (ElementTest, SizeFromFirstViewerStartsANestedDesktopAtTheViewersSize)
{
  Pipeline p ("width=640 height=480 size-from-first-viewer=true command=\"weston "
              "--backend=wayland-backend.so --use-pixman --fullscreen "
              "--socket=webdesk-nested-size-test --idle-time=0\"");
  ASSERT_TRUE (p.Play ());
  // Nothing runs yet: what comes out is the empty (black) output.
  auto first = p.Pull ();
  ASSERT_TRUE (first);
  EXPECT_EQ (first->width, 640);
  for (int i = 0; i < 5; i++) {
    auto idle = p.Pull (200 * GST_MSECOND);
    EXPECT_FALSE (idle && NotBlack (*idle, 320, 300)) << "the desktop started before a size came";
  }

  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (480, 360, 1.0)));
  // weston's desktop at 480x360: its panel's clock (light text) at the right end of the top
  // (a desktop of another size, cropped or padded, has it elsewhere or not at all).
  auto clock_at_right = [] (const CapturedFrame &f) {
    for (int y = 4; y < 28; y++)
      for (int x = 340; x < 476; x++)
        if ((f.At (x, y) & 0xff) > 0xa0 && ((f.At (x, y) >> 8) & 0xff) > 0xa0)
          return true;
    return false;
  };
  auto f = p.PullUntil ([&] (const CapturedFrame &f) {
    return f.width == 480 && NotBlack (f, 240, 200) && clock_at_right (f);
  });
  ASSERT_TRUE (f) << "the nested desktop did not fill the viewer's size";
  EXPECT_EQ (f->height, 360);

  // A later resize keeps the size (weston would not follow it).
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (560, 400, 1.0)));
  for (int i = 0; i < 5; i++) {
    auto later = p.Pull (200 * GST_MSECOND);
    if (later) {
      EXPECT_EQ (later->width, 480);
    }
  }
  gint width = 0;
  GstPad *src_pad = gst_element_get_static_pad (p.src_, "src");
  GstCaps *caps = gst_pad_get_current_caps (src_pad);
  gst_object_unref (src_pad);
  ASSERT_TRUE (caps);
  gst_structure_get_int (gst_caps_get_structure (caps, 0), "width", &width);
  gst_caps_unref (caps);
  EXPECT_EQ (width, 480);
}

// A viewer that never says its size (view-only, or a page told not to resize) still gets the
// application: it starts at the size there is a little after the viewer came.
TEST_F (ElementTest, SizeFromFirstViewerStartsAnywayForAViewerThatSaysNoSize)
{
  Pipeline p ("width=320 height=240 size-from-first-viewer=true command=weston-simple-shm");
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.Pull ());
  auto drawn = [] (const CapturedFrame &f) { return NotBlack (f, 100, 100); };
  auto early = p.Pull (500 * GST_MSECOND);
  EXPECT_FALSE (early && drawn (*early)) << "nobody watches yet: nothing starts";
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_viewers (1)));
  auto f = p.PullUntil (drawn);
  ASSERT_TRUE (f) << "the application never started for a viewer without a size";
  EXPECT_EQ (f->width, 320);
  // The size is settled now: a late resize does not change it.
  ASSERT_TRUE (p.SendUpstream (gst_webdesk_event_new_resize (200, 100, 1.0)));
  for (int i = 0; i < 3; i++) {
    auto later = p.Pull (200 * GST_MSECOND);
    if (later) {
      EXPECT_EQ (later->width, 320);
    }
  }
}

TEST_F (ElementTest, ApplicationExitEndsTheStream)
{
  Pipeline p ("width=64 height=48 command=true");
  ASSERT_TRUE (p.Play ());
  // What was drawn goes out first (appsink holds EOS back until it is pulled), then EOS.
  while (p.Pull ()) {
  }
  EXPECT_TRUE (gst_app_sink_is_eos (GST_APP_SINK (p.sink_)));
  GstMessage *m = p.WaitForMessage (GstMessageType (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  ASSERT_TRUE (m);
  EXPECT_EQ (GST_MESSAGE_TYPE (m), GST_MESSAGE_EOS);
  gst_message_unref (m);
}

// What the command started (a session's panel, an application's helper) stops with it, not
// only the command itself.
TEST_F (ElementTest, WhatTheCommandStartedStopsWithIt)
{
  const std::string pid_file = runtime_dir_.path () + "/helper.pid";
  pid_t helper = 0;
  {
    Pipeline p ("width=64 height=48 command=\"sh -c 'sleep 1000 & echo $! > " + pid_file +
        "; exec sleep 1000'\"");
    ASSERT_TRUE (p.Play ());
    ASSERT_TRUE (p.Pull ());
    for (int i = 0; i < 100 && !helper; i++) {
      g_autofree gchar *text = nullptr;
      if (g_file_get_contents (pid_file.c_str (), &text, nullptr, nullptr))
        helper = pid_t (atoi (text));
      else
        g_usleep (50000);
    }
    ASSERT_GT (helper, 0);
    EXPECT_EQ (kill (helper, 0), 0) << "the helper runs while the element does";
  }  // the pipeline stops
  bool gone = false;
  for (int i = 0; i < 100 && !gone; i++) {
    // Gone, or a zombie of the test's own (init reaps it in the end).
    g_autofree gchar *stat = nullptr;
    const std::string path = "/proc/" + std::to_string (helper) + "/stat";
    gone = !g_file_get_contents (path.c_str (), &stat, nullptr, nullptr) ||
        strstr (stat, ") Z ") != nullptr;
    if (!gone)
      g_usleep (50000);
  }
  EXPECT_TRUE (gone) << "the command's helper " << helper << " outlived the element";
}

TEST_F (ElementTest, CrashedApplicationEndsTheStreamWithAnError)
{
  Pipeline p ("width=64 height=48 command=\"sh -c 'kill -SEGV $$'\"");
  ASSERT_TRUE (p.Play ());
  GstMessage *m = p.WaitForMessage (GstMessageType (GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
  ASSERT_TRUE (m);
  ASSERT_EQ (GST_MESSAGE_TYPE (m), GST_MESSAGE_ERROR);
  GError *error = nullptr;
  gst_message_parse_error (m, &error, nullptr);
  EXPECT_NE (std::string (error->message).find ("signal"), std::string::npos) << error->message;
  g_error_free (error);
  gst_message_unref (m);
}

TEST_F (ElementTest, MissingCommandIsAClearError)
{
  Pipeline p ("width=64 height=48 command=/nonexistent/webdesk-app");
  EXPECT_EQ (gst_element_set_state (p.pipeline_, GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);
  GstMessage *m = p.WaitForMessage (GST_MESSAGE_ERROR, GST_SECOND);
  ASSERT_TRUE (m);
  GError *error = nullptr;
  gst_message_parse_error (m, &error, nullptr);
  EXPECT_NE (std::string (error->message).find ("webdesk-app"), std::string::npos);
  g_error_free (error);
  gst_message_unref (m);
}
