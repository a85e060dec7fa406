// SPDX-License-Identifier: LGPL-2.1-or-later
// See h264-info.h. The three SPS bytes read here are fixed-length fields right after the NAL
// header (ITU-T H.264 7.3.2.1.1); the transform-bypass flag comes after Exp-Golomb fields, so
// GStreamer's parser reads it.
#include "h264-info.h"

#include <gst/codecparsers/gsth264parser.h>

#include <cstdio>

namespace webdesk {

std::string
AccessUnitInfo::CodecString () const
{
  if (!has_sps)
    return {};
  char text[16];
  std::snprintf (text, sizeof text, "avc1.%02X%02X%02X", profile_idc, constraints, level_idc);
  return text;
}

namespace {

// The SPS starting with the start code at `offset`.
bool
SpsHasTransformBypass (const uint8_t *data, size_t offset, size_t size)
{
  GstH264NalParser *parser = gst_h264_nal_parser_new ();
  GstH264NalUnit nalu;
  GstH264SPS sps;
  bool bypass = false;
  const GstH264ParserResult found =
      gst_h264_parser_identify_nalu (parser, data, guint (offset), size, &nalu);
  if ((found == GST_H264_PARSER_OK || found == GST_H264_PARSER_NO_NAL_END) &&
      gst_h264_parser_parse_sps (parser, &nalu, &sps) == GST_H264_PARSER_OK) {
    bypass = sps.qpprime_y_zero_transform_bypass_flag != 0;
    gst_h264_sps_clear (&sps);
  }
  gst_h264_nal_parser_free (parser);
  return bypass;
}

}  // namespace

AccessUnitInfo
InspectAccessUnit (const uint8_t *data, size_t size)
{
  AccessUnitInfo info;
  size_t i = 0;
  while (i + 3 <= size) {
    // A start code is 00 00 01 (a 4-byte 00 00 00 01 ends with the same three bytes).
    if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1) {
      i++;
      continue;
    }
    const size_t nal = i + 3;
    if (nal >= size)
      break;
    const int type = data[nal] & 0x1f;
    if (type == 5) {
      info.has_idr = true;
    } else if (type == 7 && !info.has_sps && nal + 3 < size) {
      info.has_sps = true;
      info.profile_idc = data[nal + 1];
      info.constraints = data[nal + 2];
      info.level_idc = data[nal + 3];
      info.transform_bypass = SpsHasTransformBypass (data, i, size);
    }
    i = nal + 1;
  }
  return info;
}

}  // namespace webdesk
