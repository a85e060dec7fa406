// SPDX-License-Identifier: LGPL-2.1-or-later
// Where layer-shell surfaces (a panel, a wallpaper, a launcher) go on the output, free of
// Wayland: the arrangement the wlr-layer-shell protocol describes, in logical pixels.
//
// A surface is anchored to some edges; anchored to two opposite edges with a desired size of 0
// it stretches between them (minus its margins), otherwise it has its desired size and is
// centred on the axis it is not anchored on. A positive exclusive zone reserves that much of the
// output along the one edge it is anchored to (a panel): windows are placed in what is left
// (the usable area), and surfaces arranged later stay out of it. An exclusive zone of -1 ignores
// the others' zones (a wallpaper covers the whole output).
#pragma once

#include <cstdint>
#include <vector>

#include "window_policy.h"

namespace webdesk::wayland {

enum LayerAnchor : uint32_t {
  kAnchorTop = 1,
  kAnchorBottom = 2,
  kAnchorLeft = 4,
  kAnchorRight = 8,
};

struct LayerRequest {
  uint32_t anchor = 0;  // LayerAnchor bits
  int32_t exclusive_zone = 0;
  int margin_top = 0, margin_right = 0, margin_bottom = 0, margin_left = 0;
  int desired_width = 0, desired_height = 0;
};

// Arranges `requests` (one layer's surfaces, in the order they came) on an output of `output`:
// writes each one's box into `boxes` and shrinks `usable` by the exclusive zones. Surfaces
// with an exclusive zone are arranged first, as the protocol expects.
void ArrangeLayer (const std::vector<LayerRequest> &requests, const Box &output, Box *usable,
    std::vector<Box> *boxes);

}  // namespace webdesk::wayland
