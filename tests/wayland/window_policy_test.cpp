// SPDX-License-Identifier: LGPL-2.1-or-later
// Where the one-application mode puts windows (window_policy.h).
#include <gtest/gtest.h>

#include "window_policy.h"

using namespace webdesk::wayland;

namespace {

constexpr int kW = 1280, kH = 800;

}  // namespace

TEST (ApplicationMode, AMainWindowIsMaximizedNotFullscreen)
{
  WindowFacts w;
  const Placement p = PlaceInApplicationMode (w, kW, kH);
  EXPECT_TRUE (p.maximized);
  EXPECT_FALSE (p.fullscreen);
  EXPECT_EQ (p.box, (Box{0, 0, kW, kH}));
}

TEST (ApplicationMode, AWindowLargerThanTheOutputKeepsItsMinimumFromTheTopLeft)
{
  WindowFacts w;
  w.hints.min_width = 1500;  // e.g. gtk4-widget-factory
  w.hints.min_height = 600;
  const Placement p = PlaceInApplicationMode (w, kW, kH);
  EXPECT_EQ (p.box, (Box{0, 0, 1500, kH}));
}

TEST (ApplicationMode, FullscreenCoversTheOutput)
{
  WindowFacts w;
  w.wants_fullscreen = true;
  w.hints.min_width = 2000;
  const Placement p = PlaceInApplicationMode (w, kW, kH);
  EXPECT_TRUE (p.fullscreen);
  EXPECT_FALSE (p.maximized);
  EXPECT_EQ (p.box, (Box{0, 0, kW, kH}));
}

TEST (ApplicationMode, ADialogKeepsItsSizeCentredOverItsParent)
{
  WindowFacts d;
  d.has_parent = true;
  d.parent = Box{0, 0, kW, kH};
  d.width = 400;
  d.height = 300;
  const Placement p = PlaceInApplicationMode (d, kW, kH);
  EXPECT_FALSE (p.maximized);
  EXPECT_EQ (p.box, (Box{440, 250, 400, 300}));
}

TEST (ApplicationMode, ADialogNotYetDrawnChoosesItsOwnSize)
{
  WindowFacts d;
  d.has_parent = true;
  d.parent = Box{0, 0, kW, kH};
  const Placement p = PlaceInApplicationMode (d, kW, kH);
  EXPECT_EQ (p.box.width, 0);
  EXPECT_EQ (p.box.height, 0);
}

TEST (ApplicationMode, AFixedSizeOrDialogTypedWindowIsADialog)
{
  WindowFacts fixed;
  fixed.hints = SizeHints{300, 200, 300, 200};
  EXPECT_TRUE (IsDialog (fixed));
  WindowFacts typed;
  typed.dialog_type = true;
  EXPECT_TRUE (IsDialog (typed));
  WindowFacts resizable;
  resizable.hints = SizeHints{300, 200, 0, 0};
  EXPECT_FALSE (IsDialog (resizable));
  // With no parent it is centred on the output.
  fixed.width = 300;
  fixed.height = 200;
  EXPECT_EQ (PlaceInApplicationMode (fixed, kW, kH).box, (Box{490, 300, 300, 200}));
}

// LibreOffice's save dialog (GTK's file chooser) draws itself taller than an 800 px page: its
// bottom row (the file type) was off the page.
TEST (ApplicationMode, ADialogLargerThanTheOutputIsFittedToIt)
{
  WindowFacts d;
  d.has_parent = true;
  d.parent = Box{0, 0, kW, kH};
  d.width = 1204;
  d.height = 900;
  d.hints.min_width = 600;
  d.hints.min_height = 400;
  EXPECT_EQ (PlaceInApplicationMode (d, kW, kH).box, (Box{38, 0, 1204, kH}));
}

TEST (ApplicationMode, ADialogWhoseMinimumIsLargerThanTheOutputKeepsItFromTheTopLeft)
{
  WindowFacts d;
  d.has_parent = true;
  d.parent = Box{0, 0, kW, kH};
  d.width = 1400;
  d.height = 900;
  d.hints.min_width = 1400;
  d.hints.min_height = 850;
  EXPECT_EQ (PlaceInApplicationMode (d, kW, kH).box, (Box{0, 0, 1400, 850}));
}
