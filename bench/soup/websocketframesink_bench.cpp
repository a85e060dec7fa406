// SPDX-License-Identifier: LGPL-2.1-or-later
// websocketframesink-bench: what fanning a 1080p30 stream out to many viewers costs.
//
// The server process feeds pre-encoded 1080p frames (scrolling text, encoded once at start by
// h264qualityenc or x264enc) through appsrc into websocketframesink at 30 fps, so the CPU it
// measures is the sink's (plus a trivial appsrc), not the encoder's. The viewers run in a
// child process (this program with --viewers), each a real libsoup WebSocket client that
// acknowledges every frame. For 1 and 20 viewers it prints frames delivered per viewer, the
// server process's CPU and the sink's latency (buffer arrival to socket write, p50/p99).
//
//   meson devenv -C build bench/soup/websocketframesink-bench [--seconds 10] [--counts 1,20]
//       [--with-encoder]   (a second table with h264qualityenc encoding live in the server)
#include <gst/app/app.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "h264-info.h"
#include "picture.h"
#include "ws-test-client.h"

namespace {

constexpr int kWidth = 1920, kHeight = 1080, kFps = 30;

double
CpuSeconds ()
{
  rusage u {};
  getrusage (RUSAGE_SELF, &u);
  return double (u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// 1080p text scrolling 4 px per frame, encoded once; frame 0 is the IDR.
std::vector<GstBuffer *>
EncodeFrames (int count)
{
  const webdesk::testing::Picture tall =
      webdesk::testing::RenderText (kWidth, kHeight + 4 * count, 0xff202020, 0xfff8f8f8);
  GstElementFactory *q = gst_element_factory_find ("h264qualityenc");
  const std::string encoder = q ? "h264qualityenc"
                                : "videoconvert ! x264enc tune=zerolatency speed-preset=ultrafast "
                                  "pass=qual quantizer=25 vbv-buf-capacity=0 key-int-max=100000";
  if (q)
    gst_object_unref (q);
  const std::string description =
      "appsrc name=src format=time caps=video/x-raw,format=BGRx,width=1920,height=1080,"
      "framerate=30/1 ! " + encoder + " ! appsink name=out sync=false";
  GstElement *p = gst_parse_launch (description.c_str (), nullptr);
  GstElement *src = gst_bin_get_by_name (GST_BIN (p), "src");
  GstElement *out = gst_bin_get_by_name (GST_BIN (p), "out");
  gst_element_set_state (p, GST_STATE_PLAYING);
  for (int i = 0; i < count; i++) {
    const webdesk::testing::Picture frame = webdesk::testing::Crop (tall, 4 * i, kHeight);
    GstBuffer *b = gst_buffer_new_memdup (frame.bgrx.data (), frame.bgrx.size ());
    GST_BUFFER_PTS (b) = gst_util_uint64_scale (i, GST_SECOND, kFps);
    GST_BUFFER_DURATION (b) = GST_SECOND / kFps;
    gst_app_src_push_buffer (GST_APP_SRC (src), b);
  }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  std::vector<GstBuffer *> frames;
  while (GstSample *s = gst_app_sink_pull_sample (GST_APP_SINK (out))) {
    frames.push_back (gst_buffer_ref (gst_sample_get_buffer (s)));
    gst_sample_unref (s);
  }
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (src);
  gst_object_unref (out);
  gst_object_unref (p);
  return frames;
}

// Child: `viewers` clients; once all have a picture, counts frames for `seconds` and prints
// "ready" then one line of per-viewer counts.
int
RunViewers (int port, int viewers, int seconds)
{
  std::vector<std::unique_ptr<webdesk::testing::WsTestClient>> clients;
  for (int i = 0; i < viewers; i++) {
    clients.push_back (std::make_unique<webdesk::testing::WsTestClient> (port,
        webdesk::testing::WsTestClient::Options {.decodes_444 = true, .decodes_lossless = true}));  // like Chromium
    // One after the other, as pages arrive: one address may not hold more than 32 HTTP
    // connections at once (ConnectionLimits), and a WebSocket counts until it is open.
    webdesk::testing::WsTestClient &c = *clients.back ();
    if (!c.WaitFor ([&] { return c.open || c.failed; }, 60) || c.failed) {
      std::printf ("failed\n");
      return 1;
    }
  }
  for (auto &c : clients) {
    if (!c->WaitFor ([&] { return !c->frames.empty (); }, 60)) {
      std::printf ("failed\n");
      return 1;
    }
  }
  std::vector<size_t> start;
  for (auto &c : clients) {
    std::lock_guard<std::mutex> lock (c->mutex);
    start.push_back (c->frames.size ());
  }
  std::printf ("ready\n");
  std::fflush (stdout);
  std::this_thread::sleep_for (std::chrono::seconds (seconds));
  std::ostringstream counts;
  for (size_t i = 0; i < clients.size (); i++) {
    std::lock_guard<std::mutex> lock (clients[i]->mutex);
    counts << clients[i]->frames.size () - start[i] << " ";
  }
  std::printf ("%s\n", counts.str ().c_str ());
  std::fflush (stdout);
  return 0;
}

struct Row {
  int viewers;
  double min_frames, mean_frames, expected;
  double cpu_percent;
  gint64 p50_us, p99_us;
  gint64 handoff_p50_us, handoff_p99_us;
};

// With `tall` (scrolling text), the server encodes live (h264qualityenc) instead of replaying
// the pre-encoded frames: the whole server's cost, encoder included.
Row
Measure (const std::vector<GstBuffer *> &frames, const webdesk::testing::Picture *tall,
    int viewers, int seconds, const char *self)
{
  GstMapInfo map;
  gst_buffer_map (frames[0], &map, GST_MAP_READ);
  const bool high444 = webdesk::InspectAccessUnit (map.data, map.size).IsHigh444 ();
  gst_buffer_unmap (frames[0], &map);
  const std::string description = tall
      ? std::string ("appsrc name=src is-live=true format=time do-timestamp=true "
                     "caps=video/x-raw,format=BGRx,width=1920,height=1080,framerate=30/1 ! "
                     "h264qualityenc ! websocketframesink name=sink port=0 max-clients=64")
      : std::string ("appsrc name=src is-live=true format=time do-timestamp=true "
                     "caps=video/x-h264,stream-format=byte-stream,alignment=au,profile=") +
            (high444 ? "high-4:4:4" : "high") +
            " ! websocketframesink name=sink port=0 max-clients=64";
  GstElement *p = gst_parse_launch (description.c_str (), nullptr);
  GstElement *src = gst_bin_get_by_name (GST_BIN (p), "src");
  GstElement *sink = gst_bin_get_by_name (GST_BIN (p), "sink");
  // A keyframe request from the sink restarts the cycle at the IDR: a valid stream for joiners.
  std::atomic<bool> restart {true};
  GstPad *pad = gst_element_get_static_pad (src, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_EVENT_UPSTREAM,
      [] (GstPad *, GstPadProbeInfo *info, gpointer data) {
        if (gst_video_event_is_force_key_unit (GST_PAD_PROBE_INFO_EVENT (info)))
          static_cast<std::atomic<bool> *> (data)->store (true);
        return GST_PAD_PROBE_OK;
      },
      &restart, nullptr);
  gst_object_unref (pad);
  gst_element_set_state (p, GST_STATE_PLAYING);
  int port = 0;
  g_object_get (sink, "port", &port, nullptr);

  std::atomic<bool> feeding {true};
  std::thread feeder ([&] {
    size_t next = 0;
    auto due = std::chrono::steady_clock::now ();
    const size_t frame_bytes = size_t (kWidth) * kHeight * 4;
    const size_t scroll_steps = tall ? size_t (tall->height - kHeight) / 4 : 0;
    while (feeding) {
      GstBuffer *b;
      if (tall) {
        // A window of the tall picture is a contiguous range of it: wrapped, not copied.
        const size_t offset = (next++ % scroll_steps) * 4 * size_t (kWidth) * 4;
        b = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
            const_cast<uint8_t *> (tall->bgrx.data ()) + offset, frame_bytes, 0, frame_bytes,
            nullptr, nullptr);
      } else {
        if (restart.exchange (false) || next >= frames.size ())
          next = 0;
        b = gst_buffer_copy (frames[next++]);  // shares the memory
      }
      GST_BUFFER_PTS (b) = GST_BUFFER_DTS (b) = GST_CLOCK_TIME_NONE;
      gst_app_src_push_buffer (GST_APP_SRC (src), b);
      due += std::chrono::microseconds (1000000 / kFps);
      std::this_thread::sleep_until (due);
    }
  });

  g_autofree gchar *port_s = g_strdup_printf ("%d", port);
  g_autofree gchar *viewers_s = g_strdup_printf ("%d", viewers);
  g_autofree gchar *seconds_s = g_strdup_printf ("%d", seconds);
  const gchar *argv[] = {self, "--viewers", viewers_s, "--port", port_s, "--seconds", seconds_s,
      nullptr};
  GPid pid;
  gint out_fd;
  g_spawn_async_with_pipes (nullptr, const_cast<gchar **> (argv), nullptr, G_SPAWN_DEFAULT,
      nullptr, nullptr, &pid, nullptr, &out_fd, nullptr, nullptr);
  FILE *out = fdopen (out_fd, "r");
  char line[65536];
  Row row {viewers, 0, 0, double (seconds * kFps), 0, 0, 0, 0, 0};
  double cpu_start = 0;
  auto wall_start = std::chrono::steady_clock::now ();
  while (fgets (line, sizeof line, out)) {
    if (g_str_has_prefix (line, "ready")) {
      cpu_start = CpuSeconds ();
      wall_start = std::chrono::steady_clock::now ();
    } else if (g_str_has_prefix (line, "failed")) {
      std::fprintf (stderr, "viewers could not connect\n");
      break;
    } else {
      const double cpu = CpuSeconds () - cpu_start;
      const double wall =
          std::chrono::duration<double> (std::chrono::steady_clock::now () - wall_start).count ();
      row.cpu_percent = 100.0 * cpu / wall;
      std::istringstream in (line);
      std::vector<double> counts;
      double n;
      while (in >> n)
        counts.push_back (n);
      if (!counts.empty ()) {
        row.min_frames = *std::min_element (counts.begin (), counts.end ());
        double sum = 0;
        for (double c : counts)
          sum += c;
        row.mean_frames = sum / double (counts.size ());
      }
      break;
    }
  }
  GstStructure *stats = nullptr;
  g_object_get (sink, "stats", &stats, nullptr);
  gst_structure_get_int64 (stats, "send-latency-p50-us", &row.p50_us);
  gst_structure_get_int64 (stats, "send-latency-p99-us", &row.p99_us);
  gst_structure_get_int64 (stats, "handoff-latency-p50-us", &row.handoff_p50_us);
  gst_structure_get_int64 (stats, "handoff-latency-p99-us", &row.handoff_p99_us);
  gst_structure_free (stats);
  fclose (out);
  g_spawn_close_pid (pid);
  feeding = false;
  feeder.join ();
  gst_element_set_state (p, GST_STATE_NULL);
  gst_object_unref (src);
  gst_object_unref (sink);
  gst_object_unref (p);
  return row;
}

}  // namespace

int
main (int argc, char **argv)
{
  gint seconds = 10, viewers = 0, port = 0;
  gboolean with_encoder = FALSE;
  gchar *counts_text = nullptr;
  GOptionEntry entries[] = {
      {"seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Measured seconds per row (default 10)", "S"},
      {"counts", 0, 0, G_OPTION_ARG_STRING, &counts_text, "Viewer counts (default 1,20)", "N,M"},
      {"with-encoder", 0, 0, G_OPTION_ARG_NONE, &with_encoder,
          "Also measure with h264qualityenc encoding live in the server", nullptr},
      {"viewers", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &viewers, "child mode", nullptr},
      {"port", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &port, "child mode", nullptr},
      {nullptr}};
  GOptionContext *ctx = g_option_context_new ("- websocketframesink fan-out benchmark");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *error = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    std::fprintf (stderr, "%s\n", error->message);
    return 2;
  }
  g_option_context_free (ctx);
  if (viewers > 0)
    return RunViewers (port, viewers, seconds);

  gst_init (nullptr, nullptr);
  std::vector<int> counts = {1, 20};
  if (counts_text) {
    counts.clear ();
    g_auto (GStrv) parts = g_strsplit (counts_text, ",", -1);
    for (gchar **s = parts; *s; s++)
      counts.push_back (atoi (*s));
  }
  const std::vector<GstBuffer *> frames = EncodeFrames (60);
  size_t bytes = 0;
  for (GstBuffer *b : frames)
    bytes += gst_buffer_get_size (b);
  std::printf ("websocketframesink fan-out, 1920x1080 at %d fps, %zu pre-encoded frames "
               "(scrolling text, %.1f KB/frame average, IDR %.0f KB), %d s per row, loopback\n\n",
      kFps, frames.size (), double (bytes) / 1024.0 / double (frames.size ()),
      gst_buffer_get_size (frames[0]) / 1024.0, seconds);
  std::printf ("| viewers | frames per viewer (min / mean / sent) | server CPU (%% of a core) | "
               "sink latency p50 / p99 (arrival -> socket write, every viewer) | of which "
               "hand-off to the server thread p50 / p99 |\n|---|---|---|---|---|\n");
  for (int n : counts) {
    const Row r = Measure (frames, nullptr, n, seconds, argv[0]);
    std::printf ("| %d | %.0f / %.1f / %.0f | %.1f %% | %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                 " us | %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " us |\n",
        r.viewers, r.min_frames, r.mean_frames, r.expected, r.cpu_percent, r.p50_us, r.p99_us,
        r.handoff_p50_us, r.handoff_p99_us);
    std::fflush (stdout);
  }
  GstElementFactory *q = gst_element_factory_find ("h264qualityenc");
  if (with_encoder && q) {
    const webdesk::testing::Picture tall =
        webdesk::testing::RenderText (kWidth, kHeight + 4 * 300, 0xff202020, 0xfff8f8f8);
    std::printf ("\nThe same with h264qualityenc (defaults) encoding the scrolling text live in the "
                 "server process:\n\n| viewers | frames per viewer (min / mean / sent) | server "
                 "CPU (%% of a core) | sink latency p50 / p99 | hand-off p50 / p99 |\n"
                 "|---|---|---|---|---|\n");
    for (int n : counts) {
      const Row r = Measure (frames, &tall, n, seconds, argv[0]);
      std::printf ("| %d | %.0f / %.1f / %.0f | %.1f %% | %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                   " us | %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " us |\n",
          r.viewers, r.min_frames, r.mean_frames, r.expected, r.cpu_percent, r.p50_us, r.p99_us,
          r.handoff_p50_us, r.handoff_p99_us);
      std::fflush (stdout);
    }
  }
  if (q)
    gst_object_unref (q);
  for (GstBuffer *b : frames)
    gst_buffer_unref (b);
  return 0;
}
