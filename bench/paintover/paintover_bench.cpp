// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk-bench-paintover: what paint-over costs and buys, on text that scrolls and stops, and
 * on typing.
 *
 *   build/bench/paintover/webdesk-bench-paintover [--refine-quality=18] [--refine-frames=4]
 *       [--scheduler-refine-quality=Q] [--chroma=auto|420] [--width=1920 --height=1080]
 *       [--scenario=scroll|typing|both]
 *
 * Scroll: the same sequence for each strategy, through the same encoder (h264qualityenc):
 * 60 frames of text scrolling 4 px per frame, then 2 s still, at 60 frames/s.
 *   (a) constant quality: every frame encoded at motion quality, still ones included.
 *   (b) fixed-frame-count burst with a keyframe (what Selkies does): nothing sent for still
 *       frames until 15 have passed, then an IDR at the refine quality and refine-frames - 1
 *       P-frames at the refine quality, as plain frames (no REFINE flag: that is (c)'s
 *       contract with the encoder).
 *   (a) and (b) run with h264qualityenc lossless=off: what a stock encoder would do.
 *   (c) paintoverscheduler ! h264qualityenc, with three settings side by side:
 *       old: the scheduling before issue 14 (refine-frames 4, no settle-delay, no
 *            final-at-once) and lossy final frames (lossless=off): what webdesk did;
 *       new, lossy: today's scheduling defaults, lossy final frames (the scheduling alone);
 *       new: every default (lossless final frames where downstream takes them: appsink does).
 *       Each on a GstTestClock (frames at their 60 fps times, the timer cranked between them),
 *       so bytes and quality are deterministic and "last motion -> final" is the timer's
 *       schedule plus the measured encode times; and (c') live, paced at 60 fps in real time,
 *       measured on the wall clock (sensitive to machine load).
 * Typing: a still page, then one character every 8th frame (7.5/s) for 2 s, then 1 s still,
 * with a damage meta as waylanddamagesrc attaches it; (c) old, new lossy and new on the test
 * clock: the quality of every picture the viewer has while typing (each decoded frame against
 * the source it shows), and the bytes.
 * Decoded with avdec_h264 and converted back to RGB with libyuv (in the range the stream's VUI
 * gives); PSNR per channel, worst error and exact pixels against the source. Prints markdown. */
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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
  const char *scenario = "both";
  gboolean verbose = FALSE;
};

// paintoverscheduler and h264qualityenc settings of a (c) run.
struct Scheduling {
  std::string name;
  std::string scheduler;  // extra paintoverscheduler properties
  std::string encoder;    // extra h264qualityenc properties
};

std::vector<Scheduling>
Schedulings (const Options &o)
{
  return {
      {"old (4-frame burst, lossy)",
          "refine-frames=" + std::to_string (o.refine_frames) +
              " refine-delay=" + std::to_string (o.refine_delay_ms) +
              " settle-delay=0 final-at-once=0",
          "lossless=off"},
      {"new, lossy finals", "", "lossless=off"},
      {"new (lossless finals)", "", ""},
  };
}

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
  gchar *desc = g_strdup_printf ("h264qualityenc quality=%d chroma=%s lossless=off",
      o.motion_quality, o.chroma);
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

std::string
SchedulerPipeline (const Options &o, const Scheduling &sc)
{
  gchar *desc = g_strdup_printf (
      "paintoverscheduler motion-quality=%d refine-quality=%d %s ! h264qualityenc chroma=%s %s",
      o.motion_quality,
      o.scheduler_refine_quality >= 0 ? o.scheduler_refine_quality : o.refine_quality,
      sc.scheduler.c_str (), o.chroma, sc.encoder.c_str ());
  std::string d = desc;
  g_free (desc);
  return d;
}

// (c): the element on a GstTestClock: frames at their 60 fps times (frames whose damage is
// empty are left out, as waylanddamagesrc sends none), the element's timer cranked whenever it is
// due before the next frame, and after the last one until it is quiet. Deterministic; "final" is
// the timer's schedule plus the measured encode time of the refinement frames.
void
RunSchedulerOnTestClock (const Options &o, const Scheduling &sc, const std::vector<Picture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, int last_motion_index, Run *run)
{
  GstHarness *h = gst_harness_new_parse (SchedulerPipeline (o, sc).c_str ());
  gst_harness_use_testclock (h);
  gchar *caps = g_strdup_printf ("video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1",
      o.width, o.height, kFps);
  gst_harness_set_src_caps_str (h, caps);
  g_free (caps);
  GstTestClock *clock = gst_harness_get_testclock (h);

  const GstClockTime last_motion = gst_util_uint64_scale_int (GST_SECOND, last_motion_index, kFps);
  // After the last motion, each refinement frame out at its deadline, or when the one before it
  // is encoded if that is later; encode times are measured.
  double out_ms = 0, final_ms = -1;
  int current = 0;
  // Cranks the timer while it is due before `until`; returns false when nothing was pending.
  auto crank_until = [&] (GstClockTime until) {
    while (gst_test_clock_peek_id_count (clock) > 0) {
      const GstClockTime due = gst_test_clock_get_next_entry_time (clock);
      if (due > until)
        return true;
      const gint64 start = g_get_monotonic_time ();
      gst_test_clock_crank (clock);
      GstBuffer *b = gst_harness_pull (h);
      const double encode_ms = (g_get_monotonic_time () - start) / 1000.0;
      if (due >= last_motion && current >= last_motion_index) {
        out_ms = std::max (out_ms, double (due - last_motion) / GST_MSECOND) + encode_ms;
        GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (b);
        if (q && (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL))
          final_ms = out_ms;
      }
      run->frames.push_back (Frame {b, current, g_get_monotonic_time ()});
    }
    return false;
  };
  for (int i = 0; i < int (frames.size ()); i++) {
    const GstClockTime t = gst_util_uint64_scale_int (GST_SECOND, i, kFps);
    crank_until (t);
    if (i > 0 && damage[size_t (i)].empty ())
      continue;
    GstBuffer *buf = Wrap (frames[size_t (i)], i);
    gst_buffer_add_webdesk_damage_meta (buf, damage[size_t (i)].data (),
        guint (damage[size_t (i)].size ()), GST_BUFFER_PTS (buf));
    gst_test_clock_set_time (clock, t);
    current = i;
    const gint64 start = g_get_monotonic_time ();
    gst_harness_push (h, buf);
    while (GstBuffer *b = gst_harness_try_pull (h)) {
      run->frames.push_back (Frame {b, i, g_get_monotonic_time ()});
      GstWebdeskQualityMeta *q = gst_buffer_get_webdesk_quality_meta (b);
      // A change final at once is final when it is out.
      if (i == last_motion_index && q && (q->flags & GST_WEBDESK_QUALITY_FLAG_FINAL))
        final_ms = (g_get_monotonic_time () - start) / 1000.0;
    }
    // Let the element's task arm its timer for what the frame left pending (if anything).
    gst_test_clock_timed_wait_for_multiple_pending_ids (clock, 1, 5, nullptr);
  }
  // Wait for the last refinement (the element schedules it when the last frame is pushed).
  while (gst_test_clock_timed_wait_for_multiple_pending_ids (clock, 1, 500, nullptr))
    crank_until (GST_CLOCK_TIME_NONE - 1);
  run->final_ms = final_ms;
  gst_object_unref (clock);
  gst_harness_teardown (h);
}

// (c'): the element, live.
void
RunScheduler (const Options &o, const Scheduling &sc, const std::vector<Picture> &frames, Run *run)
{
  gchar *desc = g_strdup_printf (
      "appsrc name=src is-live=true format=time do-timestamp=true "
      "caps=video/x-raw,format=BGRx,width=%d,height=%d,framerate=%d/1 ! %s ! "
      "appsink name=out sync=false",
      o.width, o.height, kFps, SchedulerPipeline (o, sc).c_str ());
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

std::vector<webdesk::testing::DecodedFrame>
Decode (const Run &run)
{
  std::vector<GstBuffer *> aus;
  for (const Frame &f : run.frames)
    aus.push_back (f.au);
  return webdesk::testing::DecodeH264 (aus);
}

void
Report (const Run &run, const Picture &still, bool wall_clock_final)
{
  const std::vector<webdesk::testing::DecodedFrame> decoded = Decode (run);

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
  std::printf ("| %s | %zu | %zu | %zu (%zu IDR) | %zu | %.1f / %.1f / %.1f | %d | %.2f%% | "
               "%.0f ms |\n",
      run.name.c_str (), total, still_bytes, still_frames, idrs_when_still, final_bytes,
      q.psnr_r, q.psnr_g, q.psnr_b, q.max_error, q.exact_share * 100.0, final_ms);
  std::fflush (stdout);
}

// Typing: the quality of each picture the viewer has from the first keystroke on (each decoded
// frame against the source it shows), and the bytes: the page's own refinement before it, and
// the typing's.
void
ReportTyping (const Run &run, const std::vector<Picture> &frames, int first_key)
{
  const std::vector<webdesk::testing::DecodedFrame> decoded = Decode (run);
  size_t page_bytes = 0, bytes = 0, refine_frames = 0;
  double sum_psnr = 0, worst_psnr = 99, sum_exact = 0, worst_exact = 1;
  int worst_error = 0, pictures = 0;
  for (size_t i = 1; i < decoded.size () && i < run.frames.size (); i++) {
    if (run.frames[i].source_index < first_key) {
      page_bytes += gst_buffer_get_size (run.frames[i].au);  // the first picture's refinement
      continue;
    }
    bytes += gst_buffer_get_size (run.frames[i].au);
    refine_frames += (FlagsOf (run.frames[i].au) & GST_WEBDESK_QUALITY_FLAG_REFINE) != 0;
    const Picture &source = frames[size_t (run.frames[i].source_index)];
    const auto q = webdesk::testing::CompareRgb (source, decoded[i].picture);
    sum_psnr += q.MinPsnr ();
    worst_psnr = std::min (worst_psnr, q.MinPsnr ());
    sum_exact += q.exact_share;
    worst_exact = std::min (worst_exact, q.exact_share);
    worst_error = std::max (worst_error, q.max_error);
    pictures++;
  }
  std::printf ("| %s | %zu | %zu | %d (%zu refinement) | %.1f / %.1f dB | %.2f%% / %.2f%% | %d |\n",
      run.name.c_str (), page_bytes, bytes, pictures, refine_frames, sum_psnr / std::max (pictures, 1),
      worst_psnr, 100.0 * sum_exact / std::max (pictures, 1), 100.0 * worst_exact, worst_error);
  std::fflush (stdout);
}

}  // namespace

int
main (int argc, char **argv)
{
  Options o;
  gchar *chroma = nullptr, *scenario = nullptr;
  GOptionEntry entries[] = {
      {"width", 0, 0, G_OPTION_ARG_INT, &o.width, "Picture width (1920)", "PX"},
      {"height", 0, 0, G_OPTION_ARG_INT, &o.height, "Picture height (1080)", "PX"},
      {"motion-quality", 0, 0, G_OPTION_ARG_INT, &o.motion_quality, "Motion quality (25)", "Q"},
      {"refine-quality", 0, 0, G_OPTION_ARG_INT, &o.refine_quality, "Refine quality (18)", "Q"},
      {"scheduler-refine-quality", 0, 0, G_OPTION_ARG_INT, &o.scheduler_refine_quality,
          "(c)'s refine quality, when it should differ from (b)'s", "Q"},
      {"refine-frames", 0, 0, G_OPTION_ARG_INT, &o.refine_frames, "Frames per burst (4)", "N"},
      {"refine-delay", 0, 0, G_OPTION_ARG_INT, &o.refine_delay_ms, "(c)'s delay (150)", "MS"},
      {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o.verbose, "List (c')'s frames", nullptr},
      {"scenario", 0, 0, G_OPTION_ARG_STRING, &scenario, "scroll, typing or both", "S"},
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
  if (scenario)
    o.scenario = scenario;

  const bool scroll = std::string (o.scenario) != "typing";
  const bool typing = std::string (o.scenario) != "scroll";
  if (scroll) {
    const Picture tall = webdesk::testing::RenderText (o.width,
        o.height + (kMotionFrames - 1) * kScrollPx, 0xff000000, 0xffffffff);
    std::vector<Picture> frames;
    std::vector<std::vector<GstVideoRectangle>> damage;
    for (int i = 0; i < kMotionFrames + kStillFrames; i++) {
      frames.push_back (webdesk::testing::Crop (tall,
          std::min (i, kMotionFrames - 1) * kScrollPx, o.height));
      damage.push_back (i < kMotionFrames ? std::vector<GstVideoRectangle> {{0, 0, o.width, o.height}}
                                          : std::vector<GstVideoRectangle> {});
    }
    const Picture &still = frames.back ();

    std::printf ("\n%dx%d black-on-white text, %d frames scrolling %d px/frame then %d still "
                 "frames (2 s) at %d fps; h264qualityenc chroma=%s; motion quality %d, refine "
                 "quality %d; (b) and old: %d refinement frames.\n\n",
        o.width, o.height, kMotionFrames, kScrollPx, kStillFrames, kFps, o.chroma,
        o.motion_quality, o.refine_quality, o.refine_frames);
    std::printf ("| strategy | total bytes | bytes after the motion | frames after the motion | "
                 "bytes still after the burst | final RGB PSNR R / G / B (dB) | worst error | "
                 "exact pixels | last motion -> final |\n");
    std::printf ("|---|---|---|---|---|---|---|---|---|\n");
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
    for (const Scheduling &sc : Schedulings (o)) {
      Run c;
      c.name = "(c) paintoverscheduler, " + sc.name;
      RunSchedulerOnTestClock (o, sc, frames, damage, kMotionFrames - 1, &c);
      Report (c, still, false);
    }
    for (const Scheduling &sc : Schedulings (o)) {
      Run c;
      c.name = "(c') " + sc.name + ", live (real time, 60 fps)";
      RunScheduler (o, sc, frames, &c);
      if (o.verbose)
        ListFrames (c);
      Report (c, still, true);
    }
  }
  if (typing) {
    // A still page (1 s), one character every 8th frame for 2 s, then still (1 s).
    const Picture page = webdesk::testing::RenderText (o.width, o.height, 0xff101010, 0xffffffff);
    const Picture other =
        webdesk::testing::RenderText (o.width, o.height, 0xff101010, 0xffffffff, 13, 40);
    constexpr int kStart = kFps, kTyping = 2 * kFps, kEnd = kFps;
    const int cell_w = 8, line_top = o.height / 2, line_h = 16;
    std::vector<Picture> frames;
    std::vector<std::vector<GstVideoRectangle>> damage;
    for (int i = 0; i < kStart + kTyping + kEnd; i++) {
      const int typed = i < kStart ? 0 : std::min (i - kStart, kTyping - 1) / 8 + 1;
      Picture pic = page;
      for (int y = line_top; y < line_top + line_h; y++)
        std::memcpy (pic.Row (y) + 8 * 4, other.Row (y) + 8 * 4, size_t (typed * cell_w) * 4);
      frames.push_back (std::move (pic));
      std::vector<GstVideoRectangle> d;
      if (i == 0)
        d.push_back ({0, 0, o.width, o.height});
      else if (i >= kStart && i < kStart + kTyping && (i - kStart) % 8 == 0)
        d.push_back ({8 + (typed - 1) * cell_w, line_top, cell_w, line_h});
      damage.push_back (std::move (d));
    }
    std::printf ("\n%dx%d typing: a page of text still for 1 s, then a character every 8th frame "
                 "(7.5/s) for 2 s, then 1 s still, at %d fps, with a damage meta; every picture "
                 "the viewer has after the first one, against the source it shows.\n\n",
        o.width, o.height, kFps);
    std::printf ("| scheduling | the page's refinement, bytes | typing, bytes | pictures while "
                 "typing | per-picture worst-channel PSNR mean / worst | exact pixels per picture "
                 "mean / worst | worst error |\n");
    std::printf ("|---|---|---|---|---|---|---|\n");
    for (const Scheduling &sc : Schedulings (o)) {
      Run c;
      c.name = sc.name;
      RunSchedulerOnTestClock (o, sc, frames, damage, kStart + kTyping - 8, &c);
      ReportTyping (c, frames, kStart);
    }
  }
  return 0;
}
