// SPDX-License-Identifier: LGPL-2.1-or-later
#include "frame_copy.h"

namespace webdesk::wayland {

std::vector<pixman_box32_t>
LimitedBoxes (const Region &region, size_t max_rects)
{
  std::vector<pixman_box32_t> boxes = region.Boxes ();
  if (boxes.size () > max_rects)
    boxes.assign (1, region.Extents ());
  return boxes;
}

}  // namespace webdesk::wayland
