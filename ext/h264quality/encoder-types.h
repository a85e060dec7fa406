// SPDX-License-Identifier: GPL-2.0-or-later
// Plain value types shared by h264qualityenc's pure modules (no GStreamer here).
#pragma once

#include <cstdint>

namespace webdesk {

// Chroma subsampling of the encoded stream.
enum class Chroma { k420, k444 };

// How RGB is turned into YCbCr (BT.601): limited range (16..235, what a decoder assumes
// without a colour description) or full range (0..255, as JPEG: grey stays grey, exactly,
// through a round trip; the VUI says so).
enum class ColourRange { kLimited, kFull };

// A rectangle in picture pixels.
struct Rect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// Input pixel layouts the encoder accepts. kBGRx covers BGRA too (alpha is ignored): both are
// B, G, R, x bytes in memory, which libyuv calls "ARGB".
enum class PixelFormat { kBGRx, kI420, kY444 };

// One input picture as planes in memory (only plane 0 for kBGRx).
struct SourcePicture {
  PixelFormat format = PixelFormat::kBGRx;
  int width = 0;
  int height = 0;
  const uint8_t *plane[3] = {nullptr, nullptr, nullptr};
  int stride[3] = {0, 0, 0};
};

// Highest (worst) quantiser of H.264 at 8 bits; quality values use the same 0..51 scale.
constexpr int kMaxQuality = 51;
// Tile value meaning "this tile did not change and needs nothing" (GST_WEBDESK_TILE_UNCHANGED).
constexpr uint8_t kTileUnchanged = 0xFF;

}  // namespace webdesk
