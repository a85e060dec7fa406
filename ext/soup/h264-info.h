// SPDX-License-Identifier: LGPL-2.1-or-later
// What the sink needs to know about an H.264 access unit (annex B) without decoding it: is it
// an IDR, which codec string (avc1.PPCCLL) and chroma format does its SPS announce, and may it
// code macroblocks losslessly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace webdesk {

struct AccessUnitInfo {
  bool has_idr = false;      // holds an IDR slice (NAL type 5)
  bool has_sps = false;      // holds a sequence parameter set (NAL type 7)
  uint8_t profile_idc = 0;   // from the SPS, when has_sps
  uint8_t constraints = 0;
  uint8_t level_idc = 0;
  // qpprime_y_zero_transform_bypass_flag: macroblocks at QP 0 are lossless (h264qualityenc's
  // lossless final frames). Read with GStreamer's H.264 parser.
  bool transform_bypass = false;

  // "avc1.PPCCLL" as WebCodecs wants it (upper-case hex); empty without an SPS.
  std::string CodecString () const;
  // High 4:4:4 Predictive (profile_idc 244): only clients that decode 4:4:4 can start here.
  bool IsHigh444 () const { return has_sps && profile_idc == 244; }
  // Lossless frames may follow: only clients that decode them exactly can start here.
  bool IsLossless () const { return has_sps && transform_bypass; }
};

AccessUnitInfo InspectAccessUnit (const uint8_t *data, size_t size);

}  // namespace webdesk
