// SPDX-License-Identifier: LGPL-2.1-or-later
#include "layer_policy.h"

#include <cstddef>

namespace webdesk::wayland {

namespace {

// One axis: the position and size of a surface anchored at `low` and / or `high` within
// [start, start + length).
void
Place (bool low, bool high, int desired, int margin_low, int margin_high, int start, int length,
    int *pos, int *size)
{
  *size = desired;
  if (desired == 0 && low && high)
    *size = length - margin_low - margin_high;
  if (*size < 0)
    *size = 0;
  if (low && !high)
    *pos = start + margin_low;
  else if (high && !low)
    *pos = start + length - *size - margin_high;
  else
    *pos = start + (length - *size) / 2;
}

Box
Arrange (const LayerRequest &r, const Box &bounds)
{
  Box b;
  Place (r.anchor & kAnchorLeft, r.anchor & kAnchorRight, r.desired_width, r.margin_left,
      r.margin_right, bounds.x, bounds.width, &b.x, &b.width);
  Place (r.anchor & kAnchorTop, r.anchor & kAnchorBottom, r.desired_height, r.margin_top,
      r.margin_bottom, bounds.y, bounds.height, &b.y, &b.height);
  return b;
}

// The edge an exclusive zone applies to: anchored to it alone, or to it and both edges across.
void
Reserve (const LayerRequest &r, Box *usable)
{
  if (r.exclusive_zone <= 0)
    return;
  const uint32_t a = r.anchor;
  const bool horizontal = (a & kAnchorLeft) && (a & kAnchorRight);
  const bool vertical = (a & kAnchorTop) && (a & kAnchorBottom);
  const int zone = r.exclusive_zone;
  if ((a & kAnchorTop) && !(a & kAnchorBottom) && (horizontal || !(a & (kAnchorLeft | kAnchorRight)))) {
    usable->y += zone + r.margin_top;
    usable->height -= zone + r.margin_top;
  } else if ((a & kAnchorBottom) && !(a & kAnchorTop) &&
      (horizontal || !(a & (kAnchorLeft | kAnchorRight)))) {
    usable->height -= zone + r.margin_bottom;
  } else if ((a & kAnchorLeft) && !(a & kAnchorRight) &&
      (vertical || !(a & (kAnchorTop | kAnchorBottom)))) {
    usable->x += zone + r.margin_left;
    usable->width -= zone + r.margin_left;
  } else if ((a & kAnchorRight) && !(a & kAnchorLeft) &&
      (vertical || !(a & (kAnchorTop | kAnchorBottom)))) {
    usable->width -= zone + r.margin_right;
  }
  if (usable->width < 0)
    usable->width = 0;
  if (usable->height < 0)
    usable->height = 0;
}

}  // namespace

void
ArrangeLayer (const std::vector<LayerRequest> &requests, const Box &output, Box *usable,
    std::vector<Box> *boxes)
{
  boxes->assign (requests.size (), Box{});
  for (bool exclusive : {true, false})
    for (std::size_t i = 0; i < requests.size (); i++) {
      const LayerRequest &r = requests[i];
      if ((r.exclusive_zone > 0) != exclusive)
        continue;
      (*boxes)[i] = Arrange (r, r.exclusive_zone == -1 ? output : *usable);
      Reserve (r, usable);
    }
}

}  // namespace webdesk::wayland
