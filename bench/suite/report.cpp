// SPDX-License-Identifier: LGPL-2.1-or-later
#include "report.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>

namespace webdesk::bench {

namespace {

std::string
Fmt (const char *format, double v)
{
  if (v < 0 || std::isnan (v))
    return "–";
  char buf[64];
  std::snprintf (buf, sizeof buf, format, v);
  return buf;
}

std::string
Bytes (double b)
{
  if (b >= 1e6)
    return Fmt ("%.2f MB", b / 1e6);
  if (b >= 1e3)
    return Fmt ("%.1f kB", b / 1e3);
  return Fmt ("%.0f B", b);
}

const char *kBegin = "<!-- bench-suite:begin (written by bench/run-suite.sh; edit outside) -->";
const char *kEnd = "<!-- bench-suite:end -->";

}  // namespace

std::string
ResultsMarkdown (const std::vector<Result> &results)
{
  std::ostringstream md;
  std::string current;
  for (const Result &r : results) {
    if (r.scenario != current) {
      current = r.scenario;
      md << "\n### " << r.scenario << "\n\n"
         << "| stream | first picture | bytes/s moving | paint-over bytes | bytes/s still | "
            "CPU s/s (still) | capture→bytes p50 / p99 (first picture; frames captured behind it) | quality while moving (worst channel) | "
            "final B / G / R | final worst error / exact px | final px off >48 | "
            "last motion → final |\n"
         << "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    }
    md << "| " << r.stream << " | " << Bytes (r.first_bytes) << " | "
       << Bytes (r.motion_bytes_per_s) << " | "
       << Bytes (r.settle_bytes) << " | " << Bytes (r.still_bytes_per_s) << " | "
       << Fmt ("%.2f", r.cpu_s_per_s)
       << (r.still_cpu_s_per_s >= 0 ? Fmt (" (%.3f)", r.still_cpu_s_per_s) : "") << " | "
       << Fmt ("%.1f", r.latency_p50_ms) << " / "
       << Fmt ("%.1f ms", r.latency_p99_ms)
       << (r.first_latency_ms >= 0 ? Fmt (" (%.0f ms", r.first_latency_ms) +
                  (r.behind_first ? "; " + std::to_string (r.behind_first) + " behind it, " +
                                        Fmt ("up to %.0f ms", r.behind_first_max_ms)
                                  : "") + ")"
                                    : "")
       << " | "
       << Fmt ("%.1f dB", r.mean_motion_psnr)
       << " | " << Fmt ("%.1f", r.final_quality.psnr_b) << " / "
       << Fmt ("%.1f", r.final_quality.psnr_g) << " / "
       << Fmt ("%.1f dB", r.final_quality.psnr_r) << " | "
       << r.final_quality.max_error << " / " << Fmt ("%.2f%%", r.final_quality.exact_share * 100)
       << " | " << Fmt ("%.3f%%", r.final_quality.off_by_48_share * 100) << " | "
       << Fmt ("%.0f ms", r.time_to_final_ms) << " |\n";
  }
  return md.str ();
}

namespace {

const Result *
Find (const std::vector<Result> &results, const std::string &scenario, const std::string &stream)
{
  for (const Result &r : results)
    if (r.scenario == scenario && r.stream.rfind (stream, 0) == 0)
      return &r;
  return nullptr;
}

std::string
Verdict (bool met)
{
  return met ? "**met**" : "**missed**";
}

}  // namespace

std::string
TargetsMarkdown (const std::vector<Result> &results, const std::vector<BrowserResult> &browser)
{
  std::ostringstream md;
  char buf[1024];
  md << "\n### Targets (issues #7 and #14), webdesk against the others in this run\n\n"
     << "| target | scenario | measured | verdict |\n|---|---|---|---|\n";
  if (const Result *w = Find (results, "static", "webdesk")) {
    const Result *c = Find (results, "static", "x264enc");
    std::snprintf (buf, sizeof buf,
        "| static: 0 bytes/s and < 1 %% CPU | static | %s/s, %.2f %% CPU while still (constant "
        "rate: %s/s, %.1f %%) | %s%s |\n",
        Bytes (w->still_bytes_per_s).c_str (), w->still_cpu_s_per_s * 100,
        c ? Bytes (c->still_bytes_per_s).c_str () : "–", c ? c->still_cpu_s_per_s * 100 : -1.0,
        Verdict (w->still_bytes_per_s == 0 && w->still_cpu_s_per_s >= 0 &&
                 w->still_cpu_s_per_s < 0.01).c_str (),
        w->still_cpu_s_per_s >= 0.01
            ? Fmt (" (CPU %.1f× the limit)", w->still_cpu_s_per_s / 0.01).c_str ()
            : "");
    md << buf;
  }
  for (const char *name : {"scroll-240", "scroll-1920"}) {
    const Result *w = Find (results, name, "webdesk");
    if (!w)
      continue;
    const double worst = std::min ({w->final_quality.psnr_r, w->final_quality.psnr_g,
        w->final_quality.psnr_b});
    const bool quality = worst >= 50 && w->time_to_final_ms >= 0 && w->time_to_final_ms <= 300;
    std::snprintf (buf, sizeof buf,
        "| scroll-then-stop: ≥ 50 dB in every channel within 300 ms of the last motion | %s | "
        "worst channel %.1f dB (%+.1f dB), final after %s | %s |\n",
        name, worst, worst - 50, Fmt ("%.0f ms", w->time_to_final_ms).c_str (),
        Verdict (quality).c_str ());
    md << buf;
    if (const Result *c = Find (results, name, "x264enc")) {
      const double share = c->total_bytes > 0 ? w->total_bytes / c->total_bytes : -1;
      std::snprintf (buf, sizeof buf,
          "| scroll-then-stop: ≤ 50 %% of the constant-rate stream's bytes | %s | %s against %s "
          "(%.0f %%) | %s |\n",
          name, Bytes (w->total_bytes).c_str (), Bytes (c->total_bytes).c_str (), share * 100,
          Verdict (share >= 0 && share <= 0.5).c_str ());
      md << buf;
    }
  }
  // Issue #14: the final picture is the application's pixels (lossless where the viewer decodes
  // it, as the suite's viewer says it does), sooner, and typing is final in every picture.
  for (const char *name : {"scroll-240", "scroll-1920", "typing"}) {
    const Result *w = Find (results, name, "webdesk");
    if (!w)
      continue;
    std::snprintf (buf, sizeof buf,
        "| final picture exact (black text on white; lossless finals) | %s | worst error %d, "
        "%.2f %% of pixels exact | %s |\n",
        name, w->final_quality.max_error, w->final_quality.exact_share * 100,
        Verdict (w->final_quality.exact_share == 1.0).c_str ());
    md << buf;
  }
  for (const char *name : {"scroll-240", "scroll-1920"}) {
    const Result *w = Find (results, name, "webdesk");
    if (!w)
      continue;
    std::snprintf (buf, sizeof buf,
        "| last motion → final ≤ 120 ms (quiet 2-core machine) | %s | %s (%+.0f ms) | %s |\n",
        name, Fmt ("%.0f ms", w->time_to_final_ms).c_str (), w->time_to_final_ms - 120,
        Verdict (w->time_to_final_ms >= 0 && w->time_to_final_ms <= 120).c_str ());
    md << buf;
  }
  if (const Result *w = Find (results, "typing", "webdesk")) {
    std::snprintf (buf, sizeof buf,
        "| typing: every picture final (small changes final at once) | typing | worst channel "
        "%.1f dB on average over the pictures the viewer had (99: identical) | %s |\n",
        w->mean_motion_psnr, Verdict (w->mean_motion_psnr >= 99).c_str ());
    md << buf;
  }
  if (const Result *w = Find (results, "colour-on-black", "webdesk")) {
    std::snprintf (buf, sizeof buf,
        "| coloured text on black: 0 %% of pixels off by more than 48 | colour-on-black | "
        "%.4f %% | %s |\n",
        w->final_quality.off_by_48_share * 100,
        Verdict (w->final_quality.off_by_48_share == 0).c_str ());
    md << buf;
  }
  for (const char *name : {"typing", "scroll-240", "scroll-1920"}) {
    const Result *w = Find (results, name, "webdesk");
    if (!w)
      continue;
    std::snprintf (buf, sizeof buf,
        "| capture-to-socket p99 ≤ 16 ms at 1080p | %s | p50 %.1f ms, p99 %.1f ms (%+.1f ms)%s | "
        "%s |\n",
        name, w->latency_p50_ms, w->latency_p99_ms, w->latency_p99_ms - 16,
        w->behind_first ? ("; not counted: " + std::to_string (w->behind_first) +
                              " frames captured while the first picture was encoded, up to " +
                              Fmt ("%.0f ms", w->behind_first_max_ms))
                              .c_str ()
                        : "",
        Verdict (w->latency_p99_ms >= 0 && w->latency_p99_ms <= 16).c_str ());
    md << buf;
  }
  for (const BrowserResult &b : browser) {
    if (!b.error.empty ())
      continue;
    std::snprintf (buf, sizeof buf,
        "| browser latency (no target: reported) | %s, pace %s | capture→decoded p50 %.1f ms, "
        "p99 %.1f ms | – |\n",
        b.scenario.c_str (), b.pace ? "on" : "off", b.p50_ms, b.p99_ms);
    md << buf;
  }
  return md.str ();
}

// For a single-quoted gnuplot string: a quote is doubled.
static std::string
Quoted (const std::string &text)
{
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\'')
      out += c;
  }
  return out;
}

static bool
Plot (const std::string &img_dir, const std::vector<Result> &results, std::string *error)
{
  if (results.empty ())
    return true;
  const std::string scenario = results.front ().scenario;
  std::ostringstream script;
  script << "set terminal pngcairo size 1000,420 font 'DejaVu Sans,10'\n"
         << "set grid\nset key outside right\nset xlabel 'time (s)'\n";
  std::vector<std::string> data_files;
  // Bytes per 100 ms, and the worst-channel PSNR of each picture the viewer saw.
  for (size_t i = 0; i < results.size (); i++) {
    std::map<int, double> bins;
    for (const auto &p : results[i].timeline)
      bins[int (p.t_ms / 100)] += p.bytes;
    const std::string bytes_file = img_dir + "/." + scenario + "-" + std::to_string (i) + ".bytes";
    const std::string q_file = img_dir + "/." + scenario + "-" + std::to_string (i) + ".quality";
    std::ostringstream b, q;
    for (const auto &[bin, sum] : bins)
      b << bin / 10.0 << " " << sum / 1000.0 << "\n";
    for (const auto &p : results[i].timeline)
      q << p.t_ms / 1000.0 << " " << std::min (p.min_psnr, 70.0) << "\n";
    g_file_set_contents (bytes_file.c_str (), b.str ().c_str (), -1, nullptr);
    g_file_set_contents (q_file.c_str (), q.str ().c_str (), -1, nullptr);
    data_files.push_back (bytes_file);
    data_files.push_back (q_file);
  }
  auto plot = [&] (const std::string &png, const std::string &ylabel, int which,
                  const std::string &style) {
    script << "set output '" << img_dir << "/" << png << "'\nset ylabel '" << ylabel << "'\n"
           << "set title '" << scenario << "'\nplot ";
    for (size_t i = 0; i < results.size (); i++)
      script << (i ? ", " : "") << "'" << data_files[i * 2 + which] << "' using 1:2 with "
             << style << " title '" << Quoted (results[i].stream) << "'";
    script << "\n";
  };
  plot (scenario + "-bytes.png", "kB per 100 ms", 0, "steps lw 2");
  plot (scenario + "-quality.png", "worst-channel RGB PSNR (dB, capped at 70)", 1, "linespoints pt 7 ps 0.4");
  const std::string script_file = img_dir + "/." + scenario + ".gnuplot";
  g_file_set_contents (script_file.c_str (), script.str ().c_str (), -1, nullptr);
  gchar *argv[] = {(gchar *) "gnuplot", (gchar *) script_file.c_str (), nullptr};
  gint status = 0;
  GError *err = nullptr;
  const bool ok = g_spawn_sync (nullptr, argv, nullptr, G_SPAWN_SEARCH_PATH, nullptr, nullptr,
                      nullptr, nullptr, &status, &err) &&
      g_spawn_check_wait_status (status, &err);
  if (!ok) {
    *error = std::string ("gnuplot (tools/install-deps.sh installs it): ") + err->message;
    g_error_free (err);
  }
  for (const auto &f : data_files)
    g_unlink (f.c_str ());
  g_unlink (script_file.c_str ());
  return ok;
}

bool
WriteReport (const std::string &page, const std::string &img_dir, const std::string &header,
    const std::string &tables, const std::vector<Result> &plotted, std::string *error)
{
  g_mkdir_with_parents (img_dir.c_str (), 0755);
  gchar *old = nullptr;
  std::string before = "# Benchmarks\n\n", after = "\n";
  if (g_file_get_contents (page.c_str (), &old, nullptr, nullptr)) {
    const std::string text = old;
    g_free (old);
    const auto b = text.find (kBegin), e = text.find (kEnd);
    if (b != std::string::npos && e != std::string::npos) {
      before = text.substr (0, b);
      after = text.substr (e + std::string (kEnd).size ());
    } else {
      before = text + "\n";
    }
  }
  // The plots, referred to from the page (relative to it when they are beside it).
  std::string plots;
  bool plotted_ok = true;
  if (!plotted.empty ()) {
    plotted_ok = Plot (img_dir, plotted, error);
    g_autofree gchar *page_dir = g_path_get_dirname (page.c_str ());
    std::string dir = img_dir;
    if (dir.rfind (std::string (page_dir) + "/", 0) == 0)
      dir = dir.substr (strlen (page_dir) + 1);
    const std::string name = plotted.front ().scenario;
    if (plotted_ok)
      plots = "\n### " + name + " over time\n\n![bytes per 100 ms, " + name + "](" + dir + "/" +
              name + "-bytes.png)\n\n![worst-channel PSNR of each picture the viewer saw, " +
              name + "](" + dir + "/" + name + "-quality.png)\n";
  }
  const std::string body = before + kBegin + "\n" + header + tables + plots + kEnd + after;
  if (!g_file_set_contents (page.c_str (), body.c_str (), -1, nullptr)) {
    *error = "cannot write " + page;
    return false;
  }
  return plotted_ok;
}

}  // namespace webdesk::bench
