// SPDX-License-Identifier: LGPL-2.1-or-later
// The constant-rate stream's bitrate is chosen to match webdesk's quality while moving (issue
// #7: "at a bitrate that matches our quality in motion"): a search over x264enc's bitrate on
// the scenario's moving frames, encoded as fast as possible (x264's rate control follows the
// timestamps, not the wall clock, so this is the stream the real-time run will produce).
#pragma once

#include <vector>

#include "contestant.h"
#include "scenario.h"

namespace webdesk::bench {

struct BitrateMatch {
  int kbps = 0;
  double quality_db = 0;  // the constant-rate stream's worst-channel PSNR while moving, at kbps
  bool capped = false;    // x264enc cannot reach the target: kbps is where its quality levels off
};

// The lowest bitrate (within about 15 %, from 0.5 to 100 Mbit/s) whose mean worst-channel PSNR
// over the first `max_frames` moving frames (every third one) reaches `target_db`. The mean is
// over the motion, as webdesk's: a constant-rate stream starts low (its first picture is held to
// its rate) and climbs, so half a second would ask for far more than the motion needs.
BitrateMatch MatchConstantRate (const ScenarioSpec &spec, const std::vector<SharedPicture> &frames,
    double target_db, int max_frames = 120);

}  // namespace webdesk::bench
