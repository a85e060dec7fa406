// SPDX-License-Identifier: LGPL-2.1-or-later
// The tile grid of a picture: how paintoverscheduler divides a frame into square tiles, and
// how damage rectangles map onto tiles and back. Plain C++, no GStreamer types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace webdesk::paintover {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

// One byte per tile, row-major: non-zero = set (changed, due, ...).
using TileMask = std::vector<uint8_t>;

class TileGrid {
 public:
  TileGrid () = default;
  // tile_size in pixels (> 0); the last column and row may be partial tiles.
  TileGrid (int width, int height, int tile_size);

  int width () const { return width_; }
  int height () const { return height_; }
  int tile_size () const { return tile_size_; }
  int tiles_x () const { return tiles_x_; }
  int tiles_y () const { return tiles_y_; }
  int count () const { return tiles_x_ * tiles_y_; }
  bool empty () const { return count () == 0; }

  // The pixels of tile `index`, clipped to the picture.
  Rect TileRect (int index) const;
  // Every tile that a rectangle touches (rectangles are clipped to the picture first).
  TileMask TilesCovering (const std::vector<Rect> &rects) const;
  // Rectangles (in pixels, clipped) that cover exactly the set tiles: runs of tiles in a row,
  // merged with identical runs of the rows below. When that gives more than max_rects,
  // the last ones are merged into their bounding box, so every set tile stays covered.
  std::vector<Rect> RectsOf (const TileMask &tiles, size_t max_rects) const;

 private:
  int width_ = 0, height_ = 0, tile_size_ = 0, tiles_x_ = 0, tiles_y_ = 0;
};

}  // namespace webdesk::paintover
