// SPDX-License-Identifier: LGPL-2.1-or-later
/* SECTION:element-paintoverscheduler
 *
 * paintoverscheduler decides, for every frame, how an encoder should encode it, and refines
 * the picture ("paint-over") once it stops moving.
 *
 * - Frames that did not change are dropped: a still screen costs nothing downstream.
 * - Frames that changed are passed on with a #GstWebdeskQualityMeta at `motion-quality` and a
 *   per-tile map: moving tiles at `motion-quality`, untouched tiles "unchanged".
 * - A tile that has been still for `refine-delay` milliseconds gets `refine-frames` passes at
 *   `refine-quality`. When nothing else moves, the element pushes these refinement frames
 *   itself, from a timer on the pipeline clock, by re-sending the last picture (a new buffer
 *   sharing its memory: no pixel copy) with a damage meta of zero rectangles and a quality meta
 *   flagged REFINE (FINAL on the last one). While another region keeps moving (a video, a
 *   blinking caret) the refinement of the still tiles rides on the moving frames.
 * - Motion comes from the #GstWebdeskDamageMeta when the source provides one
 *   (waylanddamagesrc); otherwise the element compares each frame with the previous one, tile by
 *   tile, and attaches the damage meta itself.
 * - An upstream force-key-unit request (a viewer joined) is passed upstream untouched and also
 *   re-sends the still picture, so that an encoder has a frame to make the keyframe from.
 * - While the viewers are behind (the upstream `webdesk-pace` event from websocketframesink),
 *   frames are held back: the newest picture and the union of the tiles that changed are kept,
 *   and refinement waits. Once they caught up, the src pad's task pushes one motion frame at
 *   once (the newest picture, its damage the kept tiles), and refinement resumes. The stream
 *   slows to what the viewers decode instead of their backlog growing.
 * - On EOS a pending refinement is pushed at once, so a recording ends refined.
 *
 * Upstream events (navigation, force-key-unit, webdesk-resize, webdesk-clipboard,
 * webdesk-viewers, webdesk-pace) pass through.
 * With `enabled=false` the element is a plain passthrough (every frame, no metas).
 *
 * ## Example launch line
 * |[
 * gst-launch-1.0 videotestsrc pattern=ball is-live=true ! video/x-raw,format=BGRx ! \
 *     paintoverscheduler refine-delay=150 ! h264qualityenc ! websocketframesink port=8080
 * ]|
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstpaintoverscheduler.h"

#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <algorithm>

#include "frame_metas.h"
#include "gstpaintoverscheduler-private.h"

using namespace webdesk::paintover;

GST_DEBUG_CATEGORY (paintoverscheduler_debug);
#define GST_CAT_DEFAULT paintoverscheduler_debug

#define VIDEO_FORMATS "{ BGRx, BGRA, RGBx, RGBA, xRGB, xBGR, ARGB, ABGR, I420, YV12, NV12, Y444, Y42B }"

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink", GST_PAD_SINK,
    GST_PAD_ALWAYS, GST_STATIC_CAPS (GST_VIDEO_CAPS_MAKE (VIDEO_FORMATS)));
static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src", GST_PAD_SRC,
    GST_PAD_ALWAYS, GST_STATIC_CAPS (GST_VIDEO_CAPS_MAKE (VIDEO_FORMATS)));

#define gst_paintover_scheduler_parent_class parent_class
G_DEFINE_TYPE (GstPaintoverScheduler, gst_paintover_scheduler, GST_TYPE_ELEMENT);
GST_ELEMENT_REGISTER_DEFINE (paintoverscheduler, "paintoverscheduler", GST_RANK_NONE,
    GST_TYPE_PAINTOVER_SCHEDULER);

/* ---- frames --------------------------------------------------------------------------------- */

/* Under stream_lock: forgets the stream's pictures (new caps, flush, re-enabled). */
static void
reset_stream (GstPaintoverScheduler *self)
{
  GstPaintoverSchedulerPrivate *priv = self->priv;
  gst_clear_buffer (&priv->last);
  priv->unsent = false;
  priv->kept_capture = GST_CLOCK_TIME_NONE;
  priv->last_pts = GST_CLOCK_TIME_NONE;
  if (priv->have_info) {
    GST_OBJECT_LOCK (self);
    const int tile = int (priv->props.tile_size);
    GST_OBJECT_UNLOCK (self);
    priv->scheduler.Reset (TileGrid (GST_VIDEO_INFO_WIDTH (&priv->info),
        GST_VIDEO_INFO_HEIGHT (&priv->info), tile));
  } else {
    priv->scheduler.Reset (TileGrid ());
  }
}

/* The running time a frame counts at: when it arrives here, or its timestamp if that is later
 * (a source running ahead of the clock). Arrival, not the timestamp, is what matters when the
 * pipeline lags: a frame that waited 200 ms upstream was still moving when it arrived, and
 * its tiles must not be refined at once. */
static GstClockTime
frame_running_time (GstPaintoverScheduler *self, GstBuffer *buf)
{
  GstPaintoverSchedulerPrivate *priv = self->priv;
  const GstClockTime stamped = gst_segment_to_running_time (&priv->segment, GST_FORMAT_TIME,
      GST_BUFFER_PTS (buf));
  const GstClockTime arrived = paintover_clock_running_time (self);
  if (GST_CLOCK_TIME_IS_VALID (stamped) && GST_CLOCK_TIME_IS_VALID (arrived))
    return std::max (stamped, arrived);
  if (GST_CLOCK_TIME_IS_VALID (stamped))
    return stamped;
  /* The scheduler keeps time monotonic: 0 means "no later than the last frame". */
  return GST_CLOCK_TIME_IS_VALID (arrived) ? arrived : 0;
}

static GstFlowReturn
gst_paintover_scheduler_chain (GstPad *pad, GstObject *parent, GstBuffer *buf)
{
  auto *self = GST_PAINTOVER_SCHEDULER (parent);
  GstPaintoverSchedulerPrivate *priv = self->priv;
  GstFlowReturn ret;
  {
    std::lock_guard<std::mutex> lock (priv->stream_lock);
    const bool enabled = paintover_sync_settings (self);
    if (enabled != priv->was_enabled) {
      GST_INFO_OBJECT (self, "scheduling %s", enabled ? "enabled" : "disabled");
      priv->was_enabled = enabled;
      reset_stream (self);
    }
    if (!enabled)
      return gst_pad_push (self->srcpad, buf);

    if (!priv->have_info) {
      gst_buffer_unref (buf);
      GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("paintoverscheduler got a frame before caps"),
          ("Put a source or capsfilter that sets video/x-raw caps in front of it."));
      return GST_FLOW_NOT_NEGOTIATED;
    }

    const GstClockTime now = frame_running_time (self, buf);
    bool have_damage = false;
    TileMask changed;
    if (!ChangedTiles (priv->scheduler.grid (), &priv->info, priv->last, buf, &changed,
            &have_damage)) {
      gst_buffer_unref (buf);
      GST_ELEMENT_ERROR (self, STREAM, FAILED,
          ("Could not read a video frame to compare it with the previous one; feed "
           "system-memory frames, or frames carrying a webdesk damage meta"),
          ("gst_video_frame_map failed"));
      return GST_FLOW_ERROR;
    }

    Decision d = priv->scheduler.OnFrame (now, changed);
    const GstWebdeskDamageMeta *source_damage = gst_buffer_get_webdesk_damage_meta (buf);
    const GstClockTime capture = have_damage ? source_damage->capture_time
                                             : GstClockTime (g_get_monotonic_time ()) * 1000;
    if (priv->viewers.load () == 0) {
      /* Nobody watches: encoding would be wasted. Keep the newest picture; a viewer who joins
       * asks for a keyframe, which re-sends it whole. */
      GST_LOG_OBJECT (self, "no viewers: frame kept back");
      priv->unsent = priv->unsent || d.kind != FrameKind::kDrop;
      gst_buffer_replace (&priv->last, buf);
      gst_buffer_unref (buf);
      ret = GST_FLOW_OK;
    } else if (d.kind == FrameKind::kDrop) {
      GST_LOG_OBJECT (self, "unchanged frame at %" GST_TIME_FORMAT " dropped",
          GST_TIME_ARGS (GST_BUFFER_PTS (buf)));
      gst_buffer_unref (buf);
      ret = GST_FLOW_OK;
    } else if (d.kind == FrameKind::kHeld) {
      /* The viewers are behind: keep the newest picture; the scheduler keeps what changed, and
       * the timer sends it all in one frame once they caught up. */
      GST_LOG_OBJECT (self, "viewers behind: frame at %" GST_TIME_FORMAT " kept back",
          GST_TIME_ARGS (GST_BUFFER_PTS (buf)));
      priv->kept_capture = capture;
      gst_buffer_replace (&priv->last, buf);
      gst_buffer_unref (buf);
      ret = GST_FLOW_OK;
    } else {
      buf = gst_buffer_make_writable (buf);
      AttachQuality (buf, d, priv->scheduler.grid ());
      /* Else the source's own damage meta stays. */
      if (priv->unsent || !have_damage || !d.kept.empty ())
        paintover_attach_damage (priv, buf, changed, d, capture);
      /* Timestamps only go forward for the encoder, even when a refinement frame (stamped
       * when it was sent) went out before this late frame arrived. */
      if (GST_CLOCK_TIME_IS_VALID (priv->last_pts) && GST_BUFFER_PTS_IS_VALID (buf) &&
          GST_BUFFER_PTS (buf) <= priv->last_pts)
        GST_BUFFER_PTS (buf) = priv->last_pts + 1;
      if (GST_BUFFER_PTS_IS_VALID (buf))
        priv->last_pts = GST_BUFFER_PTS (buf);
      gst_buffer_replace (&priv->last, buf);
      GST_LOG_OBJECT (self, "motion frame at %" GST_TIME_FORMAT, GST_TIME_ARGS (GST_BUFFER_PTS (buf)));
      ret = gst_pad_push (self->srcpad, buf);
    }
  }
  priv->timer.Wake ();
  return ret;
}

/* ---- events --------------------------------------------------------------------------------- */

static gboolean
gst_paintover_scheduler_sink_event (GstPad *pad, GstObject *parent, GstEvent *event)
{
  auto *self = GST_PAINTOVER_SCHEDULER (parent);
  GstPaintoverSchedulerPrivate *priv = self->priv;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_FLUSH_START: {
      /* Not under stream_lock: a push may be blocked downstream until this event arrives. */
      priv->timer.SetStopped (true);
      const gboolean res = gst_pad_push_event (self->srcpad, event);
      gst_pad_pause_task (self->srcpad);
      return res;
    }
    case GST_EVENT_FLUSH_STOP: {
      std::lock_guard<std::mutex> lock (priv->stream_lock);
      const gboolean res = gst_pad_push_event (self->srcpad, event);
      gst_segment_init (&priv->segment, GST_FORMAT_TIME);
      reset_stream (self);
      priv->timer.SetStopped (false);
      gst_pad_start_task (self->srcpad, (GstTaskFunction) paintover_timer_loop, self, nullptr);
      return res;
    }
    default:
      break;
  }
  if (!GST_EVENT_IS_SERIALIZED (event))
    return gst_pad_event_default (pad, parent, event);

  gboolean res;
  {
    std::lock_guard<std::mutex> lock (priv->stream_lock);
    switch (GST_EVENT_TYPE (event)) {
      case GST_EVENT_CAPS: {
        GstCaps *caps;
        gst_event_parse_caps (event, &caps);
        GstVideoInfo info;
        if (!gst_video_info_from_caps (&info, caps)) {
          gst_event_unref (event);
          GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("Invalid video caps"),
              ("%" GST_PTR_FORMAT, caps));
          return FALSE;
        }
        priv->info = info;
        priv->have_info = true;
        priv->frame_interval = info.fps_n > 0 && info.fps_d > 0
            ? gst_util_uint64_scale_int (GST_SECOND, info.fps_d, info.fps_n)
            : GST_SECOND / 60;
        reset_stream (self);
        break;
      }
      case GST_EVENT_SEGMENT: {
        const GstSegment *segment;
        gst_event_parse_segment (event, &segment);
        if (segment->format == GST_FORMAT_TIME)
          gst_segment_copy_into (segment, &priv->segment);
        else
          gst_segment_init (&priv->segment, GST_FORMAT_TIME);
        break;
      }
      case GST_EVENT_EOS: {
        /* Finish a pending refinement now: nothing will come after to wait for. Frames held
         * back for slow viewers go first: the stream ends on its newest picture. */
        if (paintover_sync_settings (self)) {
          priv->scheduler.SetHeld (false);
          for (uint64_t next = priv->scheduler.NextRefineTime (); next != kNoTime && priv->last;
               next = priv->scheduler.NextRefineTime ()) {
            if (paintover_push_refinement (self, next) != GST_FLOW_OK)
              break;
          }
        }
        break;
      }
      default:
        break;
    }
    res = gst_pad_push_event (self->srcpad, event);
  }
  priv->timer.Wake ();
  return res;
}

static gboolean
gst_paintover_scheduler_src_event (GstPad *pad, GstObject *parent, GstEvent *event)
{
  auto *self = GST_PAINTOVER_SCHEDULER (parent);
  GstPaintoverSchedulerPrivate *priv = self->priv;

  /* A viewer needs a keyframe: upstream may have nothing new to send, so re-send the picture
   * (refined) for the encoder to make the keyframe from. The event itself goes on upstream. */
  guint viewers;
  if (gst_webdesk_event_parse_viewers (event, &viewers)) {
    GST_INFO_OBJECT (self, "%u viewer(s)%s", viewers, viewers ? "" : ": frames kept back");
    priv->viewers.store (int (viewers));
  }
  /* The viewers are behind (or caught up). Not under stream_lock: a sink may send this from
   * inside the push that holds it. The scheduler follows it at the next frame, and the timer
   * task, woken, sends what was kept back once they caught up. */
  gboolean behind;
  if (gst_webdesk_event_parse_pace (event, &behind)) {
    GST_DEBUG_OBJECT (self, "viewers %s", behind ? "behind: frames held back" : "caught up");
    priv->behind.store (behind);
    priv->timer.Wake ();
  }
  if (gst_video_event_is_force_key_unit (event)) {
    GstClockTime now = paintover_clock_running_time (self);
    if (!GST_CLOCK_TIME_IS_VALID (now))
      now = 0;
    {
      std::lock_guard<std::mutex> lock (priv->stream_lock);
      GST_DEBUG_OBJECT (self, "keyframe requested: refreshing the picture");
      priv->scheduler.RequestRefresh (now);
    }
    priv->timer.Wake ();
  }
  return gst_pad_event_default (pad, parent, event);
}

/* ---- element -------------------------------------------------------------------------------- */

static GstStateChangeReturn
gst_paintover_scheduler_change_state (GstElement *element, GstStateChange transition)
{
  auto *self = GST_PAINTOVER_SCHEDULER (element);
  GstPaintoverSchedulerPrivate *priv = self->priv;

  switch (transition) {
    case GST_STATE_CHANGE_READY_TO_PAUSED: {
      std::lock_guard<std::mutex> lock (priv->stream_lock);
      gst_segment_init (&priv->segment, GST_FORMAT_TIME);
      priv->have_info = false;
      reset_stream (self);
      priv->viewers.store (-1);  // unknown until a sink says (a new run: it will)
      priv->behind.store (false);  // a new run is not held back by the last one's viewers
      priv->scheduler.SetHeld (false);
      break;
    }
    case GST_STATE_CHANGE_PAUSED_TO_PLAYING:
      priv->timer.SetRunning (true);
      break;
    case GST_STATE_CHANGE_PLAYING_TO_PAUSED:
      priv->timer.SetRunning (false);
      break;
    default:
      break;
  }

  const GstStateChangeReturn ret =
      GST_ELEMENT_CLASS (parent_class)->change_state (element, transition);

  if (transition == GST_STATE_CHANGE_PAUSED_TO_READY) {
    std::lock_guard<std::mutex> lock (priv->stream_lock);
    priv->have_info = false;
    reset_stream (self);
  }
  return ret;
}

/* The unsigned properties, by id (the enum above), as fields of Props. */
static guint Props::*const uint_props[] = {nullptr, &Props::motion_quality,
    &Props::refine_quality, &Props::refine_delay_ms, &Props::refine_frames,
    &Props::settle_delay_ms, &Props::final_at_once, &Props::tile_size};

static void
gst_paintover_scheduler_set_property (GObject *object, guint prop_id, const GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_PAINTOVER_SCHEDULER (object);
  Props &p = self->priv->props;

  GST_OBJECT_LOCK (self);
  if (prop_id == PROP_TILE_SIZE) /* The quality meta needs tiles of whole macroblocks. */
    p.tile_size = std::max (16u, g_value_get_uint (value) / 16 * 16);
  else if (prop_id > PROP_0 && prop_id < PROP_TILE_SIZE)
    p.*uint_props[prop_id] = g_value_get_uint (value);
  else if (prop_id == PROP_ENABLED)
    p.enabled = g_value_get_boolean (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  GST_OBJECT_UNLOCK (self);
  self->priv->timer.Wake ();
}

static void
gst_paintover_scheduler_get_property (GObject *object, guint prop_id, GValue *value,
    GParamSpec *pspec)
{
  auto *self = GST_PAINTOVER_SCHEDULER (object);
  const Props &p = self->priv->props;

  GST_OBJECT_LOCK (self);
  if (prop_id > PROP_0 && prop_id <= PROP_TILE_SIZE)
    g_value_set_uint (value, p.*uint_props[prop_id]);
  else if (prop_id == PROP_ENABLED)
    g_value_set_boolean (value, p.enabled);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  GST_OBJECT_UNLOCK (self);
}

static void
gst_paintover_scheduler_finalize (GObject *object)
{
  auto *self = GST_PAINTOVER_SCHEDULER (object);
  gst_clear_buffer (&self->priv->last);
  delete self->priv;
  G_OBJECT_CLASS (parent_class)->finalize (object);
}

static void
gst_paintover_scheduler_init (GstPaintoverScheduler *self)
{
  self->priv = new GstPaintoverSchedulerPrivate ();
  gst_video_info_init (&self->priv->info);
  gst_segment_init (&self->priv->segment, GST_FORMAT_TIME);

  self->sinkpad = gst_pad_new_from_static_template (&sink_template, "sink");
  gst_pad_set_chain_function (self->sinkpad, gst_paintover_scheduler_chain);
  gst_pad_set_event_function (self->sinkpad, gst_paintover_scheduler_sink_event);
  GST_PAD_SET_PROXY_CAPS (self->sinkpad);
  GST_PAD_SET_PROXY_ALLOCATION (self->sinkpad);
  gst_element_add_pad (GST_ELEMENT (self), self->sinkpad);

  self->srcpad = gst_pad_new_from_static_template (&src_template, "src");
  gst_pad_set_event_function (self->srcpad, gst_paintover_scheduler_src_event);
  gst_pad_set_activatemode_function (self->srcpad, paintover_src_activate_mode);
  GST_PAD_SET_PROXY_CAPS (self->srcpad);
  gst_element_add_pad (GST_ELEMENT (self), self->srcpad);
}

static void
gst_paintover_scheduler_class_init (GstPaintoverSchedulerClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  const auto playing = GParamFlags (
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_PLAYING);

  gobject_class->set_property = gst_paintover_scheduler_set_property;
  gobject_class->get_property = gst_paintover_scheduler_get_property;
  gobject_class->finalize = gst_paintover_scheduler_finalize;
  element_class->change_state = gst_paintover_scheduler_change_state;

  /* GstPaintoverScheduler:motion-quality: quality of frames that changed. */
  g_object_class_install_property (gobject_class, PROP_MOTION_QUALITY,
      g_param_spec_uint ("motion-quality", "Motion quality",
          "Quality target (x264 CRF scale, lower is better) for regions that are moving; "
          "raise it to save bandwidth while scrolling or playing video",
          0, GST_WEBDESK_QUALITY_MAX, DEFAULT_MOTION_QUALITY, playing));
  /* GstPaintoverScheduler:refine-quality: quality a still picture is refined to. */
  g_object_class_install_property (gobject_class, PROP_REFINE_QUALITY,
      g_param_spec_uint ("refine-quality", "Refine quality",
          "Quality target (x264 CRF scale, lower is better) that still regions are refined to; "
          "lower it for crisper text after motion stops. No refinement unless it is lower than "
          "motion-quality",
          0, GST_WEBDESK_QUALITY_MAX, DEFAULT_REFINE_QUALITY, playing));
  /* GstPaintoverScheduler:refine-delay: how long a region must be still before refinement. */
  g_object_class_install_property (gobject_class, PROP_REFINE_DELAY,
      g_param_spec_uint ("refine-delay", "Refine delay",
          "Milliseconds a region must stay still before it is refined; shorter makes text "
          "crisp sooner, longer avoids refining what is about to move again",
          0, 60000, DEFAULT_REFINE_DELAY_MS, playing));
  /* GstPaintoverScheduler:refine-frames: passes per refinement. */
  g_object_class_install_property (gobject_class, PROP_REFINE_FRAMES,
      g_param_spec_uint ("refine-frames", "Refine frames",
          "Frames in a refinement burst (each refines the still regions once more, one frame "
          "interval apart); one does nearly all the work (a lossless one all of it); 0 disables "
          "refinement",
          0, 30, DEFAULT_REFINE_FRAMES, playing));
  /* GstPaintoverScheduler:settle-delay: a stopped picture is refined sooner. */
  g_object_class_install_property (gobject_class, PROP_SETTLE_DELAY,
      g_param_spec_uint ("settle-delay", "Settle delay",
          "Milliseconds without any change after which the whole picture counts as stopped and "
          "every region waiting is refined at once, before its refine-delay; stretched to three "
          "frame intervals of the motion that stopped (a 30 fps video is not stopped between "
          "frames), never past refine-delay. 0: regions wait for refine-delay",
          0, 60000, DEFAULT_SETTLE_DELAY_MS, playing));
  /* GstPaintoverScheduler:final-at-once: small changes need no refinement. */
  g_object_class_install_property (gobject_class, PROP_FINAL_AT_ONCE,
      g_param_spec_uint ("final-at-once", "Final at once",
          "Tiles: a frame that changes at most this many, each still for settle-delay before (a "
          "typed character, a caret, a clock; not an animation), carries them at refine-quality "
          "straight away and they need no refinement; 0 turns it off",
          0, 4096, DEFAULT_FINAL_AT_ONCE, playing));
  /* GstPaintoverScheduler:tile-size: granularity of motion tracking. */
  g_object_class_install_property (gobject_class, PROP_TILE_SIZE,
      g_param_spec_uint ("tile-size", "Tile size",
          "Edge in pixels of the square tiles whose motion is tracked separately (a multiple "
          "of 16; other values are rounded down); smaller tiles refine a settled region while "
          "a nearby one moves. Takes effect on the next caps",
          16, 1024, DEFAULT_TILE_SIZE,
          GParamFlags (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | GST_PARAM_MUTABLE_READY)));
  /* GstPaintoverScheduler:enabled: off = plain passthrough. */
  g_object_class_install_property (gobject_class, PROP_ENABLED,
      g_param_spec_boolean ("enabled", "Enabled",
          "Schedule frames (drop unchanged ones, attach quality metas, refine still ones); "
          "when false every frame passes through untouched and the encoder uses its own quality",
          DEFAULT_ENABLED, playing));

  gst_element_class_add_static_pad_template (element_class, &sink_template);
  gst_element_class_add_static_pad_template (element_class, &src_template);
  gst_element_class_set_static_metadata (element_class, "Paint-over scheduler",
      "Filter/Video",
      "Drops unchanged frames, marks each frame's encoding quality (motion or refinement) and "
      "refines the picture when it stops moving",
      "webdesk");

  GST_DEBUG_CATEGORY_INIT (paintoverscheduler_debug, "paintoverscheduler", 0,
      "paint-over scheduling");
}
