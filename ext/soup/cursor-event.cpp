// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cursor-event.h"

#include <gst/webdesk/webdesk.h>

#include "cursor-message.h"

namespace webdesk {

std::string
CursorJsonForEvent (GstEvent *event)
{
  GstWebdeskCursorType type;
  CursorFacts facts;
  g_autoptr (GBytes) pixels = nullptr;
  if (!gst_webdesk_event_parse_cursor (event, &type, &facts.width, &facts.height,
          &facts.hotspot_x, &facts.hotspot_y, &facts.scale, &pixels))
    return {};
  facts.kind = type == GST_WEBDESK_CURSOR_IMAGE ? CursorFacts::Kind::kImage
      : type == GST_WEBDESK_CURSOR_HIDDEN       ? CursorFacts::Kind::kHidden
                                                : CursorFacts::Kind::kDefault;
  if (pixels)
    facts.bgra_premultiplied = static_cast<const uint8_t *> (g_bytes_get_data (pixels, nullptr));
  return CursorJson (facts);
}

}  // namespace webdesk
