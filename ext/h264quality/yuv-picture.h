// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the persistent YUV picture that x264 encodes from. Only the changed
// rectangles of each input are converted into it (libyuv, BT.601 in limited or full range), so
// an unchanged region costs no conversion at all, and a big change is converted in stripes on
// every thread of a StripePool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "encoder-types.h"
#include "stripe-pool.h"

namespace webdesk {

class YuvPicture {
 public:
  // Rows per stripe; a frame's damage smaller than kParallelArea pixels in all is converted on
  // the calling thread alone (waking threads would cost more).
  static constexpr int kStripeRows = 32;
  static constexpr size_t kParallelArea = 128 * 128;

  // (Re)allocates for a picture of this size (even width and height) and chroma; the
  // content is undefined until the whole picture has been updated once. `range` applies to RGB
  // input (YUV input is taken as it is).
  void Reset (int width, int height, Chroma chroma, ColourRange range = ColourRange::kLimited);

  // Converts `rects` (inside the picture, even-aligned) of `source` into the picture, on
  // `pool`'s threads when given. Returns false when the source does not match the picture's
  // size.
  bool Update (const SourcePicture &source, const std::vector<Rect> &rects,
      StripePool *pool = nullptr);

  int width () const { return width_; }
  int height () const { return height_; }
  Chroma chroma () const { return chroma_; }
  ColourRange range () const { return range_; }
  uint8_t *plane (int i) { return planes_[i].data (); }
  const uint8_t *plane (int i) const { return planes_[i].data (); }
  int stride (int i) const { return strides_[i]; }

 private:
  void UpdateRect (const SourcePicture &source, const Rect &r);

  void FullRange444 (const uint8_t *src, int src_stride, const Rect &r);

  int width_ = 0;
  int height_ = 0;
  Chroma chroma_ = Chroma::k420;
  ColourRange range_ = ColourRange::kLimited;
  std::vector<uint8_t> planes_[3];
  int strides_[3] = {0, 0, 0};
};

}  // namespace webdesk
