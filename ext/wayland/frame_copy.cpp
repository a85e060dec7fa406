#include "frame_copy.h"

namespace webdesk::wayland {

uint64_t
CopyRegion (pixman_image_t *picture, pixman_image_t *dst, const Region &region)
{
  Region copy = region;
  copy.IntersectRect (0, 0, pixman_image_get_width (picture), pixman_image_get_height (picture));
  copy.IntersectRect (0, 0, pixman_image_get_width (dst), pixman_image_get_height (dst));
  for (const auto &b : copy.Boxes ())
    pixman_image_composite32 (PIXMAN_OP_SRC, picture, nullptr, dst, b.x1, b.y1, 0, 0, b.x1, b.y1,
        b.x2 - b.x1, b.y2 - b.y1);
  return copy.Area ();
}

std::vector<pixman_box32_t>
LimitedBoxes (const Region &region, size_t max_rects)
{
  std::vector<pixman_box32_t> boxes = region.Boxes ();
  if (boxes.size () > max_rects)
    boxes.assign (1, region.Extents ());
  return boxes;
}

}  // namespace webdesk::wayland
