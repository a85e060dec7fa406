// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: the quality meta. See webdesk-quality-meta.h and docs/metas.md. */
#include "webdesk-quality-meta.h"

static gboolean
quality_meta_init (GstMeta *meta, gpointer params, GstBuffer *buffer)
{
  auto *qmeta = reinterpret_cast<GstWebdeskQualityMeta *> (meta);
  qmeta->quality = 0;
  qmeta->flags = GST_WEBDESK_QUALITY_FLAG_NONE;
  qmeta->tile_size = qmeta->tiles_x = qmeta->tiles_y = 0;
  qmeta->tile_quality = nullptr;
  return TRUE;
}

static void
quality_meta_free (GstMeta *meta, GstBuffer *buffer)
{
  auto *qmeta = reinterpret_cast<GstWebdeskQualityMeta *> (meta);
  g_free (qmeta->tile_quality);
  qmeta->tile_quality = nullptr;
}

static gboolean
quality_meta_transform (GstBuffer *dest, GstMeta *meta, GstBuffer *buffer, GQuark type,
    gpointer data)
{
  auto *src = reinterpret_cast<GstWebdeskQualityMeta *> (meta);

  /* Copies only: the tile map is in pixels, so a scaled frame loses it (and so the meta). */
  if (!GST_META_TRANSFORM_IS_COPY (type))
    return FALSE;
  auto *copy = reinterpret_cast<GstMetaTransformCopy *> (data);
  if (copy->region)
    return TRUE;
  auto *dmeta = gst_buffer_add_webdesk_quality_meta (dest, src->quality, src->flags);
  if (!dmeta)
    return FALSE;
  if (src->tile_size)
    gst_webdesk_quality_meta_set_tiles (dmeta, src->tile_size, src->tiles_x, src->tiles_y,
        src->tile_quality);
  return TRUE;
}

GType
gst_webdesk_quality_meta_api_get_type (void)
{
  static GType type = 0;
  /* No tags: the meta describes the frame as a whole, so GstVideoEncoder carries it over to
   * the encoded buffer, where the sink reads the refine flag. */
  static const gchar *tags[] = {nullptr};

  if (g_once_init_enter (&type)) {
    GType t = gst_meta_api_type_register ("GstWebdeskQualityMetaAPI", tags);
    g_once_init_leave (&type, t);
  }
  return type;
}

const GstMetaInfo *
gst_webdesk_quality_meta_get_info (void)
{
  static const GstMetaInfo *info = nullptr;

  if (g_once_init_enter ((GstMetaInfo **) &info)) {
    const GstMetaInfo *mi = gst_meta_register (GST_WEBDESK_QUALITY_META_API_TYPE,
        "GstWebdeskQualityMeta", sizeof (GstWebdeskQualityMeta), quality_meta_init,
        quality_meta_free, quality_meta_transform);
    g_once_init_leave ((GstMetaInfo **) &info, (GstMetaInfo *) mi);
  }
  return info;
}

GstWebdeskQualityMeta *
gst_buffer_add_webdesk_quality_meta (GstBuffer *buffer, guint quality,
    GstWebdeskQualityFlags flags)
{
  g_return_val_if_fail (GST_IS_BUFFER (buffer), nullptr);
  g_return_val_if_fail (quality <= GST_WEBDESK_QUALITY_MAX, nullptr);

  auto *meta = reinterpret_cast<GstWebdeskQualityMeta *> (
      gst_buffer_add_meta (buffer, GST_WEBDESK_QUALITY_META_INFO, nullptr));
  if (!meta)
    return nullptr;
  meta->quality = quality;
  meta->flags = flags;
  return meta;
}

gboolean
gst_webdesk_quality_meta_set_tiles (GstWebdeskQualityMeta *meta, guint tile_size, guint tiles_x,
    guint tiles_y, const guint8 *tile_quality)
{
  g_return_val_if_fail (meta != nullptr, FALSE);
  g_return_val_if_fail (tile_size > 0 && tile_size % 16 == 0, FALSE);
  g_return_val_if_fail (tiles_x > 0 && tiles_y > 0 && tile_quality != nullptr, FALSE);

  g_free (meta->tile_quality);
  meta->tile_quality = static_cast<guint8 *> (g_memdup2 (tile_quality, gsize (tiles_x) * tiles_y));
  meta->tile_size = tile_size;
  meta->tiles_x = tiles_x;
  meta->tiles_y = tiles_y;
  return TRUE;
}
