// SPDX-License-Identifier: LGPL-2.1-or-later
// The seat's keyboard with real libwayland-client connections: focus and keys, text typed
// through the keymap, text the layout lacks (a spare key), a viewer's text from another layout,
// and AltGr.
#include <gtest/gtest.h>
#include <linux/input-event-codes.h>
#include <xkbcommon/xkbcommon.h>

#include <string>
#include <vector>

#include "compositor_fixture.h"

using webdesk::testing::CompositorTest;
using webdesk::testing::Window;

namespace {

using KeyboardTest = CompositorTest;

}  // namespace

TEST_F (KeyboardTest, NewestWindowGetsKeyboardFocusAndKeys)
{
  auto c = Connect ();
  ASSERT_TRUE (c->keyboard_);
  EXPECT_TRUE (c->input.got_keymap);
  EXPECT_GT (c->input.keymap_size, 1000u);
  EXPECT_EQ (c->input.repeat_rate, 25);
  Window *w = ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  EXPECT_EQ (c->input.keyboard_focus, w->surface);

  compositor_.Key (KEY_LEFTSHIFT, "", true);
  compositor_.Key (KEY_A, "", true);
  compositor_.Key (KEY_A, "", false);
  compositor_.Key (KEY_LEFTSHIFT, "", false);
  // By name only (no evdev code): looked up in the keymap.
  compositor_.Key (0, "Return", true);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  ASSERT_EQ (c->input.keys_pressed.size (), 3u);
  EXPECT_EQ (c->input.keys_pressed[0], uint32_t (KEY_LEFTSHIFT));
  EXPECT_EQ (c->input.keys_pressed[1], uint32_t (KEY_A));
  EXPECT_EQ (c->input.keys_pressed[2], uint32_t (KEY_ENTER));
  EXPECT_EQ (c->input.keys_released.size (), 2u);
}

TEST_F (KeyboardTest, TextIsTypedWithTheKeymapsKeys)
{
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  compositor_.TypeText ("aB!\n");
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  const std::vector<uint32_t> expected = {KEY_A, KEY_LEFTSHIFT, KEY_B, KEY_LEFTSHIFT, KEY_1,
    KEY_ENTER};
  EXPECT_EQ (c->input.keys_pressed, expected);
  EXPECT_EQ (c->input.keys_released.size (), expected.size ());
  EXPECT_EQ (c->input.mods_depressed, 0u);
  EXPECT_EQ (c->input.keymaps.size (), 1u) << "keys the layout has need no other keymap";
}

// é is not on a US keyboard: the application gets a keymap with é on a spare key, the key, and
// its keymap back (what wtype does).
TEST_F (KeyboardTest, TextTheLayoutLacksIsTypedOnASpareKey)
{
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  compositor_.TypeText ("\u00e9");
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  ASSERT_EQ (c->input.keys_pressed.size (), 1u);
  ASSERT_EQ (c->input.keys_released.size (), 1u);
  ASSERT_EQ (c->input.keymaps.size (), 3u);
  const std::string &during = c->input.keymaps[c->input.keymap_of_press[0]];
  EXPECT_NE (during.find ("eacute"), std::string::npos);
  EXPECT_EQ (c->input.keymaps[2], c->input.keymaps[0]) << "the original keymap is back";
  // The key really is é in the keymap the application had when it was pressed.
  xkb_context *ctx = xkb_context_new (XKB_CONTEXT_NO_FLAGS);
  xkb_keymap *km = xkb_keymap_new_from_string (ctx, during.c_str (), XKB_KEYMAP_FORMAT_TEXT_V1,
      XKB_KEYMAP_COMPILE_NO_FLAGS);
  ASSERT_NE (km, nullptr);
  xkb_state *st = xkb_state_new (km);
  EXPECT_EQ (xkb_state_key_get_utf32 (st, c->input.keys_pressed[0] + 8), 0xe9u);
  xkb_state_unref (st);
  xkb_keymap_unref (km);
  xkb_context_unref (ctx);
}

// A viewer's key comes with the text it typed in the viewer's layout. When the desktop's layout
// would type something else for that key, the text wins: what appears is what was typed.
TEST_F (KeyboardTest, KeyWhoseTextTheLayoutWouldNotTypeIsTypedAsItsText)
{
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  compositor_.Key (KEY_DOT, "greater", true, ">");   // sent without its Shift
  compositor_.Key (KEY_DOT, "greater", false, ">");
  compositor_.Key (KEY_Y, "z", true, "z");  // a German keyboard's Z is the US Y key
  compositor_.Key (KEY_Y, "z", false, "z");
  compositor_.Key (KEY_A, "a", true, "a");  // the layouts agree: the key itself
  compositor_.Key (KEY_A, "a", false, "a");
  compositor_.Key (KEY_LEFTCTRL, "Control_L", true);
  compositor_.Key (KEY_Y, "z", true, "z");  // a shortcut stays the key
  compositor_.Key (KEY_Y, "z", false, "z");
  compositor_.Key (KEY_LEFTCTRL, "Control_L", false);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  const std::vector<uint32_t> expected = {KEY_LEFTSHIFT, KEY_DOT, KEY_Z, KEY_A, KEY_LEFTCTRL,
    KEY_Y};
  EXPECT_EQ (c->input.keys_pressed, expected);
  EXPECT_EQ (c->input.keys_released.size (), expected.size ());
  EXPECT_EQ (c->input.mods_depressed, 0u);
}

// A German viewer's AltGr+Q types "@"; on the US desktop Right Alt is Alt, so the text is typed
// with Right Alt let go around it, and held again after.
TEST_F (KeyboardTest, AltGrTextFromAnotherLayoutIsTypedWithoutAlt)
{
  auto c = Connect ();
  ShowWindow (*c, 0x000000);
  c->Roundtrip ();
  compositor_.Key (KEY_RIGHTALT, "ISO_Level3_Shift", true);
  compositor_.Key (KEY_Q, "at", true, "@");
  compositor_.Key (KEY_Q, "at", false, "@");
  compositor_.Key (KEY_RIGHTALT, "ISO_Level3_Shift", false);
  compositor_.InvokeSync ([] {});
  c->Roundtrip ();
  const std::vector<uint32_t> pressed = {KEY_RIGHTALT, KEY_LEFTSHIFT, KEY_2, KEY_RIGHTALT};
  const std::vector<uint32_t> released = {KEY_RIGHTALT, KEY_2, KEY_LEFTSHIFT, KEY_RIGHTALT};
  EXPECT_EQ (c->input.keys_pressed, pressed);
  EXPECT_EQ (c->input.keys_released, released);
  EXPECT_EQ (c->input.mods_depressed, 0u);
}

