// SPDX-License-Identifier: LGPL-2.1-or-later
// waylanddamagesrc's frames: create() waits for damage (or a resize, or the command's end),
// composes only the damaged rectangles into a pooled buffer and stamps it with the damage meta
// and the capture time; decide_allocation() sets up that pool.
#include "gstwaylanddamagesrc-private.h"

#include <gst/webdesk/webdesk.h>

#include <chrono>

#include "output_buffer.h"

#define GST_CAT_DEFAULT gst_wayland_damage_src_debug

using namespace webdesk::wayland;

namespace {

// The running time at which the frame was captured: the element's running time now, less the
// frame's age (0 for a frame captured before the pipeline started).
GstClockTime
running_time_of (GstWaylandDamageSrc *self, uint64_t capture_ns)
{
  const GstClockTime now = gst_element_get_current_running_time (GST_ELEMENT (self));
  if (!GST_CLOCK_TIME_IS_VALID (now))
    return GST_CLOCK_TIME_NONE;
  const uint64_t now_ns = Compositor::NowNs ();
  const uint64_t age = now_ns > capture_ns ? now_ns - capture_ns : 0;
  return now > age ? now - age : 0;
}

}  // namespace

GstFlowReturn
gst_wayland_damage_src_create (GstPushSrc *push, GstBuffer **out)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (push);
  State *s = self->state;

  // Coming back here means downstream took the previous frame: its applications may draw on.
  if (s->frame_out) {
    s->compositor.FramePresented ();
    s->frame_out = false;
  }

  GstBufferPool *pool = nullptr;
  for (;;) {
    if (s->resize_pending.exchange (false)) {
      g_clear_object (&pool);
      if (!gst_base_src_negotiate (GST_BASE_SRC (self))) {
        GST_ELEMENT_ERROR (self, CORE, NEGOTIATION,
            ("Downstream does not accept the requested output size"),
            ("A webdesk-resize event asked for a size downstream caps refuse"));
        return GST_FLOW_NOT_NEGOTIATED;
      }
      // The same size at another scale (a browser's zoom changes the ratio, not the device
      // pixels) gives the same caps, which basesrc does not set again.
      if (s->have_info)
        gst_wayland_damage_src_apply_output (self);
      // size-from-first-viewer: the application starts at the size the viewer asked for.
      if (s->command_waiting.exchange (false) && !gst_wayland_damage_src_start_command (self)) {
        g_clear_object (&pool);
        return GST_FLOW_ERROR;
      }
    }
    if (!gst_wayland_damage_src_command_start_if_due (self)) {
      g_clear_object (&pool);
      return GST_FLOW_ERROR;
    }
    if (!pool)
      pool = gst_base_src_get_buffer_pool (GST_BASE_SRC (self));
    if (!pool || !s->have_info) {
      g_clear_object (&pool);
      GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("No buffer pool was negotiated"),
          ("create() called before caps and allocation"));
      return GST_FLOW_NOT_NEGOTIATED;
    }

    GST_OBJECT_LOCK (self);
    const auto interval = std::chrono::nanoseconds (1000000000 / self->state->max_framerate);
    GST_OBJECT_UNLOCK (self);
    const auto result = s->compositor.WaitForDamage (s->last_frame + interval);
    if (result == Compositor::WaitResult::kWoken)
      continue;
    if (result == Compositor::WaitResult::kInterrupted) {
      gst_object_unref (pool);
      return GST_FLOW_FLUSHING;
    }
    if (result == Compositor::WaitResult::kClosed) {
      gst_object_unref (pool);
      if (s->command_done && !s->command_status.Success ()) {
        GST_ELEMENT_ERROR (self, RESOURCE, FAILED,
            ("The application (command \"%s\") %s", s->command.c_str (),
                s->command_status.Describe ().c_str ()),
            ("See the application's own output for why; the stream has ended"));
        return GST_FLOW_ERROR;
      }
      GST_INFO_OBJECT (self, "the command exited: end of stream");
      return GST_FLOW_EOS;
    }

    GstBuffer *buffer = nullptr;
    GstFlowReturn ret = gst_buffer_pool_acquire_buffer (pool, &buffer, nullptr);
    if (ret != GST_FLOW_OK) {
      gst_object_unref (pool);
      return ret;
    }
    FilledFrame filled;
    const FillResult fill = FillOutputBuffer (buffer, s->info, s->compositor, s->history, &filled);
    if (fill == FillResult::kMapFailed) {
      gst_buffer_unref (buffer);
      gst_object_unref (pool);
      GST_ELEMENT_ERROR (self, RESOURCE, WRITE, ("Could not map an output buffer"), (nullptr));
      return GST_FLOW_ERROR;
    }
    if (fill == FillResult::kNoDamage) {
      gst_buffer_unref (buffer);
      continue;
    }
    gst_object_unref (pool);
    AddDamageMeta (buffer, s->info, filled);

    GST_BUFFER_PTS (buffer) = running_time_of (self, filled.capture_time_ns);
    GST_BUFFER_DTS (buffer) = GST_CLOCK_TIME_NONE;
    GST_BUFFER_DURATION (buffer) = GST_CLOCK_TIME_NONE;
    GST_LOG_OBJECT (self, "frame: %zu damage rects, %" G_GUINT64_FORMAT " px painted",
        filled.damage.Boxes ().size (), filled.painted_pixels);
    s->last_frame = std::chrono::steady_clock::now ();
    s->frame_out = true;
    *out = buffer;
    return GST_FLOW_OK;
  }
}

gboolean
gst_wayland_damage_src_decide_allocation (GstBaseSrc *src, GstQuery *query)
{
  auto *self = GST_WAYLAND_DAMAGE_SRC (src);
  if (!ConfigureOutputPool (query))
    return FALSE;
  GstCaps *caps = nullptr;
  GstVideoInfo info;
  gst_query_parse_allocation (query, &caps, nullptr);
  gst_video_info_from_caps (&info, caps);
  // A new pool means new buffers: forget which frame each old one held.
  self->state->history.Reset (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  return TRUE;
}
