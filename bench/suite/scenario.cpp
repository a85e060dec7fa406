// SPDX-License-Identifier: LGPL-2.1-or-later
#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace webdesk::bench {

using webdesk::testing::Crop;
using webdesk::testing::RenderText;

namespace {

constexpr int kFps = 60;
constexpr uint32_t kBlackText = 0xff101010, kWhitePage = 0xffffffff;
constexpr uint32_t kBlackPage = 0xff000000;

std::string
Seconds (int frames)
{
  char buf[32];
  std::snprintf (buf, sizeof buf, "%g s", frames / double (kFps));
  return buf;
}

void
CopyRows (const Picture &from, int from_top, Picture *to)
{
  std::memcpy (to->bgrx.data (), from.Row (from_top), size_t (to->width) * to->height * 4);
}

// A desktop that does not move for the whole scenario.
class StaticDesktop : public Scenario {
 public:
  explicit StaticDesktop (int frames)
  {
    spec_ = {"static", "static desktop (a page of text), nothing moves", 1920, 1080, frames, 0};
    page_ = RenderText (1920, 1080, kBlackText, kWhitePage);
  }
  void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) override
  {
    *out = page_;
    damage->clear ();
    if (index == 0)
      damage->push_back ({0, 0, 1920, 1080});
  }

 private:
  Picture page_;
};

// A page of text scrolling at `px_per_s`, then stopping.
class Scroll : public Scenario {
 public:
  Scroll (const std::string &name, int px_per_s, int motion_frames, int still_frames,
      bool colour)
  {
    const int step = px_per_s / kFps;
    spec_ = {name,
        std::string (colour ? "coloured text on black" : "text on white") + " scrolling at " +
            std::to_string (px_per_s) + " px/s for " + Seconds (motion_frames) + ", then still",
        1920, 1080, motion_frames + still_frames, motion_frames - 1, colour};
    step_ = step;
    // Red text for the coloured case: the channel 4:2:0 hurts most.
    tall_ = RenderText (1920, 1080 + step * motion_frames, colour ? 0xffff3030 : kBlackText,
        colour ? kBlackPage : kWhitePage);
  }
  void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) override
  {
    const int moving_index = std::min (index, spec_.last_motion_frame);
    out->width = 1920;
    out->height = 1080;
    out->bgrx.resize (size_t (1920) * 1080 * 4);
    CopyRows (tall_, moving_index * step_, out);
    damage->clear ();
    if (index == 0 || index <= spec_.last_motion_frame)
      damage->push_back ({0, 0, 1920, 1080});
  }

 private:
  int step_ = 4;
  Picture tall_;
};

// Typing: a page of text where a line grows by a character about 8 times a second.
class Typing : public Scenario {
 public:
  explicit Typing (int frames)
  {
    spec_ = {"typing", "typing: one character appears every 8th frame (7.5/s) on a still page",
        1920, 1080, frames, frames - 1};
    before_ = RenderText (1920, 1080, kBlackText, kWhitePage, 13, 0);
    after_ = RenderText (1920, 1080, kBlackText, kWhitePage, 13, 40);  // other text
  }
  void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) override
  {
    const int chars = index / 8;
    *out = before_;
    // Reveal `chars` character cells of the other page on one line near the middle.
    const int cell_w = 8, line_top = 520, line_h = 16;
    const int width = std::min (chars * cell_w, 1900);
    for (int y = line_top; y < line_top + line_h; y++)
      std::memcpy (out->Row (y) + 8 * 4, after_.Row (y) + 8 * 4, size_t (width) * 4);
    damage->clear ();
    if (index == 0)
      damage->push_back ({0, 0, 1920, 1080});
    else if (index % 8 == 0 && width < 1900)
      damage->push_back ({8 + width - cell_w, line_top, cell_w, line_h});
  }

 private:
  Picture before_, after_;
};

// Smooth, colourful moving content in a region: stands in for a video or an animation.
// Built from lookup tables so a 1080p frame costs milliseconds, not a second of sin ().
void
PaintPlasma (Picture *out, int x0, int y0, int w, int h, int t)
{
  static std::vector<float> wave;  // one period of sin over 4096 steps
  static uint8_t palette[1024][3];
  if (wave.empty ()) {
    wave.resize (4096);
    for (int i = 0; i < 4096; i++)
      wave[i] = float (std::sin (i * 2 * M_PI / 4096));
    for (int i = 0; i < 1024; i++) {
      const double v = i * 2 * M_PI / 1024;
      palette[i][0] = uint8_t (127 + 120 * std::sin (v));
      palette[i][1] = uint8_t (127 + 120 * std::sin (v + 2.1));
      palette[i][2] = uint8_t (127 + 120 * std::sin (v + 4.2));
    }
  }
  auto s = [] (int phase) { return wave[phase & 4095]; };
  for (int y = 0; y < h; y++) {
    uint8_t *row = out->Row (y0 + y) + size_t (x0) * 4;
    const float sy = s (y * 11 - t * 33);
    for (int x = 0; x < w; x++) {
      const float v = s (x * 14 + t * 59) + sy + s ((x + y) * 7 + t * 45);  // -3 .. 3
      const uint8_t *c = palette[int ((v + 3.0f) * 170.0f) & 1023];
      row[x * 4 + 0] = c[0];
      row[x * 4 + 1] = c[1];
      row[x * 4 + 2] = c[2];
      row[x * 4 + 3] = 0xff;
    }
  }
}

class VideoInWindow : public Scenario {
 public:
  explicit VideoInWindow (int frames)
  {
    spec_ = {"video-window", "a 640x360 video plays in a window; the rest of the page is still",
        1920, 1080, frames, frames - 1};
    page_ = RenderText (1920, 1080, kBlackText, kWhitePage);
  }
  void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) override
  {
    *out = page_;
    PaintPlasma (out, 1200, 300, 640, 360, index);
    damage->clear ();
    damage->push_back (index == 0 ? GstVideoRectangle {0, 0, 1920, 1080}
                                  : GstVideoRectangle {1200, 300, 640, 360});
  }

 private:
  Picture page_;
};

class FullScreenMotion : public Scenario {
 public:
  explicit FullScreenMotion (int frames)
  {
    spec_ = {"full-motion", "full-screen motion (every pixel changes every frame)", 1920, 1080,
        frames, frames - 1};
  }
  void Render (int index, Picture *out, std::vector<GstVideoRectangle> *damage) override
  {
    out->width = 1920;
    out->height = 1080;
    out->bgrx.resize (size_t (1920) * 1080 * 4);
    PaintPlasma (out, 0, 0, 1920, 1080, index);
    damage->assign (1, GstVideoRectangle {0, 0, 1920, 1080});
  }
};

}  // namespace

std::vector<std::unique_ptr<Scenario>>
AllScenarios (double s)
{
  auto frames = [s] (double seconds) { return std::max (8, int (seconds * s * kFps)); };
  std::vector<std::unique_ptr<Scenario>> all;
  all.push_back (std::make_unique<Scroll> ("scroll-240", 240, frames (2), frames (2), false));
  all.push_back (std::make_unique<StaticDesktop> (frames (10)));
  all.push_back (std::make_unique<Typing> (frames (4)));
  all.push_back (std::make_unique<Scroll> ("scroll-1920", 1920, frames (1), frames (2), false));
  all.push_back (std::make_unique<VideoInWindow> (frames (4)));
  all.push_back (std::make_unique<FullScreenMotion> (frames (2)));
  all.push_back (std::make_unique<Scroll> ("colour-on-black", 240, frames (2), frames (2), true));
  return all;
}

}  // namespace webdesk::bench
