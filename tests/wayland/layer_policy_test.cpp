// SPDX-License-Identifier: LGPL-2.1-or-later
// Where layer-shell surfaces go (layer_policy.h).
#include <gtest/gtest.h>

#include "layer_policy.h"

using namespace webdesk::wayland;

namespace {

const Box kOutput{0, 0, 1280, 800};

}  // namespace

TEST (LayerArrangement, APanelAcrossTheTopReservesItsHeight)
{
  LayerRequest panel;
  panel.anchor = kAnchorTop | kAnchorLeft | kAnchorRight;
  panel.desired_height = 30;
  panel.exclusive_zone = 30;
  Box usable = kOutput;
  std::vector<Box> boxes;
  ArrangeLayer ({panel}, kOutput, &usable, &boxes);
  EXPECT_EQ (boxes[0], (Box{0, 0, 1280, 30}));
  EXPECT_EQ (usable, (Box{0, 30, 1280, 770}));
}

TEST (LayerArrangement, AWallpaperCoversTheWholeOutputWhateverIsReserved)
{
  LayerRequest wallpaper;
  wallpaper.anchor = kAnchorTop | kAnchorBottom | kAnchorLeft | kAnchorRight;
  wallpaper.exclusive_zone = -1;
  Box usable{0, 30, 1280, 770};
  std::vector<Box> boxes;
  ArrangeLayer ({wallpaper}, kOutput, &usable, &boxes);
  EXPECT_EQ (boxes[0], kOutput);
  EXPECT_EQ (usable, (Box{0, 30, 1280, 770}));
}

TEST (LayerArrangement, AnUnanchoredSurfaceIsCentredInTheUsableArea)
{
  LayerRequest launcher;  // a launcher with its own size, no anchor
  launcher.desired_width = 400;
  launcher.desired_height = 300;
  Box usable{0, 30, 1280, 770};
  std::vector<Box> boxes;
  ArrangeLayer ({launcher}, kOutput, &usable, &boxes);
  EXPECT_EQ (boxes[0], (Box{440, 265, 400, 300}));
}

TEST (LayerArrangement, ExclusiveSurfacesComeFirstAndMarginsCount)
{
  LayerRequest dock;  // arranged before the panel although it came after it
  dock.anchor = kAnchorBottom;
  dock.desired_width = 200;
  dock.desired_height = 40;
  dock.margin_bottom = 10;
  LayerRequest bar;
  bar.anchor = kAnchorBottom | kAnchorLeft | kAnchorRight;
  bar.desired_height = 24;
  bar.exclusive_zone = 24;
  Box usable = kOutput;
  std::vector<Box> boxes;
  ArrangeLayer ({dock, bar}, kOutput, &usable, &boxes);
  EXPECT_EQ (boxes[1], (Box{0, 776, 1280, 24}));
  EXPECT_EQ (usable, (Box{0, 0, 1280, 776}));
  // The dock sits above the bar's zone, 10 pixels up, centred.
  EXPECT_EQ (boxes[0], (Box{540, 776 - 40 - 10, 200, 40}));
}
