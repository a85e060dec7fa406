// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk: the damage meta. See webdesk-damage-meta.h and docs/metas.md. */
#include "webdesk-damage-meta.h"

#include <algorithm>
#include <cmath>

static gboolean
damage_meta_init (GstMeta *meta, gpointer params, GstBuffer *buffer)
{
  auto *dmeta = reinterpret_cast<GstWebdeskDamageMeta *> (meta);
  dmeta->capture_time = GST_CLOCK_TIME_NONE;
  dmeta->n_rects = 0;
  dmeta->rects = nullptr;
  return TRUE;
}

static void
damage_meta_free (GstMeta *meta, GstBuffer *buffer)
{
  auto *dmeta = reinterpret_cast<GstWebdeskDamageMeta *> (meta);
  g_free (dmeta->rects);
  dmeta->rects = nullptr;
  dmeta->n_rects = 0;
}

static gboolean
damage_meta_transform (GstBuffer *dest, GstMeta *meta, GstBuffer *buffer, GQuark type,
    gpointer data)
{
  auto *src = reinterpret_cast<GstWebdeskDamageMeta *> (meta);

  if (GST_META_TRANSFORM_IS_COPY (type)) {
    auto *copy = reinterpret_cast<GstMetaTransformCopy *> (data);
    /* A partial copy (a region of the buffer's bytes) says nothing about pixels. */
    if (copy->region)
      return TRUE;
    return gst_buffer_add_webdesk_damage_meta (dest, src->rects, src->n_rects,
        src->capture_time) != nullptr;
  }

  if (GST_VIDEO_META_TRANSFORM_IS_SCALE (type)) {
    auto *trans = reinterpret_cast<GstVideoMetaTransform *> (data);
    const double sx = double (GST_VIDEO_INFO_WIDTH (trans->out_info)) /
        GST_VIDEO_INFO_WIDTH (trans->in_info);
    const double sy = double (GST_VIDEO_INFO_HEIGHT (trans->out_info)) /
        GST_VIDEO_INFO_HEIGHT (trans->in_info);
    auto *dmeta = gst_buffer_add_webdesk_damage_meta (dest, nullptr, 0, src->capture_time);
    if (!dmeta)
      return FALSE;
    dmeta->rects = g_new (GstVideoRectangle, MAX (src->n_rects, 1));
    dmeta->n_rects = src->n_rects;
    for (guint i = 0; i < src->n_rects; i++) {
      /* Grow outwards so a scaled damage rectangle still covers every changed pixel. */
      const GstVideoRectangle &r = src->rects[i];
      const int x0 = int (std::floor (r.x * sx)), y0 = int (std::floor (r.y * sy));
      const int x1 = int (std::ceil ((r.x + r.w) * sx)), y1 = int (std::ceil ((r.y + r.h) * sy));
      dmeta->rects[i] = GstVideoRectangle {x0, y0, x1 - x0, y1 - y0};
    }
    return TRUE;
  }

  return FALSE;
}

GType
gst_webdesk_damage_meta_api_get_type (void)
{
  static GType type = 0;
  static const gchar *tags[] = {GST_META_TAG_VIDEO_STR, GST_META_TAG_VIDEO_SIZE_STR, nullptr};

  if (g_once_init_enter (&type)) {
    GType t = gst_meta_api_type_register ("GstWebdeskDamageMetaAPI", tags);
    g_once_init_leave (&type, t);
  }
  return type;
}

const GstMetaInfo *
gst_webdesk_damage_meta_get_info (void)
{
  static const GstMetaInfo *info = nullptr;

  if (g_once_init_enter ((GstMetaInfo **) &info)) {
    const GstMetaInfo *mi = gst_meta_register (GST_WEBDESK_DAMAGE_META_API_TYPE,
        "GstWebdeskDamageMeta", sizeof (GstWebdeskDamageMeta), damage_meta_init,
        damage_meta_free, damage_meta_transform);
    g_once_init_leave ((GstMetaInfo **) &info, (GstMetaInfo *) mi);
  }
  return info;
}

GstWebdeskDamageMeta *
gst_buffer_add_webdesk_damage_meta (GstBuffer *buffer, const GstVideoRectangle *rects,
    guint n_rects, GstClockTime capture_time)
{
  g_return_val_if_fail (GST_IS_BUFFER (buffer), nullptr);
  g_return_val_if_fail (n_rects == 0 || rects != nullptr, nullptr);

  auto *meta = reinterpret_cast<GstWebdeskDamageMeta *> (
      gst_buffer_add_meta (buffer, GST_WEBDESK_DAMAGE_META_INFO, nullptr));
  if (!meta)
    return nullptr;
  meta->capture_time = capture_time;
  if (n_rects > 0) {
    meta->rects = static_cast<GstVideoRectangle *> (g_memdup2 (rects,
        sizeof (GstVideoRectangle) * n_rects));
    meta->n_rects = n_rects;
  }
  return meta;
}

guint64
gst_webdesk_damage_meta_get_area (const GstWebdeskDamageMeta *meta)
{
  guint64 area = 0;
  for (guint i = 0; i < meta->n_rects; i++)
    area += guint64 (std::max (meta->rects[i].w, 0)) * guint64 (std::max (meta->rects[i].h, 0));
  return area;
}
