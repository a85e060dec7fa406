// SPDX-License-Identifier: LGPL-2.1-or-later
// The cursor as webdesk's `webdesk-cursor` downstream event (gst/webdesk/webdesk-events.h).
#pragma once

#include <gst/gst.h>

#include "cursor.h"

namespace webdesk::wayland {

GstEvent *CursorEvent (const CursorImage &image);

}  // namespace webdesk::wayland
