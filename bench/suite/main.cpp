// SPDX-License-Identifier: GPL-2.0-or-later
/* webdesk-bench-suite: webdesk's full pipeline against what people use today, side by side in
 * the same run, on deterministic desktop content at 1080p.
 *
 *   bench/run-suite.sh                 # all scenarios, writes docs/benchmarks.md + docs/img/
 *   webdesk-bench-suite --only typing --no-write
 *
 * Streams: webdesk (paintoverscheduler ! h264qualityenc, damage-driven), a constant-rate
 * x264enc stream at the bitrate webdesk used while moving, and a JPEG per damaged region
 * (VNC's Tight encoding). See docs/benchmarks.md for what each figure means. */
#include <gst/gst.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <cstdint>

extern "C" {
#include <x264.h>
}

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "browser.h"
#include "calibrate.h"
#include "contestant.h"
#include "measure.h"
#include "report.h"
#include "scenario.h"

using namespace webdesk::bench;

static std::string
CpuModel ()
{
  std::ifstream in ("/proc/cpuinfo");
  std::string line;
  while (std::getline (in, line))
    if (line.rfind ("model name", 0) == 0)
      return line.substr (line.find (':') + 2);
  return "unknown CPU";
}

static std::string
Header (double scale)
{
  g_autofree gchar *gst = gst_version_string ();
  char buf[1024];
  std::snprintf (buf, sizeof buf,
      "\nMeasured on %s, %ld cores, with %s, x264 build %d, libjpeg-turbo (TurboJPEG %s); "
      "1920x1080 at 60 frames/s, real time%s. Every stream gets the same frames at the same "
      "moments; quality is the decoded picture against the source in RGB (libavcodec, converted "
      "back with libyuv), per channel. Regenerate with `bench/run-suite.sh`.\n",
      CpuModel ().c_str (), sysconf (_SC_NPROCESSORS_ONLN), gst, X264_BUILD, "2.1",
      scale == 1.0 ? "" : " (durations scaled)");
  return buf;
}

int
main (int argc, char **argv)
{
  gst_init (&argc, &argv);
  double scale = 1.0;
  g_autofree gchar *only = nullptr, *page = nullptr, *img = nullptr;
  gboolean no_write = FALSE, no_browser = FALSE;
  g_autofree gchar *streams = nullptr;
  GOptionEntry entries[] = {
      {"scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Multiply every scenario's duration", "X"},
      {"only", 0, 0, G_OPTION_ARG_STRING, &only, "Run one scenario (static, typing, scroll-240, "
          "scroll-1920, video-window, full-motion, colour-on-black)", "NAME"},
      {"page", 0, 0, G_OPTION_ARG_FILENAME, &page, "Results page (default docs/benchmarks.md)",
          "FILE"},
      {"img", 0, 0, G_OPTION_ARG_FILENAME, &img, "Folder for plots (default docs/img)", "DIR"},
      {"no-write", 0, 0, G_OPTION_ARG_NONE, &no_write, "Only print the tables", nullptr},
      {"no-browser", 0, 0, G_OPTION_ARG_NONE, &no_browser,
          "Skip the latency in headless Chromium (typing, scroll-240)", nullptr},
      {"streams", 0, 0, G_OPTION_ARG_STRING, &streams,
          "Comma-separated subset of webdesk,constant-rate,jpeg (default all)", "LIST"},
      {nullptr}};
  GOptionContext *ctx = g_option_context_new ("- webdesk benchmark suite");
  g_option_context_add_main_entries (ctx, entries, nullptr);
  GError *err = nullptr;
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    std::fprintf (stderr, "%s\n", err->message);
    return 2;
  }
  g_option_context_free (ctx);

  auto wants = [&] (const char *name) {
    if (!streams)
      return true;
    g_auto (GStrv) names = g_strsplit (streams, ",", -1);
    return g_strv_contains ((const gchar *const *) names, name) != FALSE;
  };
  std::vector<Result> all, plotted;
  std::vector<BrowserResult> browser;
  std::string no_browser_why;
  const bool with_browser = !no_browser && BrowserAvailable (&no_browser_why);
  BitrateMatch matching {4000, 0, false};  // matched to webdesk's quality while moving
  for (auto &scenario : AllScenarios (scale)) {
    const ScenarioSpec &spec = scenario->spec ();
    if (only && spec.name != only)
      continue;
    std::fprintf (stderr, "== %s: %s (%d frames)\n", spec.name.c_str (),
        spec.description.c_str (), spec.frames);
    // Render every frame once, up front, so generating content costs nothing while measuring.
    std::vector<SharedPicture> frames (spec.frames);
    std::vector<std::vector<GstVideoRectangle>> damage (spec.frames);
    for (int i = 0; i < spec.frames; i++) {
      auto pic = std::make_shared<Picture> ();
      scenario->Render (i, pic.get (), &damage[i]);
      frames[i] = (i > 0 && damage[i].empty ()) ? frames[i - 1] : SharedPicture (pic);
    }
    std::vector<Result> results;
    auto run = [&] (std::unique_ptr<Contestant> stream) {
      std::fprintf (stderr, "   %s ...\n", stream->Name ().c_str ());
      results.push_back (Run (*scenario, frames, damage, *stream));
    };
    if (wants ("webdesk"))
      run (MakeWebdesk ());
    if (wants ("constant-rate")) {
      if (!results.empty () && spec.last_motion_frame > 0) {
        std::fprintf (stderr, "   matching x264enc's bitrate to %.1f dB while moving ...\n",
            results.back ().mean_motion_psnr);
        matching = MatchConstantRate (spec, frames, results.back ().mean_motion_psnr);
      }
      run (MakeConstantRate (matching.kbps, false,
          matching.capped ? "its best quality, below webdesk's" : ""));
    }
    if (wants ("jpeg"))
      run (MakeJpegRegions (80));
    std::printf ("%s", ResultsMarkdown (results).c_str ());
    std::fflush (stdout);
    if (spec.name == "scroll-240")
      plotted = results;
    if (!no_browser && (spec.name == "typing" || spec.name == "scroll-240")) {
      std::fprintf (stderr, "   headless Chromium ...\n");
      // Paced (the default) and not, side by side.
      const size_t first = browser.size ();
      for (bool pace : {true, false}) {
        if (with_browser) {
          browser.push_back (MeasureInBrowser (spec, frames, damage, pace));
        } else {
          browser.push_back ({});
          browser.back ().scenario = spec.name;
          browser.back ().pace = pace;
          browser.back ().error = no_browser_why;
        }
      }
      std::printf ("%s",
          BrowserMarkdown ({browser.begin () + first, browser.end ()}).c_str ());
      std::fflush (stdout);
    }
    all.insert (all.end (), results.begin (), results.end ());
  }

  if (!no_write) {
    std::string error;
    const std::string tables = TargetsMarkdown (all, browser) + ResultsMarkdown (all) +
        (browser.empty () ? "" : BrowserMarkdown (browser));
    if (!WriteReport (page ? page : "docs/benchmarks.md", img ? img : "docs/img", Header (scale),
            tables, plotted, &error)) {
      std::fprintf (stderr, "%s\n", error.c_str ());
      return 1;
    }
  }
  if (no_write)
    std::printf ("%s", TargetsMarkdown (all, browser).c_str ());
  return 0;
}
