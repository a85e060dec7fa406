// SPDX-License-Identifier: LGPL-2.1-or-later
// The scene: toplevels and popups stacked on the output, each with its subsurfaces, composed
// with pixman into an output buffer (only inside the region asked for), and hit-tested for
// the pointer.
#include <wayland-server-protocol.h>

#include <algorithm>

#include "compositor.h"
#include "surface.h"

namespace webdesk::wayland {

void
Compositor::AddRoot (Surface *surface)
{
  if (std::find (roots_.begin (), roots_.end (), surface) == roots_.end ())
    roots_.push_back (surface);
}

void
Compositor::RemoveRoot (Surface *surface)
{
  roots_.erase (std::remove (roots_.begin (), roots_.end (), surface), roots_.end ());
}

void
Compositor::RaiseRoot (Surface *surface)
{
  RemoveRoot (surface);
  roots_.push_back (surface);
}

namespace {

Surface *
SurfaceAtInTree (Surface *surface, double x, double y, double *sx, double *sy)
{
  if (!surface->Mapped ())
    return nullptr;
  const auto &order = surface->paint_order ();
  for (auto it = order.rbegin (); it != order.rend (); ++it) {
    if (*it) {
      if (Surface *hit = SurfaceAtInTree ((*it)->surface (), x, y, sx, sy))
        return hit;
      continue;
    }
    int ox, oy;
    surface->Origin (&ox, &oy);
    if (surface->AcceptsInputAt (x - ox, y - oy)) {
      *sx = x - ox;
      *sy = y - oy;
      return surface;
    }
  }
  return nullptr;
}

void
PaintTree (Surface *surface, pixman_image_t *dst, const Region &clip, int output_scale)
{
  if (!surface->Mapped ())
    return;
  for (Subsurface *child : surface->paint_order ()) {
    if (child) {
      PaintTree (child->surface (), dst, clip, output_scale);
      continue;
    }
    wl_shm_buffer *shm = wl_shm_buffer_get (surface->buffer ());
    if (!shm)
      continue;
    Region box = surface->OutputBox ();
    box.Intersect (clip);
    if (box.Empty ())
      continue;
    pixman_format_code_t format;
    switch (wl_shm_buffer_get_format (shm)) {
      case WL_SHM_FORMAT_XRGB8888: format = PIXMAN_x8r8g8b8; break;
      case WL_SHM_FORMAT_ARGB8888: format = PIXMAN_a8r8g8b8; break;
      default: continue;  // wl_shm only offers these two
    }
    wl_shm_buffer_begin_access (shm);
    pixman_image_t *src = pixman_image_create_bits (format, wl_shm_buffer_get_width (shm),
        wl_shm_buffer_get_height (shm), static_cast<uint32_t *> (wl_shm_buffer_get_data (shm)),
        wl_shm_buffer_get_stride (shm));
    // Output pixels -> surface-local -> buffer pixels.
    int ox, oy;
    surface->Origin (&ox, &oy);
    pixman_f_transform t;
    pixman_f_transform_init_identity (&t);
    pixman_f_transform_scale (&t, nullptr, 1.0 / output_scale, 1.0 / output_scale);
    pixman_f_transform_translate (&t, nullptr, -ox, -oy);
    pixman_f_transform to_buffer = surface->geometry ().SurfaceToBuffer ();
    pixman_f_transform_multiply (&t, &to_buffer, &t);
    pixman_transform fixed;
    pixman_transform_from_pixman_f_transform (&fixed, &t);
    pixman_image_set_transform (src, &fixed);
    const bool scaled = !surface->geometry ().IsPixelExact (output_scale);
    pixman_image_set_filter (src, scaled ? PIXMAN_FILTER_BILINEAR : PIXMAN_FILTER_NEAREST,
        nullptr, 0);
    // Scaled edges sample the edge pixels, not transparency beyond the buffer.
    pixman_image_set_repeat (src, PIXMAN_REPEAT_PAD);
    pixman_image_set_clip_region32 (dst, box.get ());
    const pixman_box32_t e = box.Extents ();
    pixman_image_composite32 (format == PIXMAN_a8r8g8b8 ? PIXMAN_OP_OVER : PIXMAN_OP_SRC, src,
        nullptr, dst, e.x1, e.y1, 0, 0, e.x1, e.y1, e.x2 - e.x1, e.y2 - e.y1);
    pixman_image_set_clip_region32 (dst, nullptr);
    pixman_image_unref (src);
    wl_shm_buffer_end_access (shm);
  }
}

}  // namespace

Surface *
Compositor::SurfaceAt (double x, double y, double *sx, double *sy)
{
  for (auto it = roots_.rbegin (); it != roots_.rend (); ++it)
    if (Surface *hit = SurfaceAtInTree (*it, x, y, sx, sy))
      return hit;
  return nullptr;
}

void
Compositor::Paint (pixman_image_t *dst, const Region &region)
{
  if (region.Empty ())
    return;
  // Background: black (opaque, also in a8r8g8b8).
  pixman_color_t black = {0, 0, 0, 0xffff};
  pixman_image_t *fill = pixman_image_create_solid_fill (&black);
  Region clip = region;
  pixman_image_set_clip_region32 (dst, clip.get ());
  const pixman_box32_t e = clip.Extents ();
  pixman_image_composite32 (PIXMAN_OP_SRC, fill, nullptr, dst, 0, 0, 0, 0, e.x1, e.y1,
      e.x2 - e.x1, e.y2 - e.y1);
  pixman_image_set_clip_region32 (dst, nullptr);
  pixman_image_unref (fill);
  for (Surface *root : roots_)
    PaintTree (root, dst, region, size_.scale);
}

}  // namespace webdesk::wayland
