// SPDX-License-Identifier: LGPL-2.1-or-later
// What size a viewer's resize gives the desktop: what the pipeline accepts, nearest in shape.
#include <gtest/gtest.h>

#include <random>

#include "size-limits.h"

namespace {

// h264qualityenc's caps: 16..8192 in each dimension; the area is H.264's.
webdesk::SizeLimits
EncoderLimits ()
{
  webdesk::SizeLimits l;
  l.min_width = l.min_height = 16;
  l.max_width = l.max_height = 8192;
  return l;
}

void
ExpectFitted (int w, int h, int want_w, int want_h)
{
  const webdesk::FittedSize s = webdesk::FitSize (w, h, EncoderLimits ());
  EXPECT_EQ (s.width, want_w) << w << "x" << h;
  EXPECT_EQ (s.height, want_h) << w << "x" << h;
}

}  // namespace

TEST (SizeLimits, SizesThePipelineAcceptsAreLeftAlone)
{
  ExpectFitted (1920, 1080, 1920, 1080);
  ExpectFitted (1001, 701, 1001, 701);
  ExpectFitted (7680, 4320, 7680, 4320);  // a 4K screen at twice the pixels: 129,600 macroblocks
  ExpectFitted (16, 8192, 16, 8192);
}

TEST (SizeLimits, TooWideIsScaledDownKeepingTheShape)
{
  ExpectFitted (10240, 2880, 8192, 2304);  // a 5120x1440 screen at a pixel ratio of 2
  // The request that made webdesk exit: 8194 is past the encoder; 2 is under it.
  ExpectFitted (8194, 2, 8192, 16);
}

TEST (SizeLimits, TheAreaStaysWithinWhatH264Allows)
{
  // 8192x8192 kept running at 1.28 GB; no H.264 level has a picture that large.
  for (int side : {8192, 16384}) {
    const webdesk::FittedSize s = webdesk::FitSize (side, side, EncoderLimits ());
    EXPECT_EQ (s.width, s.height);
    EXPECT_LE (int64_t ((s.width + 15) / 16) * ((s.height + 15) / 16), webdesk::kMaxH264Macroblocks);
    EXPECT_GT (s.width, 5900);  // and no smaller than it has to be
  }
}

TEST (SizeLimits, TooSmallIsScaledUp)
{
  ExpectFitted (1, 1, 16, 16);
  ExpectFitted (2, 4, 16, 32);
  ExpectFitted (1, 16384, 16, 8192);  // no scale fits this shape: each dimension clamped
}

TEST (SizeLimits, EveryRequestEndsUpWithinTheLimits)
{
  std::mt19937 random (12);
  std::uniform_int_distribution<int> side (1, 16384);
  for (int i = 0; i < 20000; i++) {
    const int w = side (random), h = side (random);
    const webdesk::FittedSize s = webdesk::FitSize (w, h, EncoderLimits ());
    ASSERT_GE (s.width, 16) << w << "x" << h;
    ASSERT_LE (s.width, 8192) << w << "x" << h;
    ASSERT_GE (s.height, 16) << w << "x" << h;
    ASSERT_LE (s.height, 8192) << w << "x" << h;
    ASSERT_LE (int64_t ((s.width + 15) / 16) * ((s.height + 15) / 16), webdesk::kMaxH264Macroblocks)
        << w << "x" << h;
  }
}
