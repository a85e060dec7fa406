// SPDX-License-Identifier: LGPL-2.1-or-later
#include "tile_diff.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace webdesk::paintover {

TileMask
TileDiff::Compare (const std::vector<PlaneView> &before, const std::vector<PlaneView> &after) const
{
  if (before.size () != after.size ())
    throw std::invalid_argument ("TileDiff: the pictures have different plane counts");
  TileMask changed (size_t (grid_.count ()), 0);
  const int tile = grid_.tile_size ();

  for (size_t p = 0; p < before.size (); p++) {
    const PlaneView &a = before[p], &b = after[p];
    const int xs = a.x_shift, ys = a.y_shift, bpp = a.bytes_per_pixel;
    const int plane_w = (grid_.width () + (1 << xs) - 1) >> xs;
    const int plane_h = (grid_.height () + (1 << ys) - 1) >> ys;
    const size_t row_bytes = size_t (plane_w) * bpp;

    for (int y = 0; y < plane_h; y++) {
      const uint8_t *ra = a.data + size_t (y) * a.stride;
      const uint8_t *rb = b.data + size_t (y) * b.stride;
      // Most rows of a desktop do not change at all: one memcmp settles them.
      if (std::memcmp (ra, rb, row_bytes) == 0)
        continue;
      const int ty = (y << ys) / tile;
      for (int tx = 0; tx < grid_.tiles_x (); tx++) {
        uint8_t &flag = changed[size_t (ty) * grid_.tiles_x () + tx];
        if (flag)
          continue;
        // The tile's columns in this plane (rounded outwards for subsampled planes).
        const int x0 = (tx * tile) >> xs;
        const int x1 = std::min (plane_w, (((tx + 1) * tile) + (1 << xs) - 1) >> xs);
        if (x0 >= x1)
          continue;
        if (std::memcmp (ra + size_t (x0) * bpp, rb + size_t (x0) * bpp,
                size_t (x1 - x0) * bpp) != 0)
          flag = 1;
      }
    }
  }
  return changed;
}

}  // namespace webdesk::paintover
