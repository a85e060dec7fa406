// SPDX-License-Identifier: LGPL-2.1-or-later
#include "navigation.h"

#include <gst/video/navigation.h>
#include <gst/webdesk/webdesk.h>

namespace webdesk::wayland {

bool
ForwardNavigation (Compositor &c, GstEvent *event)
{
  gdouble x, y, dx, dy;
  gint button;
  const GstNavigationEventType type = gst_navigation_event_get_type (event);
  switch (type) {
    case GST_NAVIGATION_EVENT_MOUSE_MOVE:
      if (!gst_navigation_event_parse_mouse_move_event (event, &x, &y))
        return false;
      c.PointerMotion (x, y);
      return true;
    case GST_NAVIGATION_EVENT_MOUSE_BUTTON_PRESS:
    case GST_NAVIGATION_EVENT_MOUSE_BUTTON_RELEASE:
      if (!gst_navigation_event_parse_mouse_button_event (event, &button, &x, &y))
        return false;
      c.PointerMotion (x, y);
      c.PointerButton (button, type == GST_NAVIGATION_EVENT_MOUSE_BUTTON_PRESS);
      return true;
    case GST_NAVIGATION_EVENT_MOUSE_SCROLL:
      if (!gst_navigation_event_parse_mouse_scroll_event (event, &x, &y, &dx, &dy))
        return false;
      c.PointerMotion (x, y);
      c.PointerScroll (dx, dy);
      return true;
    case GST_NAVIGATION_EVENT_KEY_PRESS:
    case GST_NAVIGATION_EVENT_KEY_RELEASE: {
      const gchar *key = nullptr;
      guint code = 0;
      const gchar *text = nullptr;
      gst_navigation_event_parse_key_event (event, &key);
      gst_webdesk_navigation_parse_key_fields (event, &code, &text);
      c.Key (code, key ? key : "", type == GST_NAVIGATION_EVENT_KEY_PRESS, text ? text : "");
      return true;
    }
    case GST_NAVIGATION_EVENT_TOUCH_DOWN:
    case GST_NAVIGATION_EVENT_TOUCH_MOTION: {
      guint id;
      gdouble pressure;
      if (!gst_navigation_event_parse_touch_event (event, &id, &x, &y, &pressure))
        return false;
      if (type == GST_NAVIGATION_EVENT_TOUCH_DOWN)
        c.TouchDown (int32_t (id), x, y);
      else
        c.TouchMotion (int32_t (id), x, y);
      return true;
    }
    case GST_NAVIGATION_EVENT_TOUCH_UP: {
      guint id;
      if (!gst_navigation_event_parse_touch_up_event (event, &id, &x, &y))
        return false;
      c.TouchUp (int32_t (id));
      return true;
    }
    case GST_NAVIGATION_EVENT_TOUCH_FRAME:
      c.TouchFrame ();
      return true;
    case GST_NAVIGATION_EVENT_TOUCH_CANCEL:
      c.TouchCancel ();
      return true;
    default:
      return false;
  }
}

bool
ForwardViewerText (Compositor &c, GstEvent *event)
{
  if (GST_EVENT_TYPE (event) != GST_EVENT_CUSTOM_UPSTREAM)
    return false;
  if (gchar *text = gst_webdesk_event_parse_text (event)) {
    c.TypeText (text);
    g_free (text);
    return true;
  }
  gint cursor = -1;
  if (gchar *text = gst_webdesk_event_parse_preedit (event, &cursor)) {
    // Characters to a byte offset, as text-input wants it.
    const glong length = g_utf8_strlen (text, -1);
    const int bytes = cursor < 0 ? -1
        : int (g_utf8_offset_to_pointer (text, MIN (glong (cursor), length)) - text);
    c.Preedit (text, bytes);
    g_free (text);
    return true;
  }
  if (gchar *text = gst_webdesk_event_parse_clipboard (event)) {
    c.SetClipboardText (text);
    g_free (text);
    return true;
  }
  return false;
}

}  // namespace webdesk::wayland
