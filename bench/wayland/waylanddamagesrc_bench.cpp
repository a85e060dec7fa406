// SPDX-License-Identifier: LGPL-2.1-or-later
/* webdesk-bench-wayland: what waylanddamagesrc costs, idle and per frame, and how long a change
 * takes to become a buffer.
 *
 *   build/bench/wayland/webdesk-bench-wayland [--width=1920 --height=1080] [--frames=200]
 *       [--idle-seconds=10]
 *
 * 1. Idle: foot showing a line of text, nothing else happening. After it settled, the frames
 *    produced and the CPU used by the pipeline process (compositor + streaming threads) over
 *    --idle-seconds; the same for ximagesrc capturing a static Xvfb screen at 60 fps, the
 *    full-frame capture reference.
 * 2. Damage-to-buffer latency: an in-process Wayland client (own thread of control, the
 *    benchmark's main thread) changes a 64x64 square, 5 % of the screen, or the whole screen,
 *    and commits; the
 *    time from just before wl_surface_commit to the buffer arriving in appsink. One change at a
 *    time, 20 ms apart (so max-framerate pacing does not add to it); p50 / p99 / max.
 * 3. CPU per frame: the pipeline's CPU time (all threads but the main one, which is the client
 *    and the appsink reader) divided by the frames, for the small change, the full-screen
 *    change, and ximagesrc (use-damage=false) on Xvfb at the same size.
 * The machine may be shared: timings are noisy; run it when little else runs.
 * To compare two builds of the element side by side, run this binary twice with
 * GST_PLUGIN_PATH_1_0 pointing at each build's ext/wayland (and a registry of its own). */
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <gst/webdesk/webdesk.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "runtime_dir.h"
#include "test_client.h"

using webdesk::testing::ScopedRuntimeDir;
using webdesk::testing::ShmBuffer;
using webdesk::testing::TestClient;
using webdesk::testing::Window;

namespace {

struct Options {
  int width = 1920, height = 1080;
  int frames = 200;
  int idle_seconds = 10;
};

double
NowMs ()
{
  timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double
ProcessCpuMs ()
{
  rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

double
MainThreadCpuMs ()
{
  timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// CPU used by every thread but this one (the pipeline's threads) since the last call.
class PipelineCpu {
 public:
  PipelineCpu () { Reset (); }
  void Reset ()
  {
    process_ = ProcessCpuMs ();
    main_ = MainThreadCpuMs ();
  }
  double ElapsedMs () const { return (ProcessCpuMs () - process_) - (MainThreadCpuMs () - main_); }

 private:
  double process_, main_;
};

struct Pipeline {
  GstElement *pipeline = nullptr, *src = nullptr, *sink = nullptr;
  explicit Pipeline (const std::string &desc)
  {
    GError *error = nullptr;
    pipeline = gst_parse_launch ((desc + " ! appsink name=sink sync=false max-buffers=4").c_str (),
        &error);
    if (error) {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
    src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
    sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
    gst_element_set_state (pipeline, GST_STATE_PLAYING);
  }
  ~Pipeline ()
  {
    gst_element_set_state (pipeline, GST_STATE_NULL);
    gst_object_unref (src);
    gst_object_unref (sink);
    gst_object_unref (pipeline);
  }
  // A sample's arrival time (ms, monotonic), or < 0 after `timeout`.
  double Pull (GstClockTime timeout)
  {
    GstSample *s = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), timeout);
    if (!s)
      return -1;
    const double t = NowMs ();
    gst_sample_unref (s);
    return t;
  }
  // Pulls until nothing came for `quiet`.
  int Settle (GstClockTime quiet)
  {
    int n = 0;
    while (Pull (quiet) >= 0)
      n++;
    return n;
  }
  std::string SocketName ()
  {
    g_autofree gchar *name = nullptr;
    g_object_get (src, "socket-name", &name, nullptr);
    return name ? name : "";
  }
};

struct IdleResult {
  int frames = 0;
  double cpu_percent = 0;
};

IdleResult
MeasureIdle (Pipeline &p, int seconds)
{
  PipelineCpu cpu;
  IdleResult r;
  const double end = NowMs () + seconds * 1e3;
  while (NowMs () < end)
    if (p.Pull (100 * GST_MSECOND) >= 0)
      r.frames++;
  r.cpu_percent = cpu.ElapsedMs () / (seconds * 10.0);
  return r;
}

struct LatencyResult {
  std::vector<double> latency_ms;
  double cpu_per_frame_ms = 0;
  double Percentile (double q) const
  {
    if (latency_ms.empty ())
      return -1;
    std::vector<double> v = latency_ms;
    std::sort (v.begin (), v.end ());
    return v[std::min (v.size () - 1, size_t (q * (v.size () - 1) + 0.5))];
  }
};

// The client changes a `rect_w` x `rect_h` rectangle (somewhere else each time; the whole screen
// when that is its size) in a fresh buffer and commits, then waits for the buffer; repeated.
LatencyResult
MeasureLatency (const Options &o, int rect_w, int rect_h)
{
  const bool full_screen = rect_w >= o.width && rect_h >= o.height;
  Pipeline p ("waylanddamagesrc name=src width=" + std::to_string (o.width) +
      " height=" + std::to_string (o.height));
  p.Pull (5 * GST_SECOND);  // empty desktop
  TestClient c (p.SocketName ());
  Window *w = c.CreateToplevel ();
  ShmBuffer *buffers[2] = {c.CreateBuffer (o.width, o.height, 0x202020),
    c.CreateBuffer (o.width, o.height, 0x202020)};
  c.Show (w, buffers[0]);
  p.Settle (500 * GST_MSECOND);

  LatencyResult r;
  double cpu_ms = 0;
  for (int i = 0; i < o.frames; i++) {
    ShmBuffer *b = buffers[(i + 1) % 2];
    const uint32_t colour = 0x010203u * uint32_t (i % 80);
    const int x = full_screen ? 0 : (i * 37) % (o.width - rect_w);
    const int y = full_screen ? 0 : (i * 23) % (o.height - rect_h);
    if (full_screen)
      b->Fill (colour);
    else
      b->FillRect (x, y, rect_w, rect_h, colour);
    g_usleep (20000);
    PipelineCpu cpu;
    const double t0 = NowMs ();
    wl_surface_attach (w->surface, b->buffer, 0, 0);
    if (full_screen)
      wl_surface_damage_buffer (w->surface, 0, 0, o.width, o.height);
    else
      wl_surface_damage_buffer (w->surface, x, y, rect_w, rect_h);
    wl_surface_commit (w->surface);
    wl_display_flush (c.display ());
    const double t1 = p.Pull (5 * GST_SECOND);
    cpu_ms += cpu.ElapsedMs ();
    if (t1 < 0)
      break;
    r.latency_ms.push_back (t1 - t0);
    wl_display_roundtrip (c.display ());  // buffer releases
  }
  r.cpu_per_frame_ms = r.latency_ms.empty () ? -1 : cpu_ms / r.latency_ms.size ();
  return r;
}

// CPU time of another process (ms), from /proc/<pid>/stat (utime + stime).
double
OtherProcessCpuMs (pid_t pid)
{
  g_autofree gchar *path = g_strdup_printf ("/proc/%d/stat", int (pid));
  g_autofree gchar *stat = nullptr;
  if (!g_file_get_contents (path, &stat, nullptr, nullptr))
    return 0;
  // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
  const char *p = strrchr (stat, ')');
  unsigned long utime = 0, stime = 0;
  if (!p || sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
    return 0;
  return (utime + stime) * 1e3 / sysconf (_SC_CLK_TCK);
}

// Xvfb for the ximagesrc reference; 0 when it could not be started.
pid_t
StartXvfb (const Options &o, int display)
{
  const std::string screen = std::to_string (o.width) + "x" + std::to_string (o.height) + "x24";
  pid_t pid = fork ();
  if (pid == 0) {
    execlp ("Xvfb", "Xvfb", (":" + std::to_string (display)).c_str (), "-screen", "0",
        screen.c_str (), "-nolisten", "tcp", (char *) nullptr);
    _exit (127);
  }
  const std::string socket = "/tmp/.X11-unix/X" + std::to_string (display);
  for (int i = 0; i < 100; i++) {
    if (g_file_test (socket.c_str (), G_FILE_TEST_EXISTS))
      return pid;
    if (waitpid (pid, nullptr, WNOHANG) == pid)
      return 0;
    g_usleep (50000);
  }
  kill (pid, SIGTERM);
  waitpid (pid, nullptr, 0);
  return 0;
}

}  // namespace

int
main (int argc, char **argv)
{
  Options o;
  GOptionEntry entries[] = {
    {"width", 0, 0, G_OPTION_ARG_INT, &o.width, "Output width", "PX"},
    {"height", 0, 0, G_OPTION_ARG_INT, &o.height, "Output height", "PX"},
    {"frames", 0, 0, G_OPTION_ARG_INT, &o.frames, "Changes per latency run", "N"},
    {"idle-seconds", 0, 0, G_OPTION_ARG_INT, &o.idle_seconds, "Idle measurement window", "S"},
    {nullptr},
  };
  GOptionContext *ctx = g_option_context_new ("- waylanddamagesrc benchmark");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  GError *error = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  g_option_context_free (ctx);
  ScopedRuntimeDir runtime_dir;
  const std::string size = std::to_string (o.width) + "x" + std::to_string (o.height);

  // 1. Idle.
  IdleResult wayland_idle;
  {
    Pipeline p ("waylanddamagesrc name=src width=" + std::to_string (o.width) + " height=" +
        std::to_string (o.height) +
        " command=\"foot -o cursor.blink=no sh -c 'echo webdesk idle benchmark; exec sleep 100000'\"");
    p.Pull (10 * GST_SECOND);
    p.Settle (2 * GST_SECOND);
    wayland_idle = MeasureIdle (p, o.idle_seconds);
  }
  IdleResult x_idle{-1, -1};
  double x_cpu_per_frame = -1, x_server_ms = 0;
  const int display = 90 + getpid () % 9;
  if (pid_t xvfb = StartXvfb (o, display)) {
    {
      Pipeline p ("ximagesrc name=src use-damage=false show-pointer=false display-name=:" +
          std::to_string (display) + " ! video/x-raw,framerate=60/1");
      p.Pull (10 * GST_SECOND);
      // XShmGetImage copies in the X server: its CPU counts too.
      const double server_before = OtherProcessCpuMs (xvfb);
      x_idle = MeasureIdle (p, o.idle_seconds);
      x_server_ms = OtherProcessCpuMs (xvfb) - server_before;
      x_idle.cpu_percent += x_server_ms / (o.idle_seconds * 10.0);
      x_cpu_per_frame = x_idle.frames > 0 ? x_idle.cpu_percent * o.idle_seconds * 10.0 / x_idle.frames : -1;
    }
    kill (xvfb, SIGTERM);
    waitpid (xvfb, nullptr, 0);
  }

  // 2. and 3. Latency and CPU per frame.
  // 5 % of the screen: a rectangle of the screen's shape, sqrt (0.05) of each side.
  const int five_w = int (o.width * 0.2236), five_h = int (o.height * 0.2236);
  LatencyResult small = MeasureLatency (o, 64, 64);
  LatencyResult five = MeasureLatency (o, five_w, five_h);
  LatencyResult full = MeasureLatency (o, o.width, o.height);

  printf ("\n### waylanddamagesrc at %s (%d changes per run, %d s idle windows)\n\n", size.c_str (),
      o.frames, o.idle_seconds);
  printf ("| idle, static screen | frames in %d s | CPU (pipeline threads, + X server for ximagesrc) |\n|---|---:|---:|\n",
      o.idle_seconds);
  printf ("| waylanddamagesrc + foot (static text) | %d | %.2f %% |\n", wayland_idle.frames,
      wayland_idle.cpu_percent);
  if (x_idle.frames >= 0)
    printf ("| ximagesrc use-damage=false, Xvfb, 60 fps (full-frame reference) | %d | %.2f %% |\n",
        x_idle.frames, x_idle.cpu_percent);
  else
    printf ("| ximagesrc reference | (Xvfb could not be started) | |\n");

  printf ("\n| change | damage-to-buffer p50 | p99 | max | CPU per frame |\n"
          "|---|---:|---:|---:|---:|\n");
  auto row = [] (const char *name, const LatencyResult &r) {
    printf ("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |\n", name, r.Percentile (0.5),
        r.Percentile (0.99), r.Percentile (1.0), r.cpu_per_frame_ms);
  };
  row ("64x64 square (waylanddamagesrc)", small);
  const std::string five_name = std::to_string (five_w) + "x" + std::to_string (five_h) +
      ", 5 % of the screen (waylanddamagesrc)";
  row (five_name.c_str (), five);
  row ("full screen (waylanddamagesrc)", full);
  if (x_cpu_per_frame >= 0)
    printf ("| any (ximagesrc full-frame capture, reference) | | | | %.2f ms |\n", x_cpu_per_frame);
  return 0;
}
