// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: the damage meta — which rectangles of a video frame changed, and when.
 *
 * A source that knows its damage (waylanddamagesrc) attaches one to every buffer; elements
 * that need it (paintoverscheduler, h264qualityenc) read it. Absent means "anything may have
 * changed"; present with zero rectangles means "nothing changed since the previous buffer".
 * See docs/metas.md. */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>

G_BEGIN_DECLS

#define GST_WEBDESK_DAMAGE_META_API_TYPE (gst_webdesk_damage_meta_api_get_type ())
#define GST_WEBDESK_DAMAGE_META_INFO (gst_webdesk_damage_meta_get_info ())

/* More rectangles than this are merged into their bounding box by the producer. */
#define GST_WEBDESK_DAMAGE_META_MAX_RECTS 64

typedef struct {
  GstMeta meta;
  /* When the change was captured: CLOCK_MONOTONIC in nanoseconds (g_get_monotonic_time () *
   * 1000, the clock GstSystemClock uses by default), so latency can be measured end to end. */
  GstClockTime capture_time;
  /* Rectangles in buffer pixel coordinates, clipped to the frame, that changed since the
   * previous buffer of the stream. */
  guint n_rects;
  GstVideoRectangle *rects;
} GstWebdeskDamageMeta;

GType gst_webdesk_damage_meta_api_get_type (void);
const GstMetaInfo *gst_webdesk_damage_meta_get_info (void);

GstWebdeskDamageMeta *gst_buffer_add_webdesk_damage_meta (GstBuffer *buffer,
    const GstVideoRectangle *rects, guint n_rects, GstClockTime capture_time);

#define gst_buffer_get_webdesk_damage_meta(b) \
  ((GstWebdeskDamageMeta *) gst_buffer_get_meta ((b), GST_WEBDESK_DAMAGE_META_API_TYPE))

/* Sum of the rectangle areas (overlaps counted twice) — enough to judge "how much moved". */
guint64 gst_webdesk_damage_meta_get_area (const GstWebdeskDamageMeta *meta);

G_END_DECLS
