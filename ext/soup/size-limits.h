// SPDX-License-Identifier: LGPL-2.1-or-later
// What size a viewer's `resize` may give the desktop: what the pipeline accepts. The width and
// height ranges come from upstream's caps (websocketframesink asks its peer; h264qualityenc
// says 16..8192); the area from H.264 itself: no level allows a picture of more than 139,264
// macroblocks (level 6.2, ITU-T H.264 table A-1), about 8192x4352, which also bounds the memory
// a huge request costs. A request outside is fitted, not refused: the desktop gets the nearest
// size that keeps the requested shape (docs/protocol.md, `resize`).
#pragma once

#include <climits>
#include <cstdint>

namespace webdesk {

// Level 6.2's MaxFS: the largest picture any H.264 decoder has to take, in 16x16 macroblocks.
constexpr int64_t kMaxH264Macroblocks = 139264;

struct SizeLimits {
  int min_width = 1, max_width = INT_MAX;
  int min_height = 1, max_height = INT_MAX;
  int64_t max_macroblocks = kMaxH264Macroblocks;
};

struct FittedSize {
  int width = 0, height = 0;
};

// The size within `limits` nearest to width x height with the same shape: scaled down (to even
// numbers) when it is too large in a dimension or in area, up when too small; a shape no scale
// can fit (1x16384) is clamped in each dimension. Sizes within the limits are left alone.
FittedSize FitSize (int width, int height, const SizeLimits &limits);

}  // namespace webdesk
