// SPDX-License-Identifier: LGPL-2.1-or-later
// Who controls: the first full-access client; control taken, given, and passed on; view-only
// clients never control; keys and buttons held by a controller are released when it goes.
#include <gtest/gtest.h>

#include "roles.h"

using webdesk::ClientMessage;
using webdesk::ClientMessageType;

TEST (Roles, TheFirstClientControlsAndTheOthersView)
{
  webdesk::Roles r;
  EXPECT_TRUE (r.Join (1, true));
  EXPECT_FALSE (r.Join (2, true));
  EXPECT_TRUE (r.InControl (1));
  EXPECT_FALSE (r.InControl (2));
  EXPECT_EQ (r.clients (), 2);
}

TEST (Roles, AViewOnlyClientNeverControls)
{
  webdesk::Roles r;
  EXPECT_FALSE (r.Join (1, false));
  EXPECT_EQ (r.controller (), 0u);
  EXPECT_FALSE (r.Take (1));
  EXPECT_TRUE (r.Join (2, true));  // the first full-access client controls
  EXPECT_FALSE (r.Give (2, 1));
  EXPECT_TRUE (r.InControl (2));
  EXPECT_TRUE (r.Leave (2));
  EXPECT_EQ (r.controller (), 0u) << "nobody left who may control";
}

TEST (Roles, WhenTheControllerLeavesTheEarliestFullAccessClientTakesOver)
{
  webdesk::Roles r;
  r.Join (1, true);
  r.Join (2, false);
  r.Join (3, true);
  r.Join (4, true);
  EXPECT_FALSE (r.Leave (4));
  EXPECT_TRUE (r.Leave (1));
  EXPECT_EQ (r.controller (), 3u);
}

TEST (Roles, ControlCanBeTakenOrGiven)
{
  webdesk::Roles r;
  r.Join (1, true);
  r.Join (2, true);
  r.Join (3, true);
  EXPECT_TRUE (r.Take (2));
  EXPECT_EQ (r.controller (), 2u);
  EXPECT_FALSE (r.Give (1, 3)) << "only the controller gives control";
  EXPECT_TRUE (r.Give (2, 3));
  EXPECT_EQ (r.controller (), 3u);
  EXPECT_FALSE (r.Give (3, 99)) << "nobody to give it to";
  EXPECT_EQ (r.controller (), 3u);
}

TEST (Roles, InputIsEverythingThatActsOnTheDesktop)
{
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kKeyDown));
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kPointerMove));
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kWheel));
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kResize));
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kClipboard));
  EXPECT_TRUE (webdesk::IsInput (ClientMessageType::kText));
  EXPECT_FALSE (webdesk::IsInput (ClientMessageType::kAck));
  EXPECT_FALSE (webdesk::IsInput (ClientMessageType::kStats));
  EXPECT_FALSE (webdesk::IsInput (ClientMessageType::kControl));
}

TEST (HeldInput, WhatIsStillHeldDownIsReleased)
{
  webdesk::HeldInput held;
  ClientMessage shift;
  shift.type = ClientMessageType::kKeyDown;
  shift.key = "Shift_L";
  shift.code = 42;
  held.Track (shift);
  ClientMessage a = shift;
  a.key = "a";
  a.code = 30;
  a.text = "A";
  held.Track (a);
  a.type = ClientMessageType::kKeyUp;
  held.Track (a);  // released by the client itself
  ClientMessage press;
  press.type = ClientMessageType::kPointerDown;
  press.button = 1;
  press.x = 10;
  press.y = 20;
  held.Track (press);
  ClientMessage move;
  move.type = ClientMessageType::kPointerMove;
  move.x = 30;
  move.y = 40;
  held.Track (move);

  const auto releases = held.ReleaseAll ();
  ASSERT_EQ (releases.size (), 2u);
  EXPECT_EQ (releases[0].type, ClientMessageType::kKeyUp);
  EXPECT_EQ (releases[0].key, "Shift_L");
  EXPECT_EQ (releases[0].code, 42u);
  EXPECT_EQ (releases[1].type, ClientMessageType::kPointerUp);
  EXPECT_EQ (releases[1].button, 1);
  EXPECT_EQ (releases[1].x, 30);  // where the pointer is now
  EXPECT_TRUE (held.ReleaseAll ().empty ());
}
