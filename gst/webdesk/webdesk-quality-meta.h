// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: the quality meta — how a frame is to be encoded.
 *
 * paintoverscheduler attaches one to every buffer it lets through; h264qualityenc reads it
 * (and copies it onto the encoded buffer, where websocketframesink reads the refine flag).
 * Without it an encoder uses its own `quality` property. See docs/metas.md. */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define GST_WEBDESK_QUALITY_META_API_TYPE (gst_webdesk_quality_meta_api_get_type ())
#define GST_WEBDESK_QUALITY_META_INFO (gst_webdesk_quality_meta_get_info ())

/* Quality is a CRF-like target on x264's scale: 0 (lossless) .. 51 (worst). */
#define GST_WEBDESK_QUALITY_MAX 51
/* In a tile map: "this tile did not change and needs nothing" (the encoder may skip it). */
#define GST_WEBDESK_TILE_UNCHANGED 0xFF

typedef enum {
  GST_WEBDESK_QUALITY_FLAG_NONE = 0,
  /* The picture is unchanged; this frame re-encodes it at a better quality (paint-over). */
  GST_WEBDESK_QUALITY_FLAG_REFINE = (1 << 0),
  /* The last frame of a refinement burst: after it the picture is final. */
  GST_WEBDESK_QUALITY_FLAG_FINAL = (1 << 1),
} GstWebdeskQualityFlags;

typedef struct {
  GstMeta meta;
  /* Target quality of the frame, 0..51 (lower is better). */
  guint quality;
  GstWebdeskQualityFlags flags;
  /* Optional per-tile map, row-major, tiles_x * tiles_y entries of 0..51 or
   * GST_WEBDESK_TILE_UNCHANGED; tile_size is in pixels and a multiple of 16. tile_size == 0
   * means no map: the whole frame is at `quality`. */
  guint tile_size;
  guint tiles_x;
  guint tiles_y;
  guint8 *tile_quality;
} GstWebdeskQualityMeta;

GType gst_webdesk_quality_meta_api_get_type (void);
const GstMetaInfo *gst_webdesk_quality_meta_get_info (void);

GstWebdeskQualityMeta *gst_buffer_add_webdesk_quality_meta (GstBuffer *buffer, guint quality,
    GstWebdeskQualityFlags flags);

/* Gives the meta a tile map (copied); returns FALSE on inconsistent arguments. */
gboolean gst_webdesk_quality_meta_set_tiles (GstWebdeskQualityMeta *meta, guint tile_size,
    guint tiles_x, guint tiles_y, const guint8 *tile_quality);

#define gst_buffer_get_webdesk_quality_meta(b) \
  ((GstWebdeskQualityMeta *) gst_buffer_get_meta ((b), GST_WEBDESK_QUALITY_META_API_TYPE))

G_END_DECLS
