// SPDX-License-Identifier: LGPL-2.1-or-later
// Which tiles of a picture changed since the previous one, by comparing pixels. Used by
// paintoverscheduler for sources that do not say what they damaged (videotestsrc, pipewiresrc,
// ximagesrc). Plain C++, no GStreamer types.
#pragma once

#include <cstdint>
#include <vector>

#include "tile_grid.h"

namespace webdesk::paintover {

// One plane of a picture in memory. Subsampled planes (the chroma of I420, NV12) give the
// log2 of their subsampling, so a tile maps onto the matching part of the plane.
struct PlaneView {
  const uint8_t *data = nullptr;
  int stride = 0;           // bytes from one row to the next
  int bytes_per_pixel = 1;  // bytes per (subsampled) pixel in this plane: 4 for BGRx, 2 for NV12 UV
  int x_shift = 0;          // plane width = ceil (width / 2^x_shift)
  int y_shift = 0;
};

class TileDiff {
 public:
  explicit TileDiff (TileGrid grid) : grid_ (grid) {}

  const TileGrid &grid () const { return grid_; }

  // One entry per tile of the grid: 1 where any byte of the tile differs between the two
  // pictures (same layout, one PlaneView per plane), 0 where it is identical.
  TileMask Compare (const std::vector<PlaneView> &before,
      const std::vector<PlaneView> &after) const;

 private:
  TileGrid grid_;
};

}  // namespace webdesk::paintover
