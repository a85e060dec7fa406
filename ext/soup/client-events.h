// SPDX-License-Identifier: LGPL-2.1-or-later
// What a viewer's input and requests become in the pipeline: upstream GstNavigation events
// (buffer pixel coordinates; key events carry webdesk's evdev "code" and "text" fields) and
// webdesk's custom resize / clipboard / text events (docs/events.md).
#pragma once

#include <gst/gst.h>

#include "control-message.h"

namespace webdesk {

// A new upstream event for the message, or nullptr for messages that are not events (hello,
// ack, ping, stats, keyframe requests).
GstEvent *EventForClientMessage (const ClientMessage &message);

}  // namespace webdesk
