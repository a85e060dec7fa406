// Filling an output buffer from the composed picture: only the given region is copied, and
// the damage is described by a bounded number of rectangles.
#pragma once

#include <pixman.h>

#include <cstddef>
#include <vector>

#include "region.h"

namespace webdesk::wayland {

// Copies `region` of `picture` into `dst` (same size; any 32-bit pixman format: x8r8g8b8 for
// BGRx, a8r8g8b8 for BGRA, whose alpha becomes opaque). Returns the number of pixels copied.
uint64_t CopyRegion (pixman_image_t *picture, pixman_image_t *dst, const Region &region);

// The region's rectangles, or their bounding box when there are more than `max_rects`.
std::vector<pixman_box32_t> LimitedBoxes (const Region &region, size_t max_rects);

}  // namespace webdesk::wayland
