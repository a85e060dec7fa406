// SPDX-License-Identifier: LGPL-2.1-or-later
// GstNavigation events, as viewers send them upstream, turned into seat input.
#pragma once

#include <gst/gst.h>

#include "compositor.h"

namespace webdesk::wayland {

// Pointer motion, buttons (1 left, 2 middle, 3 right), scroll (delta_y > 0 scrolls down, in
// wheel steps) and keys (webdesk's evdev "code" field, else the "key" name looked up in the
// keymap), touch (down / motion / up / frame / cancel). Coordinates are output pixels. Returns
// false for what it does not handle.
bool ForwardNavigation (Compositor &compositor, GstEvent *event);

// A viewer's text: webdesk-text is typed, webdesk-preedit shows an input method's composition,
// an upstream webdesk-clipboard becomes the desktop's clipboard. Returns false for other events (a downstream webdesk-clipboard included: it is the
// desktop's own, on its way out).
bool ForwardViewerText (Compositor &compositor, GstEvent *event);

}  // namespace webdesk::wayland
