// SPDX-License-Identifier: LGPL-2.1-or-later
/* paintoverscheduler's private state, shared by the element's files: the GObject glue
 * (gstpaintoverscheduler.cpp) and the refinement timer (gstpaintoverscheduler-timer.cpp). */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <atomic>
#include <mutex>

#include "clock_timer.h"
#include "frame_metas.h"
#include "gstpaintoverscheduler.h"
#include "paintover_scheduler.h"

GST_DEBUG_CATEGORY_EXTERN (paintoverscheduler_debug);

enum {
  PROP_0,
  PROP_MOTION_QUALITY,
  PROP_REFINE_QUALITY,
  PROP_REFINE_DELAY,
  PROP_REFINE_FRAMES,
  PROP_SETTLE_DELAY,
  PROP_FINAL_AT_ONCE,
  PROP_TILE_SIZE,
  PROP_ENABLED,
};

#define DEFAULT_MOTION_QUALITY 25
#define DEFAULT_REFINE_QUALITY 18
#define DEFAULT_REFINE_DELAY_MS 150
#define DEFAULT_REFINE_FRAMES 1
#define DEFAULT_SETTLE_DELAY_MS 50
#define DEFAULT_FINAL_AT_ONCE 4
#define DEFAULT_TILE_SIZE 64
#define DEFAULT_ENABLED TRUE

/* C++ state, created in init and deleted in finalize.
 *
 * `stream_lock` serialises everything that reaches the src pad (frames from the streaming
 * thread, serialized events, refinement frames from the timer task) and guards the scheduler,
 * the last picture and the segment; it is held while pushing, so a refinement frame can never
 * overtake the picture it refines. The timer has its own lock, never held while pushing, so
 * flushing can always interrupt it. */
struct Props {
  guint motion_quality = DEFAULT_MOTION_QUALITY;
  guint refine_quality = DEFAULT_REFINE_QUALITY;
  guint refine_delay_ms = DEFAULT_REFINE_DELAY_MS;
  guint refine_frames = DEFAULT_REFINE_FRAMES;
  guint settle_delay_ms = DEFAULT_SETTLE_DELAY_MS;
  guint final_at_once = DEFAULT_FINAL_AT_ONCE;
  guint tile_size = DEFAULT_TILE_SIZE;
  gboolean enabled = DEFAULT_ENABLED;
};

struct GstPaintoverSchedulerPrivate {
  Props props;  // GST_OBJECT_LOCK

  std::mutex stream_lock;
  webdesk::paintover::PaintoverScheduler scheduler;
  GstVideoInfo info;
  bool have_info = false;
  bool was_enabled = true;
  GstSegment segment;
  GstBuffer *last = nullptr;  // the newest picture (what downstream has, unless frames were kept)
  bool unsent = false;        // frames kept back while nobody watched
  GstClockTime kept_capture = GST_CLOCK_TIME_NONE;  // capture time of the newest kept frame
  std::atomic<int> viewers {-1};  // from webdesk-viewers; -1: unknown (frames flow)
  /* From webdesk-pace: the viewers are behind, so frames are held back (the scheduler keeps
   * what they changed). Set from any thread without stream_lock (a sink may send it from the
   * very push that holds it); the scheduler follows it in paintover_sync_settings. */
  std::atomic<bool> behind {false};
  GstClockTime last_pts = GST_CLOCK_TIME_NONE;
  GstClockTime frame_interval = GST_SECOND / 60;

  webdesk::paintover::ClockTimer timer;  // wakes the src pad's task when a refinement is due
};

struct _GstPaintoverScheduler {
  GstElement parent;
  GstPad *sinkpad;
  GstPad *srcpad;
  GstPaintoverSchedulerPrivate *priv;
};

/* Under stream_lock: gives a buffer about to be sent its damage meta: the tiles `changed` plus
 * those the decision carries from frames held back while the viewers were behind, or the whole
 * picture after frames were kept back while nobody watched (the encoder's picture is then old
 * everywhere). */
inline void
paintover_attach_damage (GstPaintoverSchedulerPrivate *priv, GstBuffer *buf,
    const webdesk::paintover::TileMask &changed, const webdesk::paintover::Decision &decision,
    GstClockTime capture_time)
{
  using namespace webdesk::paintover;
  const TileGrid &grid = priv->scheduler.grid ();
  if (priv->unsent) {
    AttachDamage (buf, {Rect {0, 0, grid.width (), grid.height ()}}, capture_time);
  } else if (changed.empty () && decision.kept.empty ()) {
    AttachDamage (buf, {}, capture_time);
  } else {
    TileMask tiles (size_t (grid.count ()), 0);
    for (size_t i = 0; i < tiles.size (); i++)
      tiles[i] = (i < changed.size () && changed[i]) ||
                 (i < decision.kept.size () && decision.kept[i]);
    AttachDamage (buf, grid.RectsOf (tiles, GST_WEBDESK_DAMAGE_META_MAX_RECTS), capture_time);
  }
  priv->unsent = false;
}

/* The timer (gstpaintoverscheduler-timer.cpp). */

/* Under stream_lock: the scheduler follows the properties and the pace (webdesk-pace) as they
 * are now; returns `enabled`. */
bool paintover_sync_settings (GstPaintoverScheduler *self);
/* Under stream_lock: pushes the frame the timer has due at running time `when`, if any: a
 * refinement frame, or the catch-up frame after the viewers caught up. */
GstFlowReturn paintover_push_refinement (GstPaintoverScheduler *self, GstClockTime when);
/* The running time of the pipeline clock now, or GST_CLOCK_TIME_NONE without a clock or
 * outside PLAYING. */
GstClockTime paintover_clock_running_time (GstPaintoverScheduler *self);
/* The src pad's task. */
void paintover_timer_loop (GstPaintoverScheduler *self);
gboolean paintover_src_activate_mode (GstPad *pad, GstObject *parent, GstPadMode mode,
    gboolean active);
