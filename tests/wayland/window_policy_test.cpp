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

// --- the desktop mode ---

namespace {

const Box kOutput{0, 0, 1280, 800};
const Box kUsable{0, 30, 1280, 770};  // a 30-pixel panel at the top
constexpr int kTitle = 28;

}  // namespace

TEST (DesktopMode, ANewWindowKeepsItsSizeCentredOnTheUsableArea)
{
  WindowFacts w;
  w.width = 600;
  w.height = 400;
  const Placement p = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {});
  EXPECT_FALSE (p.maximized);
  EXPECT_EQ (p.box.width, 600);
  EXPECT_EQ (p.box.height, 400);
  EXPECT_EQ (p.box.x, 340);
  // Its title bar and content together are centred below the panel.
  EXPECT_EQ (p.box.y - kTitle - kUsable.y, kUsable.y + kUsable.height - (p.box.y + p.box.height));
}

TEST (DesktopMode, WindowsCascadeInsteadOfCoveringEachOther)
{
  WindowFacts w;
  w.width = 600;
  w.height = 400;
  const Box first = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {}).box;
  const Box second = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {first}).box;
  const Box third = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {first, second}).box;
  EXPECT_EQ (second.x, first.x + 32);
  EXPECT_EQ (second.y, first.y + 32);
  EXPECT_EQ (third.x, first.x + 64);
}

TEST (DesktopMode, AWindowLargerThanTheUsableAreaIsShrunkButNotBelowItsMinimum)
{
  WindowFacts w;
  w.width = 2000;
  w.height = 2000;
  Box b = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {}).box;
  EXPECT_EQ (b.width, 1280);
  EXPECT_EQ (b.height, 770 - kTitle);
  EXPECT_EQ (b.y - kTitle, kUsable.y);  // its title bar right below the panel
  w.hints.min_width = 1500;
  w.hints.min_height = 900;
  b = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {}).box;
  EXPECT_EQ (b.width, 1500);
  EXPECT_EQ (b.height, 900);
  // Its top left corner, not its middle, on the usable area: cut off at the right and bottom.
  EXPECT_EQ (b.x, kUsable.x);
  EXPECT_EQ (b.y - kTitle, kUsable.y);
}

TEST (DesktopMode, MaximizedFillsTheUsableAreaAndFullscreenTheOutput)
{
  WindowFacts w;
  w.width = 600;
  w.height = 400;
  w.wants_maximized = true;
  Placement p = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {});
  EXPECT_TRUE (p.maximized);
  EXPECT_EQ (p.box, (Box{0, 30 + kTitle, 1280, 770 - kTitle}));
  w.wants_fullscreen = true;
  p = PlaceInDesktopMode (w, kTitle, kOutput, kUsable, {});
  EXPECT_TRUE (p.fullscreen);
  EXPECT_EQ (p.box, kOutput);
}

TEST (DesktopMode, AWindowOffTheOutputIsBroughtBackByItsTitleBar)
{
  // The output shrank from 1920x1080: a window at the right and bottom is pulled back so that
  // 64 pixels of its title bar stay on the usable area.
  const Box b = KeepReachable (Box{1500, 900, 400, 300}, kTitle, kUsable);
  EXPECT_EQ (b.x, 1280 - 64);
  EXPECT_EQ (b.y - kTitle, 800 - kTitle);
  // Above the panel: pulled down below it.
  const Box up = KeepReachable (Box{100, 10, 400, 300}, kTitle, kUsable);
  EXPECT_EQ (up.y - kTitle, kUsable.y);
  // Off the left edge: at least 64 pixels stay.
  EXPECT_EQ (KeepReachable (Box{-1000, 200, 400, 300}, kTitle, kUsable).x, 64 - 400);
}

TEST (DesktopMode, AfterTheOutputShrinksAWindowThatFitsIsMovedInside)
{
  // A 700x500 window centred on 1920x1080, after the page went to 1280x800.
  const Box b = FitInside (Box{610, 320, 700, 500}, kTitle, kUsable);
  EXPECT_EQ (b.x, 1280 - 700);
  EXPECT_EQ (b.y + 500, 800);
  EXPECT_GE (b.y - kTitle, kUsable.y);
  // Larger than the usable area: its title bar at the top left.
  const Box big = FitInside (Box{300, 300, 1500, 900}, kTitle, kUsable);
  EXPECT_EQ (big.x, 0);
  EXPECT_EQ (big.y - kTitle, kUsable.y);
  // Already inside: not moved.
  EXPECT_EQ (FitInside (Box{100, 100, 300, 200}, kTitle, kUsable), (Box{100, 100, 300, 200}));
}
