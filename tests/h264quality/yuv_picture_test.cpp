// SPDX-License-Identifier: GPL-2.0-or-later
// The persistent picture: libyuv conversion of changed rectangles only.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "yuv-picture.h"

using namespace webdesk;

namespace {

struct Bgrx {
  int width, height;
  std::vector<uint8_t> data;
  Bgrx (int w, int h, uint32_t xrgb) : width (w), height (h), data (size_t (w) * h * 4)
  {
    for (size_t i = 0; i < size_t (w) * h; i++) {
      data[i * 4 + 0] = xrgb & 0xff;
      data[i * 4 + 1] = (xrgb >> 8) & 0xff;
      data[i * 4 + 2] = (xrgb >> 16) & 0xff;
      data[i * 4 + 3] = 0xff;
    }
  }
  void Set (int x, int y, uint32_t xrgb)
  {
    uint8_t *p = &data[(size_t (y) * width + x) * 4];
    p[0] = xrgb & 0xff;
    p[1] = (xrgb >> 8) & 0xff;
    p[2] = (xrgb >> 16) & 0xff;
  }
  SourcePicture Source () const
  {
    SourcePicture s;
    s.format = PixelFormat::kBGRx;
    s.width = width;
    s.height = height;
    s.plane[0] = data.data ();
    s.stride[0] = width * 4;
    return s;
  }
};

const Rect kWhole32{0, 0, 32, 32};

}  // namespace

TEST (YuvPicture, WhiteAndBlackBecomeLimitedRangeBt601)
{
  YuvPicture pic;
  pic.Reset (32, 32, Chroma::k420);
  Bgrx white (32, 32, 0xffffff);
  ASSERT_TRUE (pic.Update (white.Source (), {kWhole32}));
  EXPECT_EQ (pic.plane (0)[0], 235);
  EXPECT_NEAR (pic.plane (1)[0], 128, 1);
  EXPECT_NEAR (pic.plane (2)[0], 128, 1);
  Bgrx black (32, 32, 0x000000);
  ASSERT_TRUE (pic.Update (black.Source (), {kWhole32}));
  EXPECT_EQ (pic.plane (0)[0], 16);
}

TEST (YuvPicture, OnlyTheGivenRectanglesChange)
{
  YuvPicture pic;
  pic.Reset (32, 32, Chroma::k420);
  Bgrx white (32, 32, 0xffffff);
  ASSERT_TRUE (pic.Update (white.Source (), {kWhole32}));
  Bgrx black (32, 32, 0x000000);
  ASSERT_TRUE (pic.Update (black.Source (), {Rect{16, 8, 8, 4}}));
  for (int y = 0; y < 32; y++) {
    for (int x = 0; x < 32; x++) {
      const bool inside = x >= 16 && x < 24 && y >= 8 && y < 12;
      ASSERT_EQ (pic.plane (0)[y * pic.stride (0) + x], inside ? 16 : 235)
          << "at " << x << "," << y;
    }
  }
}

TEST (YuvPicture, FullChromaKeepsEveryPixelsColourAndSubsamplingAveragesIt)
{
  // Alternating red and blue columns: 4:4:4 keeps both colours, 4:2:0 blends each pair.
  Bgrx stripes (32, 32, 0xff0000);
  for (int y = 0; y < 32; y++)
    for (int x = 1; x < 32; x += 2)
      stripes.Set (x, y, 0x0000ff);
  YuvPicture full, sub;
  full.Reset (32, 32, Chroma::k444);
  sub.Reset (32, 32, Chroma::k420);
  ASSERT_TRUE (full.Update (stripes.Source (), {kWhole32}));
  ASSERT_TRUE (sub.Update (stripes.Source (), {kWhole32}));
  // Red has V well above 128, blue has U well above 128.
  EXPECT_GT (full.plane (2)[0], 200);
  EXPECT_GT (full.plane (1)[1], 200);
  EXPECT_LT (full.plane (1)[0], 128);
  EXPECT_LT (sub.plane (2)[0], 200);
  EXPECT_LT (sub.plane (1)[0], 200);
}

TEST (YuvPicture, I420InputIsCopiedExactly)
{
  std::vector<uint8_t> y (32 * 32), u (16 * 16), v (16 * 16);
  for (size_t i = 0; i < y.size (); i++)
    y[i] = uint8_t (16 + i % 200);
  for (size_t i = 0; i < u.size (); i++) {
    u[i] = uint8_t (i % 240);
    v[i] = uint8_t (255 - i % 240);
  }
  SourcePicture s;
  s.format = PixelFormat::kI420;
  s.width = s.height = 32;
  s.plane[0] = y.data ();
  s.plane[1] = u.data ();
  s.plane[2] = v.data ();
  s.stride[0] = 32;
  s.stride[1] = s.stride[2] = 16;
  YuvPicture pic;
  pic.Reset (32, 32, Chroma::k420);
  ASSERT_TRUE (pic.Update (s, {kWhole32}));
  for (int row = 0; row < 32; row++)
    for (int col = 0; col < 32; col++)
      ASSERT_EQ (pic.plane (0)[row * pic.stride (0) + col], y[row * 32 + col]);
  for (int row = 0; row < 16; row++)
    for (int col = 0; col < 16; col++) {
      ASSERT_EQ (pic.plane (1)[row * pic.stride (1) + col], u[row * 16 + col]);
      ASSERT_EQ (pic.plane (2)[row * pic.stride (2) + col], v[row * 16 + col]);
    }
}

TEST (YuvPicture, ASourceOfAnotherSizeIsRefused)
{
  YuvPicture pic;
  pic.Reset (32, 32, Chroma::k420);
  Bgrx small (16, 16, 0);
  EXPECT_FALSE (pic.Update (small.Source (), {Rect{0, 0, 16, 16}}));
}

TEST (YuvPicture, BigRectanglesConvertExactlyLikeSmallOnes)
{
  // Converted at once (two threads) or strip by strip (one thread), the result is the same.
  const int w = 1024, h = 600;
  Bgrx noise (w, h, 0);
  uint32_t state = 7;
  for (auto &b : noise.data) {
    state = state * 1664525u + 1013904223u;
    b = uint8_t (state >> 24);
  }
  ASSERT_GE (size_t (w) * h, YuvPicture::kSplitArea);
  for (Chroma chroma : {Chroma::k420, Chroma::k444}) {
    YuvPicture whole, strips;
    whole.Reset (w, h, chroma);
    strips.Reset (w, h, chroma);
    ASSERT_TRUE (whole.Update (noise.Source (), {Rect{0, 0, w, h}}));
    for (int y = 0; y < h; y += 8)
      ASSERT_TRUE (strips.Update (noise.Source (), {Rect{0, y, w, 8}}));
    const int chroma_h = chroma == Chroma::k444 ? h : h / 2;
    const int chroma_w = chroma == Chroma::k444 ? w : w / 2;
    for (int p = 0; p < 3; p++) {
      const int rows = p == 0 ? h : chroma_h, cols = p == 0 ? w : chroma_w;
      for (int y = 0; y < rows; y++)
        ASSERT_EQ (0, std::memcmp (whole.plane (p) + size_t (y) * whole.stride (p),
                          strips.plane (p) + size_t (y) * strips.stride (p), cols))
            << "plane " << p << " row " << y;
    }
  }
}
