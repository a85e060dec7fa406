// SPDX-License-Identifier: LGPL-2.1-or-later
#include "output_buffer.h"

#include <gst/webdesk/webdesk.h>

#include <atomic>
#include <vector>

#include "frame_copy.h"

namespace webdesk::wayland {

namespace {

GQuark
BufferIdQuark ()
{
  static GQuark q = g_quark_from_static_string ("webdesk-wayland-buffer-id");
  return q;
}

// A buffer is recognised by an id in its qdata: one the pool allocated anew has none (and
// gets a full copy); the pointer alone could be reused by a new buffer.
const void *
BufferId (GstBuffer *buffer)
{
  static std::atomic<uintptr_t> next_id{1};
  gpointer id = gst_mini_object_get_qdata (GST_MINI_OBJECT (buffer), BufferIdQuark ());
  if (!id) {
    id = reinterpret_cast<gpointer> (next_id++);
    gst_mini_object_set_qdata (GST_MINI_OBJECT (buffer), BufferIdQuark (), id, nullptr);
  }
  return id;
}

}  // namespace

bool
ConfigureOutputPool (GstQuery *query)
{
  GstCaps *caps = nullptr;
  gst_query_parse_allocation (query, &caps, nullptr);
  GstVideoInfo info;
  if (!caps || !gst_video_info_from_caps (&info, caps))
    return false;
  GstBufferPool *pool = nullptr;
  guint size = guint (GST_VIDEO_INFO_SIZE (&info)), min = 0, max = 0;
  const bool update = gst_query_get_n_allocation_pools (query) > 0;
  if (update) {
    gst_query_parse_nth_allocation_pool (query, 0, &pool, &size, &min, &max);
    size = MAX (size, guint (GST_VIDEO_INFO_SIZE (&info)));
  }
  if (!pool)
    pool = gst_video_buffer_pool_new ();
  GstStructure *config = gst_buffer_pool_get_config (pool);
  gst_buffer_pool_config_set_params (config, caps, size, min, max);
  if (gst_query_find_allocation_meta (query, GST_VIDEO_META_API_TYPE, nullptr))
    gst_buffer_pool_config_add_option (config, GST_BUFFER_POOL_OPTION_VIDEO_META);
  if (!gst_buffer_pool_set_config (pool, config)) {
    gst_object_unref (pool);
    return false;
  }
  if (update)
    gst_query_set_nth_allocation_pool (query, 0, pool, size, min, max);
  else
    gst_query_add_allocation_pool (query, pool, size, min, max);
  gst_object_unref (pool);
  return true;
}

FillResult
FillOutputBuffer (GstBuffer *buffer, const GstVideoInfo &info, Compositor &compositor,
    DamageHistory &history, FilledFrame *frame)
{
  const void *id = BufferId (buffer);
  GstVideoFrame vframe;
  if (!gst_video_frame_map (&vframe, const_cast<GstVideoInfo *> (&info), buffer, GST_MAP_WRITE))
    return FillResult::kMapFailed;
  const bool bgra = GST_VIDEO_FRAME_FORMAT (&vframe) == GST_VIDEO_FORMAT_BGRA;
  // BGRx in memory is pixman's x8r8g8b8 on little-endian machines.
  pixman_image_t *dst = pixman_image_create_bits (bgra ? PIXMAN_a8r8g8b8 : PIXMAN_x8r8g8b8,
      GST_VIDEO_FRAME_WIDTH (&vframe), GST_VIDEO_FRAME_HEIGHT (&vframe),
      static_cast<uint32_t *> (GST_VIDEO_FRAME_PLANE_DATA (&vframe, 0)),
      GST_VIDEO_FRAME_PLANE_STRIDE (&vframe, 0));
  // Only the damage, and what this buffer missed since it was last filled, is painted.
  const bool taken = compositor.TakeFrame (dst,
      [&] (const Region &damage) {
        Region paint = history.BeginFrame (id, damage);
        frame->painted_pixels = paint.Area ();
        return paint;
      },
      &frame->damage, &frame->capture_time_ns);
  pixman_image_unref (dst);
  gst_video_frame_unmap (&vframe);
  return taken ? FillResult::kFilled : FillResult::kNoDamage;
}

void
AddDamageMeta (GstBuffer *buffer, const GstVideoInfo &info, const FilledFrame &frame)
{
  Region damage = frame.damage;
  damage.IntersectRect (0, 0, GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  std::vector<GstVideoRectangle> rects;
  for (const auto &b : LimitedBoxes (damage, GST_WEBDESK_DAMAGE_META_MAX_RECTS))
    rects.push_back (GstVideoRectangle{b.x1, b.y1, b.x2 - b.x1, b.y2 - b.y1});
  gst_buffer_add_webdesk_damage_meta (buffer, rects.data (), guint (rects.size ()),
      frame.capture_time_ns);
}

}  // namespace webdesk::wayland
