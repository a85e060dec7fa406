// SPDX-License-Identifier: LGPL-2.1-or-later
// See size-limits.h.
#include "size-limits.h"

#include <algorithm>
#include <cmath>

namespace webdesk {

namespace {

int64_t
Macroblocks (int64_t width, int64_t height)
{
  return ((width + 15) / 16) * ((height + 15) / 16);
}

bool
Fits (int64_t width, int64_t height, const SizeLimits &l)
{
  return width >= l.min_width && width <= l.max_width && height >= l.min_height &&
         height <= l.max_height && Macroblocks (width, height) <= l.max_macroblocks;
}

// Scaled sizes are even: 4:2:0 video needs that, and a viewer asks for even sizes.
int64_t
ScaledEven (int64_t v, double factor)
{
  return std::max<int64_t> (2, int64_t (std::floor (double (v) * factor)) & ~int64_t (1));
}

}  // namespace

FittedSize
FitSize (int width, int height, const SizeLimits &l)
{
  int64_t w = std::max (width, 1), h = std::max (height, 1);
  if (Fits (w, h, l))
    return {int (w), int (h)};
  // Too large: the largest factor that brings both dimensions and the area within the limits.
  double down = std::min ({1.0, double (l.max_width) / double (w), double (l.max_height) / double (h),
      std::sqrt (double (l.max_macroblocks) * 256.0 / (double (w) * double (h)))});
  if (down < 1.0) {
    w = ScaledEven (w, down);
    h = ScaledEven (h, down);
    // Macroblocks round up, so the area can still be over by a row or column.
    while (Macroblocks (w, h) > l.max_macroblocks && w > 2 && h > 2) {
      if (w >= h)
        w -= 2;
      else
        h -= 2;
    }
  }
  // Too small: scaled up as far as needed, if that stays within the maximum.
  const double up = std::max ({1.0, double (l.min_width) / double (w), double (l.min_height) / double (h)});
  if (up > 1.0) {
    const auto even_up = [up] (int64_t v) { return (int64_t (std::ceil (double (v) * up)) + 1) & ~int64_t (1); };
    const int64_t uw = even_up (w), uh = even_up (h);
    if (Fits (uw, uh, l)) {
      w = uw;
      h = uh;
    }
  }
  // A shape no scale fits: each dimension on its own.
  w = std::clamp<int64_t> (w, l.min_width, l.max_width);
  h = std::clamp<int64_t> (h, l.min_height, l.max_height);
  while (Macroblocks (w, h) > l.max_macroblocks && (w > l.min_width || h > l.min_height)) {
    if (w >= h && w > l.min_width)
      w = std::max<int64_t> (l.min_width, w - 16);
    else
      h = std::max<int64_t> (l.min_height, h - 16);
  }
  return {int (w), int (h)};
}

}  // namespace webdesk
