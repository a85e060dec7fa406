// SPDX-License-Identifier: LGPL-2.1-or-later
// The GStreamer side of paintoverscheduler's decisions: which tiles of a buffer changed (from
// its damage meta or by comparing pixels), the metas that carry a decision downstream, and the
// refinement buffer that re-sends a picture without copying it.
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

#include <vector>

#include "paintover_scheduler.h"
#include "tile_grid.h"

namespace webdesk::paintover {

// The tiles of `buf` that changed since `previous` (the last picture sent; nullptr for none):
// from buf's damage meta when it has one (*had_damage = true), else by comparing pixels, else
// (no previous picture) every tile. Returns false when a frame cannot be mapped.
bool ChangedTiles (const TileGrid &grid, const GstVideoInfo *info, GstBuffer *previous,
    GstBuffer *buf, TileMask *changed, bool *had_damage);

// Replaces buf's quality meta with the decision (frame quality, REFINE/FINAL, tile map).
void AttachQuality (GstBuffer *buf, const Decision &decision, const TileGrid &grid);

// Replaces buf's damage meta with these rectangles (none = "nothing changed").
void AttachDamage (GstBuffer *buf, const std::vector<Rect> &rects, GstClockTime capture_time);

// A new buffer showing the same picture as `picture`: its memory is shared (no pixel copy),
// its other metas (video meta with strides, ...) copied, its damage and quality metas left
// behind, and no timestamps.
GstBuffer *MakeRefinementBuffer (GstBuffer *picture);

}  // namespace webdesk::paintover
