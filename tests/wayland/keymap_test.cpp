// SPDX-License-Identifier: LGPL-2.1-or-later
// The seat's keymap: what a viewer's key names and codes become; and the damage-rectangle cap.
#include <gtest/gtest.h>
#include <linux/input-event-codes.h>
#include <unistd.h>
#include <xkbcommon/xkbcommon-keysyms.h>

#include "frame_copy.h"
#include "keymap.h"

using namespace webdesk::wayland;

TEST (Keymap, KeyNamesBecomeEvdevCodes)
{
  Keymap k;
  ASSERT_TRUE (k.Valid ());
  EXPECT_EQ (k.EvdevCodeForKeyName ("a"), uint32_t (KEY_A));
  EXPECT_EQ (k.EvdevCodeForKeyName ("A"), uint32_t (KEY_A));  // shifted level of the same key
  EXPECT_EQ (k.EvdevCodeForKeyName ("Return"), uint32_t (KEY_ENTER));
  EXPECT_EQ (k.EvdevCodeForKeyName ("Shift_L"), uint32_t (KEY_LEFTSHIFT));
  EXPECT_EQ (k.EvdevCodeForKeyName ("1"), uint32_t (KEY_1));
  EXPECT_EQ (k.EvdevCodeForKeyName ("exclam"), uint32_t (KEY_1));
  EXPECT_EQ (k.EvdevCodeForKeyName ("NoSuchKeyName"), 0u);
}

TEST (Keymap, ShiftIsAModifierAndChangesTheSymbol)
{
  Keymap k;
  EXPECT_EQ (k.KeysymFor (KEY_A), xkb_keysym_t (XKB_KEY_a));
  Modifiers m = k.UpdateKey (KEY_LEFTSHIFT, true);
  EXPECT_NE (m.depressed, 0u);
  EXPECT_EQ (k.KeysymFor (KEY_A), xkb_keysym_t (XKB_KEY_A));
  m = k.UpdateKey (KEY_LEFTSHIFT, false);
  EXPECT_EQ (m.depressed, 0u);
}

// Xwayland passes keycodes up to 255 (evdev 247) to X applications; the US keymap also has
// "dollar" on KEY_DOLLAR (434), which xterm never saw: "$" typed from a page was lost.
TEST (Keymap, EveryPrintableAsciiCharacterIsTypedWithAKeyX11ApplicationsReceive)
{
  Keymap k;
  for (char c = ' '; c <= '~'; c++) {
    uint32_t code = 0;
    bool shift = false;
    ASSERT_TRUE (k.KeyForKeysym (xkb_utf32_to_keysym (uint32_t (c)), &code, &shift)) << c;
    EXPECT_LE (code, 247u) << c;
  }
  uint32_t code = 0;
  bool shift = false;
  ASSERT_TRUE (k.KeyForKeysym (XKB_KEY_dollar, &code, &shift));
  EXPECT_EQ (code, uint32_t (KEY_4));
  EXPECT_TRUE (shift);
  EXPECT_EQ (k.EvdevCodeForKeyName ("dollar"), uint32_t (KEY_4));
}

TEST (Keymap, KeymapFdHoldsTheKeymapText)
{
  Keymap k;
  uint32_t size = 0;
  int fd = k.CreateFd (&size);
  ASSERT_GE (fd, 0);
  EXPECT_EQ (size, k.Text ().size () + 1);
  std::string read_back (size, '\0');
  EXPECT_EQ (pread (fd, read_back.data (), size, 0), ssize_t (size));
  EXPECT_EQ (read_back.c_str (), k.Text ());
  close (fd);
}

TEST (FrameCopy, ManyRectanglesBecomeTheirBoundingBox)
{
  Region r;
  for (int i = 0; i < 10; i++)
    r.Add (i * 10, i * 10, 2, 2);
  EXPECT_EQ (LimitedBoxes (r, 64).size (), 10u);
  auto limited = LimitedBoxes (r, 4);
  ASSERT_EQ (limited.size (), 1u);
  EXPECT_EQ (limited[0].x1, 0);
  EXPECT_EQ (limited[0].x2, 92);
}
