// SPDX-License-Identifier: LGPL-2.1-or-later
// The benchmark scenarios: deterministic desktop-like content at 60 frames per second, each
// frame renderable on demand (so quality can be measured without keeping every frame).
#pragma once

#include <gst/video/video.h>

#include <memory>
#include <string>
#include <vector>

#include "picture.h"

namespace webdesk::bench {

using webdesk::testing::Picture;

struct ScenarioSpec {
  std::string name;         // short id: "static", "typing", "scroll-240", ...
  std::string description;  // a line for the results page
  int width = 1920, height = 1080;
  int frames = 0;           // at 60 fps
  int last_motion_frame = 0;  // frames after it are identical to it
  bool colour_on_black = false;
};

class Scenario {
 public:
  virtual ~Scenario () = default;
  const ScenarioSpec &spec () const { return spec_; }
  // Frame `index`'s picture into `out` (sized by the scenario), and the rectangles that
  // changed since frame index - 1 (everything for frame 0).
  virtual void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) = 0;

 protected:
  ScenarioSpec spec_;
};

// Every scenario of the suite, 1080p.
std::vector<std::unique_ptr<Scenario>> AllScenarios (double seconds_scale = 1.0);

}  // namespace webdesk::bench
