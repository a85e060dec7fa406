// SPDX-License-Identifier: GPL-2.0-or-later
// h264qualityenc: the persistent YUV picture that x264 encodes from. Only the changed
// rectangles of each input are converted into it (libyuv, BT.601 limited range), so an
// unchanged region costs no conversion at all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "encoder-types.h"

namespace webdesk {

class YuvPicture {
 public:
  // Rectangles at least this big (pixels) are converted on two threads.
  static constexpr size_t kSplitArea = 512 * 512;

  // (Re)allocates for a picture of this size (even width and height) and chroma; the
  // content is undefined until the whole picture has been updated once.
  void Reset (int width, int height, Chroma chroma);

  // Converts `rects` (inside the picture, even-aligned) of `source` into the picture.
  // Returns false when the source does not match the picture's size.
  bool Update (const SourcePicture &source, const std::vector<Rect> &rects);

  int width () const { return width_; }
  int height () const { return height_; }
  Chroma chroma () const { return chroma_; }
  uint8_t *plane (int i) { return planes_[i].data (); }
  const uint8_t *plane (int i) const { return planes_[i].data (); }
  int stride (int i) const { return strides_[i]; }

 private:
  void UpdateRect (const SourcePicture &source, const Rect &r);

  int width_ = 0;
  int height_ = 0;
  Chroma chroma_ = Chroma::k420;
  std::vector<uint8_t> planes_[3];
  int strides_[3] = {0, 0, 0};
};

}  // namespace webdesk
