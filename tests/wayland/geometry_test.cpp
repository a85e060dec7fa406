// SPDX-License-Identifier: LGPL-2.1-or-later
// How client damage maps onto the surface through buffer transform, scale and viewport; and
// which pixels a recycled output buffer has to be brought up to date with.
#include <gtest/gtest.h>
#include <wayland-server-protocol.h>

#include "damage_history.h"
#include "surface_geometry.h"

using namespace webdesk::wayland;

namespace {

pixman_box32_t
Only (const Region &r)
{
  auto boxes = r.Boxes ();
  EXPECT_EQ (boxes.size (), 1u);
  return boxes.empty () ? pixman_box32_t{0, 0, 0, 0} : boxes[0];
}

void
ExpectBox (const pixman_box32_t &b, int x, int y, int w, int h)
{
  EXPECT_EQ (b.x1, x);
  EXPECT_EQ (b.y1, y);
  EXPECT_EQ (b.x2 - b.x1, w);
  EXPECT_EQ (b.y2 - b.y1, h);
}

}  // namespace

TEST (SurfaceGeometry, PlainBufferMapsOneToOne)
{
  BufferGeometry g;
  g.buffer_width = 100;
  g.buffer_height = 50;
  EXPECT_EQ (g.SurfaceWidth (), 100);
  EXPECT_EQ (g.SurfaceHeight (), 50);
  EXPECT_FALSE (g.IsScaled ());
  ExpectBox (Only (g.BufferDamageToSurface (Region (10, 20, 5, 6))), 10, 20, 5, 6);
}

TEST (SurfaceGeometry, BufferScaleTwoHalvesSizeAndDamage)
{
  BufferGeometry g;
  g.buffer_width = 200;
  g.buffer_height = 100;
  g.scale = 2;
  EXPECT_EQ (g.SurfaceWidth (), 100);
  EXPECT_EQ (g.SurfaceHeight (), 50);
  ExpectBox (Only (g.BufferDamageToSurface (Region (20, 40, 10, 10))), 10, 20, 5, 5);
  // Odd buffer coordinates round outwards, so every changed pixel stays covered.
  ExpectBox (Only (g.BufferDamageToSurface (Region (3, 3, 2, 2))), 1, 1, 2, 2);
}

TEST (SurfaceGeometry, PixelExactWhenBufferScaleMatchesOutputScale)
{
  BufferGeometry g;
  g.buffer_width = 200;
  g.buffer_height = 100;
  EXPECT_TRUE (g.IsPixelExact (1));
  EXPECT_FALSE (g.IsPixelExact (2));  // a 1x buffer on a 2x output is upscaled
  g.scale = 2;
  EXPECT_TRUE (g.IsPixelExact (2));
  EXPECT_FALSE (g.IsPixelExact (1));
  g.transform = WL_OUTPUT_TRANSFORM_270;
  EXPECT_TRUE (g.IsPixelExact (2));  // rotations move pixels without filtering
  g.dst_width = 33;
  g.dst_height = 50;
  EXPECT_FALSE (g.IsPixelExact (2));
}

TEST (SurfaceGeometry, Rotated90BufferSwapsAxes)
{
  BufferGeometry g;
  g.buffer_width = 100;
  g.buffer_height = 50;
  g.transform = WL_OUTPUT_TRANSFORM_90;
  EXPECT_EQ (g.SurfaceWidth (), 50);
  EXPECT_EQ (g.SurfaceHeight (), 100);
  // The buffer's top-left corner ends up at the surface's top-right corner.
  ExpectBox (Only (g.BufferDamageToSurface (Region (0, 0, 10, 10))), 40, 0, 10, 10);
}

TEST (SurfaceGeometry, Rotated180BufferMirrorsBothAxes)
{
  BufferGeometry g;
  g.buffer_width = 100;
  g.buffer_height = 50;
  g.transform = WL_OUTPUT_TRANSFORM_180;
  ExpectBox (Only (g.BufferDamageToSurface (Region (0, 0, 10, 5))), 90, 45, 10, 5);
}

TEST (SurfaceGeometry, FlippedBufferMirrorsHorizontally)
{
  BufferGeometry g;
  g.buffer_width = 100;
  g.buffer_height = 50;
  g.transform = WL_OUTPUT_TRANSFORM_FLIPPED;
  ExpectBox (Only (g.BufferDamageToSurface (Region (0, 0, 10, 5))), 90, 0, 10, 5);
}

TEST (SurfaceGeometry, ViewportCropsAndScales)
{
  BufferGeometry g;
  g.buffer_width = 200;
  g.buffer_height = 200;
  g.src_x = 100;
  g.src_y = 100;
  g.src_width = 100;
  g.src_height = 100;
  g.dst_width = 50;
  g.dst_height = 50;
  EXPECT_EQ (g.SurfaceWidth (), 50);
  EXPECT_TRUE (g.IsScaled ());
  // Buffer (120,120)-(140,140) is inside the source rect: surface (10,10)-(20,20).
  ExpectBox (Only (g.BufferDamageToSurface (Region (120, 120, 20, 20))), 10, 10, 10, 10);
  // Damage outside the source rectangle is invisible.
  EXPECT_TRUE (g.BufferDamageToSurface (Region (0, 0, 50, 50)).Empty ());
}

TEST (DamageHistory, UnknownBufferIsFilledCompletely)
{
  DamageHistory h (64, 48);
  Region copy = h.BeginFrame (reinterpret_cast<void *> (1), Region (1, 1, 2, 2));
  ExpectBox (Only (copy), 0, 0, 64, 48);
}

TEST (DamageHistory, ReturningBufferGetsOnlyWhatItMissed)
{
  DamageHistory h (64, 48);
  void *a = reinterpret_cast<void *> (1), *b = reinterpret_cast<void *> (2);
  h.BeginFrame (a, Region (0, 0, 64, 48));   // frame 0 into a
  h.BeginFrame (b, Region (0, 0, 64, 48));   // frame 1 into b (new: full)
  h.BeginFrame (b, Region (10, 10, 4, 4));   // frame 2 into b again
  // a holds frame 0; it missed frames 1 and 2 (full, then a small rect) and gets frame 3.
  Region copy = h.BeginFrame (a, Region (30, 30, 2, 2));
  ExpectBox (Only (copy), 0, 0, 64, 48);
  // b holds frame 2; it missed frame 3 (30,30) and gets frame 4 (40,40): nothing else.
  copy = h.BeginFrame (b, Region (40, 40, 2, 2));
  Region expected (30, 30, 2, 2);
  expected.Add (40, 40, 2, 2);
  EXPECT_TRUE (copy == expected);
  EXPECT_EQ (copy.Area (), 8u);
}

TEST (DamageHistory, BufferOlderThanTheHistoryIsFilledCompletely)
{
  DamageHistory h (64, 48, 4);
  void *a = reinterpret_cast<void *> (1), *b = reinterpret_cast<void *> (2);
  h.BeginFrame (a, Region (0, 0, 64, 48));
  h.BeginFrame (b, Region (0, 0, 64, 48));
  for (int i = 0; i < 6; i++)
    h.BeginFrame (b, Region (i, 0, 1, 1));
  ExpectBox (Only (h.BeginFrame (a, Region (0, 0, 1, 1))), 0, 0, 64, 48);
}

TEST (DamageHistory, ResetForgetsBuffers)
{
  DamageHistory h (64, 48);
  void *a = reinterpret_cast<void *> (1);
  h.BeginFrame (a, Region (0, 0, 64, 48));
  h.Reset (32, 32);
  ExpectBox (Only (h.BeginFrame (a, Region (0, 0, 1, 1))), 0, 0, 32, 32);
}
