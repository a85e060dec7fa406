// SPDX-License-Identifier: LGPL-2.1-or-later
// The output's size in device pixels and its integer scale (a viewer's window at its
// devicePixelRatio).
#pragma once

namespace webdesk::wayland {

struct OutputSize {
  int width = 0;   // device pixels
  int height = 0;
  int scale = 1;   // integer wl_output scale; logical size = width / scale
  bool operator== (const OutputSize &o) const
  {
    return width == o.width && height == o.height && scale == o.scale;
  }
};

}  // namespace webdesk::wayland
