// SPDX-License-Identifier: GPL-2.0-or-later
// The picture of the web client's lossless trial (web/src/trial-lossless.js): 32x32 full-range
// YCbCr 4:4:4 given by a formula, so that the page can check the decoder's output sample by
// sample without shipping the picture. The left half is grey (Cb = Cr = 128): there a browser
// that honours the VUI's full range draws R = G = B = Y exactly. web/src/capability.js has the
// same formula.
#pragma once

#include <cstdint>

namespace webdesk::testing {

constexpr int kTrialSize = 32;

inline uint8_t
TrialSample (int plane, int x, int y)
{
  if (plane == 0)
    return uint8_t ((x * 37 + y * 11 + (x * y) % 7) & 255);
  if (x < kTrialSize / 2)
    return 128;
  return plane == 1 ? uint8_t ((x * 5 + y * 9) & 255) : uint8_t ((255 - x * 7 - y * 3) & 255);
}

}  // namespace webdesk::testing
