// SPDX-License-Identifier: LGPL-2.1-or-later
#include "measure.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cmath>

namespace webdesk::bench {

namespace {

double
CpuSeconds ()
{
  rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread.
double
ThreadCpuSeconds ()
{
  timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
Percentile (std::vector<double> v, double p)
{
  if (v.empty ())
    return -1;
  std::sort (v.begin (), v.end ());
  const size_t i = std::min (v.size () - 1, size_t (std::ceil (p * v.size ())) - (p > 0 ? 1 : 0));
  return v[i];
}

}  // namespace

Result
Run (Scenario &scenario, const std::vector<SharedPicture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, Contestant &stream)
{
  const ScenarioSpec &spec = scenario.spec ();
  Result r;
  r.scenario = spec.name;
  r.stream = stream.Name ();

  stream.Start (spec);
  // The process's CPU, less the viewer thread's and the pacing loop's own (this thread outside
  // Push: waking up 60 times a second is not the stream's cost).
  double pacing = 0, last_push_end = ThreadCpuSeconds ();
  auto stream_cpu = [&] { return CpuSeconds () - stream.ViewerCpuSeconds () - pacing; };
  const double cpu0 = stream_cpu ();
  const int64_t start_ns = g_get_monotonic_time () * 1000;
  // The still phase starts one second after the last motion (after the paint-over).
  const int still_frame = spec.last_motion_frame + 61;
  double cpu_still = 0;
  int64_t still_ns = 0;
  for (int i = 0; i < spec.frames; i++) {
    const int64_t due = start_ns + int64_t (i) * 1000000000 / 60;
    int64_t now = g_get_monotonic_time () * 1000;
    if (due > now)
      g_usleep ((due - now) / 1000);
    const double push_start = ThreadCpuSeconds ();
    pacing += push_start - last_push_end;
    if (i == still_frame) {
      cpu_still = stream_cpu ();
      still_ns = g_get_monotonic_time () * 1000;
    }
    stream.Push (i, frames[i], damage[i], g_get_monotonic_time () * 1000);
    last_push_end = ThreadCpuSeconds ();
  }
  const int64_t end_ns = g_get_monotonic_time () * 1000;
  const double cpu1 = stream_cpu ();
  stream.Stop (400);
  r.cpu_s_per_s = (cpu1 - cpu0) / ((end_ns - start_ns) / 1e9);
  if (still_ns && end_ns - still_ns >= 500000000)
    r.still_cpu_s_per_s = (cpu1 - cpu_still) / ((end_ns - still_ns) / 1e9);

  std::vector<Output> outputs = stream.TakeOutputs ();
  r.outputs = outputs.size ();
  const int64_t last_motion_ns = start_ns + int64_t (spec.last_motion_frame) * 1000000000 / 60;
  const double motion_s = spec.last_motion_frame / 60.0;  // frames 1 .. last_motion_frame
  const double still_from_s = motion_s + 1.0, total_s = spec.frames / 60.0;
  std::vector<double> latencies;
  int64_t first_out_ns = -1;  // when the first picture was out
  double motion_bytes = 0, still_bytes = 0;
  for (const Output &o : outputs) {
    // A captured frame counts where it was captured (late output is still motion's cost); a
    // frame the stream sent on its own counts where it was sent.
    const double t = ((o.capture ? o.capture_ns : o.output_ns) - start_ns) / 1e9;
    r.total_bytes += o.bytes;
    if (o.capture && o.frame_index == 0)
      r.first_bytes += o.bytes;
    else if (o.capture && o.frame_index <= spec.last_motion_frame)
      motion_bytes += o.bytes;
    else if (t < still_from_s)
      r.settle_bytes += o.bytes;
    else
      still_bytes += o.bytes;
    if (o.capture && o.frame_index == 0) {
      r.first_latency_ms = (o.output_ns - o.capture_ns) / 1e6;
      first_out_ns = o.output_ns;
    } else if (o.capture && first_out_ns >= 0 && o.capture_ns >= first_out_ns) {
      latencies.push_back ((o.output_ns - o.capture_ns) / 1e6);
    } else if (o.capture) {
      r.behind_first++;
      r.behind_first_max_ms = std::max (r.behind_first_max_ms, (o.output_ns - o.capture_ns) / 1e6);
    }
  }
  r.motion_bytes_per_s = motion_s > 0 ? motion_bytes / motion_s : -1;
  // Needs half a second of stillness to mean anything (scaled-down runs have less).
  r.still_bytes_per_s = total_s - still_from_s >= 0.5 ? still_bytes / (total_s - still_from_s) : -1;
  r.latency_p50_ms = Percentile (latencies, 0.50);
  r.latency_p99_ms = Percentile (latencies, 0.99);

  // What the viewer saw, output by output, against what was on the screen.
  double motion_psnr_sum = 0;
  int motion_psnr_n = 0;
  webdesk::testing::RgbQuality last;
  stream.Replay (outputs, [&] (const Output &o, const Picture &view) {
    const auto q = webdesk::testing::CompareRgb (*frames[o.frame_index], view);
    r.timeline.push_back ({(o.output_ns - start_ns) / 1e6, q.MinPsnr (), o.bytes});
    if (o.frame_index >= 1 && o.frame_index <= spec.last_motion_frame) {
      motion_psnr_sum += q.MinPsnr ();
      motion_psnr_n++;
    }
    last = q;
  });
  r.final_quality = last;
  r.mean_motion_psnr = motion_psnr_n ? motion_psnr_sum / motion_psnr_n : last.MinPsnr ();
  // The first moment after the last motion from which the picture stays final.
  const double final_psnr = last.MinPsnr ();
  const double last_motion_ms = (last_motion_ns - start_ns) / 1e6;
  for (auto it = r.timeline.rbegin (); it != r.timeline.rend (); ++it) {
    if (it->t_ms < last_motion_ms || std::fabs (it->min_psnr - final_psnr) > 0.25)
      break;
    r.time_to_final_ms = std::max (0.0, it->t_ms - last_motion_ms);
  }
  return r;
}

}  // namespace webdesk::bench
