// SPDX-License-Identifier: LGPL-2.1-or-later
// How a client's buffer maps onto its surface and the output: buffer transform and scale
// (wl_surface), crop and scale (wp_viewport), the output's scale. Pure math, no Wayland.
#pragma once

#include <pixman.h>

#include "region.h"

namespace webdesk::wayland {

struct BufferGeometry {
  int buffer_width = 0;   // the wl_buffer's size in pixels
  int buffer_height = 0;
  int transform = 0;      // enum wl_output_transform
  int scale = 1;          // wl_surface.set_buffer_scale
  // wp_viewport source rectangle in buffer-logical coordinates (after transform and scale);
  // width < 0 means unset (the whole buffer).
  double src_x = 0, src_y = 0, src_width = -1, src_height = -1;
  // wp_viewport destination size; -1 means unset (the source size).
  int dst_width = -1, dst_height = -1;

  // The surface size in surface-local (logical) coordinates.
  int SurfaceWidth () const;
  int SurfaceHeight () const;
  // True when some surface pixel does not map 1:1 onto a buffer pixel at output scale 1.
  bool IsScaled () const;
  // Whether output pixels (at `output_scale` output pixels per surface unit) map 1:1 onto
  // buffer pixels (a rotation or flip at most): then no filtering is needed.
  bool IsPixelExact (int output_scale) const;
  // The map from surface-local coordinates to buffer pixel coordinates.
  pixman_f_transform SurfaceToBuffer () const;
  // Buffer-pixel damage rectangles as the surface-local rectangles that cover them.
  Region BufferDamageToSurface (const Region &buffer_damage) const;
};

// Bounding box (rounded outwards) of a rectangle mapped through a transform.
pixman_box32_t TransformBox (const pixman_f_transform &t, const pixman_box32_t &box);

}  // namespace webdesk::wayland
