// SPDX-License-Identifier: LGPL-2.1-or-later
#include "surface_geometry.h"

#include <wayland-server-protocol.h>

#include <algorithm>
#include <cmath>

namespace webdesk::wayland {

namespace {

bool
SwapsAxes (int transform)
{
  return transform & 1;  // 90, 270, flipped-90, flipped-270
}

// Size of the buffer after transform and scale, before the viewport.
void
TransformedSize (const BufferGeometry &g, double *w, double *h)
{
  int scale = g.scale > 0 ? g.scale : 1;
  double bw = double (g.buffer_width) / scale, bh = double (g.buffer_height) / scale;
  *w = SwapsAxes (g.transform) ? bh : bw;
  *h = SwapsAxes (g.transform) ? bw : bh;
}

}  // namespace

int
BufferGeometry::SurfaceWidth () const
{
  if (dst_width > 0)
    return dst_width;
  if (src_width >= 0)
    return int (std::lround (src_width));
  double w, h;
  TransformedSize (*this, &w, &h);
  return int (w);
}

int
BufferGeometry::SurfaceHeight () const
{
  if (dst_height > 0)
    return dst_height;
  if (src_height >= 0)
    return int (std::lround (src_height));
  double w, h;
  TransformedSize (*this, &w, &h);
  return int (h);
}

bool
BufferGeometry::IsScaled () const
{
  if (scale != 1)
    return true;
  if (src_width >= 0 && (src_width != SurfaceWidth () || src_height != SurfaceHeight () ||
          src_x != std::floor (src_x) || src_y != std::floor (src_y)))
    return true;
  if (dst_width > 0 && src_width < 0) {
    double w, h;
    TransformedSize (*this, &w, &h);
    return w != dst_width || h != dst_height;
  }
  return false;
}

pixman_f_transform
BufferGeometry::SurfaceToBuffer () const
{
  pixman_f_transform t;
  pixman_f_transform_init_identity (&t);

  // 1. Viewport: surface-local -> source rectangle (buffer-logical, transformed).
  double tw, th;
  TransformedSize (*this, &tw, &th);
  double sw = src_width >= 0 ? src_width : tw, sh = src_height >= 0 ? src_height : th;
  double sx = src_width >= 0 ? src_x : 0, sy = src_width >= 0 ? src_y : 0;
  double surface_w = SurfaceWidth (), surface_h = SurfaceHeight ();
  if (surface_w > 0 && surface_h > 0)
    pixman_f_transform_scale (&t, nullptr, sw / surface_w, sh / surface_h);
  pixman_f_transform_translate (&t, nullptr, sx, sy);

  // 2. Buffer transform: transformed coordinates (W x H) -> untransformed buffer-logical.
  const double W = tw, H = th;
  double m[2][3];  // bx = m00 sx + m01 sy + m02, by = m10 sx + m11 sy + m12
  switch (transform) {
    default:
    case WL_OUTPUT_TRANSFORM_NORMAL: m[0][0] = 1; m[0][1] = 0; m[0][2] = 0; m[1][0] = 0; m[1][1] = 1; m[1][2] = 0; break;
    case WL_OUTPUT_TRANSFORM_FLIPPED: m[0][0] = -1; m[0][1] = 0; m[0][2] = W; m[1][0] = 0; m[1][1] = 1; m[1][2] = 0; break;
    case WL_OUTPUT_TRANSFORM_90: m[0][0] = 0; m[0][1] = 1; m[0][2] = 0; m[1][0] = -1; m[1][1] = 0; m[1][2] = W; break;
    case WL_OUTPUT_TRANSFORM_FLIPPED_90: m[0][0] = 0; m[0][1] = 1; m[0][2] = 0; m[1][0] = 1; m[1][1] = 0; m[1][2] = 0; break;
    case WL_OUTPUT_TRANSFORM_180: m[0][0] = -1; m[0][1] = 0; m[0][2] = W; m[1][0] = 0; m[1][1] = -1; m[1][2] = H; break;
    case WL_OUTPUT_TRANSFORM_FLIPPED_180: m[0][0] = 1; m[0][1] = 0; m[0][2] = 0; m[1][0] = 0; m[1][1] = -1; m[1][2] = H; break;
    case WL_OUTPUT_TRANSFORM_270: m[0][0] = 0; m[0][1] = -1; m[0][2] = H; m[1][0] = 1; m[1][1] = 0; m[1][2] = 0; break;
    case WL_OUTPUT_TRANSFORM_FLIPPED_270: m[0][0] = 0; m[0][1] = -1; m[0][2] = H; m[1][0] = -1; m[1][1] = 0; m[1][2] = W; break;
  }
  pixman_f_transform rot;
  pixman_f_transform_init_identity (&rot);
  for (int r = 0; r < 2; r++)
    for (int c = 0; c < 3; c++)
      rot.m[r][c] = m[r][c];
  pixman_f_transform_multiply (&t, &rot, &t);

  // 3. Buffer scale: buffer-logical -> buffer pixels.
  int s = scale > 0 ? scale : 1;
  pixman_f_transform_scale (&t, nullptr, s, s);
  return t;
}

bool
BufferGeometry::IsPixelExact (int output_scale) const
{
  pixman_f_transform t = SurfaceToBuffer ();
  pixman_f_transform_scale (nullptr, &t, output_scale, output_scale);  // t = t * scale(1/s)
  auto unit = [] (double v) { return v == 0 || v == 1 || v == -1; };
  auto integral = [] (double v) { return v == std::floor (v); };
  return unit (t.m[0][0]) && unit (t.m[0][1]) && unit (t.m[1][0]) && unit (t.m[1][1]) &&
      integral (t.m[0][2]) && integral (t.m[1][2]);
}

pixman_box32_t
TransformBox (const pixman_f_transform &t, const pixman_box32_t &box)
{
  double xs[4] = {double (box.x1), double (box.x2), double (box.x1), double (box.x2)};
  double ys[4] = {double (box.y1), double (box.y1), double (box.y2), double (box.y2)};
  double x1 = 1e18, y1 = 1e18, x2 = -1e18, y2 = -1e18;
  for (int i = 0; i < 4; i++) {
    double x = t.m[0][0] * xs[i] + t.m[0][1] * ys[i] + t.m[0][2];
    double y = t.m[1][0] * xs[i] + t.m[1][1] * ys[i] + t.m[1][2];
    x1 = std::min (x1, x); x2 = std::max (x2, x);
    y1 = std::min (y1, y); y2 = std::max (y2, y);
  }
  // A tiny epsilon keeps exact integers exact despite floating-point noise.
  const double eps = 1e-6;
  return pixman_box32_t{int32_t (std::floor (x1 + eps)), int32_t (std::floor (y1 + eps)),
      int32_t (std::ceil (x2 - eps)), int32_t (std::ceil (y2 - eps))};
}

Region
BufferGeometry::BufferDamageToSurface (const Region &buffer_damage) const
{
  Region out;
  pixman_f_transform to_buffer = SurfaceToBuffer (), to_surface;
  if (!pixman_f_transform_invert (&to_surface, &to_buffer))
    return out;
  for (const auto &b : buffer_damage.Boxes ()) {
    pixman_box32_t s = TransformBox (to_surface, b);
    out.Add (s.x1, s.y1, s.x2 - s.x1, s.y2 - s.y1);
  }
  out.IntersectRect (0, 0, SurfaceWidth (), SurfaceHeight ());
  return out;
}

}  // namespace webdesk::wayland
