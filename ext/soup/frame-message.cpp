// SPDX-License-Identifier: LGPL-2.1-or-later
#include "frame-message.h"

#include <gst/webdesk/webdesk.h>

#include <cstring>
#include <vector>

#include "frame-header.h"
#include "protocol.h"

namespace webdesk {

bool
MakeFrameMessage (GstBuffer *buffer, uint32_t sequence, int width, int height,
    int64_t arrival_us, FrameMessage *out)
{
  GstMapInfo map;
  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return false;
  out->info = InspectAccessUnit (map.data, map.size);

  FrameHeader header;
  header.sequence = sequence;
  header.width = guint16 (width);
  header.height = guint16 (height);
  header.payload_bytes = guint32 (map.size);
  header.capture_time_us = guint64 (arrival_us);
  // A decoder can start here only with the IDR and its parameter sets in the same access unit.
  const bool keyframe = out->info.has_idr && out->info.has_sps;
  if (keyframe)
    header.flags |= protocol::kFlagKeyframe;
  if (GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (buffer)) {
    if (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE)
      header.flags |= protocol::kFlagRefine;
    if (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL)
      header.flags |= protocol::kFlagFinal;
  }
  GstWebdeskDamageMeta *d = gst_buffer_get_webdesk_damage_meta (buffer);
  if (d && GST_CLOCK_TIME_IS_VALID (d->capture_time)) {
    header.capture_time_us = d->capture_time / 1000;
    header.flags |= protocol::kFlagCaptureTimeFromSource;
  }

  std::vector<uint8_t> head;
  head.reserve (protocol::kFrameHeaderLength);
  WriteFrameHeader (header, &head);
  const gsize total = head.size () + map.size;
  auto *message = static_cast<guint8 *> (g_malloc (total));
  memcpy (message, head.data (), head.size ());
  memcpy (message + head.size (), map.data, map.size);
  gst_buffer_unmap (buffer, &map);

  out->bytes = g_bytes_new_take (message, total);
  out->facts.sequence = sequence;
  out->facts.keyframe = keyframe;
  out->facts.high444 = out->info.IsHigh444 ();
  out->facts.lossless = out->info.IsLossless ();
  out->facts.bytes = total;
  return true;
}

}  // namespace webdesk
