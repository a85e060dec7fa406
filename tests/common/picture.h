// SPDX-License-Identifier: LGPL-2.1-or-later
// Pictures for tests and benchmarks: BGRx images, generated text content, and the comparison
// of two images in RGB the way a viewer sees them (per-channel PSNR, share of badly-off pixels).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace webdesk::testing {

// A tightly packed BGRx picture (stride = 4 * width).
struct Picture {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> bgrx;

  uint8_t *Row (int y) { return bgrx.data () + size_t (y) * width * 4; }
  const uint8_t *Row (int y) const { return bgrx.data () + size_t (y) * width * 4; }
};

struct RgbQuality {
  double psnr_b = 0, psnr_g = 0, psnr_r = 0;  // dB; 99 when identical
  double off_by_48_share = 0;                  // share of pixels with a channel off by > 48
  int max_error = 0;                           // the largest error of any channel of any pixel
  double exact_share = 0;                      // share of pixels exact in every channel
  double MinPsnr () const;
  std::string ToString () const;
};

RgbQuality CompareRgb (const Picture &reference, const Picture &decoded);

// Dense text rendered by GStreamer's textoverlay (pango, DejaVu Sans Mono), deterministic.
// colour is 0xAARRGGBB for the text, background 0xAARRGGBB for the page. The text block is
// `lines` lines of code-like text, tall enough to scroll through.
Picture RenderText (int width, int height, uint32_t colour, uint32_t background, int font_px = 13,
    int first_line = 0);

// A window of `height` rows cut from a taller picture at row `top` (scrolling content).
Picture Crop (const Picture &tall, int top, int height);

}  // namespace webdesk::testing
