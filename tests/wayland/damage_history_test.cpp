// SPDX-License-Identifier: LGPL-2.1-or-later
// Which pixels a recycled output buffer has to be brought up to date with.
#include <gtest/gtest.h>

#include "damage_history.h"

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
