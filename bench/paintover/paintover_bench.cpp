// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk-bench-paintover: what paint-over costs and buys, on text that scrolls and stops.
 *
 *   build/bench/paintover/webdesk-bench-paintover [--refine-quality=18] [--refine-frames=4]
 *       [--scheduler-refine-quality=Q] [--chroma=auto|420] [--width=1920 --height=1080]
 *
 * The same sequence for three strategies, through the same encoder (h264qualityenc):
 * 60 frames of text scrolling 4 px per frame, then 2 s still, at 60 frames/s.
 *   (a) constant quality: every frame encoded at motion quality, still ones included.
 *   (b) fixed-frame-count burst with a keyframe (what Selkies does): nothing sent for still
 *       frames until 15 have passed, then an IDR at the refine quality and refine-frames - 1
 *       P-frames at the refine quality, as plain frames (no REFINE flag: that is (c)'s
 *       contract with the encoder).
 *   (c) paintoverscheduler ! h264qualityenc: the scheduler drops still frames and refines with
 *       P-frames from its own timer after refine-delay. Run on a GstTestClock (motion frames at
 *       their 60 fps times, then a quiet source and the timer cranked), so it is deterministic.
 *   (c') the same pipeline live, paced at 60 fps in real time (sensitive to machine load).
 * (a) and (b) are pushed as fast as they encode, with 60 fps timestamps. "Last motion -> final"
 * is the schedule (frame times, or the timer's deadlines) plus the measured encode time of the
 * frames after the last motion; for (c') it is measured on the wall clock.
 * Decoded with avdec_h264 and converted back to RGB with libyuv; PSNR per channel against the
 * still picture. Prints a markdown table. */
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "h264_decode.h"
#include "picture.h"

using webdesk::testing::Picture;

namespace {

struct Options {
  int width = 1920, height = 1080;
  int motion_quality = 25, refine_quality = 18, refine_frames = 4, refine_delay_ms = 150;
  int scheduler_refine_quality = -1;  // (c)'s refine-quality; -1 = refine_quality
  const char *chroma = "auto";
  gboolean verbose = FALSE;
};

constexpr int kMotionFrames = 60, kStillFrames = 120, kScrollPx = 4, kFps = 60;
constexpr int kSelkiesTriggerFrames = 15;  // still frames before its paint-over

struct Frame {
  GstBuffer *au;           // encoded access unit
  int source_index;        // which input frame it shows
  gint64 done_us;          // wall clock when it was out of the encoder (monotonic)
};

struct Run {
  std::string name;
  std::vector<Frame> frames;
  gint64 last_motion_us = 0;  // when the last moving frame went in
  double final_ms = -1;       // last motion -> final picture
  ~Run ()
  {
    for (Frame &f : frames)
      gst_buffer_unref (f.au);
  }
};

GstBuffer *
Wrap (const Picture &pic, int index)
{
  GstBuffer *buf = gst_buffer_new_memdup (pic.bgrx.data (), pic.bgrx.size ());
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale_int (GST_SECOND, index, kFps);
  GST_BUFFER_DURATION (buf) = GST_SECOND / kFps;
  return buf;
}

GstHarness *
NewEncoder (const Options &o)
{
  gchar *desc = g_strdup_printf ("h264qualityenc quality=%d chroma=%s", o.motion_quality,
      o.chroma);
  GstHarness *h = gst_harness_new_parse (desc);
  g_free (desc);
  gchar *caps = g_strdup_printf ("video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1",
      o.width, o.height, kFps);
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  return h;
}

void
EncodeOne (GstHarness *h, GstBuffer *buf, int index, Run *run)
{
  gst_harness_push (h, buf);
  GstBuffer *au = gst_harness_pull (h);
  run->frames.push_back (Frame {au, index, g_get_monotonic_time ()});
}

// (a): every frame, no metas: the encoder's own quality.
void
RunConstant (const Options &o, const std::vector<Picture> &frames, Run *run)
{
  GstHarness *h = NewEncoder (o);
  for (int i = 0; i < int (frames.size ()); i++) {
    if (i == kMotionFrames - 1)
      run->last_motion_us = g_get_monotonic_time ();
    EncodeOne (h, Wrap (frames[size_t (i)], i), i, run);
  }
  gst_harness_teardown (h);
}

// (b): motion frames at motion quality; after 15 still frames an IDR and a P burst.
void
RunKeyframeBurst (const Options &o, const std::vector<Picture> &frames, Run *run)
{
  GstHarness *h = NewEncoder (o);
  const int trigger = kMotionFrames - 1 + kSelkiesTriggerFrames;
  for (int i = 0; i < int (frames.size ()); i++) {
    GstBuffer *buf = Wrap (frames[size_t (i)], i);
    if (i < kMotionFrames) {
      gst_buffer_add_webdesk_quality_meta (buf, guint (o.motion_quality),
          GST_WEBDESK_QUALITY_FLAG_NONE);
      if (i == kMotionFrames - 1)
        run->last_motion_us = g_get_monotonic_time ();
    } else if (i >= trigger && i < trigger + o.refine_frames) {
      // Plain frames at the refine quality, as a stock encoder would send them (REFINE is
      // the scheduler's contract with h264qualityenc). FINAL only marks the burst's end here.
      const bool last = i == trigger + o.refine_frames - 1;
      gst_buffer_add_webdesk_quality_meta (buf, guint (o.refine_quality),
          last ? GST_WEBDESK_QUALITY_FLAG_FINAL : GST_WEBDESK_QUALITY_FLAG_NONE);
      if (i == trigger)
        gst_harness_push_event (h, gst_video_event_new_downstream_force_key_unit (
                                       GST_BUFFER_PTS (buf), GST_CLOCK_TIME_NONE,
                                       GST_BUFFER_PTS (buf), TRUE, 1));
    } else {
      gst_buffer_unref (buf);  // still, nothing to send
      continue;
    }
    EncodeOne (h, buf, i, run);
  }
  gst_harness_teardown (h);
}

// (c): the element on a GstTestClock: motion frames at their 60 fps times, then a quiet source
// and the element's timer, cranked one refinement at a time. Deterministic; "final" is the
// timer's schedule plus the measured encode time of the refinement frames.
void
RunSchedulerOnTestClock (const Options &o, const std::vector<Picture> &frames, Run *run)
{
  gchar *desc = g_strdup_printf (
      "paintoverscheduler motion-quality=%d refine-quality=%d refine-frames=%d refine-delay=%d "
      "! h264qualityenc chroma=%s",
      o.motion_quality,
      o.scheduler_refine_quality >= 0 ? o.scheduler_refine_quality : o.refine_quality,
      o.refine_frames, o.refine_delay_ms, o.chroma);
  GstHarness *h = gst_harness_new_parse (desc);
  g_free (desc);
  gst_harness_use_testclock (h);
  gchar *caps = g_strdup_printf ("video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1",
      o.width, o.height, kFps);
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  GstTestClock *clock = gst_harness_get_testclock (h);

  auto collect = [&] (int index) {
    while (GstBuffer *b = gst_harness_try_pull (h))
      run->frames.push_back (Frame {b, index, g_get_monotonic_time ()});
  };
  for (int i = 0; i < kMotionFrames; i++) {
    GstBuffer *buf = Wrap (frames[size_t (i)], i);
    gst_test_clock_set_time (clock, GST_BUFFER_PTS (buf));
    gst_harness_push (h, buf);
    collect (i);
  }
  const GstClockTime last_motion = gst_util_uint64_scale_int (GST_SECOND, kMotionFrames - 1, kFps);
  // When each refinement frame would be out in real time: at its deadline, or when the one
  // before it is encoded if that is later; encode times are measured.
  double out_ms = 0, final_ms = -1;
  while (final_ms < 0) {
    if (!gst_test_clock_timed_wait_for_multiple_pending_ids (clock, 1, 5000, nullptr))
      break;  // nothing pending: no refinement (refine quality not below motion quality)
    const GstClockTime due = gst_test_clock_get_next_entry_time (clock);
    const gint64 start = g_get_monotonic_time ();
    gst_test_clock_crank (clock);
    GstBuffer *b = gst_harness_pull (h);
    const double encode_ms = (g_get_monotonic_time () - start) / 1000.0;
    out_ms = std::max (out_ms, double (due - last_motion) / GST_MSECOND) + encode_ms;
    run->frames.push_back (Frame {b, kMotionFrames - 1, g_get_monotonic_time ()});
    GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (b);
    if (q && (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL))
      final_ms = out_ms;
  }
  collect (kMotionFrames - 1);
  run->final_ms = final_ms;
  gst_object_unref (clock);
  gst_harness_teardown (h);
}

// (c'): the element, live.
void
RunScheduler (const Options &o, const std::vector<Picture> &frames, Run *run)
{
  gchar *desc = g_strdup_printf (
      "appsrc name=src is-live=true format=time do-timestamp=true "
      "caps=video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1 ! "
      "paintoverscheduler motion-quality=%d refine-quality=%d refine-frames=%d "
      "refine-delay=%d ! h264qualityenc chroma=%s ! appsink name=out sync=false",
      o.width, o.height, kFps, o.motion_quality,
      o.scheduler_refine_quality >= 0 ? o.scheduler_refine_quality : o.refine_quality,
      o.refine_frames,
      o.refine_delay_ms, o.chroma);
  GstElement *pipeline = gst_parse_launch (desc, nullptr);
  g_free (desc);
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");

  struct Shared {
    std::mutex lock;
    Run *run;
    int current = 0;  // source index of the latest input
  } shared;
  shared.run = run;
  GstAppSinkCallbacks callbacks = {};
  callbacks.new_sample = [] (GstAppSink *appsink, gpointer data) -> GstFlowReturn {
    auto *s = static_cast<Shared *> (data);
    GstSample *sample = gst_app_sink_pull_sample (appsink);
    std::lock_guard<std::mutex> lock (s->lock);
    s->run->frames.push_back (Frame {gst_buffer_ref (gst_sample_get_buffer (sample)), s->current,
        g_get_monotonic_time ()});
    gst_sample_unref (sample);
    return GST_FLOW_OK;
  };
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, &shared, nullptr);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  const gint64 start = g_get_monotonic_time ();
  for (int i = 0; i < int (frames.size ()); i++) {
    const gint64 due = start + gint64 (i) * G_USEC_PER_SEC / kFps;
    const gint64 now = g_get_monotonic_time ();
    if (due > now)
      g_usleep (gulong (due - now));
    {
      std::lock_guard<std::mutex> lock (shared.lock);
      shared.current = std::min (i, kMotionFrames - 1);
      if (i == kMotionFrames - 1)
        run->last_motion_us = g_get_monotonic_time ();
    }
    gst_app_src_push_buffer (GST_APP_SRC (src),
        gst_buffer_new_memdup (frames[size_t (i)].bgrx.data (), frames[size_t (i)].bgrx.size ()));
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  GstBus *bus = gst_element_get_bus (pipeline);
  gst_message_unref (gst_bus_timed_pop_filtered (bus, 30 * GST_SECOND,
      GstMessageType (GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (src);
  gst_object_unref (sink);
  gst_object_unref (pipeline);
}

GstWebdeskQualityFlags
FlagsOf (GstBuffer *buf)
{
  GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (buf);
  return q ? q->flags : GST_WEBDESK_QUALITY_FLAG_NONE;
}

// One line per frame: what the scheduler asked for and what it cost.
void
ListFrames (const Run &run)
{
  for (const Frame &f : run.frames) {
    GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (f.au);
    int refine = 0, motion = 0;
    if (q && q->tile_quality) {
      for (guint i = 0; i < q->tiles_x * q->tiles_y; i++) {
        const guint8 t = q->tile_quality[i];
        if (t == GST_WEBDESK_TILE_UNCHANGED)
          continue;
        if (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE || t < q->quality)
          refine++;
        else
          motion++;
      }
    }
    std::fprintf (stderr, "  +%6.1f ms  input %2d  %7zu bytes  %s%s  q %2u  %3d moving, %3d refined tiles\n",
        (f.done_us - run.last_motion_us) / 1000.0, f.source_index, gst_buffer_get_size (f.au),
        q && (q->flags & GST_WEBDESK_QUALITY_FLAG_REFINE) ? "REFINE" : "motion",
        q && (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL) ? " FINAL" : "      ", q ? q->quality : 0,
        motion, refine);
  }
}

void
Report (const Run &run, const Picture &still, bool wall_clock_final)
{
  std::vector<GstBuffer *> aus;
  for (const Frame &f : run.frames)
    aus.push_back (f.au);
  std::vector<webdesk::testing::DecodedFrame> decoded = webdesk::testing::DecodeH264 (aus);

  // After the motion: everything sent after the last frame that showed a moving picture.
  size_t last_motion = 0;
  for (size_t i = 0; i < run.frames.size (); i++)
    if (run.frames[i].source_index < kMotionFrames &&
        !(FlagsOf (run.frames[i].au) & GST_WEBDESK_QUALITY_FLAG_REFINE))
      last_motion = i;
  size_t total = 0, still_bytes = 0, still_frames = 0, idrs_when_still = 0;
  for (size_t i = 0; i < run.frames.size (); i++) {
    const size_t size = gst_buffer_get_size (run.frames[i].au);
    total += size;
    if (i > last_motion) {
      still_bytes += size;
      still_frames++;
      idrs_when_still += webdesk::testing::HasNalType (run.frames[i].au, 5);
    }
  }
  // Final: the last frame that changed the decoded picture.
  size_t last_change = 0;
  for (size_t i = 1; i < decoded.size (); i++)
    if (decoded[i].picture.bgrx != decoded[i - 1].picture.bgrx)
      last_change = i;
  double final_ms;
  if (run.final_ms >= 0) {
    final_ms = run.final_ms;
  } else if (wall_clock_final) {
    final_ms = (run.frames[last_change].done_us - run.last_motion_us) / 1000.0;
  } else {
    // Each frame out at its 60 fps slot, or when the one before is encoded if that is later.
    double out_ms = 0;
    for (size_t i = 1; i <= last_change; i++) {
      if (run.frames[i].source_index <= kMotionFrames - 1)
        continue;
      const double slot_ms = (run.frames[i].source_index - (kMotionFrames - 1)) * 1000.0 / kFps;
      const double encode_ms = (run.frames[i].done_us - run.frames[i - 1].done_us) / 1000.0;
      out_ms = std::max (out_ms, slot_ms) + encode_ms;
    }
    final_ms = out_ms;
  }
  // Still after the burst: what is sent after the FINAL frame (for (a), which has none, after
  // the last frame that changed the picture).
  size_t burst_end = last_change;
  for (size_t i = 0; i < run.frames.size (); i++)
    if (FlagsOf (run.frames[i].au) & GST_WEBDESK_QUALITY_FLAG_FINAL)
      burst_end = i;
  size_t final_bytes = 0;
  for (size_t i = burst_end + 1; i < run.frames.size (); i++)
    final_bytes += gst_buffer_get_size (run.frames[i].au);
  const auto q = webdesk::testing::CompareRgb (still, decoded.back ().picture);
  std::printf ("| %s | %zu | %zu | %zu (%zu IDR) | %zu | %.1f / %.1f / %.1f | %.3f%% | %.0f ms |\n",
      run.name.c_str (), total, still_bytes, still_frames, idrs_when_still, final_bytes,
      q.psnr_r, q.psnr_g, q.psnr_b, q.off_by_48_share * 100.0, final_ms);
  std::fflush (stdout);
}

}  // namespace

int
main (int argc, char **argv)
{
  Options o;
  gchar *chroma = nullptr;
  GOptionEntry entries[] = {
      {"width", 0, 0, G_OPTION_ARG_INT, &o.width, "Picture width (1920)", "PX"},
      {"height", 0, 0, G_OPTION_ARG_INT, &o.height, "Picture height (1080)", "PX"},
      {"motion-quality", 0, 0, G_OPTION_ARG_INT, &o.motion_quality, "Motion quality (25)", "Q"},
      {"refine-quality", 0, 0, G_OPTION_ARG_INT, &o.refine_quality, "Refine quality (18)", "Q"},
      {"scheduler-refine-quality", 0, 0, G_OPTION_ARG_INT, &o.scheduler_refine_quality,
          "(c)'s refine quality, when it should differ from (b)'s", "Q"},
      {"refine-frames", 0, 0, G_OPTION_ARG_INT, &o.refine_frames, "Frames per burst (4)", "N"},
      {"refine-delay", 0, 0, G_OPTION_ARG_INT, &o.refine_delay_ms, "(c)'s delay (150)", "MS"},
      {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o.verbose, "List (c)'s frames", nullptr},
      {"chroma", 0, 0, G_OPTION_ARG_STRING, &chroma, "auto (4:4:4 here) or 420", "C"},
      {nullptr}};
  GOptionContext *ctx = g_option_context_new ("- paint-over strategies side by side");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *err = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    std::fprintf (stderr, "%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (chroma)
    o.chroma = chroma;

  const Picture tall = webdesk::testing::RenderText (o.width,
      o.height + (kMotionFrames - 1) * kScrollPx, 0xff000000, 0xffffffff);
  std::vector<Picture> frames;
  for (int i = 0; i < kMotionFrames + kStillFrames; i++)
    frames.push_back (webdesk::testing::Crop (tall, std::min (i, kMotionFrames - 1) * kScrollPx,
        o.height));
  const Picture &still = frames.back ();

  std::printf ("\n%dx%d black-on-white text, %d frames scrolling %d px/frame then %d still "
               "frames (2 s) at %d fps; h264qualityenc chroma=%s; motion quality %d, refine "
               "quality %d, %d refinement frames.\n\n",
      o.width, o.height, kMotionFrames, kScrollPx, kStillFrames, kFps, o.chroma,
      o.motion_quality, o.refine_quality, o.refine_frames);
  std::printf ("| strategy | total bytes | bytes after the motion | frames after the motion | "
               "bytes still after the burst | final RGB PSNR R / G / B (dB) | pixels off by >48 | "
               "last motion -> final |\n");
  std::printf ("|---|---|---|---|---|---|---|---|\n");
  {
    Run a;
    a.name = "(a) constant quality, every frame";
    RunConstant (o, frames, &a);
    Report (a, still, false);
  }
  {
    Run b;
    b.name = "(b) IDR + P burst after 15 still frames";
    RunKeyframeBurst (o, frames, &b);
    Report (b, still, false);
  }
  const int c_quality =
      o.scheduler_refine_quality >= 0 ? o.scheduler_refine_quality : o.refine_quality;
  {
    Run c;
    c.name = "(c) paintoverscheduler, refine quality " + std::to_string (c_quality);
    RunSchedulerOnTestClock (o, frames, &c);
    Report (c, still, false);
  }
  {
    Run c;
    c.name = "(c') the same, live (real time, 60 fps)";
    RunScheduler (o, frames, &c);
    if (o.verbose)
      ListFrames (c);
    Report (c, still, true);
  }
  return 0;
}
