// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cursor_event.h"

#include <gst/webdesk/webdesk.h>

namespace webdesk::wayland {

GstEvent *
CursorEvent (const CursorImage &image)
{
  switch (image.type) {
    case CursorImage::Type::kHidden:
      return gst_webdesk_event_new_cursor_hidden ();
    case CursorImage::Type::kImage: {
      g_autoptr (GBytes) pixels = g_bytes_new (image.pixels.data (), image.pixels.size ());
      return gst_webdesk_event_new_cursor_image (image.width, image.height, image.hotspot_x,
          image.hotspot_y, image.scale, pixels);
    }
    case CursorImage::Type::kDefault:
    default:
      return gst_webdesk_event_new_cursor_default ();
  }
}

}  // namespace webdesk::wayland
