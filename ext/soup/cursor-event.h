// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink's side of the `webdesk-cursor` event (docs/events.md): the `cursor` message
// for the viewers.
#pragma once

#include <gst/gst.h>

#include <string>

namespace webdesk {

// The `cursor` JSON message for a webdesk-cursor event; empty for any other event.
std::string CursorJsonForEvent (GstEvent *event);

}  // namespace webdesk
