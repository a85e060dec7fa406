// SPDX-License-Identifier: LGPL-2.1-or-later
#include "frame_metas.h"

#include <gst/webdesk/webdesk.h>

#include "tile_diff.h"

namespace webdesk::paintover {

// One PlaneView per plane of a mapped frame, with the plane's subsampling.
static std::vector<PlaneView>
PlanesOf (const GstVideoFrame &frame)
{
  const GstVideoFormatInfo *finfo = frame.info.finfo;
  std::vector<PlaneView> planes;
  for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (&frame); p++) {
    PlaneView view;
    view.data = static_cast<const uint8_t *> (GST_VIDEO_FRAME_PLANE_DATA (&frame, p));
    view.stride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, p);
    for (guint c = 0; c < GST_VIDEO_FORMAT_INFO_N_COMPONENTS (finfo); c++) {
      if (GST_VIDEO_FORMAT_INFO_PLANE (finfo, c) != p)
        continue;
      view.bytes_per_pixel = GST_VIDEO_FORMAT_INFO_PSTRIDE (finfo, c);
      view.x_shift = GST_VIDEO_FORMAT_INFO_W_SUB (finfo, c);
      view.y_shift = GST_VIDEO_FORMAT_INFO_H_SUB (finfo, c);
      break;
    }
    planes.push_back (view);
  }
  return planes;
}

bool
ChangedTiles (const TileGrid &grid, const GstVideoInfo *info, GstBuffer *previous,
    GstBuffer *buf, TileMask *changed, bool *had_damage)
{
  if (const GstWebdeskDamageMeta *damage = gst_buffer_get_webdesk_damage_meta (buf)) {
    std::vector<Rect> rects;
    for (guint i = 0; i < damage->n_rects; i++) {
      const GstVideoRectangle &r = damage->rects[i];
      rects.push_back (Rect {r.x, r.y, r.w, r.h});
    }
    *changed = grid.TilesCovering (rects);
    *had_damage = true;
    return true;
  }
  *had_damage = false;
  if (!previous) {
    changed->assign (size_t (grid.count ()), 1);
    return true;
  }
  GstVideoFrame before, after;
  if (!gst_video_frame_map (&before, info, previous, GST_MAP_READ))
    return false;
  if (!gst_video_frame_map (&after, info, buf, GST_MAP_READ)) {
    gst_video_frame_unmap (&before);
    return false;
  }
  *changed = TileDiff (grid).Compare (PlanesOf (before), PlanesOf (after));
  gst_video_frame_unmap (&after);
  gst_video_frame_unmap (&before);
  return true;
}

static void
RemoveMetas (GstBuffer *buf, GType api)
{
  gpointer state = nullptr;
  GstMeta *meta;
  while ((meta = gst_buffer_iterate_meta_filtered (buf, &state, api))) {
    gst_buffer_remove_meta (buf, meta);
    state = nullptr;
  }
}

void
AttachQuality (GstBuffer *buf, const Decision &decision, const TileGrid &grid)
{
  RemoveMetas (buf, GST_WEBDESK_QUALITY_META_API_TYPE);
  int flags = GST_WEBDESK_QUALITY_FLAG_NONE;
  if (decision.kind == FrameKind::kRefine)
    flags |= GST_WEBDESK_QUALITY_FLAG_REFINE;
  if (decision.final)
    flags |= GST_WEBDESK_QUALITY_FLAG_FINAL;
  GstWebdeskQualityMeta *meta =
      gst_buffer_add_webdesk_quality_meta (buf, decision.quality, GstWebdeskQualityFlags (flags));
  if (meta && !grid.empty () && decision.tile_quality.size () == size_t (grid.count ()))
    gst_webdesk_quality_meta_set_tiles (meta, guint (grid.tile_size ()), guint (grid.tiles_x ()),
        guint (grid.tiles_y ()), decision.tile_quality.data ());
}

void
AttachDamage (GstBuffer *buf, const std::vector<Rect> &rects, GstClockTime capture_time)
{
  RemoveMetas (buf, GST_WEBDESK_DAMAGE_META_API_TYPE);
  std::vector<GstVideoRectangle> vrects;
  for (const Rect &r : rects)
    vrects.push_back (GstVideoRectangle {r.x, r.y, r.w, r.h});
  gst_buffer_add_webdesk_damage_meta (buf, vrects.data (), guint (vrects.size ()), capture_time);
}

GstBuffer *
MakeRefinementBuffer (GstBuffer *picture)
{
  GstBuffer *out = gst_buffer_new ();
  gst_buffer_copy_into (out, picture,
      GstBufferCopyFlags (GST_BUFFER_COPY_FLAGS | GST_BUFFER_COPY_MEMORY | GST_BUFFER_COPY_META),
      0, -1);
  RemoveMetas (out, GST_WEBDESK_DAMAGE_META_API_TYPE);
  RemoveMetas (out, GST_WEBDESK_QUALITY_META_API_TYPE);
  GST_BUFFER_FLAG_UNSET (out, GST_BUFFER_FLAG_DISCONT);
  GST_BUFFER_PTS (out) = GST_BUFFER_DTS (out) = GST_BUFFER_DURATION (out) = GST_CLOCK_TIME_NONE;
  return out;
}

}  // namespace webdesk::paintover
