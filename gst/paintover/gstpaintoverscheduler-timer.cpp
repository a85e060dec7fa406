// SPDX-License-Identifier: LGPL-2.1-or-later
/* paintoverscheduler's refinement timer: a task on the src pad that sleeps on the pipeline
 * clock until the next refinement is due and pushes it, and that pushes the catch-up frame at
 * once when the viewers caught up (webdesk-pace). See gstpaintoverscheduler.cpp. */
#include "gstpaintoverscheduler-private.h"

#include "frame_metas.h"

using namespace webdesk::paintover;

#define GST_CAT_DEFAULT paintoverscheduler_debug

/* ---- timer ---------------------------------------------------------------------------------- */

/* The running time of the pipeline clock now, or GST_CLOCK_TIME_NONE without a clock or
 * outside PLAYING (the base time means nothing before). */
GstClockTime
paintover_clock_running_time (GstPaintoverScheduler *self)
{
  if (!self->priv->timer.running ())
    return GST_CLOCK_TIME_NONE;
  return gst_element_get_current_running_time (GST_ELEMENT (self));
}

/* Under stream_lock: the scheduler follows the properties and the pace as they are now. */
bool
paintover_sync_settings (GstPaintoverScheduler *self)
{
  GstPaintoverSchedulerPrivate *priv = self->priv;
  SchedulerSettings s;
  GST_OBJECT_LOCK (self);
  const Props p = priv->props;
  GST_OBJECT_UNLOCK (self);
  s.motion_quality = p.motion_quality;
  s.refine_quality = p.refine_quality;
  s.refine_delay_ns = guint64 (p.refine_delay_ms) * GST_MSECOND;
  s.refine_frames = p.refine_frames;
  s.settle_delay_ns = guint64 (p.settle_delay_ms) * GST_MSECOND;
  s.final_at_once_tiles = p.final_at_once;
  s.burst_interval_ns = priv->frame_interval;
  priv->scheduler.set_settings (s);
  priv->scheduler.SetHeld (priv->behind.load ());
  return p.enabled;
}

/* Under stream_lock: pushes the frame due at running time `when`, if any: a refinement frame,
 * or, once the viewers caught up, the catch-up frame (the newest picture as a motion frame,
 * carrying every tile that changed while frames were held back). */
GstFlowReturn
paintover_push_refinement (GstPaintoverScheduler *self, GstClockTime when)
{
  GstPaintoverSchedulerPrivate *priv = self->priv;
  if (!priv->last)
    return GST_FLOW_OK;
  Decision d = priv->scheduler.OnTimer (when);
  if (d.kind == FrameKind::kDrop)
    return GST_FLOW_OK;
  if (priv->viewers.load () == 0) {
    /* Nobody watches (the last viewer left while they were behind): not sent, and what it
     * carried is not lost: the next frame sent carries the whole picture. */
    priv->unsent = true;
    return GST_FLOW_OK;
  }

  GstBuffer *out = MakeRefinementBuffer (priv->last);
  GstClockTime pts =
      gst_segment_position_from_running_time (&priv->segment, GST_FORMAT_TIME, d.at);
  if (GST_CLOCK_TIME_IS_VALID (priv->last_pts) &&
      (!GST_CLOCK_TIME_IS_VALID (pts) || pts <= priv->last_pts))
    pts = priv->last_pts + 1;
  GST_BUFFER_PTS (out) = pts;
  priv->last_pts = pts;
  paintover_attach_damage (priv, out, {}, d,
      d.kept.empty () ? GST_CLOCK_TIME_NONE : priv->kept_capture);
  AttachQuality (out, d, priv->scheduler.grid ());

  GST_DEBUG_OBJECT (self, "%s frame at %" GST_TIME_FORMAT " (running time %" GST_TIME_FORMAT
      ")%s", d.kind == FrameKind::kRefine ? "refinement" : "catch-up", GST_TIME_ARGS (pts),
      GST_TIME_ARGS (d.at), d.final ? ", final" : "");
  return gst_pad_push (self->srcpad, out);
}

/* The src pad's task: sleeps on the pipeline clock until the next refinement is due. */
void
paintover_timer_loop (GstPaintoverScheduler *self)
{
  GstPaintoverSchedulerPrivate *priv = self->priv;
  uint64_t generation;
  if (!priv->timer.Begin (&generation)) {
    gst_pad_pause_task (self->srcpad);
    return;
  }

  GstClockTime deadline = GST_CLOCK_TIME_NONE;
  bool catch_up = false;
  {
    std::lock_guard<std::mutex> lock (priv->stream_lock);
    if (paintover_sync_settings (self) && priv->last) {
      /* The viewers caught up: what was held back goes out now, at the clock's time. */
      catch_up = !priv->scheduler.held () && priv->scheduler.HasKept () &&
                 priv->timer.running ();
      const uint64_t next = priv->scheduler.NextRefineTime ();
      if (next != kNoTime)
        deadline = next;
    }
  }

  if (catch_up) {
    deadline = paintover_clock_running_time (self);
    if (!GST_CLOCK_TIME_IS_VALID (deadline))
      deadline = 0;  /* the scheduler's own latest time */
  } else {
    GstClock *clock = gst_element_get_clock (GST_ELEMENT (self));
    const GstClockTime base_time = gst_element_get_base_time (GST_ELEMENT (self));
    GST_LOG_OBJECT (self, "next refinement at running time %" GST_TIME_FORMAT,
        GST_TIME_ARGS (deadline));
    const ClockTimer::Result result = priv->timer.Wait (generation, clock,
        GST_CLOCK_TIME_IS_VALID (deadline) ? base_time + deadline : GST_CLOCK_TIME_NONE);
    if (clock)
      gst_object_unref (clock);
    if (result != ClockTimer::Result::kDue)
      return; /* Runs again at once: pauses when stopped, else looks afresh. */
  }

  GstFlowReturn flow = GST_FLOW_OK;
  {
    std::lock_guard<std::mutex> lock (priv->stream_lock);
    /* The pace may have changed while waiting: no refinement once the viewers are behind. */
    if (!priv->timer.stopped () && paintover_sync_settings (self))
      flow = paintover_push_refinement (self, deadline);
  }
  /* NOT_NEGOTIATED here is downstream renegotiating (websocketframesink switches between 4:4:4
   * and 4:2:0 as viewers come and go), not a broken stream: this frame only refined or re-sent
   * a picture that came through the chain, and the next frame negotiates again. Whether the
   * stream can be negotiated at all is the streaming thread's to find out (GstBaseSrc retries
   * while a RECONFIGURE is pending and fails otherwise); an error from here stopped the whole
   * session when viewers came and went quickly. */
  if (flow == GST_FLOW_ERROR)
    GST_ELEMENT_FLOW_ERROR (self, flow);
  else if (flow == GST_FLOW_NOT_NEGOTIATED)
    GST_INFO_OBJECT (self, "downstream is renegotiating: a refinement frame was not taken");
  else if (flow != GST_FLOW_OK)
    GST_DEBUG_OBJECT (self, "refinement frame: %s", gst_flow_get_name (flow));
}

gboolean
paintover_src_activate_mode (GstPad *pad, GstObject *parent, GstPadMode mode,
    gboolean active)
{
  auto *self = GST_PAINTOVER_SCHEDULER (parent);
  if (mode != GST_PAD_MODE_PUSH)
    return FALSE;
  if (active) {
    self->priv->timer.SetStopped (false);
    return gst_pad_start_task (pad, (GstTaskFunction) paintover_timer_loop, self, nullptr);
  }
  self->priv->timer.SetStopped (true);
  return gst_pad_stop_task (pad);
}

