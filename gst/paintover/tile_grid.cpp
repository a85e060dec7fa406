// SPDX-License-Identifier: LGPL-2.1-or-later
#include "tile_grid.h"

#include <algorithm>
#include <stdexcept>

namespace webdesk::paintover {

TileGrid::TileGrid (int width, int height, int tile_size)
    : width_ (width), height_ (height), tile_size_ (tile_size)
{
  if (width <= 0 || height <= 0 || tile_size <= 0)
    throw std::invalid_argument ("TileGrid: width, height and tile size must be positive");
  tiles_x_ = (width + tile_size - 1) / tile_size;
  tiles_y_ = (height + tile_size - 1) / tile_size;
}

Rect
TileGrid::TileRect (int index) const
{
  const int tx = index % tiles_x_, ty = index / tiles_x_;
  Rect r;
  r.x = tx * tile_size_;
  r.y = ty * tile_size_;
  r.w = std::min (tile_size_, width_ - r.x);
  r.h = std::min (tile_size_, height_ - r.y);
  return r;
}

TileMask
TileGrid::TilesCovering (const std::vector<Rect> &rects) const
{
  TileMask mask (size_t (count ()), 0);
  for (const Rect &r : rects) {
    const int x0 = std::max (r.x, 0), y0 = std::max (r.y, 0);
    const int x1 = std::min (r.x + r.w, width_), y1 = std::min (r.y + r.h, height_);
    if (x0 >= x1 || y0 >= y1)
      continue;
    for (int ty = y0 / tile_size_; ty <= (y1 - 1) / tile_size_; ty++)
      for (int tx = x0 / tile_size_; tx <= (x1 - 1) / tile_size_; tx++)
        mask[size_t (ty) * tiles_x_ + tx] = 1;
  }
  return mask;
}

std::vector<Rect>
TileGrid::RectsOf (const TileMask &tiles, size_t max_rects) const
{
  // Runs of set tiles per row, in tile units; a run that continues one of the previous row
  // (same start and end) grows that rectangle downwards instead of starting a new one.
  struct Run {
    int x0, x1, y0, y1;  // tiles, half-open
  };
  std::vector<Run> done, open;
  for (int ty = 0; ty < tiles_y_; ty++) {
    std::vector<Run> row;
    for (int tx = 0; tx < tiles_x_;) {
      if (!tiles[size_t (ty) * tiles_x_ + tx]) {
        tx++;
        continue;
      }
      int end = tx;
      while (end < tiles_x_ && tiles[size_t (ty) * tiles_x_ + end])
        end++;
      row.push_back (Run {tx, end, ty, ty + 1});
      tx = end;
    }
    std::vector<Run> next;
    for (Run &run : row) {
      auto it = std::find_if (open.begin (), open.end (),
          [&] (const Run &o) { return o.x0 == run.x0 && o.x1 == run.x1; });
      if (it != open.end ()) {
        run.y0 = it->y0;
        open.erase (it);
      }
      next.push_back (run);
    }
    done.insert (done.end (), open.begin (), open.end ());
    open = std::move (next);
  }
  done.insert (done.end (), open.begin (), open.end ());

  std::vector<Rect> rects;
  for (const Run &run : done) {
    Rect r;
    r.x = run.x0 * tile_size_;
    r.y = run.y0 * tile_size_;
    r.w = std::min (run.x1 * tile_size_, width_) - r.x;
    r.h = std::min (run.y1 * tile_size_, height_) - r.y;
    rects.push_back (r);
  }
  if (max_rects > 0 && rects.size () > max_rects) {
    Rect box = rects[max_rects - 1];
    for (size_t i = max_rects; i < rects.size (); i++) {
      const Rect &r = rects[i];
      const int x1 = std::max (box.x + box.w, r.x + r.w), y1 = std::max (box.y + box.h, r.y + r.h);
      box.x = std::min (box.x, r.x);
      box.y = std::min (box.y, r.y);
      box.w = x1 - box.x;
      box.h = y1 - box.y;
    }
    rects.resize (max_rects);
    rects.back () = box;
  }
  return rects;
}

}  // namespace webdesk::paintover
