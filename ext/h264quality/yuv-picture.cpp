// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the persistent YUV picture. See yuv-picture.h.
#include "yuv-picture.h"

#include <libyuv.h>

#include <algorithm>

namespace webdesk {

namespace {

// Rows padded to 64 bytes, which libyuv's and x264's SIMD code like.
int
AlignedStride (int width)
{
  return (width + 63) & ~63;
}

}  // namespace

void
YuvPicture::Reset (int width, int height, Chroma chroma, ColourRange range)
{
  width_ = width;
  height_ = height;
  chroma_ = chroma;
  range_ = range;
  const int chroma_width = chroma == Chroma::k444 ? width : (width + 1) / 2;
  const int chroma_height = chroma == Chroma::k444 ? height : (height + 1) / 2;
  strides_[0] = AlignedStride (width);
  strides_[1] = strides_[2] = AlignedStride (chroma_width);
  planes_[0].assign (size_t (strides_[0]) * height, 16);
  planes_[1].assign (size_t (strides_[1]) * chroma_height, 128);
  planes_[2].assign (size_t (strides_[2]) * chroma_height, 128);
}

bool
YuvPicture::Update (const SourcePicture &source, const std::vector<Rect> &rects,
    StripePool *pool)
{
  if (source.width != width_ || source.height != height_)
    return false;
  size_t area = 0;
  for (const Rect &r : rects)
    area += size_t (r.width) * size_t (r.height);
  if (!pool || pool->threads () < 2 || area < kParallelArea) {
    for (const Rect &r : rects)
      UpdateRect (source, r);
    return true;
  }
  // Bands of kStripeRows rows (even, so 4:2:0 chroma rows stay whole), every rectangle's.
  std::vector<Rect> stripes;
  for (const Rect &r : rects)
    for (int y = r.y; y < r.y + r.height; y += kStripeRows)
      stripes.push_back (Rect{r.x, y, r.width, std::min (kStripeRows, r.y + r.height - y)});
  pool->Run (int (stripes.size ()), [&] (int i) { UpdateRect (source, stripes[size_t (i)]); });
  return true;
}

// Full-range BT.601 (JPEG's) 4:4:4 from BGRx. libyuv (Debian 12's) has full-range converters
// for 4:0:0, 4:2:0 and 4:2:2 but not 4:4:4: Y comes from ARGBToJ400, and U and V from
// ARGBToJ422 run on the rows with every pixel doubled, so that each pair it averages is one
// pixel.
void
YuvPicture::FullRange444 (const uint8_t *src, int src_stride, const Rect &r)
{
  constexpr int kRows = 8;
  thread_local std::vector<uint8_t> doubled, discarded_y;
  const int wide = r.width * 2;
  doubled.resize (size_t (wide) * 4 * kRows);
  discarded_y.resize (size_t (wide) * kRows);
  uint8_t *dy = plane (0) + size_t (r.y) * strides_[0] + r.x;
  uint8_t *du = plane (1) + size_t (r.y) * strides_[1] + r.x;
  uint8_t *dv = plane (2) + size_t (r.y) * strides_[2] + r.x;
  libyuv::ARGBToJ400 (src, src_stride, dy, strides_[0], r.width, r.height);
  for (int y = 0; y < r.height; y += kRows) {
    const int rows = std::min (kRows, r.height - y);
    libyuv::ARGBScale (src + size_t (y) * src_stride, src_stride, r.width, rows, doubled.data (),
        wide * 4, wide, rows, libyuv::kFilterNone);
    libyuv::ARGBToJ422 (doubled.data (), wide * 4, discarded_y.data (), wide,
        du + size_t (y) * strides_[1], strides_[1], dv + size_t (y) * strides_[2], strides_[2],
        wide, rows);
  }
}

void
YuvPicture::UpdateRect (const SourcePicture &s, const Rect &r)
{
  const bool dst444 = chroma_ == Chroma::k444;
  // Chroma position of the rectangle in the destination and in a subsampled source.
  const int dcx = dst444 ? r.x : r.x / 2, dcy = dst444 ? r.y : r.y / 2;
  const int scx = r.x / 2, scy = r.y / 2;
  uint8_t *dy = plane (0) + size_t (r.y) * strides_[0] + r.x;
  uint8_t *du = plane (1) + size_t (dcy) * strides_[1] + dcx;
  uint8_t *dv = plane (2) + size_t (dcy) * strides_[2] + dcx;

  switch (s.format) {
    case PixelFormat::kBGRx: {
      const uint8_t *src = s.plane[0] + size_t (r.y) * s.stride[0] + size_t (r.x) * 4;
      if (range_ == ColourRange::kFull && dst444)
        FullRange444 (src, s.stride[0], r);
      else if (range_ == ColourRange::kFull)
        libyuv::ARGBToJ420 (src, s.stride[0], dy, strides_[0], du, strides_[1], dv, strides_[2],
            r.width, r.height);
      else if (dst444)
        libyuv::ARGBToI444 (src, s.stride[0], dy, strides_[0], du, strides_[1], dv, strides_[2],
            r.width, r.height);
      else
        libyuv::ARGBToI420 (src, s.stride[0], dy, strides_[0], du, strides_[1], dv, strides_[2],
            r.width, r.height);
      break;
    }
    case PixelFormat::kI420: {
      const uint8_t *sy = s.plane[0] + size_t (r.y) * s.stride[0] + r.x;
      const uint8_t *su = s.plane[1] + size_t (scy) * s.stride[1] + scx;
      const uint8_t *sv = s.plane[2] + size_t (scy) * s.stride[2] + scx;
      if (dst444)
        libyuv::I420ToI444 (sy, s.stride[0], su, s.stride[1], sv, s.stride[2], dy, strides_[0],
            du, strides_[1], dv, strides_[2], r.width, r.height);
      else
        libyuv::I420Copy (sy, s.stride[0], su, s.stride[1], sv, s.stride[2], dy, strides_[0], du,
            strides_[1], dv, strides_[2], r.width, r.height);
      break;
    }
    case PixelFormat::kY444: {
      const uint8_t *sy = s.plane[0] + size_t (r.y) * s.stride[0] + r.x;
      const uint8_t *su = s.plane[1] + size_t (r.y) * s.stride[1] + r.x;
      const uint8_t *sv = s.plane[2] + size_t (r.y) * s.stride[2] + r.x;
      if (dst444)
        libyuv::I444Copy (sy, s.stride[0], su, s.stride[1], sv, s.stride[2], dy, strides_[0], du,
            strides_[1], dv, strides_[2], r.width, r.height);
      else
        libyuv::I444ToI420 (sy, s.stride[0], su, s.stride[1], sv, s.stride[2], dy, strides_[0],
            du, strides_[1], dv, strides_[2], r.width, r.height);
      break;
    }
  }
}

}  // namespace webdesk
