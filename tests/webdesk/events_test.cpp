// SPDX-License-Identifier: LGPL-2.1-or-later
// The custom events: what a sink sends upstream, a source can read back.
#include <gst/video/navigation.h>
#include <gst/webdesk/webdesk.h>
#include <gtest/gtest.h>

#include <cmath>

TEST (Events, ResizeRoundTrips)
{
  GstEvent *ev = gst_webdesk_event_new_resize (2560, 1440, 2.0);
  EXPECT_EQ (GST_EVENT_TYPE (ev), GST_EVENT_CUSTOM_UPSTREAM);
  gint w = 0, h = 0;
  gdouble scale = 0;
  ASSERT_TRUE (gst_webdesk_event_parse_resize (ev, &w, &h, &scale));
  EXPECT_EQ (w, 2560);
  EXPECT_EQ (h, 1440);
  EXPECT_DOUBLE_EQ (scale, 2.0);
  gst_event_unref (ev);
}

TEST (Events, ResizeWithNonsenseSizeIsNotAResize)
{
  GstEvent *ev = gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
      gst_structure_new (GST_WEBDESK_RESIZE_EVENT_NAME, "width", G_TYPE_INT, -5, "height",
          G_TYPE_INT, 10, nullptr));
  EXPECT_FALSE (gst_webdesk_event_parse_resize (ev, nullptr, nullptr, nullptr));
  gst_event_unref (ev);
}

TEST (Events, ClipboardGoesUpstreamSerializedAndDownstreamOutOfBand)
{
  GstEvent *up = gst_webdesk_event_new_clipboard_upstream ("from the browser");
  GstEvent *down = gst_webdesk_event_new_clipboard_downstream ("from the app");
  EXPECT_EQ (GST_EVENT_TYPE (up), GST_EVENT_CUSTOM_UPSTREAM);
  // Out of band, so an encoder does not hold it until the next frame of a still screen.
  EXPECT_FALSE (GST_EVENT_IS_SERIALIZED (down));
  g_autofree gchar *a = gst_webdesk_event_parse_clipboard (up);
  g_autofree gchar *b = gst_webdesk_event_parse_clipboard (down);
  EXPECT_STREQ (a, "from the browser");
  EXPECT_STREQ (b, "from the app");
  gst_event_unref (up);
  gst_event_unref (down);
}

TEST (Events, TextIsNotClipboard)
{
  GstEvent *ev = gst_webdesk_event_new_text ("é");
  g_autofree gchar *clip = gst_webdesk_event_parse_clipboard (ev);
  g_autofree gchar *text = gst_webdesk_event_parse_text (ev);
  EXPECT_EQ (clip, nullptr);
  EXPECT_STREQ (text, "é");
  gst_event_unref (ev);
}

TEST (Events, PreeditCarriesTheCompositionAndItsCursorAndIsNotText)
{
  GstEvent *ev = gst_webdesk_event_new_preedit ("にほん", 2);
  gint cursor = 0;
  g_autofree gchar *preedit = gst_webdesk_event_parse_preedit (ev, &cursor);
  g_autofree gchar *text = gst_webdesk_event_parse_text (ev);
  EXPECT_STREQ (preedit, "にほん");
  EXPECT_EQ (cursor, 2);
  EXPECT_EQ (text, nullptr);
  gst_event_unref (ev);
  GstEvent *typed = gst_webdesk_event_new_text ("x");
  g_autofree gchar *not_preedit = gst_webdesk_event_parse_preedit (typed, &cursor);
  EXPECT_EQ (not_preedit, nullptr);
  gst_event_unref (typed);
}

TEST (Events, NavigationKeysCarryEvdevCodeAndTextNextToTheStandardKey)
{
  GstEvent *ev = gst_navigation_event_new_key_press ("a", GST_NAVIGATION_MODIFIER_SHIFT_MASK);
  gst_webdesk_navigation_add_key_fields (ev, 30 /* KEY_A */, "A");
  const gchar *key = nullptr;
  ASSERT_TRUE (gst_navigation_event_parse_key_event (ev, &key));
  EXPECT_STREQ (key, "a");
  guint code = 0;
  const gchar *text = nullptr;
  ASSERT_TRUE (gst_webdesk_navigation_parse_key_fields (ev, &code, &text));
  EXPECT_EQ (code, 30u);
  EXPECT_STREQ (text, "A");
  gst_event_unref (ev);
}

TEST (Events, PaceSaysWhetherTheViewersAreBehindAndIsNotAViewerCount)
{
  for (gboolean behind : {gboolean (TRUE), gboolean (FALSE)}) {
    GstEvent *ev = gst_webdesk_event_new_pace (behind);
    EXPECT_EQ (GST_EVENT_TYPE (ev), GST_EVENT_CUSTOM_UPSTREAM);
    gboolean parsed = !behind;
    ASSERT_TRUE (gst_webdesk_event_parse_pace (ev, &parsed));
    EXPECT_EQ (parsed, behind);
    guint count;
    EXPECT_FALSE (gst_webdesk_event_parse_viewers (ev, &count));
    gst_event_unref (ev);
  }
  GstEvent *viewers = gst_webdesk_event_new_viewers (0);
  gboolean behind;
  EXPECT_FALSE (gst_webdesk_event_parse_pace (viewers, &behind));
  gst_event_unref (viewers);
}

TEST (Events, ACursorWhoseScaleIsNotANumberIsNotACursor)
{
  // Found by tests/fuzz (fuzz-frame-messages): NaN passed the check, and every viewer got a
  // cursor message that was not JSON ("scale":nan).
  static const guint8 pixels[4] = {0, 0, 0, 255};
  g_autoptr (GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  for (double scale : {std::nan (""), double (INFINITY), -1.0, 0.0}) {
    // As any element may send it (the constructor refuses what it can see is wrong).
    GstEvent *ev = gst_event_new_custom (GST_EVENT_CUSTOM_DOWNSTREAM_OOB,
        gst_structure_new (GST_WEBDESK_CURSOR_EVENT_NAME, "hidden", G_TYPE_BOOLEAN, FALSE,
            "width", G_TYPE_INT, 1, "height", G_TYPE_INT, 1, "scale", G_TYPE_DOUBLE, scale,
            "pixels", G_TYPE_BYTES, bytes, nullptr));
    EXPECT_FALSE (gst_webdesk_event_parse_cursor (ev, nullptr, nullptr, nullptr, nullptr,
        nullptr, nullptr, nullptr)) << scale;
    gst_event_unref (ev);
  }
}
