// SPDX-License-Identifier: LGPL-2.1-or-later
// See calibrate.h.
#include "calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace webdesk::bench {

namespace {

// Mean worst-channel PSNR of the constant-rate stream at `kbps` over frames 1 .. last.
double
QualityAt (int kbps, const ScenarioSpec &spec, const std::vector<SharedPicture> &frames, int last)
{
  auto stream = MakeConstantRate (kbps, false);
  ScenarioSpec short_spec = spec;
  short_spec.frames = last + 1;
  stream->Start (short_spec);
  const int64_t start_ns = g_get_monotonic_time () * 1000;
  const std::vector<GstVideoRectangle> everything = {{0, 0, spec.width, spec.height}};
  for (int i = 0; i <= last; i++)
    stream->Push (i, frames[i], everything, start_ns + int64_t (i) * 1000000000 / 60);
  stream->Stop (50);
  double sum = 0;
  int n = 0;
  stream->Replay (stream->TakeOutputs (), [&] (const Output &o, const Picture &view) {
    if (o.frame_index < 1 || o.frame_index % 3 != 1)
      return;  // every third picture is enough for a mean, and a third of the cost
    sum += std::min (99.0, webdesk::testing::CompareRgb (*frames[o.frame_index], view).MinPsnr ());
    n++;
  });
  return n ? sum / n : 0;
}

}  // namespace

BitrateMatch
MatchConstantRate (const ScenarioSpec &spec, const std::vector<SharedPicture> &frames,
    double target_db, int max_frames)
{
  const int last = std::min (spec.last_motion_frame, max_frames);
  double lo = 500, hi = 100000;  // kbit/s
  BitrateMatch m;
  m.kbps = int (hi);
  m.quality_db = QualityAt (m.kbps, spec, frames, last);
  if (m.quality_db < target_db) {
    // 4:2:0 (and videoconvert's conversion) cap what x264enc can reach on this content: take
    // the lowest bitrate that gets within 0.3 dB of that cap instead.
    m.capped = true;
    target_db = m.quality_db - 0.3;
  }
  while (hi / lo > 1.15) {
    const double mid = std::sqrt (lo * hi);
    const double q = QualityAt (int (mid), spec, frames, last);
    std::fprintf (stderr, "      %d kbit/s: %.1f dB\n", int (mid), q);
    if (q >= target_db) {
      hi = mid;
      m.kbps = int (mid);
      m.quality_db = q;
    } else {
      lo = mid;
    }
  }
  return m;
}

}  // namespace webdesk::bench
