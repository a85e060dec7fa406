// SPDX-License-Identifier: LGPL-2.1-or-later
// xdg_positioner: the rules that place a popup (anchor rectangle, anchor, gravity, offset).
#pragma once

#include <wayland-server-core.h>

#include <cstdint>

namespace webdesk::wayland {

struct Positioner {
  int width = 0, height = 0;
  int anchor_x = 0, anchor_y = 0, anchor_width = 0, anchor_height = 0;
  uint32_t anchor = 0, gravity = 0, constraint_adjustment = 0;
  int offset_x = 0, offset_y = 0;
  // Popup position relative to the parent's window geometry: anchor point, gravity, offset.
  void Place (int *x, int *y) const;
};

Positioner *PositionerFromResource (wl_resource *resource);
// Creates an xdg_positioner resource; false when out of memory.
bool CreatePositioner (wl_client *client, int version, uint32_t id);

}  // namespace webdesk::wayland
