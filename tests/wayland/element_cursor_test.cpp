// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc's cursor with a real client: weston-eventdemo sets the theme's cursors as the
// pointer moves over it, and each image goes downstream as a webdesk-cursor event.
#include <gst/video/navigation.h>

#include <mutex>
#include <vector>

#include "element_fixture.h"

using webdesk::testing::CapturedFrame;
using webdesk::testing::ElementTest;
using webdesk::testing::NotBlack;
using webdesk::testing::Pipeline;

namespace {

struct SeenCursor {
  GstWebdeskCursorType type;
  int width, height, hotspot_x, hotspot_y;
  double scale;
  size_t bytes;
};

struct CursorLog {
  std::mutex mutex;
  std::vector<SeenCursor> seen;
  static GstPadProbeReturn Probe (GstPad *, GstPadProbeInfo *info, gpointer data)
  {
    auto *self = static_cast<CursorLog *> (data);
    SeenCursor c{};
    GBytes *pixels = nullptr;
    if (gst_webdesk_event_parse_cursor (GST_PAD_PROBE_INFO_EVENT (info), &c.type, &c.width,
            &c.height, &c.hotspot_x, &c.hotspot_y, &c.scale, &pixels)) {
      c.bytes = pixels ? g_bytes_get_size (pixels) : 0;
      if (pixels)
        g_bytes_unref (pixels);
      std::lock_guard<std::mutex> lock (self->mutex);
      self->seen.push_back (c);
    }
    return GST_PAD_PROBE_OK;
  }
  // Waits for an image cursor with this hotspot (the last one seen if none comes).
  bool WaitForImage (int hotspot_x, int hotspot_y, SeenCursor *out)
  {
    for (int i = 0; i < 200; i++) {  // up to 10 s
      {
        std::lock_guard<std::mutex> lock (mutex);
        for (const SeenCursor &c : seen)
          if (c.type == GST_WEBDESK_CURSOR_IMAGE) {
            *out = c;
            if (c.hotspot_x == hotspot_x && c.hotspot_y == hotspot_y)
              return true;
          }
      }
      g_usleep (50000);
    }
    return false;
  }
};

}  // namespace

TEST_F (ElementTest, ARealClientsCursorGoesDownstreamAsThePointerMovesOverIt)
{
  if (!g_file_test ("/usr/share/icons/Adwaita/cursors/left_ptr", G_FILE_TEST_EXISTS))
    GTEST_SKIP () << "the Adwaita cursor theme (adwaita-icon-theme) is not installed";
  // The theme and size are pinned so the images are known.
  // weston's toolkit keeps the size the demo starts at (500x400) as its minimum: the output
  // is larger, so that the whole window shows.
  Pipeline p ("width=640 height=480 command=\"env XCURSOR_THEME=Adwaita XCURSOR_SIZE=24 "
              "weston-eventdemo\"");
  CursorLog log;
  GstPad *pad = gst_element_get_static_pad (p.src_, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_DOWNSTREAM, &CursorLog::Probe, &log, nullptr);
  gst_object_unref (pad);
  ASSERT_TRUE (p.Play ());
  ASSERT_TRUE (p.PullUntil ([] (const CapturedFrame &f) { return NotBlack (f, 250, 200); }));

  // weston-eventdemo shows a hand over its red demo rectangle, (125, 100)-(375, 300) under its
  // title bar, and an arrow elsewhere. Adwaita at 24 pixels: hand1 has its hotspot at (11, 7),
  // left_ptr at (4, 4).
  ASSERT_TRUE (p.SendUpstream (
      gst_navigation_event_new_mouse_move (250, 200, GST_NAVIGATION_MODIFIER_NONE)));
  SeenCursor c{};
  EXPECT_TRUE (log.WaitForImage (11, 7, &c)) << "no hand cursor came downstream";
  EXPECT_EQ (c.width, 24);
  EXPECT_EQ (c.height, 24);
  EXPECT_DOUBLE_EQ (c.scale, 1.0);
  EXPECT_EQ (c.bytes, 24u * 24 * 4);

  ASSERT_TRUE (p.SendUpstream (
      gst_navigation_event_new_mouse_move (500, 400, GST_NAVIGATION_MODIFIER_NONE)));
  EXPECT_TRUE (log.WaitForImage (4, 4, &c)) << "no arrow cursor came downstream";
  EXPECT_EQ (c.width, 24);
  EXPECT_EQ (c.height, 24);
}
