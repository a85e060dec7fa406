// SPDX-License-Identifier: LGPL-2.1-or-later
// xdg_positioner: where a popup goes, relative to its parent's window geometry.
#include "positioner.h"

#include "xdg-shell-server-protocol.h"

namespace webdesk::wayland {

void
Positioner::Place (int *x, int *y) const
{
  int ax = anchor_x + anchor_width / 2, ay = anchor_y + anchor_height / 2;
  switch (anchor) {
    case XDG_POSITIONER_ANCHOR_TOP: case XDG_POSITIONER_ANCHOR_TOP_LEFT:
    case XDG_POSITIONER_ANCHOR_TOP_RIGHT: ay = anchor_y; break;
    case XDG_POSITIONER_ANCHOR_BOTTOM: case XDG_POSITIONER_ANCHOR_BOTTOM_LEFT:
    case XDG_POSITIONER_ANCHOR_BOTTOM_RIGHT: ay = anchor_y + anchor_height; break;
    default: break;
  }
  switch (anchor) {
    case XDG_POSITIONER_ANCHOR_LEFT: case XDG_POSITIONER_ANCHOR_TOP_LEFT:
    case XDG_POSITIONER_ANCHOR_BOTTOM_LEFT: ax = anchor_x; break;
    case XDG_POSITIONER_ANCHOR_RIGHT: case XDG_POSITIONER_ANCHOR_TOP_RIGHT:
    case XDG_POSITIONER_ANCHOR_BOTTOM_RIGHT: ax = anchor_x + anchor_width; break;
    default: break;
  }
  int px = ax - width / 2, py = ay - height / 2;
  switch (gravity) {
    case XDG_POSITIONER_GRAVITY_TOP: case XDG_POSITIONER_GRAVITY_TOP_LEFT:
    case XDG_POSITIONER_GRAVITY_TOP_RIGHT: py = ay - height; break;
    case XDG_POSITIONER_GRAVITY_BOTTOM: case XDG_POSITIONER_GRAVITY_BOTTOM_LEFT:
    case XDG_POSITIONER_GRAVITY_BOTTOM_RIGHT: py = ay; break;
    default: break;
  }
  switch (gravity) {
    case XDG_POSITIONER_GRAVITY_LEFT: case XDG_POSITIONER_GRAVITY_TOP_LEFT:
    case XDG_POSITIONER_GRAVITY_BOTTOM_LEFT: px = ax - width; break;
    case XDG_POSITIONER_GRAVITY_RIGHT: case XDG_POSITIONER_GRAVITY_TOP_RIGHT:
    case XDG_POSITIONER_GRAVITY_BOTTOM_RIGHT: px = ax; break;
    default: break;
  }
  *x = px + offset_x;
  *y = py + offset_y;
}

namespace {

Positioner *
P (wl_resource *r)
{
  return PositionerFromResource (r);
}

void
Destroy (wl_client *, wl_resource *resource)
{
  wl_resource_destroy (resource);
}

void
PositionerSetSize (wl_client *, wl_resource *r, int32_t w, int32_t h)
{
  if (w <= 0 || h <= 0) {
    wl_resource_post_error (r, XDG_POSITIONER_ERROR_INVALID_INPUT, "size must be positive");
    return;
  }
  P (r)->width = w;
  P (r)->height = h;
}

void
PositionerSetAnchorRect (wl_client *, wl_resource *r, int32_t x, int32_t y, int32_t w, int32_t h)
{
  if (w < 0 || h < 0) {
    wl_resource_post_error (r, XDG_POSITIONER_ERROR_INVALID_INPUT, "negative anchor rectangle");
    return;
  }
  *P (r) = Positioner {P (r)->width, P (r)->height, x, y, w, h, P (r)->anchor, P (r)->gravity,
    P (r)->constraint_adjustment, P (r)->offset_x, P (r)->offset_y};
}

void
PositionerSetAnchor (wl_client *, wl_resource *r, uint32_t anchor)
{
  P (r)->anchor = anchor;
}

void
PositionerSetGravity (wl_client *, wl_resource *r, uint32_t gravity)
{
  P (r)->gravity = gravity;
}

void
PositionerSetConstraintAdjustment (wl_client *, wl_resource *r, uint32_t adjustment)
{
  P (r)->constraint_adjustment = adjustment;
}

void
PositionerSetOffset (wl_client *, wl_resource *r, int32_t x, int32_t y)
{
  P (r)->offset_x = x;
  P (r)->offset_y = y;
}

void
PositionerSetReactive (wl_client *, wl_resource *)
{
}

void
PositionerSetParentSize (wl_client *, wl_resource *, int32_t, int32_t)
{
}

void
PositionerSetParentConfigure (wl_client *, wl_resource *, uint32_t)
{
}

const struct xdg_positioner_interface kPositionerImpl = {Destroy, PositionerSetSize,
  PositionerSetAnchorRect, PositionerSetAnchor, PositionerSetGravity,
  PositionerSetConstraintAdjustment, PositionerSetOffset, PositionerSetReactive,
  PositionerSetParentSize, PositionerSetParentConfigure};

}  // namespace

Positioner *
PositionerFromResource (wl_resource *resource)
{
  return static_cast<Positioner *> (wl_resource_get_user_data (resource));
}

bool
CreatePositioner (wl_client *client, int version, uint32_t id)
{
  wl_resource *r = wl_resource_create (client, &xdg_positioner_interface, version, id);
  if (!r)
    return false;
  wl_resource_set_implementation (r, &kPositionerImpl, new Positioner,
      [] (wl_resource *res) { delete PositionerFromResource (res); });
  return true;
}

}  // namespace webdesk::wayland
