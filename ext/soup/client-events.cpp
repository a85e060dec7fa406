// SPDX-License-Identifier: LGPL-2.1-or-later
// See client-events.h.
#include "client-events.h"

#include <gst/video/navigation.h>
#include <gst/webdesk/webdesk.h>

namespace webdesk {

GstEvent *
EventForClientMessage (const ClientMessage &m)
{
  const auto none = GST_NAVIGATION_MODIFIER_NONE;
  GstEvent *event = nullptr;
  switch (m.type) {
    case ClientMessageType::kPointerMove:
      return gst_navigation_event_new_mouse_move (m.x, m.y, none);
    case ClientMessageType::kPointerDown:
      return gst_navigation_event_new_mouse_button_press (m.button, m.x, m.y, none);
    case ClientMessageType::kPointerUp:
      return gst_navigation_event_new_mouse_button_release (m.button, m.x, m.y, none);
    case ClientMessageType::kWheel:
      return gst_navigation_event_new_mouse_scroll (m.x, m.y, m.dx, m.dy, none);
    case ClientMessageType::kKeyDown:
    case ClientMessageType::kKeyUp:
      event = m.type == ClientMessageType::kKeyDown
                  ? gst_navigation_event_new_key_press (m.key.c_str (), none)
                  : gst_navigation_event_new_key_release (m.key.c_str (), none);
      gst_webdesk_navigation_add_key_fields (event, m.code,
          m.text.empty () ? nullptr : m.text.c_str ());
      return event;
    case ClientMessageType::kResize:
      return gst_webdesk_event_new_resize (m.width, m.height, m.scale);
    case ClientMessageType::kClipboard:
      return gst_webdesk_event_new_clipboard_upstream (m.text.c_str ());
    case ClientMessageType::kText:
      return gst_webdesk_event_new_text (m.text.c_str ());
    case ClientMessageType::kPreedit:
      return gst_webdesk_event_new_preedit (m.text.c_str (), m.cursor);
    default:
      return nullptr;
  }
}

}  // namespace webdesk
