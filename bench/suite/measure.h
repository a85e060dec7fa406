// SPDX-License-Identifier: LGPL-2.1-or-later
// What the suite reports for one stream in one scenario.
#pragma once

#include <string>
#include <vector>

#include "contestant.h"
#include "picture.h"

namespace webdesk::bench {

struct QualityPoint {
  double t_ms;      // output time relative to the scenario's start
  double min_psnr;  // worst channel, RGB
  size_t bytes;
};

struct Result {
  std::string scenario, stream;
  double first_bytes = 0;         // the first picture (frame 0, a whole page: a keyframe)
  double motion_bytes_per_s = 0;  // frames 1 .. the last motion; -1 when nothing moves
  double settle_bytes = 0;        // from the last motion until one second later (paint-over)
  double still_bytes_per_s = 0;   // after one second of stillness
  double cpu_s_per_s = 0;         // over the whole scenario
  double still_cpu_s_per_s = -1;  // in the still phase (from a second after the last motion)
  // Capture -> bytes ready (webdesk: read off the viewer's socket), over the frames captured
  // once the first picture (the viewer's initial keyframe, a whole page) was out; the first
  // picture on its own, and the frames captured while it was being encoded (they wait for it)
  // counted apart with their worst latency.
  double latency_p50_ms = -1, latency_p99_ms = -1, first_latency_ms = -1;
  int behind_first = 0;
  double behind_first_max_ms = -1;
  webdesk::testing::RgbQuality final_quality;
  double mean_motion_psnr = 0;    // worst channel, averaged over motion outputs
  double time_to_final_ms = -1;   // last motion -> picture within 0.25 dB of its final quality
  size_t outputs = 0;
  double total_bytes = 0;
  std::vector<QualityPoint> timeline;
};

// Runs the scenario in real time through the stream and measures it.
Result Run (Scenario &scenario, const std::vector<SharedPicture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, Contestant &stream);

}  // namespace webdesk::bench
