// SPDX-License-Identifier: LGPL-2.1-or-later
// Decoding for tests and benchmarks: H.264 access units (annex B) -> BGRx pictures, through
// avdec_h264 (libavcodec) and back to RGB with libyuv's exact BT.601 converters, in the range
// the stream's VUI gives (videoconvert 1.22 rounds badly enough to hide what an encoder does).
#pragma once

#include <gst/gst.h>

#include <vector>

#include "picture.h"

namespace webdesk::testing {

struct DecodedFrame {
  Picture picture;
  bool chroma444 = false;   // the decoder produced Y444 (High 4:4:4) rather than I420
  bool full_range = false;  // the stream said its YCbCr is in full range (0..255)
  // The decoder's planes as they came out, tightly packed (width x height, chroma at its own
  // resolution).
  std::vector<uint8_t> planes[3];
};

// Decodes every access unit in order; returns one frame per decoded picture.
std::vector<DecodedFrame> DecodeH264 (const std::vector<GstBuffer *> &access_units);

// The BGRx picture of a raw YUV frame (I420 or Y444), converted with libyuv (BT.601, limited
// or full range as the caps' colorimetry says), or of GBR planes (RGB coded with the identity
// matrix).
Picture YuvToBgrx (GstBuffer *buffer, GstCaps *caps, bool *chroma444 = nullptr);

// Whether an annex-B access unit holds NAL units of type `nal_type` (5 = IDR, 7 = SPS, 8 = PPS).
bool HasNalType (GstBuffer *access_unit, int nal_type);

}  // namespace webdesk::testing
