// SPDX-License-Identifier: LGPL-2.1-or-later
#include "window_policy.h"

#include <algorithm>
#include <cstdlib>

namespace webdesk::wayland {

bool
IsDialog (const WindowFacts &window)
{
  return window.has_parent || window.dialog_type || window.hints.Fixed ();
}

Placement
PlaceInApplicationMode (const WindowFacts &window, int output_width, int output_height)
{
  Placement p;
  if (window.wants_fullscreen) {
    p.fullscreen = true;
    p.box = Box{0, 0, output_width, output_height};
    return p;
  }
  if (!IsDialog (window)) {
    p.maximized = true;
    p.box = Box{0, 0, std::max (output_width, window.hints.min_width),
      std::max (output_height, window.hints.min_height)};
    return p;
  }
  // A dialog: its own size (unknown until it has drawn: then it chooses) but no larger than
  // the output unless its minimum is (a file chooser taller than the page would hide its
  // bottom row), centred over what it belongs to, and never off the top or left edge.
  const Box over = window.has_parent ? window.parent : Box{0, 0, output_width, output_height};
  const int width = std::min (window.width, std::max (output_width, window.hints.min_width));
  const int height = std::min (window.height, std::max (output_height, window.hints.min_height));
  int x = over.x + (over.width - width) / 2;
  int y = over.y + (over.height - height) / 2;
  x = std::max (0, std::min (x, output_width - width));
  y = std::max (0, std::min (y, output_height - height));
  p.box = Box{x, y, width, height};
  return p;
}

namespace {

constexpr int kCascadeStep = 32;
constexpr int kReachable = 64;  // of a title bar that stays on the usable area
constexpr int kMinimumTitle = 24;  // a client-side title bar is assumed at least this tall

}  // namespace

Box
KeepReachable (const Box &box, int title_height, const Box &usable)
{
  Box b = box;
  const int title = title_height > 0 ? title_height : kMinimumTitle;
  // Horizontally: at least kReachable pixels of it on the usable area.
  const int reach = std::min (kReachable, b.width);
  b.x = std::min (b.x, usable.x + usable.width - reach);
  b.x = std::max (b.x, usable.x + reach - b.width);
  // Vertically: the title bar neither above the usable area nor below its bottom.
  const int top = b.y - title_height;
  const int max_top = usable.y + usable.height - title;
  const int new_top = std::max (usable.y, std::min (top, max_top));
  b.y = new_top + title_height;
  return b;
}

Box
FitInside (const Box &box, int title_height, const Box &usable)
{
  Box b = box;
  b.x = std::max (usable.x, std::min (b.x, usable.x + usable.width - b.width));
  const int top = std::max (usable.y,
      std::min (b.y - title_height, usable.y + usable.height - b.height - title_height));
  b.y = top + title_height;
  return b;
}

Placement
PlaceInDesktopMode (const WindowFacts &window, int title_height, const Box &output,
    const Box &usable, const std::vector<Box> &others)
{
  Placement p;
  if (window.wants_fullscreen) {
    p.fullscreen = true;
    p.box = output;
    return p;
  }
  if (window.wants_maximized && !window.hints.Fixed ()) {
    p.maximized = true;
    p.box = Box{usable.x, usable.y + title_height, usable.width,
      std::max (1, usable.height - title_height)};
    return p;
  }
  // Its own size (0 before it has drawn: it chooses), within the usable area but never below
  // its minimum.
  int width = window.width, height = window.height;
  if (width > 0 && height > 0) {
    width = std::max (std::min (width, usable.width), window.hints.min_width);
    height = std::max (std::min (height, usable.height - title_height), window.hints.min_height);
  }
  if (IsDialog (window) && window.has_parent) {
    const Box &over = window.parent;
    p.box = Box{over.x + (over.width - width) / 2, over.y + (over.height - height) / 2, width,
      height};
    p.box = KeepReachable (p.box, title_height, usable);
    return p;
  }
  // Centred; one larger than the usable area (its minimum is) from the usable area's top left,
  // so that its start, where applications put their menus and first fields, is on the page.
  Box b{usable.x + std::max (0, (usable.width - width) / 2),
    usable.y + title_height + std::max (0, (usable.height - title_height - height) / 2), width,
    height};
  // Cascade: a window exactly where another one is goes down and right of it.
  for (int step = 0; step < 64; step++) {
    const bool taken = std::any_of (others.begin (), others.end (), [&] (const Box &o) {
      return std::abs (o.x - b.x) < kCascadeStep / 2 && std::abs (o.y - b.y) < kCascadeStep / 2;
    });
    if (!taken)
      break;
    b.x += kCascadeStep;
    b.y += kCascadeStep;
    if (b.x + b.width > usable.x + usable.width || b.y + b.height > usable.y + usable.height) {
      b.x = usable.x + kCascadeStep * (step % 4);
      b.y = usable.y + title_height + kCascadeStep * (step % 4);
    }
  }
  p.box = KeepReachable (b, title_height, usable);
  return p;
}

}  // namespace webdesk::wayland
