// SPDX-License-Identifier: LGPL-2.1-or-later
// Tile grid geometry and pixel comparison per tile.
#include <gtest/gtest.h>

#include <cstring>

#include "tile_diff.h"
#include "tile_grid.h"

namespace webdesk::paintover {
namespace {

TEST (TileGridTest, PartialTilesAtTheRightAndBottomEdges)
{
  TileGrid grid (100, 70, 32);
  EXPECT_EQ (grid.tiles_x (), 4);
  EXPECT_EQ (grid.tiles_y (), 3);
  Rect last = grid.TileRect (grid.count () - 1);
  EXPECT_EQ (last.x, 96);
  EXPECT_EQ (last.y, 64);
  EXPECT_EQ (last.w, 4);
  EXPECT_EQ (last.h, 6);
}

TEST (TileGridTest, DamageRectanglesMarkEveryTileTheyTouchAndAreClipped)
{
  TileGrid grid (128, 64, 32);  // 4 x 2
  TileMask mask = grid.TilesCovering ({Rect {31, 0, 2, 1}, Rect {120, 60, 100, 100},
      Rect {-50, -50, 10, 10}});
  EXPECT_EQ (mask, (TileMask {1, 1, 0, 0, 0, 0, 0, 1}));
}

TEST (TileGridTest, RectanglesCoverExactlyTheSetTiles)
{
  TileGrid grid (100, 96, 32);  // 4 x 3, last column 4 px wide
  // An L shape plus a lone tile in the partial column.
  const TileMask tiles {1, 1, 0, 1,  //
      1, 1, 0, 0,                    //
      1, 0, 0, 0};
  std::vector<Rect> rects = grid.RectsOf (tiles, 64);
  EXPECT_EQ (grid.TilesCovering (rects), tiles);
  EXPECT_EQ (rects.size (), 3u) << "two 2x1 runs merge into one 2x2 rectangle";
  int area = 0;
  for (const Rect &r : rects) {
    EXPECT_LE (r.x + r.w, 100) << "clipped to the picture";
    area += r.w * r.h;
  }
  EXPECT_EQ (area, 4 * 32 * 32 + 4 * 32 + 32 * 32);
}

TEST (TileGridTest, TooManyRectanglesAreMergedButStillCoverEverything)
{
  TileGrid grid (512, 32, 16);  // 32 x 2: a checkerboard gives 32 separate runs
  TileMask tiles (64, 0);
  for (int i = 0; i < 64; i++)
    tiles[size_t (i)] = ((i % 32) + (i / 32)) % 2;
  std::vector<Rect> rects = grid.RectsOf (tiles, 8);
  EXPECT_EQ (rects.size (), 8u);
  TileMask covered = grid.TilesCovering (rects);
  for (size_t i = 0; i < tiles.size (); i++) {
    if (tiles[i]) {
      EXPECT_TRUE (covered[i]) << "tile " << i;
    }
  }
}

// A BGRx picture filled with a pattern, for the comparisons below.
struct Bgrx {
  int width, height, stride;
  std::vector<uint8_t> bytes;
  Bgrx (int w, int h) : width (w), height (h), stride (w * 4 + 16), bytes (size_t (stride) * h)
  {
    for (size_t i = 0; i < bytes.size (); i++)
      bytes[i] = uint8_t (i * 7);
  }
  std::vector<PlaneView> View () const { return {PlaneView {bytes.data (), stride, 4, 0, 0}}; }
  uint8_t *Pixel (int x, int y) { return bytes.data () + size_t (y) * stride + x * 4; }
};

TEST (TileDiffTest, IdenticalPicturesHaveNoChangedTiles)
{
  Bgrx a (200, 100), b = a;
  TileDiff diff (TileGrid (200, 100, 64));
  EXPECT_EQ (diff.Compare (a.View (), b.View ()), TileMask (8, 0));
}

TEST (TileDiffTest, OnePixelChangesExactlyItsTile)
{
  Bgrx a (200, 100), b = a;
  b.Pixel (130, 70)[2] ^= 1;  // one bit of red, in tile (2, 1)
  TileDiff diff (TileGrid (200, 100, 64));
  EXPECT_EQ (diff.Compare (a.View (), b.View ()), (TileMask {0, 0, 0, 0, 0, 0, 1, 0}));
}

TEST (TileDiffTest, PaddingBeyondTheWidthIsIgnored)
{
  Bgrx a (200, 100), b = a;
  b.bytes[size_t (5) * b.stride + 200 * 4 + 3] ^= 0xff;  // in the stride padding
  TileDiff diff (TileGrid (200, 100, 64));
  EXPECT_EQ (diff.Compare (a.View (), b.View ()), TileMask (8, 0));
}

TEST (TileDiffTest, PartialEdgeTilesAreCompared)
{
  Bgrx a (200, 100), b = a;
  b.Pixel (199, 99)[0] ^= 0x80;
  TileDiff diff (TileGrid (200, 100, 64));
  EXPECT_EQ (diff.Compare (a.View (), b.View ()), (TileMask {0, 0, 0, 0, 0, 0, 0, 1}));
}

TEST (TileDiffTest, ChromaChangeInASubsampledPlaneFindsItsTile)
{
  // I420 128x64: Y 128x64, U and V 64x32.
  const int w = 128, h = 64;
  std::vector<uint8_t> y (size_t (w) * h, 16), u (size_t (w / 2) * h / 2, 128), v = u;
  std::vector<uint8_t> v2 = v;
  v2[size_t (20) * (w / 2) + 40] = 200;  // chroma (40, 20) = luma (80, 40): tile (2, 1)
  auto view = [&] (const std::vector<uint8_t> &vv) {
    return std::vector<PlaneView> {PlaneView {y.data (), w, 1, 0, 0},
        PlaneView {u.data (), w / 2, 1, 1, 1}, PlaneView {vv.data (), w / 2, 1, 1, 1}};
  };
  TileDiff diff (TileGrid (w, h, 32));  // 4 x 2 tiles of 32 px
  TileMask changed = diff.Compare (view (v), view (v2));
  EXPECT_EQ (changed, (TileMask {0, 0, 0, 0, 0, 0, 1, 0}));
}

}  // namespace
}  // namespace webdesk::paintover
