// SPDX-License-Identifier: LGPL-2.1-or-later
// Capture to decoded frame in headless Chromium over loopback: webdesk's pipeline serves a
// scenario to the real web client (bench/suite/browser-latency.mjs drives the browser).
#pragma once

#include <string>
#include <vector>

#include "contestant.h"
#include "scenario.h"

namespace webdesk::bench {

struct BrowserResult {
  std::string scenario;
  bool pace = true;          // websocketframesink's pace (off: every frame is sent)
  int captured = 0;          // frames with damage pushed into the pipeline
  int decoded = 0;           // of those, decoded by the page
  int skipped = 0;           // frames the sink skipped for the page (it read too slowly)
  int keyframe_requests = 0; // the page's (decode errors, gaps)
  // Capture (server) -> decoded (page), clock offset by ping/pong; over every captured frame
  // but the first, which is on its own (the page's first picture: a keyframe of the whole page).
  double p50_ms = -1, p99_ms = -1, first_ms = -1;
  double best_rtt_ms = -1;   // the ping/pong round trip the clock offset came from
  std::string codec;
  std::string agent;         // the browser's user agent (its version)
  std::string error;         // set when the measurement could not be made (and why)
};

// Whether node, playwright-core and /usr/bin/chromium are there (else says why).
bool BrowserAvailable (std::string *why);

// `pace`: websocketframesink's pace property; the suite measures both, side by side.
BrowserResult MeasureInBrowser (const ScenarioSpec &spec,
    const std::vector<SharedPicture> &frames,
    const std::vector<std::vector<GstVideoRectangle>> &damage, bool pace);

std::string BrowserMarkdown (const std::vector<BrowserResult> &results);

}  // namespace webdesk::bench
