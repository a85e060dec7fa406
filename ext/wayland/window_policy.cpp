// SPDX-License-Identifier: LGPL-2.1-or-later
#include "window_policy.h"

#include <algorithm>

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

}  // namespace webdesk::wayland
