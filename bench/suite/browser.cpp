// SPDX-License-Identifier: LGPL-2.1-or-later
// See browser.h.
#include "browser.h"

#include <gst/app/gstappsrc.h>
#include <gst/webdesk/webdesk.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

#include <sys/wait.h>

#ifndef BENCH_SUITE_DIR
#define BENCH_SUITE_DIR "bench/suite"
#endif

namespace webdesk::bench {

namespace {

const char *kScript = BENCH_SUITE_DIR "/browser-latency.mjs";

double
Percentile (std::vector<double> v, double p)
{
  if (v.empty ())
    return -1;
  std::sort (v.begin (), v.end ());
  return v[std::min (v.size () - 1, size_t (std::ceil (p * double (v.size ()))) - 1)];
}

// The node child (browser-latency.mjs): its stdin and stdout as lines; waited for on exit.
class PageDriver {
 public:
  explicit PageDriver (const std::string &url)
  {
    const gchar *argv[] = {"node", kScript, url.c_str (), nullptr};
    gint in_fd = -1, out_fd = -1;
    GError *err = nullptr;
    const auto flags = GSpawnFlags (G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD);
    if (!g_spawn_async_with_pipes (nullptr, const_cast<gchar **> (argv), nullptr, flags,
            nullptr, nullptr, &pid_, &in_fd, &out_fd, nullptr, &err)) {
      error_ = std::string ("cannot start node: ") + err->message;
      g_error_free (err);
      return;
    }
    in_ = fdopen (in_fd, "w");
    out_ = fdopen (out_fd, "r");
  }
  ~PageDriver ()
  {
    if (in_)
      fclose (in_);
    if (out_)
      fclose (out_);
    if (pid_) {
      int status = 0;
      waitpid (pid_, &status, 0);
      g_spawn_close_pid (pid_);
    }
  }
  const std::string &error () const { return error_; }
  std::string ReadLine ()
  {
    std::string line;
    char buf[4096];
    while (out_ && fgets (buf, sizeof buf, out_)) {
      line += buf;
      if (!line.empty () && line.back () == '\n')
        break;
    }
    return line;
  }
  // Writes the last line the child gets (its stdin closes).
  void WriteLastLine (const char *text)
  {
    std::fputs (text, in_);
    std::fputs ("\n", in_);
    fclose (in_);
    in_ = nullptr;
  }

 private:
  GPid pid_ = 0;
  FILE *in_ = nullptr, *out_ = nullptr;
  std::string error_;
};

// Reads the page's JSON result into `r`; false with r->error set when there is none.
bool
ParseResult (const std::string &line, const std::set<int64_t> &captures_us, BrowserResult *r)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, line.c_str (), -1, nullptr) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))) {
    r->error = "no result from the page: " + line;
    return false;
  }
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (o, "error")) {
    r->error = json_object_get_string_member (o, "error");
    return false;
  }
  std::vector<double> latencies;
  JsonArray *decoded = json_object_get_array_member (o, "frames");
  for (guint i = 0; i < json_array_get_length (decoded); i++) {
    JsonArray *f = json_array_get_array_element (decoded, i);
    // Refinement frames carry the sink's arrival time, not a capture time: not counted.
    const int64_t capture_us = int64_t (json_array_get_double_element (f, 0));
    if (!captures_us.empty () && capture_us == *captures_us.begin ())
      r->first_ms = json_array_get_double_element (f, 1);
    else if (captures_us.count (capture_us))
      latencies.push_back (json_array_get_double_element (f, 1));
  }
  r->captured = int (captures_us.size ());
  r->decoded = int (latencies.size ()) + (r->first_ms >= 0 ? 1 : 0);
  r->p50_ms = Percentile (latencies, 0.5);
  r->p99_ms = Percentile (latencies, 0.99);
  r->best_rtt_ms = json_object_get_double_member (o, "bestRttUs") / 1000.0;
  r->codec = json_object_get_string_member (o, "codec");
  r->keyframe_requests = int (json_object_get_int_member (o, "keyframeRequests"));
  if (json_object_has_member (o, "agent"))
    r->agent = json_object_get_string_member (o, "agent");
  return true;
}

guint64
FramesSkipped (GstElement *sink)
{
  GstStructure *stats = nullptr;
  g_object_get (sink, "stats", &stats, nullptr);
  guint64 skipped = 0;
  const GValue *list = stats ? gst_structure_get_value (stats, "client-stats") : nullptr;
  for (guint i = 0; list && i < gst_value_list_get_size (list); i++) {
    guint64 n = 0;
    gst_structure_get_uint64 (gst_value_get_structure (gst_value_list_get_value (list, i)),
        "frames-dropped", &n);
    skipped += n;
  }
  if (stats)
    gst_structure_free (stats);
  return skipped;
}

void
ServeToPage (const ScenarioSpec &spec, const std::vector<SharedPicture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, GstElement *pipeline,
    BrowserResult *r)
{
  GstElement *src = gst_bin_get_by_name (GST_BIN (pipeline), "in");
  GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "out");
  g_autofree gchar *caps_text = g_strdup_printf (
      "video/x-raw,format=BGRx,width=%d,height=%d,framerate=0/1", spec.width, spec.height);
  GstCaps *caps = gst_caps_from_string (caps_text);
  g_object_set (src, "caps", caps, "is-live", TRUE, "format", GST_FORMAT_TIME, "max-bytes",
      guint64 (0), "block", FALSE, nullptr);
  gst_caps_unref (caps);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  gst_element_get_state (pipeline, nullptr, nullptr, 5 * GST_SECOND);
  const GstClockTime base_time = gst_element_get_base_time (pipeline);
  int port = 0;
  g_object_get (sink, "port", &port, nullptr);

  PageDriver page ("http://127.0.0.1:" + std::to_string (port) + "/");
  std::set<int64_t> captures_us;
  std::string line = page.error ().empty () ? page.ReadLine () : "";
  if (!g_str_has_prefix (line.c_str (), "ready")) {
    r->error = page.error ().empty () ? "the page did not get ready: " + line : page.error ();
  } else {
    // Frame 0 (the whole page) first: the page starts its decoder on it. Then the rest of the
    // scenario in real time, damage-driven as in the suite.
    auto push = [&] (int i) {
      const int64_t capture_ns = g_get_monotonic_time () * 1000;
      auto *keep = new SharedPicture (frames[i]);
      GstBuffer *buf = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
          const_cast<uint8_t *> (frames[i]->bgrx.data ()), frames[i]->bgrx.size (), 0,
          frames[i]->bgrx.size (), keep,
          [] (gpointer p) { delete static_cast<SharedPicture *> (p); });
      GST_BUFFER_PTS (buf) = GstClockTime (capture_ns) - base_time;
      gst_buffer_add_webdesk_damage_meta (buf, damage[i].data (), guint (damage[i].size ()),
          GstClockTime (capture_ns));
      captures_us.insert (capture_ns / 1000);
      gst_app_src_push_buffer (GST_APP_SRC (src), buf);
    };
    push (0);
    line = page.ReadLine ();
    if (!g_str_has_prefix (line.c_str (), "first-picture")) {
      ParseResult (line, captures_us, r);
      if (r->error.empty ())
        r->error = "the page drew no picture: " + line;
      gst_object_unref (sink);
      gst_object_unref (src);
      return;
    }
    const int64_t start_ns = g_get_monotonic_time () * 1000;
    for (int i = 1; i < spec.frames; i++) {
      const int64_t due = start_ns + int64_t (i) * 1000000000 / 60;
      const int64_t now = g_get_monotonic_time () * 1000;
      if (due > now)
        g_usleep ((due - now) / 1000);
      if (!damage[i].empty ())
        push (i);
    }
    page.WriteLastLine ("done");
    std::string last;
    for (std::string l = page.ReadLine (); !l.empty (); l = page.ReadLine ())
      last = l;
    ParseResult (last, captures_us, r);
    r->skipped = int (FramesSkipped (sink));
  }
  gst_object_unref (sink);
  gst_object_unref (src);
}

}  // namespace

bool
BrowserAvailable (std::string *why)
{
  g_autofree gchar *node = g_find_program_in_path ("node");
  if (!node) {
    *why = "node is not installed (tools/install-deps.sh installs it)";
    return false;
  }
  if (!g_file_test ("/usr/bin/chromium", G_FILE_TEST_IS_EXECUTABLE)) {
    *why = "/usr/bin/chromium is not installed";
    return false;
  }
  if (!g_file_test (BENCH_SUITE_DIR "/../../tests/browser/node_modules/playwright-core",
          G_FILE_TEST_IS_DIR)) {
    *why = "tests/browser/node_modules has no playwright-core (npm ci in tests/browser)";
    return false;
  }
  return true;
}

BrowserResult
MeasureInBrowser (const ScenarioSpec &spec, const std::vector<SharedPicture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, bool pace)
{
  BrowserResult r;
  r.scenario = spec.name;
  r.pace = pace;
  const std::string launch = std::string ("appsrc name=in ! paintoverscheduler ! h264qualityenc ! "
                                          "websocketframesink name=out port=0 pace=") +
      (pace ? "true" : "false");
  GstElement *pipeline = gst_parse_launch (launch.c_str (), nullptr);
  if (!pipeline) {
    r.error = "cannot build the pipeline (are webdesk's plugins built?)";
    return r;
  }
  ServeToPage (spec, frames, damage, pipeline, &r);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
  return r;
}

std::string
BrowserMarkdown (const std::vector<BrowserResult> &results)
{
  std::ostringstream md;
  std::string agent;
  for (const BrowserResult &r : results)
    if (!r.agent.empty ())
      agent = r.agent;
  md << "\n### Browser: capture to decoded frame in headless Chromium (loopback)\n\n"
     << (agent.empty () ? "" : "Browser: `" + agent + "`.\n\n")
     << "With `pace` on (the default), the sink asks paintoverscheduler to keep frames back while "
        "the page has not decoded what it got (docs/events.md, `webdesk-pace`); off, every "
        "frame is sent. Frames kept back are not decoded on their own: the frame after them "
        "carries their changes.\n\n"
     << "| scenario | pace | frames captured | decoded by the page | skipped by the sink / "
        "keyframe requests | capture→decoded p50 / p99 (first picture) | clock offset from a "
        "round trip of | codec |\n|---|---|---|---|---|---|---|---|\n";
  char buf[512];
  for (const BrowserResult &r : results) {
    if (!r.error.empty ()) {
      md << "| " << r.scenario << " | " << (r.pace ? "on" : "off") << " | not measured: "
         << r.error << " ||||||\n";
      continue;
    }
    std::snprintf (buf, sizeof buf,
        "| %s | %s | %d | %d | %d / %d | %.1f / %.1f ms (%.0f ms) | %.2f ms | %s |\n",
        r.scenario.c_str (), r.pace ? "on" : "off", r.captured, r.decoded, r.skipped, r.keyframe_requests, r.p50_ms,
        r.p99_ms, r.first_ms, r.best_rtt_ms, r.codec.c_str ());
    md << buf;
  }
  return md.str ();
}

}  // namespace webdesk::bench
