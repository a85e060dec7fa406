// SPDX-License-Identifier: GPL-2.0-or-later
/* h264qualityenc: input buffers as plain facts. See gsth264qualityenc-frame.h. */
#include "gsth264qualityenc-frame.h"

#include <gst/webdesk/webdesk.h>

webdesk::SourcePicture
gst_h264_quality_enc_source_picture (GstVideoFrame *vframe)
{
  webdesk::SourcePicture source;
  switch (GST_VIDEO_FRAME_FORMAT (vframe)) {
    case GST_VIDEO_FORMAT_I420:
      source.format = webdesk::PixelFormat::kI420;
      break;
    case GST_VIDEO_FORMAT_Y444:
      source.format = webdesk::PixelFormat::kY444;
      break;
    default: /* BGRx, BGRA: the same bytes for libyuv, alpha ignored */
      source.format = webdesk::PixelFormat::kBGRx;
      break;
  }
  source.width = GST_VIDEO_FRAME_WIDTH (vframe);
  source.height = GST_VIDEO_FRAME_HEIGHT (vframe);
  for (guint i = 0; i < GST_VIDEO_FRAME_N_PLANES (vframe) && i < 3; i++) {
    source.plane[i] = static_cast<const uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (vframe, i));
    source.stride[i] = GST_VIDEO_FRAME_PLANE_STRIDE (vframe, i);
  }
  return source;
}

webdesk::FrameFacts
gst_h264_quality_enc_frame_facts (GstBuffer *buffer, int width, int height, int default_quality)
{
  webdesk::FrameFacts facts;
  facts.width = width;
  facts.height = height;
  facts.quality = default_quality;
  if (GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (buffer)) {
    facts.quality = int (q->quality);
    facts.refine = (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE) != 0;
    if (q->tile_size && q->tile_quality) {
      facts.tiles.tile_size = int (q->tile_size);
      facts.tiles.tiles_x = int (q->tiles_x);
      facts.tiles.tiles_y = int (q->tiles_y);
      facts.tiles.quality = q->tile_quality;
    }
  }
  if (GstWebdeskDamageMeta *d = gst_buffer_get_webdesk_damage_meta (buffer)) {
    facts.damage_known = true;
    for (guint i = 0; i < d->n_rects; i++)
      facts.damage.push_back (
          webdesk::Rect{d->rects[i].x, d->rects[i].y, d->rects[i].w, d->rects[i].h});
  }
  return facts;
}
