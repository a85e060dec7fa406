// SPDX-License-Identifier: LGPL-2.1-or-later
// The damage meta's rectangles: the damaged region described by a bounded number of them.
#pragma once

#include <pixman.h>

#include <cstddef>
#include <vector>

#include "region.h"

namespace webdesk::wayland {

// The region's rectangles, or their bounding box when there are more than `max_rects`.
std::vector<pixman_box32_t> LimitedBoxes (const Region &region, size_t max_rects);

}  // namespace webdesk::wayland
