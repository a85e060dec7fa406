// SPDX-License-Identifier: GPL-2.0-or-later
// The persistent picture: libyuv conversion of changed rectangles only.
#include <gtest/gtest.h>

#include <libyuv.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "stripe-pool.h"
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

TEST (YuvPicture, StripesOnAPoolConvertExactlyLikeOneThread)
{
  // Converted in stripes on three threads, or strip by strip on one, the result is the same.
  const int w = 1024, h = 600;
  Bgrx noise (w, h, 0);
  uint32_t state = 7;
  for (auto &b : noise.data) {
    state = state * 1664525u + 1013904223u;
    b = uint8_t (state >> 24);
  }
  StripePool pool (3);
  for (ColourRange range : {ColourRange::kLimited, ColourRange::kFull}) {
    for (Chroma chroma : {Chroma::k420, Chroma::k444}) {
      YuvPicture whole, strips;
      whole.Reset (w, h, chroma, range);
      strips.Reset (w, h, chroma, range);
      ASSERT_TRUE (whole.Update (noise.Source (), {Rect{0, 0, w, h}, Rect{100, 50, 30, 20}},
          &pool));
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
}

TEST (YuvPicture, FullRangeKeepsGreyExactAndColoursWithinARounding)
{
  // Every grey level and a spread of colours, converted to full-range 4:4:4 and back with
  // libyuv's JPEG (full range BT.601) matrix, as a decoder reading the VUI converts.
  const int w = 256, h = 32;
  Bgrx pixels (w, h, 0);
  uint32_t state = 3;
  for (int x = 0; x < w; x++) {
    pixels.Set (x, 0, uint32_t (x) * 0x010101);
    for (int y = 1; y < h; y++) {
      state = state * 1664525u + 1013904223u;
      pixels.Set (x, y, state >> 8);
    }
  }
  YuvPicture pic;
  pic.Reset (w, h, Chroma::k444, ColourRange::kFull);
  ASSERT_TRUE (pic.Update (pixels.Source (), {Rect{0, 0, w, h}}));
  EXPECT_EQ (pic.range (), ColourRange::kFull);
  std::vector<uint8_t> back (size_t (w) * h * 4);
  libyuv::I444ToARGBMatrix (pic.plane (0), pic.stride (0), pic.plane (1), pic.stride (1),
      pic.plane (2), pic.stride (2), back.data (), w * 4, &libyuv::kYuvJPEGConstants, w, h);
  for (int x = 0; x < w; x++) {
    ASSERT_EQ (pic.plane (0)[x], x) << "grey " << x;
    ASSERT_EQ (pic.plane (1)[x], 128);
    ASSERT_EQ (pic.plane (2)[x], 128);
    for (int c = 0; c < 3; c++)
      ASSERT_EQ (back[size_t (x) * 4 + c], x) << "grey " << x << " channel " << c;
  }
  int worst = 0;
  for (size_t i = size_t (w) * 4; i < back.size (); i++)
    if (i % 4 != 3)
      worst = std::max (worst, std::abs (int (back[i]) - int (pixels.data[i])));
  // libyuv's 8-bit coefficients, both ways, on saturated random colours.
  EXPECT_LE (worst, 4);
}
